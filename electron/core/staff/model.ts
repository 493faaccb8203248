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
  /** The counter this officer works ("Quầy 2"); empty for an officer who works no counter (a processor). */
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
