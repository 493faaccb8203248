import { makeCatalogCore } from '../helpers/catalog.js';
import { RESIDENT_QUERIES } from '../helpers/resident-queries.js';
const { core } = makeCatalogCore();
for (const { query, lang } of RESIDENT_QUERIES) {
  const r = await core.call('catalog.search', { query, limit: 3, lang });
  if (r.match !== 'good' || r.relaxed.length) console.log(query, r.match, r.relaxed, r.procedures[0]?.name.slice(0, 60));
}
for (const query of ['trợ cấp người cao tuổi', 'tôi muốn đăng ký tạm trú cho con', 'xyzqư', 'giấy phép kinh doanh karaoke', 'tro cap', 'nguoi cao tuoi']) {
  const r = await core.call('catalog.search', { query, limit: 3 });
  console.log('#', query, r.match, r.relaxed, r.total, r.procedures.map((p) => p.name.slice(0, 50)), r.suggestions?.lifeEvents.map((e) => e.name.vi));
}
core.close();
