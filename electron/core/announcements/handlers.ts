import type { CoreDeps, HandlersOf } from '../handlers.js';
import { insertWardAnnouncement, listCurrent } from './repo.js';

export function announcementHandlers({ db, clock, events, audit }: CoreDeps): HandlersOf<'announcements.'> {
  return {
    'announcements.list': ({ limit }) => listCurrent(db, clock.now(), limit ?? 20),
    // A notice residents read on every kiosk of the ward: who posted it is on record.
    'announcements.create': ({ title, body, expiresAt }, { session }) => {
      const at = clock.now().toISOString();
      const created = db.transaction(() => {
        const a = insertWardAnnouncement(db, { title, body, publishedAt: at, expiresAt: expiresAt ? new Date(expiresAt).toISOString() : null });
        audit.append({ at, actor: session.username, action: 'announcement.create', after: { id: a.id, title, body, expiresAt: a.expiresAt } });
        return a;
      })();
      events.emit('announcements.changed', { id: created.id });
      return created;
    },
  };
}
