/**
 * After a corrupt database was moved aside, what it still holds that must not be lost: every unsent
 * outbox item (filings, transitions, feedback the portal has not received), the dossiers they belong
 * to, and the highest number each sequence had given. Read from a copy of the moved-aside file (the
 * file itself is never changed), row by row, so one damaged page loses only the rows on it.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Db } from './open.js';

export interface SalvageResult {
  /** Unsent outbox items copied into the new database. */
  salvaged: number;
  /** Rows that could not be read (damaged pages), or -1 when the file could not be opened at all. */
  unreadable: number;
  /** Dossiers copied (for tracking, and for the desk's work to continue). */
  dossiers: number;
  /** The highest number of each sequence found. */
  sequences: Record<string, number>;
}

interface OutboxRow {
  id: number;
  kind: string;
  idempotency_key: string;
  stream: string;
  payload: string;
  state: string;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
}

/** Runs `read`, counting a failure (a damaged page) instead of throwing. */
function tryRead<T>(read: () => T, failures: { n: number }): T | undefined {
  try {
    return read();
  } catch {
    failures.n++;
    return undefined;
  }
}

function copyAside(file: string): string {
  const dir = fs.mkdtempSync(path.join(path.dirname(file), '.salvage-'));
  const copy = path.join(dir, 'copy.db');
  fs.copyFileSync(file, copy);
  for (const suffix of ['-wal']) if (fs.existsSync(file + suffix)) fs.copyFileSync(file + suffix, copy + suffix);
  return copy;
}

/** The columns both databases have, for copying a row whatever version wrote it. */
function columns(db: Db, table: string): string[] {
  return db.prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${table}')`).all().map((c) => c.name);
}

function copyRow(target: Db, table: string, row: Record<string, unknown>, allowed: string[]): void {
  const keys = Object.keys(row).filter((k) => allowed.includes(k));
  target.prepare(`INSERT OR IGNORE INTO ${table} (${keys.join(', ')}) VALUES (${keys.map(() => '?').join(', ')})`).run(...keys.map((k) => row[k] as string | number | null));
}

/** Copies what `movedAside` still holds into `target` (the new database); `now` becomes each item's next attempt. */
export function salvage(target: Db, movedAside: string, now: string): SalvageResult {
  const result: SalvageResult = { salvaged: 0, unreadable: 0, dossiers: 0, sequences: {} };
  const failures = { n: 0 };
  let copy: string | null = null;
  let old: Db | null = null;
  try {
    copy = copyAside(movedAside);
    old = new Database(copy, { fileMustExist: true });
    old.prepare('SELECT count(*) FROM sqlite_schema').get();
  } catch {
    old?.close();
    if (copy) fs.rmSync(path.dirname(copy), { recursive: true, force: true });
    return { ...result, unreadable: -1 };
  }
  try {
    const src = old;
    // Sequences first: even if nothing else is readable, no number is given twice.
    for (const r of tryRead(() => src.prepare<[], { day: string; last: number }>('SELECT day, last FROM daily_sequences').all(), failures) ?? []) {
      result.sequences[r.day] = Math.max(result.sequences[r.day] ?? 0, r.last);
    }
    const maxId = tryRead(() => src.prepare<[], { n: number | null }>('SELECT max(id) AS n FROM outbox').get()?.n ?? 0, failures) ?? 0;
    const byId = src.prepare<[number], OutboxRow>('SELECT * FROM outbox WHERE id = ?');
    const streams = new Set<string>();
    const outbox: OutboxRow[] = [];
    for (let id = 1; id <= maxId; id++) {
      const row = tryRead(() => byId.get(id), failures);
      if (!row || row.state === 'done' || row.kind === 'heartbeat') continue;
      outbox.push(row);
      streams.add(row.stream);
    }
    const dossierCols = columns(target, 'dossiers');
    const historyCols = columns(target, 'dossier_history').filter((c) => c !== 'id');
    target.transaction(() => {
      for (const code of streams) {
        const d = tryRead(() => src.prepare<[string], Record<string, unknown>>('SELECT * FROM dossiers WHERE code = ?').get(code), failures);
        if (d) {
          copyRow(target, 'dossiers', d, dossierCols);
          result.dossiers++;
          for (const h of tryRead(() => src.prepare<[string], Record<string, unknown>>('SELECT * FROM dossier_history WHERE dossier_code = ? ORDER BY id').all(code), failures) ?? []) {
            copyRow(target, 'dossier_history', h, historyCols);
          }
        }
      }
      for (const r of outbox) {
        // A filing whose dossier row was lost is rebuilt from what it was going to send.
        if (r.kind === 'dossier.submit' && !target.prepare('SELECT 1 FROM dossiers WHERE code = ?').get(r.stream)) {
          const s = JSON.parse(r.payload) as { clientKey: string; code: string; procedureCode: string; procedureName?: string; wardCode: string; channel: string; applicant: unknown; data?: unknown; documents?: unknown[]; filedAt: string };
          target
            .prepare(
              `INSERT OR IGNORE INTO dossiers (code, client_key, procedure_code, procedure_name, ward_code, channel, applicant, data, status, status_at, filed_at, origin)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'new', ?, ?, 'local')`,
            )
            .run(s.code, s.clientKey, s.procedureCode, s.procedureName ?? '', s.wardCode, s.channel, JSON.stringify(s.applicant), JSON.stringify({ ...(s.data as object), ...(s.documents?.length ? { documents: s.documents } : {}) }), s.filedAt, s.filedAt);
          target.prepare("INSERT INTO dossier_history (dossier_code, status, at, actor, source, state) VALUES (?, 'new', ?, 'kiosk', 'local', 'pending')").run(s.code, s.filedAt);
          result.dossiers++;
        }
        const inserted = target
          .prepare(
            `INSERT INTO outbox (kind, idempotency_key, stream, payload, state, attempts, next_attempt_at, last_error, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING`,
          )
          .run(r.kind, r.idempotency_key, r.stream, r.payload, r.state === 'parked' ? 'parked' : 'pending', r.attempts, now, r.last_error, r.created_at);
        result.salvaged += inserted.changes;
        // The code's own number counts too, whatever the sequence table said.
        const m = /-(\d{6})-(\d{4})$/.exec(r.stream);
        if (m && r.kind === 'dossier.submit') {
          const day = `20${m[1]!.slice(0, 2)}-${m[1]!.slice(2, 4)}-${m[1]!.slice(4, 6)}`;
          result.sequences[day] = Math.max(result.sequences[day] ?? 0, Number(m[2]));
        }
      }
    })();
  } finally {
    old.close();
    fs.rmSync(path.dirname(copy), { recursive: true, force: true });
  }
  result.unreadable = failures.n;
  return result;
}
