import type { Database } from 'better-sqlite3';

/**
 * Dossiers and what must reach the portal. Every local write that the portal must learn of adds an
 * outbox row in the same transaction; the sync engine delivers the outbox in order per stream.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE dossiers (
      code TEXT PRIMARY KEY,
      client_key TEXT NOT NULL UNIQUE,
      procedure_code TEXT NOT NULL,
      procedure_name TEXT NOT NULL,
      ward_code TEXT NOT NULL,
      channel TEXT NOT NULL CHECK (channel IN ('kiosk', 'counter', 'online')),
      applicant TEXT NOT NULL,
      data TEXT NOT NULL,
      status TEXT NOT NULL,
      status_at TEXT NOT NULL,
      appointment_at TEXT,
      filed_at TEXT NOT NULL,
      -- local: filed on this device; portal: learned from the portal feed (another kiosk, online)
      origin TEXT NOT NULL CHECK (origin IN ('local', 'portal')),
      acked_at TEXT,
      synced_at TEXT
    ) STRICT;
    CREATE INDEX dossiers_status ON dossiers (status, filed_at);

    CREATE TABLE dossier_history (
      id INTEGER PRIMARY KEY,
      dossier_code TEXT NOT NULL REFERENCES dossiers (code),
      status TEXT NOT NULL,
      at TEXT NOT NULL,
      actor TEXT NOT NULL,
      note TEXT,
      source TEXT NOT NULL CHECK (source IN ('local', 'portal')),
      -- a local transition is pending until the portal acknowledges it, or refused
      state TEXT NOT NULL CHECK (state IN ('pending', 'acked', 'refused', 'official')),
      error TEXT
    ) STRICT;
    CREATE INDEX dossier_history_code ON dossier_history (dossier_code, id);

    CREATE TABLE outbox (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      kind TEXT NOT NULL CHECK (kind IN ('dossier.submit', 'dossier.transition', 'feedback', 'rating', 'heartbeat')),
      idempotency_key TEXT NOT NULL UNIQUE,
      -- items of one stream (one dossier) are delivered strictly in order
      stream TEXT NOT NULL,
      payload TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('pending', 'done', 'parked')),
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at TEXT NOT NULL,
      last_error TEXT,
      created_at TEXT NOT NULL,
      done_at TEXT
    ) STRICT;
    CREATE INDEX outbox_pending ON outbox (state, stream, id);

    CREATE TABLE sync_cursors (
      feed TEXT PRIMARY KEY,
      cursor TEXT,
      etag TEXT,
      updated_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE feedback (
      client_key TEXT PRIMARY KEY,
      category TEXT NOT NULL,
      text TEXT NOT NULL,
      contact TEXT,
      created_at TEXT NOT NULL,
      tracking_code TEXT
    ) STRICT;

    CREATE TABLE ratings (
      client_key TEXT PRIMARY KEY,
      dossier_code TEXT,
      level TEXT NOT NULL,
      criteria TEXT,
      created_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE holidays (
      date TEXT PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('off', 'workday')),
      name TEXT NOT NULL,
      source TEXT NOT NULL CHECK (source IN ('bundled', 'portal', 'local'))
    ) STRICT;

    CREATE TABLE staff_accounts (
      username TEXT PRIMARY KEY,
      display_name TEXT NOT NULL,
      roles TEXT NOT NULL,
      active INTEGER NOT NULL,
      password_hash TEXT,
      source TEXT NOT NULL CHECK (source IN ('local', 'portal'))
    ) STRICT;

    -- A full catalog resync marks what it delivered; what it did not is gone from the portal.
    ALTER TABLE procedures ADD COLUMN sync_gen INTEGER NOT NULL DEFAULT 0;

    CREATE TABLE daily_sequences (
      day TEXT PRIMARY KEY,
      last INTEGER NOT NULL
    ) STRICT;
  `);
}
