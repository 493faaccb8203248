import type { Db } from '../db/open.js';
import { normalizeTonePlacement, searchFold, words } from '../text/fold.js';
import { procedureIndexText } from './index-text.js';
import type { CatalogMeta, CatalogSnapshot } from './model.js';

export function currentCatalogVersion(db: Db): string | null {
  const row = db.prepare<[], { value: string }>("SELECT value FROM catalog_meta WHERE key = 'version'").get();
  return row?.value ?? null;
}

export function catalogMeta(db: Db): CatalogMeta | null {
  const row = db.prepare<[], { value: string }>("SELECT value FROM catalog_meta WHERE key = 'meta'").get();
  return row ? (JSON.parse(row.value) as CatalogMeta) : null;
}

/** Replaces the whole catalog with the snapshot, in one transaction (a crash leaves the old one). */
export function replaceCatalog(db: Db, snapshot: CatalogSnapshot): void {
  db.transaction(() => {
    for (const t of ['procedures_fts', 'procedure_names_fts', 'law_fts', 'life_event_procedures', 'life_events', 'law_articles', 'laws', 'procedures', 'catalog_meta']) {
      db.prepare(`DELETE FROM ${t}`).run();
    }
    const eventsByCode = new Map<string, string[]>();
    const insertEvent = db.prepare('INSERT INTO life_events (id, position, name_vi, name_en) VALUES (?, ?, ?, ?)');
    const insertEventProc = db.prepare('INSERT OR IGNORE INTO life_event_procedures (life_event_id, procedure_code) VALUES (?, ?)');
    snapshot.lifeEvents.forEach((e, i) => {
      insertEvent.run(e.id, i, e.name.vi, e.name.en);
      for (const code of e.procedureCodes) {
        insertEventProc.run(e.id, code);
        eventsByCode.set(code, [...(eventsByCode.get(code) ?? []), e.name.vi]);
      }
    });

    const insertProc = db.prepare(
      'INSERT INTO procedures (code, name, sector, ministry, levels, commune, essential, online, name_words, name_exact, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const insertProcFts = db.prepare('INSERT INTO procedures_fts (rowid, name, sector, body) VALUES (?, ?, ?, ?)');
    const insertNameFts = db.prepare('INSERT INTO procedure_names_fts (rowid, name) VALUES (?, ?)');
    for (const p of snapshot.procedures) {
      const nameWords = words(searchFold(p.name)).join(' ');
      const nameExact = normalizeTonePlacement(p.name).split(/[^\p{L}\p{N}]+/u).filter(Boolean).join(' ');
      const { lastInsertRowid } = insertProc.run(p.code, p.name, p.sector, p.ministry, p.levels.join(','), p.levels.includes('commune') ? 1 : 0, p.essential ? 1 : 0, p.onlineAvailable ? 1 : 0, nameWords, nameExact, JSON.stringify(p));
      const idx = procedureIndexText(p, eventsByCode.get(p.code) ?? []);
      insertProcFts.run(lastInsertRowid, idx.name, idx.sector, idx.body);
      insertNameFts.run(lastInsertRowid, idx.name);
    }

    const insertLaw = db.prepare('INSERT INTO laws (id, title, position, data) VALUES (?, ?, ?, ?)');
    const insertArticle = db.prepare(
      'INSERT INTO law_articles (article_id, law_id, position, number, title, chapter, text, source, source_article, source_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const insertLawFts = db.prepare('INSERT INTO law_fts (rowid, title, body) VALUES (?, ?, ?)');
    snapshot.laws.forEach((law, i) => {
      insertLaw.run(law.id, law.title, i, JSON.stringify({ chapters: law.chapters, codes: law.codes }));
      law.articles.forEach((a, j) => {
        const { lastInsertRowid } = insertArticle.run(a.id, law.id, j, a.number, a.title, a.chapter, a.text, a.source, a.sourceArticle, a.sourceCode);
        insertLawFts.run(lastInsertRowid, searchFold(`${law.title} ${a.title}`), searchFold(a.text));
      });
    });

    const meta = db.prepare('INSERT INTO catalog_meta (key, value) VALUES (?, ?)');
    meta.run('version', snapshot.meta.version);
    meta.run('meta', JSON.stringify(snapshot.meta));
  })();
}
