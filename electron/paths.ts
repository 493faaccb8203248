import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The app's root folder (the repo in a clone, the asar in a package): the nearest folder with package.json. */
function findRoot(start: string): string {
  let dir = start;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`package.json not found above ${start}`);
    dir = parent;
  }
  return dir;
}

// Compiled code runs from dist/electron/, sources (tests) from electron/: both find the same root.
export const appRoot = findRoot(path.dirname(fileURLToPath(import.meta.url)));
export const rendererDir = path.join(appRoot, 'dist', 'renderer');
export const preloadFile = path.join(appRoot, 'dist', 'preload', 'preload.cjs');
export const resourcesDir = path.join(appRoot, 'resources');
export const bundledConfigFile = path.join(resourcesDir, 'config.default.json');
export const catalogDir = path.join(resourcesDir, 'catalog');

export function appVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(appRoot, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}
