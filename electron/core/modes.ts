/**
 * Who may read the app's data: its own account only (700/600) — or, when the data dir is the shared
 * per-machine folder the installer made for the app's group (/var/lib/motcua, root:motcua, 2770: the
 * setgid bit marks it), that group too (2770/660), so every officer's login at one desk opens the same
 * database. Nobody else, ever. On Windows the installer's ACL on %ProgramData%\MotCua\data does this.
 */
import fs from 'node:fs';
import path from 'node:path';

const SETGID = 0o2000;

/** Whether `dir` is (inside) the app group's shared data folder. */
export function isShared(dir: string): boolean {
  if (process.platform === 'win32') return false;
  try {
    return (fs.statSync(dir).mode & SETGID) !== 0;
  } catch {
    return false;
  }
}

/** The mode a file or folder made in `parent` gets: the owner's, and the group's when `parent` is shared. */
export function privateMode(parent: string, kind: 'dir' | 'file'): number {
  const shared = isShared(parent);
  if (kind === 'dir') return shared ? 0o2770 : 0o700;
  return shared ? 0o660 : 0o600;
}

/**
 * Sets a file's or folder's mode to the owner's `mode`, widened to the group in a shared folder
 * (where POSIX modes exist; a file another user owns is left as it is — doctor reports the mode).
 */
export function restrict(target: string, mode: number): void {
  if (process.platform === 'win32') return;
  try {
    const st = fs.statSync(target);
    const shared = st.isDirectory() ? isShared(target) || isShared(path.dirname(target)) : isShared(path.dirname(target));
    const owner = mode & 0o700;
    fs.chmodSync(target, shared ? owner | (owner >> 3) | (st.isDirectory() ? SETGID : 0) : mode);
  } catch {
    // a file another user owns: leave it, doctor reports the mode it has
  }
}
