import crypto from 'node:crypto';
import type { Db } from '../db/open.js';
import { enqueue } from '../sync/outbox.js';
import { PORTAL_MAX_BODY_BYTES, type Applicant, type DossierChange, type DossierStatus, type DossierSubmission } from '../sync/portal-types.js';
import { AppError } from '../errors.js';
import type { DeskRecord } from '../desk/model.js';
import type { DossierRecord, HistoryEntry } from './model.js';
import { dossierCode } from './code.js';
import { vnDay } from '../time.js';
import { parseDossierQuery } from './search.js';
import type { Sequences } from '../sequences.js';

export type { DossierRecord, HistoryEntry } from './model.js';

interface Row {
  code: string;
  procedure_code: string;
  procedure_name: string;
  ward_code: string;
  channel: DossierRecord['channel'];
  applicant: string;
  data: string;
  status: DossierStatus;
  status_at: string;
  appointment_at: string | null;
  filed_at: string;
  origin: DossierRecord['origin'];
  acked_at: string | null;
  synced_at: string | null;
  sector: string | null;
  officer: string | null;
  handler: string | null;
  received_at: string | null;
  result_at: string | null;
  returned_at: string | null;
  appointment_original: string | null;
  desk: string | null;
}

const toRecord = (r: Row): DossierRecord => ({
  code: r.code,
  procedureCode: r.procedure_code,
  procedureName: r.procedure_name,
  wardCode: r.ward_code,
  channel: r.channel,
  applicant: JSON.parse(r.applicant) as Applicant,
  data: JSON.parse(r.data) as Record<string, unknown>,
  status: r.status,
  statusAt: r.status_at,
  appointmentAt: r.appointment_at,
  filedAt: r.filed_at,
  origin: r.origin,
  ackedAt: r.acked_at,
  syncedAt: r.synced_at,
  sector: r.sector,
  officer: r.officer,
  handler: r.handler,
  receivedAt: r.received_at,
  resultAt: r.result_at,
  returnedAt: r.returned_at,
  appointmentOriginal: r.appointment_original,
  desk: r.desk ? (JSON.parse(r.desk) as DeskRecord) : null,
});

export interface NewDossier {
  procedureCode: string;
  procedureName: string;
  wardCode: string;
  agency: string;
  channel: DossierRecord['channel'];
  applicant: Applicant;
  data: Record<string, unknown>;
  documents?: Record<string, unknown>[];
  actor: string;
  sector?: string | null;
}

/** Room for what a submission carries besides the applicant, data and documents (codes, keys, dates). */
const SUBMISSION_OVERHEAD = 2_000;

/**
 * Refuses a filing whose submission the portal would refuse for its size (PORTAL_MAX_BODY_BYTES):
 * checked before a code is given. Scans and photos are not in it (they stay as attachments).
 */
export function assertPortalSize(content: unknown): void {
  const bytes = Buffer.byteLength(JSON.stringify(content)) + SUBMISSION_OVERHEAD;
  if (bytes > PORTAL_MAX_BODY_BYTES) {
    throw new AppError('validation', {
      vi: `Hồ sơ quá lớn để gửi lên cổng dịch vụ công (${Math.ceil(bytes / 1000).toLocaleString('vi-VN')} KB, tối đa ${PORTAL_MAX_BODY_BYTES / 1000} KB, không tính ảnh giấy tờ). Hãy rút gọn nội dung đã nhập.`,
      en: `The filing is too large for the portal (${Math.ceil(bytes / 1000).toLocaleString('en')} KB, at most ${PORTAL_MAX_BODY_BYTES / 1000} KB, not counting document images). Shorten what was entered.`,
    });
  }
}

/**
 * Files a dossier: the dossier, its first history entry and its outbox item in one transaction,
 * so it is either all on disk (and will reach the portal) or not at all. Returns at once.
 */
export function fileDossier(db: Db, input: NewDossier, now: Date, sequences: Sequences): DossierRecord {
  return db.transaction(() => {
    const at = now.toISOString();
    const code = dossierCode(input.agency, now, sequences.next(vnDay(now)));
    const clientKey = `dossier-${crypto.randomUUID()}`;
    db.prepare(
      `INSERT INTO dossiers (code, client_key, procedure_code, procedure_name, ward_code, channel, applicant, data, status, status_at, filed_at, origin, sector)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'new', ?, ?, 'local', ?)`,
    ).run(code, clientKey, input.procedureCode, input.procedureName, input.wardCode, input.channel, JSON.stringify(input.applicant), JSON.stringify({ ...input.data, ...(input.documents?.length ? { documents: input.documents } : {}) }), at, at, input.sector ?? null);
    db.prepare("INSERT INTO dossier_history (dossier_code, status, at, actor, source, state) VALUES (?, 'new', ?, ?, 'local', 'pending')").run(code, at, input.actor);
    const submission: DossierSubmission = {
      clientKey,
      code,
      procedureCode: input.procedureCode,
      procedureName: input.procedureName,
      wardCode: input.wardCode,
      channel: input.channel,
      applicant: input.applicant,
      data: input.data,
      documents: input.documents,
      filedAt: at,
    };
    enqueue(db, { kind: 'dossier.submit', idempotencyKey: clientKey, stream: code, payload: submission, now: at });
    return getDossier(db, code)!;
  })();
}

/** What a transition may set besides the status (the desk's columns); undefined leaves a column as it is. */
export interface TransitionChanges {
  appointmentAt?: string | null;
  appointmentOriginal?: string | null;
  officer?: string;
  handler?: string;
  receivedAt?: string;
  resultAt?: string;
  returnedAt?: string;
  desk?: DeskRecord;
}

const COLUMNS: Record<keyof TransitionChanges, string> = {
  appointmentAt: 'appointment_at',
  appointmentOriginal: 'appointment_original',
  officer: 'officer',
  handler: 'handler',
  receivedAt: 'received_at',
  resultAt: 'result_at',
  returnedAt: 'returned_at',
  desk: 'desk',
};

/** Sets desk columns without a status change (a moved appointment, a recorded return). */
export function updateDossier(db: Db, code: string, changes: TransitionChanges): void {
  const entries = Object.entries(changes).filter(([, v]) => v !== undefined) as [keyof TransitionChanges, unknown][];
  if (!entries.length) return;
  const sets = entries.map(([k]) => `${COLUMNS[k]} = ?`).join(', ');
  const values = entries.map(([k, v]) => (k === 'desk' ? JSON.stringify(v) : (v as string | null)));
  db.prepare(`UPDATE dossiers SET ${sets} WHERE code = ?`).run(...values, code);
}

/** A status change made here; pending until the portal acknowledges it. */
export function recordTransition(db: Db, code: string, to: DossierStatus, actor: string, note: string | null, now: Date, changes: TransitionChanges = {}): void {
  db.transaction(() => {
    const current = getDossier(db, code);
    if (!current) throw new Error(`no dossier ${code}`);
    const at = now.toISOString();
    const key = `transition-${crypto.randomUUID()}`;
    db.prepare('UPDATE dossiers SET status = ?, status_at = ? WHERE code = ?').run(to, at, code);
    updateDossier(db, code, changes);
    db.prepare("INSERT INTO dossier_history (dossier_code, status, at, actor, note, source, state) VALUES (?, ?, ?, ?, ?, 'local', 'pending')").run(code, to, at, actor, note);
    const appointmentAt = changes.appointmentAt ?? undefined;
    enqueue(db, {
      kind: 'dossier.transition',
      idempotencyKey: key,
      stream: code,
      payload: { code, body: { clientKey: key, from: current.status, to, at, actor, ...(note ? { note } : {}), ...(appointmentAt ? { appointmentAt } : {}) } },
      now: at,
    });
  })();
}

/** The portal has this device's filing: the dossier and its first history step are acknowledged. */
export function markFilingAcked(db: Db, code: string, at: string): void {
  db.prepare('UPDATE dossiers SET acked_at = ? WHERE code = ?').run(at, code);
  db.prepare("UPDATE dossier_history SET state = 'acked' WHERE dossier_code = ? AND status = 'new' AND state = 'pending'").run(code);
}

/** The portal applied a transition made here: its history step (the oldest pending one to `to`) is acknowledged. */
export function markTransitionAcked(db: Db, code: string, to: DossierStatus): void {
  db.prepare("UPDATE dossier_history SET state = 'acked' WHERE id = (SELECT min(id) FROM dossier_history WHERE dossier_code = ? AND status = ? AND state = 'pending')").run(code, to);
}

/** The portal refused a transition made here: its history step shows it, with the portal's reason. */
export function markTransitionRefused(db: Db, code: string, to: DossierStatus, error: string): void {
  db.prepare("UPDATE dossier_history SET state = 'refused', error = ? WHERE id = (SELECT min(id) FROM dossier_history WHERE dossier_code = ? AND status = ? AND state = 'pending')").run(error, code, to);
}

/**
 * A change from the portal's dossier feed, one event whoever reports it: the portal's echo of this
 * device's own filing or move makes that entry official. The portal owns the official status; a local
 * transition not yet acknowledged keeps the local status until the portal has it (the officer's
 * view must not jump back). A dossier this device never saw arrives with its submission (a desk
 * hears of its ward's dossiers); a status for one it never saw without it is not this device's.
 * Returns whether anything was stored.
 */
export function applyPortalChange(db: Db, change: DossierChange, now: string): boolean {
  const existing = db.prepare<[string], { status: string }>('SELECT status FROM dossiers WHERE code = ?').get(change.code);
  const addHistory = (code: string) =>
    db.prepare("INSERT INTO dossier_history (dossier_code, status, at, actor, note, source, state) VALUES (?, ?, ?, 'portal', ?, 'portal', 'official')").run(code, change.status, change.statusAt, change.note ?? null);
  if (!existing) {
    const d = change.dossier;
    if (!d) return false;
    db.prepare(
      `INSERT INTO dossiers (code, client_key, procedure_code, procedure_name, ward_code, channel, applicant, data, status, status_at, appointment_at, filed_at, origin, acked_at, synced_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'portal', ?, ?)`,
    ).run(d.code, d.clientKey, d.procedureCode, d.procedureName ?? '', d.wardCode, d.channel, JSON.stringify(d.applicant), JSON.stringify(d.data ?? {}), change.status, change.statusAt, change.appointmentAt ?? null, d.filedAt, change.statusAt, now);
    addHistory(d.code);
    return true;
  }
  const known = db.prepare<[string, string, string], { n: number }>('SELECT count(*) AS n FROM dossier_history WHERE dossier_code = ? AND status = ? AND at = ?').get(change.code, change.status, change.statusAt)!.n;
  if (!known) {
    // The portal echoing a change this device made (its filing, an officer's move here) is the
    // same event, not a second one: the local entry becomes official, at the portal's time.
    const mine = db
      .prepare<[string, string], { id: number }>("SELECT id FROM dossier_history WHERE dossier_code = ? AND status = ? AND source = 'local' AND state IN ('pending', 'acked') ORDER BY id LIMIT 1")
      .get(change.code, change.status);
    if (mine) db.prepare("UPDATE dossier_history SET state = 'official', at = ?, note = coalesce(note, ?) WHERE id = ?").run(change.statusAt, change.note ?? null, mine.id);
    else addHistory(change.code);
  }
  const pendingLocal = db.prepare<[string], { n: number }>("SELECT count(*) AS n FROM dossier_history WHERE dossier_code = ? AND source = 'local' AND state = 'pending'").get(change.code)!.n;
  if (pendingLocal === 0) {
    db.prepare('UPDATE dossiers SET status = ?, status_at = ?, appointment_at = coalesce(?, appointment_at), synced_at = ? WHERE code = ?').run(change.status, change.statusAt, change.appointmentAt ?? null, now, change.code);
  } else {
    db.prepare('UPDATE dossiers SET synced_at = ? WHERE code = ?').run(now, change.code);
  }
  return true;
}

export function getDossier(db: Db, code: string): DossierRecord | null {
  const row = db.prepare<[string], Row>('SELECT * FROM dossiers WHERE code = ?').get(code);
  return row ? toRecord(row) : null;
}

/** Several dossiers by code, in the order asked (one query, for a page of a list). */
export function getDossiers(db: Db, codes: string[]): DossierRecord[] {
  if (!codes.length) return [];
  const rows = new Map(db.prepare<[string], Row>('SELECT * FROM dossiers WHERE code IN (SELECT value FROM json_each(?))').all(JSON.stringify(codes)).map((r) => [r.code, r]));
  return codes.flatMap((c) => (rows.has(c) ? [toRecord(rows.get(c)!)] : []));
}

/** The histories of several dossiers (one query, for a page of a list), oldest step first. */
export function histories(db: Db, codes: string[]): Map<string, HistoryEntry[]> {
  const out = new Map<string, HistoryEntry[]>(codes.map((c) => [c, []]));
  if (!codes.length) return out;
  const rows = db
    .prepare<[string], HistoryEntry & { dossier_code: string }>(
      'SELECT dossier_code, status, at, actor, note, source, state, error FROM dossier_history WHERE dossier_code IN (SELECT value FROM json_each(?)) ORDER BY dossier_code, id',
    )
    .all(JSON.stringify(codes));
  for (const { dossier_code, ...entry } of rows) out.get(dossier_code)?.push(entry);
  return out;
}

export function history(db: Db, code: string): HistoryEntry[] {
  return db
    .prepare<[string], HistoryEntry>('SELECT status, at, actor, note, source, state, error FROM dossier_history WHERE dossier_code = ? ORDER BY id')
    .all(code);
}

export interface DossierFilter {
  status?: DossierStatus;
  origin?: 'local' | 'portal';
  /** Filed within [from, to), ISO instants. */
  from?: string;
  to?: string;
  /** A code (or its beginning), a name (with or without tones), a CCCD or phone number (or their beginning). */
  query?: string;
  /** Dossiers this officer processes ("hồ sơ của tôi"), or those no processor has taken yet. */
  handler?: { username: string } | 'none';
  /** Only these statuses (the clock's running and paused ones, for a work list). */
  statuses?: readonly DossierStatus[];
  /** Column to order by (newest filing first when absent); `desc` reverses. */
  sort?: DossierSort;
  desc?: boolean;
  limit: number;
  /** Skip this many (the first pages); `after` is the way deeper. */
  offset?: number;
  /** The `next` of the previous page: keyset paging, as fast at the 100,000th dossier as at the first. */
  after?: string;
}

export type DossierSort = 'filed' | 'received' | 'appointment' | 'code' | 'status';
const SORT_COLUMNS: Record<DossierSort, string> = { filed: 'd.filed_at', received: 'd.received_at', appointment: 'd.appointment_at', code: 'd.code', status: 'd.status' };

export interface DossierPage {
  items: DossierRecord[];
  /** How many match; when `capped`, at least this many (counting further would cost a scan). */
  total: number;
  capped: boolean;
  /** Pass as `after` for the next page; null on the last. */
  next: string | null;
}

/** Totals above this are shown as "10,000+": counting a million rows is a scan. */
const COUNT_CAP = 10_000;

const badCursor = () => new AppError('validation', { vi: 'Trang tiếp theo không còn hợp lệ, hãy tải lại danh sách.', en: 'The next-page cursor is not valid; reload the list.' }, { field: 'after' });

type Keyed = Row & { row_id: number };

/**
 * The desk's dossier list, newest first, paged by key. Every path is one index range:
 * no filter or status/origin only (filing date, totals from `dossier_counts`), a date range
 * (filing date), a name or number (the `dossier_search` index, newest stored first), a code (its prefix).
 * An officer's own work (`handler`) and open work (`statuses`) narrow any of them. A list sorted by
 * a column the officer clicked (`sort`) pages by position instead: its `next` is "o~<offset>".
 */
export function listDossiers(db: Db, filter: DossierFilter): DossierPage {
  const where: string[] = [];
  const params: (string | number)[] = [];
  const add = (sql: string, ...values: (string | number)[]) => {
    where.push(sql);
    params.push(...values);
  };
  if (filter.status) add('d.status = ?', filter.status);
  if (filter.origin) add('d.origin = ?', filter.origin);
  if (filter.from) add('d.filed_at >= ?', filter.from);
  if (filter.to) add('d.filed_at < ?', filter.to);
  if (filter.statuses?.length) add(`d.status IN (${filter.statuses.map(() => '?').join(', ')})`, ...filter.statuses);
  if (filter.handler === 'none') add('d.handler IS NULL');
  else if (filter.handler) add('d.handler = ?', filter.handler.username);
  const query = filter.query ? parseDossierQuery(filter.query) : null;
  // A cursor is "<kind>~<key…>": f (filing date and row), r (search row), c (code), o (a position, for a sorted list).
  const cursor = filter.after ? filter.after.split('~') : null;
  const cursorOf = (kind: string, parts: number) => {
    if (!cursor || cursor[0] !== kind || cursor.length !== parts + 1) throw badCursor();
    return cursor.slice(1);
  };

  let from = 'dossiers d';
  let order: string;
  let nextOf: (r: Keyed) => string;
  let keyset: () => void;
  if (query?.kind === 'terms') {
    from = 'dossier_search s JOIN dossiers d ON d.rowid = s.rowid';
    add('dossier_search MATCH ?', query.match);
    order = 's.rowid DESC';
    nextOf = (r) => `r~${r.row_id}`;
    keyset = () => add('s.rowid < ?', Number(cursorOf('r', 1)[0]));
  } else if (query?.kind === 'code') {
    add('d.code >= ? AND d.code < ?', query.prefix, `${query.prefix}\uffff`);
    order = 'd.code DESC';
    nextOf = (r) => `c~${r.code}`;
    keyset = () => add('d.code < ?', cursorOf('c', 1)[0]!);
  } else {
    order = 'd.filed_at DESC, d.rowid DESC';
    nextOf = (r) => `f~${r.filed_at}~${r.row_id}`;
    keyset = () => {
      const [filedAt, rowid] = cursorOf('f', 2);
      add('(d.filed_at, d.rowid) < (?, ?)', filedAt!, Number(rowid));
    };
  }

  // The total, before the keyset narrows the rows.
  let total: number;
  let capped = false;
  if (!query && !filter.from && !filter.to && !filter.handler && !filter.statuses?.length) {
    const counted: string[] = [];
    const countParams: string[] = [];
    if (filter.status) {
      counted.push('status = ?');
      countParams.push(filter.status);
    }
    if (filter.origin) {
      counted.push('origin = ?');
      countParams.push(filter.origin);
    }
    total = db.prepare<string[], { n: number | null }>(`SELECT sum(n) AS n FROM dossier_counts ${counted.length ? `WHERE ${counted.join(' AND ')}` : ''}`).get(...countParams)!.n ?? 0;
  } else {
    total = db.prepare<(string | number)[], { n: number }>(`SELECT count(*) AS n FROM (SELECT 1 FROM ${from} WHERE ${where.join(' AND ')} LIMIT ${COUNT_CAP + 1})`).get(...params)!.n;
    capped = total > COUNT_CAP;
    if (capped) total = COUNT_CAP;
  }

  // A column the officer sorted by: by position (dossiers without it — not yet received, no appointment — last either way).
  const sorted = filter.sort && !(filter.sort === 'filed' && filter.desc) ? filter.sort : null;
  let offset = filter.offset ?? 0;
  if (sorted) {
    const dir = filter.desc ? 'DESC' : 'ASC';
    const column = SORT_COLUMNS[sorted];
    order = `${column} IS NULL, ${column} ${dir}, d.rowid ${dir}`;
    if (cursor) offset = Number(cursorOf('o', 1)[0]);
    if (!Number.isSafeInteger(offset) || offset < 0) throw badCursor();
    nextOf = () => `o~${offset + filter.limit}`;
  } else if (cursor) {
    keyset();
    offset = 0;
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const rows = db.prepare<(string | number)[], Keyed>(`SELECT d.*, d.rowid AS row_id FROM ${from} ${clause} ORDER BY ${order} LIMIT ? OFFSET ?`).all(...params, filter.limit + 1, offset);
  const more = rows.length > filter.limit;
  const page = rows.slice(0, filter.limit);
  return { items: page.map(toRecord), total, capped, next: more ? nextOf(page[page.length - 1]!) : null };
}
