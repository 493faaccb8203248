/**
 * The procedures this ward's residents file most, for the big buttons on the kiosk's home: counted
 * from the ward's own dossiers over the last 90 days (a desk holds every dossier of its ward; a kiosk
 * only its own filings), topped up from a default list a ward office sees daily (birth, marriage,
 * death, residence, copies and certification) until there are enough. The count is kept an hour:
 * the home screen asks at every visit, the answer moves slowly.
 */
import type { Db } from '../db/open.js';
import type { PopularProcedures } from './model.js';
import { toSummary, type SummaryRow } from './repo.js';

/** What a ward's one-stop office handles most, when its own dossiers do not say yet. */
export const DEFAULT_POPULAR = ['1.001193', '1.004222', '1.004194', '1.000894', '1.000656', '2.000635', '1.004873', '2.000815'];


const WINDOW_DAYS = 90;
/** Fewer filings than this in the window, and the ward's own order is noise: the default leads. */
const ENOUGH = 20;

export function createPopular(db: Db, now: () => Date) {
  let cache: { at: number; limit: number; value: PopularProcedures } | null = null;
  const summary = db.prepare<[string], SummaryRow>('SELECT code, name, sector, levels, essential, online FROM procedures WHERE code = ?');
  return (limit: number): PopularProcedures => {
    const t = now().getTime();
    if (cache && cache.limit === limit && t - cache.at < 3_600_000) return cache.value;
    const since = new Date(t - WINDOW_DAYS * 86_400_000).toISOString();
    const counts = db
      .prepare<[string, number], { code: string; n: number }>(
        'SELECT procedure_code AS code, count(*) AS n FROM dossiers WHERE filed_at >= ? GROUP BY procedure_code ORDER BY n DESC, procedure_code LIMIT ?',
      )
      .all(since, limit * 2);
    const total = counts.reduce((s, c) => s + c.n, 0);
    const source = total >= ENOUGH ? 'ward' : 'default';
    const order = source === 'ward' ? [...counts.map((c) => c.code), ...DEFAULT_POPULAR] : [...DEFAULT_POPULAR, ...counts.map((c) => c.code)];
    const filed = new Map(counts.map((c) => [c.code, c.n]));
    const items: PopularProcedures['items'] = [];
    for (const code of new Set(order)) {
      const row = summary.get(code);
      if (row) items.push({ ...toSummary(row), filed: filed.get(code) ?? 0 });
      if (items.length >= limit) break;
    }
    const value = { items, source } as const;
    cache = { at: t, limit, value };
    return value;
  };
}
