import type { Db } from '../db/open.js';
import { AppError } from '../errors.js';
import { addDays, vnDay, vnDayOfIso, vnDayStart } from '../time.js';
import { STATUS_LABELS } from '../dossiers/lifecycle.js';
import type { DossierStatus } from '../sync/portal-types.js';
import type { QueueGroup, RegisterRow, ReportRow, ReportSummary, Timeliness } from './model.js';
import { queueStats } from '../queue/queue.js';

/** The Vietnamese calendar day of a stored UTC ISO instant (cached per hour: called for every row of a report). */
const vnDate = vnDayOfIso;

/**
 * The on-time rule (domain.md): the day the result was ready against the appointment's day —
 * earlier is early, the same day on time, later late.
 */
export function timeliness(resultAt: string | null, appointmentAt: string | null): Timeliness | null {
  if (!resultAt || !appointmentAt) return null;
  const r = vnDate(resultAt);
  const a = vnDate(appointmentAt);
  return r < a ? 'early' : r === a ? 'on_time' : 'late';
}

export type DeadlineSection = 'overdue' | 'today' | 'tomorrow';
export type DeadlineCounts = Record<DeadlineSection, number>;

/**
 * Where each section of the deadline board starts and ends, as ISO instants: overdue is before
 * now, today until Vietnam's midnight, tomorrow the Vietnamese day after.
 */
function deadlineRanges(now: Date): Record<DeadlineSection, [string, string]> {
  const today = vnDay(now);
  const tomorrowStart = vnDayStart(addDays(today, 1)).toISOString();
  const dayAfter = vnDayStart(addDays(today, 2)).toISOString();
  const at = now.toISOString();
  return { overdue: ['', at], today: [at, tomorrowStart], tomorrow: [tomorrowStart, dayAfter] };
}

/** The dossiers whose clock runs (the partial index dossiers_running_due covers exactly these). */
const RUNNING_DUE = "status IN ('received', 'processing', 'payment')";

/**
 * How many dossiers are overdue, due today and due tomorrow. Overdue can be most of a busy
 * ward's running dossiers, so it is not counted row by row: it is the running total (kept by
 * triggers in dossier_counts) less those due from now on and those without an appointment —
 * both short ranges of the partial index dossiers_running_due.
 */
export function deadlineCounts(db: Db, now: Date): DeadlineCounts {
  const r = deadlineRanges(now);
  const running = db.prepare<[], { n: number | null }>("SELECT sum(n) AS n FROM dossier_counts WHERE status IN ('received', 'processing', 'payment')").get()!.n ?? 0;
  const row = db
    .prepare<[string, string, string, string, string], { upcoming: number; undated: number; today: number | null; tomorrow: number | null }>(
      `SELECT (SELECT count(*) FROM dossiers INDEXED BY dossiers_running_due WHERE ${RUNNING_DUE} AND appointment_at >= ?) AS upcoming,
              (SELECT count(*) FROM dossiers INDEXED BY dossiers_running_due WHERE ${RUNNING_DUE} AND appointment_at IS NULL) AS undated,
              (SELECT count(*) FROM dossiers INDEXED BY dossiers_running_due WHERE ${RUNNING_DUE} AND appointment_at >= ? AND appointment_at < ?) AS today,
              (SELECT count(*) FROM dossiers INDEXED BY dossiers_running_due WHERE ${RUNNING_DUE} AND appointment_at >= ? AND appointment_at < ?) AS tomorrow`,
    )
    .get(r.today[0], r.today[0], r.today[1], r.tomorrow[0], r.tomorrow[1])!;
  return { overdue: running - row.upcoming - row.undated, today: row.today ?? 0, tomorrow: row.tomorrow ?? 0 };
}

/**
 * One page of a deadline section, earliest appointment first (the most overdue on top), after the
 * cursor `after` ("<appointment>~<row>", the previous page's `next`).
 */
export function deadlinePage(db: Db, now: Date, section: DeadlineSection, limit: number, after?: string): { codes: string[]; next: string | null } {
  const [lo, hi] = deadlineRanges(now)[section];
  const params: (string | number)[] = [lo, hi];
  let keyset = '';
  if (after) {
    const [at, row] = after.split('~');
    if (!at || !row || !/^\d+$/.test(row)) throw new AppError('validation', { vi: 'Trang tiếp theo không còn hợp lệ, hãy tải lại.', en: 'The next-page cursor is not valid; reload.' }, { field: 'after' });
    keyset = 'AND (appointment_at, rowid) > (?, ?)';
    params.push(at, Number(row));
  }
  const rows = db
    .prepare<(string | number)[], { code: string; appointment_at: string; row_id: number }>(
      `SELECT code, appointment_at, rowid AS row_id FROM dossiers INDEXED BY dossiers_running_due
       WHERE ${RUNNING_DUE} AND appointment_at >= ? AND appointment_at < ? ${keyset} ORDER BY appointment_at, rowid LIMIT ?`,
    )
    .all(...params, limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { codes: page.map((r) => r.code), next: rows.length > limit && last ? `${last.appointment_at}~${last.row_id}` : null };
}

const emptyRow = (key: string): ReportRow => ({ key, received: 0, resolved: 0, early: 0, onTime: 0, late: 0, inProgress: 0, inProgressLate: 0, paused: 0, returned: 0 });

/** "Nguyễn Thị Lan (nguyen.thi.lan)": the name a supervisor knows, and the account it is; looked up once per officer. */
function officerLabels(db: Db): (username: string) => string {
  const find = db.prepare<[string], { display_name: string }>('SELECT display_name FROM staff_accounts WHERE username = ?');
  const seen = new Map<string, string>();
  return (username) => {
    let label = seen.get(username);
    if (label === undefined) {
      const name = find.get(username)?.display_name;
      seen.set(username, (label = name ? `${name} (${username})` : username));
    }
    return label;
  };
}

/**
 * Dossiers received in [from, to) counted the way the one-stop reports count them: resolved early /
 * on time / late, in progress (and of those, past their appointment), paused, returned — overall
 * and by sector, procedure, officer and month, in one pass over the period's rows.
 */
function aggregate(db: Db, from: string, to: string, now: string) {
  const groups = { sector: new Map<string, ReportRow>(), procedure: new Map<string, ReportRow>(), officer: new Map<string, ReportRow>(), month: new Map<string, ReportRow>() };
  const all = emptyRow('all');
  const bump = (map: Map<string, ReportRow>, key: string) => {
    let row = map.get(key);
    if (!row) map.set(key, (row = emptyRow(key)));
    return row;
  };
  // Only columns of the dossiers_report index: the scan never touches the table. A month at a
  // busy ward is tens of thousands of rows: one tight pass, no allocation per row.
  const rows = db
    .prepare<[string, string], [string | null, string, string | null, DossierStatus, string | null, string | null, string]>(
      'SELECT sector, procedure_code, officer, status, appointment_at, result_at, received_at FROM dossiers INDEXED BY dossiers_report WHERE received_at >= ? AND received_at < ?',
    )
    .raw()
    .all(from, to);
  const count = (row: ReportRow, resolved: boolean, t: Timeliness | null, running: boolean, runningLate: boolean, paused: boolean, returned: boolean) => {
    row.received++;
    if (resolved) row.resolved++;
    if (t === 'early') row.early++;
    else if (t === 'on_time') row.onTime++;
    else if (t === 'late') row.late++;
    if (running) row.inProgress++;
    if (runningLate) row.inProgressLate++;
    if (paused) row.paused++;
    if (returned) row.returned++;
  };
  for (const [sector, code, officer, status, appointment, result, received] of rows) {
    const t = timeliness(result, appointment);
    const running = status === 'received' || status === 'processing';
    const runningLate = running && appointment !== null && appointment < now;
    const paused = status === 'supplement' || status === 'payment' || status === 'stopped';
    const returned = status === 'returned';
    const resolved = result !== null;
    count(all, resolved, t, running, runningLate, paused, returned);
    count(bump(groups.sector, sector ?? '—'), resolved, t, running, runningLate, paused, returned);
    count(bump(groups.procedure, code), resolved, t, running, runningLate, paused, returned);
    count(bump(groups.officer, officer ?? '—'), resolved, t, running, runningLate, paused, returned);
    count(bump(groups.month, vnDate(received).slice(0, 7)), resolved, t, running, runningLate, paused, returned);
  }
  const collator = new Intl.Collator('vi');
  const sorted = (m: Map<string, ReportRow>) => [...m.values()].sort((a, b) => b.received - a.received || collator.compare(a.key, b.key));
  // Procedures are counted by code; their names are read once, in one query, not per row.
  const names = new Map(
    db
      .prepare<[string], { code: string; name: string }>('SELECT code, name FROM procedures WHERE code IN (SELECT value FROM json_each(?))')
      .all(JSON.stringify([...groups.procedure.keys()]))
      .map((r) => [r.code, r.name]),
  );
  const byProcedure = sorted(groups.procedure).map((r) => ({ ...r, key: `${r.key} ${names.get(r.key) ?? ''}`.trim() }));
  const officerLabel = officerLabels(db);
  return {
    totals: all,
    bySector: sorted(groups.sector),
    byProcedure,
    byOfficer: sorted(groups.officer).map((r) => ({ ...r, key: officerLabel(r.key) })),
    byMonth: [...groups.month.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
  };
}

export function reportSummary(db: Db, groups: QueueGroup[], from: string, to: string, now: Date): ReportSummary {
  const ratings = db
    .prepare<[string, string], { level: string; n: number }>('SELECT level, count(*) AS n FROM ratings WHERE created_at >= ? AND created_at < ? GROUP BY level')
    .all(from, to);
  const satisfaction = { very_satisfied: 0, satisfied: 0, unsatisfied: 0 };
  for (const r of ratings) if (r.level in satisfaction) satisfaction[r.level as keyof typeof satisfaction] = r.n;
  return { from, to, ...aggregate(db, from, to, now.toISOString()), satisfaction, queue: queueStats(db, groups, from, to) };
}

/** The dossier register (sổ theo dõi hồ sơ, form 06): dossiers received in [from, to), in register order. */
export function register(db: Db, from: string, to: string): RegisterRow[] {
  const officerLabel = officerLabels(db);
  return db
    .prepare<[string, string], { code: string; procedure_name: string; applicant: string; received_at: string | null; appointment_at: string | null; result_at: string | null; returned_at: string | null; status: DossierStatus; officer: string | null; desk: string | null }>(
      `SELECT code, procedure_name, applicant, received_at, appointment_at, result_at, returned_at, status, officer, desk
       FROM dossiers WHERE received_at >= ? AND received_at < ? ORDER BY received_at, code`,
    )
    .all(from, to)
    .map((r) => {
      const applicant = JSON.parse(r.applicant) as { fullName: string; address?: string };
      return {
        registerNo: r.desk ? ((JSON.parse(r.desk) as { registerNo?: number }).registerNo ?? null) : null,
        code: r.code,
        procedureName: r.procedure_name,
        applicant: applicant.fullName,
        address: applicant.address ?? '',
        receivedAt: r.received_at,
        appointmentAt: r.appointment_at,
        resultAt: r.result_at,
        returnedAt: r.returned_at,
        status: STATUS_LABELS[r.status].vi,
        officer: r.officer ? officerLabel(r.officer) : null,
        timeliness: timeliness(r.result_at, r.appointment_at),
      };
    });
}
