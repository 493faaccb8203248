import path from 'node:path';
import {
  INPUT_TEXT,
  isMethodName,
  methods,
  type EventName,
  type InvokeResponse,
  type MethodInput,
  type MethodName,
  type MethodResult,
  type Warning,
} from '../contract.js';
import { announcementHandlers } from './announcements/handlers.js';
import { catalogHandlers, lawHandlers } from './catalog/handlers.js';
import { CatalogSearch } from './catalog/search.js';
import { currentCatalogVersion, replaceCatalog } from './catalog/seed.js';
import { readMeta, readSnapshot } from './catalog/snapshot.js';
import { systemClock, type Clock } from './clock.js';
import type { LoadedConfig } from './config/load.js';
import { openDatabase, type Db } from './db/open.js';
import { AppError, toErrorPayload } from './errors.js';
import { createEventBus, type AnyEventListener } from './events.js';
import type { CoreDeps, Handler, Handlers } from './handlers.js';
import { createLogger, type Logger } from './log.js';
import { appHandlers, kioskHandlers } from './system/handlers.js';
import { seedHolidays } from './calendar/store.js';
import { dossierHandlers } from './dossiers/handlers.js';
import { deskHandlers } from './desk/handlers.js';
import { Queue } from './queue/queue.js';
import { queueHandlers } from './queue/handlers.js';
import { StaffAuth } from './staff/auth.js';
import { staffHandlers } from './staff/handlers.js';
import { feedbackHandlers } from './feedback/handlers.js';
import { cityPortalAdapter, type DossierAdapter } from './sync/adapter.js';
import { SyncEngine } from './sync/engine.js';
import { syncHandlers } from './sync/handlers.js';
import { nationalPortalAdapter } from './sync/national-adapter.js';
import { PortalClient } from './sync/portal-client.js';
import { getSetting } from './settings.js';
import { parseInput } from './validate.js';
import { normalizeDeep } from './text/normalize.js';

export interface CoreOptions {
  loaded: LoadedConfig;
  clock?: Clock;
  /** Defaults to a rotating file logger in <dataDir>/logs. */
  log?: Logger;
  version?: string;
  /** A catalog snapshot folder (resources/catalog): seeds or upgrades the local catalog from it. */
  catalogDir?: string;
  /** Start the sync schedule (the app does; the CLI and tests run cycles themselves). */
  startSync?: boolean;
  /** Jitter source for retries (tests make it predictable). */
  random?: () => number;
}

export interface Core {
  readonly config: LoadedConfig['config'];
  readonly loaded: LoadedConfig;
  readonly db: Db;
  readonly dbFile: string;
  readonly dbVersion: number;
  readonly clock: Clock;
  readonly log: Logger;
  readonly warnings: Warning[];
  readonly sync: SyncEngine;
  /** Untrusted entry point for transports: validates the name and the input, never throws. */
  invoke(method: string, input: unknown): Promise<InvokeResponse<unknown>>;
  /** Typed entry point for in-process callers (CLI, tests); throws AppError. */
  call<K extends MethodName>(method: K, input: MethodInput<K>): Promise<MethodResult<K>>;
  onEvent(listener: AnyEventListener): () => void;
  /** For background work: logs the error and pushes a typed `core.error` event the UI shows. */
  reportError(source: string, err: unknown): void;
  close(): void;
}

export const DB_FILE = 'motcua.db';

/** Builds one core: its own database, logger, event bus and handlers. Several can live side by side. */
export function createCore({ loaded, clock = systemClock, log, version = '0.0.0', catalogDir, startSync = false, random }: CoreOptions): Core {
  const { config } = loaded;
  const logger =
    log ??
    createLogger({ dir: path.join(config.dataDir, 'logs'), clock, level: config.log.level, maxBytes: config.log.maxBytes, maxFiles: config.log.maxFiles });
  const dbFile = path.join(config.dataDir, DB_FILE);
  const opened = openDatabase(dbFile, { clock });

  const warnings: Warning[] = [];
  if (opened.movedAside) {
    logger.error('database was corrupt; moved aside and started fresh', { movedAside: opened.movedAside });
    warnings.push({
      code: 'db_corrupt_moved',
      message: {
        vi: 'Tệp dữ liệu bị hỏng nên đã được chuyển sang một bên (không xóa) và ứng dụng bắt đầu với dữ liệu mới. Hãy báo quản trị viên để khôi phục hồ sơ chưa gửi.',
        en: 'The data file was corrupt, so it was moved aside (not deleted) and the app started fresh. Tell your administrator so unsent filings can be recovered.',
      },
      detail: opened.movedAside,
    });
  }
  for (const o of loaded.lockedOverrides) {
    logger.warn('config key locked by admin; lower layer ignored', { ...o });
  }

  // The bundled catalog seeds a new install and replaces an older bundled one; a newer catalog
  // synced from the portal is not replaced by an older bundle (compared by import date).
  if (catalogDir) {
    const bundled = readMeta(catalogDir);
    const current = currentCatalogVersion(opened.db);
    if (bundled && bundled.version !== current) {
      const installedAt = opened.db.prepare<[], { value: string }>("SELECT value FROM catalog_meta WHERE key = 'meta'").get();
      const installedDate = installedAt ? (JSON.parse(installedAt.value) as { importedAt: string }).importedAt : '';
      if (!installedDate || installedDate <= bundled.importedAt) {
        const started = Date.now();
        replaceCatalog(opened.db, readSnapshot(catalogDir));
        // What the portal sent since is not in the bundle: read its catalog feed from the start.
        opened.db.prepare("DELETE FROM sync_cursors WHERE feed = 'catalog'").run();
        logger.info('catalog seeded from bundle', { version: bundled.version, ms: Date.now() - started });
      }
    }
  }
  const search = new CatalogSearch(opened.db);
  seedHolidays(opened.db);

  const events = createEventBus((err) => logger.error('event listener failed', { err }));
  const client = config.portal.url ? new PortalClient({ baseUrl: config.portal.url, token: () => getSetting(opened.db, 'device.token') }) : null;
  let adapter: DossierAdapter | null = client ? cityPortalAdapter(client) : null;
  if (config.portal.dossierAdapter === 'national' && config.portal.nationalUrl) adapter = nationalPortalAdapter({ url: config.portal.nationalUrl, now: () => clock.now() });
  const sync = new SyncEngine({
    db: opened.db,
    clock,
    log: logger,
    events,
    client,
    adapter,
    device: { mode: config.mode, wardCode: config.ward.code, enrollmentCode: config.portal.enrollmentCode, appVersion: version, dataDir: config.dataDir, printer: config.printers.receipt },
    intervalMs: config.portal.syncMinutes * 60_000,
    onCatalogChanged: () => search.reload(),
    random,
  });

  const deps: CoreDeps = {
    db: opened.db,
    dbVersion: opened.version,
    clock,
    log: logger,
    events,
    loaded,
    version,
    warnings,
  };

  const auth = new StaffAuth({ db: opened.db, clock, ...config.desk });
  const queue = new Queue(opened.db, config.queue.groups);
  const handlers = {
    ...appHandlers(deps),
    ...kioskHandlers(deps),
    ...announcementHandlers(deps),
    ...catalogHandlers(deps, search),
    ...lawHandlers(deps, search),
    ...syncHandlers(deps, sync),
    ...dossierHandlers(deps, sync, auth),
    ...staffHandlers(deps, auth),
    ...deskHandlers(deps, auth, sync),
    ...queueHandlers(deps, auth, queue),
    ...feedbackHandlers(deps, sync),
  } satisfies Handlers;
  if (startSync) sync.start();

  async function call<K extends MethodName>(name: K, input: unknown): Promise<MethodResult<K>> {
    const parsed = parseInput(methods[name].input, normalizeDeep(input ?? {}, INPUT_TEXT));
    const handler = handlers[name] as Handler<K>;
    return handler(parsed as Parameters<Handler<K>>[0]);
  }

  return {
    config,
    loaded,
    db: opened.db,
    dbFile,
    dbVersion: opened.version,
    clock,
    log: logger,
    warnings,
    sync,
    async invoke(name, input) {
      try {
        if (!isMethodName(name)) {
          throw new AppError('unknown_method', {
            vi: `Không có chức năng “${name}”.`,
            en: `There is no method “${name}”.`,
          });
        }
        return { ok: true, result: await call(name, input) };
      } catch (err) {
        if (!(err instanceof AppError)) logger.error('method failed', { method: name, err });
        return { ok: false, error: toErrorPayload(err) };
      }
    },
    call: (name, input) => call(name, input),
    onEvent: (listener) => events.onAny(listener),
    reportError(source, err) {
      logger.error('background task failed', { source, err });
      events.emit('core.error', { ...toErrorPayload(err), source });
    },
    close() {
      sync.stop();
      opened.db.close();
    },
  };
}

export type { EventName };
