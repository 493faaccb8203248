import type { Db } from '../db/open.js';
import { vnDay } from '../dossiers/code.js';
import { STATUS_LABELS } from '../dossiers/lifecycle.js';
import type { DossierStatus } from '../sync/portal-types.js';
import type { QueueGroup, RegisterRow, ReportRow, ReportSummary, Timeliness } from './model.js';
import { queueStats } from '../queue/queue.js';

const VN_OFFSET = "'+7 hours'";
const DAY = 86_400_000;

/** Start of a Vietnamese calendar day, as an ISO instant. */
export const vnDayStart = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - 7 * 3600_000).toISOString();

/**
 * The on-time rule (domain.md): the day the result was ready against the appointment's day —
 * earlier is early, the same day on time, later late. As SQL over a dossier row.
 */
export const TIMELINESS_SQL = `CASE WHEN result_at IS NULL OR appointment_at IS NULL THEN NULL
  WHEN date(result_at, ${VN_OFFSET}) < date(appointment_at, ${VN_OFFSET}) THEN 'early'
  WHEN date(result_at, ${VN_OFFSET}) = date(appointment_at, ${VN_OFFSET}) THEN 'on_time'
  ELSE 'late' END`;

export function timeliness(resultAt: string | null, appointmentAt: string | null): Timeliness | null {
  if (!resultAt || !appointmentAt) return null;
  const r = vnDay(new Date(resultAt));
  const a = vnDay(new Date(appointmentAt));
  return r < a ? 'early' : r === a ? 'on_time' : 'late';
}

/** Dossiers whose clock runs and whose appointment is overdue, today, or tomorrow (Vietnam's days). */
export function deadlineCodes(db: Db, now: Date): { overdue: string[]; today: string[]; tomorrow: string[] } {
  const today = vnDay(now);
  const tomorrowStart = vnDayStart(new Date(Date.parse(`${today}T00:00:00Z`) + DAY).toISOString().slice(0, 10));
  const dayAfter = new Date(Date.parse(tomorrowStart) + DAY).toISOString();
  const rows = db
    .prepare<[string], { code: string; appointment_at: string }>(
      "SELECT code, appointment_at FROM dossiers WHERE status IN ('received', 'processing', 'payment') AND appointment_at < ? ORDER BY appointment_at",
    )
    .all(dayAfter);
  const at = now.toISOString();
  return {
    overdue: rows.filter((r) => r.appointment_at < at).map((r) => r.code),
    today: rows.filter((r) => r.appointment_at >= at && r.appointment_at < tomorrowStart).map((r) => r.code),
    tomorrow: rows.filter((r) => r.appointment_at >= tomorrowStart).map((r) => r.code),
  };
}

interface AggRow {
  key: string | null;
  received: number;
  resolved: number;
  early: number;
  on_time: number;
  late: number;
  in_progress: number;
  in_progress_late: number;
  paused: number;
  returned: number;
}

const toRow = (r: AggRow): ReportRow => ({
  key: r.key ?? '—',
  received: r.received,
  resolved: r.resolved,
  early: r.early,
  onTime: r.on_time,
  late: r.late,
  inProgress: r.in_progress,
  inProgressLate: r.in_progress_late,
  paused: r.paused,
  returned: r.returned,
});

/**
 * Dossiers received in [from, to) counted the way the one-stop reports count them: resolved early /
 * on time / late, in progress (and of those, past their appointment), paused, returned.
 */
function aggregate(db: Db, from: string, to: string, now: string, keyExpr: string): ReportRow[] {
  const rows = db
    .prepare<{ from: string; to: string; now: string }, AggRow>(
      `SELECT ${keyExpr} AS key,
         count(*) AS received,
         count(result_at) AS resolved,
         sum(t = 'early') AS early, sum(t = 'on_time') AS on_time, sum(t = 'late') AS late,
         sum(status IN ('received', 'processing')) AS in_progress,
         sum(status IN ('received', 'processing') AND appointment_at < :now) AS in_progress_late,
         sum(status IN ('supplement', 'payment', 'stopped')) AS paused,
         sum(status = 'returned') AS returned
       FROM (SELECT *, ${TIMELINESS_SQL} AS t FROM dossiers WHERE received_at >= :from AND received_at < :to)
       GROUP BY key ORDER BY received DESC, key`,
    )
    .all({ from, to, now });
  return rows.map((r) => toRow({ ...r, early: r.early ?? 0, on_time: r.on_time ?? 0, late: r.late ?? 0, in_progress: r.in_progress ?? 0, in_progress_late: r.in_progress_late ?? 0, paused: r.paused ?? 0, returned: r.returned ?? 0 }));
}

export function reportSummary(db: Db, groups: QueueGroup[], from: string, to: string, now: Date): ReportSummary {
  const at = now.toISOString();
  const totals = aggregate(db, from, to, at, "'all'")[0] ?? toRow({ key: 'all', received: 0, resolved: 0, early: 0, on_time: 0, late: 0, in_progress: 0, in_progress_late: 0, paused: 0, returned: 0 });
  const ratings = db
    .prepare<[string, string], { level: string; n: number }>('SELECT level, count(*) AS n FROM ratings WHERE created_at >= ? AND created_at < ? GROUP BY level')
    .all(from, to);
  const satisfaction = { very_satisfied: 0, satisfied: 0, unsatisfied: 0 };
  for (const r of ratings) if (r.level in satisfaction) satisfaction[r.level as keyof typeof satisfaction] = r.n;
  return {
    from,
    to,
    totals,
    bySector: aggregate(db, from, to, at, 'sector'),
    byProcedure: aggregate(db, from, to, at, "procedure_code || ' ' || procedure_name"),
    byOfficer: aggregate(db, from, to, at, 'officer'),
    byMonth: aggregate(db, from, to, at, `strftime('%Y-%m', received_at, ${VN_OFFSET})`).sort((a, b) => a.key.localeCompare(b.key)),
    satisfaction,
    queue: queueStats(db, groups, from, to),
  };
}

/** The dossier register (sổ theo dõi hồ sơ, form 06): dossiers received in [from, to), in register order. */
export function register(db: Db, from: string, to: string): RegisterRow[] {
  return db
    .prepare<[string, string], { code: string; procedure_name: string; applicant: string; received_at: string | null; appointment_at: string | null; result_at: string | null; returned_at: string | null; status: DossierStatus; officer: string | null; desk: string | null; t: Timeliness | null }>(
      `SELECT code, procedure_name, applicant, received_at, appointment_at, result_at, returned_at, status, officer, desk, ${TIMELINESS_SQL} AS t
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
        officer: r.officer,
        timeliness: r.t,
      };
    });
}
