import crypto from 'node:crypto';
import type { Db } from '../db/open.js';
import type { AuditEntryView as AuditEntry } from './model.js';

/**
 * The audit log: every action on a dossier or an account, append-only (triggers refuse UPDATE and
 * DELETE) and chained — each row's hash covers the previous row's hash and its own content — so a
 * row changed or removed behind the app's back breaks the chain at that row.
 */
interface Row {
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

const GENESIS = '0'.repeat(64);

function digest(prev: string, r: { at: string; actor: string; action: string; dossier_code: string | null; before: string | null; after: string | null }): string {
  return crypto.createHash('sha256').update(JSON.stringify([prev, r.at, r.actor, r.action, r.dossier_code, r.before, r.after])).digest('hex');
}

export function appendAudit(db: Db, e: { at: string; actor: string; action: string; dossierCode?: string | null; before?: unknown; after?: unknown }): void {
  const prev = db.prepare<[], { hash: string }>('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1').get()?.hash ?? GENESIS;
  const row = {
    at: e.at,
    actor: e.actor,
    action: e.action,
    dossier_code: e.dossierCode ?? null,
    before: e.before === undefined ? null : JSON.stringify(e.before),
    after: e.after === undefined ? null : JSON.stringify(e.after),
  };
  db.prepare('INSERT INTO audit_log (at, actor, action, dossier_code, before, after, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    row.at,
    row.actor,
    row.action,
    row.dossier_code,
    row.before,
    row.after,
    prev,
    digest(prev, row),
  );
}

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

export function listAudit(db: Db, filter: { dossierCode?: string; limit: number; offset: number }): { items: AuditEntry[]; total: number } {
  const where = filter.dossierCode ? 'WHERE dossier_code = ?' : '';
  const params = filter.dossierCode ? [filter.dossierCode] : [];
  const total = db.prepare<string[], { n: number }>(`SELECT count(*) AS n FROM audit_log ${where}`).get(...params)!.n;
  const items = db.prepare<(string | number)[], Row>(`SELECT * FROM audit_log ${where} ORDER BY id DESC LIMIT ? OFFSET ?`).all(...params, filter.limit, filter.offset).map(toEntry);
  return { items, total };
}

/** Walks the whole chain; the first row whose link or content does not match is reported. */
export function verifyAudit(db: Db): { ok: boolean; checked: number; brokenAt: number | null } {
  let prev = GENESIS;
  let checked = 0;
  for (const r of db.prepare<[], Row>('SELECT * FROM audit_log ORDER BY id').iterate()) {
    if (r.prev_hash !== prev || digest(prev, r) !== r.hash) return { ok: false, checked, brokenAt: r.id };
    prev = r.hash;
    checked++;
  }
  return { ok: true, checked, brokenAt: null };
}
