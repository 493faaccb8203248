/**
 * Updates from the city's own server (config `updates.url`, a generic electron-builder feed).
 * electron-updater reads the channel file and downloads; ../core/update/policy.ts decides whether
 * this device takes the release (channel, staged rollout, a pinned version) and when it may
 * install: outside office hours and never while someone is using the device.
 *
 * Who installs depends on how the app was installed (install-kind.ts): a per-machine NSIS install is
 * in Program Files, which a kiosk's limited user cannot write — its updates are installed by the
 * SYSTEM scheduled task the installer registers (`motcua update install`, nightly), never by the
 * app; an MSI is updated by Group Policy or Intune and a deb by apt; an AppImage updates itself.
 */
import { autoUpdater } from 'electron-updater';
import { chooseUpdate, type UpdateChoice } from '../core/update/policy.js';
import type { CoreHost } from '../host/protocol.js';
import type { Config } from '../core/config/schema.js';

/** The channel file a device reads: pilot devices read beta.yml (written by pilot and stable builds), the others latest.yml. */
export function updaterChannel(updates: Config['updates']): 'latest' | 'beta' {
  return updates.channel === 'pilot' && !updates.pinVersion ? 'beta' : 'latest';
}

function configure(updates: Config['updates']): void {
  autoUpdater.autoDownload = false;
  autoUpdater.autoInstallOnAppQuit = false;
  autoUpdater.allowDowngrade = Boolean(updates.pinVersion);
  // Rollout is decided by our policy (by the portal's device id), not by electron-updater's own id.
  autoUpdater.isUserWithinRollout = () => true;
  // A pinned version is read from its own folder on the server: <url>/<version>/latest.yml.
  autoUpdater.setFeedURL({ provider: 'generic', url: updates.pinVersion ? `${updates.url}/${updates.pinVersion}` : updates.url });
  autoUpdater.channel = updaterChannel(updates);
}

/** Checks the feed and downloads what the policy chooses; resolves with the choice. */
async function checkAndDownload(core: CoreHost, updates: Config['updates'], currentVersion: string): Promise<UpdateChoice & { available: string | null }> {
  const info = (await autoUpdater.checkForUpdates())?.updateInfo;
  if (!info) return { action: 'none', reason: 'up_to_date', available: null };
  const deviceId = await core.task('deviceId', {});
  const channel = /-/.test(info.version) ? 'pilot' : 'stable';
  const choice = chooseUpdate(currentVersion, [{ version: info.version, channel, stagingPercentage: info.stagingPercentage }], updates, deviceId);
  core.log.info('update check', { available: info.version, choice });
  if (choice.action === 'download') await autoUpdater.downloadUpdate();
  return { ...choice, available: info.version };
}

/**
 * One update run, for the SYSTEM scheduled task of a per-machine install (`motcua update install`):
 * check, download, and install now if the policy allows (outside office hours). The installer closes
 * the running app; the kiosk's shell (Shell Launcher, cage's service) starts it again.
 */
export async function updateOnce(core: CoreHost, o: { currentVersion: string }): Promise<{ available: string | null; choice: UpdateChoice['action']; installing: boolean; reason?: string }> {
  if (!core.ready.ok || !core.ready.config.updates.url) return { available: null, choice: 'none', installing: false, reason: 'no updates.url' };
  const { updates, mode, kiosk, desk } = core.ready.config;
  configure(updates);
  const choice = await checkAndDownload(core, updates, o.currentVersion);
  if (choice.action !== 'download') return { available: choice.available, choice: 'none', installing: false, reason: choice.reason };
  const decision = await core.task('installDecision', { lastInputAt: null, idleSeconds: mode === 'kiosk' ? kiosk.idleSeconds : desk.lockMinutes * 60 });
  if (!decision.install) return { available: choice.available, choice: 'download', installing: false, reason: decision.reason };
  core.log.info('installing update', { version: choice.version, by: 'scheduled task' });
  // Silent, and the app is not started by the task (it would run as SYSTEM): the kiosk's shell does.
  autoUpdater.quitAndInstall(true, false);
  return { available: choice.available, choice: 'download', installing: true };
}

/** The in-app updater (an AppImage, which its own user can replace): checks periodically, installs when allowed. */
export function startUpdater(core: CoreHost, opts: { currentVersion: string; lastInputAt: () => Date | null }): () => void {
  if (!core.ready.ok) return () => undefined;
  const { updates, mode, kiosk, desk } = core.ready.config;
  if (!updates.url) return () => undefined;
  configure(updates);
  let downloaded: string | null = null;

  const check = async () => {
    try {
      const choice = await checkAndDownload(core, updates, opts.currentVersion);
      if (choice.action === 'download') downloaded = choice.version;
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
