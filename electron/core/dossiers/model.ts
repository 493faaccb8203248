/** A dossier as this device keeps it, and one step of its history. Types only: the contract imports this file. */
import type { DeskRecord } from '../desk/model.js';
import type { Applicant, DossierStatus } from '../sync/portal-types.js';

export interface DossierRecord {
  code: string;
  procedureCode: string;
  procedureName: string;
  wardCode: string;
  channel: 'kiosk' | 'counter' | 'online';
  applicant: Applicant;
  data: Record<string, unknown>;
  status: DossierStatus;
  statusAt: string;
  appointmentAt: string | null;
  filedAt: string;
  origin: 'local' | 'portal';
  /** When the portal acknowledged this device's filing; null while it waits in the outbox. */
  ackedAt: string | null;
  syncedAt: string | null;
  sector: string | null;
  /** The officer who received it at the desk. */
  officer: string | null;
  /** The processor who took it (set when it moves to processing); null until then. */
  handler: string | null;
  receivedAt: string | null;
  resultAt: string | null;
  returnedAt: string | null;
  appointmentOriginal: string | null;
  /** What the desk recorded: documents presented, scans, sets, how the result is collected, notices. */
  desk: DeskRecord | null;
}

export interface HistoryEntry {
  status: DossierStatus;
  at: string;
  actor: string;
  note: string | null;
  source: 'local' | 'portal';
  state: 'pending' | 'acked' | 'refused' | 'official';
  error: string | null;
}
