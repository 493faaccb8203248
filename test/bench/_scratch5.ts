import { makeCatalogCore } from '../helpers/catalog.js';
import { time } from './stats.js';
const { core } = makeCatalogCore();
core.call('catalog.search', { query: 'x', limit: 20 });
for (const q of process.argv.slice(2)) {
  const ms = [];
  for (let i = 0; i < 8; i++) ms.push(time(() => core.call('catalog.search', { query: q, limit: 20, laws: true })).ms);
  const ms2 = [];
  for (let i = 0; i < 8; i++) ms2.push(time(() => core.call('catalog.search', { query: q, limit: 20 })).ms);
  console.log(q, ms.map((x) => x.toFixed(1)).join(' '), '| no laws', ms2.map((x) => x.toFixed(1)).join(' '));
}
core.close();
