import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../errors.js';
import type { Clock } from '../clock.js';
import { migrations as allMigrations, type Migration } from './migrations/index.js';
import { registerDossierSearch } from '../dossiers/search.js';
import { restrict } from '../modes.js';

export type Db = Database.Database;

export interface OpenResult {
  db: Db;
  /** Where a corrupt file was moved, when it was. */
  movedAside?: string;
  version: number;
}

export interface OpenOptions {
  clock: Clock;
  migrations?: Migration[];
  /**
   * After a run that did not close the database (a crash, a power cut: when writes tear), files up to
   * this size get SQLite's quick_check (a kiosk's 45 MB: a quarter of a second). Any file is checked
   * after a run met corruption (the marker file). Default 256 MB.
   */
  quickCheckMaxBytes?: number;
}

/** Present while the database is open: left behind by a run that did not close it. */
export const OPEN_MARKER = '.open';

/** Closes the database and clears the open marker: the next start knows this run ended cleanly. */
export function closeDatabase(db: Db, file: string): void {
  db.close();
  fs.rmSync(file + OPEN_MARKER, { force: true });
}

/** Left next to the database when a query met corruption: the next start checks the whole file. */
export const CHECK_MARKER = '.needs-check';

/** Records that the database met corruption, so the next start checks it (and moves it aside if it must). */
export function markForCheck(file: string): void {
  try {
    fs.writeFileSync(file + CHECK_MARKER, new Date().toISOString());
  } catch {
    // the disk may be the problem; the next corruption error tries again
  }
}

const CORRUPT_CODES = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT']);

function isCorruption(err: unknown): boolean {
  return CORRUPT_CODES.has((err as { code?: string }).code ?? '');
}

/** Applies pending migrations in one transaction; refuses a database newer than the app. */
export function migrate(db: Db, migrations: Migration[] = allMigrations): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.length ? migrations[migrations.length - 1]!.version : 0;
  if (current > latest) {
    throw new AppError('db_too_new', {
      vi: `Cơ sở dữ liệu được tạo bởi phiên bản mới hơn của ứng dụng (phiên bản dữ liệu ${current}, ứng dụng này hỗ trợ đến ${latest}). Hãy cập nhật Một Cửa; dữ liệu không bị thay đổi.`,
      en: `The database was written by a newer version of the app (data version ${current}, this app supports up to ${latest}). Update Một Cửa; the data was left untouched.`,
    });
  }
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return current;
  db.transaction(() => {
    for (const m of pending) m.up(db);
    db.pragma(`user_version = ${latest}`);
  })();
  return latest;
}

function configure(db: Db): void {
  // What is deleted or overwritten (a delivered payload, a kiosk's filing after its retention) is
  // zeroed in the file, not left in free pages for anyone who copies it.
  db.pragma('secure_delete = ON');
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  // Functions the schema's triggers call: every connection that writes must have them.
  registerDossierSearch(db);
}

function stamp(clock: Clock): string {
  return clock.now().toISOString().replace(/[:.]/g, '-');
}

/** Renames the database and its WAL/SHM files aside; never deletes them (they may hold unsent filings). */
function moveAside(file: string, clock: Clock): string {
  const target = `${file}.corrupt-${stamp(clock)}`;
  fs.renameSync(file, target);
  for (const suffix of ['-wal', '-shm']) {
    if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, target + suffix);
  }
  return target;
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** True when the file is missing, empty, or starts like an SQLite database. */
function hasSqliteHeader(file: string): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return true; // missing: a fresh database will be created
  }
  try {
    const head = Buffer.alloc(SQLITE_HEADER.length);
    const read = fs.readSync(fd, head, 0, head.length, 0);
    return read === 0 || head.equals(SQLITE_HEADER);
  } finally {
    fs.closeSync(fd);
  }
}

function openAndMigrate(file: string, migrations: Migration[], check = false): { db: Db; version: number } {
  const db = new Database(file);
  try {
    // Checked before anything is written (switching to WAL writes the header): a file moved aside
    // is left exactly as it was found.
    db.pragma('busy_timeout = 5000');
    // Reading the schema forces SQLite to read the whole header and catalogue.
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    if (check) {
      // A damaged page elsewhere (a torn write, a failing disk) shows only when read: read them all now.
      const problems = db.pragma('quick_check(1)', { simple: true });
      if (problems !== 'ok') throw Object.assign(new Error(`quick_check: ${String(problems)}`), { code: 'SQLITE_CORRUPT' });
    }
    configure(db);
    const version = migrate(db, migrations);
    return { db, version };
  } catch (err) {
    db.close();
    throw err;
  }
}

/**
 * Opens the install's database: WAL, busy timeout, migrations. A corrupt file is moved
 * aside and a fresh one created; the caller shows a warning with `movedAside`.
 */
export function openDatabase(file: string, { clock, migrations = allMigrations, quickCheckMaxBytes = 256_000_000 }: OpenOptions): OpenResult {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const marked = fs.existsSync(file + CHECK_MARKER);
  const unclean = fs.existsSync(file + OPEN_MARKER);
  const size = fs.existsSync(file) ? fs.statSync(file).size : 0;
  const check = size > 0 && (marked || (unclean && size <= quickCheckMaxBytes));
  const opened = openChecked(file, migrations, clock, check, marked);
  fs.writeFileSync(file + OPEN_MARKER, '', { mode: 0o600 });
  restrict(file + OPEN_MARKER, 0o600);
  return opened;
}

function openChecked(file: string, migrations: Migration[], clock: Clock, check: boolean, marked: boolean): OpenResult {
  // A file that is not SQLite at all is moved before SQLite can touch (and maybe drop) its WAL.
  if (!hasSqliteHeader(file)) {
    const movedAside = moveAside(file, clock);
    return { ...openAndMigrate(file, migrations), movedAside };
  }
  try {
    const result = openAndMigrate(file, migrations, check);
    if (marked) fs.rmSync(file + CHECK_MARKER, { force: true });
    return result;
  } catch (err) {
    if (!isCorruption(err)) throw err;
    const movedAside = moveAside(file, clock);
    fs.rmSync(file + CHECK_MARKER, { force: true });
    return { ...openAndMigrate(file, migrations), movedAside };
  }
}
