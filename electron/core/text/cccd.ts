/**
 * The citizen ID card (CCCD) QR code: "number|old number|full name|ddMMyyyy|sex|address|ddMMyyyy".
 * Pure, shared by the kiosk and the desk. The 12-digit number carries the province of birth
 * registration (3 digits), sex and century (1 digit), and the last two digits of the birth year.
 */

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
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? null : iso;
}

/** The sex-and-century digit for a birth year: 0/1 for 1900–1999, 2/3 for 2000–2099, … */
export function centuryDigit(birthYear: number, sex: 'Nam' | 'Nữ'): number {
  const century = Math.floor(birthYear / 100) - 19; // 1900s → 0, 2000s → 1, 2100s → 2
  return ((century % 5) + 5) % 5 * 2 + (sex === 'Nữ' ? 1 : 0);
}

/** Checks a 12-digit CCCD number, and against the date of birth and sex when they are known. */
export function checkIdNumber(idNumber: string, birthDate?: string, sex?: 'Nam' | 'Nữ'): { vi: string; en: string } | null {
  if (!/^\d{12}$/.test(idNumber)) return { vi: 'Số căn cước công dân phải gồm đúng 12 chữ số.', en: 'A citizen ID number has exactly 12 digits.' };
  if (birthDate && sex) {
    const year = Number(birthDate.slice(0, 4));
    if (Number(idNumber[3]) !== centuryDigit(year, sex) || idNumber.slice(4, 6) !== birthDate.slice(2, 4)) {
      return {
        vi: 'Số căn cước không khớp với ngày sinh hoặc giới tính. Vui lòng kiểm tra lại.',
        en: 'The ID number does not match the date of birth or sex. Please check.',
      };
    }
  }
  return null;
}

/** Reads the text of a CCCD QR code (from a USB scanner or the camera). */
export function parseCccdQr(text: string): CccdResult {
  const parts = text.trim().split('|');
  const bad = (vi: string, en: string): CccdResult => ({ ok: false, message: { vi, en } });
  if (parts.length < 7) return bad('Đây không phải mã QR trên thẻ căn cước công dân.', 'This is not the QR code of a citizen ID card.');
  const [idNumber, oldId, fullName, birth, sexText, address, issue] = parts.map((p) => p.trim()) as [string, string, string, string, string, string, string];
  const birthDate = isoDate(birth);
  if (!birthDate) return bad('Ngày sinh trong mã QR không hợp lệ.', 'The date of birth in the QR code is not valid.');
  const sex = sexText.toLowerCase() === 'nữ' || sexText.toLowerCase() === 'nu' ? 'Nữ' : sexText.toLowerCase() === 'nam' ? 'Nam' : null;
  if (!sex) return bad('Giới tính trong mã QR không hợp lệ.', 'The sex in the QR code is not valid.');
  const idError = checkIdNumber(idNumber, birthDate, sex);
  if (idError) return { ok: false, message: idError };
  if (!fullName) return bad('Mã QR thiếu họ tên.', 'The QR code has no name.');
  return {
    ok: true,
    data: { idNumber, oldIdNumber: /^\d{9}$/.test(oldId) ? oldId : null, fullName: fullName.normalize('NFC'), birthDate, sex, address: address.normalize('NFC'), issueDate: isoDate(issue) },
  };
}
