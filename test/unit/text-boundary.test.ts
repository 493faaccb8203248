/**
 * Text in, normalized once; one set of validators. Each table row is an input as it really arrives
 * (a Mac's NFD, a scanner's framing, a phone written five ways) and the value the product keeps,
 * written by hand with the rule it follows.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { parseCccdQr } from '../../electron/core/text/cccd.js';
import { fold, foldName, searchFold } from '../../electron/core/text/fold.js';
import { normalizeDeep, normalizeLine, normalizeScan, normalizeText } from '../../electron/core/text/normalize.js';
import { checkCccd, checkEmail, checkPhone, formatPhone, redactPersonalNumbers } from '../../electron/core/text/validators.js';
import { redact } from '../../electron/core/log.js';
import { INPUT_TEXT } from '../../electron/contract.js';

const QR = '001190123456|012345678|Trần Thị Bích|01011990|Nữ|Số 1 Đội Cấn, Hà Nội|15042021';

describe('a CCCD QR as scanners really send it', () => {
  const CASES: [name: string, text: string][] = [
    ['decomposed "Nữ" (NFD, from a Mac or some scanners)', QR.normalize('NFD')],
    ['wrapped in STX … ETX', `\u0002${QR}\u0003`],
    ['behind the AIM prefix ]Q1', `]Q1${QR}`],
    ['with a trailing GS', `${QR}\u001d`],
    ['with CR LF after it', `${QR}\r\n`],
    ['with a non-breaking space in the name', QR.replace('Thị Bích', 'Thị\u00a0Bích')],
  ];
  it.each(CASES)('%s: every field read, issue date kept', (_name, text) => {
    expect(parseCccdQr(text)).toEqual({
      ok: true,
      data: { idNumber: '001190123456', oldIdNumber: '012345678', fullName: 'Trần Thị Bích', birthDate: '1990-01-01', sex: 'Nữ', address: 'Số 1 Đội Cấn, Hà Nội', issueDate: '2021-04-15' },
    });
  });
});

describe('normalizing text at the boundary', () => {
  const LINES: [input: string, expected: string, rule: string][] = [
    ['Nguye\u0302\u0303n Va\u0306n A', 'Nguyễn Văn A', 'NFD → NFC'],
    ['  Nguyễn   Văn  A  ', 'Nguyễn Văn A', 'runs of spaces collapse, ends trimmed'],
    ['Nguyễn\u00a0Văn\u202fA', 'Nguyễn Văn A', 'non-breaking and narrow spaces are spaces'],
    ['Ngu\u200byễn Văn\ufeff A', 'Nguyễn Văn A', 'zero-width characters and the BOM vanish'],
    ['Hà\u0007 Nội\u0000', 'Hà Nội', 'control characters removed'],
    ['dòng 1\r\ndòng 2', 'dòng 1 dòng 2', 'a one-line field gets one line'],
    ['\u3000Phường\u2003Ba Đình', 'Phường Ba Đình', 'ideographic and em spaces'],
  ];
  it.each(LINES)('%j → %j (%s)', (input, expected) => {
    expect(normalizeLine(input)).toBe(expected);
  });

  it('multi-line prose keeps its lines; secrets are only NFC; attachments pass untouched', () => {
    expect(normalizeText('Thiếu  giấy khai sinh \r\n\r\n\r\n\r\nBản  sao\u00a0CCCD')).toBe('Thiếu giấy khai sinh\n\nBản sao CCCD');
    const input = { fullName: ' Lê\u00a0Văn  Tám ', password: ' mật khẩu  1 '.normalize('NFD'), note: 'a  b\nc', dataUrl: 'data:image/png;base64,AA  AA', nested: [{ name: 'x\u200b y' }] };
    expect(normalizeDeep(input, INPUT_TEXT)).toEqual({ fullName: 'Lê Văn Tám', password: ' mật khẩu  1 ', note: 'a b\nc', dataUrl: 'data:image/png;base64,AA  AA', nested: [{ name: 'x y' }] });
  });

  it('scanner framing is removed but the payload’s separators stay', () => {
    expect(normalizeScan('\u0002]Q100324.K01-261123-0001\u0003')).toBe('00324.K01-261123-0001');
    expect(normalizeScan('a|b\u001dc')).toBe('a|bc');
  });
});

describe('names compare and search the way a resident expects', () => {
  const SAME: [a: string, b: string, rule: string][] = [
    ['Nguyễn Văn A', 'NGUYEN  VAN\u00a0A', 'case, marks, odd and repeated spaces'],
    ['Đặng Thị Hoa', '\u00d0ặng Thị Hoa', 'the Icelandic Ð typed for Đ'],
    ['Đặng Thị Hoa', '\u0189ặng Thị Hoa', 'the African Ɖ typed for Đ'],
    ['Nguyễn Văn A', 'Nguyễn Văn \u0410', 'a Cyrillic А pasted for A'],
    ['Phạm Thị Oanh', 'Phạm Thị \u039fanh', 'a Greek Ο for O'],
    ['Lê Văn Tám', 'Lê Văn Tá\u200bm', 'a zero-width space inside a word'],
    ['Hà Nội 2', 'Hà Nội \uff12', 'a full-width digit'],
    ['Nguyễn Văn A', 'Nguye\u0302\u0303n Va\u0306n A', 'decomposed letters'],
  ];
  it.each(SAME)('%j equals %j (%s)', (a, b) => {
    expect(foldName(b)).toBe(foldName(a));
  });

  it('search folding keeps positions and folds look-alikes and odd spaces letter for letter', () => {
    expect(fold('\u00d0ăng\u00a0ký')).toBe('dang ky');
    expect(fold('\u00d0ăng\u00a0ký')).toHaveLength('Đăng ký'.length);
    expect(searchFold('Сăn cước')).toBe('can cuoc'); // Cyrillic С
  });
});

describe('one set of validators', () => {
  const PHONES: [typed: string, stored: string | null, rule: string][] = [
    ['0912345678', '0912345678', 'the stored form'],
    ['0912 345 678', '0912345678', 'grouped with spaces'],
    ['0912.345.678', '0912345678', 'grouped with dots'],
    ['0912-345-678', '0912345678', 'grouped with dashes (the kiosk pad has a "-" key)'],
    ['+84-912-345-678', '0912345678', '+84 for the leading 0'],
    ['+84 912 345 678', '0912345678', '+84 with spaces'],
    ['(+84) 912345678', '0912345678', 'country code in brackets'],
    ['84912345678', '0912345678', '84 without the plus'],
    ['0084 912 345 678', '0912345678', '00 international prefix'],
    ['+84 0912 345 678', '0912345678', '+84 and the 0 both written'],
    ['０９１２３４５６７８', '0912345678', 'full-width digits'],
    ['024 3825 1234', '02438251234', 'a Hà Nội landline (02 + 9 digits)'],
    ['091234567', null, 'nine digits'],
    ['09123456789', null, 'eleven digits for a mobile'],
    ['0112345678', null, 'no mobile starts 01 since 2018'],
    ['0912abc678', null, 'letters'],
  ];
  it.each(PHONES)('phone %j → %j (%s)', (typed, stored) => {
    const c = checkPhone(typed);
    expect(c.ok ? c.value : null).toBe(stored);
    if (!c.ok) expect(c.message.vi).toContain('Số điện thoại chưa đúng');
  });

  it('a stored phone is shown grouped', () => {
    expect(formatPhone('0912345678')).toBe('0912 345 678');
    expect(formatPhone('02438251234')).toBe('024 3825 1234');
  });

  const IDS: [typed: string, stored: string | null][] = [
    ['001090123456', '001090123456'],
    ['001 090 123 456', '001090123456'],
    ['001.090.123.456', '001090123456'],
    ['00109012345', null],
    ['0010901234567', null],
    ['00109012345a', null],
  ];
  it.each(IDS)('CCCD %j → %j', (typed, stored) => {
    const c = checkCccd(typed);
    expect(c.ok ? c.value : null).toBe(stored);
  });

  const EMAILS: [typed: string, stored: string | null][] = [
    ['an@gmail.com', 'an@gmail.com'],
    ['Tran.Binh@Ubnd.HaNoi.gov.vn', 'Tran.Binh@ubnd.hanoi.gov.vn'],
    [' an@gmail.com ', 'an@gmail.com'],
    ['an@@gmail.com', null],
    ['an@gmail', null],
    ['an gmail@x.vn', null],
    ['.an@gmail.com', null],
    ['an..b@gmail.com', null],
    ['an@gmail.c', null],
  ];
  it.each(EMAILS)('email %j → %j', (typed, stored) => {
    const c = checkEmail(typed);
    expect(c.ok ? c.value : null).toBe(stored);
  });

  it('log redaction finds every phone form the validators accept', () => {
    for (const [typed, stored] of PHONES) if (stored && !typed.includes('０') && !typed.startsWith('024')) expect(redactPersonalNumbers(`gọi ${typed} nhé`)).toBe('gọi [số điện thoại] nhé');
    expect(redact('{"idNumber":"001090123456","email":"an@gmail.com"}')).toBe('{"idNumber":"*********456","email":"[email]"}');
  });
});

describe('lint keeps one home for time and for the validators', () => {
  const eslint = new ESLint();
  const rules = async (code: string, filePath: string) => (await eslint.lintText(code, { filePath }))[0]!.messages.map((m) => m.ruleId);

  it('refuses hand-computed Vietnam time anywhere in the app', async () => {
    const probes = [
      'export const a = new Date(Date.now() + 7 * 3600_000);',
      'export const b = (d: Date) => d.getHours();',
      'export const c = "date(x, \'+7 hours\')";',
      'export const e = (s: string) => `${s}+07:00`;',
      'export const f = new Date().toISOString().slice(0, 10);',
      'export const g = new Intl.DateTimeFormat("vi-VN");',
      'export const h = (d: Date) => d.setUTCMonth(d.getUTCMonth() + 1);',
    ];
    for (const code of probes) {
      expect(await rules(code, 'renderer/src/probe.ts'), code).toContain('no-restricted-syntax');
      expect(await rules(code, 'electron/core/desk/probe.ts'), code).toContain('no-restricted-syntax');
    }
    expect(await rules('export const ok = 7 * 24;', 'electron/core/desk/probe.ts')).toEqual([]);
  });

  it('refuses another CCCD, phone or email pattern', async () => {
    for (const code of ['export const r = /^\\d{12}$/;', 'export const p = /^(0|\\+84)\\d{9,10}$/;', 'export const m = /^[^@]+@[^@]+$/;', "import { z } from 'zod';\nexport const e = z.email();"]) {
      expect(await rules(code, 'renderer/src/probe.ts'), code).toContain('no-restricted-syntax');
    }
  });
});
