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
