import fs from 'node:fs';
import { AppError } from './errors.js';

/**
 * A full disk must not stop the app: a filing it cannot store is refused with a message a person
 * understands, before a code is given, and works again as soon as there is room.
 */

/** Room kept free before a filing is accepted: the database, its WAL and the log need some to keep running. */
export const MIN_FREE_BYTES = 20_000_000;

export function freeBytes(dir: string): number | null {
  try {
    const s = fs.statfsSync(dir);
    return s.bavail * s.bsize;
  } catch {
    return null;
  }
}

export function diskFullError(): AppError {
  return new AppError('unavailable', {
    vi: 'Máy không còn đủ chỗ trống để lưu hồ sơ nên chưa nhận được. Những gì đã nhập vẫn còn; vui lòng báo cán bộ hoặc quản trị viên giải phóng ổ đĩa rồi thử lại.',
    en: 'The device has no room left to store the filing, so it was not taken. What you entered is kept; please tell staff or the administrator to free disk space, then try again.',
  });
}

/** SQLite's "database or disk is full", or the OS's ENOSPC / EDQUOT. */
export function isDiskFull(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code ?? '';
  return code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT';
}

/** Refuses early when `dir`'s disk has less than `need` bytes beyond the reserve. */
export function assertRoom(dir: string, need = 0): void {
  const free = freeBytes(dir);
  if (free !== null && free < MIN_FREE_BYTES + need) throw diskFullError();
}
