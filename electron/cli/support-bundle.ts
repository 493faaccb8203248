/**
 * `motcua support-bundle`: one .tar.gz an IT admin can send to support — the doctor report, the
 * logs, the sync state — with personal data (names, addresses, ID and phone numbers, emails)
 * redacted once more on the way out, whatever an older log line may still hold.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import Database from 'better-sqlite3';
import type { LoadedConfig } from '../core/config/load.js';
import { DB_FILE } from '../core/index.js';
import { listParked } from '../core/sync/outbox.js';
import { redact } from '../core/log.js';
import { doctor } from './doctor.js';

interface Entry {
  name: string;
  content: Buffer;
}

/** A ustar archive: 512-byte header per file, content padded to 512, two empty blocks at the end. */
function tar(entries: Entry[], mtime: Date): Buffer {
  const blocks: Buffer[] = [];
  const octal = (n: number, width: number) => `${n.toString(8).padStart(width - 1, '0')}\0`;
  for (const e of entries) {
    const h = Buffer.alloc(512);
    h.write(e.name.slice(0, 99), 0, 'utf8');
    h.write(octal(0o644, 8), 100);
    h.write(octal(0, 8), 108);
    h.write(octal(0, 8), 116);
    h.write(octal(e.content.length, 12), 124);
    h.write(octal(Math.floor(mtime.getTime() / 1000), 12), 136);
    h.write(' '.repeat(8), 148);
    h.write('0', 156);
    h.write('ustar\0', 257);
    h.write('00', 263);
    h.write('motcua', 265);
    h.write('motcua', 297);
    let sum = 0;
    for (const b of h) sum += b;
    h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
    blocks.push(h, e.content, Buffer.alloc((512 - (e.content.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

const redactText = (text: string) => text.split('\n').map(redact).join('\n');

/** Collects the bundle, reading only: the database (if any) is opened read-only, nothing is created but `out`. */
export async function supportBundle(loaded: LoadedConfig, o: { version: string; systemProxy?: string | null }, out: string): Promise<{ file: string; entries: string[] }> {
  const now = new Date();
  const report = await doctor(loaded, o);
  const entries: Entry[] = [{ name: 'doctor.json', content: Buffer.from(redactText(JSON.stringify(report, null, 2))) }];
  // The machine's admin reads the outbox directly (the desk's `sync.outbox` is for a signed-in officer).
  const dbFile = path.join(loaded.config.dataDir, DB_FILE);
  let parked: unknown[] = [];
  if (report.database.state === 'ok' || report.database.state === 'older') {
    const db = new Database(dbFile, { readonly: true, fileMustExist: true, timeout: 5000 });
    try {
      parked = listParked(db).map((i) => ({ id: i.id, kind: i.kind, stream: i.stream, attempts: i.attempts, lastError: i.lastError, createdAt: i.createdAt }));
    } catch (err) {
      parked = [{ error: (err as Error).message }];
    } finally {
      db.close();
    }
  }
  const sync = { lastSyncAt: report.sync.lastSyncAt, portal: report.portal, outbox: { pending: report.outbox.pending, oldestPendingAt: report.outbox.oldestPendingAt, parked } };
  entries.push({ name: 'sync.json', content: Buffer.from(redactText(JSON.stringify(sync, null, 2))) });
  const logDir = path.join(loaded.config.dataDir, 'logs');
  if (fs.existsSync(logDir)) {
    for (const f of fs.readdirSync(logDir).filter((n) => n.startsWith('motcua.log')).sort()) {
      entries.push({ name: `logs/${f}`, content: Buffer.from(redactText(fs.readFileSync(path.join(logDir, f), 'utf8'))) });
    }
  }
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  fs.writeFileSync(out, zlib.gzipSync(tar(entries, now)));
  return { file: out, entries: entries.map((e) => e.name) };
}
