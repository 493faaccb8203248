/**
 * Who a procedure is for, as a resident at this ward's kiosk sees the catalog. Pure: decided from
 * the name, the levels and the applicants the portal lists.
 *
 * - `internal` — not a procedure a person files: a province's publication of its internal
 *   workflows ("Công bố Danh mục và Quy trình nội bộ … tỉnh Hà Tĩnh") or anything naming one
 *   province. It never reaches residents.
 * - `ward` — what a resident of this ward can do: filed at the commune level (or one of Project 06's
 *   essential services, which every resident may file online), by a person (the portal lists a
 *   citizen, a foreigner or an overseas Vietnamese among the applicants, or nobody).
 * - `other` — the rest (ministry or province level, companies, organisations): one tap away.
 */
export type Audience = 'internal' | 'ward' | 'other';

/** Internal workflow notices and items that name one province ("tỉnh Hà Tĩnh", "Thành phố Huế"). */
const INTERNAL = [/^công bố danh mục/iu, /quy trình nội bộ/iu, /\b(?:tỉnh|thành phố) (?!trực thuộc)\p{Lu}/u];
const PERSON = /công dân|người nước ngoài|người việt nam|cá nhân|hộ gia đình/iu;

export function procedureAudience(p: { name: string; levels: readonly string[]; applicants: readonly string[]; essential: boolean }): Audience {
  const name = p.name.replace(/\s+/g, ' ').trim();
  if (INTERNAL.some((re) => re.test(name))) return 'internal';
  const byPerson = p.applicants.length === 0 || p.applicants.some((a) => PERSON.test(a));
  return byPerson && (p.levels.includes('commune') || p.essential) ? 'ward' : 'other';
}
