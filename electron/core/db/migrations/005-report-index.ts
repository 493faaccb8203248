import type { Database } from 'better-sqlite3';

/**
 * The supervisors' dashboard reads a month of dossiers (tens of thousands at a busy ward): this
 * index covers every column it reads, so the month is one range scan of the index, no table reads.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE INDEX dossiers_report ON dossiers (received_at, status, appointment_at, result_at, sector, officer, procedure_code);
  `);
}
