import type { Announcement } from '../../contract.js';
import type { Db } from '../db/open.js';

interface Row {
  id: number;
  title: string;
  body: string;
  source: 'ward' | 'portal';
  published_at: string;
  expires_at: string | null;
}

const toAnnouncement = (r: Row): Announcement => ({
  id: r.id,
  title: r.title,
  body: r.body,
  source: r.source,
  publishedAt: r.published_at,
  expiresAt: r.expires_at,
});

/** Announcements still in force at `now`, newest first. */
export function listCurrent(db: Db, now: Date, limit: number): Announcement[] {
  const rows = db
    .prepare<[string, number], Row>(
      `SELECT id, title, body, source, published_at, expires_at FROM announcements
       WHERE expires_at IS NULL OR expires_at > ?
       ORDER BY published_at DESC, id DESC LIMIT ?`,
    )
    .all(now.toISOString(), limit);
  return rows.map(toAnnouncement);
}

/** `portalId`: the id the portal will carry it under, so the feed bringing it back is this same row. */
export function insertWardAnnouncement(
  db: Db,
  a: { title: string; body: string; publishedAt: string; expiresAt: string | null; portalId?: string | null },
): Announcement {
  const row = db
    .prepare<[string, string, string | null, string, string | null], Row>(
      `INSERT INTO announcements (title, body, source, portal_id, published_at, expires_at)
       VALUES (?, ?, 'ward', ?, ?, ?)
       RETURNING id, title, body, source, published_at, expires_at`,
    )
    .get(a.title, a.body, a.portalId ?? null, a.publishedAt, a.expiresAt);
  return toAnnouncement(row!);
}

/** Announcements from the portal's catalog feed: added, or replaced by their portal id. */
export function upsertPortalAnnouncements(db: Db, items: { id: string; title: string; body: string; publishedAt: string; expiresAt?: string | null }[]): void {
  const upsert = db.prepare(
    `INSERT INTO announcements (title, body, source, portal_id, published_at, expires_at) VALUES (?, ?, 'portal', ?, ?, ?)
     ON CONFLICT (portal_id) DO UPDATE SET title = excluded.title, body = excluded.body, published_at = excluded.published_at, expires_at = excluded.expires_at`,
  );
  for (const a of items) upsert.run(a.title, a.body, a.id, a.publishedAt, a.expiresAt ?? null);
}
