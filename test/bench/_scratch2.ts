import { makeCatalogCore } from '../helpers/catalog.js';
const { core } = makeCatalogCore();
for (const q of process.argv.slice(2)) {
  const r = await core.call('catalog.search', { query: q, limit: 4, lang: 'en' });
  console.log(`\n# ${q}  total=${r.total} match=${r.match}`);
  for (const p of r.procedures) console.log(`  ${p.code} ${p.nameEn ?? '-'} | ${p.name.slice(0, 60)}`);
}
const missing = (await import('../../electron/core/catalog/english.js')).ENGLISH;
for (const code of Object.keys(missing)) { try { await core.call('catalog.get', { code }); } catch { console.log('MISSING', code); } }
core.close();
