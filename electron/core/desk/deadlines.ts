/**
 * The deadline board's queries: dossiers whose clock runs (clock.ts), bucketed by their appointment
 * against the calendar's bounds (time-left.ts): overdue, due by today's close, due by the close of
 * the next working day. Every query is a range of the partial index `dossiers_running_due`
 * (appointment_at, for exactly the running statuses — migration 009), or, for "mine", of the
 * officer's and the handler's indexes. A bucket is listed a page at a time, soonest first, by key.
 */
import type { Db } from '../db/open.js';
import { AppError } from '../errors.js';
import { RUNNING_STATUSES, sqlList } from '../dossiers/clock.js';

export type Bucket = 'overdue' | 'today' | 'next';

export interface DeadlineQuery {
  now: string;
  todayEnd: string;
  nextEnd: string;
  /** Only dossiers this officer received or processes. */
  mine?: string;
}

/** The running statuses, written as the partial index's WHERE is (the planner matches it word for word). */
const RUNNING = `status IN (${sqlList(RUNNING_STATUSES)})`;
const MINE = '(officer = @mine OR handler = @mine)';

const RANGE: Record<Bucket, string> = {
  overdue: 'appointment_at < @now',
  today: 'appointment_at >= @now AND appointment_at <= @todayEnd',
  next: 'appointment_at > @todayEnd AND appointment_at <= @nextEnd',
};

/** Named parameters: `mine` only when the query uses it. */
const params = ({ mine, ...rest }: DeadlineQuery): DeadlineQuery => (mine ? { ...rest, mine } : rest);

/**
 * How many dossiers are in each bucket. Overdue can be most of a busy ward's running dossiers, so
 * for the whole desk it is not counted row by row: it is the running total (dossier_counts, kept by
 * triggers) less those due from now on and those without an appointment — short index ranges.
 * An officer's own ("mine") are few: counted directly, through the officer's and handler's indexes.
 */
export function countDeadlines(db: Db, q: DeadlineQuery): Record<Bucket, number> {
  if (q.mine) {
    const row = db
      .prepare<DeadlineQuery, { overdue: number | null; today: number | null; next: number | null }>(
        `SELECT sum(${RANGE.overdue}) AS overdue, sum(${RANGE.today}) AS today, sum(${RANGE.next}) AS next
         FROM dossiers WHERE ${RUNNING} AND ${MINE} AND appointment_at <= @nextEnd`,
      )
      .get(params(q))!;
    return { overdue: row.overdue ?? 0, today: row.today ?? 0, next: row.next ?? 0 };
  }
  const running = db.prepare<[], { n: number | null }>(`SELECT sum(n) AS n FROM dossier_counts WHERE ${RUNNING}`).get()!.n ?? 0;
  const row = db
    .prepare<DeadlineQuery, { upcoming: number; undated: number; today: number; next: number }>(
      `SELECT (SELECT count(*) FROM dossiers INDEXED BY dossiers_running_due WHERE ${RUNNING} AND appointment_at >= @now) AS upcoming,
              (SELECT count(*) FROM dossiers INDEXED BY dossiers_running_due WHERE ${RUNNING} AND appointment_at IS NULL) AS undated,
              (SELECT count(*) FROM dossiers INDEXED BY dossiers_running_due WHERE ${RUNNING} AND ${RANGE.today}) AS today,
              (SELECT count(*) FROM dossiers INDEXED BY dossiers_running_due WHERE ${RUNNING} AND ${RANGE.next}) AS next`,
    )
    .get(params(q))!;
  return { overdue: running - row.upcoming - row.undated, today: row.today, next: row.next };
}

const badCursor = () => new AppError('validation', { vi: 'Trang tiếp theo không còn hợp lệ, hãy tải lại.', en: 'The next-page cursor is not valid; reload.' }, { field: 'after' });

/**
 * One page of a bucket, soonest appointment first (the most overdue on top), after the cursor
 * `after` ("<appointment>~<row>", the previous page's `next`).
 */
export function listDeadlines(db: Db, bucket: Bucket, q: DeadlineQuery, limit: number, after?: string): { codes: string[]; next: string | null } {
  let keyset = '';
  const extra: { at?: string; row?: number } = {};
  if (after) {
    const [at, row] = after.split('~');
    if (!at || !row || !/^\d+$/.test(row) || Number.isNaN(Date.parse(at))) throw badCursor();
    keyset = ' AND (appointment_at, rowid) > (@at, @row)';
    Object.assign(extra, { at, row: Number(row) });
  }
  const index = q.mine ? '' : 'INDEXED BY dossiers_running_due';
  const rows = db
    .prepare<DeadlineQuery & { limit: number; at?: string; row?: number }, { code: string; appointment_at: string; row_id: number }>(
      `SELECT code, appointment_at, rowid AS row_id FROM dossiers ${index}
       WHERE ${RUNNING} AND ${RANGE[bucket]}${q.mine ? ` AND ${MINE}` : ''}${keyset} ORDER BY appointment_at, rowid LIMIT @limit`,
    )
    .all({ ...params(q), ...extra, limit: limit + 1 });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { codes: page.map((r) => r.code), next: rows.length > limit && last ? `${last.appointment_at}~${last.row_id}` : null };
}
