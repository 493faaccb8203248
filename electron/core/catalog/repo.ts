import type { Db } from '../db/open.js';
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
  return { ...p, lifeEvents, lawTitles };
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

export function getLaw(db: Db, id: string): LawDetail | null {
  const law = db.prepare<[string], { id: string; title: string; data: string }>('SELECT id, title, data FROM laws WHERE id = ?').get(id);
  if (!law) return null;
  const { chapters } = JSON.parse(law.data) as { chapters: LawChapter[] };
  const articles = db
    .prepare<[string], ArticleRow>('SELECT article_id, number, title, chapter, text, source, source_article, source_code FROM law_articles WHERE law_id = ? ORDER BY position')
    .all(id)
    .map((a) => ({
      id: a.article_id,
      number: a.number,
      title: a.title,
      chapter: a.chapter,
      text: a.text,
      source: a.source,
      sourceArticle: a.source_article,
      sourceCode: a.source_code,
    }));
  return { id: law.id, title: law.title, chapters, articles };
}
