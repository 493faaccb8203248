import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { manualClock } from '../../electron/core/clock.js';
import { CHECK_MARKER, OPEN_MARKER, markForCheck, migrate, openDatabase } from '../../electron/core/db/open.js';
import { latestVersion, migrations, type Migration } from '../../electron/core/db/migrations/index.js';
import { AppError } from '../../electron/core/errors.js';
import { makeCore, seedAnnouncement, tempDir } from '../helpers/core.js';

const clock = manualClock('2026-03-02T09:00:00+07:00');
/** Each test writes and migrates real SQLite files: 5 s was too short on a loaded 2-core CI machine. */
const DISK = { timeout: 30_000 };

describe('database', DISK, () => {
  it('creates a fresh database in WAL mode at the latest version', () => {
    const file = path.join(tempDir(), 'nested', 'motcua.db');
    const { db, version, movedAside } = openDatabase(file, { clock });
    expect(version).toBe(latestVersion);
    expect(movedAside).toBeUndefined();
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('user_version', { simple: true })).toBe(latestVersion);
    db.close();
  });

  it('upgrades an old database, keeping its rows, in one transaction', () => {
    const file = path.join(tempDir(), 'motcua.db');
    openDatabase(file, { clock }).db.close();
    const old = new Database(file);
    old.prepare("INSERT INTO announcements (title, body, source, published_at) VALUES ('cũ', 'giữ lại', 'ward', '2026-01-01T00:00:00Z')").run();
    old.close();

    const next: Migration = {
      version: latestVersion + 1,
      name: 'add-pinned',
      up: (db) => db.exec('ALTER TABLE announcements ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0'),
    };
    const { db, version } = openDatabase(file, { clock, migrations: [...migrations, next] });
    expect(version).toBe(latestVersion + 1);
    expect(db.prepare('SELECT title, pinned FROM announcements').get()).toEqual({ title: 'cũ', pinned: 0 });
    db.close();
  });

  it('006 rebuilds the outbox for appointment changes, keeping every waiting item and its id', () => {
    const file = path.join(tempDir(), 'motcua.db');
    const before = openDatabase(file, { clock, migrations: migrations.filter((m) => m.version <= 5) }).db;
    const insert = before.prepare("INSERT INTO outbox (kind, idempotency_key, stream, payload, state, next_attempt_at, created_at) VALUES (?, ?, 's1', '{}', 'pending', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')");
    insert.run('dossier.submit', 'k-1');
    insert.run('heartbeat', 'k-2');
    expect(() => insert.run('dossier.appointment', 'k-3')).toThrow(/CHECK/);
    before.close();
    const { db, version } = openDatabase(file, { clock });
    expect(version).toBe(latestVersion);
    expect(db.prepare('SELECT id, kind, idempotency_key FROM outbox ORDER BY id').all()).toEqual([
      { id: 1, kind: 'dossier.submit', idempotency_key: 'k-1' },
      { id: 2, kind: 'heartbeat', idempotency_key: 'k-2' },
    ]);
    const after = db.prepare("INSERT INTO outbox (kind, idempotency_key, stream, payload, state, next_attempt_at, created_at) VALUES (?, ?, 's1', '{}', 'pending', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')");
    expect(after.run('dossier.appointment', 'k-3').lastInsertRowid).toBe(3);
    expect(() => after.run('something.else', 'k-4')).toThrow(/CHECK/);
    db.close();
  });

  it('012 rebuilds the outbox for what a desk says for its ward, keeping every waiting item and its id', () => {
    const file = path.join(tempDir(), 'motcua.db');
    const before = openDatabase(file, { clock, migrations: migrations.filter((m) => m.version <= 11) }).db;
    const insert = before.prepare("INSERT INTO outbox (kind, idempotency_key, stream, payload, state, next_attempt_at, created_at) VALUES (?, ?, 's1', '{}', 'pending', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')");
    insert.run('dossier.appointment', 'k-1');
    expect(() => insert.run('ward.day', 'k-2')).toThrow(/CHECK/);
    before.close();
    const { db } = openDatabase(file, { clock });
    expect(db.prepare('SELECT id, kind, idempotency_key FROM outbox ORDER BY id').all()).toEqual([{ id: 1, kind: 'dossier.appointment', idempotency_key: 'k-1' }]);
    const after = db.prepare("INSERT INTO outbox (kind, idempotency_key, stream, payload, state, next_attempt_at, created_at) VALUES (?, ?, 's1', '{}', 'pending', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')");
    expect(after.run('ward.day', 'k-2').lastInsertRowid).toBe(2);
    expect(after.run('ward.announcement', 'k-3').lastInsertRowid).toBe(3);
    db.close();
  });

  it('rolls back every pending migration when one fails', () => {
    const file = path.join(tempDir(), 'motcua.db');
    const failing: Migration[] = [
      ...migrations,
      { version: latestVersion + 1, name: 'ok', up: (db) => db.exec('CREATE TABLE t1 (x INTEGER) STRICT') },
      { version: latestVersion + 2, name: 'broken', up: (db) => db.exec('CREATE TABLE oops (') },
    ];
    expect(() => openDatabase(file, { clock, migrations: failing })).toThrow();
    const db = new Database(file);
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name IN ('t1', 'announcements')").get()).toEqual({ n: 0 });
    db.close();
  });

  it('refuses a database from a newer app with a clear message, and leaves it alone', () => {
    const file = path.join(tempDir(), 'motcua.db');
    const db = new Database(file);
    db.pragma(`user_version = ${latestVersion + 5}`);
    db.close();
    let err: unknown;
    try {
      openDatabase(file, { clock });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('db_too_new');
    expect((err as AppError).messages.vi).toContain('phiên bản mới hơn');
    expect(fs.existsSync(file)).toBe(true);
    const again = new Database(file);
    expect(again.pragma('user_version', { simple: true })).toBe(latestVersion + 5);
    again.close();
  });

  it('moves a corrupt file aside (never deletes it) and starts fresh with a warning', async () => {
    const dir = tempDir();
    const dataDir = path.join(dir, 'data');
    fs.mkdirSync(dataDir);
    const garbage = Buffer.from('this is not a database, but it may hold unsent filings '.repeat(200));
    fs.writeFileSync(path.join(dataDir, 'motcua.db'), garbage);
    fs.writeFileSync(path.join(dataDir, 'motcua.db-wal'), 'wal bytes');

    const { core } = makeCore({ dataDir });
    const info = await core.call('app.info', {});
    expect(info.warnings).toHaveLength(1);
    expect(info.warnings[0]!.code).toBe('db_corrupt_moved');
    expect(info.warnings[0]!.message.vi).toContain('chuyển sang một bên');
    const moved = info.warnings[0]!.detail!;
    expect(fs.readFileSync(moved)).toEqual(garbage);
    expect(fs.readFileSync(`${moved}-wal`, 'utf8')).toBe('wal bytes');
    // The fresh database works.
    seedAnnouncement(core, { title: 'Mới', body: 'Dữ liệu mới' });
    expect(await core.call('announcements.list', {})).toHaveLength(1);
    core.close();
  });

  it('is a no-op to migrate an up-to-date database', () => {
    const file = path.join(tempDir(), 'motcua.db');
    const { db } = openDatabase(file, { clock });
    expect(migrate(db)).toBe(latestVersion);
    db.close();
  });
});

describe('database with a damaged page', DISK, () => {
  it('moves a file with a valid header but a corrupt schema page aside', () => {
    const dir = tempDir();
    const file = path.join(dir, 'motcua.db');
    const { db } = openDatabase(file, { clock });
    db.pragma('journal_mode = DELETE');
    db.close();
    const bytes = fs.readFileSync(file);
    bytes.fill(0xff, 100, 1024); // keep the 100-byte header, wreck the schema page
    fs.writeFileSync(file, bytes);
    const opened = openDatabase(file, { clock });
    expect(opened.movedAside).toMatch(/motcua\.db\.corrupt-/);
    expect(fs.readFileSync(opened.movedAside!)).toEqual(bytes);
    expect(opened.version).toBe(latestVersion);
    opened.db.close();
  });

  /**
   * A table's leaf pages overwritten, as a torn write or a failing disk leaves them; the header and
   * schema intact. The database is not closed through closeDatabase: the run ended as a crash does.
   */
  function tear(file: string): Buffer {
    const { db } = openDatabase(file, { clock });
    db.exec('CREATE TABLE filler (x TEXT); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200) INSERT INTO filler SELECT hex(randomblob(500)) FROM n;');
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const pages = db.prepare<[], { pageno: number }>("SELECT pageno FROM dbstat WHERE name = 'filler' AND pagetype = 'leaf'").all();
    db.pragma('journal_mode = DELETE');
    db.close();
    const bytes = fs.readFileSync(file);
    for (const { pageno } of pages.slice(0, 5)) bytes.fill(0xa5, (pageno - 1) * pageSize, pageno * pageSize);
    fs.writeFileSync(file, bytes);
    return bytes;
  }

  it('after a run that did not close it, checks a small file’s every page at start and moves a torn one aside', () => {
    const file = path.join(tempDir(), 'motcua.db');
    const bytes = tear(file);
    const opened = openDatabase(file, { clock });
    expect(opened.movedAside).toMatch(/motcua\.db\.corrupt-/);
    expect(fs.readFileSync(opened.movedAside!)).toEqual(bytes);
    opened.db.close();
  });

  it('a file closed cleanly is not read whole at start', () => {
    const file = path.join(tempDir(), 'motcua.db');
    tear(file);
    fs.rmSync(file + OPEN_MARKER);
    const opened = openDatabase(file, { clock });
    expect(opened.movedAside).toBeUndefined();
    opened.db.close();
  });

  it('a large file skips the start-up check until a query met corruption; then the next start checks it', () => {
    const file = path.join(tempDir(), 'motcua.db');
    tear(file);
    const big = openDatabase(file, { clock, quickCheckMaxBytes: 0 });
    expect(big.movedAside).toBeUndefined();
    expect(() => big.db.prepare('SELECT count(*) FROM filler').get()).toThrow();
    big.db.close();
    markForCheck(file);
    const next = openDatabase(file, { clock, quickCheckMaxBytes: 0 });
    expect(next.movedAside).toMatch(/motcua\.db\.corrupt-/);
    expect(fs.existsSync(file + CHECK_MARKER)).toBe(false);
    next.db.close();
  });
});
