import type { Database } from 'better-sqlite3';

/**
 * The desk at a million dossiers (issue 15):
 * - `dossier_search`: the applicant's name folded, the CCCD and phone as digits, in FTS5, so an
 *   officer finds "Nguyen Van An" or 0912345678 among a million dossiers without a scan. Kept by
 *   triggers (the folding is our SQL function motcua_dossier_terms, registered on every connection).
 * - `dossier_counts`: how many dossiers per status and origin, kept by triggers, so the list's
 *   total needs no count over the table.
 * - `dossiers_running_due`: the dossiers whose clock runs, by appointment — the deadline counts
 *   and the deadline board's pages are one range of it.
 * - `dossiers_origin`: the inbox (filed at kiosks and online) by filing date.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE VIRTUAL TABLE dossier_search USING fts5(
      terms,
      content = '', contentless_delete = 1,
      tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3'
    );
    INSERT INTO dossier_search (rowid, terms) SELECT rowid, motcua_dossier_terms(applicant) FROM dossiers;
    CREATE TRIGGER dossiers_search_insert AFTER INSERT ON dossiers BEGIN
      INSERT INTO dossier_search (rowid, terms) VALUES (new.rowid, motcua_dossier_terms(new.applicant));
    END;
    CREATE TRIGGER dossiers_search_update AFTER UPDATE OF applicant ON dossiers BEGIN
      DELETE FROM dossier_search WHERE rowid = old.rowid;
      INSERT INTO dossier_search (rowid, terms) VALUES (new.rowid, motcua_dossier_terms(new.applicant));
    END;
    CREATE TRIGGER dossiers_search_delete AFTER DELETE ON dossiers BEGIN
      DELETE FROM dossier_search WHERE rowid = old.rowid;
    END;

    CREATE TABLE dossier_counts (
      status TEXT NOT NULL,
      origin TEXT NOT NULL,
      n INTEGER NOT NULL,
      PRIMARY KEY (status, origin)
    ) STRICT, WITHOUT ROWID;
    INSERT INTO dossier_counts (status, origin, n) SELECT status, origin, count(*) FROM dossiers GROUP BY status, origin;
    CREATE TRIGGER dossiers_count_insert AFTER INSERT ON dossiers BEGIN
      INSERT INTO dossier_counts (status, origin, n) VALUES (new.status, new.origin, 1) ON CONFLICT (status, origin) DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER dossiers_count_update AFTER UPDATE OF status, origin ON dossiers WHEN old.status IS NOT new.status OR old.origin IS NOT new.origin BEGIN
      UPDATE dossier_counts SET n = n - 1 WHERE status = old.status AND origin = old.origin;
      INSERT INTO dossier_counts (status, origin, n) VALUES (new.status, new.origin, 1) ON CONFLICT (status, origin) DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER dossiers_count_delete AFTER DELETE ON dossiers BEGIN
      UPDATE dossier_counts SET n = n - 1 WHERE status = old.status AND origin = old.origin;
    END;

    CREATE INDEX dossiers_running_due ON dossiers (appointment_at) WHERE status IN ('received', 'processing', 'payment');
    CREATE INDEX dossiers_origin ON dossiers (origin, filed_at);
  `);
}
