/** What the one-stop desk records and shows. Types only: the contract imports this file. */

export interface DeskRecord {
  sets?: number;
  collect?: 'counter' | 'post';
  postAddress?: string;
  /** Sequence number in the year's dossier register (sổ theo dõi hồ sơ, form 06). */
  registerNo?: number;
  /** The processing time as read for the appointment ("7 ngày làm việc"). */
  legalTimeText?: string;
  documents?: { name: string; presented: boolean; quantityText?: string }[];
  attachments?: { name: string; sha256: string; mime: string; bytes: number; file: string }[];
  /** Form 02: everything missing, listed at once. */
  missing?: string[];
  /** Form 03. */
  refusalReason?: string;
  /** Form 04: the appointment moved once, with an apology. */
  apology?: { reason: string; at: string; by: string };
  returned?: { method: 'counter' | 'post'; trackingNumber?: string; by: string };
  ticket?: string;
  note?: string;
}

export interface QueueGroup {
  code: string;
  name: string;
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

export interface RegisterRow {
  registerNo: number | null;
  code: string;
  procedureName: string;
  applicant: string;
  address: string;
  receivedAt: string | null;
  appointmentAt: string | null;
  resultAt: string | null;
  returnedAt: string | null;
  status: string;
  officer: string | null;
  timeliness: Timeliness | null;
}
