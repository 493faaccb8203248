import type { Db } from '../db/open.js';
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

/** Dossiers whose clock runs and whose appointment is overdue, today, or tomorrow (Vietnam's days). */
export function deadlineCodes(db: Db, now: Date): { overdue: string[]; today: string[]; tomorrow: string[] } {
  const today = vnDay(now);
  const tomorrowStart = vnDayStart(addDays(today, 1)).toISOString();
  const dayAfter = vnDayStart(addDays(today, 2)).toISOString();
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
  const groups = { all: new Map<string, ReportRow>(), sector: new Map<string, ReportRow>(), procedure: new Map<string, ReportRow>(), officer: new Map<string, ReportRow>(), month: new Map<string, ReportRow>() };
  const bump = (map: Map<string, ReportRow>, key: string) => {
    let row = map.get(key);
    if (!row) map.set(key, (row = emptyRow(key)));
    return row;
  };
  // Only columns of the dossiers_report index: the scan never touches the table.
  const rows = db
    .prepare<[string, string], [string | null, string, string | null, DossierStatus, string | null, string | null, string]>(
      'SELECT sector, procedure_code, officer, status, appointment_at, result_at, received_at FROM dossiers INDEXED BY dossiers_report WHERE received_at >= ? AND received_at < ?',
    )
    .raw()
    .iterate(from, to);
  for (const [sector, code, officer, status, appointment, result, received] of rows) {
    const t = timeliness(result, appointment);
    const running = status === 'received' || status === 'processing';
    const targets = [
      bump(groups.all, 'all'),
      bump(groups.sector, sector ?? '—'),
      bump(groups.procedure, code),
      bump(groups.officer, officer ?? '—'),
      bump(groups.month, vnDate(received).slice(0, 7)),
    ];
    for (const row of targets) {
      row.received++;
      if (result) row.resolved++;
      if (t === 'early') row.early++;
      else if (t === 'on_time') row.onTime++;
      else if (t === 'late') row.late++;
      if (running) {
        row.inProgress++;
        if (appointment && appointment < now) row.inProgressLate++;
      }
      if (status === 'supplement' || status === 'payment' || status === 'stopped') row.paused++;
      if (status === 'returned') row.returned++;
    }
  }
  const sorted = (m: Map<string, ReportRow>) => [...m.values()].sort((a, b) => b.received - a.received || a.key.localeCompare(b.key));
  // Procedures are counted by code; their names are added once per code, not read per row.
  const name = db.prepare<[string], { name: string }>('SELECT name FROM procedures WHERE code = ?');
  const byProcedure = sorted(groups.procedure).map((r) => ({ ...r, key: `${r.key} ${name.get(r.key)?.name ?? ''}`.trim() }));
  return {
    totals: groups.all.get('all') ?? emptyRow('all'),
    bySector: sorted(groups.sector),
    byProcedure,
    byOfficer: sorted(groups.officer).map((r) => ({ ...r, key: officerLabels(db)(r.key) })),
    byMonth: [...groups.month.values()].sort((a, b) => a.key.localeCompare(b.key)),
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
