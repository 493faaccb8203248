import type { LawArticle, LawDocument, LegalBasis, Procedure } from './model.js';
import { searchFold, words } from '../text/fold.js';
import { legalCodesIn } from './parse/legal.js';

interface LawIndex {
  byCode: Map<string, { law: LawDocument; articles: LawArticle[] }>;
}

export function indexLaws(laws: LawDocument[]): LawIndex {
  const byCode = new Map<string, { law: LawDocument; articles: LawArticle[] }>();
  for (const law of laws) {
    for (const a of law.articles) {
      if (!a.sourceCode) continue;
      const entry = byCode.get(a.sourceCode) ?? { law, articles: [] };
      entry.articles.push(a);
      byCode.set(a.sourceCode, entry);
    }
  }
  return { byCode };
}

/**
 * How well an article title matches a procedure name: the share of words they have in common
 * (Jaccard), with "thủ tục" ignored but preferred ("Thủ tục đăng ký khai sinh" over "Thẩm quyền
 * đăng ký khai sinh" for 1.001193).
 */
function titleMatch(procedureName: string, articleTitle: string): number {
  const folded = searchFold(articleTitle);
  const a = new Set(words(searchFold(procedureName)).filter((w) => w !== 'thu' && w !== 'tuc'));
  const b = new Set(words(folded.replace(/^thu tuc\s+/, '')));
  const common = [...b].filter((w) => a.has(w)).length;
  const union = new Set([...a, ...b]).size;
  return union === 0 ? 0 : common / union + (folded.startsWith('thu tuc') ? 0.1 : 0);
}

/** Articles the procedure's own text names next to the code: "Điều 16 … 60/2014/QH13". */
function namedArticle(text: string, code: string, articles: LawArticle[]): LawArticle | null {
  const escaped = code.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const re = new RegExp(`Điều (\\d+)[^.;\\n]{0,80}?${escaped}`, 'gu');
  for (const m of text.matchAll(re)) {
    const found = articles.find((a) => a.sourceArticle === Number(m[1]));
    if (found) return found;
  }
  return null;
}

/** The topic whose title a basis names as a law ("… thi hành Luật Hộ tịch", "Luật hộ tịch"): its own act's articles. */
function namedLaw(title: string, index: LawIndex): { law: LawDocument; articles: LawArticle[] } | undefined {
  const folded = searchFold(title);
  for (const { law, articles } of index.byCode.values()) {
    const act = law.codes[0];
    if (!act || !/\/QH\d{2}$/.test(act)) continue;
    if (folded.includes(`luat ${searchFold(law.title)}`)) return index.byCode.get(act) ?? { law, articles };
  }
  return undefined;
}

/**
 * The compiled act a legal basis leads to: its own code; else a code its title names (an amending
 * act: "Sửa đổi … Thông tư số 04/2020/TT-BTP …"), the first one the code compiles; else a law its
 * title names by name ("… Luật Hộ tịch").
 */
function actFor(basis: LegalBasis, index: LawIndex): { code: string | null; entry: { law: LawDocument; articles: LawArticle[] } } | undefined {
  const own = basis.code ? index.byCode.get(basis.code) : undefined;
  if (own) return { code: basis.code, entry: own };
  for (const code of legalCodesIn(basis.title)) {
    const entry = index.byCode.get(code);
    if (entry) return { code, entry };
  }
  const named = namedLaw(basis.title, index);
  return named ? { code: null, entry: named } : undefined;
}

/**
 * Links each legal basis that names an act of the bundled code (its own code, a code its title
 * names, or a law by name) to the law topic that compiles it, and to an article: the one the
 * procedure's text names, else the article of that act whose title best matches the procedure
 * ("Thủ tục đăng ký khai sinh" for 1.001193), else the act's first article.
 */
export function linkLegalBases(p: Procedure, index: LawIndex): Procedure {
  const text = [p.legalBases.map((l) => l.title).join('\n'), p.steps.map((s) => `${s.title ?? ''} ${s.text}`).join('\n'), p.conditions ?? '', p.documents.map((d) => d.name).join('\n')].join('\n');
  const legalBases = p.legalBases.map((basis) => {
    const found = actFor(basis, index);
    if (!found) return { ...basis, lawId: null, articleId: null };
    const { entry, code } = found;
    const named = code ? namedArticle(text, code, entry.articles) : null;
    let best = named;
    if (!best) {
      let score = 0;
      for (const a of entry.articles) {
        const s = titleMatch(p.name, a.title);
        if (s > score) [best, score] = [a, s];
      }
      if (score < 0.5) best = null;
    }
    return { ...basis, lawId: entry.law.id, articleId: (best ?? entry.articles[0]!).id };
  });
  return { ...p, legalBases };
}
