import crypto from 'node:crypto';
import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';
import type { DeviceStore } from '../device/store.js';
import type { Logger } from '../log.js';
import type { AuditChainState, AuditEntryView as AuditEntry } from './model.js';

/**
 * The audit log: every write at the desk and every read of a citizen's personal data — who, when,
 * what, before and after (Decree 13/2023/NĐ-CP art. 27: record who processed personal data).
 *
 * Append-only (triggers refuse UPDATE and DELETE) and sealed: each row's hash is an HMAC-SHA256, with
 * the device's audit key kept outside the database (`device/device.json`), over its id, the previous
 * row's hash and its content. Whoever has the database file alone cannot rewrite a row and recompute
 * the chain. A cut-off tail is found against anchors kept outside the database: the newest verified
 * head on this device (sealed too) and the head the portal keeps from each heartbeat.
 *
 * Reading a page is fast at a million rows: the chain is verified incrementally from the last verified
 * point (a checkpoint, sealed, every CHECKPOINT_EVERY rows), the rows on the page are checked one by
 * one, and the full verification from the first row runs in the background (`verifyAll`).
 */
/** An audit row as stored (the audit-query module reads the same table). */
export interface AuditRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  dossier_code: string | null;
  before: string | null;
  after: string | null;
  prev_hash: string;
  hash: string;
}
type Row = AuditRow;

type Content = Pick<Row, 'at' | 'actor' | 'action' | 'dossier_code' | 'before' | 'after'>;

export const GENESIS = '0'.repeat(64);
export const CHECKPOINT_EVERY = 1000;
/** More unverified rows than this are left to the background verification rather than checked while a page waits. */
const MAX_INCREMENTAL = 5 * CHECKPOINT_EVERY;
/** Rows verified per slice of the background verification, between which other calls run. */
const SLICE = 2_000;

/** Rows written before the chain was keyed: plain SHA-256 over the previous hash and the content. */
function legacyDigest(prev: string, r: Content): string {
  return crypto.createHash('sha256').update(JSON.stringify([prev, r.at, r.actor, r.action, r.dossier_code, r.before, r.after])).digest('hex');
}

/** The seal of one row: HMAC-SHA256 with the device's audit key over its id, the previous hash and its content. */
export function sealRow(key: Buffer, id: number, prev: string, r: Content): string {
  return crypto.createHmac('sha256', key).update(JSON.stringify([id, prev, r.at, r.actor, r.action, r.dossier_code, r.before, r.after])).digest('hex');
}

export function sealCheckpoint(key: Buffer, id: number, hash: string): string {
  return crypto.createHmac('sha256', key).update(`checkpoint|${id}|${hash}`).digest('hex');
}

const sealAnchor = (key: Buffer, seq: number, hash: string) => crypto.createHmac('sha256', key).update(`anchor|${seq}|${hash}`).digest('hex');

const toEntry = (r: Row): AuditEntry => ({
  id: r.id,
  at: r.at,
  actor: r.actor,
  action: r.action,
  dossierCode: r.dossier_code,
  before: r.before === null ? null : (JSON.parse(r.before) as unknown),
  after: r.after === null ? null : (JSON.parse(r.after) as unknown),
  hash: r.hash,
});

export interface AuditInput {
  at: string;
  actor: string;
  action: string;
  dossierCode?: string | null;
  before?: unknown;
  after?: unknown;
}

const broken = (id: number) => ({
  vi: `Chuỗi nhật ký bị phá vỡ tại dòng ${id}: nhật ký đã bị sửa hoặc xóa ngoài ứng dụng.`,
  en: `The audit chain is broken at row ${id}: the log was changed or removed outside the app.`,
});
const cut = (source: 'device' | 'portal', seq: number, head: number) => ({
  vi: `Nhật ký đã bị cắt hoặc viết lại: ${source === 'portal' ? 'cổng dịch vụ công' : 'thiết bị'} đã ghi nhận đến dòng ${seq}, nay ${head < seq ? `chỉ còn đến dòng ${head}` : 'dòng đó đã khác'}.`,
  en: `The audit log was cut off or rewritten: the ${source === 'portal' ? 'portal' : 'device'} recorded it up to row ${seq}; ${head < seq ? `now it ends at row ${head}` : 'that row has changed since'}.`,
});

export class AuditLog {
  private readonly key: Buffer;
  private legacyUntil: number;
  /** The newest row known to chain correctly from the first row or from a sealed checkpoint. */
  private watermark: { id: number; hash: string } = { id: 0, hash: GENESIS };
  private brokenAt: number | null = null;
  private anchorProblem: { source: 'device' | 'portal'; seq: number } | null = null;
  private full: AuditChainState['full'] = { state: 'pending', at: null };
  private fullRun: Promise<AuditChainState> | null = null;

  constructor(private readonly o: { db: Db; clock: Clock; device: DeviceStore; log: Logger }) {
    this.key = o.device.auditKey();
    const secrets = o.device.get();
    const head = this.head();
    if (secrets.auditLegacyUntil === null) {
      // The first start with a key: rows already there were chained by the unkeyed SHA-256 of old.
      const until = head?.seq ?? 0;
      o.device.update((s) => {
        s.auditLegacyUntil = until;
      });
      this.legacyUntil = until;
      // On record in the chain itself: where the unkeyed rows end and the sealed ones begin.
      if (until > 0) this.append({ at: o.clock.now().toISOString(), actor: 'system', action: 'audit.keyed', after: { legacyUntil: until } });
    } else {
      this.legacyUntil = secrets.auditLegacyUntil;
    }
    this.watermark = this.lastCheckpoint() ?? { id: 0, hash: GENESIS };
  }

  private digest(id: number, prev: string, r: Content): string {
    return id <= this.legacyUntil ? legacyDigest(prev, r) : sealRow(this.key, id, prev, r);
  }

  /** Appends one row; call inside the transaction of the change it records. */
  append(e: AuditInput): void {
    const { db } = this.o;
    const last = db.prepare<[], { id: number; hash: string }>('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get();
    const prev = last?.hash ?? GENESIS;
    const id = (last?.id ?? 0) + 1;
    const row: Content = {
      at: e.at,
      actor: e.actor,
      action: e.action,
      dossier_code: e.dossierCode ?? null,
      before: e.before === undefined ? null : JSON.stringify(e.before),
      after: e.after === undefined ? null : JSON.stringify(e.after),
    };
    const hash = this.digest(id, prev, row);
    db.prepare('INSERT INTO audit_log (id, at, actor, action, dossier_code, before, after, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
      id,
      row.at,
      row.actor,
      row.action,
      row.dossier_code,
      row.before,
      row.after,
      prev,
      hash,
    );
    if (id % CHECKPOINT_EVERY === 0) db.prepare('INSERT OR REPLACE INTO audit_checkpoints (id, hash, seal) VALUES (?, ?, ?)').run(id, hash, sealCheckpoint(this.key, id, hash));
    // What this process chained itself from a verified point is verified (a rollback is caught by state()).
    if (this.watermark.id === id - 1 && this.watermark.hash === prev) this.watermark = { id, hash };
  }

  head(): { seq: number; hash: string } | null {
    const r = this.o.db.prepare<[], { id: number; hash: string }>('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get();
    return r ? { seq: r.id, hash: r.hash } : null;
  }

  private lastCheckpoint(): { id: number; hash: string } | null {
    const rows = this.o.db.prepare<[], { id: number; hash: string; seal: string }>('SELECT c.id, c.hash, c.seal FROM audit_checkpoints c JOIN audit_log a ON a.id = c.id AND a.hash = c.hash ORDER BY c.id DESC LIMIT 5').all();
    const good = rows.find((c) => crypto.timingSafeEqual(Buffer.from(c.seal, 'hex'), Buffer.from(sealCheckpoint(this.key, c.id, c.hash), 'hex')));
    return good ? { id: good.id, hash: good.hash } : null;
  }

  /** A page of the log, newest first; every row shown is checked against its seal and its link. */
  list(filter: { dossierCode?: string; limit: number; offset: number }): { items: AuditEntry[]; total: number } {
    const { db } = this.o;
    const total = filter.dossierCode
      ? db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM audit_log WHERE dossier_code = ?').get(filter.dossierCode)!.n
      : // Ids run 1…n with no gaps (append-only, each row sealed with its id): the newest id is the count.
        (db.prepare<[], { n: number | null }>('SELECT max(id) AS n FROM audit_log').get()!.n ?? 0);
    const rows = filter.dossierCode
      ? db.prepare<[string, number, number], Row>('SELECT * FROM audit_log WHERE dossier_code = ? ORDER BY id DESC LIMIT ? OFFSET ?').all(filter.dossierCode, filter.limit, filter.offset)
      : db.prepare<[number, number], Row>('SELECT * FROM audit_log ORDER BY id DESC LIMIT ? OFFSET ?').all(filter.limit, filter.offset);
    const prevOf = db.prepare<[number], { hash: string }>('SELECT hash FROM audit_log WHERE id = ?');
    for (const r of rows) {
      const prev = r.id === 1 ? GENESIS : prevOf.get(r.id - 1)?.hash;
      if (prev !== r.prev_hash || this.digest(r.id, r.prev_hash, r) !== r.hash) this.markBroken(r.id);
    }
    return { items: rows.map(toEntry), total };
  }

  private markBroken(id: number): void {
    if (this.brokenAt === null || id < this.brokenAt) {
      this.brokenAt = id;
      this.o.log.error('audit chain broken', { row: id });
    }
  }

  /**
   * Verifies rows from `from` (exclusive, whose hash is `prevHash`) up to `to`, in slices; the first bad
   * row is marked broken. Returns the last good point.
   */
  private async walk(from: { id: number; hash: string }, to: number, yieldBetween: boolean): Promise<{ id: number; hash: string; ok: boolean }> {
    const { db } = this.o;
    const stmt = db.prepare<[number, number, number], Row>('SELECT * FROM audit_log WHERE id > ? AND id <= ? ORDER BY id LIMIT ?');
    let point = from;
    for (;;) {
      const rows = stmt.all(point.id, to, SLICE);
      if (rows.length === 0) return { ...point, ok: point.id >= to };
      for (const r of rows) {
        if (r.id !== point.id + 1 || r.prev_hash !== point.hash || this.digest(r.id, r.prev_hash, r) !== r.hash) {
          this.markBroken(r.id !== point.id + 1 ? point.id + 1 : r.id);
          return { ...point, ok: false };
        }
        point = { id: r.id, hash: r.hash };
      }
      if (yieldBetween) await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /**
   * The chain's state for supervisors: the rows since the last verified point are verified now, and
   * the head is compared with the anchors kept outside the database. Fast: the rest is the background
   * verification's job.
   */
  state(): AuditChainState {
    const head = this.head();
    const { db } = this.o;
    // The verified point itself must still be there, unchanged.
    if (this.watermark.id > 0) {
      const at = db.prepare<[number], { hash: string }>('SELECT hash FROM audit_log WHERE id = ?').get(this.watermark.id);
      if (!at && (head?.seq ?? 0) < this.watermark.id) {
        // The tail was cut: what is left was verified before; the anchors say how much is missing.
        this.watermark = head ? { id: head.seq, hash: head.hash } : { id: 0, hash: GENESIS };
      } else if (!at || at.hash !== this.watermark.hash) {
        this.markBroken(this.watermark.id);
        this.watermark = this.lastCheckpoint() ?? { id: 0, hash: GENESIS };
      }
    }
    if (head && head.seq - this.watermark.id > MAX_INCREMENTAL) {
      // Checkpoints missing (removed, or an old database): the background verification catches up.
      void this.verifyAll();
    } else if (head && head.seq > this.watermark.id && this.brokenAt === null) {
      // Synchronous: bounded by the rows appended since the last checkpoint or verification.
      const stmt = db.prepare<[number], Row>('SELECT * FROM audit_log WHERE id > ? ORDER BY id');
      let point = this.watermark;
      for (const r of stmt.iterate(point.id)) {
        if (r.id !== point.id + 1 || r.prev_hash !== point.hash || this.digest(r.id, r.prev_hash, r) !== r.hash) {
          this.markBroken(r.id !== point.id + 1 ? point.id + 1 : r.id);
          break;
        }
        point = { id: r.id, hash: r.hash };
      }
      this.watermark = point;
    }
    const anchor = this.checkAnchors(head);
    const ok = this.brokenAt === null && (anchor?.ok ?? true);
    if (ok && head && this.watermark.id === head.seq) this.advanceLocalAnchor(head);
    const problem = this.brokenAt !== null ? broken(this.brokenAt) : anchor && !anchor.ok ? cut(anchor.source, anchor.seq, head?.seq ?? 0) : null;
    return {
      ok,
      checked: this.watermark.id,
      brokenAt: this.brokenAt,
      head,
      anchor,
      full: { ...this.full },
      problem,
    };
  }

  /** The newer of the two anchors, and whether the chain still holds it at the same place. */
  private checkAnchors(head: { seq: number; hash: string } | null): AuditChainState['anchor'] {
    const s = this.o.device.get();
    const anchors: { source: 'device' | 'portal'; seq: number; hash: string }[] = [];
    if (s.auditAnchor && crypto.timingSafeEqual(Buffer.from(s.auditAnchor.seal, 'hex'), Buffer.from(sealAnchor(this.key, s.auditAnchor.seq, s.auditAnchor.hash), 'hex'))) {
      anchors.push({ source: 'device', ...s.auditAnchor });
    }
    if (s.portalAnchor) anchors.push({ source: 'portal', ...s.portalAnchor });
    let reported: AuditChainState['anchor'] = null;
    for (const a of anchors.sort((x, y) => y.seq - x.seq)) {
      const at = a.seq === 0 ? { hash: GENESIS } : this.o.db.prepare<[number], { hash: string }>('SELECT hash FROM audit_log WHERE id = ?').get(a.seq);
      const holds = a.seq === 0 || (at?.hash === a.hash && (head?.seq ?? 0) >= a.seq);
      if (!holds) {
        if (!this.anchorProblem) this.o.log.error('audit chain no longer reaches its anchor', { source: a.source, seq: a.seq, head: head?.seq ?? 0 });
        this.anchorProblem = { source: a.source, seq: a.seq };
        return { source: a.source, seq: a.seq, ok: false };
      }
      reported ??= { source: a.source, seq: a.seq, ok: true };
    }
    return reported;
  }

  private advanceLocalAnchor(head: { seq: number; hash: string }): void {
    if (this.anchorProblem) return;
    const current = this.o.device.get().auditAnchor;
    if (current && current.seq >= head.seq) return;
    this.o.device.update((s) => {
      s.auditAnchor = { seq: head.seq, hash: head.hash, seal: sealAnchor(this.key, head.seq, head.hash) };
    });
  }

  /** The portal's answer to a heartbeat: the newest head it keeps for this device. */
  recordPortalAnchor(anchor: { seq: number; hash: string }): void {
    const current = this.o.device.get().portalAnchor;
    if (current && current.seq === anchor.seq && current.hash === anchor.hash) return;
    this.o.device.update((s) => {
      s.portalAnchor = { ...anchor, at: this.o.clock.now().toISOString() };
    });
  }

  /**
   * The full verification from the first row, in slices so other calls run between them; one at a
   * time. Records a sealed checkpoint at the head it reached, and reports through the log and state().
   */
  verifyAll(): Promise<AuditChainState> {
    this.fullRun ??= (async () => {
      this.full = { state: 'running', at: this.full.at };
      const started = Date.now();
      const head = this.head();
      const reached = await this.walk({ id: 0, hash: GENESIS }, head?.seq ?? 0, true);
      this.full = { state: 'done', at: this.o.clock.now().toISOString() };
      if (reached.ok && reached.id > 0) {
        this.o.db.prepare('INSERT OR REPLACE INTO audit_checkpoints (id, hash, seal) VALUES (?, ?, ?)').run(reached.id, reached.hash, sealCheckpoint(this.key, reached.id, reached.hash));
        if (reached.id > this.watermark.id) this.watermark = { id: reached.id, hash: reached.hash };
      }
      this.o.log.info('audit chain verified in full', { rows: reached.id, ok: reached.ok, ms: Date.now() - started });
      return this.state();
    })().finally(() => {
      this.fullRun = null;
    });
    return this.fullRun;
  }
}

/**
 * The chain checked without writing anything (motcua doctor, which must never change data): from the
 * newest checkpoint whose seal holds (or the first row) to the head, then the head against the anchors
 * kept outside the database. `secrets` is the device file as read; rows are verified only with its key.
 */
export function inspectChain(
  db: Db,
  secrets: { auditKey: string; auditLegacyUntil: number | null; auditAnchor: { seq: number; hash: string; seal: string } | null; portalAnchor: { seq: number; hash: string } | null },
): { ok: boolean; head: { seq: number; hash: string } | null; checkedFrom: number; problem: { vi: string; en: string } | null } {
  const key = Buffer.from(secrets.auditKey, 'base64');
  // An install never started since the chain was keyed: every row is of the unkeyed kind.
  const legacyUntil = secrets.auditLegacyUntil ?? Number.MAX_SAFE_INTEGER;
  const digest = (r: Row) => (r.id <= legacyUntil ? legacyDigest(r.prev_hash, r) : sealRow(key, r.id, r.prev_hash, r));
  const headRow = db.prepare<[], { id: number; hash: string }>('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get();
  const head = headRow ? { seq: headRow.id, hash: headRow.hash } : null;
  let start = { id: 0, hash: GENESIS };
  try {
    for (const c of db.prepare<[], { id: number; hash: string; seal: string }>('SELECT id, hash, seal FROM audit_checkpoints ORDER BY id DESC LIMIT 5').all()) {
      const row = db.prepare<[number], { hash: string }>('SELECT hash FROM audit_log WHERE id = ?').get(c.id);
      if (row?.hash === c.hash && c.seal === sealCheckpoint(key, c.id, c.hash)) {
        start = { id: c.id, hash: c.hash };
        break;
      }
    }
  } catch {
    // a database from before checkpoints: verified from the first row
  }
  let point = start;
  for (const r of db.prepare<[number], Row>('SELECT * FROM audit_log WHERE id > ? ORDER BY id').iterate(start.id)) {
    if (r.id !== point.id + 1 || r.prev_hash !== point.hash || digest(r) !== r.hash) {
      return { ok: false, head, checkedFrom: start.id, problem: broken(r.id !== point.id + 1 ? point.id + 1 : r.id) };
    }
    point = { id: r.id, hash: r.hash };
  }
  const anchors: { source: 'device' | 'portal'; seq: number; hash: string }[] = [];
  const a = secrets.auditAnchor;
  if (a && a.seal === sealAnchor(key, a.seq, a.hash)) anchors.push({ source: 'device', ...a });
  if (secrets.portalAnchor) anchors.push({ source: 'portal', ...secrets.portalAnchor });
  for (const anchor of anchors) {
    if (anchor.seq === 0) continue;
    const at = db.prepare<[number], { hash: string }>('SELECT hash FROM audit_log WHERE id = ?').get(anchor.seq);
    if (at?.hash !== anchor.hash) return { ok: false, head, checkedFrom: start.id, problem: cut(anchor.source, anchor.seq, head?.seq ?? 0) };
  }
  return { ok: true, head, checkedFrom: start.id, problem: null };
}
