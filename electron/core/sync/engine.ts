import { provisionalYears } from '../calendar/store.js';
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { SyncReport, SyncStatus } from '../../contract.js';

export type { SyncReport };
import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';
import type { EventBus } from '../events.js';
import type { Logger } from '../log.js';
import { getSetting, setSetting } from '../settings.js';
import type { DossierAdapter } from './adapter.js';
import { retryDelayMs } from './backoff.js';
import type { FeedHandler, OutboxHandler } from './feeds.js';
import { counts, due, isCorruption, markDone, markRetry, nextAttemptAt, park, type OutboxItem } from './outbox.js';
import { PortalError, type Feed, type PortalClient } from './portal-client.js';
import type { FeedName, Heartbeat, HeartbeatAnswer } from './portal-types.js';

/** Timers the schedule runs on; tests pass virtual ones that move a controlled clock. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

export interface SyncEngineDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  events: EventBus;
  client: PortalClient | null;
  adapter: DossierAdapter | null;
  device: { mode: 'kiosk' | 'staff'; wardCode: string; enrollmentCode: string; appVersion: string; dataDir?: string; printer?: string; slot?: string; hostname?: string };
  /**
   * The device's id and token, kept outside the database (a recovered database keeps the identity).
   * `enrolledWith` is the SHA-256 of the enrollment code the token came from: a bundle with a new code
   * (a re-enrollment after revocation, a replacement) makes the device register again.
   */
  identity: {
    get(): { deviceId: string; deviceToken: string | null; enrolledWith?: string | null };
    /** Registered: the token, the LAN key, the slot's sequences as the portal knows them. */
    registered(r: { token: string; lanKey?: string; sequences?: Record<string, number>; enrolledWith: string | null }): void;
  };
  /** What else each heartbeat carries: the audit chain's head and state, a recovery the IT admin must hear of. */
  heartbeatExtras?: () => Partial<Heartbeat>;
  /** The portal's answer to a heartbeat (the audit head it keeps for this device). */
  onHeartbeatAnswer?: (answer: HeartbeatAnswer | null) => void;
  /** The longest wait between two cycles (portal.syncMinutes). */
  intervalMs: number;
  /** The feeds this device reads, each applied by its domain. */
  feeds: FeedHandler[];
  /** How each kind of outbox item is sent and what its domain does with the answer. */
  outbox: OutboxHandler[];
  random?: () => number;
  /** Page size for feeds. */
  pageSize?: number;
  timers?: Timers;
  /** A heartbeat that says nothing new is sent this often; a changed one at once. @default 1 hour */
  heartbeatMs?: number;
}

const MAX_PAGES = 200;
/** Consecutive unanswered requests after which the portal counts as unreachable for this cycle. */
const UNREACHABLE_AFTER = 5;
/** The shortest gap between two scheduled cycles. */
const MIN_GAP_MS = 1000;

function freeDisk(dir: string | undefined): number | null {
  if (!dir) return null;
  try {
    const s = fs.statfsSync(dir);
    return s.bavail * s.bsize;
  } catch {
    return null;
  }
}
const SUBTYPE: Record<string, string> = {
  network: 'portal_unreachable',
  server: 'portal_error',
  busy: 'portal_busy',
  unauthorized: 'unauthorized',
  bad_response: 'bad_response',
  refused: 'refused',
  gone: 'cursor_lost',
  outbox: 'outbox_corrupt',
};

/** How the code a token came from is remembered: its hash, never the code. */
export function enrollmentHash(code: string): string {
  return crypto.createHash('sha256').update(code).digest('hex');
}

const asPortalError = (err: unknown) => (err instanceof PortalError ? err : new PortalError('server', (err as Error).message));

/** What went wrong in a cycle: where, and the portal error (or `outbox` for a damaged outbox). */
interface Problem {
  where: string;
  kind: string;
  message: string;
  /** A network problem the admin can name: the certificate's issuer, the proxy that refused. */
  subtype?: string;
  detail?: string;
}

/** A certificate or a proxy is the admin's to fix, not "the portal is down": said as such. */
function netSubtype(e: PortalError): { subtype?: string; detail?: string } {
  if (e.net?.kind === 'certificate') return { subtype: 'certificate_untrusted', detail: e.net.issuer ?? e.net.code };
  if (e.net?.kind === 'proxy_refused') return { subtype: 'proxy_refused', detail: e.net.proxy };
  return {};
}

/**
 * Offline-first sync. Each cycle: register if needed, a heartbeat when it has news, the outbox
 * pushed in order per stream (one dossier = one stream), and every feed pulled in one request.
 * One failing item never holds up the others: it waits for its own backoff (or the portal's
 * Retry-After) while the other streams go on and the feeds are still read; a refused or
 * undecodable item is parked with its error. The next cycle is scheduled at the earliest due
 * item, not at the next tick. Never two cycles at once.
 */
export class SyncEngine {
  private running: Promise<SyncReport> | null = null;
  private current: SyncStatus;
  private timer: unknown = null;
  private stopped = true;
  private lastSyncAt: string | null;
  private lastError: string | null = null;
  /** The portal asked (429, or 503 with Retry-After) to hear nothing from us before this instant. */
  private holdUntil = 0;
  private outboxDamage: string | null = null;
  private lastHeartbeat: { at: number; signature: string } | null = null;
  /** An older portal without GET /v1/changes: its feeds are read one by one. */
  private perFeed = false;
  /** Cycles in a row whose feeds could not all be read: they are tried again at a backoff, not the interval. */
  private pullFailures = 0;
  private readonly timers: Timers;
  private readonly handlers: Map<string, OutboxHandler>;

  constructor(private readonly deps: SyncEngineDeps) {
    this.timers = deps.timers ?? realTimers;
    this.handlers = new Map(deps.outbox.map((h) => [h.kind, h]));
    this.lastSyncAt = getSetting(deps.db, 'sync.lastSyncAt');
    this.current = { state: deps.client ? 'idle' : 'offline', at: deps.clock.now().toISOString(), ...this.outboxCounts(), lastSyncAt: this.lastSyncAt };
  }

  status(): SyncStatus {
    return { ...this.current };
  }

  /** Outbox counts, or zeros (and the damage noted) when the outbox cannot be read. */
  private outboxCounts(): { pending: number; parked: number } {
    try {
      return counts(this.deps.db);
    } catch (err) {
      if (!isCorruption(err)) throw err;
      this.noteDamage(err);
      return { pending: 0, parked: 0 };
    }
  }

  private noteDamage(err: unknown): void {
    if (!this.outboxDamage) this.deps.log.error('the outbox cannot be read: unsent items may be stuck; run motcua doctor', { err: (err as Error).message });
    this.outboxDamage = (err as Error).message;
  }

  private setStatus(state: SyncStatus['state'], subtype?: string, detail?: string) {
    const c = this.outboxCounts();
    this.current = { state, at: this.deps.clock.now().toISOString(), pending: c.pending, parked: c.parked, lastSyncAt: this.lastSyncAt, ...(subtype ? { subtype } : {}), ...(detail ? { detail } : {}) };
    this.deps.events.emit('sync.status', this.status());
  }

  /** Starts the schedule: now, then at the earliest due item or after the interval, and shortly after local writes. */
  start(): void {
    if (!this.deps.client) return;
    this.stopped = false;
    this.runSoon(0);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  /** A local write happened (or the network came back): sync shortly, coalescing bursts. */
  runSoon(delayMs = 1500): void {
    if (this.stopped || !this.deps.client) return;
    this.at(this.deps.clock.now().getTime() + delayMs);
  }

  /** Sets the one timer to fire at `at` (never before the portal's Retry-After). */
  private at(at: number): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    const wait = Math.max(0, Math.max(at, this.holdUntil) - this.deps.clock.now().getTime());
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      void this.runOnce().catch(() => undefined);
    }, wait);
  }

  /** After a cycle: the next one at the earliest due outbox item, else after the interval. */
  private schedule(): void {
    if (this.stopped) return;
    const now = this.deps.clock.now().getTime();
    let next = now + this.deps.intervalMs;
    if (this.pullFailures) next = Math.min(next, now + retryDelayMs(this.pullFailures, this.deps.random));
    try {
      const dueAt = nextAttemptAt(this.deps.db);
      if (dueAt) next = Math.min(next, Date.parse(dueAt));
    } catch (err) {
      if (!isCorruption(err)) throw err;
    }
    this.at(Math.max(next, now + MIN_GAP_MS));
  }

  /** One full cycle; a call while one runs shares the running cycle. */
  runOnce(): Promise<SyncReport> {
    this.running ??= this.cycle().finally(() => {
      this.running = null;
      this.schedule();
    });
    return this.running;
  }

  /** Resolves when no cycle is running (the next one, if any, is scheduled). */
  async whenIdle(): Promise<void> {
    while (this.running) await this.running.catch(() => undefined);
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
    const problems: Problem[] = [];
    const fail = (where: string, err: unknown): PortalError => {
      const e = asPortalError(err);
      problems.push({ where, kind: e.kind, message: e.message, ...netSubtype(e) });
      report.errors.push(`${where}: ${e.message}`);
      this.deps.log.warn('sync step failed', { where, kind: e.kind, status: e.status, err: e.message });
      if ((e.kind === 'busy' || e.kind === 'server') && e.retryAfterMs !== undefined) this.holdUntil = Math.max(this.holdUntil, this.deps.clock.now().getTime() + e.retryAfterMs);
      return e;
    };
    try {
      await this.ensureRegistered(client, report);
    } catch (err) {
      fail('registration', err);
      // A new code refused while an older registration still holds: the cycle goes on with that one.
      if (!(err as { keepGoing?: boolean }).keepGoing) return this.finish(report, problems);
    }
    const held = () => this.holdUntil > this.deps.clock.now().getTime();
    const refused = () => problems.some((p) => p.kind === 'unauthorized');
    if (!held()) await this.push(client, report, fail);
    if (!refused() && !held()) {
      const before = problems.length;
      await this.pull(client, report, fail);
      this.pullFailures = problems.length > before ? this.pullFailures + 1 : 0;
    }
    // Last, so it tells how this cycle went (a damaged outbox is only found by reading it).
    if (!refused() && !held()) {
      this.lastError = problems[0] ? `${problems[0].where}: ${problems[0].message}` : null;
      await this.heartbeat(client, report, fail);
    }
    if (held() && !problems.some((p) => p.kind === 'busy' || p.kind === 'server')) report.errors.push(`the portal asked to wait until ${new Date(this.holdUntil).toISOString()}`);
    return this.finish(report, problems);
  }

  /** The cycle's status: idle when everything went, else error with what went wrong first. */
  private finish(report: SyncReport, problems: Problem[]): SyncReport {
    if (this.outboxDamage) {
      const message = `the outbox cannot be read: ${this.outboxDamage}`;
      problems.unshift({ where: 'outbox', kind: 'outbox', message });
      report.errors.unshift(`outbox: ${message}`);
    }
    const worst = problems.find((p) => p.kind === 'unauthorized') ?? problems[0];
    if (!worst) {
      this.lastSyncAt = this.now();
      setSetting(this.deps.db, 'sync.lastSyncAt', this.lastSyncAt);
      this.lastError = null;
      this.setStatus('idle');
    } else {
      this.lastError = `${worst.where}: ${worst.message}`;
      this.setStatus('error', worst.subtype ?? SUBTYPE[worst.kind] ?? 'error', worst.detail);
    }
    return report;
  }

  /**
   * Registers with the config's enrollment code when the device has no token, or when the code is
   * not the one its token came from (a new bundle: re-enrollment after revocation, a replacement, a
   * new slot). A new code the portal refuses leaves a working token in place.
   */
  private async ensureRegistered(client: PortalClient, report: SyncReport): Promise<void> {
    const { device, identity } = this.deps;
    const current = identity.get();
    const code = device.enrollmentCode ? enrollmentHash(device.enrollmentCode) : null;
    if (current.deviceToken) {
      if (!code || current.enrolledWith === code) return;
      if (current.enrolledWith === undefined || current.enrolledWith === null) {
        // Registered by a version that did not record its code: that code is the one in the config.
        identity.registered({ token: current.deviceToken, enrolledWith: code });
        return;
      }
    }
    const { deviceId } = current;
    if (!device.enrollmentCode) throw new PortalError('unauthorized', 'this device is not registered: no enrollment code in the config (portal.enrollmentCode)');
    report.roundTrips++;
    try {
      const res = await client.register({
        enrollmentCode: device.enrollmentCode,
        wardCode: device.wardCode,
        mode: device.mode,
        deviceId,
        appVersion: device.appVersion,
        ...(device.slot ? { slot: device.slot } : {}),
        ...(device.hostname ? { hostname: device.hostname } : {}),
      });
      identity.registered({ token: res.deviceToken, lanKey: res.lanKey, sequences: res.sequences, enrolledWith: code });
      this.deps.log.info(current.deviceToken ? 'device registered again with a new enrollment code' : 'device registered with the portal', { deviceId, slot: device.slot });
    } catch (err) {
      if (!current.deviceToken) throw err;
      this.deps.log.warn('the new enrollment code was refused; the device keeps its registration', { err: (err as Error).message });
      throw Object.assign(asPortalError(err), { keepGoing: true });
    }
  }

  private oldestPending(): string | null {
    try {
      return this.deps.db.prepare<[], { at: string | null }>("SELECT min(created_at) AS at FROM outbox WHERE state = 'pending'").get()?.at ?? null;
    } catch {
      return null;
    }
  }

  /** What the fleet page shows of this device. */
  private heartbeatPayload(): Heartbeat {
    const { device } = this.deps;
    const c = this.outboxCounts();
    return {
      status: this.outboxDamage ? 'error' : this.lastError ? 'degraded' : 'ok',
      outboxLength: c.pending,
      parkedLength: c.parked,
      lastSyncAt: this.lastSyncAt,
      freeDiskBytes: freeDisk(device.dataDir),
      printer: device.printer || 'mặc định / default',
      lastError: this.lastError,
      appVersion: device.appVersion,
      mode: device.mode,
      outbox: this.outboxDamage ? 'corrupt' : 'ok',
      oldestPendingAt: this.oldestPending(),
      calendarProvisional: provisionalYears(this.deps.db, this.deps.clock.now()),
      ...(device.slot ? { slot: device.slot } : {}),
      ...(device.hostname ? { hostname: device.hostname } : {}),
      ...this.deps.heartbeatExtras?.(),
    };
  }

  /**
   * Sent straight to the portal (never queued: a stale heartbeat is worth nothing, and a damaged
   * outbox must still be reported) when it says something new, else once per `heartbeatMs`. Every
   * request a device makes tells the portal it is alive; this tells it how the device is.
   */
  private async heartbeat(client: PortalClient, report: SyncReport, fail: (where: string, err: unknown) => PortalError): Promise<void> {
    const hb = this.heartbeatPayload();
    // Free disk space and the last sync time change every cycle: they are not news on their own.
    const signature = JSON.stringify({ ...hb, freeDiskBytes: null, lastSyncAt: null });
    const now = this.deps.clock.now().getTime();
    if (this.lastHeartbeat && this.lastHeartbeat.signature === signature && now - this.lastHeartbeat.at < (this.deps.heartbeatMs ?? 3600_000)) return;
    report.roundTrips++;
    try {
      const answer = await client.heartbeat(hb);
      this.lastHeartbeat = { at: now, signature };
      this.deps.onHeartbeatAnswer?.(answer);
    } catch (err) {
      fail('heartbeat', err);
    }
  }

  /**
   * Delivers what is due, the head of each stream in order. A failure holds back only its own
   * stream (until its backoff, or the portal's Retry-After); a refusal parks the item; an item
   * that cannot be decoded is parked as such. The push stops early only when the portal is
   * unreachable (several requests in a row unanswered), asks to wait, or refuses the device.
   */
  private async push(client: PortalClient, report: SyncReport, fail: (where: string, err: unknown) => PortalError): Promise<void> {
    const { db } = this.deps;
    const portal = { client, adapter: this.deps.adapter };
    let unanswered = 0;
    for (let round = 0; round < 10_000; round++) {
      let batch: OutboxItem[];
      try {
        batch = due(db, this.now(), 50);
      } catch (err) {
        if (!isCorruption(err)) throw err;
        this.noteDamage(err);
        return;
      }
      if (batch.length === 0) return;
      for (const item of batch) {
        if (item.kind === 'heartbeat') {
          markDone(db, item.id, this.now()); // queued by an older version; heartbeats now go directly
          continue;
        }
        const handler = this.handlers.get(item.kind);
        let payload: unknown;
        try {
          if (!handler) throw new Error(`unknown outbox kind “${item.kind}”`);
          payload = handler.parse(JSON.parse(item.payloadText));
        } catch (err) {
          const error = `undecodable outbox item: ${(err as Error).message}`;
          park(db, item.id, error);
          report.parked++;
          this.deps.log.error('outbox item cannot be decoded; parked for the admin', { id: item.id, kind: item.kind, stream: item.stream, err: (err as Error).message });
          continue;
        }
        report.roundTrips++;
        try {
          await handler.send(portal, payload, item.idempotencyKey);
          db.transaction(() => {
            markDone(db, item.id, this.now());
            handler.delivered?.(payload);
          })();
          report.pushed++;
          unanswered = 0;
        } catch (err) {
          const e = asPortalError(err);
          if (e.kind === 'refused') {
            db.transaction(() => {
              park(db, item.id, e.message);
              handler.refused?.(payload, e.message);
            })();
            report.parked++;
            this.deps.log.warn('portal refused an outbox item; parked for the admin', { kind: item.kind, id: item.id, status: e.status, err: e.message });
            continue;
          }
          if (e.kind === 'unauthorized') {
            fail('push', e);
            return;
          }
          // Transient (network, 5xx, 408, 429, an answer that does not fit): this stream waits, the others go on.
          const wait = Math.max(retryDelayMs(item.attempts + 1, this.deps.random), e.retryAfterMs ?? 0);
          markRetry(db, item.id, e.message, new Date(this.deps.clock.now().getTime() + wait).toISOString());
          report.retried++;
          fail(`push ${item.kind} ${item.stream}`, e);
          if (this.holdUntil > this.deps.clock.now().getTime()) return;
          unanswered = e.kind === 'network' ? unanswered + 1 : 0;
          if (unanswered >= UNREACHABLE_AFTER) return;
        }
      }
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

  /** Parses a feed's page with its domain's schema and applies it with its cursor in one transaction. */
  private applyPage(feed: FeedHandler, section: unknown, etag: string | null, report: SyncReport, fail: (where: string, err: unknown) => PortalError): { hasMore: boolean } | null {
    try {
      const page = feed.parse(section);
      let after: (() => void) | undefined;
      this.deps.db.transaction(() => {
        const applied = feed.apply(page);
        after = applied.afterCommit;
        if (feed.name === 'dossiers') report.dossierChanges += applied.changes;
        if (feed.name === 'catalog') report.catalogChanges += applied.changes;
        this.saveCursor(feed.name, page.cursor, etag);
      })();
      after?.();
      return { hasMore: page.hasMore };
    } catch (err) {
      fail(`${feed.name} feed`, err instanceof PortalError ? err : new PortalError('bad_response', (err as Error).message));
      return null;
    }
  }

  /**
   * Every feed in one request (GET /v1/changes): one 304 when nothing changed anywhere. Each
   * section is parsed and applied by its own domain — a bad section spoils only its feed — and
   * feeds with more pages are asked again, together.
   */
  private async pull(client: PortalClient, report: SyncReport, fail: (where: string, err: unknown) => PortalError): Promise<void> {
    if (this.perFeed) {
      for (const feed of this.deps.feeds) await this.pullOne(client, feed, report, fail);
      return;
    }
    let pending = this.deps.feeds;
    const restarted = new Set<FeedName>();
    for (let page = 0; page < MAX_PAGES && pending.length; page++) {
      const all = pending.length === this.deps.feeds.length;
      const cursors = Object.fromEntries(pending.map((f) => [f.name, this.cursor(f.name).cursor])) as Partial<Record<FeedName, string | null>>;
      report.roundTrips++;
      let res;
      try {
        res = await client.changes(cursors, all ? this.cursor('changes').etag : null, this.deps.pageSize);
      } catch (err) {
        const e = asPortalError(err);
        if (page === 0 && e.kind === 'refused' && e.status === 404) {
          // An older portal: read each feed on its own route.
          this.perFeed = true;
          this.deps.log.info('the portal has no combined changes route; reading feeds one by one');
          return this.pull(client, report, fail);
        }
        const lost = e.kind === 'gone' ? pending.filter((f) => (e.problem?.field ? f.name === e.problem.field : true) && !restarted.has(f.name)) : [];
        if (lost.length) {
          // A cursor the portal no longer knows: read that feed again from the start.
          for (const f of lost) {
            restarted.add(f.name);
            this.saveCursor(f.name, null, null);
          }
          this.saveCursor('changes', null, null);
          continue;
        }
        fail('pull', e);
        return;
      }
      if (res.notModified) {
        report.notModified.push(...pending.map((f) => f.name));
        return;
      }
      report.bytes += res.bytes;
      const next: FeedHandler[] = [];
      let everyFeedApplied = true;
      for (const feed of pending) {
        const applied = this.applyPage(feed, res.body[feed.name], null, report, fail);
        if (!applied) everyFeedApplied = false;
        else if (applied.hasMore) next.push(feed);
      }
      // The ETag covers every feed: kept only when all were asked for and all are now up to date.
      this.saveCursor('changes', null, all && everyFeedApplied && next.length === 0 ? res.etag : null);
      pending = next;
    }
  }

  /** One feed on its own route (an older portal): page by page, 304 when nothing is new, 410 starts over. */
  private async pullOne(client: PortalClient, feed: FeedHandler, report: SyncReport, fail: (where: string, err: unknown) => PortalError): Promise<void> {
    type Read = (cursor: string | null, etag: string | null, limit?: number) => Promise<Feed<unknown>>;
    const routes: Partial<Record<FeedName, Read>> = { dossiers: client.dossierChanges.bind(client), catalog: client.catalogChanges.bind(client), staff: client.staffChanges.bind(client) };
    const read = routes[feed.name];
    // A portal that old has no devices feed: a desk then knows no LAN devices, and kiosks are served as anyone on the LAN.
    if (!read) return;
    let restarted = false;
    for (let page = 0; page < MAX_PAGES; page++) {
      const { cursor, etag } = this.cursor(feed.name);
      report.roundTrips++;
      let res;
      try {
        res = await read(cursor, etag, this.deps.pageSize);
      } catch (err) {
        if (err instanceof PortalError && err.kind === 'gone' && !restarted) {
          restarted = true;
          this.saveCursor(feed.name, null, null);
          continue;
        }
        fail(`${feed.name} feed`, err);
        return;
      }
      if (res.notModified) {
        report.notModified.push(feed.name);
        return;
      }
      report.bytes += res.bytes;
      const applied = this.applyPage(feed, res.body, res.etag, report, fail);
      if (!applied?.hasMore) return;
    }
  }
}
