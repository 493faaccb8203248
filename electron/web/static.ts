import fs from 'node:fs';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
};

export function contentType(file: string): string {
  return TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Route trees of the single-page app: anything under them that is not a file gets index.html. */
const APP_ROUTES = ['/kiosk', '/staff', '/print', '/display'];

export interface StaticFile {
  file: string;
  type: string;
  immutable: boolean;
}

/**
 * Maps a URL path to a file of the built renderer, or to index.html for app routes.
 * Never leaves `root` (no `..`, no absolute paths); returns null for anything else.
 */
export function resolveStatic(root: string, urlPath: string): StaticFile | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const index = path.join(root, 'index.html');
  if (decoded === '/' || APP_ROUTES.some((r) => decoded === r || decoded.startsWith(`${r}/`))) {
    return { file: index, type: contentType(index), immutable: false };
  }
  const file = path.resolve(root, `.${path.posix.normalize(decoded)}`);
  if (!file.startsWith(root + path.sep)) return null;
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) return null;
  return { file, type: contentType(file), immutable: decoded.startsWith('/assets/') };
}
