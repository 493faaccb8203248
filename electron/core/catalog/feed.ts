/**
 * The catalog's side of sync: the portal's catalog feed (procedures, laws, life events, and the
 * ward's announcements and days off it carries), parsed with the portal schemas and stored through
 * the catalog, announcement and calendar repositories. A full resync (the first page of a feed read
 * from the start) marks what it delivers; what it did not deliver is gone once its last page is in.
 */
import { upsertPortalAnnouncements } from '../announcements/repo.js';
import { saveDay, upsertPortalHolidays } from '../calendar/store.js';
import { wardDayPending } from '../sync/ward-outbox.js';
import type { Db } from '../db/open.js';
import type { EventBus } from '../events.js';
import { getSetting, setSetting } from '../settings.js';
import { parseSection, type FeedHandler } from '../sync/feeds.js';
import { catalogChanges, type CatalogChanges } from '../sync/portal-types.js';
import { removeProcedures, removeStaleProcedures, replaceLaw, replaceLifeEvents, upsertProcedures } from './seed.js';

/** The catalog is now the portal's: a bundle older than this must not replace it at start. */
function markFromPortal(db: Db, version: string | undefined, at: string): void {
  const current = db.prepare<[], { value: string }>("SELECT value FROM catalog_meta WHERE key = 'meta'").get()?.value ?? '{}';
  const meta: Record<string, unknown> = { ...(JSON.parse(current) as Record<string, unknown>), importedAt: at };
  if (version) meta.version = version;
  const put = db.prepare('INSERT INTO catalog_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  put.run('meta', JSON.stringify(meta));
  if (version) put.run('version', version);
}

/** `wardCode`: this device's ward — announcements and desk admins' days of other wards are not its own. */
export function catalogFeed(deps: { db: Db; events: EventBus; now: () => string; onCatalogChanged: () => void; wardCode: string }): FeedHandler<CatalogChanges> {
  const { db } = deps;
  return {
    name: 'catalog',
    parse: parseSection(catalogChanges, 'catalog'),
    apply(page) {
      let generation = Number(getSetting(db, 'catalog.generation') ?? '0');
      if (page.full) {
        generation++;
        setSetting(db, 'catalog.generation', String(generation));
        setSetting(db, 'catalog.fullRun', '1');
      }
      if (page.procedures.length) upsertProcedures(db, page.procedures, generation);
      if (page.removedProcedures.length) removeProcedures(db, page.removedProcedures);
      if (page.lifeEvents.length) replaceLifeEvents(db, page.lifeEvents);
      for (const law of page.laws) replaceLaw(db, law);
      const announcements = page.announcements.filter((a) => !a.wardCode || a.wardCode === deps.wardCode);
      upsertPortalAnnouncements(db, announcements);
      upsertPortalHolidays(db, page.holidays);
      // The ward's desk admin's days, as entered at that desk; a change made here and still on its way wins.
      for (const d of page.wardDays) if (d.wardCode === deps.wardCode && !wardDayPending(db, d.date)) saveDay(db, d.date, d.kind, d.name);
      if (!page.hasMore && getSetting(db, 'catalog.fullRun') === '1') {
        removeStaleProcedures(db, generation);
        setSetting(db, 'catalog.fullRun', '0');
      }
      markFromPortal(db, page.catalogVersion, deps.now());
      const searchChanged = page.procedures.length > 0 || page.removedProcedures.length > 0 || page.laws.length > 0;
      return {
        changes: page.procedures.length + page.removedProcedures.length + page.laws.length + announcements.length + page.holidays.length + page.wardDays.length,
        afterCommit: () => {
          if (searchChanged) deps.onCatalogChanged();
          if (announcements.length) deps.events.emit('announcements.changed', { id: 0 });
        },
      };
    },
  };
}
