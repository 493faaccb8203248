/** Staff accounts and sessions as the UI sees them. Types only: the contract imports this file. */
export const ROLES = ['receptionist', 'processor', 'supervisor', 'desk_admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { vi: string; en: string }> = {
  receptionist: { vi: 'Tiếp nhận', en: 'Receptionist' },
  processor: { vi: 'Xử lý', en: 'Processor' },
  supervisor: { vi: 'Lãnh đạo', en: 'Supervisor' },
  desk_admin: { vi: 'Quản trị quầy', en: 'Desk admin' },
};

export interface StaffSession {
  token: string;
  username: string;
  displayName: string;
  roles: Role[];
  counter: string;
  /** The screen locks, and the session ends, after this many idle minutes. */
  lockMinutes: number;
}

export interface StaffAccountView {
  username: string;
  displayName: string;
  roles: Role[];
  active: boolean;
  source: 'local' | 'portal';
  lockedUntil: string | null;
  /**
   * Many wrong passwords for this account from anywhere (an alert for supervisors): how many in the
   * current window, from how many sources, since when. Null when below the alert threshold.
   */
  failedSignIns: { count: number; sources: number; since: string } | null;
}

export interface AuditEntryView {
  id: number;
  at: string;
  actor: string;
  action: string;
  dossierCode: string | null;
  before: unknown;
  after: unknown;
  hash: string;
}

/** The audit chain as checked when a page of the log is read; `problem` says what is wrong, for supervisors. */
export interface AuditChainState {
  ok: boolean;
  /** Rows verified so far: up to the head when `full.state` is 'done'. */
  checked: number;
  /** The first row whose link or seal does not match, when one does not. */
  brokenAt: number | null;
  /** The newest row: what each heartbeat sends the portal to keep. */
  head: { seq: number; hash: string } | null;
  /** The newest head kept outside the database (on this device, or by the portal) and whether the chain still reaches it. */
  anchor: { source: 'device' | 'portal'; seq: number; ok: boolean } | null;
  /** The full verification from the first row, run in the background: when it last finished. */
  full: { state: 'pending' | 'running' | 'done'; at: string | null };
  problem: { vi: string; en: string } | null;
}
