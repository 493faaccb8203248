/**
 * What a dossier code alone may show. A code is a tracking key printed on a receipt and guessable
 * from its neighbours, never a key to personal data (Law 91/2025/QH15 on personal data protection;
 * Decree 13/2023/NĐ-CP: show personal data only to whom the task requires). So tracking carries the
 * procedure, the status and its dates, what to bring, and a masked name — nothing else.
 */
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
  /** Only the initials of every word but the last, e.g. "N*** T*** Mai": enough to tell "this is mine". */
  applicantMasked: string;
  /** Papers to bring, when the desk asked for a supplement (form 02's list); empty otherwise. */
  bring: string[];
  /** One entry per status change, oldest first; no actor names, no free-text notes. */
  timeline: { status: DossierStatus; at: string }[];
  /** When this device last heard of the dossier from the portal (or the portal acknowledged it). */
  syncedAt: string | null;
  /** The appointment falls in a year whose days off are still provisional (shown as "tạm tính"). */
  appointmentProvisional?: boolean;
}

/**
 * Masks a full name for a public screen: every word but the last becomes its first letter and
 * three stars ("Nguyễn Thị Mai" → "N*** T*** Mai"); a one-word name keeps its first letter only.
 */
export function maskName(fullName: string): string {
  const words = fullName.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '';
  const initial = (w: string) => `${[...w][0]!.toLocaleUpperCase('vi')}***`;
  if (words.length === 1) return initial(words[0]!);
  return [...words.slice(0, -1).map(initial), words[words.length - 1]!].join(' ');
}

/**
 * The tracking view of a dossier held on this device. The timeline keeps one entry per status
 * change whoever reported it (this device, then the portal echoing it back), and none the portal
 * refused.
 */
export function toTracking(d: DossierRecord, history: HistoryEntry[]): DossierTracking {
  const timeline: DossierTracking['timeline'] = [];
  for (const h of history) {
    if (h.state === 'refused') continue;
    const last = timeline[timeline.length - 1];
    if (last && last.status === h.status) continue;
    timeline.push({ status: h.status, at: h.at });
  }
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
    bring: d.status === 'supplement' ? papersToBring(d, history) : [],
    timeline,
    syncedAt: d.syncedAt ?? d.ackedAt,
  };
}

/** Form 02's list: the desk's own record where this device received it, else the note of the
 * supplement request as the portal relayed it (the desk writes the missing papers there, "; "-separated). */
function papersToBring(d: DossierRecord, history: HistoryEntry[]): string[] {
  if (d.desk?.missing?.length) return d.desk.missing;
  const asked = [...history].reverse().find((h) => h.status === 'supplement' && h.state !== 'refused' && h.note);
  return asked?.note ? asked.note.split(/;\s*/).filter(Boolean) : [];
}
