import type { Db } from '../db/open.js';
import { answerFirst } from './answer.js';
import type { LawDetail, LawSummary, LawChapter, Procedure, ProcedureDetail, ProcedureSummary } from './model.js';
import { ENGLISH } from './english.js';

/** The columns every procedure list reads; search adds its own score columns. */
export interface SummaryRow {
  code: string;
  name: string;
  sector: string;
  levels: string;
  essential: number;
  online: number;
}

export const toSummary = (r: SummaryRow): ProcedureSummary => ({
  code: r.code,
  name: r.name,
  ...(ENGLISH[r.code] ? { nameEn: ENGLISH[r.code]!.name } : {}),
  sector: r.sector,
  levels: r.levels ? r.levels.split(',') : [],
  essential: r.essential === 1,
  online: r.online === 1,
});

export function getProcedure(db: Db, code: string): ProcedureDetail | null {
  const row = db.prepare<[string], { data: string }>('SELECT data FROM procedures WHERE code = ?').get(code);
  if (!row) return null;
  const p = JSON.parse(row.data) as Procedure;
  const lifeEvents = db
    .prepare<[string], { id: string; name_vi: string; name_en: string }>(
      `SELECT e.id, e.name_vi, e.name_en FROM life_event_procedures lp JOIN life_events e ON e.id = lp.life_event_id
       WHERE lp.procedure_code = ? ORDER BY e.position`,
    )
    .all(code)
    .map((e) => ({ id: e.id, name: { vi: e.name_vi, en: e.name_en } }));
  const lawIds = [...new Set(p.legalBases.map((b) => b.lawId).filter((id): id is string => !!id))];
  const lawTitles: Record<string, string> = {};
  for (const id of lawIds) {
    const law = db.prepare<[string], { title: string }>('SELECT title FROM laws WHERE id = ?').get(id);
    if (law) lawTitles[id] = law.title;
  }
  return { ...p, lifeEvents, lawTitles, answer: answerFirst(p) };
}

export interface BrowseFilter {
  lifeEvent?: string;
  sector?: string;
  level?: 'ministry' | 'province' | 'commune' | 'other';
  essential?: boolean;
  offset: number;
  limit: number;
}

export function listLaws(db: Db): LawSummary[] {
  return db
    .prepare<[], LawSummary>(
      `SELECT l.id, l.title, count(a.id) AS articles FROM laws l LEFT JOIN law_articles a ON a.law_id = l.id
       GROUP BY l.id ORDER BY l.position`,
    )
    .all();
}

interface ArticleRow {
  article_id: string;
  number: string;
  title: string;
  chapter: string | null;
  text: string;
  source: string;
  source_article: number | null;
  source_code: string | null;
}

/**
 * An article's title as the law itself numbers it: "Điều 16 Luật số 60/2014/QH13", from the code's
 * source note ("Điều 16 Luật số 60/2014/QH13 Hộ tịch ngày …"); the code's own index ("15.3.LQ.16")
 * only where the note names no act.
 */
export function articleHeading(a: { number: string; source: string; sourceArticle: number | null; sourceCode: string | null }): string {
  const m = a.source.match(/^Điều\s+(\d+[a-zđ]?)\s+(.+?\s+số\s+\S+?)(?=[\s,;]|$)/u);
  if (m) return `Điều ${m[1]} ${m[2]}`;
  if (a.sourceArticle && a.sourceCode) return `Điều ${a.sourceArticle} ${a.sourceCode}`;
  return `Điều ${a.number}`;
}

/**
 * One law topic, a chapter at a time (the Hộ tịch topic whole is 106 articles): the chapter holding
 * `article` when given, else chapter `chapter` (0-based, default the first). `chapters` lists every
 * chapter's title and article ids, so the table of contents stays whole.
 */
export function getLaw(db: Db, id: string, at: { chapter?: number; article?: string } = {}): LawDetail | null {
  const law = db.prepare<[string], { id: string; title: string; data: string }>('SELECT id, title, data FROM laws WHERE id = ?').get(id);
  if (!law) return null;
  const stored = (JSON.parse(law.data) as { chapters: LawChapter[] }).chapters;
  const all = db
    .prepare<[string], ArticleRow>('SELECT article_id, number, title, chapter, text, source, source_article, source_code FROM law_articles WHERE law_id = ? ORDER BY position')
    .all(id)
    .map((a) => {
      const article = { id: a.article_id, number: a.number, title: a.title, chapter: a.chapter, text: a.text, source: a.source, sourceArticle: a.source_article, sourceCode: a.source_code };
      return { ...article, heading: articleHeading(article) };
    });
  const chapters = stored.length ? stored : [{ title: law.title, articleIds: all.map((a) => a.id) }];
  const wanted = at.article ? chapters.findIndex((c) => c.articleIds.includes(at.article!)) : (at.chapter ?? 0);
  const page = Math.min(Math.max(wanted, 0), chapters.length - 1);
  const ids = new Set(chapters[page]!.articleIds);
  const headings = Object.fromEntries(all.map((a) => [a.id, { heading: a.heading, title: a.title }]));
  return { id: law.id, title: law.title, chapters, articles: all.filter((a) => ids.has(a.id)), page, headings };
}
