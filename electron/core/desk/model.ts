/** What the one-stop desk records and shows. Types only: the contract imports this file. */

export type DeskForm = '01' | '02' | '03' | '04' | '05';

/** One paper as the desk recorded it: the checklist entry it came from, and what the citizen handed in. */
export interface DeskPaperRecord {
  /** The checklist id ("d12"); absent for a paper the officer added by name. */
  id?: string;
  name: string;
  presented: boolean;
  quantityText?: string;
  /** Which of the alternatives was presented ("Thẻ căn cước"). */
  choice?: string;
}

/**
 * Form 01 as it was handed to the citizen: a reprint shows this, not what changed since (a moved
 * appointment has its own form 04).
 */
export interface ReceiptRecord {
  at: string;
  by: string;
  counter: string;
  appointmentAt: string;
  /** The time the appointment was counted with (the officer's, else the catalog's). */
  legalTimeText: string;
  /** The catalog's legal time when the officer counted with another: what form 01 prints as "theo quy định". */
  ruleTimeText?: string;
  papers: { name: string; quantityText?: string }[];
  sets: number;
  collect: 'counter' | 'post';
  postAddress?: string;
  registerNo: number;
}

/** What a receipt would record and print (desk.receiveCheck): shown to the officer before confirming. */
export interface ReceivePreview {
  outcome: 'accept' | 'supplement' | 'refuse';
  appointmentAt: string | null;
  legalTimeText: string | null;
  /** The papers form 01 will list, by the checklist's names. */
  papers: { name: string; quantityText?: string }[];
  missing: string[];
  reason: string | null;
}

export interface DeskRecord {
  sets?: number;
  collect?: 'counter' | 'post';
  postAddress?: string;
  /** Sequence number in the year's dossier register (sổ theo dõi hồ sơ, form 06). */
  registerNo?: number;
  /** The processing time as read for the appointment ("7 ngày làm việc"). */
  legalTimeText?: string;
  /** The case of the procedure the citizen's papers follow ("(1.7) Đối với công trình nhà ở riêng lẻ"). */
  caseTitle?: string;
  documents?: DeskPaperRecord[];
  /** Why a dossier was accepted with no paper ticked (the officer's words). */
  noPapersReason?: string;
  attachments?: { name: string; sha256: string; mime: string; bytes: number; file: string }[];
  /** Form 02: everything missing, listed at once, and who asked. */
  missing?: string[];
  missingBy?: string;
  missingAt?: string;
  /** Supplements asked for and completed before, oldest first. */
  supplemented?: { missing: string[]; askedAt?: string; completedAt: string; by: string }[];
  /** Form 03, and who refused. */
  refusalReason?: string;
  refusedBy?: string;
  refusedAt?: string;
  /** Form 01 as handed over at the (latest) acceptance. */
  receipt?: ReceiptRecord;
  /** How many times each form was printed: the first is the original, then reprints. */
  printed?: Partial<Record<DeskForm, number>>;
  /** Form 04: the appointment moved once, with an apology. */
  apology?: { reason: string; at: string; by: string };
  returned?: { method: 'counter' | 'post'; trackingNumber?: string; by: string; at?: string };
  ticket?: string;
  note?: string;
}

export interface QueueGroup {
  code: string;
  name: string;
  /** Sectors (lĩnh vực) the group receives besides those sharing its name's words (config `queue.groups`). */
  sectors?: string[];
}

export interface TicketView {
  id: number;
  /** "A001" */
  label: string;
  group: QueueGroup;
  status: 'waiting' | 'called' | 'serving' | 'done' | 'no_show';
  counter: string | null;
  targetCounter: string | null;
  issuedAt: string;
  calledAt: string | null;
  servedAt: string | null;
  doneAt: string | null;
  calls: number;
  /** Tickets of its group waiting before it, when it was issued. */
  ahead: number;
  dossierCode: string | null;
}

export interface QueueBoard {
  day: string;
  /** The ticket each counter has called or is serving now. */
  serving: { counter: string; label: string; calledAt: string }[];
  /** The latest calls, newest first. */
  recent: { counter: string; label: string; calledAt: string; calls: number }[];
  waiting: { group: QueueGroup; count: number }[];
  /** Per group, for residents: the number now being served (the group's newest call today) and how many wait. */
  groups: { group: QueueGroup; nowServing: string | null; waiting: number }[];
  /** The counters at work now (an officer signed in at them), where a ticket can be transferred. */
  counters: string[];
}

export interface QueueStats {
  group: QueueGroup;
  issued: number;
  served: number;
  noShows: number;
  /** Minutes, averaged over tickets that got that far; null when none did. */
  avgWaitMinutes: number | null;
  avgServiceMinutes: number | null;
}

export type Timeliness = 'early' | 'on_time' | 'late';

export interface ReportRow {
  key: string;
  received: number;
  resolved: number;
  early: number;
  onTime: number;
  late: number;
  inProgress: number;
  inProgressLate: number;
  paused: number;
  returned: number;
}

export interface ReportSummary {
  from: string;
  to: string;
  totals: ReportRow;
  bySector: ReportRow[];
  byProcedure: ReportRow[];
  byOfficer: ReportRow[];
  byMonth: ReportRow[];
  satisfaction: { very_satisfied: number; satisfied: number; unsatisfied: number };
  queue: QueueStats[];
}

/** One line of the dossier register (form 06). */
export interface RegisterRow {
  registerNo: number | null;
  code: string;
  procedureCode: string;
  procedureName: string;
  /** Số lượng hồ sơ (bộ). */
  sets: number;
  applicant: string;
  address: string;
  phone: string;
  /** Cơ quan chủ trì giải quyết. */
  agency: string;
  receivedAt: string | null;
  appointmentAt: string | null;
  /** Chuyển hồ sơ đến cơ quan giải quyết: when processing started. */
  sentAt: string | null;
  resultAt: string | null;
  returnedAt: string | null;
  status: string;
  officer: string | null;
  timeliness: Timeliness | null;
  /** Ghi chú: on time or not, a refusal, a pending supplement. */
  note: string;
}
