import { describe, expect, it } from 'vitest';
import { normalizeDossierCode, readTrackingCode } from '../../electron/core/dossiers/code.js';

/** A code as residents type it on the kiosk's keyboard or a scanner reads it → its one written form. */
const TABLE: [typed: string, code: string | null][] = [
  ['00324.K01-261123-0001', '00324.K01-261123-0001'],
  ['00324.k01-261123-0001', '00324.K01-261123-0001'], // lower case
  ['00324 K01 261123 0001', '00324.K01-261123-0001'], // spaces for the dot and the dashes
  ['00324K012611230001', '00324.K01-261123-0001'], // nothing between the parts
  ['00324k012611230001', '00324.K01-261123-0001'],
  ['00324.K01 2611230001', '00324.K01-261123-0001'],
  ['  00324.K01-261123-0001  ', '00324.K01-261123-0001'], // spaces around
  ['00324.K01 - 261123 - 0001', '00324.K01-261123-0001'],
  ['00324.K01–261123—0001', '00324.K01-261123-0001'], // en and em dashes from a phone
  ['00324.K01_261123_0001', '00324.K01-261123-0001'],
  ['00324..K01--261123-0001', '00324.K01-261123-0001'], // a key tapped twice
  ['００３２４.Ｋ０１-２６１１２３-０００１', '00324.K01-261123-0001'], // full-width digits
  ['00324.Q1-261123-0042', '00324.Q1-261123-0042'], // a desk's code
  ['000.00.06.H56-231027-0361', '000.00.06.H56-231027-0361'], // another agency's identifier keeps its dots
  ['000 00 06 H56 231027 0361', '000.00.06.H56-231027-0361'],
  ['', null],
  ['abc', null],
  ['00324', null],
  ['00324.K01-26112-0001', null], // a date of five digits
  ['00324.K01-261123-001', null], // a number of three digits
  ['00324.K01-261123-0001x', null],
  ['00324.K01/261123#0001', null],
  ['001090123456', null], // a CCCD number
  ['0912345678901234', null], // digits only
];

describe('a dossier code however it was typed', () => {
  it.each(TABLE)('%j → %j', (typed, code) => {
    expect(normalizeDossierCode(typed)).toBe(code);
  });

  it('tells a feedback code (PA-…) from a dossier code, typed either way', () => {
    expect(readTrackingCode('PA-00324.K01-261201-0001')).toEqual({ kind: 'feedback', code: 'PA-00324.K01-261201-0001' });
    expect(readTrackingCode('pa 00324 k01 261201 0001')).toEqual({ kind: 'feedback', code: 'PA-00324.K01-261201-0001' });
    expect(readTrackingCode('PA003240K01')).toBeNull();
    expect(readTrackingCode('00324 k01 261201 0001')).toEqual({ kind: 'dossier', code: '00324.K01-261201-0001' });
    expect(readTrackingCode('001090123456|012345678|Nguyễn Văn An|01011990|Nam|Hà Nội|15042021')).toBeNull();
  });
});
