import os from 'node:os';
import path from 'node:path';
import {
  eventAudience,
  INPUT_TEXT,
  isMethodName,
  methods,
  type Caller,
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
import { appHandlers, kioskHandlers, printHandlers } from './system/handlers.js';
import { seedHolidays } from './calendar/store.js';
import { dossierHandlers } from './dossiers/handlers.js';
import { deskHandlers } from './desk/handlers.js';
import { Queue } from './queue/queue.js';
import { queueHandlers } from './queue/handlers.js';
import { visitHandlers } from './visits/handlers.js';
import { LanVerifier, lanDevicesFeed } from './queue/lan.js';
import { QueueLink } from './queue/remote.js';
import { StaffAuth } from './staff/auth.js';
import { staffHandlers } from './staff/handlers.js';
import { feedbackHandlers } from './feedback/handlers.js';
import { cityPortalAdapter, type DossierAdapter } from './sync/adapter.js';
import { SyncEngine, type Timers } from './sync/engine.js';
import { dossierFeed, dossierOutbox } from './dossiers/feed.js';
import { catalogFeed } from './catalog/feed.js';
import { staffFeed } from './staff/feed.js';
import { feedbackOutbox } from './feedback/outbox.js';
import { wardOutbox } from './sync/ward-outbox.js';
import { syncHandlers } from './sync/handlers.js';
import { nationalPortalAdapter } from './sync/national-adapter.js';
import { PortalClient } from './sync/portal-client.js';
import { getSetting, setSetting } from './settings.js';
import { parseInput } from './validate.js';
import { authorize, RateLimiter, unknownMethod } from './access.js';
import { DeviceAdmin } from './device/admin.js';
import { DeviceStore, restrict } from './device/store.js';
import { diskFullError, isDiskFull } from './disk.js';
import { createSequences, raiseSequences } from './sequences.js';
import { purgeExpired } from './retention.js';
import { salvage } from './db/salvage.js';
import { closeDatabase, markForCheck } from './db/open.js';
import { AuditLog } from './staff/audit.js';
import type { StaffSession } from './staff/model.js';
import { normalizeDeep } from './text/normalize.js';
import { createNetwork, type Network } from './net.js';
import { backup, nextBackupAt, type BackupResult } from './backup.js';

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
  /** Timers of the sync schedule (tests run it on a controlled clock). */
  timers?: Timers;
  /** The system's proxy for the portal ("http://host:port"), as the Electron shell resolved it; used when neither the config nor the environment names one. */
  systemProxy?: string | null;
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
  readonly device: DeviceStore;
  readonly audit: AuditLog;
  /** The proxy and CAs for requests to the portal and the update server. */
  readonly network: Network;
  /**
   * Untrusted entry point for transports: checks the caller against the contract's authorization
   * table, then validates the input and runs the handler; never throws. `bytes` is the input's size
   * when the transport measured it (HTTP).
   */
  invoke(method: string, input: unknown, caller: Caller, bytes?: number): Promise<InvokeResponse<unknown>>;
  /** Typed entry point for in-process callers (CLI, tests), checked like any other caller; throws AppError. */
  call<K extends MethodName>(method: K, input: MethodInput<K>, caller?: Caller): Promise<MethodResult<K>>;
  /** Every event, unfiltered: for the app's own listeners (the shell), never for a network client. */
  onEvent(listener: AnyEventListener): () => void;
  /**
   * The events one viewer may hear (the contract's `eventAudience`): officer events only while
   * `session` is a live session of this desk, checked at each event without extending it.
   */
  subscribe(listener: AnyEventListener, viewer: { session?: string | null }): () => void;
  /** The first-run setup code of a desk with no account, when this device made it (doctor prints it). */
  setupCode(): string | null;
  /**
   * Backs the device up (database by SQLite's online backup, attachments, device file) into a new
   * folder under `to` (default `backup.dir`); keeps the newest `backup.keep`. The app also runs it
   * daily at `backup.time` when `backup.dir` is set.
   */
  backup(to?: string): Promise<BackupResult>;
  /** For background work: logs the error and pushes a typed `core.error` event the UI shows. */
  reportError(source: string, err: unknown): void;
  close(): void;
}

export const DB_FILE = 'motcua.db';

/** This device's slot as the portal and dossier codes name it: the mode's letter and the number (K01, Q02). */
export function deviceSlot(config: { mode: 'kiosk' | 'staff'; device: { slot: string } }): string {
  return `${config.mode === 'kiosk' ? 'K' : 'Q'}${config.device.slot}`;
}

/** Builds one core: its own database, logger, event bus and handlers. Several can live side by side. */
export function createCore({ loaded, clock = systemClock, log, version = '0.0.0', catalogDir, startSync = false, random, timers, systemProxy }: CoreOptions): Core {
  const { config } = loaded;
  const logger =
    log ??
    createLogger({ dir: path.join(config.dataDir, 'logs'), clock, level: config.log.level, maxBytes: config.log.maxBytes, maxFiles: config.log.maxFiles });
  // The proxy and the trusted CAs for every request that leaves the office (a CA file that cannot be
  // read stops the start here, before the database is opened).
  const network = createNetwork({ proxy: config.network.proxy, caFile: config.network.caFile, systemProxy });
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

  // Identity and secrets live outside the database (device/device.json), so a corrupt file moved
  // aside takes none of them; an install from before keeps the id and token it registered with.
  const device = new DeviceStore(config.dataDir);
  adoptLegacyIdentity(opened.db, device);
  if (opened.movedAside) recover(opened.db, opened.movedAside, device, clock, logger, warnings);
  restrict(config.dataDir, 0o700);
  for (const suffix of ['', '-wal', '-shm']) restrict(dbFile + suffix, 0o600);

  const events = createEventBus((err) => logger.error('event listener failed', { err }));
  const client = config.portal.url ? new PortalClient({ baseUrl: config.portal.url, token: () => device.get().deviceToken, network }) : null;
  let adapter: DossierAdapter | null = client ? cityPortalAdapter(client) : null;
  if (config.portal.dossierAdapter === 'national' && config.portal.nationalUrl) adapter = nationalPortalAdapter({ url: config.portal.nationalUrl, now: () => clock.now(), fetch: network.fetch });
  const audit = new AuditLog({ db: opened.db, clock, device, log: logger });
  const sequences = createSequences(opened.db, device);
  // Each domain applies its own feed and says how its outbox items are sent.
  const now = () => clock.now().toISOString();
  const feeds = [
    dossierFeed({ db: opened.db, events, now }),
    catalogFeed({ db: opened.db, events, now, onCatalogChanged: () => search.reload(), wardCode: config.ward.code }),
    ...(config.mode === 'staff' ? [staffFeed({ db: opened.db, now }), lanDevicesFeed({ db: opened.db, now })] : []),
  ];
  const sync = new SyncEngine({
    db: opened.db,
    clock,
    log: logger,
    events,
    client,
    adapter,
    device: {
      mode: config.mode,
      wardCode: config.ward.code,
      enrollmentCode: config.portal.enrollmentCode,
      appVersion: version,
      dataDir: config.dataDir,
      printer: config.printers.receipt,
      slot: deviceSlot(config),
      hostname: os.hostname(),
    },
    identity: {
      get: () => device.get(),
      registered: ({ token, lanKey, sequences, enrolledWith }) => {
        device.update((d) => {
          d.deviceToken = token;
          d.enrolledWith = enrolledWith;
          if (lanKey) d.lanKey = lanKey;
        });
        // A replacement continues after the codes its slot already gave (the portal's count).
        if (sequences) raiseSequences(opened.db, device, sequences);
      },
    },
    heartbeatExtras: () => {
      const chain = audit.state();
      const recovery = device.get().recoveries.at(-1);
      return {
        // The reservations: a replacement of this slot continues after them.
        sequences: { ...device.get().sequences },
        ...(config.backup.dir ? { lastBackupAt: getSetting(opened.db, 'backup.lastAt') } : {}),
        ...(chain.head ? { auditHead: chain.head } : {}),
        auditChain: chain.brokenAt !== null ? 'broken' : chain.anchor && !chain.anchor.ok ? 'truncated' : 'ok',
        ...(recovery ? { recovery: { at: recovery.at, salvaged: recovery.salvaged, unreadable: recovery.unreadable } } : {}),
      };
    },
    onHeartbeatAnswer: (answer) => {
      if (answer?.auditHead) audit.recordPortalAnchor(answer.auditHead);
      // A device restored from an older backup learns here of the codes it gave since.
      if (answer?.sequences) raiseSequences(opened.db, device, answer.sequences);
    },
    intervalMs: config.portal.syncMinutes * 60_000,
    feeds,
    outbox: [...dossierOutbox({ db: opened.db, events, now }), ...feedbackOutbox(), ...wardOutbox()],
    random,
    timers,
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
    device,
    audit,
    sequences,
  };

  const auth = new StaffAuth({ db: opened.db, clock, audit, wardName: config.ward.name, ...config.desk });
  const admin = new DeviceAdmin({ config, device, clock, log: logger });
  admin.ensureSetupCode(auth.needsSetup());
  const limiter = new RateLimiter(clock);
  const queue = new Queue(opened.db, config.queue.groups);
  // A kiosk, or a desk that is not the queue desk, reaches the ward's queue over the LAN with its key.
  const queueLink = config.queue.url
    ? new QueueLink({ url: config.queue.url, log: logger, desk: config.mode === 'staff', credential: () => { const d = device.get(); return d.lanKey ? { id: d.deviceId, key: d.lanKey } : null; } })
    : null;
  if (queueLink && config.mode === 'staff') queueLink.listen(events, logger);
  const handlers = {
    ...appHandlers(deps),
    ...kioskHandlers(deps),
    ...announcementHandlers(deps),
    ...catalogHandlers(deps, search),
    ...lawHandlers(deps, search),
    ...syncHandlers(deps, sync),
    ...dossierHandlers(deps, sync, client),
    ...staffHandlers(deps, auth, admin),
    ...deskHandlers(deps, sync),
    ...queueHandlers(deps, queue, queueLink, () => auth.liveCounters()),
    ...visitHandlers(deps, queue, queueLink),
    ...feedbackHandlers(deps, sync, client),
    ...printHandlers(),
  } satisfies Handlers;
  // A kiosk drops filings' personal data past their retention: at start, after each sync, hourly.
  const retain = () => {
    if (config.mode !== 'kiosk') return;
    try {
      purgeExpired(opened.db, { dataDir: config.dataDir, now: clock.now(), retentionDays: config.kiosk.retentionDays, log: logger });
    } catch (err) {
      logger.error('kiosk retention failed', { err });
    }
  };
  retain();
  const offRetain = events.onAny((name, payload) => {
    if (name === 'sync.status' && (payload as { state: string }).state === 'idle') retain();
  });
  const hourly = setInterval(retain, 3600_000);
  hourly.unref?.();
  if (startSync) sync.start();

  async function runBackup(to = config.backup.dir): Promise<BackupResult> {
    if (!to) {
      throw new AppError('validation', { vi: 'Chưa có nơi sao lưu: đặt backup.dir trong cấu hình hoặc dùng --to <thư mục>.', en: 'No backup destination: set backup.dir in the config or give --to <folder>.' }, { field: 'to' });
    }
    const result = await backup(opened.db, { dataDir: config.dataDir, to, now: clock.now(), appVersion: version, ward: config.ward.code, slot: deviceSlot(config), mode: config.mode, keep: config.backup.keep });
    setSetting(opened.db, 'backup.lastAt', result.manifest.createdAt);
    logger.info('backup made', { dir: result.dir, attachments: result.manifest.attachments, copied: result.copied, linked: result.linked, removed: result.removed.length });
    return result;
  }
  // The daily backup, at backup.time (Vietnam's), while the app runs; a failure is logged and shows on
  // the fleet page as a backup growing old.
  let backupTimer: NodeJS.Timeout | null = null;
  const scheduleBackup = () => {
    if (!startSync || !config.backup.dir) return;
    const at = nextBackupAt(clock.now(), config.backup.time);
    backupTimer = setTimeout(() => {
      void runBackup()
        .catch((err: unknown) => logger.error('scheduled backup failed', { err, dir: config.backup.dir }))
        .finally(scheduleBackup);
    }, Math.max(1000, at.getTime() - clock.now().getTime()));
    backupTimer.unref();
  };
  scheduleBackup();
  // The full audit verification runs in the background, shortly after start and then daily.
  // A failure (the database gone under it, as after a power cut) is logged, never an unhandled rejection.
  const verifyInBackground = () => void audit.verifyAll().catch((err: unknown) => logger.error('audit verification failed', { err }));
  const verifyTimer = setTimeout(verifyInBackground, 3_000);
  verifyTimer.unref?.();
  const dailyVerify = setInterval(verifyInBackground, 24 * 3600_000);
  dailyVerify.unref?.();

  const INTERNAL: Caller = { transport: 'internal', client: 'in-process' };
  const lanVerifier = new LanVerifier(opened.db);

  async function call<K extends MethodName>(name: K, input: unknown, caller: Caller, bytes?: number): Promise<MethodResult<K>> {
    const checked = authorize(name, input ?? {}, caller, { mode: config.mode, clock, auth, admin, limiter, lan: (d, method) => lanVerifier.verify(d, method), lockMinutes: config.desk.lockMinutes }, bytes);
    const ctx = checked instanceof Promise ? await checked : checked;
    const parsed = parseInput(methods[name].input, normalizeDeep(input ?? {}, INPUT_TEXT));
    const handler = handlers[name] as unknown as Handler<K>;
    return handler(parsed as Parameters<Handler<K>>[0], ctx as Parameters<Handler<K>>[1]);
  }

  /** Whether `viewer` may hear event `name` now. */
  function visible(name: EventName, payload: unknown, viewer: StaffSession | null): boolean {
    const audience = (eventAudience[name] as Partial<Record<'kiosk' | 'staff', 'public' | 'officer'>>)[config.mode];
    if (!audience) return false;
    if (audience === 'public') return true;
    if (!viewer) return false;
    // A refused transition is shown to the officer who made it.
    if (name === 'dossier.transitionRefused') return (payload as { actor: string }).actor === viewer.username;
    return true;
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
    device,
    audit,
    network,
    async invoke(name, input, caller, bytes) {
      try {
        if (!isMethodName(name)) throw unknownMethod(name);
        return { ok: true, result: await call(name, input, caller, bytes) };
      } catch (err) {
        if (isDiskFull(err)) {
          logger.error('disk full', { method: name, err });
          return { ok: false, error: diskFullError().toPayload() };
        }
        if ((err as { code?: string }).code === 'SQLITE_CORRUPT') markForCheck(dbFile);
        if (!(err instanceof AppError)) logger.error('method failed', { method: name, err });
        return { ok: false, error: toErrorPayload(err) };
      }
    },
    async call(name, input, caller = INTERNAL) {
      try {
        return await call(name, input, caller);
      } catch (err) {
        throw isDiskFull(err) ? diskFullError() : err;
      }
    },
    onEvent: (listener) => events.onAny(listener),
    subscribe(listener, viewer) {
      return events.onAny((name, payload) => {
        const session = viewer.session ? auth.peek(viewer.session) : null;
        if (visible(name, payload, session)) listener(name, payload);
      });
    },
    setupCode: () => admin.ensureSetupCode(auth.needsSetup()),
    backup: runBackup,
    reportError(source, err) {
      logger.error('background task failed', { source, err });
      events.emit('core.error', { ...toErrorPayload(err), source });
    },
    close() {
      clearTimeout(verifyTimer);
      if (backupTimer) clearTimeout(backupTimer);
      clearInterval(dailyVerify);
      clearInterval(hourly);
      offRetain();
      sync.stop();
      queueLink?.stop();
      void network.close();
      closeDatabase(opened.db, dbFile);
    },
  };
}

/**
 * A corrupt database was moved aside and a fresh one started: the device keeps its identity (the
 * device file), its unsent items and sequences are salvaged from the moved-aside file, the audit
 * chain starts again (the old one stays in that file), and the IT admin hears of it — doctor and
 * every heartbeat carry the recovery record, the fleet page shows it.
 */
function recover(db: Db, movedAside: string, device: DeviceStore, clock: Clock, log: Logger, warnings: Warning[]): void {
  const at = clock.now().toISOString();
  const saved = salvage(db, movedAside, at);
  const raise = db.prepare('INSERT INTO daily_sequences (day, last) VALUES (?, ?) ON CONFLICT (day) DO UPDATE SET last = max(last, excluded.last)');
  for (const [key, last] of Object.entries(saved.sequences)) raise.run(key, last);
  device.update((d) => {
    d.recoveries = [...d.recoveries.slice(-9), { at, movedAside, salvaged: saved.salvaged, unreadable: saved.unreadable }];
    // What the old file counted is exact; where it could not be read, the reservations stand.
    for (const [key, last] of Object.entries(saved.sequences)) d.sequences[key] = last;
    // The chain starts again in this database; its anchors were the old file's.
    d.auditLegacyUntil = 0;
    d.auditAnchor = null;
    d.portalAnchor = null;
  });
  log.error('database recovered: corrupt file moved aside, unsent items salvaged', { movedAside, ...saved, sequences: Object.keys(saved.sequences).length });
  const w = warnings.find((x) => x.code === 'db_corrupt_moved');
  if (w) {
    w.message = {
      vi: `${w.message.vi} Đã cứu ${saved.salvaged} mục chưa gửi${saved.unreadable > 0 ? `, ${saved.unreadable} dòng không đọc được` : ''}.`,
      en: `${w.message.en} ${saved.salvaged} unsent items were salvaged${saved.unreadable > 0 ? `, ${saved.unreadable} rows could not be read` : ''}.`,
    };
  }
}

/** An install from before kept its portal identity in the settings table: it moves to the device file. */
function adoptLegacyIdentity(db: Db, device: DeviceStore): void {
  const id = getSetting(db, 'device.id');
  const token = getSetting(db, 'device.token');
  if (!id && !token) return;
  device.update((d) => {
    if (id && (device.created || !d.deviceToken)) d.deviceId = id;
    if (token && !d.deviceToken) d.deviceToken = token;
  });
  db.prepare("DELETE FROM settings WHERE key IN ('device.id', 'device.token')").run();
}

export type { EventName };
