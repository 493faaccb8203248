/**
 * The deadline board's queries: dossiers whose clock runs (clock.ts), bucketed by their appointment
 * against the calendar's bounds (time-left.ts): overdue, due by today's close, due by the close of
 * the next working day. Counts come from one pass over the (status, appointment_at) index; a bucket
 * is listed a page at a time, soonest first.
 */
import type { Db } from '../db/open.js';
import { RUNNING_STATUSES, sqlList } from '../dossiers/clock.js';

export type Bucket = 'overdue' | 'today' | 'next';

export interface DeadlineQuery {
  now: string;
  todayEnd: string;
  nextEnd: string;
  /** Only dossiers this officer received or processes. */
  mine?: string;
}

const RUNNING = sqlList(RUNNING_STATUSES);
const mineClause = (q: DeadlineQuery) => (q.mine ? ' AND (officer = @mine OR handler = @mine)' : '');
/** Named parameters: `mine` only when the clause uses it. */
const params = ({ mine, ...rest }: DeadlineQuery): DeadlineQuery => (mine ? { ...rest, mine } : rest);

export function countDeadlines(db: Db, q: DeadlineQuery): Record<Bucket, number> {
  const row = db
    .prepare<DeadlineQuery, { overdue: number | null; today: number | null; next: number | null }>(
      `SELECT sum(appointment_at < @now) AS overdue,
              sum(appointment_at >= @now AND appointment_at <= @todayEnd) AS today,
              sum(appointment_at > @todayEnd AND appointment_at <= @nextEnd) AS next
       FROM dossiers WHERE status IN (${RUNNING}) AND appointment_at <= @nextEnd${mineClause(q)}`,
    )
    .get(params(q))!;
  return { overdue: row.overdue ?? 0, today: row.today ?? 0, next: row.next ?? 0 };
}

const RANGE: Record<Bucket, string> = {
  overdue: 'appointment_at < @now',
  today: 'appointment_at >= @now AND appointment_at <= @todayEnd',
  next: 'appointment_at > @todayEnd AND appointment_at <= @nextEnd',
};

/** The codes of one bucket, soonest first, a page at a time. */
export function listDeadlines(db: Db, bucket: Bucket, q: DeadlineQuery, page: { offset: number; limit: number }): string[] {
  return db
    .prepare<DeadlineQuery & { limit: number; offset: number }, { code: string }>(
      `SELECT code FROM dossiers WHERE status IN (${RUNNING}) AND ${RANGE[bucket]}${mineClause(q)} ORDER BY appointment_at, code LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params(q), ...page })
    .map((r) => r.code);
}
