import crypto from 'node:crypto';
import { formatVn } from '../time.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';
import { AppError, type Bilingual } from '../errors.js';
import type { AuditLog } from './audit.js';
import { ROLE_LABELS, type Role, type StaffAccountView, type StaffSession } from './model.js';
import { DUMMY_HASH, hashPassword, passwordProblem, verifyPassword } from './password.js';

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
  audit: AuditLog;
  counter: string;
  wardName: string;
  lockMinutes: number;
  maxFailedSignIns: number;
  lockoutMinutes: number;
}

const signInFailed = () =>
  new AppError('unauthorized', { vi: 'Tên đăng nhập hoặc mật khẩu không đúng.', en: 'Wrong username or password.' }, { field: 'password' });

/**
 * Sign-ins from the network hashed at once; more wait their turn with a clear message (the pool also
 * serves file I/O). The desk's own screen is not counted and never waits: a flood of sign-ins from the
 * LAN must not keep the officer at the desk out.
 */
const MAX_HASHING = 2;
/** Sign-ins hashed at once beyond MAX_HASHING, for an account's usual sources only (the LAN trial's F8). */
const RESERVED_FOR_USUAL = 2;
/** A source that fails this many times as many sign-ins (any accounts) is held back like an account. */
const SOURCE_FACTOR = 4;
/** Wrong passwords for one account from all sources together, as many times `maxFailedSignIns`: the alert, and the hold on strangers. */
const ACCOUNT_FACTOR = 3;
/** Wrong current passwords in one session's password changes before the session ends. */
const WRONG_CURRENT_PER_SESSION = 3;
/** How long a source where the account signed in stays known to it (its own desk, the officer's PC). */
const KNOWN_SOURCE_MS = 30 * 24 * 3600_000;

/** Where a session is being used: the caller's address, and whether it is the device itself. */
export interface SessionUse {
  source: string;
  local: boolean;
}

/** Wrong passwords for one account from every source, in one window. */
interface AccountFailures {
  first: number;
  count: number;
  sources: Set<string>;
  alerted: boolean;
}

interface Failures {
  count: number;
  first: number;
  lockedUntil: number;
}

/**
 * Staff sign-in. Sessions live in memory only (a restart signs everyone out) and end after the
 * desk's idle minutes, the same minutes after which the screen locks.
 *
 * Wrong passwords are counted per account *and source* (the HTTP address or the window): after
 * `maxFailedSignIns` the account is held back for that source only, so someone on the LAN cannot lock
 * an officer out of their own desk; a source failing across accounts is held back whole. Failures
 * for one account are also counted from every source together: past `maxFailedSignIns` × 3 in the
 * window, supervisors see an alert on the account (`failedSignIns`, one `staff.signInAlert` audit row)
 * and sources the account never signed in from are held back until the window ends — the desk itself
 * and the officer's usual PCs are not. The audit log gets each sign-in and hold, and per account and
 * window its first failure and the alert, not a row per guess. Hashing runs on the libuv pool, at
 * most two at a time.
 */
export class StaffAuth {
  /** `boundTo`: the network address the session was issued to; null: issued at the device itself (its window, loopback, the CLI). */
  private readonly sessions = new Map<string, StaffSession & { lastSeen: number; wrongCurrent?: number; boundTo: string | null }>();
  private readonly failures = new Map<string, Failures>();
  private readonly accountFailures = new Map<string, AccountFailures>();
  /** Sessions whose screen locked, by token: who, where, until when they may be resumed, wrong tries so far. */
  private readonly locked = new Map<string, { username: string; source: string; local: boolean; until: number; wrong: number }>();
  /** Per account, the sources where it signed in, and when last. */
  private readonly knownSources = new Map<string, Map<string, number>>();
  private hashing = 0;

  constructor(private readonly o: AuthOptions) {}

  private account(username: string): AccountRow | undefined {
    return this.o.db.prepare<[string], AccountRow>('SELECT * FROM staff_accounts WHERE username = ?').get(username);
  }

  private toView(r: AccountRow): StaffAccountView {
    const now = this.o.clock.now().getTime();
    let held = 0;
    for (const [key, f] of this.failures) if (key.startsWith(`a:${r.username}@`) && f.lockedUntil > now) held = Math.max(held, f.lockedUntil);
    const many = this.accountWindow(r.username, now);
    return {
      username: r.username,
      displayName: r.display_name,
      roles: JSON.parse(r.roles) as Role[],
      active: r.active === 1,
      source: r.source,
      lockedUntil: held ? new Date(held).toISOString() : null,
      failedSignIns: many?.alerted ? { count: many.count, sources: many.sources.size, since: new Date(many.first).toISOString() } : null,
    };
  }

  /** The account's failures of the current window, if any. */
  private accountWindow(name: string, now: number): AccountFailures | null {
    const f = this.accountFailures.get(name);
    return f && now - f.first < this.o.lockoutMinutes * 60_000 ? f : null;
  }

  /** Whether `source` is this account's own: the device itself, or where it signed in lately. */
  private knows(name: string, source: string, local: boolean, now: number): boolean {
    if (local) return true;
    const at = this.knownSources.get(name)?.get(source);
    return at !== undefined && now - at < KNOWN_SOURCE_MS;
  }

  needsSetup(): boolean {
    return this.o.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM staff_accounts').get()!.n === 0;
  }

  /** The first account of a new desk: its desk admin. Refused once any account exists (the setup code is checked before). */
  async setup(input: { username: string; displayName: string; password: string }, source: string, local = false): Promise<StaffSession> {
    if (!this.needsSetup()) throw new AppError('forbidden', { vi: 'Quầy đã có tài khoản quản trị.', en: 'This desk already has an admin account.' });
    await this.save('setup', { ...input, roles: ['desk_admin', 'supervisor'], active: true });
    return this.signIn(input.username, input.password, source, local);
  }

  /** The counters officers signed in here hold now (live sessions), e.g. ["Quầy 1", "Quầy 2"]. */
  liveCounters(): string[] {
    const now = this.o.clock.now().getTime();
    const out = new Set<string>();
    for (const s of this.sessions.values()) if (s.counter && now - s.lastSeen <= this.o.lockMinutes * 60_000) out.add(s.counter);
    return [...out];
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

  private held(key: string, now: number): number {
    const f = this.failures.get(key);
    return f && f.lockedUntil > now ? f.lockedUntil : 0;
  }

  /** Counts a failure under `key`; true when it crossed `max` and the key is now held back. */
  private fail(key: string, max: number, now: number): boolean {
    const window = this.o.lockoutMinutes * 60_000;
    const f = this.failures.get(key);
    const current = f && now - f.first < window ? f : { count: 0, first: now, lockedUntil: 0 };
    current.count++;
    const locked = current.count >= max;
    if (locked) Object.assign(current, { count: 0, first: now, lockedUntil: now + window });
    this.failures.set(key, current);
    if (this.failures.size > 10_000) for (const [k, v] of this.failures) if (v.lockedUntil < now && now - v.first > window) this.failures.delete(k);
    return locked;
  }

  private lockedError(until: number) {
    const at = formatVn(new Date(until)).time;
    return new AppError(
      'unauthorized',
      { vi: `Tài khoản đang bị khóa do nhập sai nhiều lần, thử lại sau ${at}.`, en: `The account is locked after repeated failures; try again after ${at}.` },
      { field: 'password' },
    );
  }

  /** This machine, not the account, is held back: it failed with many accounts. */
  private sourceHeldError(until: number) {
    const at = formatVn(new Date(until)).time;
    return new AppError(
      'unauthorized',
      { vi: `Máy này tạm bị chặn đăng nhập do nhập sai mật khẩu nhiều lần, thử lại sau ${at}.`, en: `Sign-ins from this machine are held after repeated wrong passwords; try again after ${at}.` },
      { field: 'password' },
    );
  }

  /**
   * Signs in from `source` (the caller's client; `local`: the device's own window or loopback page)
   * at the counter asked for or preferred (see counterFor); see the class comment for how failures
   * are held back.
   */
  async signIn(username: string, password: string, source: string, local = false, askedCounter?: string, preferredCounter?: string, resume?: string): Promise<StaffSession> {
    const { clock, audit } = this.o;
    const name = username.trim().toLowerCase();
    const now = clock.now().getTime();
    const pairKey = `a:${name}@${source}`;
    const sourceKey = `s:${source}`;
    // The officer unlocking the screen that locked her session, where it was: holds put on the
    // account by someone else's wrong passwords (a colleague at the same PC, the LAN) do not apply.
    const locked = resume ? this.locked.get(resume) : undefined;
    const resuming = !!locked && locked.username === name && locked.until > now && (locked.source === source || (locked.local && local));
    if (!resuming && this.held(pairKey, now)) throw this.lockedError(this.held(pairKey, now));
    if (!resuming && this.held(sourceKey, now)) throw this.sourceHeldError(this.held(sourceKey, now));
    // Many wrong passwords for this account from everywhere (many addresses, each under its own
    // limit): strangers wait the window out; its own desk and the places it signed in from do not.
    const many = this.accountWindow(name, now);
    const usual = this.knows(name, source, local, now);
    if (many?.alerted && !usual && !resuming) throw this.lockedError(many.first + this.o.lockoutMinutes * 60_000);
    // The officer's usual PC has slots of its own: a burst of sign-ins from strangers cannot keep it out.
    if (!local && this.hashing >= MAX_HASHING + (usual ? RESERVED_FOR_USUAL : 0)) {
      throw new AppError('rate_limited', { vi: 'Đang có nhiều lượt đăng nhập cùng lúc, vui lòng thử lại sau giây lát.', en: 'Many sign-ins at once; please try again in a moment.' });
    }
    const row = this.account(name);
    const counted = local ? 0 : 1;
    this.hashing += counted;
    let good: boolean;
    try {
      // An unknown or inactive name is hashed too, so it takes as long as a wrong password.
      good = (await verifyPassword(password, row && row.active === 1 ? row.password_hash : DUMMY_HASH)) && !!row && row.active === 1;
    } finally {
      this.hashing -= counted;
    }
    const at = clock.now().toISOString();
    if (!good || !row) {
      this.recordFailure(name, row, source, now, 'signIn');
      // The lock screen is not a way around the holds: a few wrong tries and it is a sign-in like any.
      if (resuming && ++locked.wrong >= WRONG_CURRENT_PER_SESSION) this.locked.delete(resume!);
      throw signInFailed();
    }
    if (resume) this.locked.delete(resume);
    this.failures.delete(pairKey);
    const known = this.knownSources.get(row.username) ?? new Map<string, number>();
    known.set(source, now);
    if (known.size > 50) known.delete(known.keys().next().value!);
    this.knownSources.set(row.username, known);
    const counter = this.counterFor(row.username, JSON.parse(row.roles) as Role[], askedCounter?.trim() || undefined, preferredCounter?.trim() || undefined);
    audit.append({ at, actor: row.username, action: 'staff.signIn', after: { counter, source } });
    const session: StaffSession = {
      token: crypto.randomBytes(24).toString('base64url'),
      username: row.username,
      displayName: row.display_name,
      roles: JSON.parse(row.roles) as Role[],
      counter,
      lockMinutes: this.o.lockMinutes,
    };
    this.sessions.set(session.token, { ...session, lastSeen: now, boundTo: local ? null : source });
    return session;
  }

  /**
   * Counts one wrong password for account `name` from `source` — at sign-in, or as the current
   * password of a password change — under the same rules: held back per account and source, per
   * source, an alert across sources, and audited (first failure, hold, alert; `via` says where).
   */
  private recordFailure(name: string, row: AccountRow | undefined, source: string, now: number, via: 'signIn' | 'changePassword'): void {
    const { db, audit } = this.o;
    const pairKey = `a:${name}@${source}`;
    const sourceKey = `s:${source}`;
    const accountHeld = this.fail(pairKey, this.o.maxFailedSignIns, now);
    const sourceHeld = this.fail(sourceKey, this.o.maxFailedSignIns * SOURCE_FACTOR, now);
    // Per account, one window: the audit log gets its first failure and, once they are many, one
    // alert with the count — not a row per guess (a flood would bury the log).
    const window = this.accountWindow(name, now) ?? { first: now, count: 0, sources: new Set<string>(), alerted: false };
    window.count++;
    if (window.sources.size < 1000) window.sources.add(source);
    this.accountFailures.set(name, window);
    if (this.accountFailures.size > 10_000) for (const [k, v] of this.accountFailures) if (now - v.first >= this.o.lockoutMinutes * 60_000) this.accountFailures.delete(k);
    const alertNow = !!row && !window.alerted && window.count >= this.o.maxFailedSignIns * ACCOUNT_FACTOR;
    if (alertNow) window.alerted = true;
    const until = new Date(now + this.o.lockoutMinutes * 60_000).toISOString();
    const at = this.o.clock.now().toISOString();
    const how = via === 'signIn' ? {} : { via };
    db.transaction(() => {
      if (row && alertNow) audit.append({ at, actor: row.username, action: 'staff.signInAlert', after: { failures: window.count, sources: window.sources.size, since: new Date(window.first).toISOString() } });
      else if (row && !window.alerted && (accountHeld || window.count === 1 || via === 'changePassword'))
        audit.append({ at, actor: row.username, action: accountHeld ? 'staff.locked' : 'staff.signInFailed', after: { source, ...how, ...(accountHeld ? { until } : {}) } });
      if (sourceHeld) audit.append({ at, actor: 'system', action: 'staff.sourceHeld', after: { source, until } });
    })();
  }

  /**
   * Ends a session. `lock`: the screen locked (idle or by hand); for the lockout window the officer
   * may resume at the same place with a sign-in naming it (see signIn's `resume`).
   */
  signOut(token: string, lock = false): void {
    const s = this.sessions.get(token);
    if (!s) return;
    this.sessions.delete(token);
    if (lock) this.rememberLocked(token, s);
    this.o.audit.append({ at: this.o.clock.now().toISOString(), actor: s.username, action: 'staff.signOut' });
  }

  /**
   * Whether a session may be used from `from`: a session works only where it was issued — at the
   * network address that signed in, or at the device itself (its window, its loopback page, the
   * CLI). A token seen on the LAN (plain HTTP) is no use from another machine. Without `from`: the
   * core's own use (the event stream, whose session the web host checked from the stream's address).
   */
  private usableFrom(s: { boundTo: string | null }, from?: SessionUse): boolean {
    if (!from) return true;
    return s.boundTo === null ? from.local : from.local || from.source === s.boundTo;
  }

  private rememberLocked(token: string, s: { username: string; boundTo: string | null }): void {
    const now = this.o.clock.now().getTime();
    if (this.locked.size > 1000) for (const [k, v] of this.locked) if (v.until <= now) this.locked.delete(k);
    this.locked.set(token, { username: s.username, source: s.boundTo ?? '', local: s.boundTo === null, until: now + this.o.lockoutMinutes * 60_000, wrong: 0 });
  }

  /** The session behind a token, if it is alive, without counting this as activity (the event stream asks). */
  peek(token: string, from?: SessionUse): StaffSession | null {
    const s = this.sessions.get(token);
    if (!s || this.o.clock.now().getTime() - s.lastSeen > this.o.lockMinutes * 60_000 || !this.usableFrom(s, from)) return null;
    return { token: s.token, username: s.username, displayName: s.displayName, roles: s.roles, counter: s.counter, lockMinutes: s.lockMinutes };
  }

  /** The session behind a token, if it is still alive and holds one of `roles` (any role when empty). */
  require(token: string, roles: readonly Role[] = [], from?: SessionUse): StaffSession {
    const now = this.o.clock.now().getTime();
    const s = this.sessions.get(token);
    if (!s || now - s.lastSeen > this.o.lockMinutes * 60_000) {
      this.sessions.delete(token);
      // Idle: the screen locks now; its officer may resume it.
      if (s) this.rememberLocked(token, s);
      throw new AppError('unauthorized', { vi: 'Phiên làm việc đã hết. Vui lòng đăng nhập lại.', en: 'Your session has ended. Please sign in again.' });
    }
    // Another machine showing this session's token: refused, and the session goes on where it is.
    if (!this.usableFrom(s, from)) {
      throw new AppError('unauthorized', {
        vi: 'Phiên làm việc này được mở trên máy khác. Vui lòng đăng nhập trên máy này.',
        en: 'This session was opened on another machine. Please sign in on this one.',
      });
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
    return this.o.db.prepare<[], AccountRow>('SELECT * FROM staff_accounts ORDER BY username').all().map((r) => this.toView(r));
  }

  /** Active local or portal accounts holding the desk admin role, other than `except`. */
  private otherActiveAdmins(except: string): number {
    return this.o.db
      .prepare<[string], { n: number }>("SELECT count(*) AS n FROM staff_accounts WHERE active = 1 AND username != ? AND EXISTS (SELECT 1 FROM json_each(roles) WHERE value = 'desk_admin')")
      .get(except)!.n;
  }

  private endSessions(username: string, keep?: string): void {
    for (const [token, s] of this.sessions) if (s.username === username && token !== keep) this.sessions.delete(token);
  }

  /**
   * What is wrong with `password` as the password of account `username` (named `displayName`) on this
   * desk, or null when the policy (password.ts: ≥ 10 characters, not the account's own words or the
   * ward, scored 3 of 4 by zxcvbn-ts) accepts it. The one check every form that sets a password uses:
   * the desk asks it at the first submit, before the account's other fields are read.
   */
  passwordProblem(password: string, username: string, displayName = ''): Bilingual | null {
    return passwordProblem(password, { username, displayName, wardName: this.o.wardName });
  }

  private checkPassword(password: string, username: string, displayName: string, field: string): void {
    const problem = this.passwordProblem(password, username, displayName);
    if (problem) throw new AppError('validation', problem, { field });
  }

  /**
   * Creates or updates a local account (a desk admin's act); accounts from the portal are managed
   * there. The last active desk admin can be neither demoted nor deactivated: nothing else could
   * manage the desk. A changed password or role, or a deactivation, ends the account's sessions.
   */
  async save(actor: string, input: { username: string; displayName: string; roles: Role[]; active: boolean; password?: string }): Promise<StaffAccountView> {
    const { db, clock, audit } = this.o;
    const username = input.username.trim().toLowerCase();
    const existing = this.account(username);
    if (existing?.source === 'portal') {
      throw new AppError('forbidden', { vi: 'Tài khoản này do cổng dịch vụ công quản lý.', en: 'This account is managed by the portal.' }, { field: 'username' });
    }
    if (!existing && !input.password) {
      throw new AppError('validation', { vi: 'Tài khoản mới cần mật khẩu.', en: 'A new account needs a password.' }, { field: 'password' });
    }
    const wasAdmin = existing && existing.active === 1 && (JSON.parse(existing.roles) as Role[]).includes('desk_admin');
    const staysAdmin = input.active && input.roles.includes('desk_admin');
    if (wasAdmin && !staysAdmin && this.otherActiveAdmins(username) === 0) {
      throw new AppError(
        'forbidden',
        {
          vi: 'Đây là quản trị quầy cuối cùng còn hoạt động: hãy cấp vai trò quản trị cho một tài khoản khác trước khi bỏ vai trò hoặc khóa tài khoản này.',
          en: 'This is the last active desk admin: give another account the desk admin role before removing it from, or deactivating, this one.',
        },
        { field: input.active ? 'roles' : 'active' },
      );
    }
    if (input.password) this.checkPassword(input.password, username, input.displayName, 'password');
    const hash = input.password ? await hashPassword(input.password) : existing!.password_hash;
    const at = clock.now().toISOString();
    db.transaction(() => {
      db.prepare(
        `INSERT INTO staff_accounts (username, display_name, roles, active, password_hash, source, created_at) VALUES (?, ?, ?, ?, ?, 'local', ?)
         ON CONFLICT (username) DO UPDATE SET display_name = excluded.display_name, roles = excluded.roles, active = excluded.active,
           password_hash = excluded.password_hash, failed_attempts = 0, locked_until = NULL`,
      ).run(username, input.displayName, JSON.stringify(input.roles), input.active ? 1 : 0, hash, at);
      audit.append({
        at,
        actor,
        action: existing ? 'staff.update' : 'staff.create',
        before: existing ? this.toView(existing) : undefined,
        after: { ...this.toView(this.account(username)!), passwordChanged: Boolean(input.password) },
      });
    })();
    // A deactivated account, or one whose roles or password changed, signs in again.
    this.endSessions(username);
    return this.toView(this.account(username)!);
  }

  /**
   * The officer's own change; every other session of the account ends (a lost laptop, a shoulder-surfed
   * password). Whoever holds a session must not learn the password by trying: a wrong `current`
   * counts as a failed sign-in of the account from `source` (the same holds, audited), and after
   * WRONG_CURRENT_PER_SESSION of them the session itself ends.
   */
  async changePassword(session: StaffSession, current: string, next: string, source: string, local = false): Promise<void> {
    const row = this.account(session.username)!;
    const now = this.o.clock.now().getTime();
    if (this.held(`a:${row.username}@${source}`, now)) throw this.lockedError(this.held(`a:${row.username}@${source}`, now));
    if (this.held(`s:${source}`, now)) throw this.sourceHeldError(this.held(`s:${source}`, now));
    if (!local && this.hashing >= MAX_HASHING) {
      throw new AppError('rate_limited', { vi: 'Đang có nhiều lượt đăng nhập cùng lúc, vui lòng thử lại sau giây lát.', en: 'Many sign-ins at once; please try again in a moment.' });
    }
    const counted = local ? 0 : 1;
    this.hashing += counted;
    let good: boolean;
    try {
      good = await verifyPassword(current, row.password_hash);
    } finally {
      this.hashing -= counted;
    }
    if (!good) {
      this.recordFailure(row.username, row, source, now, 'changePassword');
      const live = this.sessions.get(session.token);
      if (live) live.wrongCurrent = (live.wrongCurrent ?? 0) + 1;
      if (live && live.wrongCurrent! >= WRONG_CURRENT_PER_SESSION) {
        this.sessions.delete(session.token);
        this.o.audit.append({ at: this.o.clock.now().toISOString(), actor: row.username, action: 'staff.signOut', after: { reason: 'wrongCurrentPassword', source } });
        throw new AppError('unauthorized', {
          vi: 'Nhập sai mật khẩu hiện tại nhiều lần: phiên làm việc đã kết thúc. Vui lòng đăng nhập lại.',
          en: 'The current password was wrong several times: the session has ended. Please sign in again.',
        });
      }
      throw new AppError('validation', { vi: 'Mật khẩu hiện tại không đúng.', en: 'The current password is wrong.' }, { field: 'current' });
    }
    if (next.normalize('NFC') === current.normalize('NFC')) {
      throw new AppError('validation', { vi: 'Mật khẩu mới phải khác mật khẩu hiện tại.', en: 'The new password must differ from the current one.' }, { field: 'next' });
    }
    this.checkPassword(next, row.username, row.display_name, 'next');
    const hash = await hashPassword(next);
    this.o.db.transaction(() => {
      this.o.db.prepare('UPDATE staff_accounts SET password_hash = ? WHERE username = ?').run(hash, row.username);
      this.o.audit.append({ at: this.o.clock.now().toISOString(), actor: row.username, action: 'staff.passwordChanged', after: { otherSessionsEnded: true } });
    })();
    this.endSessions(row.username, session.token);
  }

  /**
   * The machine's admin recovers a locked-out desk: `username` becomes (or is created as) an active
   * local desk admin with a new random password, returned once; its holds and sessions end.
   */
  async resetAdmin(username: string, displayName: string | undefined): Promise<{ account: StaffAccountView; password: string }> {
    const name = username.trim().toLowerCase();
    const existing = this.account(name);
    if (existing?.source === 'portal') {
      throw new AppError('forbidden', { vi: 'Tài khoản này do cổng dịch vụ công quản lý: hãy chọn một tên tài khoản khác.', en: 'This account is managed by the portal: choose another username.' }, { field: 'username' });
    }
    const password = randomPassword();
    const roles = existing ? [...new Set<Role>([...(JSON.parse(existing.roles) as Role[]), 'desk_admin'])] : (['desk_admin', 'supervisor'] as Role[]);
    const account = await this.save('machine-admin', { username: name, displayName: displayName ?? existing?.display_name ?? 'Quản trị quầy', roles, active: true, password });
    for (const key of [...this.failures.keys()]) if (key.startsWith(`a:${name}@`)) this.failures.delete(key);
    this.accountFailures.delete(name);
    return { account, password };
  }
}

/** Four groups of four letters and digits, no look-alikes: about 80 bits, easy to read out and type. */
export function randomPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const chars = Array.from({ length: 16 }, () => alphabet[crypto.randomInt(alphabet.length)]);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}
