/**
 * Backups of a device: the database (SQLite's online backup — a consistent copy while the app keeps
 * working), the attachments (scans and photos, named by their SHA-256, so an unchanged file is
 * hard-linked to the previous backup's copy instead of copied again) and the device file (its
 * identity, the audit key without which the audit chain cannot be verified, the sequence
 * reservations). One folder per backup, `motcua-backup-<ward>-<slot>-<time>`, with a manifest; the
 * newest `backup.keep` are kept. Restoring puts them into an empty data dir.
 *
 * A backup holds personal data and the device's keys: its folders and files are the app's account's
 * only (700/600), and the share it goes to must be as closed (see the admin guide).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Db } from './db/open.js';
import { AppError } from './errors.js';
import { restrict } from './modes.js';
import { addDays, vnDay, vnInstant, vnLocalIso } from './time.js';

export const BACKUP_PREFIX = 'motcua-backup-';
const MANIFEST = 'manifest.json';
const DB_NAME = 'motcua.db';

export interface BackupManifest {
  format: 1;
  createdAt: string;
  appVersion: string;
  ward: string;
  slot: string;
  mode: 'kiosk' | 'staff';
  dbVersion: number;
  dbSha256: string;
  attachments: number;
  deviceFile: boolean;
}

export interface BackupResult {
  dir: string;
  manifest: BackupManifest;
  /** Attachments copied, and those linked to the previous backup's identical file. */
  copied: number;
  linked: number;
  /** Older backups removed to keep `keep`. */
  removed: string[];
}

function sha256File(file: string): string {
  const hash = crypto.createHash('sha256');
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(1 << 20);
    for (let n; (n = fs.readSync(fd, buf, 0, buf.length, null)) > 0; ) hash.update(buf.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}

/** The backups in `dir`, oldest first. */
export function listBackups(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((n) => n.startsWith(BACKUP_PREFIX) && fs.existsSync(path.join(dir, n, MANIFEST)))
    .sort();
}

/** When the newest complete backup in `dir` was made (ISO), or null. */
export function lastBackup(dir: string): string | null {
  const newest = listBackups(dir).at(-1);
  if (!newest) return null;
  try {
    return (JSON.parse(fs.readFileSync(path.join(dir, newest, MANIFEST), 'utf8')) as BackupManifest).createdAt;
  } catch {
    return null;
  }
}

/**
 * Backs the device up into a new folder under `to`. The database copy is made by SQLite's online
 * backup from the open connection; writes go on meanwhile. The folder appears under its final name only
 * when complete (written as `.partial` and renamed), so a cut-off backup is never taken for a good one.
 */
export async function backup(
  db: Db,
  o: { dataDir: string; to: string; now: Date; appVersion: string; ward: string; slot: string; mode: 'kiosk' | 'staff'; keep: number },
): Promise<BackupResult> {
  fs.mkdirSync(o.to, { recursive: true, mode: 0o700 });
  const stamp = vnLocalIso(o.now).slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  const name = `${BACKUP_PREFIX}${o.ward}-${o.slot}-${stamp}`;
  const final = path.join(o.to, name);
  const work = `${final}.partial`;
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { mode: 0o700 });
  const previous = listBackups(o.to).at(-1);
  try {
    await db.backup(path.join(work, DB_NAME));
    fs.chmodSync(path.join(work, DB_NAME), 0o600);
    const copy = new Database(path.join(work, DB_NAME), { readonly: true });
    let dbVersion: number;
    try {
      const check = copy.pragma('quick_check(1)', { simple: true });
      if (check !== 'ok') throw new Error(`the copy fails SQLite's check: ${String(check)}`);
      dbVersion = copy.pragma('user_version', { simple: true }) as number;
    } finally {
      copy.close();
    }
    let copied = 0;
    let linked = 0;
    const src = path.join(o.dataDir, 'attachments');
    const files = fs.existsSync(src) ? fs.readdirSync(src).filter((f) => !f.endsWith('.tmp')) : [];
    if (files.length) fs.mkdirSync(path.join(work, 'attachments'), { mode: 0o700 });
    for (const f of files) {
      const target = path.join(work, 'attachments', f);
      const before = previous ? path.join(o.to, previous, 'attachments', f) : null;
      try {
        if (!before || !fs.existsSync(before)) throw new Error('no previous copy');
        fs.linkSync(before, target);
        linked++;
      } catch {
        fs.copyFileSync(path.join(src, f), target);
        fs.chmodSync(target, 0o600);
        copied++;
      }
    }
    const deviceFile = path.join(o.dataDir, 'device', 'device.json');
    const hasDevice = fs.existsSync(deviceFile);
    if (hasDevice) {
      fs.mkdirSync(path.join(work, 'device'), { mode: 0o700 });
      fs.copyFileSync(deviceFile, path.join(work, 'device', 'device.json'));
      fs.chmodSync(path.join(work, 'device', 'device.json'), 0o600);
    }
    const manifest: BackupManifest = {
      format: 1,
      createdAt: o.now.toISOString(),
      appVersion: o.appVersion,
      ward: o.ward,
      slot: o.slot,
      mode: o.mode,
      dbVersion,
      dbSha256: sha256File(path.join(work, DB_NAME)),
      attachments: files.length,
      deviceFile: hasDevice,
    };
    fs.writeFileSync(path.join(work, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
    fs.renameSync(work, final);
    const all = listBackups(o.to);
    const removed = all.slice(0, Math.max(0, all.length - o.keep));
    for (const old of removed) fs.rmSync(path.join(o.to, old), { recursive: true, force: true });
    return { dir: final, manifest, copied, linked, removed };
  } catch (err) {
    fs.rmSync(work, { recursive: true, force: true });
    throw err;
  }
}

const refuse = (vi: string, en: string, field?: string) => new AppError('validation', { vi, en }, { field });

/**
 * Restores a backup folder into `dataDir`, which must hold no database (a fresh data dir, or a
 * replacement machine's): the database (checked against the manifest's SHA-256 and SQLite's own
 * check), the attachments and the device file. The app then starts on it as on its own data.
 */
export function restore(from: string, dataDir: string): BackupManifest {
  const manifestFile = path.join(from, MANIFEST);
  if (!fs.existsSync(manifestFile)) throw refuse(`${from} không phải bản sao lưu của Một Cửa (thiếu ${MANIFEST}).`, `${from} is not a Một Cửa backup (no ${MANIFEST}).`, 'from');
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as BackupManifest;
  const dbCopy = path.join(from, DB_NAME);
  if (!fs.existsSync(dbCopy) || sha256File(dbCopy) !== manifest.dbSha256) {
    throw refuse('Tệp dữ liệu trong bản sao lưu bị thiếu hoặc đã bị thay đổi (sai mã SHA-256).', 'The database in the backup is missing or was changed (SHA-256 mismatch).', 'from');
  }
  if (fs.existsSync(path.join(dataDir, DB_NAME))) {
    throw refuse(
      `Thư mục dữ liệu ${dataDir} đã có cơ sở dữ liệu: khôi phục chỉ vào thư mục trống (chuyển thư mục cũ sang chỗ khác trước).`,
      `The data dir ${dataDir} already has a database: restore only into an empty one (move the old folder aside first).`,
      'data-dir',
    );
  }
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  restrict(dataDir, 0o700);
  const target = path.join(dataDir, DB_NAME);
  fs.copyFileSync(dbCopy, `${target}.restoring`);
  restrict(`${target}.restoring`, 0o600);
  const attachments = path.join(from, 'attachments');
  if (fs.existsSync(attachments)) {
    fs.mkdirSync(path.join(dataDir, 'attachments'), { recursive: true, mode: 0o700 });
    restrict(path.join(dataDir, 'attachments'), 0o700);
    for (const f of fs.readdirSync(attachments)) {
      fs.copyFileSync(path.join(attachments, f), path.join(dataDir, 'attachments', f));
      restrict(path.join(dataDir, 'attachments', f), 0o600);
    }
  }
  if (manifest.deviceFile) {
    fs.mkdirSync(path.join(dataDir, 'device'), { recursive: true, mode: 0o700 });
    restrict(path.join(dataDir, 'device'), 0o700);
    fs.copyFileSync(path.join(from, 'device', 'device.json'), path.join(dataDir, 'device', 'device.json'));
    restrict(path.join(dataDir, 'device', 'device.json'), 0o600);
  }
  // The database last: a restore cut off midway leaves no database, so it can simply be run again.
  fs.renameSync(`${target}.restoring`, target);
  return manifest;
}

/** The next daily backup at `time` ("HH:MM", Vietnam time) after `now`. */
export function nextBackupAt(now: Date, time: string): Date {
  const today = vnInstant(vnDay(now), time);
  return today.getTime() > now.getTime() ? today : vnInstant(addDays(vnDay(now), 1), time);
}
