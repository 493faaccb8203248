import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The app's root folder (the repo in a clone, the asar in a package): dist/electron/ is two levels down. */
export const appRoot = fileURLToPath(new URL('../../', import.meta.url));
export const rendererDir = path.join(appRoot, 'dist', 'renderer');
export const preloadFile = path.join(appRoot, 'dist', 'preload', 'preload.cjs');
export const resourcesDir = path.join(appRoot, 'resources');
export const bundledConfigFile = path.join(resourcesDir, 'config.default.json');

export function appVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(appRoot, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}
