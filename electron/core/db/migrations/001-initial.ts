import type { Database } from 'better-sqlite3';

/** Settings, announcements and the log of things the UI should warn about. */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;

    CREATE TABLE announcements (
      id INTEGER PRIMARY KEY,
      title TEXT NOT NULL,
      body TEXT NOT NULL,
      source TEXT NOT NULL CHECK (source IN ('ward', 'portal')),
      portal_id TEXT UNIQUE,
      published_at TEXT NOT NULL,
      expires_at TEXT
    ) STRICT;
    CREATE INDEX announcements_published ON announcements (published_at DESC);
  `);
}
