import type { CoreDeps, HandlersOf } from '../handlers.js';
import { insertWardAnnouncement, listCurrent } from './repo.js';

export function announcementHandlers({ db, clock, events }: CoreDeps): HandlersOf<'announcements.'> {
  return {
    'announcements.list': ({ limit }) => listCurrent(db, clock.now(), limit ?? 20),
    'announcements.create': ({ title, body, expiresAt }) => {
      const created = insertWardAnnouncement(db, {
        title,
        body,
        publishedAt: clock.now().toISOString(),
        expiresAt: expiresAt ? new Date(expiresAt).toISOString() : null,
      });
      events.emit('announcements.changed', { id: created.id });
      return created;
    },
  };
}
