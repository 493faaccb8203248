/**
 * What a desk says for its whole ward, sent to the portal so every device of the ward hears it in its
 * catalog feed: the ward's announcements (residents read them on every kiosk, also those outside the
 * office LAN) and the desk admin's days off (every desk counts the same due dates). Queued in the
 * transaction of the local change, so it works offline and reaches the portal once it answers.
 */
import type { Db } from '../db/open.js';
import { enqueue } from './outbox.js';
import { parsePayload, type OutboxHandler } from './feeds.js';
import { wardAnnouncement, wardDay, type WardAnnouncement, type WardDay } from './portal-types.js';

/** The outbox stream of one day's changes: they go in order, and a pending one keeps the feed off that day. */
export const wardDayStream = (date: string) => `ward.day:${date}`;

export function queueWardAnnouncement(db: Db, a: WardAnnouncement, now: string): void {
  enqueue(db, { kind: 'ward.announcement', idempotencyKey: `ward.announcement:${a.id}`, stream: `ward.announcement:${a.id}`, payload: a, now });
}

export function queueWardDay(db: Db, day: WardDay, key: string, now: string): void {
  enqueue(db, { kind: 'ward.day', idempotencyKey: `ward.day:${key}`, stream: wardDayStream(day.date), payload: day, now });
}

/** True while a change of `date` made here has not reached the portal: the feed must not undo it. */
export function wardDayPending(db: Db, date: string): boolean {
  return !!db.prepare<[string], { x: number }>("SELECT 1 AS x FROM outbox WHERE stream = ? AND state != 'done' LIMIT 1").get(wardDayStream(date));
}

export function wardOutbox(): OutboxHandler[] {
  const announcement: OutboxHandler<WardAnnouncement> = {
    kind: 'ward.announcement',
    parse: parsePayload(wardAnnouncement, 'ward.announcement'),
    send: ({ client }, payload, key) => client.publishWardAnnouncement(payload, key),
  };
  const day: OutboxHandler<WardDay> = {
    kind: 'ward.day',
    parse: parsePayload(wardDay, 'ward.day'),
    send: ({ client }, payload, key) => client.setWardDay(payload, key),
  };
  return [announcement, day] as OutboxHandler[];
}
