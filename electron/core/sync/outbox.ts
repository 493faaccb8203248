import type { Db } from '../db/open.js';

export type OutboxKind = 'dossier.submit' | 'dossier.transition' | 'dossier.appointment' | 'feedback' | 'rating' | 'heartbeat' | 'ward.announcement' | 'ward.day';

export interface OutboxItem {
  id: number;
  kind: OutboxKind;
  idempotencyKey: string;
  stream: string;
  /** As stored: parsed by the kind's domain when sent, so one undecodable row holds up nothing else. */
  payloadText: string;
  state: 'pending' | 'done' | 'parked';
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  createdAt: string;
}

interface Row {
  id: number;
  kind: OutboxKind;
  idempotency_key: string;
  stream: string;
  payload: string;
  state: OutboxItem['state'];
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
}

const toItem = (r: Row): OutboxItem => ({
  id: r.id,
  kind: r.kind,
  idempotencyKey: r.idempotency_key,
  stream: r.stream,
  payloadText: r.payload,
  state: r.state,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  lastError: r.last_error,
  createdAt: r.created_at,
});

/** Adds an item; call inside the transaction of the local change it belongs to. */
export function enqueue(db: Db, item: { kind: OutboxKind; idempotencyKey: string; stream: string; payload: unknown; now: string }): void {
  db.prepare(
    `INSERT INTO outbox (kind, idempotency_key, stream, payload, state, next_attempt_at, created_at)
     VALUES (?, ?, ?, ?, 'pending', ?, ?)`,
  ).run(item.kind, item.idempotencyKey, item.stream, JSON.stringify(item.payload), item.now, item.now);
}

/**
 * Items that may be sent now: for each stream only its oldest unfinished item (a parked item
 * holds its stream back, so a dossier's later transitions never overtake a refused one).
 */
export function due(db: Db, now: string, limit = 100): OutboxItem[] {
  return db
    .prepare<[string, number], Row>(
      `SELECT o.* FROM outbox o
       WHERE o.state = 'pending' AND o.next_attempt_at <= ?
         AND o.id = (SELECT min(id) FROM outbox h WHERE h.stream = o.stream AND h.state != 'done')
       ORDER BY o.id LIMIT ?`,
    )
    .all(now, limit)
    .map(toItem);
}

/** Delivered: the row stays (its key, kind and times, for the record) but not what it carried — personal data leaves with it. */
export function markDone(db: Db, id: number, now: string): void {
  db.prepare("UPDATE outbox SET state = 'done', done_at = ?, last_error = NULL, payload = 'null' WHERE id = ?").run(now, id);
}

export function markRetry(db: Db, id: number, error: string, nextAttemptAt: string): void {
  db.prepare('UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?').run(error, nextAttemptAt, id);
}

/** The portal refused it (4xx): kept with its error for the desk admin, never dropped. */
export function park(db: Db, id: number, error: string): void {
  db.prepare("UPDATE outbox SET state = 'parked', attempts = attempts + 1, last_error = ? WHERE id = ?").run(error, id);
}

/** An admin sends a parked item again (after fixing what the portal refused). */
export function requeue(db: Db, id: number, now: string): boolean {
  return db.prepare("UPDATE outbox SET state = 'pending', next_attempt_at = ? WHERE id = ? AND state = 'parked'").run(now, id).changes === 1;
}

export function counts(db: Db): { pending: number; parked: number } {
  const rows = db.prepare<[], { state: string; n: number }>("SELECT state, count(*) AS n FROM outbox WHERE state != 'done' GROUP BY state").all();
  return { pending: rows.find((r) => r.state === 'pending')?.n ?? 0, parked: rows.find((r) => r.state === 'parked')?.n ?? 0 };
}

export function listParked(db: Db): OutboxItem[] {
  return db.prepare<[], Row>("SELECT * FROM outbox WHERE state = 'parked' ORDER BY id").all().map(toItem);
}

export function nextAttemptAt(db: Db): string | null {
  return db.prepare<[], { at: string | null }>("SELECT min(next_attempt_at) AS at FROM outbox WHERE state = 'pending'").get()?.at ?? null;
}

const CORRUPT = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_CORRUPT_INDEX', 'SQLITE_CORRUPT_SEQUENCE', 'SQLITE_CORRUPT_VTAB']);

/** Whether an error is SQLite saying the file (here: the outbox's pages) is damaged. */
export function isCorruption(err: unknown): boolean {
  return CORRUPT.has((err as { code?: string }).code ?? '');
}

/**
 * Checks the outbox's pages and indexes (SQLite's integrity check, limited to this table), for
 * `motcua doctor` and the heartbeat: a damaged outbox can hold unsent filings.
 */
export function checkOutbox(db: Db): { ok: boolean; problems: string[] } {
  try {
    const rows = db.prepare<[], { integrity_check: string }>('PRAGMA integrity_check(outbox)').all();
    const problems = rows.map((r) => r.integrity_check).filter((m) => m !== 'ok');
    return { ok: problems.length === 0, problems };
  } catch (err) {
    return { ok: false, problems: [(err as Error).message] };
  }
}
