/**
 * How this copy of the app was installed, and so who updates it. Pure: the platform, the executable's
 * path, the environment and a file check are passed in (tested without Electron).
 *
 * - nsis: electron-builder's per-machine NSIS installer (an uninstaller beside motcua.exe). Program Files
 *   needs elevation a kiosk's user does not have: the SYSTEM scheduled task "MotCua\Update" that the
 *   installer registers runs `motcua update install` nightly; the app itself never installs.
 * - msi: the MSI, deployed by Group Policy or Intune: updated by deploying the next MSI the same way.
 * - deb: updated by apt (the city's repository, unattended-upgrades or configuration management).
 * - appimage: a file its user owns: the app updates itself (electron-updater).
 * - dev: from a clone (`npm start`): no updates.
 */
import path from 'node:path';

export type InstallKind = 'nsis' | 'msi' | 'deb' | 'appimage' | 'dev';

export interface InstallFacts {
  platform: NodeJS.Platform;
  isPackaged: boolean;
  /** process.execPath: the app's executable. */
  execPath: string;
  env: Record<string, string | undefined>;
  productName: string;
  exists(file: string): boolean;
}

export function installKind(f: InstallFacts): InstallKind {
  if (!f.isPackaged) return 'dev';
  if (f.platform === 'win32') {
    const dir = path.win32.dirname(f.execPath);
    return f.exists(path.win32.join(dir, `Uninstall ${f.productName}.exe`)) ? 'nsis' : 'msi';
  }
  if (f.platform === 'linux') return f.env.APPIMAGE ? 'appimage' : 'deb';
  return 'dev';
}

/** Who updates this install: the app itself, the scheduled task, or the admin's own tooling (and the guide says how). */
export function updateRoute(kind: InstallKind): { inApp: boolean; by: 'app' | 'scheduled-task' | 'gpo-intune' | 'apt' | 'none' } {
  switch (kind) {
    case 'appimage':
      return { inApp: true, by: 'app' };
    case 'nsis':
      return { inApp: false, by: 'scheduled-task' };
    case 'msi':
      return { inApp: false, by: 'gpo-intune' };
    case 'deb':
      return { inApp: false, by: 'apt' };
    default:
      return { inApp: false, by: 'none' };
  }
}
