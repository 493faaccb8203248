import type { Db } from '../db/open.js';
import { CLOCK } from '../dossiers/clock.js';
import { vnDayOfIso } from '../time.js';
import { STATUS_LABELS } from '../dossiers/lifecycle.js';
import type { Applicant } from '../sync/portal-types.js';
import type { DeskRecord } from './model.js';
import type { DossierStatus } from '../sync/portal-types.js';
import type { QueueGroup, RegisterRow, ReportRow, ReportSummary, Timeliness } from './model.js';
import { queueStats } from '../queue/queue.js';
import { foldName } from '../text/fold.js';

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
 * and by sector, procedure, officer and month, in one pass over the period's rows. By officer, a
 * dossier is "received" by the officer who received it and its outcome belongs to the officer who
 * processed it (the receiving officer's when no processor took it), so processors have their row.
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
    .prepare<[string, string], [string | null, string, string | null, DossierStatus, string | null, string | null, string, string | null]>(
      'SELECT sector, procedure_code, officer, status, appointment_at, result_at, received_at, handler FROM dossiers INDEXED BY dossiers_report WHERE received_at >= ? AND received_at < ?',
    )
    .raw()
    .all(from, to);
  const count = (row: ReportRow, resolved: boolean, t: Timeliness | null, running: boolean, runningLate: boolean, paused: boolean, returned: boolean) => {
    if (resolved) row.resolved++;
    if (t === 'early') row.early++;
    else if (t === 'on_time') row.onTime++;
    else if (t === 'late') row.late++;
    if (running) row.inProgress++;
    if (runningLate) row.inProgressLate++;
    if (paused) row.paused++;
    if (returned) row.returned++;
  };
  for (const [sector, code, officer, status, appointment, result, received, handler] of rows) {
    const t = timeliness(result, appointment);
    // Running and paused as the one definition says (dossiers/clock.ts).
    const clock = CLOCK[status];
    const running = clock === 'running';
    const runningLate = running && appointment !== null && appointment < now;
    const paused = clock === 'paused';
    const returned = status === 'returned';
    const resolved = result !== null;
    for (const row of [all, bump(groups.sector, sector ?? '—'), bump(groups.procedure, code), bump(groups.month, vnDate(received).slice(0, 7))]) {
      row.received++;
      count(row, resolved, t, running, runningLate, paused, returned);
    }
    // By officer: received by who received it; the outcome is the processor's (the receiver's when none took it).
    bump(groups.officer, officer ?? '—').received++;
    count(bump(groups.officer, handler ?? officer ?? '—'), resolved, t, running, runningLate, paused, returned);
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

/**
 * The dossier register (sổ theo dõi hồ sơ, form 06 of Circular 01/2018): dossiers received in
 * [from, to), in register order, with the template's columns — sets, applicant with address and
 * phone, the agency that decides, received / appointment / sent for processing / result back /
 * returned, and a note (on time or not, refusal, supplement).
 */
export function register(db: Db, from: string, to: string, wardAgency = ''): RegisterRow[] {
  const officerLabel = officerLabels(db);
  const agencyOf = procedureAgencies(db, wardAgency);
  return db
    .prepare<[string, string], { code: string; procedure_code: string; procedure_name: string; applicant: string; received_at: string | null; appointment_at: string | null; result_at: string | null; returned_at: string | null; status: DossierStatus; officer: string | null; desk: string | null; sent_at: string | null }>(
      `SELECT code, procedure_code, procedure_name, applicant, received_at, appointment_at, result_at, returned_at, status, officer, desk,
         (SELECT min(at) FROM dossier_history h WHERE h.dossier_code = dossiers.code AND h.status = 'processing') AS sent_at
       FROM dossiers WHERE received_at >= ? AND received_at < ? ORDER BY received_at, code`,
    )
    .all(from, to)
    .map((r) => {
      const applicant = JSON.parse(r.applicant) as Applicant;
      const desk = r.desk ? (JSON.parse(r.desk) as DeskRecord) : null;
      const t = timeliness(r.result_at, r.appointment_at);
      const note = [t ? TIMELINESS_VI[t] : '', desk?.refusalReason ? `Từ chối: ${desk.refusalReason}` : '', r.status === 'supplement' ? 'Chờ bổ sung' : ''].filter(Boolean).join('; ');
      return {
        registerNo: desk?.registerNo ?? null,
        code: r.code,
        procedureCode: r.procedure_code,
        procedureName: r.procedure_name,
        sets: desk?.sets ?? 1,
        applicant: applicant.fullName,
        address: applicant.address ?? '',
        phone: applicant.phone ?? '',
        agency: agencyOf(r.procedure_code),
        receivedAt: r.received_at,
        appointmentAt: r.appointment_at,
        sentAt: r.sent_at,
        resultAt: r.result_at,
        returnedAt: r.returned_at,
        status: STATUS_LABELS[r.status].vi,
        officer: r.officer ? officerLabel(r.officer) : null,
        timeliness: t,
        note,
      };
    });
}

export const TIMELINESS_VI = { early: 'Trước hạn', on_time: 'Đúng hạn', late: 'Quá hạn' } as const;

/**
 * The catalog names the commune-level committee generically ("Ủy ban Nhân dân xã, phường, thị
 * trấn.", "Chủ tịch UBND cấp xã"); at this ward's desk that is the ward's own ("UBND PHƯỜNG BA
 * ĐÌNH", "Chủ tịch UBND PHƯỜNG BA ĐÌNH"). Any other agency is kept as the catalog gives it.
 */
export function agencyAtWard(agency: string, wardAgency: string): string {
  const generic = /^(chu tich )?(uy ban nhan dan|ubnd) (cap xa|xa, phuong, thi tran|xa)$/.exec(foldName(agency).replace(/[.\s]+$/, ''));
  return generic && wardAgency ? `${generic[1] ? 'Chủ tịch ' : ''}${wardAgency}` : agency;
}

/** The agency that decides a procedure, from the catalog (once per procedure, a generic commune committee read as this ward's); the ward's when the catalog does not say. */
export function procedureAgencies(db: Db, wardAgency: string): (code: string) => string {
  const find = db.prepare<[string], { agency: string | null }>("SELECT coalesce(json_extract(data, '$.competentAgency'), json_extract(data, '$.agency')) AS agency FROM procedures WHERE code = ?");
  const seen = new Map<string, string>();
  return (code) => {
    let a = seen.get(code);
    if (a === undefined) {
      const listed = find.get(code)?.agency;
      seen.set(code, (a = listed ? agencyAtWard(listed, wardAgency) : wardAgency));
    }
    return a;
  };
}
