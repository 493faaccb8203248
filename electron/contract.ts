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
import type { CatalogMeta, Facets, LawDetail, LawHit, LawSummary, ProcedureDetail, ProcedureHit, ProcedureSummary } from './core/catalog/model.js';

import type { StaffAccountView, StaffSession, AuditEntryView } from './core/staff/model.js';
import type { QueueBoard, QueueGroup, ReceiptRecord, ReceivePreview, RegisterRow, ReportSummary, TicketView } from './core/desk/model.js';
import type { Checklist } from './core/desk/checklist.js';
import type { DeskDossierExtras, DossierSummary } from './core/desk/view.js';
import type { AuditLine } from './core/staff/audit-view.js';
import { ROLES } from './core/staff/model.js';
import { DOSSIER_STATUSES, type DossierStatus } from './core/sync/portal-types.js';
import type { DossierRecord, HistoryEntry } from './core/dossiers/model.js';
import type { DossierTracking } from './core/dossiers/tracking.js';
export type { DossierTracking } from './core/dossiers/tracking.js';

export type { ErrorPayload } from './core/errors.js';
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
  /** Why, when state is error: portal_unreachable, portal_error, unauthorized, bad_response, cursor_lost. */
  subtype?: string;
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
}

export interface DeadlineBoard {
  counts: { overdue: number; today: number; next: number };
  /** The close of today and of the next working day, as instants (the board's bucket ends). */
  todayEnd: string;
  nextEnd: string;
  bucket: 'overdue' | 'today' | 'next' | null;
  items: DossierRow[];
  total: number;
}

/** Everything a printed desk form (01–04) shows about one dossier. */
export interface DeskPaper {
  dossier: DossierView;
  /** How many times this form was printed before: 0 for the original, more for "Bản in lại". */
  copy: number;
  /** agency: the agency line of the header ("UBND PHƯỜNG BA ĐÌNH"); counter: where the receipt was given. */
  office: { wardCode: string; wardName: string; agency: string; counter: string };
  /** The officer who received the dossier (form 01's receiver). */
  officerName: string | null;
  /** The officer who issued this form: the receiver (01), who asked for the supplement (02), who refused (03), who moved the appointment (04). */
  signerName: string | null;
  procedure: { code: string; name: string; sector: string; timeText: string | null };
  /** Form 01 as handed over; null for a dossier received before receipts were kept. */
  receipt: ReceiptRecord | null;
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
        title: trimmed(200),
        body: trimmed(4000),
        expiresAt: z.iso.datetime({ offset: true }).optional(),
      })
      .strict(),
  ).returns<Announcement>(),
  'sync.status': method(z.object({}).strict()).returns<SyncStatus>(),
  'sync.now': method(z.object({}).strict()).returns<SyncReport>(),
  'sync.outbox': method(z.object({}).strict()).returns<{ pending: number; parked: OutboxSummary[] }>(),
  'sync.retryParked': method(z.object({ id: z.number().int().positive() }).strict()).returns<{ requeued: boolean }>(),
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
  'dossier.get': method(z.object({ code: z.string().trim().min(5).max(60) }).strict()).returns<DossierView>(),
  /** Tracking by code (a kiosk, anyone holding a receipt): status and dates, never personal data. */
  'dossier.track': method(z.object({ code: dossierCode }).strict()).returns<DossierTracking>(),
  /** The desk's dossier list: by status, filing date, a code or a name, the officer's own work; sorted by a column. */
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
      })
      .strict(),
  ).returns<{ items: DossierRow[]; total: number }>(),
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
  'staff.status': method(z.object({}).strict()).returns<{ needsSetup: boolean; counter: string; lockMinutes: number; groups: QueueGroup[] }>(),
  /** The first account of a new desk (its desk admin); refused once any account exists. */
  'staff.setup': method(z.object({ username, displayName: trimmed(100), password: z.string().min(1).max(200) }).strict()).returns<StaffSession>(),
  /** Signs in; a receptionist at a counter: the one asked for (refused if another officer holds it), else the one this browser remembers if free, else the desk's, else the next free "Quầy N". */
  'staff.signIn': method(
    z.object({ username, password: z.string().min(1).max(200), counter: z.string().trim().min(1).max(40).optional(), preferCounter: z.string().trim().min(1).max(40).optional() }).strict(),
  ).returns<StaffSession>(),
  'staff.signOut': method(z.object({ session }).strict()).returns<{ ok: true }>(),
  'staff.me': method(z.object({ session }).strict()).returns<StaffSession>(),
  'staff.list': method(z.object({ session }).strict()).returns<StaffAccountView[]>(),
  'staff.save': method(
    z
      .object({ session, username, displayName: trimmed(100), roles: z.array(z.enum(ROLES)).min(1).max(4), active: z.boolean(), password: z.string().min(1).max(200).optional() })
      .strict(),
  ).returns<StaffAccountView>(),
  'staff.changePassword': method(z.object({ session, current: z.string().min(1).max(200), next: z.string().min(1).max(200) }).strict()).returns<{ ok: true }>(),
  /** The audit log, newest first, as sentences, filtered by officer, kind of action, dossier and date; with the result of checking its hash chain. Supervisors only. */
  'audit.list': method(z.object({ session, dossierCode: dossierCode.optional(), ...auditFilter, ...page }).strict()).returns<{
    items: AuditEntryView[];
    lines: AuditLine[];
    total: number;
    chain: { ok: boolean; checked: number; brokenAt: number | null };
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
   * a time (none without `bucket`); `mine`: received or processed by this officer.
   */
  'desk.deadlines': method(
    z.object({ session, bucket: z.enum(['overdue', 'today', 'next']).optional(), mine: z.boolean().optional(), ...page }).strict(),
  ).returns<DeadlineBoard>(),
  /** A form's content; with `form`, the print is recorded (the first is the original, later ones reprints). */
  'desk.paper': method(z.object({ session, code: dossierCode, form: z.enum(['01', '02', '03', '04']).optional() }).strict()).returns<DeskPaper>(),
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
  'rating.send': method(
    z
      .object({
        dossierCode: z.string().trim().min(5).max(60).optional(),
        level: z.enum(['very_satisfied', 'satisfied', 'unsatisfied']),
        /** Circular 01/2018's indices, "1".."9", each 2 / 1 / 0. */
        criteria: z.partialRecord(z.enum(['1', '2', '3', '4', '5', '6', '7', '8', '9']), z.number().int().min(0).max(2)).optional(),
      })
      .strict(),
  ).returns<{ ok: true }>(),
  /** The hidden admin exit: the PIN from the config; five wrong tries lock it for five minutes. */
  'kiosk.adminExit': method(z.object({ pin: z.string().regex(/^\d{4,8}$/) }).strict()).returns<{ ok: boolean; lockedUntil: string | null }>(),
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
      })
      .strict(),
  ).returns<SearchResult>(),
  'catalog.get': method(z.object({ code: z.string().trim().min(1).max(40) }).strict()).returns<ProcedureDetail>(),
  'catalog.browse': method(
    z
      .object({
        lifeEvent: z.string().max(60).optional(),
        sector: z.string().max(300).optional(),
        level: z.enum(['ministry', 'province', 'commune', 'other']).optional(),
        essential: z.boolean().optional(),
        ...page,
      })
      .strict(),
  ).returns<{ items: ProcedureSummary[]; total: number }>(),
  'catalog.facets': method(z.object({}).strict()).returns<Facets>(),
  'laws.list': method(z.object({}).strict()).returns<LawSummary[]>(),
  'laws.get': method(z.object({ id: z.string().trim().min(1).max(200) }).strict()).returns<LawDetail>(),
  'laws.search': method(
    z.object({ query: z.string().max(200), lawId: z.string().max(200).optional(), limit: z.number().int().min(1).max(50).optional() }).strict(),
  ).returns<{ hits: LawHit[]; ignored: string[] }>(),
} as const;

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
  /** An administrator unlocked the kiosk: the shell leaves kiosk mode. */
  'kiosk.exitRequested': event<{ at: string }>(),
  /** An error in background work, shown to the user as a toast. */
  'core.error': event<ErrorPayload & { source: string }>(),
} as const;

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

/** What a transport returns for one call. */
export type InvokeResponse<R> = { ok: true; result: R } | { ok: false; error: ErrorPayload };

/** IPC channel names: only these two exist, for invoke and for events. */
export const IPC_INVOKE = 'motcua:invoke';
export const IPC_EVENT = 'motcua:event';

/** HTTP routes of the web host. */
export const HTTP_API_PREFIX = '/api/';
export const HTTP_EVENTS_PATH = '/api/events';

/** The bridge the preload exposes as window.motcua. */
export interface Bridge {
  invoke(method: string, input: unknown): Promise<InvokeResponse<unknown>>;
  on(listener: (name: string, payload: unknown) => void): () => void;
}
