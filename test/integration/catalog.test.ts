import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCatalog } from '../../electron/core/catalog/importer.js';
import { parseLawMarkdown } from '../../electron/core/catalog/laws.js';
import { readMeta, readSnapshot } from '../../electron/core/catalog/snapshot.js';
import { manualClock } from '../../electron/core/clock.js';
import type { Core } from '../../electron/core/index.js';
import { makeCatalogCore } from '../helpers/catalog.js';
import { tempDir, TEST_CALLER } from '../helpers/core.js';

const fixture = path.resolve('test/fixtures/portal-records.jsonl');

describe('catalog import', () => {
  it('normalizes a portal export into a versioned snapshot, and re-import with the same data changes nothing', () => {
    const out = tempDir();
    const clock = manualClock('2026-06-01T00:00:00Z');
    const first = importCatalog({ proceduresFile: fixture, outDir: out, clock });
    expect(first.written).toBe(true);
    expect(first.meta.procedures).toBe(31);
    expect(first.meta.importedAt).toBe('2026-06-01T00:00:00.000Z');
    const bytes = fs.readFileSync(path.join(out, 'catalog.json.gz'));

    clock.advance(86_400_000);
    const again = importCatalog({ proceduresFile: fixture, outDir: out, clock });
    expect(again.written).toBe(false);
    expect(again.meta).toEqual(first.meta);
    expect(fs.readFileSync(path.join(out, 'catalog.json.gz'))).toEqual(bytes);

    const snapshot = readSnapshot(out);
    const birth = snapshot.procedures.find((p) => p.code === '1.001193')!;
    expect(birth.name).toBe('Đăng ký khai sinh');
    expect(birth.essential).toBe(true);
    expect(snapshot.lifeEvents.find((e) => e.id === 'sinh-con')!.procedureCodes).toContain('1.001193');
  });

  it('skips broken lines with their line numbers and reports unparsed fields', () => {
    const dir = tempDir();
    const file = path.join(dir, 'export.jsonl');
    const lines = fs.readFileSync(fixture, 'utf8').trim().split('\n').slice(0, 3);
    fs.writeFileSync(file, [lines[0], '{not json', JSON.stringify({ ma_thu_tuc: '9.999999' }), lines[1], lines[0]].join('\n'));
    const summary = importCatalog({ proceduresFile: file, outDir: path.join(dir, 'out'), clock: manualClock() });
    expect(summary.meta.procedures).toBe(2);
    expect(summary.rejected).toEqual([
      { line: 2, reason: 'not JSON' },
      { line: 3, reason: expect.stringContaining('detail_url') as unknown as string },
    ]);
    expect(summary.duplicates).toEqual([JSON.parse(lines[0]!).ma_thu_tuc]);
    expect(Object.keys(summary.unparsed)).toEqual(['channels', 'documents', 'legalBases', 'results', 'steps']);
  });

  it('refuses a file with no valid procedure, in both languages', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'x.jsonl'), 'nothing here\n');
    expect(() => importCatalog({ proceduresFile: path.join(dir, 'x.jsonl'), outDir: dir, clock: manualClock() })).toThrow(/no valid procedure/);
  });
});

describe('law documents', () => {
  it('reads chapters and articles with their numbers, titles, text and source acts', () => {
    const md = [
      '---', 'title: Hộ tịch', '---', '## VĂN BẢN', '# Hộ tịch', '', 'Chương I', '', 'NHỮNG QUY ĐỊNH CHUNG', '',
      'Điều 15.3.LQ.1. Phạm vi điều chỉnh', '', '(Điều 1 Luật số 60/2014/QH13 Hộ tịch ngày 20/11/2014 của Quốc hội)', '',
      'Luật này quy định về hộ tịch.', '', '(Điều này có nội dung liên quan đến Điều 2.2.LQ.16. Thẻ bảo hiểm y tế)', '',
      'Chương II', '', 'ĐĂNG KÝ HỘ TỊCH', '', 'Mục 1', '', 'ĐĂNG KÝ KHAI SINH', '',
      'Điều 15.3.LQ.16. Thủ tục đăng ký khai sinh', '', '(Điều 16 Luật số 60/2014/QH13)', '', '1. Người đi đăng ký khai sinh nộp tờ khai.Điều 15.3.NĐ.1.1. Phạm vi', '',
      '(Điều 1 Nghị định số 123/2015/NĐ-CP)', '', 'Nghị định này quy định chi tiết.', '## Danh sách điều khoản', 'Điều 9.9.LQ.9. Không phải một điều',
    ].join('\n');
    const law = parseLawMarkdown('ho-tich', md);
    expect(law.title).toBe('Hộ tịch');
    expect(law.articles.map((a) => a.number)).toEqual(['15.3.LQ.1', '15.3.LQ.16', '15.3.NĐ.1.1']);
    expect(law.articles[0]).toMatchObject({ title: 'Phạm vi điều chỉnh', chapter: 'Chương I. Những quy định chung', sourceArticle: 1, sourceCode: '60/2014/QH13' });
    expect(law.articles[0]!.text).toContain('Luật này quy định về hộ tịch.');
    expect(law.articles[1]).toMatchObject({ id: 'ho-tich/15.3.LQ.16', sourceArticle: 16, chapter: 'Chương II. Đăng ký hộ tịch' });
    expect(law.articles[1]!.text).toBe('1. Người đi đăng ký khai sinh nộp tờ khai.');
    expect(law.articles[2]!.sourceCode).toBe('123/2015/NĐ-CP');
    expect(law.codes).toEqual(['60/2014/QH13', '123/2015/NĐ-CP']);
    expect(law.chapters.map((c) => c.articleIds.length)).toEqual([1, 2]);
  });
});

describe('the bundled catalog in SQLite', () => {
  let core: Core;
  beforeAll(() => {
    core = makeCatalogCore().core;
  });
  afterAll(() => core.close());

  it('seeds all 2,642 procedures and the ten laws with a version and an import date', async () => {
    const info = await core.call('catalog.info', {});
    expect(info).toMatchObject({ procedures: 2642, laws: 10, version: readMeta('resources/catalog')!.version });
    expect(Date.parse(info!.importedAt)).not.toBeNaN();
    expect((await core.call('laws.list', {})).map((l) => l.title)).toContain('Hộ tịch');
  });

  it('links 1.001193 to the article of the Law on Civil Status that sets out its procedure', async () => {
    const p = await core.call('catalog.get', { code: '1.001193' });
    const law = p.legalBases.find((b) => b.code === '60/2014/QH13')!;
    expect(law).toMatchObject({ lawId: 'ho-tich', articleId: 'ho-tich/15.3.LQ.16' });
    expect(p.lawTitles['ho-tich']).toBe('Hộ tịch');
    const doc = await core.call('laws.get', { id: 'ho-tich', article: law.articleId! });
    const article = doc.articles.find((a) => a.id === law.articleId)!;
    expect(article.title).toBe('Thủ tục đăng ký khai sinh');
    // Titled as the law numbers it, not by the code's index (15.3.LQ.16); one chapter per page.
    expect(article.heading).toBe('Điều 16 Luật số 60/2014/QH13');
    expect(doc.chapters[doc.page]!.title).toBe('Chương II. Đăng ký hộ tịch tại uỷ ban nhân dân cấp xã');
    expect(doc.articles.every((a) => a.chapter === doc.chapters[doc.page]!.title)).toBe(true);
    expect(doc.articles.length).toBe(doc.chapters[doc.page]!.articleIds.length);
    const next = await core.call('laws.get', { id: 'ho-tich', chapter: doc.page + 1 });
    expect(next.articles[0]!.chapter).toBe('Chương III. Đăng ký hộ tịch tại ủy ban nhân dân cấp huyện');
  });

  it('browses by life event, sector, level and essential services, paged', async () => {
    const facets = await core.call('catalog.facets', {});
    expect(facets.lifeEvents.map((e) => e.name.vi)).toEqual(expect.arrayContaining(['Sinh con', 'Kết hôn', 'Qua đời', 'Cư trú và giấy tờ tùy thân', 'Kinh doanh', 'Xây dựng và nhà ở', 'Đất đai', 'Xe và lái xe', 'Bảo hiểm', 'Khiếu nại – tố cáo']));
    expect(facets.essentialCount).toBeGreaterThanOrEqual(20);
    const birth = await core.call('catalog.browse', { lifeEvent: 'sinh-con', limit: 5 });
    expect(birth.total).toBeGreaterThan(5);
    expect(birth.items).toHaveLength(5);
    expect(birth.items[0]!.essential).toBe(true);
    const page2 = await core.call('catalog.browse', { lifeEvent: 'sinh-con', limit: 5, offset: 5 });
    expect(page2.items[0]!.code).not.toBe(birth.items[0]!.code);
    const hoTich = await core.call('catalog.browse', { sector: 'Hộ tịch', level: 'commune', limit: 100 });
    expect(hoTich.items.every((i) => i.sector === 'Hộ tịch' && i.levels.includes('commune'))).toBe(true);
    const essential = await core.call('catalog.browse', { essential: true, limit: 100 });
    expect(essential.items.map((i) => i.code)).toEqual(expect.arrayContaining(['1.001193', '1.000656', '1.000894', '1.004222', '1.004194']));
  });

  it('highlights the matched words in names, with or without tones', async () => {
    const r = await core.call('catalog.search', { query: 'dang ky khai sinh', limit: 1 });
    const hit = r.procedures[0]!;
    expect(hit.highlights.map(([s, e]) => hit.name.slice(s, e))).toEqual(['Đăng', 'ký', 'khai', 'sinh']);
    const prefix = await core.call('catalog.search', { query: 'khai si', limit: 1 });
    expect(prefix.procedures[0]!.highlights.map(([s, e]) => prefix.procedures[0]!.name.slice(s, e))).toContain('si');
  });

  it('ranks exact tone marks above folded matches and treats hòa/hoà alike', async () => {
    const a = await core.call('catalog.search', { query: 'hòa giải', limit: 5 });
    const b = await core.call('catalog.search', { query: 'hoà giải', limit: 5 });
    expect(a.procedures.map((p) => p.code)).toEqual(b.procedures.map((p) => p.code));
    expect(a.procedures[0]!.name.toLowerCase()).toContain('hòa giải');
  });

  it('leaves out words nothing resembles, and says so', async () => {
    const r = await core.call('catalog.search', { query: 'khai sinh xyzzyq', limit: 3 });
    expect(r.ignored).toEqual(['xyzzyq']);
    expect(r.procedures[0]!.code).toBe('1.001193');
    expect((await core.call('catalog.search', { query: '   ', limit: 3 })).procedures).toEqual([]);
  });

  it('reads search syntax typed by accident as words: quotes, brackets and operators never break a search', async () => {
    const near = await core.call('catalog.search', { query: 'NEAR(khai sinh)', limit: 3 });
    expect(near.procedures[0]!.code).toBe('1.001193');
    expect(near.ignored).toEqual(['near']);
    expect((await core.call('catalog.search', { query: 'khai sinh" OR "x', limit: 3 })).procedures[0]!.code).toBe('1.001193');
    const stray = await core.invoke('catalog.search', { query: '"*) OR NEAR(', limit: 3 }, TEST_CALLER);
    expect(stray).toMatchObject({ ok: true, result: { ignored: ['near'] } });
  });

  it('searches law articles as their own group', async () => {
    const r = await core.call('catalog.search', { query: 'giấy chứng sinh', limit: 3, laws: true });
    expect(r.laws.length).toBeGreaterThan(0);
    expect(r.laws[0]!.snippet.toLowerCase()).toContain('chứng sinh');
    const inside = await core.call('laws.search', { query: 'khai sinh', lawId: 'ho-tich', limit: 5 });
    expect(inside.hits.every((h) => h.lawId === 'ho-tich')).toBe(true);
  });

  it('answers an unknown code or law with a not_found error in both languages', async () => {
    expect(await core.invoke('catalog.get', { code: '9.999999' }, TEST_CALLER)).toMatchObject({ ok: false, error: { code: 'not_found', message: { vi: 'Không tìm thấy thủ tục mã 9.999999.' } } });
    expect(await core.invoke('laws.get', { id: 'khong-co' }, TEST_CALLER)).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
