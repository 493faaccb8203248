import crypto from 'node:crypto';
import { enqueue } from '../sync/outbox.js';
import type { AppointmentChange, Applicant, DossierStatus } from '../sync/portal-types.js';
import { getProcedure } from '../catalog/repo.js';
import type { ProcessingTime, ProcedureDetail } from '../catalog/model.js';
import { loadCalendar } from '../calendar/store.js';
import type { Config } from '../config/schema.js';
import type { Db } from '../db/open.js';
import { storeAttachment } from '../dossiers/attachments.js';
import { vnDay } from '../time.js';
import { APPOINTMENT_MOVABLE } from '../dossiers/clock.js';
import { isLegalTransition, STATUS_LABELS } from '../dossiers/lifecycle.js';
import { assertPortalSize, fileDossier, getDossier, recordTransition, updateDossier, type DossierRecord, type TransitionChanges } from '../dossiers/repo.js';
import { assertRoom } from '../disk.js';
import { AppError, fieldErrors, type FieldError } from '../errors.js';
import type { AuditLog } from '../staff/audit.js';
import type { Sequences } from '../sequences.js';
import type { StaffSession } from '../staff/model.js';
import { buildChecklist, papersById, receiptPaperName, shortName } from './checklist.js';
import { appointmentFor, type Appointment } from './due.js';
import type { DeskForm, DeskPaperRecord, DeskRecord, ReceiptRecord, ReceivePreview } from './model.js';
import { TRANSITION_ROLES } from './roles.js';
import { formatVnShort, inOfficeHours, snapToOfficeHours } from './time-left.js';

export interface DeskContext {
  db: Db;
  config: Config;
  now: Date;
  sequences: Sequences;
  audit: AuditLog;
}

export interface ReceiveInput {
  /** An inbox dossier (filed at a kiosk or online, or waiting for a supplement); absent for a walk-in. */
  code?: string;
  procedureCode: string;
  applicant: Applicant;
  /** The checklist case the papers follow (`buildChecklist`); the main case when absent. */
  caseId?: string;
  /** The checklist's papers by id: ticked when handed in or shown, with the alternative chosen. */
  papers: { id: string; presented: boolean; choice?: string }[];
  /** Papers the checklist does not name, added by the officer. */
  extraPapers?: string[];
  /** Why a dossier is accepted with no paper ticked; required then. */
  noPapersReason?: string;
  attachments: { name: string; dataUrl: string }[];
  sets: number;
  collect: 'counter' | 'post';
  postAddress?: string;
  outcome: 'accept' | 'supplement' | 'refuse';
  missing?: string[];
  reason?: string;
  /** The processing time in working days, when the catalog has none for this procedure or the officer corrects it. */
  workingDays?: number;
  ticket?: string;
  note?: string;
}

const invalid = (field: string, vi: string, en: string) => new AppError('validation', { vi, en }, { field });

const notFound = (code: string) => new AppError('not_found', { vi: `Không tìm thấy hồ sơ mã ${code}.`, en: `No dossier with code ${code}.` });

/** The in-person processing time the catalog gives, if it gives one. */
function catalogTime(p: ProcedureDetail): ProcessingTime | null {
  const pick = p.channels.find((c) => c.kind === 'in_person' && c.time) ?? p.channels.find((c) => c.time);
  return pick?.time ?? null;
}

/** The appointment for a receipt now: from the officer's working days, or else the catalog's in-person time; null when neither. */
export function appointmentNow(ctx: DeskContext, procedure: ProcedureDetail | null, workingDays?: number): Appointment | null {
  const rule = procedure ? catalogTime(procedure) : null;
  const time: ProcessingTime | null = workingDays ? { value: workingDays, unit: 'working_days' } : rule;
  if (!time) return null;
  const calendar = loadCalendar(ctx.db, ctx.config.office);
  const appt = appointmentFor(calendar, time, ctx.now);
  // Form 01's "theo quy định" is the law's time, not the officer's: kept beside it when they differ.
  const ruleText = rule ? appointmentFor(calendar, rule, ctx.now).text : null;
  return ruleText && ruleText !== appt.text ? { ...appt, ruleText } : appt;
}

const noTimeMessage = {
  vi: 'Thủ tục này chưa có thời hạn giải quyết trong danh mục: hãy nhập số ngày làm việc.',
  en: 'The catalog gives no processing time for this procedure: enter the number of working days.',
};

function nextRegisterNo(ctx: DeskContext): number {
  return ctx.sequences.next(`register:${vnDay(ctx.now).slice(0, 4)}`);
}

/** What changes when a dossier is accepted: the clock starts (again, after a supplement) now, and form 01 is issued. */
function acceptChanges(ctx: DeskContext, d: DossierRecord, session: StaffSession, desk: DeskRecord, appt: Appointment): TransitionChanges {
  const registerNo = desk.registerNo ?? nextRegisterNo(ctx);
  const at = ctx.now.toISOString();
  const receipt: ReceiptRecord = {
    at,
    by: session.username,
    counter: session.counter,
    appointmentAt: appt.at.toISOString(),
    legalTimeText: appt.text,
    ...(appt.ruleText ? { ruleTimeText: appt.ruleText } : {}),
    papers: [...(desk.documents ?? [])].filter((p) => p.presented).map((p) => ({ name: receiptPaperName(p.name, p.choice), ...(p.quantityText ? { quantityText: p.quantityText } : {}) })),
    sets: desk.sets ?? 1,
    collect: desk.collect ?? 'counter',
    ...(desk.postAddress ? { postAddress: desk.postAddress } : {}),
    registerNo,
  };
  // A completed supplement leaves the request in the dossier's past, not on the accepted dossier.
  const { missing, missingAt, ...rest } = desk;
  delete rest.missingBy;
  delete rest.printed;
  const supplemented = missing?.length ? [...(desk.supplemented ?? []), { missing, ...(missingAt ? { askedAt: missingAt } : {}), completedAt: at, by: session.username }] : desk.supplemented;
  return {
    appointmentAt: appt.at.toISOString(),
    officer: d.officer ?? session.username,
    receivedAt: at,
    // A new receipt is a new form 01: its first print is an original again.
    desk: { ...rest, ...(supplemented ? { supplemented } : {}), registerNo, legalTimeText: appt.text, receipt, ...(desk.printed ? { printed: { ...desk.printed, '01': 0 } } : {}) },
  };
}

function checkLegal(d: DossierRecord, to: DossierStatus): void {
  if (!isLegalTransition(d.status, to)) {
    throw new AppError(
      'validation',
      {
        vi: `Không thể chuyển hồ sơ từ “${STATUS_LABELS[d.status].vi}” sang “${STATUS_LABELS[to].vi}”.`,
        en: `A dossier cannot go from “${STATUS_LABELS[d.status].en}” to “${STATUS_LABELS[to].en}”.`,
      },
      { field: 'to' },
    );
  }
}

function checkRole(session: StaffSession, to: DossierStatus): void {
  const allowed = TRANSITION_ROLES[to];
  if (!allowed.some((r) => session.roles.includes(r))) {
    throw new AppError('forbidden', {
      vi: `Tài khoản của bạn không được chuyển hồ sơ sang “${STATUS_LABELS[to].vi}”.`,
      en: `Your account may not move a dossier to “${STATUS_LABELS[to].en}”.`,
    });
  }
}

/** What the audit log keeps of a dossier before and after a move: its state, never the applicant's data. */
const snapshot = (d: DossierRecord) => ({ status: d.status, appointmentAt: d.appointmentAt, officer: d.officer, handler: d.handler });

/**
 * The papers as the desk records them: every checklist paper the officer answered for (ticked or
 * not), named as the checklist names them, plus the papers the officer added by name. A paper
 * ticked at an earlier visit (before a supplement) stays ticked.
 */
function recordPapers(procedure: ProcedureDetail, input: ReceiveInput, before: DeskPaperRecord[] | undefined): { papers: DeskPaperRecord[]; caseTitle?: string; errors: FieldError[] } {
  const list = buildChecklist(procedure);
  const byId = papersById(list);
  const errors: FieldError[] = [];
  const chosen = input.caseId ? list.cases.find((c) => c.id === input.caseId) : undefined;
  if (input.caseId && !chosen) errors.push({ field: 'caseId', message: { vi: 'Trường hợp đã chọn không có trong thủ tục này.', en: 'The chosen case is not one of this procedure’s.' } });
  const earlier = new Map((before ?? []).filter((p) => p.id).map((p) => [p.id!, p]));
  const papers: DeskPaperRecord[] = [];
  for (const p of input.papers) {
    const entry = byId.get(p.id);
    if (!entry) {
      errors.push({ field: 'papers', message: { vi: 'Danh sách giấy tờ đã thay đổi: hãy mở lại thủ tục.', en: 'The list of papers changed: open the procedure again.' } });
      break;
    }
    const was = earlier.get(p.id);
    const choice = p.choice?.trim() || was?.choice;
    papers.push({ id: p.id, name: entry.name, presented: p.presented || !!was?.presented, ...(entry.quantityText ? { quantityText: entry.quantityText } : {}), ...(choice ? { choice } : {}) });
  }
  // Papers recorded before and not answered for now are kept as they were.
  for (const [id, p] of earlier) if (!papers.some((x) => x.id === id)) papers.push(p);
  for (const name of input.extraPapers ?? []) if (name.trim()) papers.push({ name: shortName(name.trim()), presented: true });
  for (const p of before ?? []) if (!p.id && !papers.some((x) => !x.id && x.name === p.name)) papers.push(p);
  // In the checklist's order, whatever order they were ticked in; papers added by name last.
  const order = (p: DeskPaperRecord) => (p.id ? Number(p.id.slice(1)) : Number.MAX_SAFE_INTEGER);
  papers.sort((a, b) => order(a) - order(b));
  const caseTitle = (chosen ?? list.cases[0])?.title;
  return { papers, ...(caseTitle ? { caseTitle } : {}), errors };
}

/** Every check of a receipt, before anything is written: what will be recorded, or one error naming every problem. */
function prepareReceive(ctx: DeskContext, session: StaffSession, input: ReceiveInput) {
  const { db } = ctx;
  const to: DossierStatus = input.outcome === 'accept' ? 'received' : input.outcome === 'supplement' ? 'supplement' : 'refused';
  checkRole(session, to);
  const procedure = getProcedure(db, input.procedureCode);
  if (!procedure) throw invalid('procedureCode', `Không có thủ tục mã ${input.procedureCode}.`, `There is no procedure ${input.procedureCode}.`);
  const existing = input.code ? getDossier(db, input.code) : null;
  if (input.code && !existing) throw notFound(input.code);

  const problems: FieldError[] = [];
  const recorded = recordPapers(procedure, input, existing?.desk?.documents);
  problems.push(...recorded.errors);
  const noPapersReason = input.noPapersReason?.trim();
  if (input.outcome === 'accept' && !recorded.papers.some((p) => p.presented) && !noPapersReason) {
    problems.push({
      field: 'papers',
      message: {
        vi: 'Chưa đánh dấu giấy tờ nào công dân đã nộp. Hãy đánh dấu giấy tờ, hoặc ghi lý do tiếp nhận khi không có giấy tờ.',
        en: 'No paper is ticked as handed in. Tick the papers, or give the reason for accepting without papers.',
      },
    });
  }
  const missing = (input.missing ?? []).map((m) => m.trim()).filter(Boolean);
  if (input.outcome === 'supplement' && !missing.length) {
    problems.push({ field: 'missing', message: { vi: 'Hãy ghi rõ các giấy tờ còn thiếu để công dân bổ sung một lần.', en: 'List every missing document, so the citizen supplements once.' } });
  }
  const reason = input.reason?.trim();
  if (input.outcome === 'refuse' && !reason) problems.push({ field: 'reason', message: { vi: 'Hãy ghi lý do từ chối tiếp nhận.', en: 'Give the reason for refusing.' } });
  if (input.collect === 'post' && !input.postAddress?.trim()) {
    problems.push({ field: 'postAddress', message: { vi: 'Nhận kết quả qua bưu chính cần địa chỉ nhận.', en: 'Results by post need a delivery address.' } });
  }
  // Computed once, and before any file is written: a missing processing time refuses early.
  let appt: Appointment | null = null;
  if (input.outcome === 'accept') {
    appt = appointmentNow(ctx, procedure, input.workingDays);
    if (!appt) problems.push({ field: 'workingDays', message: noTimeMessage });
  }
  if (existing && existing.procedureCode !== procedure.code) {
    problems.push({ field: 'procedureCode', message: { vi: `Hồ sơ ${existing.code} thuộc thủ tục ${existing.procedureCode}.`, en: `Dossier ${existing.code} is for procedure ${existing.procedureCode}.` } });
  }
  if (problems.length) throw fieldErrors(problems);
  if (existing) checkLegal(existing, to);
  // What the portal would refuse for its size gets no code.
  assertPortalSize({ applicant: input.applicant, documents: recorded.papers, missing, reason });

  return { to, procedure, existing, recorded, noPapersReason, missing, reason, appt };
}

/** What a receipt would record and print, checked like `receive` but written nowhere: the desk shows it before the officer confirms. */
export function checkReceive(ctx: DeskContext, session: StaffSession, input: ReceiveInput): ReceivePreview {
  const p = prepareReceive(ctx, session, input);
  return {
    outcome: input.outcome,
    appointmentAt: p.appt?.at.toISOString() ?? null,
    legalTimeText: p.appt?.text ?? null,
    papers: p.recorded.papers.filter((x) => x.presented).map((x) => ({ name: receiptPaperName(x.name, x.choice), ...(x.quantityText ? { quantityText: x.quantityText } : {}) })),
    missing: p.missing,
    reason: p.reason ?? null,
  };
}

/**
 * Receiving at the counter: a walk-in (a new dossier) or one from the inbox, or a supplement brought
 * back. Accept gives the appointment from the calendar and a register number and issues form 01;
 * incomplete lists everything missing at once (form 02); refused keeps the reason (form 03). Every
 * problem with the input is reported at once, each with its field. One transaction: the dossier,
 * its history, the outbox and the audit row are written together or not at all.
 *
 * Errors: validation (fields: papers, noPapersReason, missing, reason, postAddress, procedureCode,
 * caseId, workingDays), not_found, forbidden.
 */
export function receive(ctx: DeskContext, session: StaffSession, input: ReceiveInput): DossierRecord {
  const { db, config, now } = ctx;
  const { to, procedure, existing, recorded, noPapersReason, missing, reason, appt } = prepareReceive(ctx, session, input);

  // What the disk cannot hold gets no code.
  assertRoom(config.dataDir, input.attachments.reduce((n, a) => n + a.dataUrl.length, 0));
  // Scans are stored by hash before the transaction; a file without a dossier is harmless, the reverse is not.
  const attachments = input.attachments.map((a) => ({ name: a.name, ...storeAttachment(config.dataDir, a.dataUrl) }));

  return db.transaction(() => {
    let d: DossierRecord;
    if (existing) {
      d = getDossier(db, existing.code)!;
      checkLegal(d, to);
    } else {
      d = fileDossier(
        db,
        {
          procedureCode: procedure.code,
          procedureName: procedure.name,
          wardCode: config.ward.code,
          agency: `${config.ward.code}.Q${config.device.slot}`,
          channel: 'counter',
          applicant: input.applicant,
          data: {},
          documents: attachments.map((a) => ({ name: a.name, attachment: { sha256: a.sha256, mime: a.mime, bytes: a.bytes, file: a.file } })),
          actor: session.username,
          sector: procedure.sector,
        },
        now,
        ctx.sequences,
      );
    }
    const before = snapshot(d);
    const at = now.toISOString();
    const desk: DeskRecord = {
      ...d.desk,
      sets: input.sets,
      collect: input.collect,
      ...(input.collect === 'post' ? { postAddress: input.postAddress!.trim() } : {}),
      ...(recorded.caseTitle ? { caseTitle: recorded.caseTitle } : {}),
      documents: recorded.papers,
      ...(noPapersReason ? { noPapersReason } : {}),
      attachments: [...(d.desk?.attachments ?? []), ...attachments],
      ...(input.ticket ? { ticket: input.ticket } : {}),
      ...(input.note ? { note: input.note } : {}),
    };
    if (input.collect !== 'post') delete desk.postAddress;
    let changes: TransitionChanges;
    let note: string | null = null;
    if (to === 'received') changes = acceptChanges(ctx, d, session, desk, appt!);
    else if (to === 'supplement') {
      changes = { officer: d.officer ?? session.username, desk: { ...desk, missing, missingBy: session.username, missingAt: at } };
      note = shortName(missing.join('; '), 2000);
    } else {
      changes = { officer: d.officer ?? session.username, desk: { ...desk, refusalReason: reason, refusedBy: session.username, refusedAt: at } };
      note = reason!;
    }
    recordTransition(db, d.code, to, session.username, note, now, changes);
    const after = getDossier(db, d.code)!;
    ctx.audit.append({ at, actor: session.username, action: `dossier.receive.${input.outcome}`, dossierCode: d.code, before, after: snapshot(after) });
    return after;
  })();
}

/**
 * Any other move of the lifecycle, by a signed-in officer whose role allows it. Receiving (and a
 * supplement brought back) goes through `receive`, where the papers are checked; taking a dossier
 * into processing makes the officer its handler; result ready records when, for the on-time rule;
 * returning records how (post needs the tracking number).
 *
 * Errors: validation (to: illegal move or receiving; note: a reason needed; trackingNumber),
 * not_found, forbidden.
 */
export function transition(
  ctx: DeskContext,
  session: StaffSession,
  input: { code: string; to: DossierStatus; note?: string; returnMethod?: 'counter' | 'post'; trackingNumber?: string },
): DossierRecord {
  const { db, now } = ctx;
  return db.transaction(() => {
    const d = getDossier(db, input.code);
    if (!d) throw notFound(input.code);
    checkLegal(d, input.to);
    checkRole(session, input.to);
    if (input.to === 'received') {
      throw invalid(
        'to',
        'Tiếp nhận hồ sơ (kể cả hồ sơ bổ sung) tại màn hình tiếp nhận, để kiểm tra giấy tờ và in giấy tiếp nhận.',
        'Receive the dossier (a supplement too) on the receiving screen, so the papers are checked and the receipt printed.',
      );
    }
    let changes: TransitionChanges = {};
    const at = now.toISOString();
    const note = input.note?.trim() || null;
    if ((input.to === 'stopped' || input.to === 'withdrawn' || input.to === 'supplement' || input.to === 'refused') && !note) {
      throw invalid('note', 'Hãy ghi lý do.', 'Give the reason.');
    }
    if (input.to === 'processing') changes = { handler: d.handler ?? session.username };
    if (input.to === 'result_ready') changes = { resultAt: at, handler: d.handler ?? session.username };
    if (input.to === 'returned') {
      const method = input.returnMethod ?? 'counter';
      if (method === 'post' && !input.trackingNumber?.trim()) {
        throw invalid('trackingNumber', 'Trả kết quả qua bưu chính cần mã vận đơn.', 'Returning by post needs the tracking number.');
      }
      changes = {
        returnedAt: at,
        desk: { ...d.desk, returned: { method, by: session.username, at, ...(method === 'post' ? { trackingNumber: input.trackingNumber!.trim() } : {}) } },
      };
    }
    if (input.to === 'supplement') changes = { desk: { ...d.desk, missing: [note!], missingBy: session.username, missingAt: at } };
    if (input.to === 'refused') changes = { desk: { ...d.desk, refusalReason: note!, refusedBy: session.username, refusedAt: at } };
    recordTransition(db, d.code, input.to, session.username, note, now, changes);
    const after = getDossier(db, d.code)!;
    ctx.audit.append({ at, actor: session.username, action: 'dossier.transition', dossierCode: d.code, before: snapshot(d), after: { ...snapshot(after), note } });
    return after;
  })();
}

/**
 * The appointment moved once, later, with the reason printed on an apology slip (form 04). The new
 * time must fall in office hours of a working day; outside them the error suggests the next
 * opening (`snapToOfficeHours`, which the desk shows before saving).
 *
 * Errors: validation (to, reason), not_found.
 */
export function moveAppointment(ctx: DeskContext, session: StaffSession, input: { code: string; to: string; reason: string }): DossierRecord {
  const { db, now } = ctx;
  return db.transaction(() => {
    const d = getDossier(db, input.code);
    if (!d) throw notFound(input.code);
    if (!APPOINTMENT_MOVABLE.includes(d.status)) {
      throw invalid('to', 'Chỉ hẹn lại được hồ sơ đang giải quyết.', 'Only a dossier in progress can get a new appointment.');
    }
    if (d.appointmentOriginal) throw invalid('to', 'Lịch hẹn của hồ sơ này đã được hẹn lại một lần; không được hẹn lại lần nữa.', 'This appointment was already moved once; it cannot move again.');
    const problems: FieldError[] = [];
    const calendar = loadCalendar(db, ctx.config.office);
    const to = new Date(input.to);
    if (!d.appointmentAt || input.to <= d.appointmentAt) problems.push({ field: 'to', message: { vi: 'Ngày hẹn mới phải sau ngày hẹn cũ.', en: 'The new appointment must be after the old one.' } });
    else if (!inOfficeHours(calendar, to)) {
      const snapped = formatVnShort(snapToOfficeHours(calendar, to));
      problems.push({
        field: 'to',
        message: { vi: `Giờ hẹn phải trong giờ làm việc của một ngày làm việc; gần nhất là ${snapped.vi}.`, en: `The appointment must be within office hours of a working day; the nearest is ${snapped.en}.` },
      });
    }
    const reason = input.reason.trim();
    if (!reason) problems.push({ field: 'reason', message: { vi: 'Hãy ghi lý do chậm trễ để gửi lời xin lỗi.', en: 'Give the reason for the delay, for the apology.' } });
    if (problems.length) throw fieldErrors(problems);
    const at = now.toISOString();
    const appointmentAt = input.to;
    updateDossier(db, d.code, {
      appointmentOriginal: d.appointmentAt,
      appointmentAt,
      desk: { ...d.desk, apology: { reason, at, by: session.username } },
    });
    // The portal learns it too, so the citizen's tracking shows the new date.
    const key = `appointment-${crypto.randomUUID()}`;
    const change: AppointmentChange = { clientKey: key, at, actor: session.username, appointmentAt, previousAppointmentAt: d.appointmentAt!, reason };
    enqueue(db, { kind: 'dossier.appointment', idempotencyKey: key, stream: d.code, payload: { code: d.code, body: change }, now: at });
    const after = getDossier(db, d.code)!;
    ctx.audit.append({ at, actor: session.username, action: 'dossier.appointmentMoved', dossierCode: d.code, before: snapshot(d), after: { ...snapshot(after), reason } });
    return after;
  })();
}

/**
 * A form handed out (printed): the first time the original, then reprints; recorded on the dossier
 * and in the audit log. Returns how many times it had been printed before.
 */
export function recordPrint(ctx: DeskContext, session: StaffSession, code: string, form: DeskForm): number {
  const { db, now } = ctx;
  return db.transaction(() => {
    const d = getDossier(db, code);
    if (!d) throw notFound(code);
    const before = d.desk?.printed?.[form] ?? 0;
    updateDossier(db, code, { desk: { ...d.desk, printed: { ...d.desk?.printed, [form]: before + 1 } } });
    ctx.audit.append({ at: now.toISOString(), actor: session.username, action: 'dossier.printed', dossierCode: code, after: { form, copy: before + 1 } });
    return before;
  })();
}
