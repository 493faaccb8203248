/**
 * What a dossier code alone may show. A code is a tracking key printed on a receipt and guessable
 * from its neighbours, never a key to personal data (Law 91/2025/QH15 on personal data protection;
 * Decree 13/2023/NĐ-CP: show personal data only to whom the task requires). So tracking carries the
 * procedure, the status and its dates, what to bring, and a masked name — nothing else.
 */
import type { ProcessingTime } from '../catalog/model.js';
import type { DossierStatus } from '../sync/portal-types.js';
import type { DossierRecord, HistoryEntry } from './model.js';

/** The status-only view of a dossier, for the kiosk's tracking and anyone holding a receipt. */
export interface DossierTracking {
  code: string;
  procedureCode: string;
  procedureName: string;
  status: DossierStatus;
  statusAt: string;
  filedAt: string;
  receivedAt: string | null;
  appointmentAt: string | null;
  resultAt: string | null;
  returnedAt: string | null;
  /** Only the initials of the name's words, e.g. "N*** T*** M***": enough to tell "this is mine", not to tell who. */
  applicantMasked: string;
  /**
   * Papers to bring to the counter: the originals the resident chose to bring when filing (while
   * the dossier is new), or form 02's list when the desk asked for a supplement; empty otherwise.
   */
  bring: string[];
  /** The procedure's processing time by law (from the catalog), for "when to expect the result". */
  processingTime: ProcessingTime | null;
  /** One entry per status change, oldest first; no actor names, no free-text notes. */
  timeline: { status: DossierStatus; at: string }[];
  /** When this device last heard of the dossier from the portal (or the portal acknowledged it). */
  syncedAt: string | null;
  /** Where this view comes from: this device's own records, or the portal asked just now. */
  source: 'device' | 'portal';
  /** The appointment falls in a year whose days off are still provisional (shown as "tạm tính"). */
  appointmentProvisional?: boolean;
}

/**
 * Masks a full name for a public screen: every word becomes its first letter and three stars
 * ("Nguyễn Thị Mai" → "N*** T*** M***"). The given name is hidden too: with a day's sequential codes,
 * "N*** T*** Mai" and the procedure told a neighbour who had filed what.
 */
export function maskName(fullName: string): string {
  const words = fullName.trim().split(/\s+/).filter(Boolean);
  return words.map((w) => `${[...w][0]!.toLocaleUpperCase('vi')}***`).join(' ');
}

/** One timeline entry per status change, whoever reported it, none the portal refused. */
export function statusTimeline(history: Pick<HistoryEntry, 'status' | 'at' | 'state'>[]): DossierTracking['timeline'] {
  const timeline: DossierTracking['timeline'] = [];
  for (const h of history) {
    if (h.state === 'refused') continue;
    const last = timeline[timeline.length - 1];
    if (last && last.status === h.status) continue;
    timeline.push({ status: h.status, at: h.at });
  }
  return timeline;
}

/** A filed document as the kiosk records it: its name and whether the paper comes to the counter. */
interface FiledDocument {
  name?: unknown;
  bringPaper?: unknown;
}

/**
 * What the resident must bring to the counter next. While the dossier is new: the originals they
 * chose to bring rather than photograph at the kiosk. After a supplement request: form 02's list
 * (the desk's record, or the note the portal relayed, "; "-separated). Otherwise nothing.
 */
export function papersToBring(status: DossierStatus, filed: { documents?: unknown; deskMissing?: string[] | null; supplementNote?: string | null }): string[] {
  if (status === 'new') {
    const docs = Array.isArray(filed.documents) ? (filed.documents as FiledDocument[]) : [];
    return docs.filter((d) => d.bringPaper === true && typeof d.name === 'string').map((d) => d.name as string);
  }
  if (status === 'supplement') {
    if (filed.deskMissing?.length) return filed.deskMissing;
    return filed.supplementNote ? filed.supplementNote.split(/;\s*/).filter(Boolean) : [];
  }
  return [];
}

/**
 * The tracking view of a dossier held on this device. `extra` adds what is not in the dossier's
 * row: the procedure's processing time from the catalog.
 */
export function toTracking(d: DossierRecord, history: HistoryEntry[], extra: { processingTime?: ProcessingTime | null } = {}): DossierTracking {
  const asked = [...history].reverse().find((h) => h.status === 'supplement' && h.state !== 'refused' && h.note);
  return {
    code: d.code,
    procedureCode: d.procedureCode,
    procedureName: d.procedureName,
    status: d.status,
    statusAt: d.statusAt,
    filedAt: d.filedAt,
    receivedAt: d.receivedAt,
    appointmentAt: d.appointmentAt,
    resultAt: d.resultAt,
    returnedAt: d.returnedAt,
    applicantMasked: maskName(d.applicant.fullName),
    bring: papersToBring(d.status, { documents: d.data.documents, deskMissing: d.desk?.missing ?? null, supplementNote: asked?.note ?? null }),
    processingTime: extra.processingTime ?? null,
    timeline: statusTimeline(history),
    syncedAt: d.syncedAt ?? d.ackedAt,
    source: 'device',
  };
}
