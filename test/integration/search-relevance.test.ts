/**
 * Resident-style queries against the real catalog: with and without tones, Telex typed with the
 * input method off, abbreviations, everyday words, typos. The expected procedure must be in the top 3.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/index.js';
import { makeCatalogCore } from '../helpers/catalog.js';

const QUERIES: [query: string, code: string, kind: string][] = [
  ['dang ky khai sinh', '1.001193', 'no tones'],
  ['đăng ký khai sinh', '1.001193', 'tones'],
  ['ĐĂNG KÝ KHAI SINH', '1.001193', 'upper case'],
  ['ddawng kys khai sinh', '1.001193', 'telex'],
  ['khai sinh', '1.001193', 'short'],
  ['1.001193', '1.001193', 'a procedure code, read off a form'],
  ['1.004222', '1.004222', 'another code'],
  ['làm giấy khai sinh', '1.001193', 'everyday'],
  ['khai sinnh', '1.001193', 'typo'],
  ['dang ki khai sinh', '1.001193', 'i/y'],
  ['dang ky ket hon', '1.000894', 'no tones'],
  ['kết hôn', '1.000894', 'tones'],
  ['keets hoon', '1.000894', 'telex'],
  ['dang ki ket hon', '1.000894', 'i/y'],
  ['ket hon co yeu to nuoc ngoai', '2.000806', 'no tones'],
  ['khai tu', '1.000656', 'no tones'],
  ['báo tử', '1.000656', 'everyday'],
  ['giay chung tu', '1.000656', 'everyday, no tones'],
  ['trich luc ho tich', '2.000635', 'no tones'],
  ['ban sao giay khai sinh', '2.000635', 'no tones'],
  ['dang ky lai khai sinh', '1.004884', 'no tones'],
  ['độc thân', '1.004873', 'everyday'],
  ['giay doc than', '1.004873', 'everyday, no tones'],
  ['xac nhan tinh trang hon nhan', '1.004873', 'no tones'],
  ['tạm trú', '1.004194', 'tones'],
  ['đăng kí tạm trú', '1.004194', 'i/y'],
  ['thường trú', '1.004222', 'tones'],
  ['nhập hộ khẩu', '1.004222', 'everyday'],
  ['nhap ho khau', '1.004222', 'everyday, no tones'],
  ['thuongg tru', '1.004222', 'typo'],
  ['tam vang', '1.003677', 'no tones'],
  ['CCCD', '1.014063', 'abbreviation'],
  ['lam can cuoc', '1.014061', 'everyday, no tones'],
  ['xac nhan so cmnd', '1.012566', 'abbreviation'],
  ['ho chieu', '1.001456', 'no tones'],
  ['làm hộ chiếu', '1.001456', 'everyday'],
  ['bằng lái', '3.000347', 'everyday'],
  ['GPLX', '3.000347', 'abbreviation'],
  ['giay phep lai xe quoc te', '3.000353', 'no tones'],
  ['lý lịch tư pháp', '3.000333', 'tones'],
  ['LLTP', '3.000333', 'abbreviation'],
  ['ly lich tu phap', '3.000333', 'no tones'],
  ['sổ đỏ', '1.013978', 'everyday'],
  ['so do', '1.013978', 'everyday, no tones'],
  ['hộ kinh doanh', '1.001612', 'tones'],
  ['HKD', '1.001612', 'abbreviation'],
  ['mở quán', '1.001612', 'everyday'],
  ['xin giay phep xay dung', '1.013225', 'everyday, no tones'],
  ['GPXD', '1.013225', 'abbreviation'],
  ['cấp thẻ bảo hiểm y tế', '2.000639', 'tones'],
  ['đổi tên', '1.004859', 'everyday'],
  ['con nuoi', '2.001263', 'everyday, no tones'],
  ['sao y ban chinh', '2.000815', 'everyday, no tones'],
];

describe('search relevance: what residents type', () => {
  let core: Core;
  beforeAll(() => {
    core = makeCatalogCore().core;
  });
  afterAll(() => core.close());

  it('has at least 40 queries of every kind', () => {
    expect(QUERIES.length).toBeGreaterThanOrEqual(40);
    for (const kind of ['no tones', 'telex', 'abbreviation', 'everyday', 'typo', 'i/y']) expect(QUERIES.some(([, , k]) => k === kind)).toBe(true);
  });

  for (const [query, code, kind] of QUERIES) {
    it(`“${query}” (${kind}) finds ${code} in the top 3`, async () => {
      const result = await core.call('catalog.search', { query, limit: 3 });
      expect(result.procedures.map((p) => `${p.code} ${p.name}`).join('\n')).toContain(code);
    });
  }
});
