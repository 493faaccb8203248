import type { Database } from 'better-sqlite3';

/**
 * The ward's devices as its queue desk knows them (the portal's devices feed): each kiosk's and desk's
 * LAN key hash, so the queue desk tells an enrolled kiosk or desk from anyone else on the office LAN.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE lan_devices (
      device_id TEXT PRIMARY KEY,
      slot TEXT NOT NULL,
      mode TEXT NOT NULL CHECK (mode IN ('kiosk', 'staff')),
      lan_key_hash TEXT NOT NULL,
      revoked INTEGER NOT NULL DEFAULT 0,
      updated_at TEXT NOT NULL
    ) STRICT;
  `);
}
