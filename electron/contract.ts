/**
 * The one contract between the UI and the core. Every method (input schema and
 * result type) and every event is declared here; the renderer's api, the IPC
 * registration in main and the web host's HTTP/SSE routes are all derived from it.
 * This file is imported by both sides, so it must stay free of Node and DOM code.
 */
import { z } from 'zod';
import type { Bilingual, ErrorPayload } from './core/errors.js';
import type { CalendarDay } from './core/calendar/calendar.js';
import { checkCccd, checkEmail, checkPhone, checked } from './core/text/validators.js';
import type { CatalogMeta, Facets, PopularProcedures, LawDetail, LawHit, LawSummary, ProcedureDetail, ProcedureHit, ProcedureSummary } from './core/catalog/model.js';

import type { StaffAccountView, StaffSession, AuditEntryView, AuditChainState, Role } from './core/staff/model.js';
import type { QueueBoard, QueueGroup, ReceiptRecord, ReceivePreview, RegisterRow, ReportSummary, TicketView } from './core/desk/model.js';
import type { ControlStep } from './core/desk/control.js';
import type { Checklist } from './core/desk/checklist.js';
import type { DeskDossierExtras, DossierSummary } from './core/desk/view.js';
import type { AuditLine } from './core/staff/audit-view.js';
import { ROLES } from './core/staff/model.js';
import { DOSSIER_STATUSES, type DossierStatus } from './core/sync/portal-types.js';
import type { DossierRecord, HistoryEntry } from './core/dossiers/model.js';
import type { DossierTracking } from './core/dossiers/tracking.js';
export type { DossierTracking } from './core/dossiers/tracking.js';
import type { BookingDay, BookingView, HelpRequestView } from './core/visits/model.js';
export type { BookingDay, BookingView, HelpRequestView } from './core/visits/model.js';
import type { FeedbackTracking } from './core/feedback/tracking.js';
export type { FeedbackTracking } from './core/feedback/tracking.js';

export type { Bilingual, ErrorPayload } from './core/errors.js';
export type * from './core/catalog/model.js';
export type * from './core/staff/model.js';
export type * from './core/desk/model.js';
export type { Checklist, ChecklistPaper, ChecklistCase } from './core/desk/checklist.js';
export type { DossierSummary, DossierAction, TimelineEntry, DeskDossierExtras } from './core/desk/view.js';
export type { TimeLeft, DueBucket } from './core/desk/time-left.js';
export type { AuditLine } from './core/staff/audit-view.js';
export type { ClockState } from './core/dossiers/clock.js';
export { ROLES, ROLE_LABELS } from './core/staff/model.js';

/** Declares a method: `method(inputSchema).returns<Result>()` (the result is a type only). */
function method<I extends z.ZodType>(input: I) {
  return { returns: <R>(): { input: I; result: R } => ({ input, result: undefined as unknown as R }) };
}

function event<P>(): P {
  return undefined as unknown as P;
}

// ---- shared shapes -------------------------------------------------------

export type Mode = 'kiosk' | 'staff';
export type Locale = 'vi' | 'en';

export interface Warning {
  code: 'db_corrupt_moved' | 'config_locked_override';
  message: { vi: string; en: string };
  detail?: string;
}

export interface AppInfo {
  name: string;
  version: string;
  mode: Mode;
  ward: { code: string; name: string };
  locale: Locale;
  kioskIdleSeconds: number;
  portalConfigured: boolean;
  queue: { enabled: boolean; groups: QueueGroup[] };
  dbVersion: number;
  warnings: Warning[];
  /** The ward's one-stop office: address, hotline and opening periods ("HH:MM" pairs), for receipts. */
  office: { name: string; address: string; hotline: string; weekday: [string, string][]; saturday: [string, string][] };
}

export interface Announcement {
  id: number;
  title: string;
  body: string;
  source: 'ward' | 'portal';
  publishedAt: string;
  expiresAt: string | null;
}

export type SyncState = 'offline' | 'syncing' | 'idle' | 'error';

export interface SyncStatus {
  state: SyncState;
  /**
   * Why, when state is error: portal_unreachable, portal_error, unauthorized, bad_response, cursor_lost,
   * certificate_untrusted, proxy_refused.
   */
  subtype?: string;
  /** For certificate_untrusted the certificate's issuer, for proxy_refused the proxy. */
  detail?: string;
  at: string;
  /** Outbox items waiting to be delivered, and those the portal refused (kept for the desk admin). */
  pending?: number;
  parked?: number;
  lastSyncAt?: string | null;
}

const trimmed = (max: number) => z.string().trim().min(1).max(max);

/** Applicant details as a form sends them; CCCD, phone and email are checked and stored in one form (text/validators.ts). */
const applicantInput = z
  .object({
    fullName: trimmed(200),
    idNumber: checked(checkCccd).optional(),
    birthDate: z.iso.date().optional(),
    sex: z.string().max(10).optional(),
    address: z.string().max(500).optional(),
    phone: checked(checkPhone).optional(),
    email: checked(checkEmail).optional(),
  })
  .strict();

export { DOSSIER_STATUSES } from './core/sync/portal-types.js';
export type DossierStatusName = DossierStatus;

/** A dossier with its history, as every screen gets it. */
export type DossierView = DossierRecord & {
  history: HistoryEntry[];
  /** The appointment falls in a year whose days off are still provisional (shown as "tạm tính"). */
  appointmentProvisional?: boolean;
};
/** A dossier in a desk list: its status label, clock, officers by name and working time left, decided by the core. */
export type DossierRow = DossierView & DossierSummary;
/** A dossier on its desk page: a row plus its readable history, the actions this officer may take, its forms and rating. */
export type DeskDossier = DossierRow & DeskDossierExtras;

/** A page of dossiers: `total` is exact unless `capped` (then "at least"); `next` is the following page's `after`. */
export interface DossierPageView {
  items: DossierRow[];
  total: number;
  capped: boolean;
  next: string | null;
}

export interface OutboxSummary {
  id: number;
  kind: string;
  stream: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
}

export interface SyncReport {
  pushed: number;
  parked: number;
  retried: number;
  dossierChanges: number;
  catalogChanges: number;
  notModified: string[];
  roundTrips: number;
  bytes: number;
  errors: string[];
}
const page = { offset: z.number().int().min(0).max(100_000).optional(), limit: z.number().int().min(1).max(100).optional() };

export interface SearchResult {
  query: string;
  procedures: ProcedureHit[];
  /** How many procedures matched (up to the ranking window). */
  total: number;
  laws: LawHit[];
  /** Words nothing in the catalog resembles; they were left out. */
  ignored: string[];
  /** How well the best procedure answers: `weak` = only loosely (say so, offer suggestions). */
  match: 'good' | 'weak' | 'none';
  /** Words left out because no procedure has them all (as typed). */
  relaxed: string[];
  /** When the match is not good: the closest life events and the ward's popular procedures. */
  suggestions: SearchSuggestions | null;
}

/** A procedure's short English name and summary for foreign residents; the legal text stays Vietnamese. */
export interface ProcedureEnglish {
  name: string;
  summary: string | null;
}

export interface SearchSuggestions {
  lifeEvents: { id: string; name: { vi: string; en: string }; count: number }[];
  popular: ProcedureSummary[];
}

export interface DeadlineBoard {
  counts: { overdue: number; today: number; next: number };
  /** The close of today and of the next working day, as instants (the board's bucket ends). */
  todayEnd: string;
  nextEnd: string;
  bucket: 'overdue' | 'today' | 'next' | null;
  items: DossierRow[];
  total: number;
  /** The bucket's next page starts here (pass as `after`); null on the last. */
  next: string | null;
}

/** Everything a printed desk form (01–04) shows about one dossier. */
export interface DeskPaper {
  dossier: DossierView;
  /** How many times this form was printed before: 0 for the original, more for "Bản in lại". */
  copy: number;
  /** agency: the agency line of the header ("UBND PHƯỜNG BA ĐÌNH"); agencyName: the same in running text ("UBND phường Ba Đình"); counter: where the receipt was given. */
  office: { wardCode: string; wardName: string; agency: string; agencyName: string; counter: string };
  /** The officer who received the dossier (form 01's receiver). */
  officerName: string | null;
  /** The officer who issued this form: the receiver (01), who asked for the supplement (02), who refused (03), who moved the appointment (04). */
  signerName: string | null;
  procedure: { code: string; name: string; sector: string; timeText: string | null };
  /** Form 01 as handed over; null for a dossier received before receipts were kept. */
  receipt: ReceiptRecord | null;
  /** Form 05: the agency that decides (the register's) and the hand-overs (desk/control.ts); only when form 05 is asked for. */
  control?: { agency: string; steps: ControlStep[] };
}

const session = z.string().min(16).max(100);
const dossierCode = z.string().trim().min(5).max(60);
/** An instant with any offset, handed to the core as UTC ISO — the form the database compares as text. */
const instant = z.iso.datetime({ offset: true }).transform((v) => new Date(v).toISOString());
const username = z.string().trim().toLowerCase().regex(/^[a-z0-9._-]{3,40}$/);
const range = { from: instant, to: instant };
const auditFilter = { actor: username.optional(), kind: z.string().regex(/^[a-z_]{2,30}$/).optional(), from: instant.optional(), to: instant.optional() };

/** What the receiving form sends: papers by their checklist id, so any catalog paper, however long its text, can be ticked. */
export const receiveInput = z
  .object({
    session,
    code: dossierCode.optional(),
    procedureCode: z.string().trim().min(1).max(40),
    applicant: applicantInput,
    caseId: z.string().regex(/^c\d{1,3}$/).optional(),
    papers: z.array(z.object({ id: z.string().regex(/^d\d{1,4}$/), presented: z.boolean(), choice: z.string().trim().max(200).optional() }).strict()).max(1000),
    extraPapers: z.array(trimmed(300)).max(20).optional(),
    noPapersReason: z.string().trim().max(500).optional(),
    attachments: z.array(z.object({ name: trimmed(200), dataUrl: z.string().max(12_000_000) }).strict()).max(20),
    sets: z.number().int().min(1).max(20),
    collect: z.enum(['counter', 'post']),
    postAddress: z.string().trim().max(500).optional(),
    outcome: z.enum(['accept', 'supplement', 'refuse']),
    missing: z.array(z.string().max(1000)).max(200).optional(),
    reason: z.string().max(2000).optional(),
    workingDays: z.number().min(0.125).max(365).optional(),
    ticket: z.string().max(10).optional(),
    note: z.string().max(2000).optional(),
  })
  .strict();

/**
 * Text normalization happens here, at the boundary, for every method on every transport: before
 * its schema runs, each string of the input is made NFC, stripped of control characters, its odd
 * spaces made plain and collapsed, trimmed (electron/core/text/normalize.ts; called by the core's
 * dispatch). Secrets are made NFC only; prose keeps its line breaks; attachments pass untouched.
 * Handlers therefore never normalize. Scanner/QR text, the portal's feeds and the catalog import
 * are normalized where they enter too.
 */
export const INPUT_TEXT = {
  secret: ['password', 'current', 'next', 'pin'],
  multiline: ['body', 'note', 'reason', 'text', 'missing'],
  opaque: ['dataUrl', 'image'],
} as const;

// ---- methods -------------------------------------------------------------

export const methods = {
  'app.info': method(z.object({}).strict()).returns<AppInfo>(),
  'announcements.list': method(
    z.object({ limit: z.number().int().min(1).max(100).optional() }).strict(),
  ).returns<Announcement[]>(),
  'announcements.create': method(
    z
      .object({
        session,
        title: trimmed(200),
        body: trimmed(4000),
        expiresAt: z.iso.datetime({ offset: true }).optional(),
      })
      .strict(),
  ).returns<Announcement>(),
  'sync.status': method(z.object({ session: session.optional() }).strict()).returns<SyncStatus>(),
  /** A sync cycle now (the network came back); at a desk, a signed-in officer's. */
  'sync.now': method(z.object({ session: session.optional() }).strict()).returns<SyncReport>(),
  'sync.outbox': method(z.object({ session }).strict()).returns<{ pending: number; parked: OutboxSummary[] }>(),
  'sync.retryParked': method(z.object({ session, id: z.number().int().positive() }).strict()).returns<{ requeued: boolean }>(),
  'dossier.submit': method(
    z
      .object({
        procedureCode: z.string().trim().min(1).max(40),
        applicant: applicantInput,
        data: z.record(z.string(), z.unknown()).optional(),
        documents: z.array(z.record(z.string(), z.unknown())).max(50).optional(),
      })
      .strict(),
  ).returns<DossierView>(),
  /** The full dossier, personal data included: a signed-in officer of this ward; every read is audited. */
  'dossier.get': method(z.object({ session, code: dossierCode }).strict()).returns<DossierView>(),
  /**
   * Tracking by code (a kiosk, anyone holding a receipt): status and dates, never personal data.
   * The code as typed; the core reads it (spaces, no dashes, lower case) and says so when it is not one.
   */
  'dossier.track': method(z.object({ code: z.string().max(100) }).strict()).returns<DossierTracking>(),
  /**
   * The desk's dossier list, newest first (or by a column): by status, origin, filing date, a code,
   * a name, a CCCD or a phone number, the officer's own work, the clock's state.
   */
  'dossier.list': method(
    z
      .object({
        session,
        status: z.enum(DOSSIER_STATUSES).optional(),
        origin: z.enum(['local', 'portal']).optional(),
        from: instant.optional(),
        to: instant.optional(),
        query: z.string().max(100).optional(),
        /** me: dossiers this officer processes; none: received, not yet taken by a processor. */
        handler: z.enum(['me', 'none']).optional(),
        /** Only dossiers whose clock is in one of these states (running and paused: the open work). */
        clock: z.array(z.enum(['waiting', 'running', 'paused', 'ended'])).max(4).optional(),
        sort: z.enum(['filed', 'received', 'appointment', 'code', 'status']).optional(),
        desc: z.boolean().optional(),
        ...page,
        /** The previous page's `next`: keyset paging (deep pages cost what the first does). */
        after: z.string().max(200).optional(),
      })
      .strict(),
  ).returns<DossierPageView>(),
  /** A move of the lifecycle by a signed-in officer whose role allows it. */
  'dossier.transition': method(
    z
      .object({
        session,
        code: dossierCode,
        to: z.enum(DOSSIER_STATUSES),
        note: z.string().max(2000).optional(),
        returnMethod: z.enum(['counter', 'post']).optional(),
        trackingNumber: z.string().trim().max(60).optional(),
      })
      .strict(),
  ).returns<DossierView>(),
  /** The desk before sign-in; `doctorCommand`: how the machine's admin reads the setup code on this device (e.g. `sudo motcua doctor`). */
  'staff.status': method(z.object({}).strict()).returns<{ needsSetup: boolean; counter: string; lockMinutes: number; groups: QueueGroup[]; doctorCommand: string }>(),
  /**
   * The first account of a new desk (its desk admin), with the one-time setup code only the machine's
   * admin can read (`motcua doctor`, or the device sheet from provisioning); refused once any account exists.
   */
  'staff.setup': method(
    z.object({ setupCode: z.string().trim().min(1).max(40), username, displayName: trimmed(100), password: z.string().min(1).max(200) }).strict(),
  ).returns<StaffSession>(),
  /** Signs in; a receptionist at a counter: the one asked for (refused if another officer holds it), else the one this browser remembers if free, else the desk's, else the next free "Quầy N". */
  'staff.signIn': method(
    z
      .object({
        username,
        password: z.string().min(1).max(200),
        counter: z.string().trim().min(1).max(40).optional(),
        preferCounter: z.string().trim().min(1).max(40).optional(),
        /** The session the lock screen locked: its officer unlocks past holds others' wrong passwords put on the account. */
        resume: z.string().min(1).max(200).optional(),
      })
      .strict(),
  ).returns<StaffSession>(),
  /** `lock`: the screen locked (idle or by hand), the officer may resume with a sign-in naming this session. */
  'staff.signOut': method(z.object({ session, lock: z.boolean().optional() }).strict()).returns<{ ok: true }>(),
  'staff.me': method(z.object({ session }).strict()).returns<StaffSession>(),
  'staff.list': method(z.object({ session }).strict()).returns<StaffAccountView[]>(),
  'staff.save': method(
    z
      .object({ session, username, displayName: trimmed(100), roles: z.array(z.enum(ROLES)).min(1).max(4), active: z.boolean(), password: z.string().min(1).max(200).optional() })
      .strict(),
  ).returns<StaffAccountView>(),
  'staff.changePassword': method(z.object({ session, current: z.string().min(1).max(200), next: z.string().min(1).max(200) }).strict()).returns<{ ok: true }>(),
  /**
   * What the desk's password policy says of a candidate password for an account (`problem` null: it
   * passes). The forms that set a password (first-run setup, an account, one's own) ask it at the first
   * submit, so the rule is told with the other fields' problems; nothing is stored or compared.
   */
  'staff.checkPassword': method(
    z.object({ username: z.string().max(100), displayName: z.string().max(100).optional(), password: z.string().min(1).max(200) }).strict(),
  ).returns<{ problem: Bilingual | null }>(),
  /**
   * Recovers a locked-out desk: the account becomes an active desk admin with a new one-time password
   * (returned once). The machine's admin only, from the command line (`motcua staff reset-admin`).
   */
  'staff.resetAdmin': method(z.object({ username, displayName: trimmed(100).optional() }).strict()).returns<{ account: StaffAccountView; password: string }>(),
  /** The audit log, newest first, as sentences, filtered by officer, kind of action, dossier and date; with the result of checking its hash chain. Supervisors only. */
  'audit.list': method(z.object({ session, dossierCode: dossierCode.optional(), ...auditFilter, ...page }).strict()).returns<{
    items: AuditEntryView[];
    lines: AuditLine[];
    total: number;
    chain: AuditChainState;
  }>(),
  /** The filtered audit log as a CSV file (UTF-8 with BOM), in Vietnamese sentences. Supervisors only. */
  'audit.export': method(z.object({ session, dossierCode: dossierCode.optional(), ...auditFilter }).strict()).returns<{ filename: string; mime: string; base64: string }>(),
  /** The accounts and kinds of action the audit log's filters offer. */
  'audit.facets': method(z.object({ session }).strict()).returns<{ actors: { username: string; displayName: string }[]; kinds: { kind: string; label: Bilingual }[] }>(),
  /** The procedure's papers as the counter checks them: common, per case (main first), conditional, and guidance as text. */
  'desk.checklist': method(z.object({ session, procedureCode: z.string().trim().min(1).max(40) }).strict()).returns<Checklist>(),
  /** Receiving at the counter: a walk-in, a dossier from the inbox, or a supplement brought back (with its code). */
  'desk.receive': method(receiveInput).returns<DossierView>(),
  /** The same checks as desk.receive, writing nothing: what would be recorded and printed (the desk shows it before the officer confirms). */
  'desk.receiveCheck': method(receiveInput).returns<ReceivePreview>(),
  /** The appointment a dossier received now would get (shown before accepting). */
  'desk.appointmentPreview': method(
    z.object({ session, procedureCode: z.string().trim().min(1).max(40), workingDays: z.number().min(0.125).max(365).optional() }).strict(),
  ).returns<{ at: string | null; text: string | null; provisional?: boolean }>(),
  'desk.moveAppointment': method(z.object({ session, code: dossierCode, to: instant, reason: z.string().max(2000) }).strict()).returns<DossierView>(),
  /** The office instant a new appointment at `at` would get: itself in office hours, else the next opening. */
  'desk.appointmentSlot': method(z.object({ session, at: instant }).strict()).returns<{ at: string; snapped: boolean; text: Bilingual }>(),
  /** One dossier as its desk page shows it, for this officer. */
  'desk.dossier': method(z.object({ session, code: dossierCode }).strict()).returns<DeskDossier>(),
  /** A scan of a dossier, to view at the desk. */
  'desk.attachment': method(z.object({ session, code: dossierCode, sha256: z.string().regex(/^[0-9a-f]{64}$/) }).strict()).returns<{ name: string; mime: string; base64: string }>(),
  /**
   * The deadline board, counted in working time by the calendar: overdue, due by today's close, due
   * by the close of the next working day — counts for all three, and one bucket's dossiers a page at
   * a time, soonest first (none without `bucket`, or with `limit: 0`: the menu's counts alone);
   * `after` is the previous page's `next`; `mine`: received or processed by this officer.
   */
  'desk.deadlines': method(
    z
      .object({
        session,
        bucket: z.enum(['overdue', 'today', 'next']).optional(),
        mine: z.boolean().optional(),
        after: z.string().max(100).optional(),
        limit: z.number().int().min(0).max(100).optional(),
      })
      .strict(),
  ).returns<DeadlineBoard>(),
  /**
   * A form's content, to show (a read of the dossier, audited) — `copy`: how many times it was printed
   * before, so a preview shows whether the next print is a reprint. With `print` (the officer pressed
   * "In") the print is recorded: the first is the original, later ones reprints.
   */
  'desk.paper': method(z.object({ session, code: dossierCode, form: z.enum(['01', '02', '03', '04', '05']).optional(), print: z.boolean().optional() }).strict()).returns<DeskPaper>(),
  /** A year's days off and make-up days; a year with no official table lists the Labor Code's days, provisional. */
  'calendar.list': method(z.object({ session, year: z.number().int().min(2000).max(2100) }).strict()).returns<CalendarDay[]>(),
  /** Years whose days off are still provisional (this one, and from 1 October the next), each with the admin's warning. */
  'calendar.status': method(z.object({ session }).strict()).returns<{ warnings: { year: number; message: Bilingual }[] }>(),
  /** The desk admin's edit of the days-off table: a day off, a make-up working day, or back to normal. */
  'calendar.save': method(z.object({ session, date: z.iso.date(), kind: z.enum(['off', 'workday', 'normal']), name: z.string().trim().max(200) }).strict()).returns<{ ok: true }>(),
  /** A queue ticket for a service group; at a kiosk, taken from the queue desk named in the config. */
  'queue.issue': method(z.object({ group: z.string().regex(/^[A-Z]$/) }).strict()).returns<TicketView>(),
  'queue.ticket': method(z.object({ id: z.number().int().positive() }).strict()).returns<TicketView>(),
  'queue.board': method(z.object({}).strict()).returns<QueueBoard>(),
  'queue.current': method(z.object({ session }).strict()).returns<{ ticket: TicketView | null; board: QueueBoard }>(),
  'queue.callNext': method(z.object({ session }).strict()).returns<TicketView | null>(),
  'queue.recall': method(z.object({ session, id: z.number().int().positive() }).strict()).returns<TicketView>(),
  'queue.serve': method(z.object({ session, id: z.number().int().positive() }).strict()).returns<TicketView>(),
  'queue.noShow': method(z.object({ session, id: z.number().int().positive() }).strict()).returns<TicketView>(),
  'queue.finish': method(z.object({ session, id: z.number().int().positive(), dossierCode: dossierCode.optional() }).strict()).returns<TicketView>(),
  'queue.transfer': method(
    z.object({ session, id: z.number().int().positive(), group: z.string().regex(/^[A-Z]$/).optional(), counter: z.string().trim().min(1).max(40).optional() }).strict(),
  ).returns<TicketView>(),
  /** The days and time slots one may book for a procedure the ward receives (the queue desk's, asked from a kiosk). */
  'booking.days': method(z.object({ procedureCode: z.string().trim().min(1).max(40) }).strict()).returns<{ procedure: { code: string; name: string }; group: QueueGroup; days: BookingDay[] }>(),
  /** Books a counter visit: a day ("2026-03-03") and a slot ("08:30"); the booking carries no name, only its code. */
  'booking.create': method(
    z.object({ procedureCode: z.string().trim().min(1).max(40), day: z.iso.date(), slot: z.string().regex(/^\d{2}:\d{2}$/) }).strict(),
  ).returns<BookingView>(),
  /** A booked resident arrives: the code (typed however, or scanned) gives a ticket ahead of the group's walk-ins. */
  'booking.checkIn': method(z.object({ code: z.string().max(40) }).strict()).returns<{ booking: BookingView; ticket: TicketView }>(),
  /** The day's bookings, for the desks (default today). */
  'booking.list': method(z.object({ session, day: z.iso.date().optional() }).strict()).returns<BookingView[]>(),
  /** "Gọi cán bộ hỗ trợ": a kiosk asks the queue desk for an officer (the kiosk sends its name; nothing about the resident). */
  'help.request': method(z.object({ kiosk: z.string().trim().max(60).optional() }).strict()).returns<HelpRequestView>(),
  /** Whether someone is coming. */
  'help.status': method(z.object({ id: z.number().int().positive() }).strict()).returns<HelpRequestView>(),
  /** Today's requests at the desks, waiting ones first. */
  'help.list': method(z.object({ session }).strict()).returns<HelpRequestView[]>(),
  /** An officer answers a request: they are coming (from their counter). */
  'help.acknowledge': method(z.object({ session, id: z.number().int().positive() }).strict()).returns<HelpRequestView>(),
  'report.summary': method(z.object({ session, ...range }).strict()).returns<ReportSummary>(),
  'report.register': method(z.object({ session, ...range }).strict()).returns<RegisterRow[]>(),
  'report.export': method(z.object({ session, ...range, format: z.enum(['csv', 'xlsx']) }).strict()).returns<{ filename: string; mime: string; base64: string }>(),
  'feedback.send': method(
    z
      .object({
        category: z.enum(['procedure', 'staff', 'facility', 'online', 'other']),
        text: trimmed(4000),
        contact: z.string().trim().max(200).optional(),
      })
      .strict(),
  ).returns<{ trackingCode: string }>(),
  /** A feedback by its tracking code ("PA-…", typed however): when it was given and received, never its text. */
  'feedback.track': method(z.object({ code: z.string().max(100) }).strict()).returns<FeedbackTracking>(),
  'rating.send': method(
    z
      .object({
        session: session.optional(),
        dossierCode: z.string().trim().min(5).max(60).optional(),
        level: z.enum(['very_satisfied', 'satisfied', 'unsatisfied']),
        /** Circular 01/2018's indices, "1".."9", each 2 / 1 / 0. */
        criteria: z.partialRecord(z.enum(['1', '2', '3', '4', '5', '6', '7', '8', '9']), z.number().int().min(0).max(2)).optional(),
      })
      .strict(),
  ).returns<{ ok: true }>(),
  /** The hidden admin exit, on the kiosk itself only: the PIN from the config; five wrong tries lock that screen for five minutes. */
  'kiosk.adminExit': method(z.object({ pin: z.string().regex(/^\d{4,8}$/) }).strict()).returns<{ ok: boolean; lockedUntil: string | null }>(),
  /**
   * Print a page: the calling page, or the print route `path` (a queue ticket from the desk). The
   * Electron app prints silently to the printer configured for `kind`; on the web host the browser prints.
   */
  'print.document': method(
    z.object({ kind: z.enum(['receipt', 'ticket', 'document']), path: z.string().max(500).regex(/^\/print\/[\w\-./?=&%:+]*$/).optional() }).strict(),
  ).returns<{ via: 'silent'; printer: string } | { via: 'browser' }>(),
  /** The kiosk's idle reset happened: the shell clears the session's storage too. */
  'kiosk.sessionEnded': method(z.object({}).strict()).returns<{ ok: true }>(),
  'catalog.info': method(z.object({}).strict()).returns<CatalogMeta | null>(),
  'catalog.search': method(
    z
      .object({
        query: z.string().max(200),
        ...page,
        /** Also search law articles (shown as their own group). */
        laws: z.boolean().optional(),
        /** English mode: English names and keywords (foreign residents). */
        lang: z.enum(['vi', 'en']).optional(),
      })
      .strict(),
  ).returns<SearchResult>(),
  'catalog.get': method(z.object({ code: z.string().trim().min(1).max(40) }).strict()).returns<ProcedureDetail & { english: ProcedureEnglish | null }>(),
  'catalog.browse': method(
    z
      .object({
        lifeEvent: z.string().max(60).optional(),
        sector: z.string().max(300).optional(),
        level: z.enum(['ministry', 'province', 'commune', 'other']).optional(),
        essential: z.boolean().optional(),
        /** `ward` (default): what a resident of this ward can do; `all` adds the rest. */
        scope: z.enum(['ward', 'all']).optional(),
        ...page,
      })
      .strict(),
  ).returns<{ items: ProcedureSummary[]; total: number; others: number }>(),
  'catalog.facets': method(z.object({}).strict()).returns<Facets>(),
  /** The procedures this ward's residents file most (its own dossiers, last 90 days), topped up from a default list. */
  'catalog.popular': method(z.object({ limit: z.number().int().min(1).max(12).optional() }).strict()).returns<PopularProcedures>(),
  'laws.list': method(z.object({}).strict()).returns<LawSummary[]>(),
  /** One law topic, a chapter at a time: the chapter holding `article`, else chapter `chapter` (0-based), else the first. */
  'laws.get': method(
    z.object({ id: z.string().trim().min(1).max(200), chapter: z.number().int().min(0).max(500).optional(), article: z.string().max(300).optional() }).strict(),
  ).returns<LawDetail>(),
  'laws.search': method(
    z.object({ query: z.string().max(200), lawId: z.string().max(200).optional(), limit: z.number().int().min(1).max(50).optional() }).strict(),
  ).returns<{ hits: LawHit[]; ignored: string[] }>(),
} as const;

// ---- who may call what ---------------------------------------------------

/**
 * Who may call a method. `public`: anyone who reaches the device (the resident at a kiosk, a browser
 * on the office LAN), optionally rate-limited per client. `officer`: a signed-in officer of this desk
 * (its `session` input) holding one of `roles` (any role when empty). `pin`: the device's admin, with
 * the kiosk admin PIN (`pin` input). `setup`: the holder of the one-time setup code of a desk that has
 * no account yet (`setupCode` input). `machine`: the machine's admin, from the command line only —
 * never over HTTP or IPC.
 */
export type Who =
  | { readonly kind: 'public'; readonly limit?: RateLimit }
  | { readonly kind: 'officer'; readonly roles: readonly Role[]; readonly lan?: boolean }
  | { readonly kind: 'pin' }
  | { readonly kind: 'setup'; readonly limit?: RateLimit }
  | { readonly kind: 'machine' };

/**
 * At most `max` calls per `perSeconds` from one client (an HTTP address, a window) and, when
 * `network` is given, at most that many from all network clients together (the device's own screen
 * is not one of them): per-address limits alone multiply with the addresses someone on the LAN has.
 * An enrolled kiosk or desk of the ward calling over the LAN with its key is one client of its own,
 * allowed ENROLLED_DEVICE_FACTOR times as much (it speaks for everyone at it, and limits them itself),
 * and is not counted in the network's budget.
 */
export interface RateLimit {
  readonly max: number;
  readonly perSeconds: number;
  readonly network?: number;
  /** Only network clients are limited: the device's own screen reads as much as it likes (a resident typing a search). */
  readonly networkOnly?: boolean;
}

/** A method's rule: who may call it in each mode (a mode left out has no such method), and its largest input. */
export interface Rule {
  readonly kiosk?: Who;
  readonly staff?: Who;
  /** The largest input accepted, in bytes of JSON (default DEFAULT_MAX_INPUT_BYTES). */
  readonly maxBytes?: number;
}

export const DEFAULT_MAX_INPUT_BYTES = 256_000;
export const ENROLLED_DEVICE_FACTOR = 10;

const PUBLIC = { kind: 'public' } as const;
const PIN = { kind: 'pin' } as const;
// The setup code is long, but a guess must still cost: a handful per client and ten minutes.
const SETUP = { kind: 'setup', limit: { max: 5, perSeconds: 600 } } as const;
const MACHINE = { kind: 'machine' } as const;
const limited = (max: number, perSeconds: number, network?: number) => ({ kind: 'public', limit: { max, perSeconds, ...(network ? { network } : {}) } }) as const;
/**
 * Public reads (the catalog, the laws, the board): free on the device's own screen, limited per
 * network address and for the whole network together, so machines on the LAN cannot keep the one
 * core busy for everyone (the LAN trial's F12: heavy searches from 80 addresses slowed the queue desk's
 * answers to seconds).
 */
const networkRead = (max: number, network: number) => ({ kind: 'public', limit: { max, perSeconds: 60, network, networkOnly: true } }) as const;
const READ = networkRead(120, 600);
const SEARCH = networkRead(30, 120);
const officer = <const R extends readonly Role[]>(...roles: R) => ({ kind: 'officer', roles }) as const;
const ANY_OFFICER = officer();
/** An officer of this desk, or of another desk of the ward calling over the LAN with its key (the queue). */
const lanOfficer = <const R extends readonly Role[]>(...roles: R) => ({ kind: 'officer', roles, lan: true }) as const;
const both = <const W extends Who>(who: W) => ({ kiosk: who, staff: who }) as const;

/**
 * The authorization table: every method, who may call it, in which mode. The core checks it on every
 * call, whatever the transport, before the input is parsed or the handler runs; a method without a
 * rule does not compile, and `test/integration/authorization.test.ts` calls every one of them.
 */
export const access = {
  'app.info': both(READ),
  'announcements.list': both(READ),
  'announcements.create': { staff: officer('supervisor', 'desk_admin') },
  'sync.status': { kiosk: PUBLIC, staff: ANY_OFFICER },
  'sync.now': { kiosk: limited(6, 60, 6), staff: ANY_OFFICER },
  'sync.outbox': { staff: officer('desk_admin', 'supervisor') },
  'sync.retryParked': { staff: officer('desk_admin') },
  // A kiosk files for the resident before it; a desk receives through desk.receive.
  'dossier.submit': { kiosk: limited(10, 600, 10), maxBytes: 30_000_000 },
  'dossier.get': { staff: ANY_OFFICER },
  // A code alone is a tracking key: status only, and slow to guess — per client, for all network
  // clients together, and misses on top (dossiers/track-guard.ts). Only a kiosk answers it: a desk
  // knows every dossier of the ward, and a kiosk asks the portal for the dossiers it does not hold.
  'dossier.track': { kiosk: limited(12, 60, 6) },
  'dossier.list': { staff: ANY_OFFICER },
  'dossier.transition': { staff: officer('receptionist', 'processor', 'supervisor') },
  'staff.status': { staff: READ },
  'staff.setup': { staff: SETUP },
  'staff.signIn': { staff: limited(30, 60) },
  // Ends the session its token names, alive or not (the lock screen signs a dead one out): the token is the right.
  'staff.signOut': { staff: limited(30, 60) },
  'staff.me': { staff: ANY_OFFICER },
  'staff.list': { staff: officer('desk_admin', 'supervisor') },
  'staff.save': { staff: officer('desk_admin') },
  'staff.changePassword': { staff: ANY_OFFICER },
  // The policy's verdict on a candidate, for the setup form too (no session yet): it reveals no account.
  'staff.checkPassword': { staff: limited(30, 60) },
  'staff.resetAdmin': { staff: MACHINE },
  'audit.list': { staff: officer('supervisor') },
  'audit.export': { staff: officer('supervisor') },
  'audit.facets': { staff: officer('supervisor') },
  'desk.checklist': { staff: ANY_OFFICER },
  'desk.receive': { staff: officer('receptionist', 'processor', 'supervisor'), maxBytes: 30_000_000 },
  // The same checks as desk.receive, without the scans.
  'desk.receiveCheck': { staff: officer('receptionist', 'processor', 'supervisor') },
  'desk.appointmentSlot': { staff: ANY_OFFICER },
  // A dossier's page and its scans show personal data: each read is recorded.
  'desk.dossier': { staff: ANY_OFFICER },
  'desk.attachment': { staff: ANY_OFFICER },
  'desk.appointmentPreview': { staff: ANY_OFFICER },
  'desk.moveAppointment': { staff: officer('receptionist', 'processor', 'supervisor') },
  'desk.deadlines': { staff: ANY_OFFICER },
  'desk.paper': { staff: ANY_OFFICER },
  'calendar.list': { staff: ANY_OFFICER },
  'calendar.status': { staff: ANY_OFFICER },
  'calendar.save': { staff: officer('desk_admin') },
  // Kiosks of the ward take tickets from the queue desk over the LAN: no officer there. Machines no
  // one enrolled share a small budget on top (and a day's cap per group: core/lan-budget.ts).
  'queue.issue': { kiosk: limited(20, 60, 20), staff: limited(20, 60, 6) },
  'queue.ticket': both(READ),
  // What the counters are serving and how many wait, per group: no ticket holder, no dossier.
  'queue.board': both(READ),
  'queue.current': { staff: lanOfficer('receptionist', 'supervisor') },
  'queue.callNext': { staff: lanOfficer('receptionist', 'supervisor') },
  'queue.recall': { staff: lanOfficer('receptionist', 'supervisor') },
  'queue.serve': { staff: lanOfficer('receptionist', 'supervisor') },
  'queue.noShow': { staff: lanOfficer('receptionist', 'supervisor') },
  'queue.finish': { staff: lanOfficer('receptionist', 'supervisor') },
  'queue.transfer': { staff: lanOfficer('receptionist', 'supervisor') },
  // Bookings carry no name: a kiosk asks the queue desk for the ward's days and slots, books and checks in.
  'booking.days': both(limited(60, 60)),
  'booking.create': both(limited(10, 60, 3)),
  'booking.checkIn': both(limited(20, 60)),
  // Every desk of the ward sees them: a desk that is not the queue desk asks it for its officer.
  'booking.list': { staff: lanOfficer() },
  // A kiosk's call for an officer: its name only.
  'help.request': both(limited(6, 60, 6)),
  'help.status': both(limited(60, 60)),
  'help.list': { staff: lanOfficer() },
  'help.acknowledge': { staff: lanOfficer() },
  'report.summary': { staff: officer('supervisor') },
  'report.register': { staff: officer('supervisor', 'receptionist') },
  'report.export': { staff: officer('supervisor') },
  'feedback.send': { kiosk: limited(5, 600, 10) },
  // A feedback code alone shows when it was given and received, never its text: like a dossier code.
  'feedback.track': { kiosk: limited(12, 60, 6) },
  // A kiosk takes ratings of the service in general; a dossier is rated once, at the counter where
  // its result is returned: the officer records the citizen's rating (a code alone proves nothing).
  'rating.send': { kiosk: limited(5, 600, 10), staff: officer('receptionist', 'supervisor') },
  'kiosk.adminExit': { kiosk: PIN },
  'kiosk.sessionEnded': { kiosk: limited(30, 60, 30) },
  'catalog.info': both(READ),
  'catalog.search': both(SEARCH),
  'catalog.get': both(READ),
  'catalog.browse': both(READ),
  'catalog.facets': both(READ),
  // Counts per procedure only: no dossier, no person.
  'catalog.popular': both(READ),
  'laws.list': both(READ),
  'laws.get': both(READ),
  'laws.search': both(SEARCH),
  // Prints a page of the app; carries no data (the shell answers it in Electron).
  'print.document': both(PUBLIC),
} as const satisfies { [K in keyof typeof methods]: Rule };

/** The rule of one method in one mode; undefined: no such method in that mode. */
export function ruleFor(name: keyof typeof methods, mode: Mode): Who | undefined {
  return (access[name] as Rule)[mode];
}

/** Who hears an event: everyone connected, or only signed-in officers (per mode, as for methods). */
export type Audience = 'public' | 'officer';

// ---- events --------------------------------------------------------------

export const events = {
  'announcements.changed': event<{ id: number }>(),
  'sync.status': event<SyncStatus>(),
  /** Dossiers changed by the portal feed (a new filing for the desk, a status for the kiosk). */
  'dossiers.changed': event<{ codes: string[] }>(),
  /** The portal refused a transition an officer made: shown to that officer. */
  'dossier.transitionRefused': event<{ code: string; to: string; actor: string; error: string }>(),
  'kiosk.sessionEnded': event<{ at: string }>(),
  /** The queue moved; `call` when a counter called (or recalled) a ticket, for the display's chime. */
  'queue.changed': event<{ call?: { label: string; counter: string; calls: number } }>(),
  /** A kiosk called an officer, or an officer answered: the desks' lists move. */
  'help.changed': event<{ id: number }>(),
  /** A counter visit was booked or a booked resident checked in: the desks' list of the day moves. */
  'booking.changed': event<{ day: string }>(),
  /** An administrator unlocked the kiosk: the shell leaves kiosk mode. */
  'kiosk.exitRequested': event<{ at: string }>(),
  /** An error in background work, shown to the user as a toast. */
  'core.error': event<ErrorPayload & { source: string }>(),
} as const;

/**
 * Event audiences. Dossier codes, and what officers did, reach signed-in officers only; a kiosk has no
 * officers, so those events never leave a kiosk. `dossier.transitionRefused` goes to the officer who made it.
 */
export const eventAudience = {
  'announcements.changed': { kiosk: 'public', staff: 'public' },
  'sync.status': { kiosk: 'public', staff: 'officer' },
  'dossiers.changed': { staff: 'officer' },
  'dossier.transitionRefused': { staff: 'officer' },
  'kiosk.sessionEnded': { kiosk: 'public' },
  'queue.changed': { kiosk: 'public', staff: 'public' },
  'kiosk.exitRequested': { kiosk: 'public' },
  // An id and a day, nothing else (help.status and booking.days are public already): public, so the
  // other desks of the ward hear the queue desk's and their lists move (QueueLink.listen).
  'help.changed': { staff: 'public' },
  'booking.changed': { staff: 'public' },
  'core.error': { kiosk: 'public', staff: 'officer' },
} as const satisfies { [K in keyof typeof events]: Partial<Record<Mode, Audience>> };

// ---- derived types -------------------------------------------------------

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<K extends MethodName> = z.input<Methods[K]['input']>;
export type ParsedInput<K extends MethodName> = z.output<Methods[K]['input']>;
export type MethodResult<K extends MethodName> = Methods[K]['result'];

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<K extends EventName> = Events[K];

export const methodNames = Object.keys(methods) as MethodName[];
export const eventNames = Object.keys(events) as EventName[];

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name);
}

/** The officer's session a handler gets: always there for officer-only methods, else maybe null. */
type RulesOf<K extends MethodName> = Exclude<(typeof access)[K][Extract<keyof (typeof access)[K], Mode>], undefined>;
export type SessionFor<K extends MethodName> = RulesOf<K> extends { kind: 'officer' } ? StaffSession : StaffSession | null;

/**
 * Who is calling, as the transport saw it: plain data, so it crosses a message port. `client` is the
 * HTTP peer address, or the window for IPC; rate limits and sign-in throttling count per client.
 * `cli` is the machine's admin at the command line; `internal` the app itself (tests, the CLI's reads).
 */
export interface Caller {
  transport: 'http' | 'ipc' | 'cli' | 'internal';
  client: string;
  /**
   * A kiosk or desk of the ward on the office LAN, by its signature with its LAN key (checked by the
   * core, never trusted as sent; see core/queue/lan.ts): the time and nonce signed, the signature,
   * the officer header and the body's SHA-256 it covers.
   */
  device?: { id: string; at: number; nonce: string; mac: string; officerHeader: string; bodySha256: string };
  /** The officer a LAN desk vouches for (counted only when its device checked out, for the queue's methods). */
  officer?: { username: string; displayName: string; roles: Role[]; counter: string };
}

/** What a transport returns for one call. */
export type InvokeResponse<R> = { ok: true; result: R } | { ok: false; error: ErrorPayload };

/** IPC channel names: only these two exist, for invoke and for events. */
export const IPC_INVOKE = 'motcua:invoke';
export const IPC_EVENT = 'motcua:event';

/** HTTP routes of the web host. */
export const HTTP_API_PREFIX = '/api/';
export const HTTP_EVENTS_PATH = '/api/events';
/**
 * An officer's session, sent by the page as a header as well as in the input: the web host checks
 * it before it reads a large body (a desk's receiving with scans). Lower case, as Node gives headers.
 */
export const HTTP_SESSION_HEADER = 'x-motcua-session';

/** The bridge the preload exposes as window.motcua. */
export interface Bridge {
  invoke(method: string, input: unknown): Promise<InvokeResponse<unknown>>;
  on(listener: (name: string, payload: unknown) => void): () => void;
}
