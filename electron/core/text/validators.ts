/**
 * The one home of the rules for a resident's CCCD number, phone number and email: the kiosk's
 * forms, the desk, the core (contract schemas, form checks) and the portal client all call these,
 * so one number is never accepted in one place and refused in another. Lint forbids these patterns
 * anywhere else. Messages are plain Vietnamese and English, for next to the field.
 */
import { z } from 'zod';
import type { Bilingual } from '../errors.js';

export type Checked = { ok: true; value: string } | { ok: false; message: Bilingual };

const SEPARATORS = /[\s.\-()/]/g;

/** Digits as people type them: full-width digits made ASCII, spaces, dots, dashes and brackets dropped. */
function digitsOf(text: string): string {
  return text.normalize('NFKC').replace(SEPARATORS, '');
}

// ---- CCCD (Circular 07/2016/TT-BCA; Law on Identification 2023) -------------------------------

export const CCCD_LENGTH = 12;

/** A CCCD number as typed ("001 090 123 456", "001.090.123.456") → its 12 digits. */
export function checkCccd(text: string): Checked {
  const v = digitsOf(text);
  if (!/^\d{12}$/.test(v)) return { ok: false, message: { vi: 'Số căn cước công dân phải gồm đúng 12 chữ số.', en: 'A citizen ID number has exactly 12 digits.' } };
  return { ok: true, value: v };
}

/** The old 9-digit ID (CMND) printed next to the CCCD number on a QR, or null. */
export function oldIdNumber(text: string): string | null {
  const v = digitsOf(text);
  return /^\d{9}$/.test(v) ? v : null;
}

/** The sex-and-century digit of a CCCD number for a birth year: 0/1 for 1900–1999, 2/3 for 2000–2099, … */
export function centuryDigit(birthYear: number, sex: 'Nam' | 'Nữ'): number {
  const century = Math.floor(birthYear / 100) - 19; // 1900s → 0, 2000s → 1, 2100s → 2
  return (((century % 5) + 5) % 5) * 2 + (sex === 'Nữ' ? 1 : 0);
}

/**
 * A 12-digit CCCD number, and against the date of birth (yyyy-mm-dd) and sex when known: the 4th
 * digit carries sex and century, the 5th–6th the last two digits of the birth year.
 */
export function checkCccdFor(text: string, birthDate?: string, sex?: 'Nam' | 'Nữ'): Checked {
  const c = checkCccd(text);
  if (!c.ok || !birthDate || !sex) return c;
  const year = Number(birthDate.slice(0, 4));
  if (Number(c.value[3]) !== centuryDigit(year, sex) || c.value.slice(4, 6) !== birthDate.slice(2, 4)) {
    return { ok: false, message: { vi: 'Số căn cước không khớp với ngày sinh hoặc giới tính. Vui lòng kiểm tra lại.', en: 'The ID number does not match the date of birth or sex. Please check.' } };
  }
  return c;
}

// ---- phone (Vietnam's numbering plan since the 2018 change to 10-digit mobiles) ----------------

const PHONE_MESSAGE: Bilingual = {
  vi: 'Số điện thoại chưa đúng: số di động gồm 10 chữ số bắt đầu bằng 0 (ví dụ 0912 345 678), có thể viết +84 thay cho số 0.',
  en: 'This phone number is not valid: a mobile number has 10 digits starting with 0 (e.g. 0912 345 678); +84 may replace the 0.',
};

/**
 * A Vietnamese phone number as people write it — "0912 345 678", "0912-345-678", "+84-912-345-678",
 * "(+84) 912345678", "84912345678", "0084 912 345 678" — in its one stored form "0912345678".
 * Mobiles are 0 + 3/5/7/8/9 + 8 digits; landlines 02 + area code + number, 11 digits.
 */
export function checkPhone(text: string): Checked {
  let v = digitsOf(text);
  if (v.startsWith('+84')) v = v.slice(3);
  else if (v.startsWith('0084')) v = v.slice(4);
  else if (v.startsWith('84') && (v.length === 11 || v.length === 12)) v = v.slice(2);
  if (!v.startsWith('0')) v = `0${v}`;
  if (/^0[35789]\d{8}$/.test(v) || /^02\d{9}$/.test(v)) return { ok: true, value: v };
  return { ok: false, message: PHONE_MESSAGE };
}

/** The stored phone grouped for reading: "0912 345 678", landline "024 3825 1234". */
export function formatPhone(phone: string): string {
  if (/^0\d{9}$/.test(phone)) return `${phone.slice(0, 4)} ${phone.slice(4, 7)} ${phone.slice(7)}`;
  if (/^02\d{9}$/.test(phone)) return `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`;
  return phone;
}

// ---- email -----------------------------------------------------------------------------------

/**
 * An email address as a resident gives it: one @, a name part, a domain with a dot and a 2+ letter
 * ending, no spaces; the domain is stored in lower case (the name part is the mail server's).
 */
export function checkEmail(text: string): Checked {
  const v = text.normalize('NFKC').trim();
  const at = v.lastIndexOf('@');
  const local = v.slice(0, at);
  const domain = v.slice(at + 1).toLowerCase();
  if (at > 0 && local.length <= 64 && v.length <= 200 && /^[^\s@"(),:;<>[\]\\]+$/.test(local) && !local.startsWith('.') && !local.endsWith('.') && !local.includes('..') && /^(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+\p{L}{2,}$/u.test(domain)) {
    return { ok: true, value: `${local}@${domain}` };
  }
  return { ok: false, message: { vi: 'Địa chỉ email chưa đúng (ví dụ ten@gmail.com).', en: 'This email address is not valid (e.g. name@gmail.com).' } };
}

// ---- in schemas -------------------------------------------------------------------------------

/**
 * A schema for a string one of these validators accepts, giving its stored form; otherwise an issue
 * carrying the validator's own message (validate.ts shows it next to the field).
 */
export const checked = (check: (text: string) => Checked) =>
  z
    .string()
    .max(200)
    .transform((v, ctx) => {
      const c = check(v);
      if (c.ok) return c.value;
      ctx.addIssue({ code: 'custom', message: c.message.en, params: { message: c.message } });
      return z.NEVER;
    });

// ---- finding them in free text (log redaction) ------------------------------------------------

/**
 * Personal numbers and addresses hidden in free text, masked: CCCD and old ID numbers keep their
 * last 3 digits, phone numbers (in every form `checkPhone` accepts) and emails become placeholders.
 */
export function redactPersonalNumbers(text: string): string {
  return text
    .replace(/(?<![\d])\(?(?:\+84|0084|84|0)(?:[\s.()-]{0,2}\d){9,10}(?![\d])/g, '[số điện thoại]')
    .replace(/(?<![\d])(?:\d{12}|\d{9})(?![\d])/g, (m) => `${'*'.repeat(m.length - 3)}${m.slice(-3)}`)
    .replace(/[\w.+-]+@[\w-]+\.[\w.-]+/g, '[email]');
}
