import type { ProcedureSummary, SearchSuggestions } from '../../contract.js';
import { AppError } from '../errors.js';
import type { CoreDeps, HandlersOf } from '../handlers.js';
import { searchFold, words } from '../text/fold.js';
import { ENGLISH, searchEnglish } from './english.js';
import { LIFE_EVENT_RULES } from './life-events.js';
import type { Facets, ProcedureHit } from './model.js';
import { getLaw, getProcedure, listLaws, toSummary, type SummaryRow } from './repo.js';
import { residentBrowse, residentFacets } from './resident-view.js';
import type { CatalogSearch } from './search.js';
import { catalogMeta } from './seed.js';
import { createPopular } from './popular.js';
import { httpQueueDesk } from '../visits/link.js';
import type { PopularProcedures } from './model.js';

const notFound = (what: { vi: string; en: string }) => new AppError('not_found', what);

export function catalogHandlers({ db, loaded, clock }: CoreDeps, search: CatalogSearch): HandlersOf<'catalog.'> {
  const popular = createPopular(db, () => clock.now());
  const boosts = { communeBoost: loaded.config.search.communeBoost, essentialBoost: loaded.config.search.essentialBoost };
  const audienceOf = (code: string) => search.audienceOf(code);
  // Facets change only with the catalog; a search with no good answer reads them on every keystroke.
  let facetsCache: { generation: number; facets: Facets } | null = null;
  const facets = (): Facets => {
    if (facetsCache?.generation !== search.generation) facetsCache = { generation: search.generation, facets: residentFacets(db, audienceOf) };
    return facetsCache.facets;
  };

  const summaries = (codes: string[]): ProcedureSummary[] => {
    if (!codes.length) return [];
    const rows = db
      .prepare<string[], SummaryRow>(`SELECT code, name, sector, levels, essential, online FROM procedures WHERE code IN (${codes.map(() => '?').join(', ')})`)
      .all(...codes);
    const byCode = new Map(rows.map((r) => [r.code, toSummary(r)]));
    return codes.flatMap((c) => byCode.get(c) ?? []);
  };

  /** The life events whose names or keywords share words with the query (all of them when none do), and the popular procedures (one rule: `popular.ts`). */
  const suggest = (query: string): SearchSuggestions => {
    const asked = new Set(words(searchFold(query)));
    const events = facets().lifeEvents.filter((e) => e.count > 0);
    const closeness = (id: string, name: { vi: string; en: string }) => {
      const rule = LIFE_EVENT_RULES.find((r) => r.id === id);
      const text = [name.vi, name.en, ...(rule?.keywords ?? []), ...(rule?.sectors ?? [])].join(' ');
      return words(searchFold(text)).filter((w) => w.length > 1 && asked.has(w)).length;
    };
    const scored = events.map((e, i) => ({ e, score: closeness(e.id, e.name), i })).sort((a, b) => b.score - a.score || a.i - b.i);
    const close = scored.filter((s) => s.score > 0);
    return { lifeEvents: (close.length ? close : scored).slice(0, 4).map((s) => s.e), popular: popular(6).items.map(({ filed: _filed, ...summary }) => summary) };
  };

  return {
    'catalog.info': () => catalogMeta(db),
    'catalog.search': ({ query, limit = 20, offset = 0, laws = false, lang = 'vi' }) => {
      const lawHits = laws && lang === 'vi' ? search.searchLaws(query, { limit: 5 }).hits : [];
      if (lang === 'en') {
        // English names and keywords first; Vietnamese words typed in English mode still work.
        const english = searchEnglish(query);
        const visible = english.codes.filter((c) => audienceOf(c) !== 'internal');
        if (visible.length) {
          const procedures: ProcedureHit[] = summaries(visible.slice(offset, offset + limit)).map((s) => ({ ...s, score: 1, highlights: [] }));
          const match = english.complete ? 'good' : 'weak';
          return { query, procedures, total: visible.length, laws: [], ignored: [], match, relaxed: [], suggestions: match === 'good' ? null : suggest(query) };
        }
      }
      const found = search.searchProcedures(query, { limit, offset, residents: true, ...boosts });
      const suggestions = found.match === 'good' || !query.trim() ? null : suggest(query);
      return { query, procedures: found.hits, total: found.total, laws: lawHits, ignored: found.parsed.ignored, match: found.match, relaxed: found.relaxed, suggestions };
    },
    'catalog.get': ({ code }) => {
      const p = getProcedure(db, code);
      if (!p) throw notFound({ vi: `Không tìm thấy thủ tục mã ${code}.`, en: `No procedure with code ${code}.` });
      const en = ENGLISH[p.code];
      return { ...p, english: en ? { name: en.name, summary: en.summary ?? null } : null };
    },
    'catalog.browse': ({ offset = 0, limit = 20, scope = 'ward', ...filter }) => residentBrowse(db, { ...filter, scope, offset, limit }, audienceOf),
    'catalog.facets': () => facets(),
    // A kiosk holds only its own filings; the queue desk holds the ward's: ask it, else count here.
    'catalog.popular': async ({ limit = 6 }) => {
      if (loaded.config.mode === 'kiosk' && loaded.config.queue.url) {
        try {
          return await httpQueueDesk(loaded.config.queue.url).call<PopularProcedures>('catalog.popular', { limit });
        } catch {
          return popular(limit);
        }
      }
      return popular(limit);
    },
  };
}

export function lawHandlers({ db }: CoreDeps, search: CatalogSearch): HandlersOf<'laws.'> {
  return {
    'laws.list': () => listLaws(db),
    'laws.get': ({ id, chapter, article }) => {
      const law = getLaw(db, id, { chapter, article });
      if (!law) throw notFound({ vi: `Không tìm thấy văn bản “${id}”.`, en: `No law document “${id}”.` });
      return law;
    },
    'laws.search': ({ query, lawId, limit = 10 }) => {
      const found = search.searchLaws(query, { lawId, limit });
      return { hits: found.hits, ignored: found.parsed.ignored };
    },
  };
}
