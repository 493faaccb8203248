/**
 * The catalog as a resident sees it: browsing by life event, sector or "essential" shows what a
 * resident of this ward can do (`audience.ts`), with the rest counted and one tap away; internal
 * notices never show. Sectors whose names differ only in punctuation or "và" are one sector,
 * sorted with Vietnamese collation, the sectors residents use first.
 */
import type { Db } from '../db/open.js';
import { searchFold, words } from '../text/fold.js';
import type { Audience } from './audience.js';
import type { Facets, ProcedureSummary } from './model.js';
import { toSummary, type BrowseFilter, type SummaryRow } from './repo.js';

/** Sectors a ward's residents come for (folded keys, see `sectorKey`), in no particular order. */
const RESIDENT_SECTORS = new Set(
  [
    'Hộ tịch', 'Đăng ký, quản lý cư trú', 'Cấp, quản lý căn cước', 'Chứng thực', 'Đất đai', 'Hoạt động xây dựng', 'Người có công', 'Bảo trợ xã hội',
    'Giảm nghèo', 'Nuôi con nuôi', 'Lý lịch tư pháp', 'Thành lập và hoạt động doanh nghiệp (hộ kinh doanh)', 'Khiếu nại, tố cáo', 'Quản lý xuất nhập cảnh',
    'Sát hạch, cấp giấy phép lái xe', 'Đăng ký, quản lý phương tiện giao thông cơ giới, xe máy chuyên dùng', 'Thực hiện chính sách BHYT', 'Cấp sổ BHXH, thẻ BHYT',
    'Hòa giải ở cơ sở', 'Trợ giúp pháp lý', 'Định danh và xác thực điện tử', 'Thuế', 'Nhà ở và công sở', 'Chính sách',
  ].map((s) => sectorKey(s)),
);

/** One key for a sector however the portal punctuates it: "Thi đua – Khen thưởng" = "Thi đua khen thưởng". */
export function sectorKey(name: string): string {
  return words(searchFold(name))
    .filter((w) => w !== 'va')
    .join(' ');
}

const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

/** Every sector name the catalog uses, grouped by key. */
function sectorNames(db: Db): Map<string, { name: string; count: number }[]> {
  const groups = new Map<string, { name: string; count: number }[]>();
  for (const s of db.prepare<[], { name: string; count: number }>('SELECT sector AS name, count(*) AS count FROM procedures GROUP BY sector').all()) {
    if (!s.name) continue;
    const key = sectorKey(s.name);
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  return groups;
}

/**
 * Facets for browsing: life events with the number of procedures a resident of this ward can do in
 * each, sectors merged and sorted (residents' common ones first, `common: true`), and the essential
 * services. Counts leave out internal notices.
 */
export function residentFacets(db: Db, audienceOf: (code: string) => Audience): Facets {
  const links = db.prepare<[], { id: string; code: string }>('SELECT life_event_id AS id, procedure_code AS code FROM life_event_procedures').all();
  const wardCount = new Map<string, number>();
  for (const l of links) if (audienceOf(l.code) === 'ward') wardCount.set(l.id, (wardCount.get(l.id) ?? 0) + 1);
  const lifeEvents = db
    .prepare<[], { id: string; name_vi: string; name_en: string }>('SELECT id, name_vi, name_en FROM life_events ORDER BY position')
    .all()
    .map((e) => ({ id: e.id, name: { vi: e.name_vi, en: e.name_en }, count: wardCount.get(e.id) ?? 0 }));
  const internal = new Map<string, number>();
  for (const r of db.prepare<[], { code: string; sector: string }>('SELECT code, sector FROM procedures').all()) {
    if (audienceOf(r.code) === 'internal') internal.set(r.sector, (internal.get(r.sector) ?? 0) + 1);
  }
  const sectors = [...sectorNames(db)]
    .map(([key, variants]) => {
      // The spelling most procedures use names the merged sector.
      const name = [...variants].sort((a, b) => b.count - a.count || collator.compare(a.name, b.name))[0]!.name;
      const count = variants.reduce((n, v) => n + v.count - (internal.get(v.name) ?? 0), 0);
      return { name, count, common: RESIDENT_SECTORS.has(key) };
    })
    .filter((s) => s.count > 0)
    .sort((a, b) => Number(b.common) - Number(a.common) || collator.compare(a.name, b.name));
  const essentialCount = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM procedures WHERE essential = 1').get()!.n;
  return { lifeEvents, sectors, essentialCount };
}

export interface ResidentBrowse {
  items: ProcedureSummary[];
  total: number;
  /** In `ward` scope: how many more this filter has that a resident of this ward does not file here. */
  others: number;
}

/**
 * Procedures by life event, sector (any spelling of it), level or "essential": essential and
 * commune-level first, then by name in Vietnamese order. `scope: 'ward'` (the default) keeps what a
 * resident of this ward can do; `all` adds the rest. Internal notices never show.
 */
export function residentBrowse(db: Db, f: BrowseFilter & { scope?: 'ward' | 'all' }, audienceOf: (code: string) => Audience): ResidentBrowse {
  const where: string[] = [];
  const params: string[] = [];
  if (f.lifeEvent) {
    where.push('p.code IN (SELECT procedure_code FROM life_event_procedures WHERE life_event_id = ?)');
    params.push(f.lifeEvent);
  }
  if (f.sector) {
    const variants = sectorNames(db).get(sectorKey(f.sector))?.map((v) => v.name) ?? [f.sector];
    where.push(`p.sector IN (${variants.map(() => '?').join(', ')})`);
    params.push(...variants);
  }
  if (f.level) {
    where.push("(',' || p.levels || ',') LIKE ?");
    params.push(`%,${f.level},%`);
  }
  if (f.essential) where.push('p.essential = 1');
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const rows = db.prepare<string[], SummaryRow & { commune: number }>(`SELECT p.code, p.name, p.sector, p.levels, p.essential, p.online, p.commune FROM procedures p ${clause}`).all(...params);
  const visible = rows.filter((r) => audienceOf(r.code) !== 'internal');
  const ward = visible.filter((r) => audienceOf(r.code) === 'ward');
  const shown = f.scope === 'all' ? visible : ward;
  shown.sort((a, b) => b.essential - a.essential || b.commune - a.commune || collator.compare(a.name, b.name));
  return { items: shown.slice(f.offset, f.offset + f.limit).map(toSummary), total: shown.length, others: f.scope === 'all' ? 0 : visible.length - ward.length };
}
