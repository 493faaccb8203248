import { describe, expect, it } from 'vitest';
import { centuryDigit, checkIdNumber, parseCccdQr } from '../../electron/core/text/cccd.js';

describe('CCCD QR code', () => {
  it('reads every field of a real-shaped QR text', () => {
    const r = parseCccdQr('001090123456|012345678|Nguyễn Văn A|01011990|Nam|Số 1 Đội Cấn, Phường Ba Đình, Hà Nội|15042021');
    expect(r).toEqual({
      ok: true,
      data: { idNumber: '001090123456', oldIdNumber: '012345678', fullName: 'Nguyễn Văn A', birthDate: '1990-01-01', sex: 'Nam', address: 'Số 1 Đội Cấn, Phường Ba Đình, Hà Nội', issueDate: '2021-04-15' },
    });
  });

  it('accepts an empty old number and a woman born in the 2000s', () => {
    const r = parseCccdQr('001305012345||Trần Thị Bình|20032005|Nữ|Hà Nội|01022022');
    expect(r.ok && r.data).toMatchObject({ oldIdNumber: null, sex: 'Nữ', birthDate: '2005-03-20' });
  });

  it('refuses what is not a CCCD QR, impossible dates, and numbers that contradict the card', () => {
    expect(parseCccdQr('00324.K01-261123-0001')).toMatchObject({ ok: false, message: { vi: 'Đây không phải mã QR trên thẻ căn cước công dân.' } });
    expect(parseCccdQr('001090123456||A|31021990|Nam|x|01012020').ok).toBe(false);
    expect(parseCccdQr('001190123456||A|01011990|Nam|x|01012020')).toMatchObject({ ok: false, message: { en: expect.stringContaining('does not match') as unknown as string } });
    expect(parseCccdQr('00109012345||A|01011990|Nam|x|01012020')).toMatchObject({ ok: false, message: { vi: 'Số căn cước công dân phải gồm đúng 12 chữ số.' } });
  });

  it('knows the sex-and-century digit', () => {
    expect([centuryDigit(1990, 'Nam'), centuryDigit(1990, 'Nữ'), centuryDigit(2005, 'Nam'), centuryDigit(2005, 'Nữ'), centuryDigit(2101, 'Nam')]).toEqual([0, 1, 2, 3, 4]);
    expect(checkIdNumber('001090123456')).toBeNull();
    expect(checkIdNumber('0010901234')).toEqual({ vi: 'Số căn cước công dân phải gồm đúng 12 chữ số.', en: 'A citizen ID number has exactly 12 digits.' });
  });
});
