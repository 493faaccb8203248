/**
 * The citizen ID card (CCCD) QR code: "number|old number|full name|ddMMyyyy|sex|address|ddMMyyyy".
 * Pure, shared by the kiosk and the desk. The 12-digit number carries the province of birth
 * registration (3 digits), sex and century (1 digit), and the last two digits of the birth year.
 */
import { isCalendarDay } from '../time.js';
import { foldName } from './fold.js';
import { normalizeLine, normalizeScan } from './normalize.js';
import { centuryDigit, checkCccdFor, oldIdNumber } from './validators.js';

export interface CccdData {
  idNumber: string;
  oldIdNumber: string | null;
  fullName: string;
  birthDate: string; // yyyy-mm-dd
  sex: 'Nam' | 'Nữ';
  address: string;
  issueDate: string | null;
}

export type CccdResult = { ok: true; data: CccdData } | { ok: false; message: { vi: string; en: string } };

function isoDate(ddmmyyyy: string): string | null {
  const m = /^(\d{2})(\d{2})(\d{4})$/.exec(ddmmyyyy);
  if (!m) return null;
  const iso = `${m[3]}-${m[2]}-${m[1]}`;
  return isCalendarDay(iso) ? iso : null;
}

export { centuryDigit };

/** Checks a 12-digit CCCD number, and against the date of birth and sex when they are known. */
export function checkIdNumber(idNumber: string, birthDate?: string, sex?: 'Nam' | 'Nữ'): { vi: string; en: string } | null {
  const c = checkCccdFor(idNumber, birthDate, sex);
  return c.ok ? null : c.message;
}

/**
 * Reads the text of a CCCD QR code (from a USB scanner or the camera), as the scanner sent it:
 * wrapped in STX/ETX, behind an AIM prefix ("]Q1"), with GS separators or a decomposed "Nữ" — all
 * normalized away first (normalizeScan).
 */
export function parseCccdQr(text: string): CccdResult {
  const parts = normalizeScan(text).split('|');
  const bad = (vi: string, en: string): CccdResult => ({ ok: false, message: { vi, en } });
  if (parts.length < 7) return bad('Đây không phải mã QR trên thẻ căn cước công dân.', 'This is not the QR code of a citizen ID card.');
  const [idText, oldId, fullName, birth, sexText, address, issue] = parts.map(normalizeLine) as [string, string, string, string, string, string, string];
  const birthDate = isoDate(birth);
  if (!birthDate) return bad('Ngày sinh trong mã QR không hợp lệ.', 'The date of birth in the QR code is not valid.');
  const sexKey = foldName(sexText);
  const sex = sexKey === 'nu' ? 'Nữ' : sexKey === 'nam' ? 'Nam' : null;
  if (!sex) return bad('Giới tính trong mã QR không hợp lệ.', 'The sex in the QR code is not valid.');
  const id = checkCccdFor(idText, birthDate, sex);
  if (!id.ok) return { ok: false, message: id.message };
  if (!fullName) return bad('Mã QR thiếu họ tên.', 'The QR code has no name.');
  return { ok: true, data: { idNumber: id.value, oldIdNumber: oldIdNumber(oldId), fullName, birthDate, sex, address, issueDate: isoDate(issue) } };
}
