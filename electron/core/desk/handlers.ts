import type { DeadlineBoard, DossierView } from '../../contract.js';
import { getProcedure } from '../catalog/repo.js';
import { calendarWarnings, saveDay, yearDays } from '../calendar/store.js';
import { dossierView, dossierViews } from '../dossiers/view.js';
import { vnDay } from '../time.js';
import { getDossier, getDossiers, type DossierRecord } from '../dossiers/repo.js';
import { AppError } from '../errors.js';
import type { CoreDeps, HandlersOf } from '../handlers.js';
import type { SyncEngine } from '../sync/engine.js';
import { reportCsv, reportXlsx } from './export.js';
import { deadlineCounts, deadlinePage, register, reportSummary, type DeadlineSection } from './reports.js';
import { appointmentNow, moveAppointment, receive, type DeskContext } from './service.js';

export function deskHandlers(deps: CoreDeps, engine: SyncEngine): HandlersOf<'desk.' | 'calendar.' | 'report.'> {
  const { db, clock, loaded, audit, sequences } = deps;
  const { config } = loaded;
  const ctx = (): DeskContext => ({ db, config, now: clock.now(), sequences, audit });
  /** Reading citizens' personal data is recorded: who looked at whose data (Decree 13/2023/NĐ-CP). */
  const read = (actor: string, action: string, dossierCode: string | null, after?: unknown) =>
    db.transaction(() => audit.append({ at: clock.now().toISOString(), actor, action, dossierCode, after }))();
  const view = (d: DossierRecord): DossierView => dossierView(db, d);
  const notFound = (code: string) => new AppError('not_found', { vi: `Không tìm thấy hồ sơ mã ${code}.`, en: `No dossier with code ${code}.` });
  const rangeLabel = (from: string, to: string) => `${vnDay(new Date(from))}_${vnDay(new Date(Date.parse(to) - 1))}`;

  return {
    'desk.receive': ({ session: _token, ...input }, { session }) => {
      const filed = receive(ctx(), session, input);
      engine.runSoon();
      return view(filed);
    },
    'desk.appointmentPreview': ({ procedureCode, workingDays }) => {
      const a = appointmentNow(ctx(), getProcedure(db, procedureCode), workingDays);
      return a ? { at: a.at.toISOString(), text: a.text, provisional: a.provisional } : { at: null, text: null };
    },
    'desk.moveAppointment': ({ session: _token, ...input }, { session }) => {
      const moved = moveAppointment(ctx(), session, input);
      engine.runSoon();
      return view(moved);
    },
    'desk.deadlines': ({ section, after, limit = 20 }) => {
      const now = clock.now();
      const board: DeadlineBoard = { counts: deadlineCounts(db, now), overdue: [], today: [], tomorrow: [], next: { overdue: null, today: null, tomorrow: null } };
      if (limit === 0) return board;
      const sections: DeadlineSection[] = section ? [section] : ['overdue', 'today', 'tomorrow'];
      for (const s of sections) {
        const page = deadlinePage(db, now, s, limit, s === section ? after : undefined);
        board[s] = dossierViews(db, getDossiers(db, page.codes));
        board.next[s] = page.next;
      }
      return board;
    },
    'desk.paper': ({ code }, { session }) => {
      const d = getDossier(db, code);
      if (!d) throw notFound(code);
      read(session.username, 'dossier.print', code);
      const p = getProcedure(db, d.procedureCode);
      const officer = d.officer
        ? (db.prepare<[string], { display_name: string }>('SELECT display_name FROM staff_accounts WHERE username = ?').get(d.officer)?.display_name ?? d.officer)
        : null;
      const time = p ? p.channels.find((c) => c.kind === 'in_person')?.timeText ?? null : null;
      return {
        dossier: view(d),
        office: { wardCode: config.ward.code, wardName: config.ward.name, counter: config.desk.counter },
        officerName: officer,
        procedure: { code: d.procedureCode, name: d.procedureName, sector: p?.sector ?? d.sector ?? '', timeText: d.desk?.legalTimeText ?? time },
      };
    },
    'calendar.list': ({ year }) => yearDays(db, year).days,
    'calendar.status': () => ({ warnings: calendarWarnings(db, clock.now()) }),
    'calendar.save': ({ date, kind, name }, { session: s }) => {
      if (kind !== 'normal' && !name) throw new AppError('validation', { vi: 'Hãy ghi tên ngày nghỉ hoặc ngày làm bù.', en: 'Name the day off or make-up day.' }, { field: 'name' });
      db.transaction(() => {
        const before = db.prepare<[string], { kind: string; name: string; source: string }>('SELECT kind, name, source FROM holidays WHERE date = ?').get(date) ?? null;
        saveDay(db, date, kind, name);
        audit.append({ at: clock.now().toISOString(), actor: s.username, action: 'calendar.save', before, after: { date, kind, name } });
      })();
      return { ok: true as const };
    },
    'report.summary': ({ from, to }) => {
      return reportSummary(db, config.queue.groups, from, to, clock.now());
    },
    // The register lists every applicant of the period: reading it is recorded.
    'report.register': ({ from, to }, { session }) => {
      const rows = register(db, from, to);
      read(session.username, 'report.register', null, { from, to, rows: rows.length });
      return rows;
    },
    'report.export': async ({ from, to, format }, { session }) => {
      const summary = reportSummary(db, config.queue.groups, from, to, clock.now());
      const rows = register(db, from, to);
      // An export leaves the app with every applicant's name: who took it, and when, is recorded.
      read(session.username, 'report.export', null, { from, to, format, rows: rows.length });
      const name = `bao-cao-${config.ward.code}-${rangeLabel(from, to)}`;
      if (format === 'csv') return { filename: `${name}.csv`, mime: 'text/csv; charset=utf-8', base64: Buffer.from(reportCsv(summary, rows), 'utf8').toString('base64') };
      return { filename: `${name}.xlsx`, mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', base64: (await reportXlsx(summary, rows)).toString('base64') };
    },
  };
}
