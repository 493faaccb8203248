import crypto from 'node:crypto';
import { provisionalYears } from '../calendar/store.js';
import fs from 'node:fs';
import type { SyncReport, SyncStatus } from '../../contract.js';

export type { SyncReport };
import type { Procedure } from '../catalog/model.js';
import { removeProcedures, removeStaleProcedures, replaceLaw, replaceLifeEvents, upsertProcedures } from '../catalog/seed.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';
import type { EventBus } from '../events.js';
import type { Logger } from '../log.js';
import { getSetting, setSetting } from '../settings.js';
import type { DossierAdapter } from './adapter.js';
import { retryDelayMs } from './backoff.js';
import { counts, due, enqueue, markDone, markRetry, park } from './outbox.js';
import { PortalError, type Feed, type PortalClient } from './portal-client.js';
import type { AppointmentChange, CatalogChanges, DossierChange, DossierSubmission, Heartbeat, HeartbeatAnswer, Transition } from './portal-types.js';


export interface SyncEngineDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  events: EventBus;
  client: PortalClient | null;
  adapter: DossierAdapter | null;
  device: { mode: 'kiosk' | 'staff'; wardCode: string; enrollmentCode: string; appVersion: string; dataDir?: string; printer?: string };
  /** The device's id and token, kept outside the database (a recovered database keeps the identity). */
  identity: { get(): { deviceId: string; deviceToken: string | null }; setToken(token: string): void };
  /** What else each heartbeat carries: the audit chain's head and state, a recovery the IT admin must hear of. */
  heartbeatExtras?: () => Partial<Heartbeat>;
  /** The portal's answer to a heartbeat (the audit head it keeps for this device). */
  onHeartbeatAnswer?: (answer: HeartbeatAnswer | null) => void;
  intervalMs: number;
  /** Called after catalog rows changed, so search reloads its vocabulary. */
  onCatalogChanged: () => void;
  random?: () => number;
  /** Page size for feeds. */
  pageSize?: number;
}

const MAX_PAGES = 200;

function freeDisk(dir: string | undefined): number | null {
  if (!dir) return null;
  try {
    const s = fs.statfsSync(dir);
    return s.bavail * s.bsize;
  } catch {
    return null;
  }
}
const SUBTYPE: Record<string, string> = { network: 'portal_unreachable', server: 'portal_error', unauthorized: 'unauthorized', bad_response: 'bad_response', refused: 'refused', gone: 'cursor_lost' };

/**
 * Offline-first sync: push the outbox in order per stream, pull the dossier and catalog feeds by
 * cursor, each page in one transaction with its cursor. Never two runs at once.
 */
export class SyncEngine {
  private running: Promise<SyncReport> | null = null;
  private current: SyncStatus;
  private timer: NodeJS.Timeout | null = null;
  private soon: NodeJS.Timeout | null = null;
  private stopped = true;
  private lastSyncAt: string | null;
  private lastError: string | null = null;

  constructor(private readonly deps: SyncEngineDeps) {
    this.lastSyncAt = getSetting(deps.db, 'sync.lastSyncAt');
    this.current = { state: deps.client ? 'idle' : 'offline', at: deps.clock.now().toISOString(), ...counts(deps.db), lastSyncAt: this.lastSyncAt };
  }

  status(): SyncStatus {
    return { ...this.current };
  }

  private setStatus(state: SyncStatus['state'], subtype?: string) {
    const c = counts(this.deps.db);
    this.current = { state, at: this.deps.clock.now().toISOString(), pending: c.pending, parked: c.parked, lastSyncAt: this.lastSyncAt, ...(subtype ? { subtype } : {}) };
    this.deps.events.emit('sync.status', this.status());
  }

  /** Starts the schedule: now, every interval, and shortly after local writes. */
  start(): void {
    if (!this.deps.client) return;
    this.stopped = false;
    this.runSoon(0);
    this.timer = setInterval(() => void this.runOnce().catch(() => undefined), this.deps.intervalMs);
    this.timer.unref?.();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.soon) clearTimeout(this.soon);
    this.timer = null;
    this.soon = null;
  }

  /** A local write happened (or the network came back): sync shortly, coalescing bursts. */
  runSoon(delayMs = 1500): void {
    if (this.stopped || !this.deps.client) return;
    if (this.soon) clearTimeout(this.soon);
    this.soon = setTimeout(() => {
      this.soon = null;
      void this.runOnce().catch(() => undefined);
    }, delayMs);
    this.soon.unref?.();
  }

  /** One full cycle; a call while one runs shares the running cycle. */
  runOnce(): Promise<SyncReport> {
    this.running ??= this.cycle().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  private async cycle(): Promise<SyncReport> {
    const report: SyncReport = { pushed: 0, parked: 0, retried: 0, dossierChanges: 0, catalogChanges: 0, notModified: [], roundTrips: 0, bytes: 0, errors: [] };
    const { client } = this.deps;
    if (!client) {
      this.setStatus('offline');
      return report;
    }
    this.setStatus('syncing');
    try {
      await this.ensureRegistered(client, report);
      this.enqueueHeartbeat();
      await this.push(client, report);
      await this.pullDossiers(client, report);
      await this.pullCatalog(client, report);
      if (this.deps.device.mode === 'staff') await this.pullStaff(client, report);
      this.lastSyncAt = this.now();
      setSetting(this.deps.db, 'sync.lastSyncAt', this.lastSyncAt);
      this.lastError = null;
      this.setStatus('idle');
    } catch (err) {
      const e = err instanceof PortalError ? err : new PortalError('server', (err as Error).message);
      this.lastError = e.message;
      report.errors.push(e.message);
      this.deps.log.warn('sync cycle failed', { kind: e.kind, status: e.status, err: e.message });
      this.setStatus('error', SUBTYPE[e.kind] ?? 'error');
    }
    return report;
  }

  private async ensureRegistered(client: PortalClient, report: SyncReport): Promise<void> {
    const { device, identity } = this.deps;
    if (identity.get().deviceToken) return;
    const { deviceId } = identity.get();
    if (!device.enrollmentCode) throw new PortalError('unauthorized', 'this device is not registered: no enrollment code in the config (portal.enrollmentCode)');
    report.roundTrips++;
    const res = await client.register({ enrollmentCode: device.enrollmentCode, wardCode: device.wardCode, mode: device.mode, deviceId, appVersion: device.appVersion });
    identity.setToken(res.deviceToken);
    this.deps.log.info('device registered with the portal', { deviceId });
  }

  /** One pending heartbeat at most: a newer one replaces an unsent older one. */
  private enqueueHeartbeat(): void {
    const { db, device } = this.deps;
    const c = counts(db);
    const hb: Heartbeat = {
      status: this.lastError ? 'degraded' : 'ok',
      outboxLength: c.pending,
      parkedLength: c.parked,
      lastSyncAt: this.lastSyncAt,
      freeDiskBytes: freeDisk(device.dataDir),
      printer: device.printer || 'mặc định / default',
      lastError: this.lastError,
      appVersion: device.appVersion,
      mode: device.mode,
      calendarProvisional: provisionalYears(db, this.deps.clock.now()),
      ...this.deps.heartbeatExtras?.(),
    };
    db.transaction(() => {
      db.prepare("DELETE FROM outbox WHERE kind = 'heartbeat' AND state = 'pending'").run();
      enqueue(db, { kind: 'heartbeat', idempotencyKey: `heartbeat-${crypto.randomUUID()}`, stream: 'heartbeat', payload: hb, now: this.now() });
    })();
  }

  private async push(client: PortalClient, report: SyncReport): Promise<void> {
    const { db, clock } = this.deps;
    for (let round = 0; round < 10_000; round++) {
      const batch = due(db, this.now(), 50);
      if (batch.length === 0) return;
      for (const item of batch) {
        report.roundTrips++;
        try {
          const answer = await this.send(client, item.kind, item.payload, item.idempotencyKey);
          if (item.kind === 'heartbeat') this.deps.onHeartbeatAnswer?.(answer as HeartbeatAnswer | null);
          db.transaction(() => {
            markDone(db, item.id, this.now());
            this.acknowledge(item.kind, item.payload);
          })();
          report.pushed++;
        } catch (err) {
          const e = err instanceof PortalError ? err : new PortalError('server', (err as Error).message);
          if (e.kind === 'refused') {
            db.transaction(() => {
              park(db, item.id, e.message);
              this.refuse(item.kind, item.payload, e.message);
            })();
            report.parked++;
            this.deps.log.warn('portal refused an outbox item; parked', { kind: item.kind, id: item.id, err: e.message });
            continue;
          }
          const next = new Date(clock.now().getTime() + retryDelayMs(item.attempts + 1, this.deps.random)).toISOString();
          markRetry(db, item.id, e.message, next);
          report.retried++;
          // The portal is down or sick: stop pushing this cycle, the rest waits for its turn.
          throw e;
        }
      }
    }
  }

  private send(client: PortalClient, kind: string, payload: unknown, key: string): Promise<unknown> {
    switch (kind) {
      case 'dossier.submit':
        return (this.deps.adapter ?? { submitDossier: (d: DossierSubmission, k: string) => client.submitDossier(d, k) }).submitDossier(payload as DossierSubmission, key);
      case 'dossier.transition': {
        const t = payload as { code: string; body: Transition };
        return client.sendTransition(t.code, t.body, key);
      }
      case 'dossier.appointment': {
        const a = payload as { code: string; body: AppointmentChange };
        return client.moveAppointment(a.code, a.body, key);
      }
      case 'feedback':
        return client.sendFeedback(payload, key);
      case 'rating':
        return client.sendRating(payload, key);
      case 'heartbeat':
        return client.heartbeat(payload as Heartbeat);
      default:
        throw new PortalError('refused', `unknown outbox kind ${kind}`);
    }
  }

  private acknowledge(kind: string, payload: unknown): void {
    const { db } = this.deps;
    const at = this.now();
    if (kind === 'dossier.submit') {
      const d = payload as DossierSubmission;
      db.prepare('UPDATE dossiers SET acked_at = ? WHERE code = ?').run(at, d.code);
      db.prepare("UPDATE dossier_history SET state = 'acked' WHERE dossier_code = ? AND status = 'new' AND state = 'pending'").run(d.code);
    } else if (kind === 'dossier.transition') {
      const t = payload as { code: string; body: Transition };
      db.prepare("UPDATE dossier_history SET state = 'acked' WHERE id = (SELECT min(id) FROM dossier_history WHERE dossier_code = ? AND status = ? AND state = 'pending')").run(t.code, t.body.to);
    }
  }

  /** A transition the portal refused is shown to the officer who made it. */
  private refuse(kind: string, payload: unknown, error: string): void {
    const { db } = this.deps;
    if (kind === 'dossier.transition') {
      const t = payload as { code: string; body: Transition };
      db.prepare("UPDATE dossier_history SET state = 'refused', error = ? WHERE id = (SELECT min(id) FROM dossier_history WHERE dossier_code = ? AND status = ? AND state = 'pending')").run(error, t.code, t.body.to);
      this.deps.events.emit('dossier.transitionRefused', { code: t.code, to: t.body.to, actor: t.body.actor, error });
    }
  }

  private cursor(feed: string): { cursor: string | null; etag: string | null } {
    const row = this.deps.db.prepare<[string], { cursor: string | null; etag: string | null }>('SELECT cursor, etag FROM sync_cursors WHERE feed = ?').get(feed);
    return row ?? { cursor: null, etag: null };
  }

  private saveCursor(feed: string, cursor: string | null, etag: string | null): void {
    this.deps.db
      .prepare('INSERT INTO sync_cursors (feed, cursor, etag, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (feed) DO UPDATE SET cursor = excluded.cursor, etag = excluded.etag, updated_at = excluded.updated_at')
      .run(feed, cursor, etag, this.now());
  }

  /**
   * Reads one feed from its saved cursor, page by page: 304 ends it, a lost cursor (410) reads it
   * again from the start, and `apply` stores each page together with its new cursor.
   */
  private async readFeed<T extends { cursor: string; hasMore: boolean }>(
    feed: string,
    report: SyncReport,
    fetchPage: (cursor: string | null, etag: string | null) => Promise<Feed<T>>,
    apply: (body: T, etag: string | null) => void,
  ): Promise<void> {
    for (let page = 0; page < MAX_PAGES; page++) {
      const { cursor, etag } = this.cursor(feed);
      report.roundTrips++;
      let res: Feed<T>;
      try {
        res = await fetchPage(cursor, etag);
      } catch (err) {
        if (err instanceof PortalError && err.kind === 'gone') {
          this.saveCursor(feed, null, null); // cursor lost: read the whole feed again
          continue;
        }
        throw err;
      }
      if (res.notModified) {
        report.notModified.push(feed);
        return;
      }
      report.bytes += res.bytes;
      apply(res.body, res.etag);
      if (!res.body.hasMore) return;
    }
  }

  private pullDossiers(client: PortalClient, report: SyncReport): Promise<void> {
    return this.readFeed('dossiers', report, (cursor, etag) => client.dossierChanges(cursor, etag, this.deps.pageSize), (body, etag) => {
      this.deps.db.transaction(() => {
        for (const change of body.items) this.applyDossierChange(change);
        this.saveCursor('dossiers', body.cursor, etag);
      })();
      report.dossierChanges += body.items.length;
      if (body.items.length) this.deps.events.emit('dossiers.changed', { codes: body.items.map((i) => i.code) });
    });
  }

  /**
   * The portal owns the official status; a local transition not yet acknowledged keeps the local
   * status until the portal has it (the officer's view must not jump back).
   */
  private applyDossierChange(change: DossierChange): void {
    const { db } = this.deps;
    const existing = db.prepare<[string], { status: string }>('SELECT status FROM dossiers WHERE code = ?').get(change.code);
    if (!existing) {
      const d = change.dossier;
      if (!d) return; // a status for a dossier this device never saw and was not sent: not ours
      db.prepare(
        `INSERT INTO dossiers (code, client_key, procedure_code, procedure_name, ward_code, channel, applicant, data, status, status_at, appointment_at, filed_at, origin, acked_at, synced_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'portal', ?, ?)`,
      ).run(d.code, d.clientKey, d.procedureCode, d.procedureName ?? '', d.wardCode, d.channel, JSON.stringify(d.applicant), JSON.stringify(d.data ?? {}), change.status, change.statusAt, change.appointmentAt ?? null, d.filedAt, change.statusAt, this.now());
      db.prepare("INSERT INTO dossier_history (dossier_code, status, at, actor, note, source, state) VALUES (?, ?, ?, 'portal', ?, 'portal', 'official')").run(d.code, change.status, change.statusAt, change.note ?? null);
      return;
    }
    const pendingLocal = db.prepare<[string], { n: number }>("SELECT count(*) AS n FROM dossier_history WHERE dossier_code = ? AND source = 'local' AND state = 'pending'").get(change.code)!.n;
    const known = db.prepare<[string, string, string], { n: number }>('SELECT count(*) AS n FROM dossier_history WHERE dossier_code = ? AND status = ? AND at = ?').get(change.code, change.status, change.statusAt)!.n;
    if (!known) {
      db.prepare("INSERT INTO dossier_history (dossier_code, status, at, actor, note, source, state) VALUES (?, ?, ?, 'portal', ?, 'portal', 'official')").run(change.code, change.status, change.statusAt, change.note ?? null);
    }
    if (pendingLocal === 0) {
      db.prepare('UPDATE dossiers SET status = ?, status_at = ?, appointment_at = coalesce(?, appointment_at), synced_at = ? WHERE code = ?').run(change.status, change.statusAt, change.appointmentAt ?? null, this.now(), change.code);
    } else {
      db.prepare('UPDATE dossiers SET synced_at = ? WHERE code = ?').run(this.now(), change.code);
    }
  }

  /** Accounts the portal manages: created, changed or deactivated here; local accounts are left alone. */
  private pullStaff(client: PortalClient, report: SyncReport): Promise<void> {
    const { db } = this.deps;
    return this.readFeed('staff', report, (cursor, etag) => client.staffChanges(cursor, etag), (body, etag) => {
      db.transaction(() => {
        const upsert = db.prepare(
          `INSERT INTO staff_accounts (username, display_name, roles, active, password_hash, source, created_at) VALUES (?, ?, ?, ?, ?, 'portal', ?)
           ON CONFLICT (username) DO UPDATE SET display_name = excluded.display_name, roles = excluded.roles, active = excluded.active,
             password_hash = coalesce(excluded.password_hash, password_hash) WHERE source = 'portal'`,
        );
        for (const a of body.items) upsert.run(a.username.toLowerCase(), a.displayName, JSON.stringify(a.roles), a.active ? 1 : 0, a.passwordHash ?? null, this.now());
        this.saveCursor('staff', body.cursor, etag);
      })();
    });
  }

  private async pullCatalog(client: PortalClient, report: SyncReport): Promise<void> {
    let changed = false;
    await this.readFeed('catalog', report, (cursor, etag) => client.catalogChanges(cursor, etag, this.deps.pageSize), (body, etag) => {
      this.applyCatalogPage(body, etag);
      report.catalogChanges += body.procedures.length + body.removedProcedures.length + body.laws.length + body.announcements.length + body.holidays.length;
      changed ||= body.procedures.length > 0 || body.removedProcedures.length > 0 || body.laws.length > 0;
      if (body.announcements.length) this.deps.events.emit('announcements.changed', { id: 0 });
    });
    if (changed) this.deps.onCatalogChanged();
  }

  private applyCatalogPage(page: CatalogChanges, etag: string | null): void {
    const { db } = this.deps;
    db.transaction(() => {
      // A full resync runs over several pages; its generation marks what it delivered.
      let generation = Number(getSetting(db, 'catalog.generation') ?? '0');
      if (page.full) {
        generation++;
        setSetting(db, 'catalog.generation', String(generation));
        setSetting(db, 'catalog.fullRun', '1');
      }
      if (page.procedures.length) upsertProcedures(db, page.procedures as unknown as Procedure[], generation);
      if (page.removedProcedures.length) removeProcedures(db, page.removedProcedures);
      if (page.lifeEvents.length) replaceLifeEvents(db, page.lifeEvents);
      for (const law of page.laws) replaceLaw(db, law as unknown as Parameters<typeof replaceLaw>[1]);
      const upsertAnnouncement = db.prepare(
        `INSERT INTO announcements (title, body, source, portal_id, published_at, expires_at) VALUES (?, ?, 'portal', ?, ?, ?)
         ON CONFLICT (portal_id) DO UPDATE SET title = excluded.title, body = excluded.body, published_at = excluded.published_at, expires_at = excluded.expires_at`,
      );
      for (const a of page.announcements) upsertAnnouncement.run(a.title, a.body, a.id, a.publishedAt, a.expiresAt ?? null);
      const upsertHoliday = db.prepare("INSERT INTO holidays (date, kind, name, source) VALUES (?, ?, ?, 'portal') ON CONFLICT (date) DO UPDATE SET kind = excluded.kind, name = excluded.name, source = 'portal'");
      for (const h of page.holidays) upsertHoliday.run(h.date, h.kind, h.name);
      if (!page.hasMore && getSetting(db, 'catalog.fullRun') === '1') {
        removeStaleProcedures(db, generation);
        setSetting(db, 'catalog.fullRun', '0');
      }
      // The catalog is now the portal's: a bundle older than this must not replace it at start.
      const meta: Record<string, unknown> = { ...(JSON.parse(db.prepare<[], { value: string }>("SELECT value FROM catalog_meta WHERE key = 'meta'").get()?.value ?? '{}') as Record<string, unknown>), importedAt: this.now() };
      if (page.catalogVersion) meta.version = page.catalogVersion;
      db.prepare("INSERT INTO catalog_meta (key, value) VALUES ('meta', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(JSON.stringify(meta));
      if (page.catalogVersion) {
        db.prepare("INSERT INTO catalog_meta (key, value) VALUES ('version', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(page.catalogVersion);
      }
      this.saveCursor('catalog', page.cursor, etag);
    })();
  }
}
