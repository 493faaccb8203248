/**
 * Reading the audit log filtered the way a supervisor asks: by officer, by kind of action, by
 * dossier and by date, newest first, a page at a time. Kept apart from the log's storage
 * (audit.ts), which it only reads.
 */
import type { Db } from '../db/open.js';
import type { AuditEntryView } from './model.js';
import { AUDIT_KINDS, type AuditKind } from './audit-view.js';
import type { AuditRow } from './audit.js';

export interface AuditFilter {
  actor?: string;
  kind?: string;
  dossierCode?: string;
  /** [from, to) as UTC ISO instants. */
  from?: string;
  to?: string;
}

type Row = Omit<AuditRow, 'prev_hash'>;

const toEntry = (r: Row): AuditEntryView => ({
  id: r.id,
  at: r.at,
  actor: r.actor,
  action: r.action,
  dossierCode: r.dossier_code,
  before: r.before === null ? null : (JSON.parse(r.before) as unknown),
  after: r.after === null ? null : (JSON.parse(r.after) as unknown),
  hash: r.hash,
});

function where(filter: AuditFilter): { clause: string; params: string[] } {
  const parts: string[] = [];
  const params: string[] = [];
  const add = (sql: string, value: string) => {
    parts.push(sql);
    params.push(value);
  };
  if (filter.actor) add('actor = ?', filter.actor);
  if (filter.dossierCode) add('dossier_code = ?', filter.dossierCode);
  if (filter.from) add('at >= ?', filter.from);
  if (filter.to) add('at < ?', filter.to);
  if (filter.kind) {
    const known = AUDIT_KINDS[filter.kind as Exclude<AuditKind, 'other'>];
    const all = Object.values(AUDIT_KINDS).flatMap((k) => k.actions as readonly string[]);
    const actions = known ? (known.actions as readonly string[]) : all;
    parts.push(`action ${known ? '' : 'NOT '}IN (${actions.map(() => '?').join(', ')})`);
    params.push(...actions);
  }
  return { clause: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

/** One page of the filtered log, newest first, and how many rows match. */
export function queryAudit(db: Db, filter: AuditFilter, page: { offset: number; limit: number }): { items: AuditEntryView[]; total: number } {
  const { clause, params } = where(filter);
  const total = db.prepare<string[], { n: number }>(`SELECT count(*) AS n FROM audit_log ${clause}`).get(...params)!.n;
  const items = db
    .prepare<(string | number)[], Row>(`SELECT id, at, actor, action, dossier_code, before, after, hash FROM audit_log ${clause} ORDER BY id DESC LIMIT ? OFFSET ?`)
    .all(...params, page.limit, page.offset)
    .map(toEntry);
  return { items, total };
}

/** Every matching row, newest first, for an export (read one at a time). */
export function* iterateAudit(db: Db, filter: AuditFilter): Generator<AuditEntryView> {
  const { clause, params } = where(filter);
  for (const r of db.prepare<string[], Row>(`SELECT id, at, actor, action, dossier_code, before, after, hash FROM audit_log ${clause} ORDER BY id DESC`).iterate(...params)) yield toEntry(r);
}
