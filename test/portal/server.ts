/**
 * The reference city portal: a real HTTP server with its own SQLite that implements
 * resources/portal-openapi.json, for development, demos and tests. Not shipped in packages.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createAlerter, DEFAULT_THRESHOLDS, deviceHealth, fleetMetrics, fleetPage, loginPage, type AlertSettings, type ExpectedRow, type FleetRow, type FleetThresholds } from './fleet.js';
import { readSnapshot } from '../../electron/core/catalog/snapshot.js';
import { isLegalTransition } from '../../electron/core/dossiers/lifecycle.js';
import { APPOINTMENT_MOVABLE } from '../../electron/core/dossiers/clock.js';
import { maskName, papersToBring, statusTimeline } from '../../electron/core/dossiers/tracking.js';
import { PORTAL_MAX_BODY_BYTES, type DossierStatus } from '../../electron/core/sync/portal-types.js';
import { describeAjvError, loadOpenApi, type Route } from './openapi.js';
import { restrict } from '../../electron/core/device/store.js';

export interface ReferencePortalOptions {
  dataDir: string;
  catalogDir?: string;
  adminToken?: string;
  host?: string;
  port?: number;
  now?: () => Date;
  /** Check every response against the document too (tests). */
  validateResponses?: boolean;
  /** The fleet's thresholds until an admin changes them on the fleet page. */
  thresholds?: Partial<FleetThresholds>;
  /** Where alerts go when a device turns red (and back). */
  alerts?: AlertSettings;
  /** How often device health is checked for alerts. @default 60000 */
  alertIntervalMs?: number;
}

export interface ReferencePortal {
  url: string;
  port: number;
  adminToken: string;
  db: Database.Database;
  close(): Promise<void>;
  /**
   * Direct admin actions for tests and the CLI. A code is bound to the ward and the mode; `slot`
   * binds it to one slot too (as `motcua provision` always does; without one — demos and tests — it
   * registers any slot), `replace` makes it a replacement's, `expiresInDays` (14) its life.
   */
  createEnrollment(wardCode: string, mode: 'kiosk' | 'staff', slot?: string, options?: { replace?: boolean; expiresInDays?: number }): string;
  /** Checks every device's health now and sends the alerts due (also run on a timer and after each heartbeat). */
  checkAlerts(): Promise<void>;
  /** A staff account the portal manages; desks receive it through the staff-accounts feed. */
  upsertStaff(account: { username: string; displayName: string; roles: string[]; active: boolean; passwordHash?: string | null }): void;
  requests: { count: number; byOperation: Record<string, number> };
}

class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly field?: string,
  ) {
    super(title);
  }
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS enrollments (code TEXT PRIMARY KEY, ward_code TEXT NOT NULL, mode TEXT, used_by TEXT);
  CREATE TABLE IF NOT EXISTS devices (device_id TEXT PRIMARY KEY, ward_code TEXT NOT NULL, mode TEXT NOT NULL, app_version TEXT, token TEXT NOT NULL UNIQUE,
    revoked INTEGER NOT NULL DEFAULT 0, last_seen_at TEXT, heartbeat TEXT);
  CREATE TABLE IF NOT EXISTS slot_sequences (ward_code TEXT NOT NULL, slot TEXT NOT NULL, key TEXT NOT NULL, last INTEGER NOT NULL, PRIMARY KEY (ward_code, slot, key));
  CREATE TABLE IF NOT EXISTS fleet_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS alert_state (device_id TEXT PRIMARY KEY, level TEXT NOT NULL, at TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS catalog_items (kind TEXT NOT NULL, key TEXT NOT NULL, data TEXT, removed INTEGER NOT NULL DEFAULT 0, seq INTEGER NOT NULL,
    PRIMARY KEY (kind, key));
  CREATE INDEX IF NOT EXISTS catalog_items_seq ON catalog_items (seq);
  CREATE TABLE IF NOT EXISTS dossiers (code TEXT PRIMARY KEY, client_key TEXT NOT NULL UNIQUE, device_id TEXT NOT NULL, ward_code TEXT NOT NULL,
    submission TEXT NOT NULL, status TEXT NOT NULL, status_at TEXT NOT NULL, appointment_at TEXT, received_at TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS dossier_events (seq INTEGER PRIMARY KEY AUTOINCREMENT, code TEXT NOT NULL, ward_code TEXT NOT NULL, status TEXT NOT NULL,
    status_at TEXT NOT NULL, note TEXT, appointment_at TEXT, is_new INTEGER NOT NULL DEFAULT 0, client_key TEXT);
  CREATE INDEX IF NOT EXISTS dossier_events_ward ON dossier_events (ward_code, seq);
  CREATE TABLE IF NOT EXISTS transitions (code TEXT NOT NULL, client_key TEXT NOT NULL UNIQUE, body TEXT NOT NULL, applied_at TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS idempotency (key TEXT PRIMARY KEY, operation TEXT NOT NULL, status INTEGER NOT NULL, response TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS feedback (client_key TEXT PRIMARY KEY, data TEXT NOT NULL, tracking_code TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS ratings (client_key TEXT PRIMARY KEY, data TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS staff (username TEXT PRIMARY KEY, data TEXT NOT NULL, seq INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS audit_heads (id INTEGER PRIMARY KEY, device_id TEXT NOT NULL, seq INTEGER NOT NULL, hash TEXT NOT NULL, at TEXT NOT NULL, recovery_at TEXT);
  CREATE INDEX IF NOT EXISTS audit_heads_device ON audit_heads (device_id, id);
`;

const PAGE_DEFAULT = 500;

export async function startReferencePortal(options: ReferencePortalOptions): Promise<ReferencePortal> {
  const { routes } = loadOpenApi();
  const now = options.now ?? (() => new Date());
  const adminToken = options.adminToken ?? crypto.randomBytes(16).toString('hex');
  // The portal holds every ward's applicants: its folder and files are readable by its user only.
  fs.mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  restrict(options.dataDir, 0o700);
  const dbFile = path.join(options.dataDir, 'portal.db');
  if (!fs.existsSync(dbFile)) fs.closeSync(fs.openSync(dbFile, 'a', 0o600));
  const db = new Database(dbFile);
  db.pragma('journal_mode = WAL');
  for (const suffix of ['', '-wal', '-shm']) restrict(dbFile + suffix, 0o600);
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  // Columns added since the first reference portals: an older portal.db gets them.
  const addColumns = (table: string, columns: Record<string, string>) => {
    const have = new Set(db.prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${table}')`).all().map((c) => c.name));
    for (const [name, type] of Object.entries(columns)) if (!have.has(name)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${name} ${type}`);
  };
  addColumns('enrollments', { slot: 'TEXT', created_at: 'TEXT', expires_at: 'TEXT', replace_slot: 'INTEGER NOT NULL DEFAULT 0' });
  addColumns('devices', { slot: 'TEXT', hostname: 'TEXT', last_ip: 'TEXT', lan_key_hash: 'TEXT', revoked_reason: 'TEXT', feed_seq: 'INTEGER NOT NULL DEFAULT 0' });
  const requests = { count: 0, byOperation: {} as Record<string, number> };
  const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
  /** The fleet's thresholds: the page's form, else the portal's options, else the defaults. */
  const thresholds = (): FleetThresholds => {
    const saved = db.prepare<[], { value: string }>("SELECT value FROM fleet_settings WHERE key = 'thresholds'").get();
    return { ...DEFAULT_THRESHOLDS, ...options.thresholds, ...(saved ? (JSON.parse(saved.value) as Partial<FleetThresholds>) : {}) };
  };

  const nextSeq = (name: string): number =>
    db.prepare<[string], { value: number }>('INSERT INTO counters (name, value) VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value').get(name)!.value;
  const putCatalogItem = (kind: string, key: string, data: unknown, removed = false) =>
    db.prepare('INSERT INTO catalog_items (kind, key, data, removed, seq) VALUES (?, ?, ?, ?, ?) ON CONFLICT (kind, key) DO UPDATE SET data = excluded.data, removed = excluded.removed, seq = excluded.seq')
      .run(kind, key, data === null ? null : JSON.stringify(data), removed ? 1 : 0, nextSeq('catalog'));

  // Seed the catalog from the bundle once.
  const seeded = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM catalog_items').get()!.n > 0;
  if (!seeded && options.catalogDir) {
    const snapshot = readSnapshot(options.catalogDir);
    db.transaction(() => {
      for (const p of snapshot.procedures) putCatalogItem('procedure', p.code, p);
      for (const l of snapshot.laws) putCatalogItem('law', l.id, l);
      putCatalogItem('lifeEvents', 'all', snapshot.lifeEvents);
      putCatalogItem('version', 'catalog', snapshot.meta.version);
    })();
  }

  const deviceFor = (req: http.IncomingMessage) => {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const device = token ? db.prepare<[string], { device_id: string; ward_code: string; mode: string; slot: string | null; revoked: number; revoked_reason: string | null }>('SELECT * FROM devices WHERE token = ?').get(token) : undefined;
    if (!device) throw new HttpProblem(401, 'Thiết bị chưa đăng ký hoặc đã bị thu hồi / device not registered or revoked');
    if (device.revoked) throw new HttpProblem(401, `Thiết bị đã bị thu hồi / device revoked${device.revoked_reason ? `: ${device.revoked_reason}` : ''}`);
    // Any request says the device is alive (and from where); the heartbeat says how it is.
    db.prepare('UPDATE devices SET last_seen_at = ?, last_ip = ? WHERE device_id = ?').run(now().toISOString(), req.socket.remoteAddress ?? null, device.device_id);
    return device;
  };
  /** The devices feed moves when a device registers, rotates or is revoked: its ward's queue desk learns of it. */
  const bumpDevice = (deviceId: string) => db.prepare('UPDATE devices SET feed_seq = ? WHERE device_id = ?').run(nextSeq('devices'), deviceId);
  /** What a slot has given: the highest of each sequence, from its delivered codes and its reservations. */
  const recordSequence = (wardCode: string, slot: string, key: string, last: number) =>
    db.prepare('INSERT INTO slot_sequences (ward_code, slot, key, last) VALUES (?, ?, ?, ?) ON CONFLICT (ward_code, slot, key) DO UPDATE SET last = max(last, excluded.last)').run(wardCode, slot, key, last);
  /** The slot's recent sequences (a week of days, this year's and last year's yearly ones) for a replacement or a restored device. */
  const slotSequences = (wardCode: string, slot: string | null): Record<string, number> => {
    if (!slot) return {};
    const today = now().toISOString().slice(0, 10);
    const weekAgo = new Date(now().getTime() - 8 * 86_400_000).toISOString().slice(0, 10);
    const year = Number(today.slice(0, 4));
    const out: Record<string, number> = {};
    for (const r of db.prepare<[string, string], { key: string; last: number }>('SELECT key, last FROM slot_sequences WHERE ward_code = ? AND slot = ?').all(wardCode, slot)) {
      const day = /\d{4}-\d{2}-\d{2}/.exec(r.key)?.[0];
      const y = Number(/\d{4}/.exec(r.key)?.[0] ?? year);
      if (day ? day >= weekAgo : y >= year - 1) out[r.key] = r.last;
    }
    return out;
  };
  /** A dossier code "00324.K01-261201-0007": its slot, its day's key and its number. */
  const codeSequence = (code: string): { slot: string; key: string; n: number } | null => {
    const m = /^[0-9A-Za-z]+\.([A-Z0-9]+)-(\d{2})(\d{2})(\d{2})-(\d{4})$/.exec(code);
    return m ? { slot: m[1]!, key: `20${m[2]}-${m[3]}-${m[4]}`, n: Number(m[5]) } : null;
  };
  const requireAdmin = (req: http.IncomingMessage) => {
    if (req.headers.authorization !== `Bearer ${adminToken}`) throw new HttpProblem(401, 'Cần quyền quản trị / admin token required');
  };

  /** Runs a write once per Idempotency-Key; a replay returns the first answer, marked replayed. */
  const idempotent = (key: string, operation: string, run: () => { status: number; body: Record<string, unknown> }) =>
    db.transaction(() => {
      const seen = db.prepare<[string], { status: number; response: string; operation: string }>('SELECT * FROM idempotency WHERE key = ?').get(key);
      if (seen) {
        if (seen.operation !== operation) throw new HttpProblem(422, 'Idempotency-Key đã dùng cho thao tác khác / key reused for another operation', undefined, 'Idempotency-Key');
        return { status: seen.status === 201 ? 200 : seen.status, body: { ...(JSON.parse(seen.response) as Record<string, unknown>), replayed: true } };
      }
      const result = run();
      db.prepare('INSERT INTO idempotency (key, operation, status, response) VALUES (?, ?, ?, ?)').run(key, operation, result.status, JSON.stringify(result.body));
      return result;
    })();

  const feedPage = <T>(
    req: URL,
    ifNoneMatch: string | undefined,
    current: number,
    read: (after: number, limit: number) => { seq: number; item: T }[],
    feed?: string,
  ) => {
    const cursorText = req.searchParams.get(feed ?? 'cursor');
    const limit = Number(req.searchParams.get('limit') ?? PAGE_DEFAULT);
    let after = 0;
    if (cursorText !== null) {
      if (!/^\d+$/.test(cursorText) || Number(cursorText) > current) throw new HttpProblem(410, 'Con trỏ không còn hợp lệ, hãy đồng bộ lại từ đầu / cursor lost, resync', undefined, feed);
      after = Number(cursorText);
      if (ifNoneMatch !== undefined && ifNoneMatch === `"${current}"` && after === current) return { notModified: true as const };
    }
    const rows = read(after, limit + 1);
    const page = rows.slice(0, limit);
    const last = page.length ? page[page.length - 1]!.seq : after;
    return { notModified: false as const, full: cursorText === null, items: page.map((r) => r.item), cursor: String(last), hasMore: rows.length > limit, etag: `"${current}"` };
  };

  const catalogHead = () => db.prepare<[], { v: number | null }>("SELECT value AS v FROM counters WHERE name = 'catalog'").get()?.v ?? 0;
  /** A page of the catalog feed, assembled as text (items are stored as JSON text, never parsed again). */
  const catalogPage = (url: URL, ifNoneMatch: string | undefined, feed?: string) => {
    const current = catalogHead();
    const page = feedPage(
      url,
      ifNoneMatch,
      current,
      (after, limit) =>
        db
          .prepare<[number, number, number], { kind: string; key: string; data: string | null; removed: number; seq: number }>(
            'SELECT * FROM catalog_items WHERE seq > ? AND (? = 1 OR removed = 0) ORDER BY seq LIMIT ?',
          )
          .all(after, after > 0 ? 1 : 0, limit)
          .map((r) => ({ seq: r.seq, item: r })),
      feed,
    );
    if (page.notModified) return page;
    const parts: Record<string, string[]> = { procedures: [], removedProcedures: [], laws: [], announcements: [], holidays: [], wardDays: [] };
    let lifeEvents = '[]';
    let version: string | null = null;
    for (const r of page.items) {
      if (r.kind === 'procedure') {
        if (r.removed) parts.removedProcedures!.push(JSON.stringify(r.key));
        else parts.procedures!.push(r.data!);
      } else if (r.kind === 'law') parts.laws!.push(r.data!);
      else if (r.kind === 'lifeEvents') lifeEvents = r.data!;
      else if (r.kind === 'announcement') parts.announcements!.push(r.data!);
      else if (r.kind === 'holiday') parts.holidays!.push(r.data!);
      else if (r.kind === 'wardDay') parts.wardDays!.push(r.data!);
      else if (r.kind === 'version') version = r.data;
    }
    const raw = `{"cursor":${JSON.stringify(page.cursor)},"full":${page.full},"hasMore":${page.hasMore},${version ? `"catalogVersion":${version},` : ''}${Object.entries(parts)
      .map(([k, v]) => `"${k}":[${v.join(',')}]`)
      .join(',')},"lifeEvents":${lifeEvents}}`;
    return { ...page, raw };
  };

  const dossierHead = (wardCode: string) => db.prepare<[string], { v: number | null }>('SELECT max(seq) AS v FROM dossier_events WHERE ward_code = ?').get(wardCode)?.v ?? 0;
  /** A page of the dossier feed: a kiosk hears only of the dossiers it filed; a desk hears of every dossier of its ward. */
  const dossierPage = (d: { device_id: string; ward_code: string; mode: string }, url: URL, ifNoneMatch: string | undefined, feed?: string) => {
    const kiosk = d.mode === 'kiosk';
    return feedPage(
      url,
      ifNoneMatch,
      dossierHead(d.ward_code),
      (after, limit) =>
        db
          .prepare<[string, number, number, string, number], { seq: number; code: string; status: string; status_at: string; note: string | null; appointment_at: string | null; is_new: number; submission: string }>(
            `SELECT e.*, x.submission FROM dossier_events e JOIN dossiers x ON x.code = e.code
             WHERE e.ward_code = ? AND e.seq > ? AND (? = 0 OR x.device_id = ?) ORDER BY e.seq LIMIT ?`,
          )
          .all(d.ward_code, after, kiosk ? 1 : 0, d.device_id, limit)
          .map((r) => ({
            seq: r.seq,
            item: {
              seq: r.seq,
              code: r.code,
              status: r.status,
              statusAt: r.status_at,
              note: r.note,
              appointmentAt: r.appointment_at,
              dossier: r.is_new && !kiosk ? (JSON.parse(r.submission) as unknown) : null,
            },
          })),
      feed,
    );
  };

  const staffHead = () => db.prepare<[], { v: number | null }>("SELECT value AS v FROM counters WHERE name = 'staff'").get()?.v ?? 0;
  const staffPage = (url: URL, ifNoneMatch: string | undefined, feed?: string) =>
    feedPage(
      url,
      ifNoneMatch,
      staffHead(),
      (after, limit) => db.prepare<[number, number], { seq: number; data: string }>('SELECT seq, data FROM staff WHERE seq > ? ORDER BY seq LIMIT ?').all(after, limit).map((r) => ({ seq: r.seq, item: JSON.parse(r.data) as unknown })),
      feed,
    );

  const devicesHead = () => db.prepare<[], { v: number | null }>("SELECT value AS v FROM counters WHERE name = 'devices'").get()?.v ?? 0;
  /** The ward's devices, for its desks: who may call the queue over the LAN (a kiosk hears nothing of it). */
  const devicesPage = (d: { ward_code: string; mode: string }, url: URL) =>
    feedPage(url, undefined, devicesHead(), (after, limit) =>
      d.mode !== 'staff'
        ? []
        : db
            .prepare<[string, number, number], { feed_seq: number; device_id: string; slot: string | null; mode: 'kiosk' | 'staff'; lan_key_hash: string | null; revoked: number }>(
              'SELECT * FROM devices WHERE ward_code = ? AND feed_seq > ? AND lan_key_hash IS NOT NULL ORDER BY feed_seq LIMIT ?',
            )
            .all(d.ward_code, after, limit)
            .map((r) => ({ seq: r.feed_seq, item: { deviceId: r.device_id, slot: r.slot ?? '', mode: r.mode, lanKeyHash: r.lan_key_hash!, revoked: r.revoked === 1 } })),
    'devices');

  type Answer = { status: number; body?: unknown; raw?: string; headers?: Record<string, string> };
  const handlers: Record<string, (req: http.IncomingMessage, url: URL, params: Record<string, string>, body: unknown) => Answer> = {
    registerDevice: (req, _url, _p, body) => {
      const b = body as { enrollmentCode: string; wardCode: string; mode: 'kiosk' | 'staff'; deviceId: string; appVersion: string; slot?: string; hostname?: string };
      return db.transaction(() => {
        type Enrollment = { ward_code: string; mode: string | null; used_by: string | null; slot: string | null; created_at: string | null; expires_at: string | null; replace_slot: number };
        const e = db.prepare<[string], Enrollment>('SELECT * FROM enrollments WHERE code = ?').get(b.enrollmentCode);
        if (!e) throw new HttpProblem(401, 'Mã đăng ký không đúng / unknown enrollment code', undefined, 'enrollmentCode');
        if (e.used_by && e.used_by !== b.deviceId) throw new HttpProblem(409, 'Mã đăng ký đã được dùng / enrollment code already used', undefined, 'enrollmentCode');
        if (!e.used_by && e.expires_at && Date.parse(e.expires_at) < now().getTime()) {
          throw new HttpProblem(401, `Mã đăng ký đã hết hạn ngày ${e.expires_at.slice(0, 10)}: tạo gói cấu hình mới / enrollment code expired on ${e.expires_at.slice(0, 10)}: make a new bundle`, undefined, 'enrollmentCode');
        }
        if (e.ward_code !== b.wardCode) throw new HttpProblem(422, 'Mã đăng ký thuộc phường khác / code is for another ward', undefined, 'wardCode');
        if (e.mode && e.mode !== b.mode) {
          throw new HttpProblem(422, `Mã đăng ký dành cho ${e.mode === 'kiosk' ? 'ki-ốt' : 'quầy'}, thiết bị này là ${b.mode === 'kiosk' ? 'ki-ốt' : 'quầy'} / the code is for a ${e.mode === 'kiosk' ? 'kiosk' : 'desk'}, this device is a ${b.mode === 'kiosk' ? 'kiosk' : 'desk'}`, undefined, 'mode');
        }
        if (e.slot && b.slot && e.slot !== b.slot) throw new HttpProblem(422, `Mã đăng ký dành cho vị trí ${e.slot}, thiết bị là ${b.slot} / the code is for slot ${e.slot}, the device is ${b.slot}`, undefined, 'slot');
        const slot = e.slot ?? b.slot ?? null;
        if (e.slot) {
          const holder = db.prepare<[string, string, string], { device_id: string }>('SELECT device_id FROM devices WHERE ward_code = ? AND slot = ? AND device_id != ? AND revoked = 0').get(b.wardCode, e.slot, b.deviceId);
          if (holder && !e.replace_slot) throw new HttpProblem(409, `Vị trí ${e.slot} đang có thiết bị khác; cần mã thay thế / slot ${e.slot} is held by another device; a replacement code is needed`, undefined, 'slot');
          if (holder) {
            // The replaced device's token stops working now; its slot's codes continue on the new one.
            db.prepare('UPDATE devices SET revoked = 1, revoked_reason = ? WHERE device_id = ?').run(`thay bằng / replaced by ${b.deviceId} (${now().toISOString()})`, holder.device_id);
            bumpDevice(holder.device_id);
          }
        }
        const token = crypto.randomBytes(24).toString('hex');
        const lanKey = crypto.randomBytes(24).toString('base64url');
        db.prepare(
          `INSERT INTO devices (device_id, ward_code, mode, app_version, token, slot, hostname, last_ip, lan_key_hash, last_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (device_id) DO UPDATE SET token = excluded.token, revoked = 0, revoked_reason = NULL, app_version = excluded.app_version, ward_code = excluded.ward_code,
             mode = excluded.mode, slot = excluded.slot, hostname = excluded.hostname, last_ip = excluded.last_ip, lan_key_hash = excluded.lan_key_hash, last_seen_at = excluded.last_seen_at`,
        ).run(b.deviceId, b.wardCode, b.mode, b.appVersion, token, slot, b.hostname ?? null, req.socket.remoteAddress ?? null, sha256(lanKey), now().toISOString());
        bumpDevice(b.deviceId);
        db.prepare('UPDATE enrollments SET used_by = ? WHERE code = ?').run(b.deviceId, b.enrollmentCode);
        return { status: 201, body: { deviceId: b.deviceId, deviceToken: token, wardCode: b.wardCode, lanKey, sequences: slotSequences(b.wardCode, slot) } };
      })();
    },
    rotateDevice: (req) => {
      const d = deviceFor(req);
      const token = crypto.randomBytes(24).toString('hex');
      const lanKey = crypto.randomBytes(24).toString('base64url');
      db.prepare('UPDATE devices SET token = ?, lan_key_hash = ? WHERE device_id = ?').run(token, sha256(lanKey), d.device_id);
      bumpDevice(d.device_id);
      return { status: 200, body: { deviceToken: token, lanKey } };
    },
    // The portal keeps every audit head a device reports. A head that goes back, or a row whose hash
    // changed, is a cut or rewritten log (shown on the fleet page) — unless the device declares a new
    // recovery (a corrupt database moved aside: its chain starts again). The answer is the newest head kept.
    heartbeat: (req, _url, _p, body) => {
      const d = deviceFor(req);
      const hb = body as { auditHead?: { seq: number; hash: string }; recovery?: { at: string }; sequences?: Record<string, number>; hostname?: string };
      return db.transaction(() => {
        type Head = { seq: number; hash: string; at: string; recovery_at: string | null };
        const latest = db.prepare<[string], Head>('SELECT seq, hash, at, recovery_at FROM audit_heads WHERE device_id = ? ORDER BY id DESC LIMIT 1').get(d.device_id) ?? null;
        const head = hb.auditHead;
        const recoveryAt = hb.recovery?.at ?? null;
        const restarted = !!latest && recoveryAt !== null && recoveryAt !== latest.recovery_at;
        let auditProblem: string | null = null;
        if (head && latest && !restarted) {
          const same = db.prepare<[string, number, string], { hash: string }>('SELECT hash FROM audit_heads WHERE device_id = ? AND seq = ? AND coalesce(recovery_at, \'\') = ? ORDER BY id DESC LIMIT 1').get(d.device_id, head.seq, latest.recovery_at ?? '');
          if (head.seq < latest.seq) auditProblem = `lùi từ dòng ${latest.seq} về ${head.seq} / went back from row ${latest.seq} to ${head.seq}`;
          else if (same && same.hash !== head.hash) auditProblem = `dòng ${head.seq} đã khác / row ${head.seq} changed`;
        }
        if (head && !auditProblem && !(latest && !restarted && latest.seq === head.seq && latest.hash === head.hash)) {
          db.prepare('INSERT INTO audit_heads (device_id, seq, hash, at, recovery_at) VALUES (?, ?, ?, ?, ?)').run(d.device_id, head.seq, head.hash, now().toISOString(), recoveryAt);
        }
        const anchor = db.prepare<[string], Head>('SELECT seq, hash, at, recovery_at FROM audit_heads WHERE device_id = ? ORDER BY id DESC LIMIT 1').get(d.device_id) ?? null;
        const record = auditProblem ? { ...(body as object), auditProblem } : body;
        db.prepare('UPDATE devices SET last_seen_at = ?, heartbeat = ?, hostname = coalesce(?, hostname) WHERE device_id = ?').run(now().toISOString(), JSON.stringify(record), hb.hostname ?? null, d.device_id);
        // The device's reservations: a replacement of its slot continues after them.
        if (d.slot) for (const [key, last] of Object.entries(hb.sequences ?? {}).slice(0, 100)) recordSequence(d.ward_code, d.slot, key, last);
        queueMicrotask(() => void portal.checkAlerts());
        return { status: 200, body: { auditHead: anchor ? { seq: anchor.seq, hash: anchor.hash } : null, sequences: slotSequences(d.ward_code, d.slot) } };
      })();
    },
    catalogChanges: (req, url) => {
      deviceFor(req);
      const page = catalogPage(url, req.headers['if-none-match']);
      if (page.notModified) return { status: 304 };
      return { status: 200, raw: page.raw, headers: { ETag: page.etag } };
    },
    submitDossier: (req, _url, _p, body) => {
      const d = deviceFor(req);
      const key = req.headers['idempotency-key'] as string;
      const b = body as { clientKey: string; code: string; wardCode: string };
      return idempotent(key, 'submitDossier', () => {
        const existing = db.prepare<[string, string], { code: string }>('SELECT code FROM dossiers WHERE code = ? OR client_key = ?').get(b.code, b.clientKey);
        if (existing) throw new HttpProblem(409, 'Mã hồ sơ đã tồn tại / dossier code already exists', undefined, 'code');
        if (b.wardCode !== d.ward_code) throw new HttpProblem(422, 'Hồ sơ không thuộc phường của thiết bị / dossier is for another ward', undefined, 'wardCode');
        const at = now().toISOString();
        db.prepare("INSERT INTO dossiers (code, client_key, device_id, ward_code, submission, status, status_at, received_at) VALUES (?, ?, ?, ?, ?, 'new', ?, ?)")
          .run(b.code, b.clientKey, d.device_id, b.wardCode, JSON.stringify(body), at, at);
        db.prepare("INSERT INTO dossier_events (code, ward_code, status, status_at, is_new) VALUES (?, ?, 'new', ?, 1)").run(b.code, b.wardCode, at);
        const seq = codeSequence(b.code);
        if (seq) recordSequence(b.wardCode, seq.slot, seq.key, seq.n);
        return { status: 201, body: { code: b.code, receivedAt: at, status: 'new' } };
      });
    },
    dossierChanges: (req, url) => {
      const d = deviceFor(req);
      const page = dossierPage(d, url, req.headers['if-none-match']);
      if (page.notModified) return { status: 304 };
      return { status: 200, body: { cursor: page.cursor, hasMore: page.hasMore, items: page.items }, headers: { ETag: page.etag } };
    },
    sendTransition: (req, _url, params, body) => {
      const d = deviceFor(req);
      const key = req.headers['idempotency-key'] as string;
      const t = body as { clientKey: string; from: DossierStatus; to: DossierStatus; at: string; note?: string; appointmentAt?: string };
      return idempotent(key, 'sendTransition', () => {
        const dossier = db.prepare<[string], { status: DossierStatus; ward_code: string }>('SELECT status, ward_code FROM dossiers WHERE code = ?').get(params.code!);
        if (!dossier || dossier.ward_code !== d.ward_code) throw new HttpProblem(404, 'Không có hồ sơ này / no such dossier');
        if (d.mode !== 'staff') throw new HttpProblem(403, 'Chỉ quầy tiếp nhận được chuyển trạng thái / only desks move dossiers');
        if (dossier.status !== t.from) throw new HttpProblem(409, `Trạng thái đã đổi thành ${dossier.status} / status is now ${dossier.status}`, undefined, 'from');
        if (!isLegalTransition(t.from, t.to)) throw new HttpProblem(409, `Không được chuyển ${t.from} → ${t.to} / illegal transition`, undefined, 'to');
        const at = now().toISOString();
        db.prepare('UPDATE dossiers SET status = ?, status_at = ?, appointment_at = coalesce(?, appointment_at) WHERE code = ?').run(t.to, at, t.appointmentAt ?? null, params.code!);
        db.prepare('INSERT INTO transitions (code, client_key, body, applied_at) VALUES (?, ?, ?, ?)').run(params.code!, t.clientKey, JSON.stringify(t), at);
        db.prepare('INSERT INTO dossier_events (code, ward_code, status, status_at, note, appointment_at) VALUES (?, ?, ?, ?, ?, ?)').run(params.code!, d.ward_code, t.to, at, t.note ?? null, t.appointmentAt ?? null);
        return { status: 201, body: { code: params.code!, status: t.to, statusAt: at } };
      });
    },
    moveAppointment: (req, _url, params, body) => {
      const d = deviceFor(req);
      const a = body as { clientKey: string; appointmentAt: string; previousAppointmentAt: string; reason: string };
      return idempotent(req.headers['idempotency-key'] as string, 'moveAppointment', () => {
        const dossier = db.prepare<[string], { status: DossierStatus; ward_code: string }>('SELECT status, ward_code FROM dossiers WHERE code = ?').get(params.code!);
        if (!dossier || dossier.ward_code !== d.ward_code) throw new HttpProblem(404, 'Không có hồ sơ này / no such dossier');
        if (d.mode !== 'staff') throw new HttpProblem(403, 'Chỉ quầy tiếp nhận được hẹn lại / only desks move appointments');
        if (!APPOINTMENT_MOVABLE.includes(dossier.status)) throw new HttpProblem(409, 'Hồ sơ không còn đang giải quyết / the dossier is not in progress', undefined, 'appointmentAt');
        const at = now().toISOString();
        db.prepare('UPDATE dossiers SET appointment_at = ? WHERE code = ?').run(a.appointmentAt, params.code!);
        // Told to the ward's devices as an event with the same status and the new appointment.
        db.prepare('INSERT INTO dossier_events (code, ward_code, status, status_at, note, appointment_at) VALUES (?, ?, ?, ?, ?, ?)').run(
          params.code!,
          d.ward_code,
          dossier.status,
          at,
          `Hẹn lại: ${a.reason}`,
          a.appointmentAt,
        );
        return { status: 201, body: { code: params.code!, appointmentAt: a.appointmentAt } };
      });
    },
    trackDossier: (req, _url, params) => {
      const d = deviceFor(req);
      const row = db
        .prepare<[string], { code: string; ward_code: string; submission: string; status: DossierStatus; status_at: string; appointment_at: string | null }>('SELECT * FROM dossiers WHERE code = ?')
        .get(params.code!);
      // Any device of the ward may track any dossier of the ward; another ward's is not found.
      if (!row || row.ward_code !== d.ward_code) throw new HttpProblem(404, 'Không có hồ sơ này / no such dossier');
      const submission = JSON.parse(row.submission) as { procedureCode: string; procedureName?: string; applicant: { fullName: string }; documents?: unknown; filedAt: string };
      const events = db.prepare<[string], { status: DossierStatus; status_at: string; note: string | null }>('SELECT status, status_at, note FROM dossier_events WHERE code = ? ORDER BY seq').all(row.code);
      const first = (status: DossierStatus) => events.find((e) => e.status === status)?.status_at ?? null;
      const asked = [...events].reverse().find((e) => e.status === 'supplement' && e.note);
      const rated = db.prepare<[string], { n: number }>("SELECT count(*) AS n FROM ratings WHERE json_extract(data, '$.dossierCode') = ?").get(row.code)!.n > 0;
      return {
        status: 200,
        body: {
          code: row.code,
          procedureCode: submission.procedureCode,
          procedureName: submission.procedureName ?? '',
          status: row.status,
          statusAt: row.status_at,
          filedAt: submission.filedAt,
          receivedAt: first('received'),
          appointmentAt: row.appointment_at,
          resultAt: first('result_ready'),
          returnedAt: first('returned'),
          applicantMasked: maskName(submission.applicant.fullName),
          bring: papersToBring(row.status, { documents: submission.documents, supplementNote: asked?.note ?? null }),
          timeline: statusTimeline(events.map((e) => ({ status: e.status, at: e.status_at, state: 'official' as const }))),
          rated,
        },
      };
    },
    trackFeedback: (req, _url, params) => {
      const d = deviceFor(req);
      const row = db
        .prepare<[string], { data: string; tracking_code: string }>("SELECT data, tracking_code FROM feedback WHERE json_extract(data, '$.trackingCode') = ?")
        .get(params.trackingCode!);
      const data = row ? (JSON.parse(row.data) as { category: string; createdAt: string; wardCode?: string; trackingCode: string; receivedAt?: string }) : null;
      if (!row || !data || (data.wardCode && data.wardCode !== d.ward_code)) throw new HttpProblem(404, 'Không có phản ánh này / no such feedback');
      return { status: 200, body: { trackingCode: data.trackingCode, portalCode: row.tracking_code, category: data.category, createdAt: data.createdAt, receivedAt: data.receivedAt ?? data.createdAt } };
    },
    sendFeedback: (req, _url, _p, body) => {
      deviceFor(req);
      const b = body as { clientKey: string };
      return idempotent(req.headers['idempotency-key'] as string, 'sendFeedback', () => {
        const tracking = `PAKN-${String(nextSeq('feedback')).padStart(6, '0')}`;
        db.prepare('INSERT INTO feedback (client_key, data, tracking_code) VALUES (?, ?, ?)').run(b.clientKey, JSON.stringify({ ...b, receivedAt: now().toISOString() }), tracking);
        return { status: 201, body: { trackingCode: tracking } };
      });
    },
    // A ward's desk speaks for the ward: its announcements and its admin's days reach every device of it.
    publishWardAnnouncement: (req, _url, _p, body) => {
      const device = deviceFor(req);
      if (device.mode !== 'staff') throw new HttpProblem(403, 'Chỉ quầy của phường đăng thông báo / only a ward desk posts announcements');
      const b = body as { id: string; title: string; body: string; expiresAt?: string | null };
      const held = db.prepare<[string], { data: string | null }>("SELECT data FROM catalog_items WHERE kind = 'announcement' AND key = ?").get(b.id);
      if (held?.data && (JSON.parse(held.data) as { wardCode?: string | null }).wardCode !== device.ward_code) throw new HttpProblem(409, 'Mã thông báo đã dùng / announcement id taken', undefined, 'id');
      return idempotent(req.headers['idempotency-key'] as string, 'publishWardAnnouncement', () => {
        const a = { id: b.id, title: b.title, body: b.body, publishedAt: now().toISOString(), expiresAt: b.expiresAt ?? null, wardCode: device.ward_code };
        putCatalogItem('announcement', a.id, a);
        return { status: 201, body: a };
      });
    },
    setWardDay: (req, _url, _p, body) => {
      const device = deviceFor(req);
      if (device.mode !== 'staff') throw new HttpProblem(403, 'Chỉ quầy của phường sửa lịch nghỉ / only a ward desk changes its days off');
      const b = body as { date: string; kind: 'off' | 'workday' | 'normal'; name: string };
      return idempotent(req.headers['idempotency-key'] as string, 'setWardDay', () => {
        putCatalogItem('wardDay', `${device.ward_code}:${b.date}`, { date: b.date, kind: b.kind, name: b.name, wardCode: device.ward_code });
        return { status: 201, body: { accepted: true } };
      });
    },
    sendRating: (req, _url, _p, body) => {
      const device = deviceFor(req);
      const b = body as { clientKey: string; dossierCode?: string };
      if (b.dossierCode) {
        // A dossier is rated at the counter of its ward when its result is returned; a kiosk sends
        // only ratings of the service in general (a code alone proves nothing).
        if (device.mode !== 'staff') throw new HttpProblem(403, 'Đánh giá hồ sơ chỉ ghi tại quầy / a dossier is rated at the desk', undefined, 'dossierCode');
        const dossier = db.prepare<[string], { status: DossierStatus; ward_code: string }>('SELECT status, ward_code FROM dossiers WHERE code = ?').get(b.dossierCode);
        if (!dossier || dossier.ward_code !== device.ward_code) throw new HttpProblem(404, 'Không có hồ sơ này / no such dossier', undefined, 'dossierCode');
        if (dossier.status !== 'returned') throw new HttpProblem(422, 'Hồ sơ chưa trả kết quả / not returned yet', undefined, 'dossierCode');
      }
      return idempotent(req.headers['idempotency-key'] as string, 'sendRating', () => {
        // One rating per dossier: a second one (from another kiosk, say) is answered, not kept.
        const seen = b.dossierCode ? db.prepare<[string], { n: number }>("SELECT count(*) AS n FROM ratings WHERE json_extract(data, '$.dossierCode') = ?").get(b.dossierCode)!.n : 0;
        if (seen) return { status: 201, body: { accepted: false } };
        db.prepare('INSERT INTO ratings (client_key, data) VALUES (?, ?)').run(b.clientKey, JSON.stringify(body));
        return { status: 201, body: { accepted: true } };
      });
    },
    staffChanges: (req, url) => {
      deviceFor(req);
      const page = staffPage(url, req.headers['if-none-match']);
      if (page.notModified) return { status: 304 };
      return { status: 200, body: { cursor: page.cursor, hasMore: page.hasMore, items: page.items }, headers: { ETag: page.etag } };
    },
    changes: (req, url) => {
      const d = deviceFor(req);
      const feeds = url.searchParams.get('feeds')!.split(',');
      const heads: Record<string, number> = {
        dossiers: feeds.includes('dossiers') ? dossierHead(d.ward_code) : 0,
        catalog: feeds.includes('catalog') ? catalogHead() : 0,
        staff: feeds.includes('staff') ? staffHead() : 0,
        devices: feeds.includes('devices') ? devicesHead() : 0,
      };
      const etag = `"${feeds.map((f) => `${f[0]}${heads[f]}`).join('.')}"`;
      if (req.headers['if-none-match'] === etag && feeds.every((f) => url.searchParams.get(f) === String(heads[f]))) return { status: 304 };
      // Each section is the page its own route gives, without that route's conditional answer.
      const parts: string[] = [];
      for (const f of feeds) {
        if (f === 'catalog') {
          const page = catalogPage(url, undefined, 'catalog');
          if (!page.notModified) parts.push(`"catalog":${page.raw}`);
        } else {
          const page = f === 'dossiers' ? dossierPage(d, url, undefined, 'dossiers') : f === 'devices' ? devicesPage(d, url) : staffPage(url, undefined, 'staff');
          if (!page.notModified) parts.push(`${JSON.stringify(f)}:${JSON.stringify({ cursor: page.cursor, hasMore: page.hasMore, items: page.items })}`);
        }
      }
      return { status: 200, raw: `{${parts.join(',')}}`, headers: { ETag: etag } };
    },
    adminCreateEnrollment: (req, _url, _p, body) => {
      requireAdmin(req);
      const b = body as { wardCode: string; mode: 'kiosk' | 'staff'; slot: string; expiresInDays?: number; replace?: boolean };
      if (b.slot[0] !== (b.mode === 'kiosk' ? 'K' : 'Q')) throw new HttpProblem(422, 'Vị trí ki-ốt bắt đầu bằng K, quầy bằng Q / kiosk slots start with K, desk slots with Q', undefined, 'slot');
      const holder = db.prepare<[string, string], { device_id: string }>('SELECT device_id FROM devices WHERE ward_code = ? AND slot = ? AND revoked = 0').get(b.wardCode, b.slot);
      if (holder && !b.replace) throw new HttpProblem(409, `Vị trí ${b.slot} đang có thiết bị ${holder.device_id}; thêm replace để thay / slot ${b.slot} is held by device ${holder.device_id}; ask for a replacement`, undefined, 'slot');
      const code = portal.createEnrollment(b.wardCode, b.mode, b.slot, { replace: b.replace, expiresInDays: b.expiresInDays });
      const expiresAt = db.prepare<[string], { expires_at: string }>('SELECT expires_at FROM enrollments WHERE code = ?').get(code)!.expires_at;
      return { status: 201, body: { enrollmentCode: code, expiresAt } };
    },
    adminListEnrollments: (req) => {
      requireAdmin(req);
      return { status: 200, body: expectedDevices().map((e) => ({ wardCode: e.ward_code, mode: e.mode, slot: e.slot, createdAt: e.created_at, expiresAt: e.expires_at })) };
    },
    adminListDevices: (req) => {
      requireAdmin(req);
      const rows = db.prepare<[], FleetRow>('SELECT * FROM devices ORDER BY ward_code, slot, device_id').all();
      return {
        status: 200,
        body: rows.map((r) => ({ deviceId: r.device_id, wardCode: r.ward_code, mode: r.mode, slot: r.slot, hostname: r.hostname, appVersion: r.app_version ?? '', revoked: r.revoked === 1, lastSeenAt: r.last_seen_at, heartbeat: r.heartbeat ? (JSON.parse(r.heartbeat) as unknown) : null })),
      };
    },
    adminRevokeDevice: (req, _url, params) => {
      requireAdmin(req);
      if (db.prepare("UPDATE devices SET revoked = 1, revoked_reason = 'thu hồi bởi quản trị / revoked by the admin' WHERE device_id = ?").run(params.deviceId!).changes === 0) throw new HttpProblem(404, 'Không có thiết bị này / no such device');
      bumpDevice(params.deviceId!);
      return { status: 204 };
    },
    adminPublishAnnouncement: (req, _url, _p, body) => {
      requireAdmin(req);
      const b = body as { title: string; body: string; wardCode?: string; expiresAt?: string };
      const a = { id: `a-${nextSeq('announcement')}`, title: b.title, body: b.body, publishedAt: now().toISOString(), expiresAt: b.expiresAt ?? null, wardCode: b.wardCode ?? null };
      putCatalogItem('announcement', a.id, a);
      return { status: 201, body: a };
    },
    adminPublishHoliday: (req, _url, _p, body) => {
      requireAdmin(req);
      const h = body as { date: string; kind: string; name: string };
      putCatalogItem('holiday', h.date, h);
      return { status: 201, body: h };
    },
    adminChangeProcedure: (req, _url, _p, body) => {
      requireAdmin(req);
      const b = body as { code: string; name?: string; remove?: boolean };
      const row = db.prepare<[string], { data: string | null }>("SELECT data FROM catalog_items WHERE kind = 'procedure' AND key = ?").get(b.code);
      if (b.remove) putCatalogItem('procedure', b.code, row?.data ? (JSON.parse(row.data) as unknown) : null, true);
      else {
        if (!row?.data) throw new HttpProblem(404, 'Không có thủ tục này / no such procedure');
        putCatalogItem('procedure', b.code, { ...(JSON.parse(row.data) as object), ...(b.name ? { name: b.name } : {}) });
      }
      return { status: 201, body: { accepted: true } };
    },
    adminChangeStatus: (req, _url, params, body) => {
      requireAdmin(req);
      const b = body as { status: DossierStatus; note?: string; appointmentAt?: string };
      const dossier = db.prepare<[string], { ward_code: string }>('SELECT ward_code FROM dossiers WHERE code = ?').get(params.code!);
      if (!dossier) throw new HttpProblem(404, 'Không có hồ sơ này / no such dossier');
      const at = now().toISOString();
      db.transaction(() => {
        db.prepare('UPDATE dossiers SET status = ?, status_at = ?, appointment_at = coalesce(?, appointment_at) WHERE code = ?').run(b.status, at, b.appointmentAt ?? null, params.code!);
        db.prepare('INSERT INTO dossier_events (code, ward_code, status, status_at, note, appointment_at) VALUES (?, ?, ?, ?, ?, ?)').run(params.code!, dossier.ward_code, b.status, at, b.note ?? null, b.appointmentAt ?? null);
      })();
      return { status: 201, body: { code: params.code!, status: b.status, statusAt: at } };
    },
  };

  const sendProblem = (res: http.ServerResponse, p: HttpProblem) => {
    const body = JSON.stringify({ type: 'about:blank', title: p.title, status: p.status, ...(p.detail ? { detail: p.detail } : {}), ...(p.field ? { field: p.field } : {}) });
    res.writeHead(p.status, { 'Content-Type': 'application/problem+json; charset=utf-8' });
    res.end(body);
  };

  const readBody = (req: http.IncomingMessage): Promise<string> =>
    new Promise((resolve, reject) => {
      let size = 0;
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size <= PORTAL_MAX_BODY_BYTES) chunks.push(c);
      });
      req.on('end', () => (size > PORTAL_MAX_BODY_BYTES ? reject(new HttpProblem(413, 'Quá lớn / too large')) : resolve(Buffer.concat(chunks).toString('utf8'))));
      req.on('error', reject);
    });

  const match = (method: string, pathname: string): { route: Route; params: Record<string, string> } | null => {
    for (const route of routes) {
      if (route.method !== method) continue;
      const m = route.pattern.exec(pathname);
      if (m) return { route, params: Object.fromEntries(route.pathParams.map((n, i) => [n, decodeURIComponent(m[i + 1]!)])) };
    }
    return null;
  };

  /** Slots provisioned whose device never registered. */
  const expectedDevices = () =>
    db.prepare<[], ExpectedRow>("SELECT ward_code, mode, slot, coalesce(created_at, '') AS created_at, expires_at FROM enrollments WHERE used_by IS NULL AND slot IS NOT NULL ORDER BY ward_code, slot").all();
  const fleetRows = () => db.prepare<[], FleetRow>('SELECT * FROM devices ORDER BY ward_code, slot, device_id').all();

  // The admin's sessions on the fleet page: a sign-in form sets an HttpOnly, SameSite=Strict cookie;
  // the token never travels in a URL (where proxies and browser history keep it).
  const sessions = new Map<string, { expires: number; csrf: string }>();
  const SESSION_COOKIE = 'motcua_admin';
  const sameToken = (given: string) => {
    const a = Buffer.from(sha256(given));
    return crypto.timingSafeEqual(a, Buffer.from(sha256(adminToken)));
  };
  const sessionOf = (req: http.IncomingMessage) => {
    const sid = /(?:^|;\s*)motcua_admin=([A-Za-z0-9_-]+)/.exec(req.headers.cookie ?? '')?.[1];
    const s = sid ? sessions.get(sid) : undefined;
    if (!s || s.expires < Date.now()) return null;
    return { sid: sid!, ...s };
  };
  const bearerAdmin = (req: http.IncomingMessage) => {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    return !!token && sameToken(token);
  };
  const readForm = async (req: http.IncomingMessage) => new URLSearchParams((await readBody(req)).slice(0, 10_000));
  const html = (res: http.ServerResponse, status: number, body: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'X-Frame-Options': 'DENY', 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'", ...headers });
    res.end(body);
  };

  /** The pages for people and the monitoring endpoint: not part of the API document. */
  const pages = async (req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<boolean> => {
    const route = `${req.method} ${url.pathname}`;
    if (route === 'GET /admin/login') {
      html(res, 200, loginPage());
      return true;
    }
    if (route === 'POST /admin/login') {
      const form = await readForm(req);
      if (!sameToken(form.get('token') ?? '')) {
        html(res, 401, loginPage('Mã quản trị không đúng / wrong admin token'));
        return true;
      }
      const sid = crypto.randomBytes(24).toString('base64url');
      sessions.set(sid, { expires: Date.now() + 8 * 3600_000, csrf: crypto.randomBytes(16).toString('base64url') });
      res.writeHead(303, { Location: '/admin/fleet', 'Set-Cookie': `${SESSION_COOKIE}=${sid}; HttpOnly; SameSite=Strict; Path=/admin; Max-Age=28800${url.protocol === 'https:' ? '; Secure' : ''}` });
      res.end();
      return true;
    }
    if (route === 'POST /admin/logout') {
      const session = sessionOf(req);
      if (session) sessions.delete(session.sid);
      res.writeHead(303, { Location: '/admin/login', 'Set-Cookie': `${SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/admin; Max-Age=0` });
      res.end();
      return true;
    }
    if (route === 'GET /admin/fleet' || route === 'POST /admin/fleet/thresholds') {
      const session = sessionOf(req);
      if (!session) {
        res.writeHead(303, { Location: '/admin/login' });
        res.end();
        return true;
      }
      if (req.method === 'POST') {
        const form = await readForm(req);
        if (form.get('csrf') !== session.csrf) {
          html(res, 403, 'Yêu cầu không hợp lệ / invalid request');
          return true;
        }
        const t: Partial<FleetThresholds> = {};
        for (const k of ['lateMinutes', 'silentMinutes', 'stuckMinutes', 'backupHours'] as const) {
          const v = Number(form.get(k));
          if (Number.isInteger(v) && v > 0 && v <= 100_000) t[k] = v;
        }
        db.prepare("INSERT INTO fleet_settings (key, value) VALUES ('thresholds', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(JSON.stringify({ ...thresholds(), ...t }));
        res.writeHead(303, { Location: '/admin/fleet' });
        res.end();
        return true;
      }
      html(res, 200, fleetPage(fleetRows(), expectedDevices(), now(), thresholds(), session.csrf));
      return true;
    }
    if (route === 'GET /metrics') {
      // Prometheus scrapes with the admin token as a bearer token (its `authorization` setting).
      if (!bearerAdmin(req)) {
        res.writeHead(401, { 'Content-Type': 'text/plain; charset=utf-8', 'WWW-Authenticate': 'Bearer' });
        res.end('admin token required');
        return true;
      }
      const m = await fleetMetrics(fleetRows(), expectedDevices(), now(), thresholds());
      res.writeHead(200, { 'Content-Type': m.contentType, 'Cache-Control': 'no-store' });
      res.end(m.text);
      return true;
    }
    return false;
  };

  // Alerts: a device turning red (and back) is told once to the webhook and by e-mail.
  const alerter = options.alerts ? createAlerter(options.alerts, (m) => process.stderr.write(`reference portal: ${m}\n`)) : null;
  let alerting: Promise<void> | null = null;
  const checkAlerts = async (): Promise<void> => {
    if (!alerter) return;
    const t = thresholds();
    const at = now().toISOString();
    for (const r of fleetRows()) {
      const h = deviceHealth(r, now(), t);
      const was = db.prepare<[string], { level: string }>('SELECT level FROM alert_state WHERE device_id = ?').get(r.device_id)?.level ?? 'ok';
      const alertLevel = h.level === 'red' ? 'red' : 'ok';
      if (alertLevel === was || h.level === 'revoked') continue;
      db.prepare('INSERT INTO alert_state (device_id, level, at) VALUES (?, ?, ?) ON CONFLICT (device_id) DO UPDATE SET level = excluded.level, at = excluded.at').run(r.device_id, alertLevel, at);
      await alerter.send({ kind: alertLevel === 'red' ? 'red' : 'recovered', deviceId: r.device_id, wardCode: r.ward_code, slot: r.slot, hostname: r.hostname, reasons: h.reasons, at });
    }
  };
  const alertTimer = alerter ? setInterval(() => void portal.checkAlerts(), options.alertIntervalMs ?? 60_000) : null;
  alertTimer?.unref();

  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://portal');
      try {
        if (await pages(req, res, url)) return;
      } catch (err) {
        if (!res.headersSent) html(res, err instanceof HttpProblem ? err.status : 500, 'Lỗi / error');
        return;
      }
      try {
        const found = match(req.method ?? 'GET', url.pathname);
        if (!found) throw new HttpProblem(404, 'Không có đường dẫn này / no such route');
        const { route, params } = found;
        requests.count++;
        requests.byOperation[route.operation.operationId] = (requests.byOperation[route.operation.operationId] ?? 0) + 1;
        for (const { param, validate } of route.validateParams) {
          const raw = param.in === 'query' ? url.searchParams.get(param.name) : param.in === 'header' ? (req.headers[param.name.toLowerCase()] as string | undefined) : params[param.name];
          if (raw === null || raw === undefined) {
            if (param.required) throw new HttpProblem(400, `Thiếu ${param.name} / ${param.name} is required`, undefined, param.name);
            continue;
          }
          const value = (param.schema as { type?: string }).type === 'integer' ? Number(raw) : raw;
          if (!validate(value)) throw new HttpProblem(400, `${param.name} không hợp lệ / invalid ${param.name}`, describeAjvError(validate, param.name).detail, param.name);
        }
        let body: unknown;
        if (route.validateBody) {
          const text = await readBody(req);
          try {
            body = JSON.parse(text);
          } catch {
            throw new HttpProblem(400, 'Dữ liệu không phải JSON / body is not JSON');
          }
          if (!route.validateBody(body)) {
            const { field, detail } = describeAjvError(route.validateBody, 'body');
            throw new HttpProblem(400, 'Dữ liệu không đúng tài liệu API / body does not match the API document', detail, field);
          }
        }
        const handler = handlers[route.operation.operationId];
        if (!handler) throw new HttpProblem(501, 'Chưa làm / not implemented');
        const out = handler(req, url, params, body);
        const text = out.raw ?? (out.body === undefined ? undefined : JSON.stringify(out.body));
        if (options.validateResponses && text !== undefined) {
          const v = route.validateResponse.get(String(out.status));
          if (v && !v(JSON.parse(text))) throw new Error(`response of ${route.operation.operationId} does not match the document: ${describeAjvError(v, 'response').detail}`);
        }
        res.writeHead(out.status, { ...(text !== undefined ? { 'Content-Type': 'application/json; charset=utf-8' } : {}), ...(out.headers ?? {}) });
        res.end(text);
      } catch (err) {
        if (err instanceof HttpProblem) sendProblem(res, err);
        else sendProblem(res, new HttpProblem(500, 'Lỗi máy chủ / server error', (err as Error).message));
      }
    })();
  });

  const portal: ReferencePortal = {
    url: '',
    port: 0,
    adminToken,
    db,
    requests,
    upsertStaff(account) {
      db.prepare('INSERT INTO staff (username, data, seq) VALUES (?, ?, ?) ON CONFLICT (username) DO UPDATE SET data = excluded.data, seq = excluded.seq').run(
        account.username,
        JSON.stringify(account),
        nextSeq('staff'),
      );
    },
    createEnrollment(wardCode, mode, slot, o = {}) {
      const code = crypto.randomBytes(6).toString('hex').toUpperCase();
      const created = now();
      const expires = new Date(created.getTime() + (o.expiresInDays ?? 14) * 86_400_000);
      db.prepare('INSERT INTO enrollments (code, ward_code, mode, slot, created_at, expires_at, replace_slot) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
        code,
        wardCode,
        mode,
        slot ?? null,
        created.toISOString(),
        expires.toISOString(),
        o.replace ? 1 : 0,
      );
      return code;
    },
    checkAlerts() {
      // One pass at a time: a heartbeat arriving during a pass waits for it.
      alerting = (alerting ?? Promise.resolve()).then(checkAlerts).catch((err: unknown) => void process.stderr.write(`reference portal: alerts failed: ${(err as Error).message}\n`));
      return alerting;
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (alertTimer) clearInterval(alertTimer);
        alerter?.close();
        server.closeAllConnections();
        server.close(() => {
          db.close();
          resolve();
        });
      }),
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  portal.port = (server.address() as AddressInfo).port;
  portal.url = `http://127.0.0.1:${portal.port}`;
  return portal;
}
