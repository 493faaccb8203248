import type { Db } from '../db/open.js';

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
    if (name === undefined) seen.set(username, (name = find.get(username)?.display_name ?? SYSTEM_ACTORS[username] ?? username));
    return name;
  };
}

const SYSTEM_ACTORS: Record<string, string> = { portal: 'Cổng dịch vụ công', kiosk: 'Ki-ốt', counter: 'Quầy' };
