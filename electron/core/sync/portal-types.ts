/**
 * The portal API's payloads as zod schemas, hand-written from resources/portal-openapi.json and
 * checked against it in test/integration/portal-contract.test.ts. Responses are parsed with them:
 * whatever the portal sends that does not fit is refused, never written.
 */
import { z } from 'zod';
import { checkCccd, checkEmail, checkPhone, checked } from '../text/validators.js';

export const DOSSIER_STATUSES = ['new', 'received', 'refused', 'processing', 'supplement', 'payment', 'withdrawn', 'stopped', 'result_ready', 'returned'] as const;
export const dossierStatus = z.enum(DOSSIER_STATUSES);
export type DossierStatus = z.infer<typeof dossierStatus>;

const dateTime = z.iso.datetime({ offset: true });

/** The highest number each sequence of a slot has given, as the portal knows it (a day's key for dossier codes). */
export const slotSequences = z.record(z.string().max(40), z.number().int().min(0));
export const registerResponse = z.object({
  deviceId: z.string(),
  deviceToken: z.string().min(8),
  wardCode: z.string(),
  wardName: z.string().optional(),
  /** The credential the ward's queue desk knows this device by on the office LAN (older portals send none). */
  lanKey: z.string().min(32).optional(),
  sequences: slotSequences.optional(),
});
export const rotated = z.object({ deviceToken: z.string().min(8), lanKey: z.string().min(32) });

export const applicant = z
  .object({
    fullName: z.string().min(1).max(200),
    idNumber: checked(checkCccd).optional(),
    birthDate: z.iso.date().optional(),
    sex: z.string().max(10).optional(),
    address: z.string().max(500).optional(),
    phone: checked(checkPhone).optional(),
    email: checked(checkEmail).optional(),
  })
  .strict();
export type Applicant = z.infer<typeof applicant>;

export const dossierSubmission = z
  .object({
    clientKey: z.string().min(8).max(100),
    code: z.string().min(5).max(60),
    procedureCode: z.string().max(40),
    // The catalog's longest procedure name is over 1,000 characters.
    procedureName: z.string().max(4000).optional(),
    wardCode: z.string().max(20),
    channel: z.enum(['kiosk', 'counter', 'online']),
    applicant,
    data: z.record(z.string(), z.unknown()).optional(),
    documents: z.array(z.record(z.string(), z.unknown())).optional(),
    filedAt: dateTime,
  })
  .strict();
export type DossierSubmission = z.infer<typeof dossierSubmission>;

export const dossierAck = z.object({ code: z.string(), receivedAt: dateTime, status: dossierStatus, replayed: z.boolean().optional() });

export const transition = z
  .object({
    clientKey: z.string().min(8).max(100),
    from: dossierStatus,
    to: dossierStatus,
    at: dateTime,
    actor: z.string().max(100),
    note: z.string().max(2000).optional(),
    appointmentAt: dateTime.optional(),
  })
  .strict();
export type Transition = z.infer<typeof transition>;
export const transitionAck = z.object({ code: z.string(), status: dossierStatus, statusAt: dateTime, replayed: z.boolean().optional() });

export const appointmentChange = z
  .object({
    clientKey: z.string().min(8).max(100),
    at: dateTime,
    actor: z.string().max(100),
    appointmentAt: dateTime,
    previousAppointmentAt: dateTime,
    reason: z.string().min(1).max(2000),
  })
  .strict();
export type AppointmentChange = z.infer<typeof appointmentChange>;
export const appointmentAck = z.object({ code: z.string(), appointmentAt: dateTime, replayed: z.boolean().optional() });

export const feedback = z
  .object({
    clientKey: z.string().min(8).max(100),
    category: z.string().max(100),
    text: z.string().min(1).max(4000),
    contact: z.string().max(200).optional(),
    wardCode: z.string().max(20).optional(),
    createdAt: dateTime,
    /** The code the kiosk gave the resident ("PA-…"), so any kiosk of the ward can follow it up. */
    trackingCode: z.string().max(80).optional(),
  })
  .strict();
export const feedbackAck = z.object({ trackingCode: z.string(), replayed: z.boolean().optional() });
export const rating = z
  .object({
    clientKey: z.string().min(8).max(100),
    dossierCode: z.string().max(60).optional(),
    level: z.enum(['very_satisfied', 'satisfied', 'unsatisfied']),
    criteria: z.record(z.string(), z.number().int().min(0).max(2)).optional(),
    wardCode: z.string().max(20).optional(),
    createdAt: dateTime,
  })
  .strict();
export const accepted = z.object({ accepted: z.boolean(), replayed: z.boolean().optional() });
/** A heartbeat's answer: the newest audit head the portal keeps for the device (null body: a portal that keeps none). */
export const heartbeatAnswer = z.object({ sequences: slotSequences.optional(), auditHead: z.object({ seq: z.number().int().min(0), hash: z.string().regex(/^[0-9a-f]{64}$/) }).nullable() }).nullable();

// ---- the catalog as the portal sends it: the normalized model of electron/core/catalog/model.ts.
// Only code, name and sector are required by the document; every other field has the value an
// importer gives a field it found nothing in, so what is stored is always a whole Procedure.
const nullableText = z.string().nullable().default(null);
const processingTime = z.object({ value: z.number(), unit: z.enum(['working_days', 'days', 'hours', 'months', 'years']).nullable() });
const fee = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('free') }),
  z.object({ kind: z.literal('amount'), amount: z.number() }),
  z.object({ kind: z.literal('unknown') }),
  z.object({ kind: z.literal('text') }),
]);
const channel = z.object({
  kind: z.enum(['in_person', 'online', 'post']),
  time: processingTime.nullable().default(null),
  timeText: z.string().default(''),
  fee: fee.default({ kind: 'unknown' }),
  feeText: z.string().default(''),
  note: z.string().default(''),
});
const documentItem = z.object({
  group: z.enum(['submit', 'show']).default('submit'),
  caseTitle: nullableText,
  name: z.string(),
  form: nullableText,
  originals: z.number().nullable().default(null),
  copies: z.number().nullable().default(null),
  quantityText: z.string().default(''),
});
const legalBasis = z.object({ title: z.string(), code: nullableText, lawId: z.string().nullable().optional(), articleId: z.string().nullable().optional() });
const resultDocument = z.object({ name: z.string(), code: nullableText, codeText: nullableText });
const step = z.object({ order: z.number().int().nullable().default(null), title: nullableText, text: z.string() });
// Keys in the importer's order: a full resync compares the stored JSON text to find what changed.
export const procedure = z.object({
  code: z.string().min(1).max(60),
  name: z.string().min(1),
  decision: nullableText,
  levels: z.array(z.enum(['ministry', 'province', 'commune', 'other'])).default([]),
  levelText: z.string().default(''),
  type: nullableText,
  sector: z.string(),
  ministry: z.string().default(''),
  agency: nullableText,
  competentAgency: nullableText,
  applicants: z.array(z.string()).default([]),
  steps: z.array(step).default([]),
  channels: z.array(channel).default([]),
  documents: z.array(documentItem).default([]),
  conditions: nullableText,
  legalBases: z.array(legalBasis).default([]),
  results: z.array(resultDocument).default([]),
  onlineAvailable: z.boolean().default(false),
  onlineLevel: z.enum(['full', 'partial']).nullable().default(null),
  essential: z.boolean().default(false),
  sourceUrl: z.string().default(''),
  unparsed: z.partialRecord(z.enum(['channels', 'documents', 'legalBases', 'results', 'steps']), z.string()).default({}),
});
const lawArticle = z.object({
  id: z.string().min(1),
  number: z.string(),
  title: z.string(),
  chapter: nullableText,
  text: z.string(),
  source: z.string().default(''),
  sourceArticle: z.number().int().nullable().default(null),
  sourceCode: nullableText,
});
export const lawDocument = z.object({
  id: z.string().min(1),
  title: z.string(),
  chapters: z.array(z.object({ title: z.string(), articleIds: z.array(z.string()) })).default([]),
  articles: z.array(lawArticle),
  codes: z.array(z.string()).default([]),
});
const lifeEvent = z.object({ id: z.string(), name: z.object({ vi: z.string(), en: z.string() }), procedureCodes: z.array(z.string()) });
export const announcement = z.object({ id: z.string(), title: z.string(), body: z.string(), publishedAt: dateTime, expiresAt: dateTime.nullable().optional(), wardCode: z.string().nullable().optional() });
export const holiday = z.object({ date: z.iso.date(), kind: z.enum(['off', 'workday']), name: z.string() });
/** A ward desk's announcement as it sends it (POST /v1/ward/announcements): its own id, so a retry is the same one. */
export const wardAnnouncement = z.object({ id: z.string().min(8).max(100), title: z.string().min(1).max(200), body: z.string().min(1).max(4000), expiresAt: dateTime.nullable().optional() });
export type WardAnnouncement = z.infer<typeof wardAnnouncement>;
/** The desk admin's change to one day (POST /v1/ward/days); "normal" makes it an ordinary day again. */
export const wardDay = z.object({ date: z.iso.date(), kind: z.enum(['off', 'workday', 'normal']), name: z.string().max(200) });
export type WardDay = z.infer<typeof wardDay>;

export const catalogChanges = z.object({
  cursor: z.string(),
  full: z.boolean(),
  hasMore: z.boolean(),
  catalogVersion: z.string().optional(),
  procedures: z.array(procedure),
  removedProcedures: z.array(z.string()),
  laws: z.array(lawDocument),
  lifeEvents: z.array(lifeEvent),
  announcements: z.array(announcement),
  holidays: z.array(holiday),
  /** Ward desk admins' days, each for the ward it names (a device applies its own ward's). */
  wardDays: z.array(wardDay.extend({ wardCode: z.string() })).default([]),
});
export type CatalogChanges = z.infer<typeof catalogChanges>;

export const dossierChange = z.object({
  seq: z.number().int(),
  code: z.string(),
  status: dossierStatus,
  statusAt: dateTime,
  note: z.string().nullable().optional(),
  appointmentAt: dateTime.nullable().optional(),
  dossier: dossierSubmission.nullable().optional(),
});
export type DossierChange = z.infer<typeof dossierChange>;
export const dossierChanges = z.object({ cursor: z.string(), hasMore: z.boolean(), items: z.array(dossierChange) });

export const staffAccount = z.object({
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(['receptionist', 'processor', 'supervisor', 'desk_admin'])),
  active: z.boolean(),
  passwordHash: z.string().nullable().optional(),
});
export const staffChanges = z.object({ cursor: z.string(), hasMore: z.boolean(), items: z.array(staffAccount) });
export type StaffChanges = z.infer<typeof staffChanges>;
export type DossierChanges = z.infer<typeof dossierChanges>;

/** A device of the ward, as the queue desk learns it (who may call the queue over the LAN). */
export const wardDevice = z.object({ deviceId: z.string().min(1).max(64), slot: z.string().max(8), mode: z.enum(['kiosk', 'staff']), lanKeyHash: z.string().regex(/^[0-9a-f]{64}$/), revoked: z.boolean() });
export const deviceChanges = z.object({ cursor: z.string(), hasMore: z.boolean(), items: z.array(wardDevice) });
export type DeviceChanges = z.infer<typeof deviceChanges>;

/** The feeds a device reads; one request (GET /v1/changes) asks for all of them at once. */
export const FEED_NAMES = ['dossiers', 'catalog', 'staff', 'devices'] as const;
export type FeedName = (typeof FEED_NAMES)[number];
/** The combined answer: one section per feed asked for, each parsed by its own domain. */
export const changes = z.object({ dossiers: z.unknown().optional(), catalog: z.unknown().optional(), staff: z.unknown().optional(), devices: z.unknown().optional() }).strict();

/**
 * A dossier as anyone holding its code may see it (GET /v1/dossiers/{code}/tracking): status,
 * dates, papers to bring and a masked name. Unknown keys are dropped, so personal data the portal
 * might add never reaches a kiosk's screen.
 */
export const dossierTrackingView = z.object({
  code: z.string().min(5).max(60),
  procedureCode: z.string().max(40),
  procedureName: z.string().max(1000),
  status: dossierStatus,
  statusAt: dateTime,
  filedAt: dateTime,
  receivedAt: dateTime.nullable(),
  appointmentAt: dateTime.nullable(),
  resultAt: dateTime.nullable(),
  returnedAt: dateTime.nullable(),
  applicantMasked: z.string().max(300),
  bring: z.array(z.string().max(1000)).max(100),
  timeline: z.array(z.object({ status: dossierStatus, at: dateTime })).max(500),
  rated: z.boolean(),
});
export type DossierTrackingView = z.infer<typeof dossierTrackingView>;

/** A feedback as its tracking code may show it (GET /v1/feedback/{trackingCode}): never its text or contact. */
export const feedbackTrackingView = z.object({
  trackingCode: z.string().max(80),
  portalCode: z.string().max(80),
  category: z.string().max(100),
  createdAt: dateTime,
  receivedAt: dateTime,
});
export type FeedbackTrackingView = z.infer<typeof feedbackTrackingView>;

export const problem = z.object({ type: z.string(), title: z.string(), status: z.number().int(), detail: z.string().optional(), field: z.string().optional() }).passthrough();
export type Problem = z.infer<typeof problem>;

export interface Heartbeat {
  status: 'ok' | 'degraded' | 'error';
  outboxLength: number;
  parkedLength?: number;
  lastSyncAt: string | null;
  printer?: string;
  freeDiskBytes: number | null;
  lastError: string | null;
  appVersion: string;
  mode?: 'kiosk' | 'staff';
  /** 'corrupt' when the outbox table cannot be read: unsent items may be stuck (see `motcua doctor`). */
  outbox?: 'ok' | 'corrupt';
  /** The audit chain's newest row; the portal keeps every head it hears, so a cut or rewritten tail shows. */
  auditHead?: { seq: number; hash: string };
  /** The chain as the device last checked it. */
  auditChain?: 'ok' | 'broken' | 'truncated';
  /** The last time a corrupt database was moved aside: when, and how many unsent items were saved or lost. */
  recovery?: { at: string; salvaged: number; unreadable: number };
  /** Years whose days off are still provisional here (calendar/store.ts provisionalYears). */
  calendarProvisional?: number[];
  hostname?: string;
  /** K01, Q02: the mode's letter and the slot's number. */
  slot?: string;
  /** The oldest item still waiting in the outbox: an outbox that does not drain shows on the fleet page. */
  oldestPendingAt?: string | null;
  lastBackupAt?: string | null;
  /** The numbers reserved in each sequence (the device file's reservations), so a replacement continues after them. */
  sequences?: Record<string, number>;
}

/** The portal's answer to a heartbeat: the newest audit head it keeps for this device. */
export interface HeartbeatAnswer {
  auditHead: { seq: number; hash: string } | null;
  /** What the portal knows this device's slot gave: raised to at once (a device restored from an older backup). */
  sequences?: Record<string, number>;
}

/**
 * The largest request body the portal accepts (the reference portal answers 413 above it). A filing
 * whose submission would be larger is refused before it gets a code, rather than parked for ever.
 */
export const PORTAL_MAX_BODY_BYTES = 2_000_000;
