import crypto from 'node:crypto';
import { formatVn } from '../time.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';
import { AppError } from '../errors.js';
import { appendAudit } from './audit.js';
import { ROLE_LABELS, type Role, type StaffAccountView, type StaffSession } from './model.js';
import { hashPassword, passwordProblem, verifyPassword } from './password.js';

interface AccountRow {
  username: string;
  display_name: string;
  roles: string;
  active: number;
  password_hash: string | null;
  source: 'local' | 'portal';
  failed_attempts: number;
  locked_until: string | null;
}

export interface AuthOptions {
  db: Db;
  clock: Clock;
  counter: string;
  lockMinutes: number;
  maxFailedSignIns: number;
  lockoutMinutes: number;
}

const toView = (r: AccountRow): StaffAccountView => ({
  username: r.username,
  displayName: r.display_name,
  roles: JSON.parse(r.roles) as Role[],
  active: r.active === 1,
  source: r.source,
  lockedUntil: r.locked_until,
});

const signInFailed = () =>
  new AppError('unauthorized', { vi: 'Tên đăng nhập hoặc mật khẩu không đúng.', en: 'Wrong username or password.' }, { field: 'password' });

/**
 * Staff sign-in. Sessions live in memory only (a restart signs everyone out) and end after the
 * desk's idle minutes, the same minutes after which the screen locks. Accounts lock for a while
 * after repeated failures; every sign-in, failure and lockout is in the audit log.
 */
export class StaffAuth {
  private readonly sessions = new Map<string, StaffSession & { lastSeen: number }>();

  constructor(private readonly o: AuthOptions) {}

  private account(username: string): AccountRow | undefined {
    return this.o.db.prepare<[string], AccountRow>('SELECT * FROM staff_accounts WHERE username = ?').get(username);
  }

  needsSetup(): boolean {
    return this.o.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM staff_accounts').get()!.n === 0;
  }

  /** The first account of a new desk: its desk admin. Refused once any account exists. */
  setup(input: { username: string; displayName: string; password: string }): StaffSession {
    if (!this.needsSetup()) throw new AppError('forbidden', { vi: 'Quầy đã có tài khoản quản trị.', en: 'This desk already has an admin account.' });
    this.save('setup', { ...input, roles: ['desk_admin', 'supervisor'], active: true });
    return this.signIn(input.username, input.password);
  }

  /**
   * The counter an officer signs in at. Receptionists work a counter: the one they ask for, else the
   * one this browser remembers (`preferred`, when free), else the desk's configured counter, else the
   * next free "Quầy N". Two officers signed in on one desk host are two counters: a counter asked for
   * that another officer's live session holds is refused, with the next free one named. Processors
   * and supervisors hold no counter unless they ask for one.
   */
  private counterFor(username: string, roles: Role[], asked: string | undefined, preferred?: string): string {
    const now = this.o.clock.now().getTime();
    const taken = new Map<string, string>();
    for (const s of this.sessions.values()) {
      if (s.counter && s.username !== username && now - s.lastSeen <= this.o.lockMinutes * 60_000) taken.set(s.counter.toLocaleLowerCase('vi'), s.displayName);
    }
    const free = (c: string) => !taken.has(c.toLocaleLowerCase('vi'));
    const base = this.o.counter;
    const m = /^(.*?)(\d+)$/.exec(base);
    const nextFree = () => {
      if (free(base)) return base;
      for (let n = m ? Number(m[2]) + 1 : 2; n < 1000; n++) {
        const c = m ? `${m[1]}${n}` : `${base} ${n}`;
        if (free(c)) return c;
      }
      return base;
    };
    if (!asked) {
      if (!roles.includes('receptionist')) return '';
      return preferred && free(preferred) ? preferred : nextFree();
    }
    if (!free(asked)) {
      throw new AppError(
        'validation',
        {
          vi: `${asked} đang do ${taken.get(asked.toLocaleLowerCase('vi'))} làm việc. Hãy chọn quầy khác (${nextFree()} còn trống).`,
          en: `${asked} is in use by ${taken.get(asked.toLocaleLowerCase('vi'))}. Choose another counter (${nextFree()} is free).`,
        },
        { field: 'counter' },
      );
    }
    return asked;
  }

  signIn(username: string, password: string, askedCounter?: string, preferredCounter?: string): StaffSession {
    const { db, clock } = this.o;
    const now = clock.now();
    const at = now.toISOString();
    const row = this.account(username.trim().toLowerCase());
    if (!row || row.active !== 1) {
      // Hash anyway, so an unknown name takes as long as a wrong password.
      verifyPassword(password, 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=');
      throw signInFailed();
    }
    if (row.locked_until && row.locked_until > at) {
      const until = formatVn(row.locked_until).time;
      throw new AppError(
        'unauthorized',
        { vi: `Tài khoản đang bị khóa do nhập sai nhiều lần, thử lại sau ${until}.`, en: `The account is locked after repeated failures; try again after ${until}.` },
        { field: 'password' },
      );
    }
    if (!verifyPassword(password, row.password_hash)) {
      const failed = row.failed_attempts + 1;
      db.transaction(() => {
        if (failed >= this.o.maxFailedSignIns) {
          const until = new Date(now.getTime() + this.o.lockoutMinutes * 60_000).toISOString();
          db.prepare('UPDATE staff_accounts SET failed_attempts = 0, locked_until = ? WHERE username = ?').run(until, row.username);
          appendAudit(db, { at, actor: row.username, action: 'staff.locked', after: { until, failures: failed } });
        } else {
          db.prepare('UPDATE staff_accounts SET failed_attempts = ? WHERE username = ?').run(failed, row.username);
          appendAudit(db, { at, actor: row.username, action: 'staff.signInFailed', after: { failures: failed } });
        }
      })();
      throw signInFailed();
    }
    const counter = this.counterFor(row.username, JSON.parse(row.roles) as Role[], askedCounter?.trim() || undefined, preferredCounter?.trim() || undefined);
    db.transaction(() => {
      db.prepare('UPDATE staff_accounts SET failed_attempts = 0, locked_until = NULL WHERE username = ?').run(row.username);
      appendAudit(db, { at, actor: row.username, action: 'staff.signIn', after: { counter } });
    })();
    const session: StaffSession = {
      token: crypto.randomBytes(24).toString('base64url'),
      username: row.username,
      displayName: row.display_name,
      roles: JSON.parse(row.roles) as Role[],
      counter,
      lockMinutes: this.o.lockMinutes,
    };
    this.sessions.set(session.token, { ...session, lastSeen: now.getTime() });
    return session;
  }

  signOut(token: string): void {
    const s = this.sessions.get(token);
    if (!s) return;
    this.sessions.delete(token);
    appendAudit(this.o.db, { at: this.o.clock.now().toISOString(), actor: s.username, action: 'staff.signOut' });
  }

  /** The session behind a token, if it is still alive and holds one of `roles` (any role when empty). */
  require(token: string, roles: Role[] = []): StaffSession {
    const now = this.o.clock.now().getTime();
    const s = this.sessions.get(token);
    if (!s || now - s.lastSeen > this.o.lockMinutes * 60_000) {
      this.sessions.delete(token);
      throw new AppError('unauthorized', { vi: 'Phiên làm việc đã hết. Vui lòng đăng nhập lại.', en: 'Your session has ended. Please sign in again.' });
    }
    if (roles.length && !roles.some((r) => s.roles.includes(r))) {
      const needed = roles.map((r) => ROLE_LABELS[r]);
      throw new AppError('forbidden', {
        vi: `Việc này cần vai trò: ${needed.map((n) => n.vi).join(' hoặc ')}.`,
        en: `This needs the role: ${needed.map((n) => n.en).join(' or ')}.`,
      });
    }
    s.lastSeen = now;
    return { token: s.token, username: s.username, displayName: s.displayName, roles: s.roles, counter: s.counter, lockMinutes: s.lockMinutes };
  }

  list(): StaffAccountView[] {
    return this.o.db.prepare<[], AccountRow>('SELECT * FROM staff_accounts ORDER BY username').all().map(toView);
  }

  /** Creates or updates a local account (a desk admin's act); accounts from the portal are managed there. */
  save(actor: string, input: { username: string; displayName: string; roles: Role[]; active: boolean; password?: string }): StaffAccountView {
    const { db, clock } = this.o;
    const username = input.username.trim().toLowerCase();
    const existing = this.account(username);
    if (existing?.source === 'portal') {
      throw new AppError('forbidden', { vi: 'Tài khoản này do cổng dịch vụ công quản lý.', en: 'This account is managed by the portal.' }, { field: 'username' });
    }
    if (!existing && !input.password) {
      throw new AppError('validation', { vi: 'Tài khoản mới cần mật khẩu.', en: 'A new account needs a password.' }, { field: 'password' });
    }
    if (input.password) {
      const problem = passwordProblem(input.password);
      if (problem) throw new AppError('validation', problem, { field: 'password' });
    }
    const at = clock.now().toISOString();
    const hash = input.password ? hashPassword(input.password) : existing!.password_hash;
    db.transaction(() => {
      db.prepare(
        `INSERT INTO staff_accounts (username, display_name, roles, active, password_hash, source, created_at) VALUES (?, ?, ?, ?, ?, 'local', ?)
         ON CONFLICT (username) DO UPDATE SET display_name = excluded.display_name, roles = excluded.roles, active = excluded.active,
           password_hash = excluded.password_hash, failed_attempts = 0, locked_until = NULL`,
      ).run(username, input.displayName, JSON.stringify(input.roles), input.active ? 1 : 0, hash, at);
      appendAudit(db, {
        at,
        actor,
        action: existing ? 'staff.update' : 'staff.create',
        before: existing ? toView(existing) : undefined,
        after: { ...toView(this.account(username)!), passwordChanged: Boolean(input.password) },
      });
    })();
    // A deactivated account, or one whose roles changed, signs in again.
    for (const [token, s] of this.sessions) if (s.username === username) this.sessions.delete(token);
    return toView(this.account(username)!);
  }

  changePassword(session: StaffSession, current: string, next: string): void {
    const row = this.account(session.username)!;
    if (!verifyPassword(current, row.password_hash)) {
      throw new AppError('validation', { vi: 'Mật khẩu hiện tại không đúng.', en: 'The current password is wrong.' }, { field: 'current' });
    }
    const problem = passwordProblem(next);
    if (problem) throw new AppError('validation', problem, { field: 'next' });
    this.o.db.transaction(() => {
      this.o.db.prepare('UPDATE staff_accounts SET password_hash = ? WHERE username = ?').run(hashPassword(next), row.username);
      appendAudit(this.o.db, { at: this.o.clock.now().toISOString(), actor: row.username, action: 'staff.passwordChanged' });
    })();
  }
}
