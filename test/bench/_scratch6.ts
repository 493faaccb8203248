import { makeCatalogCore } from '../helpers/catalog.js';
import { CatalogSearch } from '../../electron/core/catalog/search.js';
import { time } from './stats.js';
const { core } = makeCatalogCore();
const s = new CatalogSearch(core.db);
for (const q of ['so d', 'xin giay ', 'thue']) {
  const a = []; const b = [];
  for (let i = 0; i < 20; i++) { a.push(time(() => s.searchLaws(q, { limit: 5 })).ms); b.push(time(() => s.searchProcedures(q, { limit: 20 })).ms); }
  console.log(q, 'laws min', Math.min(...a).toFixed(2), 'med', a.sort((x,y)=>x-y)[10].toFixed(2), '| procs min', Math.min(...b).toFixed(2), 'med', b.sort((x,y)=>x-y)[10].toFixed(2));
}
core.close();
