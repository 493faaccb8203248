import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DeskPaper, DossierRow, DossierView } from '../../contract.js';
import { calendarWarnings, loadCalendar, saveDay, yearDays } from '../calendar/store.js';
import { queueWardDay } from '../sync/ward-outbox.js';
import { getProcedure } from '../catalog/repo.js';
import { getDossier, getDossiers, history, type DossierRecord } from '../dossiers/repo.js';
import { dossierView, dossierViews } from '../dossiers/view.js';
import { AppError } from '../errors.js';
import type { CoreDeps, HandlersOf } from '../handlers.js';
import { staffNames } from '../staff/names.js';
import type { SyncEngine } from '../sync/engine.js';
import { vnDay } from '../time.js';
import { buildChecklist } from './checklist.js';
import { controlSteps } from './control.js';
import { countDeadlines, listDeadlines } from './deadlines.js';
import { reportCsv, reportXlsx } from './export.js';
import { procedureAgencies, register, reportSummary } from './reports.js';
import { appointmentNow, checkReceive, moveAppointment, receive, recordPrint, type DeskContext } from './service.js';
import { dueBounds, formatVnShort, snapToOfficeHours } from './time-left.js';
import { deskExtras, summarizer } from './view.js';

/** The agency line of a form's header: "UBND PHƯỜNG BA ĐÌNH" (the ward's people's committee). */
export function agencyLine(wardName: string): string {
  return agencyName(wardName).toLocaleUpperCase('vi');
}

/** The same agency in running text: "UBND phường Ba Đình" (the unit's kind in lower case, as prose writes it). */
export function agencyName(wardName: string): string {
  const name = wardName.trim();
  if (/^(ubnd|ủy ban|uỷ ban)\b/i.test(name)) return name;
  return `UBND ${name.replace(/^(Phường|Xã|Thị trấn|Đặc khu)(?=\s)/i, (unit) => unit.toLocaleLowerCase('vi'))}`;
}

export function deskHandlers(deps: CoreDeps, engine: SyncEngine): HandlersOf<'desk.' | 'calendar.' | 'report.'> {
  const { db, clock, loaded, audit, sequences } = deps;
  const { config } = loaded;
  const ctx = (): DeskContext => ({ db, config, now: clock.now(), sequences, audit });
  /** Reading citizens' personal data is recorded: who looked at whose data (Decree 13/2023/NĐ-CP). */
  const read = (actor: string, action: string, dossierCode: string | null, after?: unknown) =>
    db.transaction(() => audit.append({ at: clock.now().toISOString(), actor, action, dossierCode, after }))();
  const view = (d: DossierRecord): DossierView => dossierView(db, d);
  const rows = () => {
    const summarize = summarizer({ db, calendar: loadCalendar(db, config.office), now: clock.now() });
    return (d: DossierRecord): DossierRow => ({ ...view(d), ...summarize(d) });
  };
  const notFound = (code: string) => new AppError('not_found', { vi: `Không tìm thấy hồ sơ mã ${code}.`, en: `No dossier with code ${code}.` });
  const rangeLabel = (from: string, to: string) => `${vnDay(new Date(from))}_${vnDay(new Date(Date.parse(to) - 1))}`;
  const checkRange = (from: string, to: string) => {
    if (to <= from) throw new AppError('validation', { vi: 'Tháng kết thúc phải từ tháng bắt đầu trở đi.', en: 'The end month must not be before the start month.' }, { field: 'to' });
  };
  const load = (code: string) => {
    const d = getDossier(db, code);
    if (!d) throw notFound(code);
    return d;
  };

  return {
    'desk.checklist': ({ procedureCode }) => {
      const p = getProcedure(db, procedureCode);
      if (!p) throw new AppError('not_found', { vi: `Không có thủ tục mã ${procedureCode}.`, en: `There is no procedure ${procedureCode}.` }, { field: 'procedureCode' });
      return buildChecklist(p);
    },
    'desk.receive': ({ session: _token, ...input }, { session }) => {
      const filed = receive(ctx(), session, input);
      engine.runSoon();
      return view(filed);
    },
    'desk.receiveCheck': ({ session: _token, ...input }, { session }) => checkReceive(ctx(), session, input),
    'desk.appointmentPreview': ({ procedureCode, workingDays }) => {
      const a = appointmentNow(ctx(), getProcedure(db, procedureCode), workingDays);
      return a ? { at: a.at.toISOString(), text: a.text, provisional: a.provisional } : { at: null, text: null };
    },
    'desk.moveAppointment': ({ session: _token, ...input }, { session }) => {
      const moved = moveAppointment(ctx(), session, input);
      engine.runSoon();
      return view(moved);
    },
    'desk.appointmentSlot': ({ at }) => {
      const snapped = snapToOfficeHours(loadCalendar(db, config.office), new Date(at));
      return { at: snapped.toISOString(), snapped: snapped.toISOString() !== at, text: formatVnShort(snapped) };
    },
    'desk.dossier': ({ code }, { session }) => {
      const d = load(code);
      read(session.username, 'dossier.read', code);
      const h = history(db, code);
      return { ...rows()(d), history: h, ...deskExtras(db, d, h, session) };
    },
    'desk.attachment': ({ code, sha256 }, { session }) => {
      const a = load(code).desk?.attachments?.find((x) => x.sha256 === sha256);
      if (!a) throw new AppError('not_found', { vi: 'Không có bản quét này trong hồ sơ.', en: 'This dossier has no such scan.' });
      read(session.username, 'dossier.attachment', code, { name: a.name });
      return { name: a.name, mime: a.mime, base64: fs.readFileSync(path.join(config.dataDir, 'attachments', path.basename(a.file))).toString('base64') };
    },
    'desk.deadlines': ({ bucket, mine, after, limit = 20 }, { session }) => {
      const now = clock.now();
      const bounds = dueBounds(loadCalendar(db, config.office), now);
      const q = { now: now.toISOString(), todayEnd: bounds.todayEnd.toISOString(), nextEnd: bounds.nextEnd.toISOString(), ...(mine ? { mine: session.username } : {}) };
      const counts = countDeadlines(db, q);
      const base = { counts, todayEnd: q.todayEnd, nextEnd: q.nextEnd, bucket: bucket ?? null, total: bucket ? counts[bucket] : 0 };
      if (!bucket || limit === 0) return { ...base, items: [], next: null };
      const page = listDeadlines(db, bucket, q, limit, after);
      const summarize = summarizer({ db, calendar: loadCalendar(db, config.office), now });
      return { ...base, items: dossierViews(db, getDossiers(db, page.codes)).map((d) => ({ ...d, ...summarize(d) })), next: page.next };
    },
    'desk.paper': ({ code, form, print }, { session }) => {
      // A print is recorded as one (an original, then reprints) when the officer prints; opening the
      // form to look at it is a read, and never turns the citizen's first paper into a "reprint".
      const copy = form && print ? recordPrint(ctx(), session, code, form) : form ? (load(code).desk?.printed?.[form] ?? 0) : 0;
      const d = load(code);
      if (!form) read(session.username, 'dossier.print', code);
      else if (!print) read(session.username, 'dossier.read', code, { form });
      const p = getProcedure(db, d.procedureCode);
      const names = staffNames(db);
      const receipt = d.desk?.receipt ?? null;
      const signer = { '01': receipt?.by ?? d.officer, '02': d.desk?.missingBy ?? d.officer, '03': d.desk?.refusedBy ?? d.officer, '04': d.desk?.apology?.by ?? null, '05': receipt?.by ?? d.officer }[form ?? '01'];
      const time = p ? (p.channels.find((c) => c.kind === 'in_person')?.timeText ?? null) : null;
      const paper: DeskPaper = {
        dossier: view(d),
        copy,
        office: { wardCode: config.ward.code, wardName: config.ward.name, agency: agencyLine(config.ward.name), agencyName: agencyName(config.ward.name), counter: receipt?.counter || config.desk.counter },
        officerName: names(receipt?.by ?? d.officer),
        signerName: names(signer),
        procedure: { code: d.procedureCode, name: d.procedureName, sector: p?.sector ?? d.sector ?? '', timeText: receipt?.legalTimeText ?? d.desk?.legalTimeText ?? time },
        receipt,
        ...(form === '05' ? { control: { agency: procedureAgencies(db, agencyLine(config.ward.name))(d.procedureCode), steps: controlSteps(d, history(db, code), names, (at) => loadCalendar(db, config.office).transferBy(at)) } } : {}),
      };
      return paper;
    },
    'calendar.list': ({ year }) => yearDays(db, year).days,
    'calendar.status': () => ({ warnings: calendarWarnings(db, clock.now()) }),
    'calendar.save': ({ date, kind, name }, { session: s }) => {
      if (kind !== 'normal' && !name) throw new AppError('validation', { vi: 'Hãy ghi tên ngày nghỉ hoặc ngày làm bù.', en: 'Name the day off or make-up day.' }, { field: 'name' });
      db.transaction(() => {
        const before = db.prepare<[string], { kind: string; name: string; source: string }>('SELECT kind, name, source FROM holidays WHERE date = ?').get(date) ?? null;
        saveDay(db, date, kind, name);
        // Every device of the ward counts with the same days: through the portal, queued if it is away.
        if (config.portal.url) queueWardDay(db, { date, kind, name }, crypto.randomUUID(), clock.now().toISOString());
        audit.append({ at: clock.now().toISOString(), actor: s.username, action: 'calendar.save', before, after: { date, kind, name } });
      })();
      return { ok: true as const };
    },
    'report.summary': ({ from, to }) => {
      checkRange(from, to);
      return reportSummary(db, config.queue.groups, from, to, clock.now());
    },
    // The register lists every applicant of the period: reading it is recorded.
    'report.register': ({ from, to }, { session }) => {
      checkRange(from, to);
      const list = register(db, from, to, agencyLine(config.ward.name));
      read(session.username, 'report.register', null, { from, to, rows: list.length });
      return list;
    },
    'report.export': async ({ from, to, format }, { session }) => {
      checkRange(from, to);
      const summary = reportSummary(db, config.queue.groups, from, to, clock.now());
      const list = register(db, from, to, agencyLine(config.ward.name));
      // An export leaves the app with every applicant's name: who took it, and when, is recorded.
      read(session.username, 'report.export', null, { from, to, format, rows: list.length });
      const name = `bao-cao-${config.ward.code}-${rangeLabel(from, to)}`;
      if (format === 'csv') return { filename: `${name}.csv`, mime: 'text/csv; charset=utf-8', base64: Buffer.from(reportCsv(summary, list), 'utf8').toString('base64') };
      return { filename: `${name}.xlsx`, mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', base64: (await reportXlsx(summary, list)).toString('base64') };
    },
  };
}
