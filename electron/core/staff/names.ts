import type { Db } from '../db/open.js';
import type { Bilingual } from '../errors.js';

/**
 * The display name of an account, looked up once per username: officers see "Nguyễn Thị Lan", not
 * "tiepnhan1". An unknown username (an account the portal removed) reads as itself; "portal" and
 * "kiosk" are the systems that act, not people.
 */
export function staffNames(db: Db): (username: string | null | undefined) => string | null {
  const find = db.prepare<[string], { display_name: string }>('SELECT display_name FROM staff_accounts WHERE username = ?');
  const seen = new Map<string, string>();
  return (username) => {
    if (!username) return null;
    let name = seen.get(username);
    if (name === undefined) seen.set(username, (name = find.get(username)?.display_name ?? SYSTEM_ACTORS[username]?.vi ?? username));
    return name;
  };
}

/**
 * Who acted when no officer did, as a person reads it: the systems, and the machine's admins who act
 * without an account (the first-run setup code, the command line, the kiosk's PIN).
 */
export const SYSTEM_ACTORS: Record<string, Bilingual> = {
  portal: { vi: 'Cổng dịch vụ công', en: 'The public service portal' },
  kiosk: { vi: 'Ki-ốt', en: 'A kiosk' },
  counter: { vi: 'Quầy', en: 'The desk' },
  system: { vi: 'Hệ thống', en: 'The system' },
  setup: { vi: 'Thiết lập lần đầu (mã thiết lập)', en: 'First-run setup (setup code)' },
  'machine-admin': { vi: 'Quản trị viên máy (dòng lệnh)', en: 'The machine’s admin (command line)' },
  'device-admin': { vi: 'Quản trị viên ki-ốt (mã PIN)', en: 'The kiosk admin (PIN)' },
};
