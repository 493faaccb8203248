import type { Database } from 'better-sqlite3';

/**
 * Residents' visits to the counter (issue 16), on the queue desk:
 * - `counter_bookings`: a booked visit — a day, a time slot, a procedure and its queue group, a code
 *   to show on arrival. No name, no phone: the code is all the resident carries.
 * - `help_requests`: "Gọi cán bộ hỗ trợ" from a kiosk, until an officer says they are coming.
 * - `queue_tickets.priority`: a booked resident who checked in is called before walk-ins of the group.
 * - `dossiers_filed_procedure`: what the ward's residents filed lately, per procedure, read from the
 *   index alone (the kiosk's home asks for its most filed procedures).
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE counter_bookings (
      id INTEGER PRIMARY KEY,
      code TEXT NOT NULL UNIQUE,
      day TEXT NOT NULL,
      slot TEXT NOT NULL,
      procedure_code TEXT NOT NULL,
      procedure_name TEXT NOT NULL,
      service_group TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('booked', 'checked_in', 'cancelled')),
      booked_at TEXT NOT NULL,
      -- which kiosk (its verified LAN slot, or its name) booked it
      source TEXT NOT NULL,
      checked_in_at TEXT,
      ticket_id INTEGER REFERENCES queue_tickets (id)
    ) STRICT;
    CREATE INDEX counter_bookings_day ON counter_bookings (day, slot);

    CREATE TABLE help_requests (
      id INTEGER PRIMARY KEY,
      day TEXT NOT NULL,
      kiosk TEXT NOT NULL,
      requested_at TEXT NOT NULL,
      acknowledged_at TEXT,
      acknowledged_by TEXT,
      counter TEXT
    ) STRICT;
    CREATE INDEX help_requests_open ON help_requests (day, acknowledged_at);

    ALTER TABLE queue_tickets ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE queue_tickets ADD COLUMN booking_code TEXT;

    CREATE INDEX dossiers_filed_procedure ON dossiers (filed_at, procedure_code);
  `);
}
