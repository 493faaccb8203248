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
import { isLegalTransition, STATUS_LABELS } from '../dossiers/lifecycle.js';
import { assertPortalSize, fileDossier, getDossier, recordTransition, updateDossier, type DossierRecord, type TransitionChanges } from '../dossiers/repo.js';
import { assertRoom } from '../disk.js';
import { AppError } from '../errors.js';
import type { AuditLog } from '../staff/audit.js';
import type { Sequences } from '../sequences.js';
import type { StaffSession } from '../staff/model.js';
import { appointmentFor, type Appointment } from './due.js';
import type { DeskRecord } from './model.js';
import { RUNNING, TRANSITION_ROLES } from './roles.js';

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
  documents: { name: string; presented: boolean; quantityText?: string }[];
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
  const time: ProcessingTime | null = workingDays ? { value: workingDays, unit: 'working_days' } : procedure ? catalogTime(procedure) : null;
  return time ? appointmentFor(loadCalendar(ctx.db, ctx.config.office), time, ctx.now) : null;
}

function requireAppointment(ctx: DeskContext, procedure: ProcedureDetail | null, workingDays?: number): Appointment {
  const appt = appointmentNow(ctx, procedure, workingDays);
  if (!appt) {
    throw invalid(
      'workingDays',
      'Thủ tục này chưa có thời hạn giải quyết trong danh mục: hãy nhập số ngày làm việc.',
      'The catalog gives no processing time for this procedure: enter the number of working days.',
    );
  }
  return appt;
}

function nextRegisterNo(ctx: DeskContext): number {
  return ctx.sequences.next(`register:${vnDay(ctx.now).slice(0, 4)}`);
}

/** What changes when a dossier is accepted: the clock starts (again, after a supplement) now. */
function acceptChanges(ctx: DeskContext, d: DossierRecord, officer: string, desk: DeskRecord, appt: Appointment): TransitionChanges {
  return {
    appointmentAt: appt.at.toISOString(),
    officer: d.officer ?? officer,
    receivedAt: ctx.now.toISOString(),
    desk: { ...desk, registerNo: desk.registerNo ?? nextRegisterNo(ctx), legalTimeText: appt.text },
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

const snapshot = (d: DossierRecord) => ({ status: d.status, appointmentAt: d.appointmentAt, desk: d.desk });

/**
 * Receiving at the counter: a walk-in (a new dossier) or one from the inbox. Accept gives the
 * appointment from the calendar and a register number (form 01); incomplete lists everything
 * missing at once (form 02); refused keeps the reason (form 03). One transaction: the dossier, its
 * history, the outbox and the audit row are written together or not at all.
 */
export function receive(ctx: DeskContext, session: StaffSession, input: ReceiveInput): DossierRecord {
  const { db, config, now } = ctx;
  const to: DossierStatus = input.outcome === 'accept' ? 'received' : input.outcome === 'supplement' ? 'supplement' : 'refused';
  checkRole(session, to);
  const missing = (input.missing ?? []).map((m) => m.trim()).filter(Boolean);
  if (input.outcome === 'supplement' && !missing.length) {
    throw invalid('missing', 'Hãy ghi rõ các giấy tờ còn thiếu để công dân bổ sung một lần.', 'List every missing document, so the citizen supplements once.');
  }
  const reason = input.reason?.trim();
  if (input.outcome === 'refuse' && !reason) throw invalid('reason', 'Hãy ghi lý do từ chối tiếp nhận.', 'Give the reason for refusing.');
  if (input.collect === 'post' && !input.postAddress?.trim()) {
    throw invalid('postAddress', 'Nhận kết quả qua bưu chính cần địa chỉ nhận.', 'Results by post need a delivery address.');
  }
  const procedure = getProcedure(db, input.procedureCode);
  if (!procedure) throw invalid('procedureCode', `Không có thủ tục mã ${input.procedureCode}.`, `There is no procedure ${input.procedureCode}.`);
  // Computed once, and before any file is written: a missing processing time refuses early.
  const appt = input.outcome === 'accept' ? requireAppointment(ctx, procedure, input.workingDays) : null;

  // What the portal would refuse, or what the disk cannot hold, gets no code.
  assertPortalSize({ applicant: input.applicant, documents: input.documents, missing, reason });
  assertRoom(config.dataDir, input.attachments.reduce((n, a) => n + a.dataUrl.length, 0));
  // Scans are stored by hash before the transaction; a file without a dossier is harmless, the reverse is not.
  const attachments = input.attachments.map((a) => ({ name: a.name, ...storeAttachment(config.dataDir, a.dataUrl) }));

  return db.transaction(() => {
    let d: DossierRecord;
    if (input.code) {
      const found = getDossier(db, input.code);
      if (!found) throw notFound(input.code);
      if (found.procedureCode !== procedure.code) {
        throw invalid('procedureCode', `Hồ sơ ${found.code} thuộc thủ tục ${found.procedureCode}.`, `Dossier ${found.code} is for procedure ${found.procedureCode}.`);
      }
      checkLegal(found, to);
      d = found;
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
    const desk: DeskRecord = {
      ...d.desk,
      sets: input.sets,
      collect: input.collect,
      ...(input.collect === 'post' ? { postAddress: input.postAddress!.trim() } : {}),
      documents: input.documents,
      attachments: [...(d.desk?.attachments ?? []), ...attachments],
      ...(input.ticket ? { ticket: input.ticket } : {}),
      ...(input.note ? { note: input.note } : {}),
    };
    let changes: TransitionChanges;
    let note: string | null = null;
    if (to === 'received') changes = acceptChanges(ctx, d, session.username, desk, appt!);
    else if (to === 'supplement') {
      changes = { officer: session.username, desk: { ...desk, missing } };
      note = missing.join('; ');
    } else {
      changes = { officer: session.username, desk: { ...desk, refusalReason: reason } };
      note = reason!;
    }
    recordTransition(db, d.code, to, session.username, note, now, changes);
    const after = getDossier(db, d.code)!;
    ctx.audit.append({ at: now.toISOString(), actor: session.username, action: `dossier.receive.${input.outcome}`, dossierCode: d.code, before, after: snapshot(after) });
    return after;
  })();
}

/**
 * Any other move of the lifecycle, by a signed-in officer whose role allows it. A supplement
 * completed (back to received) restarts the clock; result ready records when, for the on-time rule.
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
    let changes: TransitionChanges = {};
    const at = now.toISOString();
    if (input.to === 'received') changes = acceptChanges(ctx, d, session.username, d.desk ?? {}, requireAppointment(ctx, getProcedure(db, d.procedureCode)));
    if (input.to === 'result_ready') changes = { resultAt: at };
    if (input.to === 'returned') {
      const method = input.returnMethod ?? 'counter';
      if (method === 'post' && !input.trackingNumber?.trim()) {
        throw invalid('trackingNumber', 'Trả kết quả qua bưu chính cần mã vận đơn.', 'Returning by post needs the tracking number.');
      }
      changes = {
        returnedAt: at,
        desk: { ...d.desk, returned: { method, by: session.username, ...(method === 'post' ? { trackingNumber: input.trackingNumber!.trim() } : {}) } },
      };
    }
    if ((input.to === 'stopped' || input.to === 'withdrawn' || input.to === 'supplement') && !input.note?.trim()) {
      throw invalid('note', 'Hãy ghi lý do.', 'Give the reason.');
    }
    if (input.to === 'supplement') changes = { desk: { ...d.desk, missing: [input.note!.trim()] } };
    recordTransition(db, d.code, input.to, session.username, input.note?.trim() || null, now, changes);
    const after = getDossier(db, d.code)!;
    ctx.audit.append({ at, actor: session.username, action: 'dossier.transition', dossierCode: d.code, before: snapshot(d), after: { ...snapshot(after), note: input.note ?? null } });
    return after;
  })();
}

/** The appointment moved once, later, with the reason printed on an apology slip (form 04). */
export function moveAppointment(ctx: DeskContext, session: StaffSession, input: { code: string; to: string; reason: string }): DossierRecord {
  const { db, now } = ctx;
  return db.transaction(() => {
    const d = getDossier(db, input.code);
    if (!d) throw notFound(input.code);
    if (!RUNNING.includes(d.status) && d.status !== 'payment') {
      throw invalid('to', 'Chỉ hẹn lại được hồ sơ đang giải quyết.', 'Only a dossier in progress can get a new appointment.');
    }
    if (d.appointmentOriginal) throw invalid('to', 'Lịch hẹn của hồ sơ này đã được hẹn lại một lần; không được hẹn lại lần nữa.', 'This appointment was already moved once; it cannot move again.');
    if (!d.appointmentAt || input.to <= d.appointmentAt) throw invalid('to', 'Ngày hẹn mới phải sau ngày hẹn cũ.', 'The new appointment must be after the old one.');
    const reason = input.reason.trim();
    if (!reason) throw invalid('reason', 'Hãy ghi lý do chậm trễ để gửi lời xin lỗi.', 'Give the reason for the delay, for the apology.');
    const at = now.toISOString();
    const appointmentAt = input.to;
    updateDossier(db, d.code, {
      appointmentOriginal: d.appointmentAt,
      appointmentAt,
      desk: { ...d.desk, apology: { reason, at, by: session.username } },
    });
    // The portal learns it too, so the citizen's tracking shows the new date.
    const key = `appointment-${crypto.randomUUID()}`;
    const change: AppointmentChange = { clientKey: key, at, actor: session.username, appointmentAt, previousAppointmentAt: d.appointmentAt, reason };
    enqueue(db, { kind: 'dossier.appointment', idempotencyKey: key, stream: d.code, payload: { code: d.code, body: change }, now: at });
    const after = getDossier(db, d.code)!;
    ctx.audit.append({ at, actor: session.username, action: 'dossier.appointmentMoved', dossierCode: d.code, before: snapshot(d), after: { ...snapshot(after), reason } });
    return after;
  })();
}
