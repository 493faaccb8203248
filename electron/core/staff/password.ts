import crypto from 'node:crypto';
import { promisify } from 'node:util';
import { ZxcvbnFactory, type ZxcvbnResult } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import type { Bilingual } from '../errors.js';
import { fold } from '../text/fold.js';

/**
 * Staff passwords, hashed with scrypt (Node's own, no native add-on) on the libuv thread pool, so a
 * burst of sign-ins never holds up the core's other callers. The stored form carries its parameters —
 * `scrypt$N$r$p$salt$hash` in base64 — so they can be raised later without breaking old hashes, and so
 * a hash made by the portal in the same form is accepted.
 */
const N = 16_384;
const R = 8;
const P = 1;
const KEYLEN = 32;
const scrypt = promisify(crypto.scrypt) as (password: string, salt: Buffer, keylen: number, options: crypto.ScryptOptions) => Promise<Buffer>;

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const hash = await scrypt(password.normalize('NFC'), salt, KEYLEN, { N, r: R, p: P });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/** A hash of nothing anyone typed: an unknown name is checked against it, so it takes as long as a wrong password. */
export const DUMMY_HASH = `scrypt$${N}$${R}$${P}$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=`;

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

export const MIN_LENGTH = 10;
/** zxcvbn's scale: 3 is "safely unguessable" (about 10^8 guesses or more), enough behind scrypt and throttling. */
const MIN_SCORE = 3;

/**
 * Words Vietnamese users put in passwords, which the English and common dictionaries do not know. The
 * estimator also gets the account's own words (username, name, ward) as user inputs.
 */
const VIETNAMESE = [
  'matkhau', 'mat khau', 'anhyeuem', 'emyeuanh', 'yeuem', 'yeuanh', 'iloveyou', 'vietnam', 'hanoi', 'saigon', 'hochiminh', 'danang', 'haiphong',
  'motcua', 'mot cua', 'ubnd', 'phuong', 'xa', 'quan', 'canbo', 'tiepnhan', 'xuly', 'lanhdao', 'quantri', 'admin', 'chutich', 'hoso', 'dichvucong',
  'nguyen', 'tran', 'le', 'pham', 'hoang', 'huynh', 'phan', 'vu', 'vo', 'dang', 'bui', 'do', 'ho', 'ngo', 'duong', 'ly',
  'minh', 'anh', 'linh', 'huong', 'lan', 'mai', 'hoa', 'thu', 'hang', 'trang', 'nam', 'hung', 'dung', 'tuan', 'long', 'duc', 'thanh', 'hai', 'son', 'quang',
  'khongbiet', 'conmeo', 'concho', 'tinhyeu', 'hanhphuc', 'giadinh', 'baby', 'hello', 'manh', 'quay', 'badinh', 'hoankiem', 'caugiay', 'dongda',
];

let estimator: ZxcvbnFactory | null = null;
function zxcvbn(): ZxcvbnFactory {
  // Built on first use (about 80 ms for the dictionaries), not at start.
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, 'commonWords-en': en.dictionary['commonWords-en'], 'firstnames-en': en.dictionary['firstnames-en'], 'vi-common': VIETNAMESE },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
    // Passwords longer than this are scored on their first 100 characters (the rest only adds strength).
    maxLength: 100,
  });
  return estimator;
}

const MESSAGES: Record<string, Bilingual> = {
  userInputs: { vi: 'Mật khẩu không được chứa tên đăng nhập, họ tên hay tên phường.', en: 'The password must not contain the username, the name or the ward.' },
  spatial: { vi: 'Mật khẩu không được là một dãy phím liền nhau (như qwerty, 123456).', en: 'The password must not be a run of neighbouring keys (like qwerty, 123456).' },
  repeat: { vi: 'Mật khẩu không được lặp lại ký tự hay cụm ký tự (như aaaa, abcabc).', en: 'The password must not repeat characters or groups (like aaaa, abcabc).' },
  sequence: { vi: 'Mật khẩu không được là một dãy liên tiếp (như abcd, 6789).', en: 'The password must not be a sequence (like abcd, 6789).' },
  dictionary: { vi: 'Mật khẩu này quá phổ biến, dễ bị đoán.', en: 'This password is too common and easy to guess.' },
  date: { vi: 'Mật khẩu không nên là một ngày tháng hay năm.', en: 'The password should not be a date or a year.' },
};
const ADVICE: Bilingual = {
  vi: ' Hãy dùng một cụm từ dài, ví dụ ba bốn từ không liên quan nối bằng dấu gạch.',
  en: ' Use a long phrase instead, for example three or four unrelated words joined by dashes.',
};

/** The pattern that made a weak password weak, for a message a person can act on. */
function weakness(results: ZxcvbnResult[]): Bilingual {
  const kinds = results.flatMap((result) => result.sequence).map((m) => (m.pattern === 'dictionary' && (m as { dictionaryName?: string }).dictionaryName === 'userInputs' ? 'userInputs' : m.pattern));
  const kind = ['userInputs', 'spatial', 'repeat', 'sequence', 'dictionary', 'date'].find((k) => kinds.includes(k));
  const base = kind ? MESSAGES[kind]! : { vi: 'Mật khẩu này quá dễ đoán.', en: 'This password is too easy to guess.' };
  return { vi: base.vi + ADVICE.vi, en: base.en + ADVICE.en };
}

/**
 * The password policy (what a ward's IT policy asks, checked by a strength estimator rather than by
 * character classes): at least 10 characters, not blank-padded, not the username, the name or the ward,
 * and not common or a keyboard pattern — zxcvbn-ts with its common-password, English and our
 * Vietnamese dictionaries must score it 3 of 4 or more. Null when the password is acceptable.
 */
export function passwordProblem(password: string, context: { username: string; displayName?: string; wardName?: string } = { username: '' }): Bilingual | null {
  const trimmed = password.trim();
  if ([...trimmed].length < MIN_LENGTH) {
    return { vi: `Mật khẩu cần ít nhất ${MIN_LENGTH} ký tự (không tính khoảng trắng ở đầu và cuối).`, en: `A password needs at least ${MIN_LENGTH} characters (not counting spaces at either end).` };
  }
  const folded = fold(trimmed).replace(/[^a-z0-9]/g, '');
  const own = [context.username, context.displayName ?? '', context.wardName ?? '']
    .flatMap((s) => [fold(s).replace(/[^a-z0-9]/g, ''), ...fold(s).split(/[^a-z0-9]+/)])
    .filter((w) => w.length >= 3);
  const user = fold(context.username).replace(/[^a-z0-9]/g, '');
  if (user.length >= 3 && folded.includes(user)) return MESSAGES.userInputs!;
  // The officer's name or the ward, written with or without tones, spaces or punctuation ("Lê Thị
  // Thu Hà", "le thi thu ha 1", "phuong ba dinh"): the first things someone who knows them tries.
  const wholes = [context.displayName ?? '', context.wardName ?? ''].map((s) => fold(s).replace(/[^a-z0-9]/g, '')).filter((w) => w.length >= 6);
  if (wholes.some((w) => folded.includes(w))) return MESSAGES.userInputs!;
  // Scored as typed and folded (tones off, đ → d, no spaces or punctuation), the weaker counts:
  // "Hà Nội 2026" is "hanoi2026" to whoever guesses.
  const inputs = [...own, 'motcua', 'mot cua', 'vietnam', 'hanoi'];
  const weak = [trimmed, folded]
    .filter((c) => c.length > 0)
    .map((c) => zxcvbn().check(c, inputs))
    .filter((r) => r.score < MIN_SCORE);
  return weak.length ? weakness(weak) : null;
}
