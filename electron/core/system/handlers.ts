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
      office: { name: config.office.name || `Bộ phận Một cửa – ${config.ward.name}`, address: config.office.address, hotline: config.office.hotline, weekday: config.office.weekday, saturday: config.office.saturday },
    }),
  };
}

export function kioskHandlers({ events, clock, log, db, audit }: CoreDeps): HandlersOf<'kiosk.'> {
  return {
    // The PIN was checked before this runs (the contract's `pin` rule): the shell leaves kiosk mode.
    'kiosk.adminExit': () => {
      const at = clock.now().toISOString();
      log.info('kiosk admin exit');
      db.transaction(() => audit.append({ at, actor: 'device-admin', action: 'kiosk.adminExit' }))();
      events.emit('kiosk.exitRequested', { at });
      return { ok: true, lockedUntil: null };
    },
    'kiosk.sessionEnded': () => {
      log.info('kiosk session ended by idle reset');
      events.emit('kiosk.sessionEnded', { at: clock.now().toISOString() });
      return { ok: true as const };
    },
  };
}

/**
 * `print.document` as the core answers it: the web host has no printer of its own, so the browser
 * prints. The Electron shell answers this method itself (silently, to the configured printer:
 * electron/shell/print.ts) before it reaches the core.
 */
export function printHandlers(): HandlersOf<'print.'> {
  return { 'print.document': () => ({ via: 'browser' as const }) };
}
