/**
 * What the desk shows of a dossier, decided here once: its status label, whether its clock runs,
 * who received and who processes it (by name), the time left in working time, its history with the
 * portal's echoes of our own moves folded in, and the actions this officer may take now. The UI
 * renders this; it does not work out moves, labels or clocks itself.
 */
import type { Db } from '../db/open.js';
import type { WorkingCalendar } from '../calendar/calendar.js';
import { APPOINTMENT_MOVABLE, CLOCK, type ClockState } from '../dossiers/clock.js';
import { STATUS_LABELS, TRANSITIONS } from '../dossiers/lifecycle.js';
import type { DossierRecord, HistoryEntry } from '../dossiers/model.js';
import type { Bilingual } from '../errors.js';
import type { Role, StaffSession } from '../staff/model.js';
import { staffNames } from '../staff/names.js';
import type { DossierStatus } from '../sync/portal-types.js';
import type { DeskForm } from './model.js';
import { TRANSITION_ROLES } from './roles.js';
import { dueBounds, timeLeft, type TimeLeft } from './time-left.js';

export interface DossierSummary {
  statusLabel: Bilingual;
  clock: ClockState;
  /** Who received it at the counter, by name. */
  officerName: string | null;
  /** Who processes it, by name; null until a processor takes it. */
  handlerName: string | null;
  /** Working time to the appointment, while the clock runs. */
  timeLeft: TimeLeft | null;
}

export interface TimelineEntry {
  status: DossierStatus;
  statusLabel: Bilingual;
  at: string;
  actor: string;
  actorName: string;
  note: string | null;
  /** pending: waiting for the portal; confirmed: the portal has it; refused: the portal refused it. */
  state: 'pending' | 'confirmed' | 'refused';
  error: string | null;
}

export type DossierAction =
  | { kind: 'transition'; to: DossierStatus; label: Bilingual; noteRequired: boolean }
  | { kind: 'receive' | 'complete_supplement' | 'return' | 'move_appointment'; label: Bilingual };

export interface DeskDossierExtras {
  timeline: TimelineEntry[];
  actions: DossierAction[];
  /** The forms this dossier has, and how many times each was printed. */
  forms: { form: DeskForm; printed: number }[];
  rating: 'very_satisfied' | 'satisfied' | 'unsatisfied' | null;
  returnedByName: string | null;
}

/** Moves that need the officer's reason (they reach the citizen or stop the clock). */
const NOTE_REQUIRED: DossierStatus[] = ['supplement', 'stopped', 'withdrawn', 'refused'];

export interface ViewContext {
  db: Db;
  calendar: WorkingCalendar;
  now: Date;
}

/** A summarizer for many dossiers at one instant: names looked up once, the calendar's bounds once. */
export function summarizer(ctx: ViewContext): (d: DossierRecord) => DossierSummary {
  const names = staffNames(ctx.db);
  const bounds = dueBounds(ctx.calendar, ctx.now);
  return (d) => {
    const clock = CLOCK[d.status];
    return {
      statusLabel: { vi: STATUS_LABELS[d.status].vi, en: STATUS_LABELS[d.status].en },
      clock,
      officerName: names(d.officer),
      handlerName: names(d.handler),
      timeLeft: clock === 'running' && d.appointmentAt ? timeLeft(ctx.calendar, ctx.now, d.appointmentAt, bounds) : null,
    };
  };
}

/**
 * The history as the officer reads it: the portal's echo of a move this desk made (same status,
 * after it) is the portal confirming it, not a second step.
 */
export function timeline(history: HistoryEntry[], names: (u: string) => string | null): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  const awaitingEcho: TimelineEntry[] = [];
  for (const h of history) {
    if (h.source === 'portal') {
      const mine = awaitingEcho.findIndex((e) => e.status === h.status);
      if (mine >= 0) {
        awaitingEcho[mine]!.state = 'confirmed';
        awaitingEcho.splice(mine, 1);
        continue;
      }
    }
    const entry: TimelineEntry = {
      status: h.status,
      statusLabel: { vi: STATUS_LABELS[h.status].vi, en: STATUS_LABELS[h.status].en },
      at: h.at,
      actor: h.actor,
      actorName: names(h.actor) ?? h.actor,
      note: h.note,
      state: h.state === 'pending' ? 'pending' : h.state === 'refused' ? 'refused' : 'confirmed',
      error: h.error,
    };
    if (h.source === 'local' && h.state !== 'refused') awaitingEcho.push(entry);
    out.push(entry);
  }
  return out;
}

const has = (roles: Role[], session: StaffSession) => roles.some((r) => session.roles.includes(r));

/** What `session` may do with `d` now: the lifecycle's legal moves its roles allow, and the desk's own steps. */
export function actionsFor(d: DossierRecord, session: StaffSession): DossierAction[] {
  const actions: DossierAction[] = [];
  const receives = has(TRANSITION_ROLES.received, session);
  if (d.status === 'new' && receives) actions.push({ kind: 'receive', label: { vi: 'Tiếp nhận (kiểm tra giấy tờ)', en: 'Receive (check the papers)' } });
  if (d.status === 'supplement' && receives) actions.push({ kind: 'complete_supplement', label: { vi: 'Nhận hồ sơ bổ sung', en: 'Receive the supplement' } });
  for (const to of TRANSITIONS[d.status]) {
    if (to === 'received' || to === 'returned' || !has(TRANSITION_ROLES[to], session)) continue;
    actions.push({ kind: 'transition', to, label: { vi: `Chuyển sang “${STATUS_LABELS[to].vi}”`, en: `Move to “${STATUS_LABELS[to].en}”` }, noteRequired: NOTE_REQUIRED.includes(to) });
  }
  if (d.status === 'result_ready' && has(TRANSITION_ROLES.returned, session)) actions.push({ kind: 'return', label: { vi: 'Trả kết quả', en: 'Return the result' } });
  if (APPOINTMENT_MOVABLE.includes(d.status) && d.appointmentAt && !d.appointmentOriginal && has(['receptionist', 'processor', 'supervisor'], session)) {
    actions.push({ kind: 'move_appointment', label: { vi: 'Hẹn lại ngày trả kết quả (một lần)', en: 'New appointment (once)' } });
  }
  return actions;
}

/** The desk's forms a dossier has: 01 and the control slip 05 once received, 02 when a supplement was asked, 03 when refused, 04 after a new appointment. */
export function formsOf(d: DossierRecord): { form: DeskForm; printed: number }[] {
  const list: DeskForm[] = [];
  if (d.desk?.receipt || d.receivedAt) list.push('01');
  if (d.desk?.missing?.length) list.push('02');
  if (d.desk?.refusalReason) list.push('03');
  if (d.desk?.apology) list.push('04');
  if (d.desk?.receipt || d.receivedAt) list.push('05');
  return list.map((form) => ({ form, printed: d.desk?.printed?.[form] ?? 0 }));
}

/** The dossier page's extras for one officer. */
export function deskExtras(db: Db, d: DossierRecord, history: HistoryEntry[], session: StaffSession): DeskDossierExtras {
  const names = staffNames(db);
  const rating = db
    .prepare<[string], { level: DeskDossierExtras['rating'] }>('SELECT level FROM ratings WHERE dossier_code = ? ORDER BY created_at DESC LIMIT 1')
    .get(d.code)?.level ?? null;
  return {
    timeline: timeline(history, (u) => names(u)),
    actions: actionsFor(d, session),
    forms: formsOf(d),
    rating,
    returnedByName: names(d.desk?.returned?.by),
  };
}
