import crypto from 'node:crypto';
import type { CoreDeps, HandlersOf } from '../handlers.js';
import { queueWardAnnouncement } from '../sync/ward-outbox.js';
import { insertWardAnnouncement, listCurrent } from './repo.js';

export function announcementHandlers({ db, clock, events, audit, loaded }: CoreDeps): HandlersOf<'announcements.'> {
  return {
    'announcements.list': ({ limit }) => listCurrent(db, clock.now(), limit ?? 20),
    // A notice residents read on every kiosk of the ward: who posted it is on record. It reaches the
    // other devices of the ward through the portal (queued: posted offline, it goes when the portal answers).
    'announcements.create': ({ title, body, expiresAt }, { session }) => {
      const at = clock.now().toISOString();
      const created = db.transaction(() => {
        const portalId = loaded.config.portal.url ? `ward-${loaded.config.ward.code}-${crypto.randomUUID()}` : null;
        const a = insertWardAnnouncement(db, { title, body, publishedAt: at, expiresAt: expiresAt ? new Date(expiresAt).toISOString() : null, portalId });
        if (portalId) queueWardAnnouncement(db, { id: portalId, title, body, expiresAt: a.expiresAt }, at);
        audit.append({ at, actor: session.username, action: 'announcement.create', after: { id: a.id, title, body, expiresAt: a.expiresAt } });
        return a;
      })();
      events.emit('announcements.changed', { id: created.id });
      return created;
    },
  };
}
