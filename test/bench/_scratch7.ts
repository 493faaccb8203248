import { makeCatalogCore } from '../helpers/catalog.js';
import { asYouTypeRows } from './as-you-type.js';
const { core } = makeCatalogCore();
const r = await asYouTypeRows(core);
console.log(r.rows.map((x) => x.slice(0, 2).join(' ')).join('\n'));
console.log(r.misses.join('\n'));
core.close();
