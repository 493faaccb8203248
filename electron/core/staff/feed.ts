/**
 * The staff-accounts feed: accounts the portal manages are created, changed or deactivated here;
 * accounts made at this desk are left alone.
 */
import type { Db } from '../db/open.js';
import { parseSection, type FeedHandler } from '../sync/feeds.js';
import { staffChanges, type StaffChanges } from '../sync/portal-types.js';

export function staffFeed(deps: { db: Db; now: () => string }): FeedHandler<StaffChanges> {
  return {
    name: 'staff',
    parse: parseSection(staffChanges, 'staff'),
    apply(page) {
      const upsert = deps.db.prepare(
        `INSERT INTO staff_accounts (username, display_name, roles, active, password_hash, source, created_at) VALUES (?, ?, ?, ?, ?, 'portal', ?)
         ON CONFLICT (username) DO UPDATE SET display_name = excluded.display_name, roles = excluded.roles, active = excluded.active,
           password_hash = coalesce(excluded.password_hash, password_hash) WHERE source = 'portal'`,
      );
      const at = deps.now();
      for (const a of page.items) upsert.run(a.username.toLowerCase(), a.displayName, JSON.stringify(a.roles), a.active ? 1 : 0, a.passwordHash ?? null, at);
      return { changes: page.items.length };
    },
  };
}
