/**
 * Updates from the city's own server (config `updates.url`, a generic electron-builder feed).
 * electron-updater reads the channel file and downloads; ../core/update/policy.ts decides whether
 * this device takes the release (channel, staged rollout, a pinned version) and when it may
 * install: outside office hours and never while someone is using the device.
 */
import { autoUpdater } from 'electron-updater';
import { chooseUpdate } from '../core/update/policy.js';
import type { CoreHost } from '../host/protocol.js';

/** The updater runs in the main process; what it needs of the database (the device id, the calendar) the core host answers. */
export function startUpdater(core: CoreHost, opts: { currentVersion: string; lastInputAt: () => Date | null }): () => void {
  if (!core.ready.ok) return () => undefined;
  const { updates, mode, kiosk, desk } = core.ready.config;
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
      const deviceId = await core.task('deviceId', {});
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

  const tryInstall = async () => {
    if (!downloaded) return;
    const decision = await core.task('installDecision', {
      lastInputAt: opts.lastInputAt()?.toISOString() ?? null,
      idleSeconds: mode === 'kiosk' ? kiosk.idleSeconds : desk.lockMinutes * 60,
    });
    if (decision.install) {
      core.log.info('installing update', { version: downloaded });
      autoUpdater.quitAndInstall(true, true);
    }
  };

  const checkTimer = setInterval(() => void check(), updates.checkMinutes * 60_000);
  const installTimer = setInterval(() => void tryInstall().catch((err: unknown) => core.log.warn('update install check failed', { err: (err as Error).message })), 60_000);
  void check();
  return () => {
    clearInterval(checkTimer);
    clearInterval(installTimer);
  };
}
