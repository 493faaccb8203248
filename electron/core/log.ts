import fs from 'node:fs';
import path from 'node:path';
import type { Clock } from './clock.js';
import { restrict } from './modes.js';
import { redactPersonalNumbers } from './text/validators.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/**
 * Personal data never reaches a log file: names and addresses under the fields that carry them,
 * citizen ID numbers (12 digits), old ID numbers (9), phone numbers and email addresses — the
 * numbers whatever field they hide in.
 */
export function redact(line: string): string {
  // Names and addresses, wherever a record carries them (ours, and the national portal's fields).
  const named = line.replace(/"(fullName|displayName|applicantName|ChuHoSo|HoTen|address|postAddress|DiaChi)"(\s*:\s*)"(?:[^"\\]|\\.)*"/g, '"$1"$2"[đã ẩn]"');
  // The numbers, in every form the validators accept (text/validators.ts).
  return redactPersonalNumbers(named);
}
const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  /** The current log file, for doctor and support bundles. */
  readonly file: string | null;
  /** Resolves once every line logged so far is on disk (or given up on: a full disk drops lines, never the app). */
  flush(): Promise<void>;
}

export interface LoggerOptions {
  /** Folder for motcua.log and its rotations; null logs to nowhere (tests that do not care). */
  dir: string | null;
  clock: Clock;
  level?: LogLevel;
  maxBytes?: number;
  maxFiles?: number;
  /** Also write lines to stderr (CLI --verbose, development). */
  echo?: boolean;
}

/**
 * Structured JSON-lines logger with size-capped rotation: motcua.log, motcua.log.1 …
 * motcua.log.<maxFiles-1>. Writing is asynchronous and batched — a call returns at once and the
 * lines reach the file on the next turn of the event loop — so a log line never holds up a call.
 * When the disk is full (or the folder gone) lines are dropped and counted, never thrown: the
 * next line that can be written says how many were lost.
 */
export function createLogger({ dir, clock, level = 'info', maxBytes = 5_000_000, maxFiles = 5, echo = false }: LoggerOptions): Logger {
  const file = dir ? path.join(dir, 'motcua.log') : null;
  let size = 0;
  if (dir) {
    try {
      // Logs can name dossiers and accounts: readable by the app's user only.
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      // Made now with its mode, so the file is the app user's only from the start.
      fs.closeSync(fs.openSync(file!, 'a', 0o600));
      restrict(dir, 0o700);
      restrict(file!, 0o600);
      size = fs.statSync(file!).size;
    } catch {
      // An unwritable folder: lines will be dropped and counted, the app runs on.
    }
  }
  let queue: string[] = [];
  let writing: Promise<void> | null = null;
  let dropped = 0;

  const rotate = async () => {
    for (let i = maxFiles - 1; i >= 1; i--) {
      const from = i === 1 ? file! : `${file}.${i - 1}`;
      await fs.promises.rename(from, `${file}.${i}`).catch(() => undefined);
    }
    if (maxFiles === 1) await fs.promises.rm(file!, { force: true });
    // The new file with its mode from the start (the group's too in a shared data folder).
    await fs.promises.writeFile(file!, '', { mode: 0o600, flag: 'a' });
    restrict(file!, 0o600);
    size = 0;
  };

  /** Writes what is queued, splitting it where the file must rotate. */
  const drain = async () => {
    while (queue.length) {
      const batch = queue;
      queue = [];
      if (dropped) batch.unshift(line('warn', 'log lines dropped: the disk was full or the log folder unwritable', { dropped }));
      const lost = dropped;
      let chunk = '';
      let chunkBytes = 0;
      try {
        for (const l of batch) {
          const bytes = Buffer.byteLength(l);
          if (size + chunkBytes + bytes > maxBytes && size + chunkBytes > 0) {
            if (chunk) await fs.promises.appendFile(file!, chunk, { mode: 0o600 });
            size += chunkBytes;
            chunk = '';
            chunkBytes = 0;
            await rotate();
          }
          chunk += l;
          chunkBytes += bytes;
        }
        if (chunk) await fs.promises.appendFile(file!, chunk, { mode: 0o600 });
        size += chunkBytes;
        dropped -= lost;
      } catch (err) {
        // ENOSPC, EACCES, a removed folder: count what did not make it and carry on.
        if (!dropped) process.stderr.write(`motcua: log not written (${(err as NodeJS.ErrnoException).code ?? 'error'}); later lines are tried again\n`);
        dropped += batch.length - (lost ? 1 : 0);
      }
    }
  };

  const schedule = () => {
    writing ??= new Promise<void>((resolve) => setImmediate(resolve))
      .then(drain)
      .finally(() => {
        writing = null;
        if (queue.length) schedule();
      });
  };

  const line = (lvl: LogLevel, msg: string, fields?: Record<string, unknown>) =>
    `${redact(JSON.stringify({ t: clock.now().toISOString(), level: lvl, msg, ...fields }, errorReplacer))}\n`;

  const write = (lvl: LogLevel, msg: string, fields?: Record<string, unknown>) => {
    if (RANK[lvl] < RANK[level]) return;
    const l = line(lvl, msg, fields);
    if (echo) process.stderr.write(l);
    if (!file) return;
    queue.push(l);
    schedule();
  };

  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    file,
    async flush() {
      while (writing) await writing;
    },
  };
}

function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  return value;
}
