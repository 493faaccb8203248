import { makeCatalogCore } from '../helpers/catalog.js';
const { core } = makeCatalogCore();
const qs = process.argv.slice(2);
for (const q of qs) {
  const r = await core.call('catalog.search', { query: q, limit: 5 });
  console.log(`\n# ${q}  total=${r.total} ignored=${r.ignored}`);
  for (const p of r.procedures) console.log(`  ${p.code} ${p.score} ${p.name.slice(0, 110)} [${p.levels}]`);
}
core.close();
