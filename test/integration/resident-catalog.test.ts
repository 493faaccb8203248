/**
 * The catalog as a resident sees it, on the real bundled catalog: internal notices and other
 * provinces' items never reach residents; life events and browsing show what a resident of this
 * ward can do with the rest one tap away; sectors merged and sorted in Vietnamese order; a search
 * with no good match says so with suggestions; more results page by page; English names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { procedureAudience } from '../../electron/core/catalog/audience.js';
import { ESSENTIAL_CODES } from '../../electron/core/catalog/life-events.js';
import type { Core } from '../../electron/core/index.js';
import { makeCatalogCore } from '../helpers/catalog.js';

/** The seven "Công bố Danh mục và Quy trình nội bộ … Sở Nội vụ … tỉnh Hà Tĩnh" notices. */
const HA_TINH_NOTICES = ['2.001428', '3.000226', '3.000243', '3.000244', '3.000246', '3.000283', '3.000331'];
/** Ministry-level licence of foreign adoption agencies: mapped to "Sinh con", not a resident's. */
const ADOPTION_AGENCY_LICENCE = '1.005133';

describe('the catalog as a resident sees it', () => {
  let core: Core;
  beforeAll(() => {
    core = makeCatalogCore({ mode: 'kiosk' }).core;
  });
  afterAll(() => core.close());

  it('decides who a procedure is for from its name, levels and applicants', () => {
    const notice = 'Công bố Danh mục và Quy trình nội bộ thủ tục hành chính thuộc thẩm quyền giải quyết của Sở Nội vụ tỉnh Hà Tĩnh';
    expect(procedureAudience({ name: notice, levels: ['province', 'commune'], applicants: ['Công dân Việt Nam'], essential: false })).toBe('internal');
    expect(procedureAudience({ name: 'Đăng ký khai sinh', levels: ['commune'], applicants: ['Công dân Việt Nam'], essential: true })).toBe('ward');
    expect(procedureAudience({ name: 'Cấp hộ chiếu phổ thông', levels: ['province'], applicants: ['Công dân Việt Nam'], essential: true })).toBe('ward');
    expect(procedureAudience({ name: 'Cấp giấy phép hoạt động của tổ chức con nuôi nước ngoài', levels: ['ministry'], applicants: ['Tổ chức nước ngoài'], essential: false })).toBe('other');
    expect(procedureAudience({ name: 'Công bố mở cảng cá loại III', levels: ['commune'], applicants: ['Tổ chức (không bao gồm doanh nghiệp, HTX)'], essential: false })).toBe('other');
    // "Công an tỉnh, thành phố trực thuộc Trung ương" names no province.
    expect(procedureAudience({ name: 'Cấp hộ chiếu tại Công an tỉnh, thành phố trực thuộc Trung ương', levels: ['province'], applicants: [], essential: false })).toBe('other');
  });

  it('never lists internal notices: not in the “Chính sách xã hội” tile, not in its sector, not in search', async () => {
    const tile = await core.call('catalog.browse', { lifeEvent: 'chinh-sach-xa-hoi', scope: 'all', limit: 100 });
    expect(tile.items.map((p) => p.code).filter((c) => HA_TINH_NOTICES.includes(c))).toEqual([]);
    const sector = await core.call('catalog.browse', { sector: 'Người có công', scope: 'all', limit: 100 });
    expect(sector.items.some((p) => /Quy trình nội bộ/.test(p.name))).toBe(false);
    const found = await core.call('catalog.search', { query: 'công bố danh mục quy trình nội bộ sở nội vụ', limit: 50 });
    expect(found.procedures.map((p) => p.code).filter((c) => HA_TINH_NOTICES.includes(c))).toEqual([]);
    // A code read off a paper still finds it.
    expect((await core.call('catalog.search', { query: '2.001428' })).procedures[0]?.code).toBe('2.001428');
  });

  it('“Sinh con” shows what a resident of the ward can do; the foreign adoption agency licence is one tap away', async () => {
    const ward = await core.call('catalog.browse', { lifeEvent: 'sinh-con', limit: 100 });
    const codes = ward.items.map((p) => p.code);
    expect(codes).toContain('1.001193');
    expect(codes).not.toContain(ADOPTION_AGENCY_LICENCE);
    expect(ward.items.every((p) => p.levels.includes('commune') || p.essential)).toBe(true);
    expect(ward.others).toBeGreaterThan(0);
    const all = await core.call('catalog.browse', { lifeEvent: 'sinh-con', scope: 'all', limit: 100 });
    expect(all.items.map((p) => p.code)).toContain(ADOPTION_AGENCY_LICENCE);
    expect(all.total).toBe(ward.total + ward.others);
    // The tile counts what the ward view shows.
    const facets = await core.call('catalog.facets', {});
    expect(facets.lifeEvents.find((e) => e.id === 'sinh-con')?.count).toBe(ward.total);
  });

  it('“Theo lĩnh vực” merges spellings of a sector, puts residents’ sectors first and sorts in Vietnamese order', async () => {
    const { sectors } = await core.call('catalog.facets', {});
    const names = sectors.map((s) => s.name);
    expect(names.filter((n) => /^Thi đua/.test(n))).toHaveLength(1);
    expect(sectors.find((s) => /^Thi đua/.test(s.name))?.count).toBe(12);
    expect(names.filter((n) => /^Khoa học/.test(n))).toHaveLength(1);
    expect(sectors.find((s) => /^Khoa học/.test(s.name))?.count).toBe(5);
    // Browsing a merged sector lists both spellings' procedures.
    expect((await core.call('catalog.browse', { sector: 'Thi đua khen thưởng', scope: 'all', limit: 50 })).total).toBe(12);
    const common = sectors.filter((s) => s.common);
    expect(common.map((s) => s.name)).toEqual(expect.arrayContaining(['Hộ tịch', 'Chứng thực', 'Đất đai']));
    expect(sectors.slice(0, common.length).every((s) => s.common)).toBe(true);
    // Vietnamese order: Đ right after D (not after Z), lower case among the rest (not after V).
    const rest = sectors.filter((s) => !s.common).map((s) => s.name);
    const firstLetters = rest.map((n) => n[0]!);
    const dIndex = firstLetters.lastIndexOf('D');
    const đIndex = firstLetters.indexOf('Đ');
    expect(đIndex).toBeGreaterThan(dIndex);
    expect(firstLetters.slice(đIndex).some((c) => c === 'E' || c === 'G' || c === 'H')).toBe(true);
    expect(firstLetters.findIndex((c) => c === 'Z' || c === 'V')).toBeGreaterThan(đIndex);
    expect(rest).toEqual([...rest].sort(new Intl.Collator('vi', { sensitivity: 'base', numeric: true }).compare));
  });

  it('“trợ cấp người cao tuổi” (no such procedure in the bundle) says there is no good match and suggests Chính sách xã hội', async () => {
    const found = await core.call('catalog.search', { query: 'trợ cấp người cao tuổi' });
    expect(found.match).toBe('weak');
    expect(found.suggestions?.lifeEvents[0]?.id).toBe('chinh-sach-xa-hoi');
    expect(found.suggestions?.popular.map((p) => p.code)).toContain('1.001193');
  });

  it('gibberish finds nothing and still suggests life events and popular procedures', async () => {
    const found = await core.call('catalog.search', { query: 'xyzqư' });
    expect(found).toMatchObject({ match: 'none', total: 0, ignored: ['xyzqư'] });
    expect(found.suggestions?.lifeEvents.map((e) => e.id)).toEqual(['sinh-con', 'ket-hon', 'qua-doi', 'cu-tru-giay-to']);
    expect(found.suggestions?.popular.length).toBeGreaterThanOrEqual(4);
  });

  it('relaxes a question whose words cannot all match, and says which word it left out', async () => {
    const found = await core.call('catalog.search', { query: 'đăng ký tạm trú cho sinh viên' });
    expect(found.procedures[0]?.code).toBe('1.004194');
    expect(found.match).toBe('good');
    expect(found.relaxed).toEqual(['sinh', 'viên']);
    expect((await core.call('catalog.search', { query: 'xin cấp lại căn cước bị rách' })).relaxed).toEqual(['rách']);
    // Filler words are never what decides: with and without them, the same first answer.
    for (const [withFiller, plain] of [['xin cấp lại cccd', 'cap lai cccd'], ['thủ tục kết hôn', 'kết hôn'], ['làm giấy khai sinh cho con', 'khai sinh'], ['tôi muốn đăng ký tạm trú cho con', 'đăng ký tạm trú']] as const) {
      const a = await core.call('catalog.search', { query: withFiller, limit: 1 });
      const b = await core.call('catalog.search', { query: plain, limit: 1 });
      expect(a.procedures[0]?.code).toBe(b.procedures[0]?.code);
    }
  });

  it('pages through “Tìm thấy 100 thủ tục” twenty at a time, no procedure twice', async () => {
    const first = await core.call('catalog.search', { query: 'giay phep', limit: 20 });
    expect(first.total).toBe(100);
    const codes = [...first.procedures.map((p) => p.code)];
    for (let offset = 20; offset < 100; offset += 20) {
      const next = await core.call('catalog.search', { query: 'giay phep', limit: 20, offset });
      expect(next.procedures).toHaveLength(20);
      codes.push(...next.procedures.map((p) => p.code));
    }
    expect(new Set(codes).size).toBe(100);
  });

  it('English mode: names and summaries in English; the procedure page carries them', async () => {
    for (const [query, code] of [['birth registration', '1.001193'], ['temporary residence', '1.004194'], ['marriage', '1.000894'], ['land certificate', '1.013978']] as const) {
      const found = await core.call('catalog.search', { query, lang: 'en', limit: 3 });
      expect(found.procedures[0]?.code, query).toBe(code);
      expect(found.match).toBe('good');
    }
    // In Vietnamese mode the same words find nothing sensible: English is searched in English mode.
    expect((await core.call('catalog.search', { query: 'land certificate', limit: 3 })).procedures.map((p) => p.code)).not.toContain('1.013978');
    const page = await core.call('catalog.get', { code: '1.004194' });
    expect(page.english?.name).toBe('Temporary residence registration');
    expect(page.english?.summary).toMatch(/^Register where you stay/);
    expect((await core.call('catalog.get', { code: '1.000178' })).english).toBeNull();
  });

  it('every essential service the catalog has, and what the ward lists under its life events, has an English name', async () => {
    const essential = await core.call('catalog.browse', { essential: true, scope: 'all', limit: 100 });
    expect(essential.items.length).toBe([...ESSENTIAL_CODES].length);
    expect(essential.items.filter((p) => !p.nameEn).map((p) => p.code)).toEqual([]);
    let named = 0;
    let listed = 0;
    for (const { id } of (await core.call('catalog.facets', {})).lifeEvents) {
      const { items } = await core.call('catalog.browse', { lifeEvent: id, limit: 100 });
      listed += items.length;
      named += items.filter((p) => p.nameEn).length;
    }
    expect(named / listed).toBeGreaterThanOrEqual(0.55);
  });
});
