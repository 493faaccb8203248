/**
 * The one place where the contract's authorization table is enforced: every call, from every
 * transport (HTTP, IPC, the CLI, a core host's messages), passes here before its input is parsed or
 * its handler runs. What a method allows is written in `access` in the contract, nowhere else.
 */
import { DEFAULT_MAX_INPUT_BYTES, ENROLLED_DEVICE_FACTOR, access, ruleFor, type Caller, type MethodName, type Mode, type RateLimit, type Rule } from '../contract.js';
import type { LanDevice } from './queue/lan.js';
import type { Clock } from './clock.js';
import type { DeviceAdmin } from './device/admin.js';
import { adminCommand } from './device/admin-command.js';
import { tooDeep, valueTooDeep } from './depth.js';
import { AppError } from './errors.js';
import type { StaffAuth } from './staff/auth.js';
import type { StaffSession } from './staff/model.js';

export interface CallContext {
  caller: Caller;
  session: StaffSession | null;
  /** The enrolled kiosk or desk of the ward this call came from over the LAN, when its key checked out. */
  lanDevice?: LanDevice | null;
}

/** Callers that run as the app itself (tests, the CLI's reads): not rate-limited, but checked like anyone. */
const TRUSTED: ReadonlySet<Caller['transport']> = new Set(['internal', 'cli']);

/**
 * Whether a caller is the device itself: its own window (IPC), the app, or the page its own
 * browser window opens on the loopback address (the kiosk's touchscreen on the web host: 127.0.0.1 or
 * ::1). Anyone else reached it over the network — and so does a process that picked another 127.x.
 */
export function isLocal(caller: Caller): boolean {
  if (caller.transport !== 'http') return true;
  return caller.client === '127.0.0.1' || caller.client === '::1' || caller.client === '::ffff:127.0.0.1';
}

/** Fixed windows per (method, client); old windows are dropped as the map grows. */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(private readonly clock: Clock) {}

  /** Counts one call; throws `rate_limited` when the client is over the limit. */
  hit(key: string, limit: RateLimit): void {
    const wait = this.count(key, limit);
    if (wait !== null) throw rateLimited(wait);
  }

  /** Whether `key` is over `limit` now, without counting; the seconds to wait, or null. */
  over(key: string, limit: RateLimit): number | null {
    const now = this.clock.now().getTime();
    const w = this.windows.get(key);
    if (!w || now - w.start >= limit.perSeconds * 1000 || w.count < limit.max) return null;
    return Math.max(1, Math.ceil((w.start + limit.perSeconds * 1000 - now) / 1000));
  }

  /** Counts one call; the seconds to wait when it went over the limit, else null. */
  count(key: string, limit: RateLimit): number | null {
    const now = this.clock.now().getTime();
    const span = limit.perSeconds * 1000;
    const w = this.windows.get(key);
    const current = w && now - w.start < span ? w : { start: now, count: 0 };
    current.count++;
    this.windows.set(key, current);
    if (this.windows.size > 50_000) for (const [k, v] of this.windows) if (now - v.start >= span) this.windows.delete(k);
    return current.count > limit.max ? Math.max(1, Math.ceil((current.start + span - now) / 1000)) : null;
  }
}

/** Refused for going over a limit: the message names the seconds to wait, and `retryAfter` carries them for a live countdown. */
export const rateLimited = (wait: number) =>
  new AppError(
    'rate_limited',
    {
      vi: `Quá nhiều yêu cầu trong thời gian ngắn. Vui lòng thử lại sau ${wait} giây.`,
      en: `Too many requests in a short time. Please try again in ${wait} seconds.`,
    },
    { retryAfter: wait },
  );

const modeName = { kiosk: { vi: 'ki-ốt', en: 'a kiosk' }, staff: { vi: 'quầy', en: 'a desk' } } as const;

export function unknownMethod(name: string, mode?: Mode): AppError {
  return new AppError('unknown_method', {
    vi: mode ? `Không có chức năng “${name}” trên ${modeName[mode].vi}.` : `Không có chức năng “${name}”.`,
    en: mode ? `There is no method “${name}” on ${modeName[mode].en}.` : `There is no method “${name}”.`,
  });
}

/** The size of an input as JSON, for transports that did not measure their bytes. */
function jsonBytes(input: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify(input ?? {}));
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

export interface AccessDeps {
  mode: Mode;
  clock: Clock;
  auth: StaffAuth;
  admin: DeviceAdmin;
  limiter: RateLimiter;
  /** Checks a LAN device's signature of this call of `method` against the ward's devices the portal listed (null: unknown, revoked, stale, replayed or forged). */
  lan(device: NonNullable<Caller['device']>, method: MethodName): LanDevice | null;
  /** Sessions vouched for by a LAN desk end with the desk's own; this is their idle limit. */
  lockMinutes: number;
}

const field = (input: unknown, name: string): unknown => (typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[name] : undefined);

/**
 * Checks one call against the table, in this order: the method exists in this mode; the machine's
 * admin only from the command line; the input is not larger than the method takes; the client is
 * within its rate; the credential the rule names (a session with a role, the PIN, the setup code).
 * Returns who is calling — at once for every rule but the two hashed secrets, so a call runs its
 * handler in the same tick; throws a typed error (unknown_method, forbidden, validation, rate_limited,
 * unauthorized) otherwise.
 */
export function authorize(name: MethodName, input: unknown, caller: Caller, deps: AccessDeps, measuredBytes?: number): CallContext | Promise<CallContext> {
  const who = ruleFor(name, deps.mode);
  if (!who) throw unknownMethod(name, deps.mode);
  if (who.kind === 'machine' && caller.transport !== 'cli') {
    throw new AppError('forbidden', {
      vi: 'Việc này chỉ quản trị viên của máy làm được, bằng dòng lệnh motcua trên chính máy đó.',
      en: 'Only the machine’s administrator can do this, with the motcua command on the machine itself.',
    });
  }
  // Before anything walks it (measuring, a schema, normalization): see depth.ts.
  if (valueTooDeep(input)) throw tooDeep();
  const max = (access[name] as Rule).maxBytes ?? DEFAULT_MAX_INPUT_BYTES;
  if ((measuredBytes ?? jsonBytes(input)) > max) {
    throw new AppError('validation', {
      vi: `Dữ liệu gửi lên quá lớn (tối đa ${Math.round(max / 1000).toLocaleString('vi-VN')} KB).`,
      en: `The input is too large (${Math.round(max / 1000).toLocaleString('en')} KB at most).`,
    });
  }
  const lanDevice = caller.device && caller.transport === 'http' ? deps.lan(caller.device, name) : null;
  // The first-run setup is guessed at from the LAN; the person at the desk's own screen, mistyping a
  // password the policy refuses, is never held back by it.
  const exempt = (who.kind === 'setup' || (who.kind === 'public' && !!who.limit?.networkOnly)) && isLocal(caller);
  if ((who.kind === 'public' || who.kind === 'setup') && who.limit && !TRUSTED.has(caller.transport) && !exempt) {
    // An enrolled kiosk speaks for every resident at it: its own allowance, not its address's, and
    // not the LAN's shared budget (someone else on the LAN must not use up its residents' tickets).
    if (lanDevice) deps.limiter.hit(`${name}|device:${lanDevice.deviceId}`, { max: who.limit.max * ENROLLED_DEVICE_FACTOR, perSeconds: who.limit.perSeconds });
    else {
      deps.limiter.hit(`${name}|${caller.client}`, who.limit);
      if (who.limit.network && !isLocal(caller)) deps.limiter.hit(`${name}|network`, { max: who.limit.network, perSeconds: who.limit.perSeconds });
    }
  }
  switch (who.kind) {
    case 'officer': {
      // Another desk of the ward, calling the ward's queue for the officer signed in there.
      if (who.lan && caller.device) {
        if (!lanDevice || lanDevice.mode !== 'staff' || !caller.officer) {
          throw new AppError('unauthorized', {
            vi: `Quầy giữ hàng chờ không nhận ra quầy này: quầy chưa đăng ký với cổng, đã bị thu hồi, hoặc quầy giữ hàng chờ chưa đồng bộ danh sách thiết bị (chạy ${adminCommand('sync')} trên quầy giữ hàng chờ).`,
            en: `The queue desk does not know this desk: it is not registered with the portal, was revoked, or the queue desk has not synced the list of devices yet (run ${adminCommand('sync')} on the queue desk).`,
          });
        }
        const o = caller.officer;
        if (who.roles.length && !who.roles.some((r) => o.roles.includes(r))) {
          throw new AppError('forbidden', { vi: 'Cán bộ này không có vai trò gọi số.', en: 'This officer’s roles do not include calling tickets.' });
        }
        return { caller, lanDevice, session: { token: '', username: o.username, displayName: o.displayName, roles: o.roles, counter: o.counter, lockMinutes: deps.lockMinutes } };
      }
      const token = field(input, 'session');
      if (typeof token !== 'string' || token.length === 0) {
        throw new AppError('unauthorized', { vi: 'Vui lòng đăng nhập.', en: 'Please sign in.' });
      }
      return { caller, session: deps.auth.require(token, who.roles, { source: caller.client, local: isLocal(caller) }) };
    }
    // The two secrets are hashed: checked on the libuv pool.
    case 'pin':
      // The admin exit leaves the kiosk's own screen: only that screen may ask, so no one on the
      // network can try PINs, nor hold the technician at the device back with wrong ones.
      if (!isLocal(caller)) {
        throw new AppError('forbidden', {
          vi: 'Chỉ thoát chế độ ki-ốt được trên màn hình của chính ki-ốt.',
          en: 'The kiosk mode can only be left on the kiosk’s own screen.',
        });
      }
      return deps.admin.checkPin(field(input, 'pin'), caller.client).then(() => ({ caller, session: null }));
    case 'setup':
      if (!deps.auth.needsSetup()) throw new AppError('forbidden', { vi: 'Quầy đã có tài khoản quản trị.', en: 'This desk already has an admin account.' });
      return deps.admin.checkSetupCode(field(input, 'setupCode'), caller.client).then(() => ({ caller, session: null }));
    default: {
      // Public, or the machine's admin at the command line. A desk method that also takes an optional
      // session (a rating recorded by an officer) gets it when it is alive.
      const token = field(input, 'session');
      return { caller, lanDevice, session: typeof token === 'string' && token ? deps.auth.peek(token, { source: caller.client, local: isLocal(caller) }) : null };
    }
  }
}
