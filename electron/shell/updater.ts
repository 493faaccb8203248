/**
 * Updates from the city's own server (config `updates.url`, a generic electron-builder feed).
 * electron-updater reads the channel file and downloads; ../core/update/policy.ts decides whether
 * this device takes the release (channel, staged rollout, a pinned version) and when it may
 * install: outside office hours and never while someone is using the device.
 */
import { autoUpdater } from 'electron-updater';
import { loadCalendar } from '../core/calendar/store.js';
import type { Core } from '../core/index.js';
import { getSetting } from '../core/settings.js';
import { chooseUpdate, installDecision } from '../core/update/policy.js';

export function startUpdater(core: Core, opts: { currentVersion: string; lastInputAt: () => Date | null }): () => void {
  const { updates, mode, kiosk, desk, office } = core.config;
  if (!updates.url) return () => undefined;
  autoUpdater.autoDownload = false;
  autoUpdater.autoInstallOnAppQuit = false;
  autoUpdater.allowDowngrade = Boolean(updates.pinVersion);
  // Rollout is decided by our policy (by the portal's device id), not by electron-updater's own id.
  autoUpdater.isUserWithinRollout = () => true;
  // A pinned version is read from its own folder on the server: <url>/<version>/latest.yml.
  autoUpdater.setFeedURL({ provider: 'generic', url: updates.pinVersion ? `${updates.url}/${updates.pinVersion}` : updates.url });
  autoUpdater.channel = updates.channel === 'pilot' && !updates.pinVersion ? 'pilot' : 'latest';
  let downloaded: string | null = null;

  const check = async () => {
    try {
      const info = (await autoUpdater.checkForUpdates())?.updateInfo;
      if (!info) return;
      const deviceId = getSetting(core.db, 'device.id') ?? core.config.device.slot;
      const choice = chooseUpdate(opts.currentVersion, [{ version: info.version, channel: autoUpdater.channel === 'pilot' ? 'pilot' : 'stable', stagingPercentage: info.stagingPercentage }], updates, deviceId);
      core.log.info('update check', { available: info.version, choice });
      if (choice.action === 'download' && downloaded !== choice.version) {
        await autoUpdater.downloadUpdate();
        downloaded = choice.version;
      }
    } catch (err) {
      core.log.warn('update check failed', { err });
    }
  };

  const tryInstall = () => {
    if (!downloaded) return;
    const decision = installDecision({
      mode,
      now: core.clock.now(),
      calendar: loadCalendar(core.db, office),
      lastInputAt: opts.lastInputAt(),
      idleSeconds: mode === 'kiosk' ? kiosk.idleSeconds : desk.lockMinutes * 60,
    });
    if (decision.install) {
      core.log.info('installing update', { version: downloaded });
      autoUpdater.quitAndInstall(true, true);
    }
  };

  const checkTimer = setInterval(() => void check(), updates.checkMinutes * 60_000);
  const installTimer = setInterval(tryInstall, 60_000);
  void check();
  return () => {
    clearInterval(checkTimer);
    clearInterval(installTimer);
  };
}
