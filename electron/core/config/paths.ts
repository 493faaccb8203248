import path from 'node:path';

/** Where things live on each OS. Pure: the platform, environment and home dir are passed in. */
export interface PlatformInfo {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  home: string;
}

const APP_DIR = 'MotCua';

/** The machine-wide admin file (written by the installer or Group Policy). */
export function adminConfigPath({ platform, env }: PlatformInfo): string {
  if (env.MOTCUA_ADMIN_CONFIG) return env.MOTCUA_ADMIN_CONFIG;
  if (platform === 'win32') return path.win32.join(env.ProgramData ?? 'C:\\ProgramData', APP_DIR, 'config.json');
  if (platform === 'darwin') return path.posix.join('/Library/Application Support', APP_DIR, 'config.json');
  return '/etc/motcua/config.json';
}

/** The per-user file. */
export function userConfigPath(info: PlatformInfo): string {
  if (info.env.MOTCUA_USER_CONFIG) return info.env.MOTCUA_USER_CONFIG;
  const { platform, env, home } = info;
  if (platform === 'win32') return path.win32.join(env.APPDATA ?? path.win32.join(home, 'AppData', 'Roaming'), APP_DIR, 'config.json');
  if (platform === 'darwin') return path.posix.join(home, 'Library/Application Support', APP_DIR, 'config.json');
  return path.posix.join(env.XDG_CONFIG_HOME ?? path.posix.join(home, '.config'), 'motcua', 'config.json');
}

/**
 * Default data dir: one per machine, whoever is signed in to the OS — a desk used by several officers'
 * Windows logins keeps one database, one attachments folder and one device identity. The installer
 * makes it and gives it to the app's group only (Windows: the local group "MotCua"; Linux: the group
 * `motcua`, folder mode 2770). Electron's userData is set to it, so every transport shares one database.
 */
export function defaultDataDir({ platform, env }: PlatformInfo): string {
  // Beside the admin file, not around it: the app's group may change its data, never its admin config.
  if (platform === 'win32') return path.win32.join(env.ProgramData ?? 'C:\\ProgramData', APP_DIR, 'data');
  if (platform === 'darwin') return path.posix.join('/Library/Application Support', APP_DIR, 'data');
  return '/var/lib/motcua';
}
