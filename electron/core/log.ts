import fs from 'node:fs';
import path from 'node:path';
import type { Clock } from './clock.js';
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
 * motcua.log.<maxFiles-1>. Synchronous appends so a crash never loses the line that explains it.
 */
export function createLogger({ dir, clock, level = 'info', maxBytes = 5_000_000, maxFiles = 5, echo = false }: LoggerOptions): Logger {
  const file = dir ? path.join(dir, 'motcua.log') : null;
  if (dir) fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  let size = file && fs.existsSync(file) ? fs.statSync(file).size : 0;
  let dropped = 0;

  const rotate = () => {
    if (!file) return;
    for (let i = maxFiles - 1; i >= 1; i--) {
      const from = i === 1 ? file : `${file}.${i - 1}`;
      if (fs.existsSync(from)) fs.renameSync(from, `${file}.${i}`);
    }
    if (maxFiles === 1) fs.rmSync(file, { force: true });
    size = 0;
  };

  const write = (lvl: LogLevel, msg: string, fields?: Record<string, unknown>) => {
    if (RANK[lvl] < RANK[level]) return;
    const line = `${redact(JSON.stringify({ t: clock.now().toISOString(), level: lvl, msg, ...fields }, errorReplacer))}\n`;
    if (echo) process.stderr.write(line);
    if (!file) return;
    const bytes = Buffer.byteLength(line);
    // A full disk (ENOSPC), a log folder gone: the log is lost, never the app. The next line tries again.
    try {
      if (size + bytes > maxBytes && size > 0) rotate();
      fs.appendFileSync(file, line, { mode: 0o600 });
      size += bytes;
    } catch (err) {
      dropped++;
      if (dropped === 1) process.stderr.write(`motcua: log not written (${(err as NodeJS.ErrnoException).code ?? 'error'}); later lines are tried again\n`);
    }
  };

  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    file,
  };
}

function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  return value;
}
