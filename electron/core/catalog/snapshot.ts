import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { CatalogMeta, CatalogSnapshot } from './model.js';

export const SNAPSHOT_FILE = 'catalog.json.gz';
export const META_FILE = 'meta.json';

/** The content's fingerprint: the same procedures, laws and events always give the same version. */
export function contentVersion(content: Omit<CatalogSnapshot, 'meta'>): string {
  return crypto.createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 16);
}

export function readMeta(dir: string): CatalogMeta | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, META_FILE), 'utf8')) as CatalogMeta;
  } catch {
    return null;
  }
}

export function readSnapshot(dir: string): CatalogSnapshot {
  const raw = zlib.gunzipSync(fs.readFileSync(path.join(dir, SNAPSHOT_FILE)));
  return JSON.parse(raw.toString('utf8')) as CatalogSnapshot;
}

/**
 * Writes the snapshot (gzip) and its meta. Idempotent: when the content is unchanged the files
 * are left as they are, import date included. Returns whether anything was written.
 */
export function writeSnapshot(dir: string, content: Omit<CatalogSnapshot, 'meta'>, importedAt: string): { meta: CatalogMeta; written: boolean } {
  const version = contentVersion(content);
  const existing = readMeta(dir);
  if (existing?.version === version && fs.existsSync(path.join(dir, SNAPSHOT_FILE))) return { meta: existing, written: false };
  const meta: CatalogMeta = {
    version,
    importedAt,
    procedures: content.procedures.length,
    laws: content.laws.length,
    articles: content.laws.reduce((n, l) => n + l.articles.length, 0),
  };
  fs.mkdirSync(dir, { recursive: true });
  const snapshot: CatalogSnapshot = { meta, ...content };
  // Write to a temp file and rename, so a crash never leaves half a catalog.
  const tmp = path.join(dir, `${SNAPSHOT_FILE}.tmp`);
  fs.writeFileSync(tmp, zlib.gzipSync(JSON.stringify(snapshot), { level: 9 }));
  fs.renameSync(tmp, path.join(dir, SNAPSHOT_FILE));
  fs.writeFileSync(path.join(dir, META_FILE), `${JSON.stringify(meta, null, 2)}\n`);
  return { meta, written: true };
}
