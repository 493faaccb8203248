/**
 * The two secrets that stand for the device's admin: the kiosk admin PIN (the way out of kiosk
 * mode) and the one-time setup code of a new desk (who makes its first account). Neither has a
 * default. `motcua provision` generates both per device, prints them on the device sheet, and puts
 * only their hashes in the device's config; a desk set up without provisioning makes its own setup
 * code in the device file, which only the machine's admin can read (`motcua doctor` prints it).
 */
import crypto from 'node:crypto';
import type { Clock } from '../clock.js';
import type { Config } from '../config/schema.js';
import { AppError } from '../errors.js';
import type { Logger } from '../log.js';
import { verifyPassword } from '../staff/password.js';
import type { DeviceStore } from './store.js';
import { adminCommand } from './admin-command.js';

const MAX_PIN_FAILURES = 5;
const PIN_LOCK_MS = 5 * 60_000;

/** A setup code: three groups of four letters and digits without look-alikes, e.g. "K7MQ-2XRT-9PWH". */
export function newSetupCode(): string {
  const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
  const chars = Array.from({ length: 12 }, () => alphabet[crypto.randomInt(alphabet.length)]);
  return [0, 4, 8].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

/** An eight-digit PIN: 10^8 values, so its hash in the config does not give it away to a quick search. */
export function newPin(): string {
  return String(crypto.randomInt(0, 100_000_000)).padStart(8, '0');
}

const normalizeCode = (code: string) => code.trim().toUpperCase().replace(/[\s-]/g, '');

export class DeviceAdmin {
  /** Wrong PINs per client (a window, or the loopback page): one screen's mistakes hold back only that screen. */
  private readonly pinFailures = new Map<string, { count: number; lockedUntil: number }>();

  constructor(private readonly o: { config: Config; device: DeviceStore; clock: Clock; log: Logger }) {}

  /** How this kiosk's PIN is configured: a hash (provisioned), plain (an old config), or none. */
  pinState(): 'hash' | 'plain' | 'none' {
    const k = this.o.config.kiosk;
    return k.adminPinHash ? 'hash' : k.adminPin ? 'plain' : 'none';
  }

  /**
   * Checks the kiosk admin PIN from `client` (the device's own screen: access.ts refuses any other):
   * refused when none is configured, held five minutes after five wrong tries from that client.
   */
  async checkPin(pin: unknown, client = 'local'): Promise<void> {
    const now = this.o.clock.now().getTime();
    if (this.pinState() === 'none') {
      throw new AppError('forbidden', {
        vi: `Ki-ốt này chưa có mã PIN quản trị: hãy cấp lại gói cấu hình cho thiết bị (motcua provision). Chạy ${adminCommand('doctor')} để xem chi tiết.`,
        en: `This kiosk has no admin PIN: provision the device again (motcua provision). Run ${adminCommand('doctor')} for details.`,
      });
    }
    const tries = this.pinFailures.get(client) ?? { count: 0, lockedUntil: 0 };
    if (now < tries.lockedUntil) throw this.locked();
    const k = this.o.config.kiosk;
    const given = typeof pin === 'string' ? pin : '';
    const good = k.adminPinHash ? await verifyPassword(given, k.adminPinHash) : given.length === k.adminPin.length && crypto.timingSafeEqual(Buffer.from(given), Buffer.from(k.adminPin));
    if (good) {
      this.pinFailures.delete(client);
      return;
    }
    tries.count++;
    this.pinFailures.set(client, tries);
    this.o.log.warn('kiosk admin exit: wrong PIN', { failures: tries.count });
    if (tries.count >= MAX_PIN_FAILURES) {
      tries.count = 0;
      tries.lockedUntil = now + PIN_LOCK_MS;
      throw this.locked();
    }
    throw new AppError('unauthorized', { vi: 'Mã PIN không đúng.', en: 'Wrong PIN.' }, { field: 'pin' });
  }

  private locked(): AppError {
    return new AppError('rate_limited', { vi: 'Nhập sai mã PIN nhiều lần: đã khóa 5 phút.', en: 'Too many wrong PINs: locked for five minutes.' }, { field: 'pin' });
  }

  /**
   * The setup code of a desk with no account: the provisioned one (its hash in the config) or, when
   * there is none, one made now and kept in the device file. Returns the code when it is in the file
   * (for doctor and the console), null when only its hash is known.
   */
  ensureSetupCode(needsSetup: boolean): string | null {
    if (this.o.config.mode !== 'staff' || !needsSetup) return null;
    if (this.o.config.desk.setupCodeHash) return null;
    const current = this.o.device.get().setupCode;
    if (current) return current;
    const code = newSetupCode();
    this.o.device.update((s) => {
      s.setupCode = code;
    });
    this.o.log.info('first-run setup code made; motcua doctor shows it to the machine’s admin');
    return code;
  }

  async checkSetupCode(code: unknown, source = ''): Promise<void> {
    const given = normalizeCode(typeof code === 'string' ? code : '');
    const hash = this.o.config.desk.setupCodeHash;
    const stored = this.o.device.get().setupCode;
    const good = hash ? await verifyPassword(given, hash) : !!stored && given.length > 0 && crypto.timingSafeEqual(Buffer.from(given.padEnd(64)), Buffer.from(normalizeCode(stored).padEnd(64)));
    if (!good) {
      // The IT admin must be able to tell that someone tried to take the desk over before its setup.
      this.o.log.warn('first-run setup: a wrong setup code', { source });
      throw new AppError(
        'unauthorized',
        {
          vi: `Mã thiết lập không đúng. Quản trị viên máy xem mã bằng lệnh ${adminCommand('doctor')}, hoặc trên phiếu thiết bị khi cấp gói cấu hình.`,
          en: `Wrong setup code. The machine’s admin reads it with ${adminCommand('doctor')}, or on the device sheet from provisioning.`,
        },
        { field: 'setupCode' },
      );
    }
  }

  /** The desk has its first account: the code is spent. */
  setupDone(): void {
    if (this.o.device.get().setupCode) {
      this.o.device.update((s) => {
        s.setupCode = null;
      });
    }
  }
}

/** The normalized form of a setup code, as it is hashed at provisioning. */
export { normalizeCode as normalizeSetupCode };
