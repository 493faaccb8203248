import type { Database } from 'better-sqlite3';

/**
 * The catalog: procedures and law articles with folded full-text indexes. The FTS tables are
 * contentless (the text lives in the JSON and article rows); their rowids are the row ids.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE catalog_meta (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;

    CREATE TABLE procedures (
      id INTEGER PRIMARY KEY,
      code TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL,
      sector TEXT NOT NULL,
      ministry TEXT NOT NULL,
      levels TEXT NOT NULL,
      commune INTEGER NOT NULL,
      essential INTEGER NOT NULL,
      online INTEGER NOT NULL,
      -- The name as search sees it (folded words) and with its tones (normalized placement),
      -- precomputed so ranking never folds text at query time.
      name_words TEXT NOT NULL,
      name_exact TEXT NOT NULL,
      data TEXT NOT NULL
    ) STRICT;
    CREATE INDEX procedures_sector ON procedures (sector, name);

    CREATE VIRTUAL TABLE procedures_fts USING fts5(
      name, sector, body,
      content = '', contentless_delete = 1,
      tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
    );
    CREATE VIRTUAL TABLE procedures_vocab USING fts5vocab(procedures_fts, 'row');
    -- Names alone: most searches are answered here, from much shorter posting lists.
    CREATE VIRTUAL TABLE procedure_names_fts USING fts5(
      name,
      content = '', contentless_delete = 1,
      tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
    );

    CREATE TABLE laws (
      id TEXT PRIMARY KEY,
      title TEXT NOT NULL,
      position INTEGER NOT NULL,
      data TEXT NOT NULL
    ) STRICT;

    CREATE TABLE law_articles (
      id INTEGER PRIMARY KEY,
      article_id TEXT NOT NULL UNIQUE,
      law_id TEXT NOT NULL REFERENCES laws (id),
      position INTEGER NOT NULL,
      number TEXT NOT NULL,
      title TEXT NOT NULL,
      chapter TEXT,
      text TEXT NOT NULL,
      source TEXT NOT NULL,
      source_article INTEGER,
      source_code TEXT
    ) STRICT;
    CREATE INDEX law_articles_law ON law_articles (law_id, position);

    CREATE VIRTUAL TABLE law_fts USING fts5(
      title, body,
      content = '', contentless_delete = 1,
      tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
    );
    CREATE VIRTUAL TABLE law_vocab USING fts5vocab(law_fts, 'row');

    CREATE TABLE life_events (
      id TEXT PRIMARY KEY,
      position INTEGER NOT NULL,
      name_vi TEXT NOT NULL,
      name_en TEXT NOT NULL
    ) STRICT;

    CREATE TABLE life_event_procedures (
      life_event_id TEXT NOT NULL REFERENCES life_events (id),
      procedure_code TEXT NOT NULL,
      PRIMARY KEY (life_event_id, procedure_code)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX life_event_procedures_code ON life_event_procedures (procedure_code);
  `);
}
