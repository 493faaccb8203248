import crypto from 'node:crypto';
import type { Db } from '../db/open.js';
import { enqueue } from '../sync/outbox.js';
import type { Applicant, DossierStatus, DossierSubmission } from '../sync/portal-types.js';
import { dossierCode, vnDay } from './code.js';

export interface DossierRecord {
  code: string;
  procedureCode: string;
  procedureName: string;
  wardCode: string;
  channel: 'kiosk' | 'counter' | 'online';
  applicant: Applicant;
  data: Record<string, unknown>;
  status: DossierStatus;
  statusAt: string;
  appointmentAt: string | null;
  filedAt: string;
  origin: 'local' | 'portal';
  ackedAt: string | null;
  syncedAt: string | null;
}

export interface HistoryEntry {
  status: DossierStatus;
  at: string;
  actor: string;
  note: string | null;
  source: 'local' | 'portal';
  state: 'pending' | 'acked' | 'refused' | 'official';
  error: string | null;
}

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
});

function nextSequence(db: Db, day: string): number {
  const row = db
    .prepare<[string], { last: number }>('INSERT INTO daily_sequences (day, last) VALUES (?, 1) ON CONFLICT (day) DO UPDATE SET last = last + 1 RETURNING last')
    .get(day);
  return row!.last;
}

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
}

/**
 * Files a dossier: the dossier, its first history entry and its outbox item in one transaction,
 * so it is either all on disk (and will reach the portal) or not at all. Returns at once.
 */
export function fileDossier(db: Db, input: NewDossier, now: Date): DossierRecord {
  return db.transaction(() => {
    const at = now.toISOString();
    const code = dossierCode(input.agency, now, nextSequence(db, vnDay(now)));
    const clientKey = `dossier-${crypto.randomUUID()}`;
    db.prepare(
      `INSERT INTO dossiers (code, client_key, procedure_code, procedure_name, ward_code, channel, applicant, data, status, status_at, filed_at, origin)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'new', ?, ?, 'local')`,
    ).run(code, clientKey, input.procedureCode, input.procedureName, input.wardCode, input.channel, JSON.stringify(input.applicant), JSON.stringify({ ...input.data, ...(input.documents?.length ? { documents: input.documents } : {}) }), at, at);
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

/** A status change made here; pending until the portal acknowledges it. */
export function recordTransition(db: Db, code: string, to: DossierStatus, actor: string, note: string | null, now: Date): void {
  db.transaction(() => {
    const current = getDossier(db, code);
    if (!current) throw new Error(`no dossier ${code}`);
    const at = now.toISOString();
    const key = `transition-${crypto.randomUUID()}`;
    db.prepare('UPDATE dossiers SET status = ?, status_at = ? WHERE code = ?').run(to, at, code);
    db.prepare("INSERT INTO dossier_history (dossier_code, status, at, actor, note, source, state) VALUES (?, ?, ?, ?, ?, 'local', 'pending')").run(code, to, at, actor, note);
    enqueue(db, {
      kind: 'dossier.transition',
      idempotencyKey: key,
      stream: code,
      payload: { code, body: { clientKey: key, from: current.status, to, at, actor, ...(note ? { note } : {}) } },
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

export function listDossiers(db: Db, filter: { status?: DossierStatus; origin?: 'local' | 'portal'; limit: number; offset: number }): { items: DossierRecord[]; total: number } {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (filter.status) {
    where.push('status = ?');
    params.push(filter.status);
  }
  if (filter.origin) {
    where.push('origin = ?');
    params.push(filter.origin);
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = db.prepare<(string | number)[], { n: number }>(`SELECT count(*) AS n FROM dossiers ${clause}`).get(...params)!.n;
  const items = db.prepare<(string | number)[], Row>(`SELECT * FROM dossiers ${clause} ORDER BY filed_at DESC, code DESC LIMIT ? OFFSET ?`).all(...params, filter.limit, filter.offset).map(toRecord);
  return { items, total };
}
