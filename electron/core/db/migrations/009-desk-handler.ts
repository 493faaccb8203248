import type { Database } from 'better-sqlite3';

/**
 * A dossier has two officers: the one who received it at the counter (`officer`) and the one who
 * processes it (`handler`, set when a processor takes it). "Hồ sơ của tôi" and the report by
 * officer read the handler; the report index gains it so the monthly scan stays index-only. An
 * officer's own deadlines ("mine") are ranges of the officer's and the handler's indexes.
 *
 * The deadline board's partial index covers exactly the dossiers whose clock runs, as the one
 * definition has it (dossiers/clock.ts: received and processing; a dossier awaiting payment is
 * paused): it replaces 008's, which also held `payment`.
 *
 * The audit log is read filtered by officer and by kind of action, newest first.
 */
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE dossiers ADD COLUMN handler TEXT;
    CREATE INDEX dossiers_handler ON dossiers (handler, status, appointment_at);
    CREATE INDEX dossiers_officer ON dossiers (officer, status, appointment_at);
    DROP INDEX dossiers_report;
    CREATE INDEX dossiers_report ON dossiers (received_at, status, appointment_at, result_at, sector, officer, procedure_code, handler);
    DROP INDEX dossiers_running_due;
    CREATE INDEX dossiers_running_due ON dossiers (appointment_at) WHERE status IN ('received', 'processing');
    CREATE INDEX audit_log_actor ON audit_log (actor, id);
    CREATE INDEX audit_log_action ON audit_log (action, id);
  `);
}
