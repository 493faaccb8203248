import { makeCatalogCore } from '../helpers/catalog.js';
import { queriesFor } from './queries.js';
import { time } from './stats.js';
import { RESIDENT_QUERIES } from '../helpers/resident-queries.js';
const { core } = makeCatalogCore();
const names = core.db.prepare<[], { name: string }>('SELECT name FROM procedures').all().map((r) => r.name);
const queries = queriesFor(names, 240);
for (const q of RESIDENT_QUERIES) { const c=[...q.query]; for (let n=2;n<=c.length;n++) queries.push(c.slice(0,n).join('')); }
for (const q of queries) core.call('catalog.search', { query: q, limit: 20 });
const t = queries.map((q) => ({ q, ms: time(() => core.call('catalog.search', { query: q, limit: 20, laws: true })).ms }));
t.sort((a, b) => b.ms - a.ms);
for (const x of t.slice(0, 25)) console.log(x.ms.toFixed(1), x.q);
core.close();
