import type { Database } from 'better-sqlite3';

/**
 * A moved appointment must reach the portal (so the kiosk's tracking shows the new date): a new
 * outbox kind. SQLite cannot change a CHECK constraint in place, so the table is rebuilt with the
 * same rows and ids, inside the migration's transaction.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE outbox_next (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      kind TEXT NOT NULL CHECK (kind IN ('dossier.submit', 'dossier.transition', 'dossier.appointment', 'feedback', 'rating', 'heartbeat')),
      idempotency_key TEXT NOT NULL UNIQUE,
      stream TEXT NOT NULL,
      payload TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('pending', 'done', 'parked')),
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at TEXT NOT NULL,
      last_error TEXT,
      created_at TEXT NOT NULL,
      done_at TEXT
    ) STRICT;
    INSERT INTO outbox_next (id, kind, idempotency_key, stream, payload, state, attempts, next_attempt_at, last_error, created_at, done_at)
      SELECT id, kind, idempotency_key, stream, payload, state, attempts, next_attempt_at, last_error, created_at, done_at FROM outbox;
    DROP TABLE outbox;
    ALTER TABLE outbox_next RENAME TO outbox;
    CREATE INDEX outbox_pending ON outbox (state, stream, id);
  `);
}
