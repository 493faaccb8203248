import crypto from 'node:crypto';
import { promisify } from 'node:util';

/** scrypt on libuv's thread pool: hashing (tens of milliseconds) never holds up other calls. */
const scrypt = promisify(crypto.scrypt) as (password: string, salt: Buffer, keylen: number, options: crypto.ScryptOptions) => Promise<Buffer>;

/**
 * Staff passwords, hashed with scrypt (Node's own, no native add-on). The stored form carries its
 * parameters — `scrypt$N$r$p$salt$hash` in base64 — so they can be raised later without breaking
 * old hashes, and so a hash made by the portal in the same form is accepted.
 */
const N = 16_384;
const R = 8;
const P = 1;
const KEYLEN = 32;

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const hash = await scrypt(password.normalize('NFC'), salt, KEYLEN, { N, r: R, p: P });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  if (!stored) return false;
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await scrypt(password.normalize('NFC'), Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: 64 * 1024 * 1024,
  });
  return crypto.timingSafeEqual(expected, actual);
}

/** At least 8 characters, with a letter and a digit: what a ward's IT policy commonly asks. */
export function passwordProblem(password: string): { vi: string; en: string } | null {
  if (password.length < 8 || !/[0-9]/.test(password) || !/\p{L}/u.test(password)) {
    return { vi: 'Mật khẩu cần ít nhất 8 ký tự, có cả chữ và số.', en: 'A password needs at least 8 characters, with letters and digits.' };
  }
  return null;
}
