import { AppError } from '../errors.js';
import type { CoreDeps, HandlersOf } from '../handlers.js';
import { browseProcedures, facets, getLaw, getProcedure, listLaws } from './repo.js';
import type { CatalogSearch } from './search.js';
import { catalogMeta } from './seed.js';
import { createPopular } from './popular.js';
import { httpQueueDesk } from '../visits/link.js';
import type { PopularProcedures } from './model.js';

const notFound = (what: { vi: string; en: string }) => new AppError('not_found', what);

export function catalogHandlers({ db, loaded, clock }: CoreDeps, search: CatalogSearch): HandlersOf<'catalog.'> {
  const popular = createPopular(db, () => clock.now());
  const boosts = { communeBoost: loaded.config.search.communeBoost, essentialBoost: loaded.config.search.essentialBoost };
  return {
    'catalog.info': () => catalogMeta(db),
    'catalog.search': ({ query, limit = 20, offset = 0, laws = false }) => {
      const found = search.searchProcedures(query, { limit, offset, ...boosts });
      const lawHits = laws ? search.searchLaws(query, { limit: 5 }).hits : [];
      return { query, procedures: found.hits, total: found.total, laws: lawHits, ignored: found.parsed.ignored };
    },
    'catalog.get': ({ code }) => {
      const p = getProcedure(db, code);
      if (!p) throw notFound({ vi: `Không tìm thấy thủ tục mã ${code}.`, en: `No procedure with code ${code}.` });
      return p;
    },
    'catalog.browse': ({ offset = 0, limit = 20, ...filter }) => browseProcedures(db, { ...filter, offset, limit }),
    'catalog.facets': () => facets(db),
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
