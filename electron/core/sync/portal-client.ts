import type { z } from 'zod';
import type { HttpFetch, NetProblem, Network } from '../net.js';
import { problemText } from '../net.js';
import { normalizeDeep, type TextKeys } from '../text/normalize.js';
import {
  accepted,
  announcement,
  appointmentAck,
  catalogChanges,
  changes,
  dossierAck,
  dossierChanges,
  dossierTrackingView,
  feedbackAck,
  feedbackTrackingView,
  heartbeatAnswer,
  problem,
  registerResponse,
  rotated,
  staffChanges,
  transitionAck,
  type AppointmentChange,
  type DossierSubmission,
  type FeedName,
  type Heartbeat,
  type HeartbeatAnswer,
  type Problem,
  type Transition,
  type WardAnnouncement,
  type WardDay,
} from './portal-types.js';

/**
 * The portal's answers are text from elsewhere: normalized like a contract input before their schema
 * runs (NFC, no control characters, plain collapsed spaces), with the catalog's long fields kept
 * multi-line and tokens untouched.
 */
const FEED_TEXT: TextKeys = {
  secret: ['deviceToken', 'token', 'passwordHash'],
  multiline: ['text', 'body', 'note', 'conditions', 'channels', 'documents', 'legalBases', 'results', 'steps', 'detail', 'timeText', 'feeText', 'reason', 'content'],
  opaque: ['cursor', 'etag'],
};

/**
 * Why a portal call failed, by meaning — the engine decides from `kind` alone:
 * - network: no answer, or an answer cut off (the portal may or may not have done it) — retry;
 * - server: 5xx, 408, or a 409 without the portal's problem body (a middlebox) — retry;
 * - busy: 429 — retry no sooner than Retry-After, and hold every request to the portal till then;
 * - refused: the portal's 4xx answer to this item (400, 403, 404, 409, 413, 422) — park it;
 * - unauthorized: 401, the device token is unknown or revoked — nothing else can work;
 * - gone: 410, a feed cursor the portal no longer knows — read the feed again;
 * - bad_response: an answer that does not fit the document — refused, nothing written.
 */
export type PortalErrorKind = 'network' | 'server' | 'busy' | 'refused' | 'unauthorized' | 'gone' | 'bad_response';

export class PortalError extends Error {
  constructor(
    readonly kind: PortalErrorKind,
    message: string,
    readonly status?: number,
    readonly problem?: Problem,
    /** From Retry-After, when the portal (or a proxy) sent one. */
    readonly retryAfterMs?: number,
    /** For `network`: a certificate not trusted, a proxy that refused, or no answer. */
    readonly net?: NetProblem,
  ) {
    super(message);
    this.name = 'PortalError';
  }
}

/** The kind of a failed HTTP answer; `problem` is whether the body was the portal's problem+json. */
export function errorKind(status: number, problem: boolean): PortalErrorKind {
  if (status === 401) return 'unauthorized';
  if (status === 410) return 'gone';
  if (status === 429) return 'busy';
  if (status >= 500 || status === 408) return 'server';
  // A conflict the portal explains is about this item; a bare 409 from something in between is not.
  if (status === 409 && !problem) return 'server';
  return 'refused';
}

/** What an answer without the portal's problem body means, for the admin reading a parked item. */
const STATUS_TEXT: Record<number, string> = {
  408: 'the request timed out on the way (HTTP 408)',
  409: 'conflict (HTTP 409)',
  413: 'too large for the portal or a proxy on the way (HTTP 413)',
  429: 'too many requests (HTTP 429)',
  502: 'bad gateway (HTTP 502)',
  503: 'the portal is unavailable (HTTP 503)',
  504: 'gateway timeout (HTTP 504)',
};
const statusText = (status: number) => STATUS_TEXT[status] ?? `HTTP ${status}`;

/** Retry-After as milliseconds: a number of seconds, or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export interface PortalClientOptions {
  baseUrl: string;
  /** The device token, read at each call (it arrives after registration). */
  token?: () => string | null;
  timeoutMs?: number;
  /** Bodies larger than this are refused unread (a 50 MB answer is an error, not a catalog). */
  maxBodyBytes?: number;
  /** The device's network (proxy, trusted CAs), which also explains a failed request. @default Node's fetch, direct */
  network?: Pick<Network, 'fetch' | 'describe'>;
}

export type Feed<T> = { notModified: true } | { notModified: false; etag: string | null; body: T; bytes: number };

/** Every route of the API this client calls, as in the OpenAPI document (checked by a test). */
export const CLIENT_ROUTES = [
  ['post', '/v1/devices/register'],
  ['post', '/v1/devices/heartbeat'],
  ['post', '/v1/devices/rotate'],
  ['get', '/v1/catalog/changes'],
  ['post', '/v1/dossiers'],
  ['get', '/v1/dossiers/changes'],
  ['post', '/v1/dossiers/{code}/transitions'],
  ['post', '/v1/dossiers/{code}/appointment'],
  ['post', '/v1/feedback'],
  ['post', '/v1/ratings'],
  ['post', '/v1/ward/announcements'],
  ['post', '/v1/ward/days'],
  ['get', '/v1/staff-accounts/changes'],
  ['get', '/v1/dossiers/{code}/tracking'],
  ['get', '/v1/feedback/{trackingCode}'],
  ['get', '/v1/changes'],
] as const;

async function readLimited(res: Response, limit: number): Promise<Buffer> {
  const declared = Number(res.headers.get('content-length') ?? 0);
  if (declared > limit) {
    await res.body?.cancel();
    throw new PortalError('bad_response', `response too large (${declared} bytes)`, res.status);
  }
  const reader = res.body?.getReader();
  if (!reader) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new PortalError('bad_response', `response too large (over ${limit} bytes)`, res.status);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** The one client of the city portal. Typed requests in, validated responses out. */
export class PortalClient {
  private readonly base: string;
  private readonly timeoutMs: number;
  private readonly maxBodyBytes: number;

  constructor(private readonly options: PortalClientOptions) {
    this.base = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.maxBodyBytes = options.maxBodyBytes ?? 32_000_000;
  }

  private async call<S extends z.ZodType>(
    method: 'GET' | 'POST',
    path: string,
    opts: { body?: unknown; schema?: S; idempotencyKey?: string; etag?: string | null; auth?: boolean; timeoutMs?: number },
  ): Promise<{ status: number; data: z.output<S> | null; etag: string | null; bytes: number }> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
    if (opts.idempotencyKey) headers['Idempotency-Key'] = opts.idempotencyKey;
    if (opts.etag) headers['If-None-Match'] = opts.etag;
    const token = opts.auth === false ? null : this.options.token?.();
    if (token) headers.Authorization = `Bearer ${token}`;
    let res: Response;
    const doFetch: HttpFetch = this.options.network?.fetch ?? fetch;
    try {
      res = await doFetch(this.base + path, {
        method,
        headers,
        body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
        signal: AbortSignal.timeout(opts.timeoutMs ?? this.timeoutMs),
      });
    } catch (err) {
      const net = this.options.network ? await this.options.network.describe(err, this.base + path) : undefined;
      if (net && net.kind !== 'unreachable') throw new PortalError('network', problemText(net, { vi: 'cổng', en: 'portal' }).en, undefined, undefined, undefined, net);
      throw new PortalError('network', `portal unreachable: ${(err as Error).message}`, undefined, undefined, undefined, net);
    }
    if (res.status === 304) return { status: 304, data: null, etag: opts.etag ?? null, bytes: 0 };
    let raw: Buffer;
    try {
      raw = await readLimited(res, this.maxBodyBytes);
    } catch (err) {
      if (err instanceof PortalError) throw err;
      // The connection broke mid-body: the portal may or may not have done the work.
      throw new PortalError('network', `response cut off: ${(err as Error).message}`, res.status);
    }
    let json: unknown = null;
    if (raw.length > 0) {
      try {
        json = JSON.parse(raw.toString('utf8'));
      } catch {
        if (res.status >= 400) throw new PortalError(errorKind(res.status, false), statusText(res.status), res.status, undefined, retryAfterMs(res.headers.get('retry-after')));
        throw new PortalError('bad_response', `portal sent malformed JSON (HTTP ${res.status})`, res.status);
      }
    }
    if (res.status >= 400) {
      const p = problem.safeParse(json);
      const detail = p.success ? `${p.data.title}${p.data.detail ? `: ${p.data.detail}` : ''}` : statusText(res.status);
      throw new PortalError(errorKind(res.status, p.success), detail, res.status, p.success ? p.data : undefined, retryAfterMs(res.headers.get('retry-after')));
    }
    if (!opts.schema) return { status: res.status, data: null, etag: res.headers.get('etag'), bytes: raw.length };
    const parsed = opts.schema.safeParse(normalizeDeep(json, FEED_TEXT));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new PortalError('bad_response', `portal sent an unexpected answer at ${issue.path.join('.') || '(root)'}: ${issue.message}`, res.status);
    }
    return { status: res.status, data: parsed.data, etag: res.headers.get('etag'), bytes: raw.length };
  }

  private async feed<S extends z.ZodType>(path: string, schema: S, cursor: string | null, etag: string | null, limit?: number): Promise<Feed<z.output<S>>> {
    const q = new URLSearchParams();
    if (cursor) q.set('cursor', cursor);
    if (limit) q.set('limit', String(limit));
    const r = await this.call('GET', `${path}${q.size ? `?${q}` : ''}`, { schema, etag: cursor ? etag : null });
    if (r.status === 304) return { notModified: true };
    return { notModified: false, etag: r.etag, body: r.data!, bytes: r.bytes };
  }

  async register(req: { enrollmentCode: string; wardCode: string; mode: 'kiosk' | 'staff'; deviceId: string; appVersion: string; slot?: string; hostname?: string }) {
    return (await this.call('POST', '/v1/devices/register', { body: req, schema: registerResponse, auth: false })).data!;
  }

  /** New credentials for this device; the old token and LAN key stop working at once. */
  async rotate() {
    return (await this.call('POST', '/v1/devices/rotate', { schema: rotated })).data!;
  }

  /** Sends the device's health; the answer carries the audit head the portal keeps (null from a portal that keeps none). */
  async heartbeat(hb: Heartbeat): Promise<HeartbeatAnswer | null> {
    return (await this.call('POST', '/v1/devices/heartbeat', { body: hb, schema: heartbeatAnswer })).data ?? null;
  }

  catalogChanges(cursor: string | null, etag: string | null, limit?: number) {
    return this.feed('/v1/catalog/changes', catalogChanges, cursor, etag, limit);
  }

  dossierChanges(cursor: string | null, etag: string | null, limit?: number) {
    return this.feed('/v1/dossiers/changes', dossierChanges, cursor, etag, limit);
  }

  staffChanges(cursor: string | null, etag: string | null) {
    return this.feed('/v1/staff-accounts/changes', staffChanges, cursor, etag);
  }

  /**
   * Every feed in one request — GET /v1/changes?feeds=…&<feed>=<cursor> with one ETag for them all —
   * so a cycle with nothing new is one request answered 304. Each section is left for its own
   * domain to parse: a bad section spoils only its feed.
   */
  async changes(cursors: Partial<Record<FeedName, string | null>>, etag: string | null, limit?: number): Promise<Feed<Partial<Record<FeedName, unknown>>>> {
    const feeds = Object.keys(cursors) as FeedName[];
    const q = new URLSearchParams({ feeds: feeds.join(',') });
    for (const f of feeds) if (cursors[f]) q.set(f, cursors[f]!);
    if (limit) q.set('limit', String(limit));
    const r = await this.call('GET', `/v1/changes?${q}`, { schema: changes, etag: feeds.every((f) => cursors[f]) ? etag : null });
    if (r.status === 304) return { notModified: true };
    return { notModified: false, etag: r.etag, body: r.data!, bytes: r.bytes };
  }

  async submitDossier(body: DossierSubmission, key: string) {
    return (await this.call('POST', '/v1/dossiers', { body, schema: dossierAck, idempotencyKey: key })).data!;
  }

  async sendTransition(code: string, body: Transition, key: string) {
    return (await this.call('POST', `/v1/dossiers/${encodeURIComponent(code)}/transitions`, { body, schema: transitionAck, idempotencyKey: key })).data!;
  }

  async moveAppointment(code: string, body: AppointmentChange, key: string) {
    return (await this.call('POST', `/v1/dossiers/${encodeURIComponent(code)}/appointment`, { body, schema: appointmentAck, idempotencyKey: key })).data!;
  }

  async sendFeedback(body: unknown, key: string) {
    return (await this.call('POST', '/v1/feedback', { body, schema: feedbackAck, idempotencyKey: key })).data!;
  }

  async sendRating(body: unknown, key: string) {
    return (await this.call('POST', '/v1/ratings', { body, schema: accepted, idempotencyKey: key })).data!;
  }

  /** A ward desk's announcement, for every device of the ward (their catalog feed brings it). */
  async publishWardAnnouncement(body: WardAnnouncement, key: string) {
    return (await this.call('POST', '/v1/ward/announcements', { body, schema: announcement, idempotencyKey: key })).data!;
  }

  /** The desk admin's change to one day of the ward's days-off table, for every device of the ward. */
  async setWardDay(body: WardDay, key: string) {
    return (await this.call('POST', '/v1/ward/days', { body, schema: accepted, idempotencyKey: key })).data!;
  }

  /**
   * The status-only view of any dossier of this device's ward, asked while a resident waits at
   * the screen (so a short timeout). A dossier of another ward, or none, is a 404 ('refused').
   */
  async trackDossier(code: string, timeoutMs = 6000) {
    return (await this.call('GET', `/v1/dossiers/${encodeURIComponent(code)}/tracking`, { schema: dossierTrackingView, timeoutMs })).data!;
  }

  /** What a feedback's tracking code may show, from any device of the ward that took it. */
  async trackFeedback(trackingCode: string, timeoutMs = 6000) {
    return (await this.call('GET', `/v1/feedback/${encodeURIComponent(trackingCode)}`, { schema: feedbackTrackingView, timeoutMs })).data!;
  }
}
