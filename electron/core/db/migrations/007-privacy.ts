import type { Database } from 'better-sqlite3';
/**
 * Privacy and proof: sealed checkpoints of the audit chain (so a page of the log verifies from the
 * last one, not from the first row), when a kiosk dropped a filing's personal data after its retention,
 * and ratings looked up by dossier (a dossier is rated once).
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE audit_checkpoints (
      id INTEGER PRIMARY KEY,
      hash TEXT NOT NULL,
      seal TEXT NOT NULL
    ) STRICT;
    ALTER TABLE dossiers ADD COLUMN purged_at TEXT;
    ALTER TABLE feedback ADD COLUMN purged_at TEXT;
    CREATE INDEX ratings_dossier ON ratings (dossier_code) WHERE dossier_code IS NOT NULL;
  `);
}
