import type { Database } from 'better-sqlite3';

/**
 * The one-stop desk: sign-in state of staff accounts, the append-only audit log (chained by
 * hashes), queue tickets, and what a received dossier carries (officer, appointment, result).
 */
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE staff_accounts ADD COLUMN failed_attempts INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE staff_accounts ADD COLUMN locked_until TEXT;
    ALTER TABLE staff_accounts ADD COLUMN created_at TEXT;

    CREATE TABLE audit_log (
      id INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      actor TEXT NOT NULL,
      action TEXT NOT NULL,
      dossier_code TEXT,
      before TEXT,
      after TEXT,
      prev_hash TEXT NOT NULL,
      hash TEXT NOT NULL
    ) STRICT;
    CREATE INDEX audit_log_dossier ON audit_log (dossier_code, id);
    -- Append-only: a change or a removal is refused by the database itself.
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;

    CREATE TABLE queue_tickets (
      id INTEGER PRIMARY KEY,
      day TEXT NOT NULL,
      -- the group it waits in now (a transfer may change it); the label keeps the number it was given
      service_group TEXT NOT NULL,
      label TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('waiting', 'called', 'serving', 'done', 'no_show')),
      source TEXT NOT NULL CHECK (source IN ('kiosk', 'desk')),
      -- a ticket transferred to one counter waits for that counter only
      target_counter TEXT,
      counter TEXT,
      officer TEXT,
      calls INTEGER NOT NULL DEFAULT 0,
      issued_at TEXT NOT NULL,
      called_at TEXT,
      served_at TEXT,
      done_at TEXT,
      dossier_code TEXT,
      UNIQUE (day, label)
    ) STRICT;
    CREATE INDEX queue_tickets_waiting ON queue_tickets (day, status, id);

    ALTER TABLE dossiers ADD COLUMN sector TEXT;
    ALTER TABLE dossiers ADD COLUMN officer TEXT;
    ALTER TABLE dossiers ADD COLUMN received_at TEXT;
    ALTER TABLE dossiers ADD COLUMN result_at TEXT;
    ALTER TABLE dossiers ADD COLUMN returned_at TEXT;
    -- the appointment as first given, kept when it is moved (once, with an apology: form 04)
    ALTER TABLE dossiers ADD COLUMN appointment_original TEXT;
    ALTER TABLE dossiers ADD COLUMN desk TEXT;
    CREATE INDEX dossiers_received ON dossiers (received_at);
    CREATE INDEX dossiers_due ON dossiers (status, appointment_at);
    CREATE INDEX dossiers_filed ON dossiers (filed_at);
  `);
}
