import type { Db } from '../db/open.js';
import { normalizeTonePlacement, searchFold, words } from '../text/fold.js';
import { procedureIndexText } from './index-text.js';
import type { CatalogMeta, CatalogSnapshot, LawDocument, LifeEvent, Procedure } from './model.js';

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

/** Adds or replaces procedures (from the portal feed), keeping both indexes in step. */
export function upsertProcedures(db: Db, procedures: Procedure[], generation: number): void {
  const existing = db.prepare<[string], { id: number; data: string }>('SELECT id, data FROM procedures WHERE code = ?');
  const touch = db.prepare('UPDATE procedures SET sync_gen = ? WHERE id = ?');
  const deleteFts = db.prepare('DELETE FROM procedures_fts WHERE rowid = ?');
  const deleteNames = db.prepare('DELETE FROM procedure_names_fts WHERE rowid = ?');
  const deleteRow = db.prepare('DELETE FROM procedures WHERE id = ?');
  const insert = db.prepare(
    'INSERT INTO procedures (code, name, sector, ministry, levels, commune, essential, online, name_words, name_exact, data, sync_gen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertFts = db.prepare('INSERT INTO procedures_fts (rowid, name, sector, body) VALUES (?, ?, ?, ?)');
  const insertName = db.prepare('INSERT INTO procedure_names_fts (rowid, name) VALUES (?, ?)');
  const events = db.prepare<[string], { name_vi: string }>('SELECT e.name_vi FROM life_event_procedures lp JOIN life_events e ON e.id = lp.life_event_id WHERE lp.procedure_code = ?');
  for (const p of procedures) {
    const old = existing.get(p.code);
    const data = JSON.stringify(p);
    // A full resync mostly sends what is already here: only mark it as delivered.
    if (old && old.data === data) {
      touch.run(generation, old.id);
      continue;
    }
    if (old) {
      deleteFts.run(old.id);
      deleteNames.run(old.id);
      deleteRow.run(old.id);
    }
    const nameWords = words(searchFold(p.name)).join(' ');
    const nameExact = normalizeTonePlacement(p.name).split(/[^\p{L}\p{N}]+/u).filter(Boolean).join(' ');
    const levels = p.levels ?? [];
    const { lastInsertRowid } = insert.run(p.code, p.name, p.sector, p.ministry ?? '', levels.join(','), levels.includes('commune') ? 1 : 0, p.essential ? 1 : 0, p.onlineAvailable ? 1 : 0, nameWords, nameExact, data, generation);
    const idx = procedureIndexText({ ...p, levels, applicants: p.applicants ?? [], documents: p.documents ?? [], results: p.results ?? [], legalBases: p.legalBases ?? [] }, events.all(p.code).map((e) => e.name_vi));
    insertFts.run(lastInsertRowid, idx.name, idx.sector, idx.body);
    insertName.run(lastInsertRowid, idx.name);
  }
}

export function removeProcedures(db: Db, codes: string[]): void {
  const find = db.prepare<[string], { id: number }>('SELECT id FROM procedures WHERE code = ?');
  for (const code of codes) {
    const row = find.get(code);
    if (!row) continue;
    db.prepare('DELETE FROM procedures_fts WHERE rowid = ?').run(row.id);
    db.prepare('DELETE FROM procedure_names_fts WHERE rowid = ?').run(row.id);
    db.prepare('DELETE FROM procedures WHERE id = ?').run(row.id);
  }
}

/** After a full resync: what the portal did not deliver in this generation is gone. */
export function removeStaleProcedures(db: Db, generation: number): number {
  const stale = db.prepare<[number], { code: string }>('SELECT code FROM procedures WHERE sync_gen < ?').all(generation).map((r) => r.code);
  removeProcedures(db, stale);
  return stale.length;
}

export function replaceLifeEvents(db: Db, lifeEvents: LifeEvent[]): void {
  db.prepare('DELETE FROM life_event_procedures').run();
  db.prepare('DELETE FROM life_events').run();
  const insertEvent = db.prepare('INSERT INTO life_events (id, position, name_vi, name_en) VALUES (?, ?, ?, ?)');
  const insertLink = db.prepare('INSERT OR IGNORE INTO life_event_procedures (life_event_id, procedure_code) VALUES (?, ?)');
  lifeEvents.forEach((e, i) => {
    insertEvent.run(e.id, i, e.name.vi, e.name.en);
    for (const code of e.procedureCodes) insertLink.run(e.id, code);
  });
}

export function replaceLaw(db: Db, law: LawDocument): void {
  // Unchanged laws (every full resync) are left alone.
  const current = db.prepare<[string], { n: number; data: string }>('SELECT (SELECT count(*) FROM law_articles WHERE law_id = laws.id) AS n, data FROM laws WHERE id = ?').get(law.id);
  const meta = JSON.stringify({ chapters: law.chapters ?? [], codes: law.codes ?? [] });
  if (current && current.data === meta && current.n === law.articles.length) {
    const same = law.articles.every((a, i) => {
      const row = db.prepare<[string, number], { article_id: string; text: string }>('SELECT article_id, text FROM law_articles WHERE law_id = ? AND position = ?').get(law.id, i);
      return row?.article_id === a.id && row.text === a.text;
    });
    if (same) return;
  }
  const ids = db.prepare<[string], { id: number }>('SELECT id FROM law_articles WHERE law_id = ?').all(law.id);
  for (const { id } of ids) db.prepare('DELETE FROM law_fts WHERE rowid = ?').run(id);
  db.prepare('DELETE FROM law_articles WHERE law_id = ?').run(law.id);
  const position = db.prepare<[string], { position: number }>('SELECT position FROM laws WHERE id = ?').get(law.id)?.position ?? (db.prepare<[], { n: number }>('SELECT count(*) AS n FROM laws').get()!.n);
  db.prepare('INSERT INTO laws (id, title, position, data) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET title = excluded.title, data = excluded.data').run(law.id, law.title, position, JSON.stringify({ chapters: law.chapters ?? [], codes: law.codes ?? [] }));
  const insertArticle = db.prepare(
    'INSERT INTO law_articles (article_id, law_id, position, number, title, chapter, text, source, source_article, source_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertFts = db.prepare('INSERT INTO law_fts (rowid, title, body) VALUES (?, ?, ?)');
  law.articles.forEach((a, j) => {
    const { lastInsertRowid } = insertArticle.run(a.id, law.id, j, a.number, a.title, a.chapter ?? null, a.text, a.source ?? '', a.sourceArticle ?? null, a.sourceCode ?? null);
    insertFts.run(lastInsertRowid, searchFold(`${law.title} ${a.title}`), searchFold(a.text));
  });
}
