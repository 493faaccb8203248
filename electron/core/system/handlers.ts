import type { CoreDeps, HandlersOf } from '../handlers.js';

export function appHandlers({ loaded, version, dbVersion, warnings }: CoreDeps): HandlersOf<'app.'> {
  const { config } = loaded;
  return {
    'app.info': () => ({
      name: 'Một Cửa',
      version,
      mode: config.mode,
      ward: config.ward,
      locale: config.locale,
      kioskIdleSeconds: config.kiosk.idleSeconds,
      portalConfigured: config.portal.url !== '',
      // A kiosk offers tickets when it knows the queue desk; the desk runs the queue itself.
      queue: { enabled: config.mode === 'staff' || config.queue.url !== '', groups: config.queue.groups },
      dbVersion,
      warnings,
      // What a resident needs to come to the counter: printed on receipts and slips.
      office: { address: config.office.address, hotline: config.office.hotline, weekday: config.office.weekday, saturday: config.office.saturday },
    }),
  };
}

export function kioskHandlers({ events, clock, log, loaded }: CoreDeps): HandlersOf<'kiosk.'> {
  let failures = 0;
  let lockedUntil = 0;
  return {
    'kiosk.adminExit': ({ pin }) => {
      const now = clock.now().getTime();
      if (now < lockedUntil) return { ok: false, lockedUntil: new Date(lockedUntil).toISOString() };
      if (pin !== loaded.config.kiosk.adminPin) {
        failures++;
        log.warn('kiosk admin exit: wrong PIN', { failures });
        if (failures >= 5) {
          failures = 0;
          lockedUntil = now + 5 * 60_000;
        }
        return { ok: false, lockedUntil: lockedUntil > now ? new Date(lockedUntil).toISOString() : null };
      }
      failures = 0;
      log.info('kiosk admin exit');
      events.emit('kiosk.exitRequested', { at: clock.now().toISOString() });
      return { ok: true, lockedUntil: null };
    },
    'kiosk.sessionEnded': () => {
      log.info('kiosk session ended by idle reset');
      events.emit('kiosk.sessionEnded', { at: clock.now().toISOString() });
      return { ok: true as const };
    },
  };
}
