import type { Database } from 'better-sqlite3';

/**
 * What a desk says for its whole ward reaches the portal, and through it every device of the ward:
 * the ward's announcements and the desk admin's days off (two new outbox kinds). The table is rebuilt
 * with the same rows and ids (SQLite cannot change a CHECK in place), as in 006.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE outbox_next (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      kind TEXT NOT NULL CHECK (kind IN ('dossier.submit', 'dossier.transition', 'dossier.appointment', 'feedback', 'rating', 'heartbeat', 'ward.announcement', 'ward.day')),
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
