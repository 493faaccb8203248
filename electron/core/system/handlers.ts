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
      dbVersion,
      warnings,
    }),
  };
}

export function kioskHandlers({ events, clock, log }: CoreDeps): HandlersOf<'kiosk.'> {
  return {
    'kiosk.sessionEnded': () => {
      log.info('kiosk session ended by idle reset');
      events.emit('kiosk.sessionEnded', { at: clock.now().toISOString() });
      return { ok: true as const };
    },
  };
}
