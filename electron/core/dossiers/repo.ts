import crypto from 'node:crypto';
import type { Db } from '../db/open.js';
import { enqueue } from '../sync/outbox.js';
import { PORTAL_MAX_BODY_BYTES, type Applicant, type DossierStatus, type DossierSubmission } from '../sync/portal-types.js';
import { AppError } from '../errors.js';
import type { DeskRecord } from '../desk/model.js';
import type { DossierRecord, HistoryEntry } from './model.js';
import { dossierCode } from './code.js';
import { vnDay } from '../time.js';
import { foldName } from '../text/fold.js';
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

export function getDossier(db: Db, code: string): DossierRecord | null {
  const row = db.prepare<[string], Row>('SELECT * FROM dossiers WHERE code = ?').get(code);
  return row ? toRecord(row) : null;
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
  /** A code (or its beginning) or part of the applicant's name. */
  query?: string;
  /** Dossiers this officer processes ("hồ sơ của tôi"), or those no processor has taken yet. */
  handler?: { username: string } | 'none';
  /** Only these statuses (the clock's running and paused ones, for a work list). */
  statuses?: readonly DossierStatus[];
  /** Column to order by (newest filing first when absent); `desc` reverses. */
  sort?: DossierSort;
  desc?: boolean;
  limit: number;
  offset: number;
}

export type DossierSort = 'filed' | 'received' | 'appointment' | 'code' | 'status';
const SORT_COLUMNS: Record<DossierSort, string> = { filed: 'filed_at', received: 'received_at', appointment: 'appointment_at', code: 'code', status: 'status' };

export function listDossiers(db: Db, filter: DossierFilter): { items: DossierRecord[]; total: number } {
  const where: string[] = [];
  const params: (string | number)[] = [];
  const add = (sql: string, ...values: (string | number)[]) => {
    where.push(sql);
    params.push(...values);
  };
  if (filter.status) add('status = ?', filter.status);
  if (filter.statuses?.length) add(`status IN (${filter.statuses.map(() => '?').join(', ')})`, ...filter.statuses);
  if (filter.handler === 'none') add('handler IS NULL');
  else if (filter.handler) add('handler = ?', filter.handler.username);
  if (filter.origin) add('origin = ?', filter.origin);
  if (filter.from) add('filed_at >= ?', filter.from);
  if (filter.to) add('filed_at < ?', filter.to);
  if (filter.query?.trim()) {
    const q = filter.query.trim();
    // Names compare folded (case, marks, look-alike letters, odd spaces): "nguyen van a" finds "Nguyễn Văn A".
    registerFoldName(db);
    add("(code LIKE ? ESCAPE '\\' OR fold_name(json_extract(applicant, '$.fullName')) LIKE ? ESCAPE '\\')", `${escapeLike(q)}%`, `%${escapeLike(foldName(q))}%`);
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = db.prepare<(string | number)[], { n: number }>(`SELECT count(*) AS n FROM dossiers ${clause}`).get(...params)!.n;
  // Dossiers without the sort column (not yet received, no appointment) come last either way.
  const dir = filter.sort ? (filter.desc ? 'DESC' : 'ASC') : 'DESC';
  const column = SORT_COLUMNS[filter.sort ?? 'filed'];
  const order = `${column} IS NULL, ${column} ${dir}, code ${dir}`;
  const items = db.prepare<(string | number)[], Row>(`SELECT * FROM dossiers ${clause} ORDER BY ${order} LIMIT ? OFFSET ?`).all(...params, filter.limit, filter.offset).map(toRecord);
  return { items, total };
}

const withFoldName = new WeakSet<Db>();
/** `fold_name(text)` in SQL: text/fold.ts foldName, registered once per connection. */
function registerFoldName(db: Db): void {
  if (withFoldName.has(db)) return;
  db.function('fold_name', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? foldName(text) : null));
  withFoldName.add(db);
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
