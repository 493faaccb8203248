/**
 * What a kiosk keeps, and for how long (Law 91/2025/QH15 on personal data protection; Decree
 * 13/2023/NĐ-CP: keep personal data only as long as the task needs it). A kiosk is a public machine in
 * a lobby: a filing's personal data — the applicant, the form data, the papers photographed, notes —
 * and its attachment files stay only until the portal has acknowledged the filing and
 * `kiosk.retentionDays` more days have passed (default 7, for a resident coming back to print the
 * receipt or rate it). Then only the code, the procedure, the status and its dates remain, which is
 * all tracking shows. Feedback keeps its text and contact as long, counted from its delivery.
 *
 * The database zeroes what it deletes (`secure_delete`), and the WAL is truncated after each purge,
 * so the data is gone from the file, not only from the tables.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from './db/open.js';
import type { Logger } from './log.js';
import { compactDossierSearch } from './dossiers/search.js';

export interface RetentionResult {
  dossiers: number;
  feedback: number;
  files: number;
}

const EMPTY_APPLICANT = JSON.stringify({ fullName: '' });

/** The attachment files a dossier's form data refers to (`documents[].attachment.file`). */
function attachmentFiles(data: string): string[] {
  try {
    const docs = (JSON.parse(data) as { documents?: { attachment?: { file?: unknown } }[] }).documents ?? [];
    return docs.map((d) => d.attachment?.file).filter((f): f is string => typeof f === 'string' && /^[0-9a-f]{64}\.(jpg|png|pdf)$/.test(f));
  } catch {
    return [];
  }
}

/** Drops personal data past its retention on a kiosk; returns what it dropped. Safe to run at any time. */
export function purgeExpired(db: Db, o: { dataDir: string; now: Date; retentionDays: number; log: Logger }): RetentionResult {
  const at = o.now.toISOString();
  const cutoff = new Date(o.now.getTime() - o.retentionDays * 86_400_000).toISOString();
  const expired = db
    .prepare<[string], { code: string; data: string }>(
      `SELECT code, data FROM dossiers
       WHERE purged_at IS NULL AND coalesce(acked_at, CASE WHEN origin = 'portal' THEN filed_at END) <= ?`,
    )
    .all(cutoff);
  const result: RetentionResult = { dossiers: expired.length, feedback: 0, files: 0 };
  const candidates = new Set(expired.flatMap((d) => attachmentFiles(d.data)));
  db.transaction(() => {
    const dossier = db.prepare("UPDATE dossiers SET applicant = ?, data = '{}', desk = NULL, purged_at = ? WHERE code = ?");
    const notes = db.prepare('UPDATE dossier_history SET note = NULL, error = NULL WHERE dossier_code = ?');
    const sent = db.prepare("UPDATE outbox SET payload = 'null' WHERE stream = ? AND state = 'done'");
    for (const d of expired) {
      dossier.run(EMPTY_APPLICANT, at, d.code);
      notes.run(d.code);
      sent.run(d.code);
    }
    result.feedback = db
      .prepare(
        `UPDATE feedback SET text = '', contact = NULL, purged_at = ?
         WHERE purged_at IS NULL AND client_key IN (SELECT idempotency_key FROM outbox WHERE kind = 'feedback' AND state = 'done' AND done_at <= ?)`,
      )
      .run(at, cutoff).changes;
  })();
  // A file is removed once no dossier that still keeps its papers refers to it.
  if (candidates.size) {
    const kept = new Set(db.prepare<[], { data: string }>("SELECT data FROM dossiers WHERE purged_at IS NULL AND data LIKE '%attachment%'").all().flatMap((r) => attachmentFiles(r.data)));
    for (const file of candidates) {
      if (kept.has(file)) continue;
      try {
        fs.rmSync(path.join(o.dataDir, 'attachments', file));
        result.files++;
      } catch {
        // already gone
      }
    }
  }
  if (result.dossiers || result.feedback) {
    // The desk's search index keeps a removed name's words until its segments are merged.
    if (result.dossiers) compactDossierSearch(db);
    // Old page versions live in the WAL until a checkpoint: write them back (zeroed) and empty it.
    db.pragma('wal_checkpoint(TRUNCATE)');
    o.log.info('kiosk retention: personal data dropped', { ...result });
  }
  return result;
}
