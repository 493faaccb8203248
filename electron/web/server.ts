import http from 'node:http';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { DEFAULT_MAX_INPUT_BYTES, HTTP_API_PREFIX, HTTP_EVENTS_PATH, HTTP_SESSION_HEADER, access, eventNames, isMethodName, methods, methodNames, type Caller, type InvokeResponse, type Rule } from '../contract.js';
import { isLocal } from '../core/access.js';
import { jsonTextTooDeep, tooDeep } from '../core/depth.js';
import type { ErrorPayload } from '../core/errors.js';
import type { CoreLink } from '../host/protocol.js';
import { SECURITY_HEADERS, allowedOrigins, isForeignRequest } from '../security.js';
import { resolveStatic } from './static.js';
import { fatalPage } from './fatal.js';
import { bodyDigest, lanCredentials } from '../core/queue/lan.js';
import {
  HEADERS_TIMEOUT_MS,
  KEEP_ALIVE_TIMEOUT_MS,
  MAX_ANONYMOUS_STREAMS,
  MAX_ANONYMOUS_STREAMS_PER_CLIENT,
  MAX_LARGE_BODIES_PER_CLIENT,
  MAX_LARGE_BODY_BYTES,
  MAX_NETWORK_SOCKETS,
  MAX_SOCKETS_PER_CLIENT,
  MAX_STREAMS,
  MAX_STREAMS_PER_CLIENT,
  PerClient,
  REQUEST_TIMEOUT_MS,
  TIMEOUT_CHECK_MS,
  officerOnly,
} from './limits.js';

export interface WebHostOptions {
  /**
   * The core: a core host (the app — its SQLite work runs in another thread) or an in-process core
   * (tests). Null when the app cannot run (invalid config, database from the future): every page shows `fatal`.
   */
  core: CoreLink | null;
  fatal?: ErrorPayload;
  rendererDir: string;
  host?: string;
  port?: number;
  maxBodyBytes?: number;
  /** The host's connection limits (limits.ts); tests shorten the times. */
  limits?: Partial<HostLimits>;
}

/** How many connections the network may hold, and for how long a request may take (see limits.ts). */
export interface HostLimits {
  socketsPerClient: number;
  networkSockets: number;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  checkIntervalMs: number;
}

const HOST_LIMITS: HostLimits = {
  socketsPerClient: MAX_SOCKETS_PER_CLIENT,
  networkSockets: MAX_NETWORK_SOCKETS,
  headersTimeoutMs: HEADERS_TIMEOUT_MS,
  requestTimeoutMs: REQUEST_TIMEOUT_MS,
  keepAliveTimeoutMs: KEEP_ALIVE_TIMEOUT_MS,
  checkIntervalMs: TIMEOUT_CHECK_MS,
};
/** Connections beyond the network's, for the device's own screen (loopback), before the kernel's backstop refuses. */
const LOCAL_HEADROOM = 256;

export interface WebHost {
  url: string;
  port: number;
  close(): Promise<void>;
}

const STATUS: Record<string, number> = {
  validation: 400,
  rate_limited: 429,
  unavailable: 503,
  unknown_method: 404,
  not_found: 404,
  forbidden: 403,
  unauthorized: 401,
  conflict: 409,
  config_invalid: 500,
  db_too_new: 500,
  internal: 500,
};

function send(res: http.ServerResponse, status: number, body: string | Buffer, type: string, extra: Record<string, string> = {}) {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Cache-Control': 'no-store', ...extra });
  res.end(body);
}

function sendJson(res: http.ServerResponse, status: number, value: unknown) {
  send(res, status, JSON.stringify(value), 'application/json; charset=utf-8');
}

function problem(res: http.ServerResponse, status: number, error: ErrorPayload) {
  const body: InvokeResponse<never> = { ok: false, error };
  sendJson(res, status, body);
}

/** Reads the body; null when it is larger than `limit` (the rest is drained, not kept, so the client gets its 413). */
function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= limit) chunks.push(c);
    });
    req.on('end', () => resolve(size > limit ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export const HTTP_HEALTH_PATH = '/api/health';

/** The contract, as JSON Schema, for people and tools that talk to the web host. */
function describeContract() {
  return {
    methods: methodNames.map((name) => ({ name, route: `${HTTP_API_PREFIX}${name}`, input: z.toJSONSchema(methods[name].input, { io: 'input' }) })),
    events: eventNames,
    eventsRoute: HTTP_EVENTS_PATH,
  };
}

/**
 * The web host: serves the built renderer and the contract as POST /api/<method> plus a
 * server-sent-events stream, with the same validation as IPC. Loopback unless told otherwise.
 */
export function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const { core, rendererDir, host = '127.0.0.1', maxBodyBytes = 30_000_000 } = opts;
  let allowed = new Set<string>();
  const streams = new Set<http.ServerResponse>();
  const openStreams = new PerClient(MAX_STREAMS_PER_CLIENT, MAX_STREAMS);
  const anonymousStreams = new PerClient(MAX_ANONYMOUS_STREAMS_PER_CLIENT, MAX_ANONYMOUS_STREAMS);
  // Weighed in bytes in all, counted per client.
  const largeBodies = new PerClient(MAX_LARGE_BODIES_PER_CLIENT, MAX_LARGE_BODY_BYTES);
  /** Answers before the body is read; the rest of it is drained, never kept. */
  const refuse = (res: http.ServerResponse, req: http.IncomingMessage, status: number, error: ErrorPayload) => {
    problem(res, status, error);
    req.resume();
  };

  const limits: HostLimits = { ...HOST_LIMITS, ...opts.limits };
  /** Connections that sent at least one whole request head. */
  const answered = new WeakSet<object>();
  const server = http.createServer(
    { headersTimeout: limits.headersTimeoutMs, requestTimeout: limits.requestTimeoutMs, connectionsCheckingInterval: limits.checkIntervalMs },
    (req, res) => {
      answered.add(req.socket);
      void handle(req, res).catch((err: unknown) => {
      // The path only: a query may carry a session token.
      const path = (req.url ?? '').split('?')[0];
      // A client that went away mid-request is the client's doing: a line, never a stack (a flood
      // of cut-off uploads must not fill the log).
      if ((err as NodeJS.ErrnoException).code === 'ECONNRESET' || (err as Error).message === 'aborted') {
        core?.log.info('web host: the client went away', { path });
        if (!res.writableEnded) res.destroy();
        return;
      }
      core?.log.error('web host request failed', { err, path });
      if (!res.headersSent) problem(res, 500, { code: 'internal', message: { vi: 'Lỗi máy chủ nội bộ.', en: 'Internal server error.' } });
      else res.end();
    });
    },
  );
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  // A backstop for everything, the device's own screen included; the network's own cap is below it.
  server.maxConnections = limits.networkSockets + LOCAL_HEADROOM;
  // Connections per network address and in all, counted as they open and closed at once beyond the
  // caps, before a byte is read: the rate limits never see a request that never completes. The
  // device's own screen (loopback) is not counted. One log line per address (and for the total) a minute.
  const openSockets = new PerClient(limits.socketsPerClient, limits.networkSockets);
  const warned = new Map<string, number>();
  const capHit = (key: string, msg: string, fields: Record<string, unknown>) => {
    const now = Date.now();
    if ((warned.get(key) ?? 0) > now - 60_000) return;
    if (warned.size > 1000) warned.clear();
    warned.set(key, now);
    core?.log.warn(msg, fields);
  };
  server.on('connection', (socket) => {
    const client = socket.remoteAddress ?? 'unknown';
    if (isLocal({ transport: 'http', client })) return;
    const release = openSockets.take(client);
    if (!release) {
      socket.destroy();
      if (openSockets.count(client) >= limits.socketsPerClient) capHit(client, 'web host: a network address holds too many connections; new ones are closed', { client, cap: limits.socketsPerClient });
      else capHit('*', 'web host: the network holds too many connections; new ones are closed', { cap: limits.networkSockets });
      return;
    }
    // A connection that has not sent a whole request head in time is closed: Node's own head timeout
    // only starts with the first byte, so one that sends nothing would otherwise stay for ever.
    const head = setTimeout(() => {
      if (!answered.has(socket)) socket.destroy();
    }, limits.headersTimeoutMs);
    head.unref();
    socket.once('close', () => {
      clearTimeout(head);
      release();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    if (isForeignRequest({ origin: req.headers.origin, host: req.headers.host }, allowed)) {
      return problem(res, 403, {
        code: 'forbidden',
        message: { vi: 'Yêu cầu từ nguồn không được phép.', en: 'Request from a foreign origin refused.' },
      });
    }
    let url: URL;
    let pathname: string;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return problem(res, 400, { code: 'validation', message: { vi: 'Địa chỉ yêu cầu không hợp lệ.', en: 'The request URL is malformed.' } });
    }

    if (pathname === '/_fatal.css') return send(res, 200, fatalPage.css, 'text/css; charset=utf-8');
    // Answered by the web host itself, never by the core: it must answer while the core is busy.
    if (pathname === HTTP_HEALTH_PATH && req.method === 'GET') {
      if (opts.fatal || !core) return sendJson(res, 503, { ok: false, error: opts.fatal ?? null });
      const health = core.health?.() ?? { state: 'ready', inFlight: 0, oldestCallMs: null, restarts: 0 };
      return sendJson(res, health.state === 'ready' || health.state === 'starting' ? 200 : 503, { ok: health.state === 'ready', core: health });
    }
    if (opts.fatal || !core) {
      if (pathname.startsWith(HTTP_API_PREFIX)) return problem(res, 503, opts.fatal ?? { code: 'internal', message: { vi: 'Ứng dụng chưa sẵn sàng.', en: 'The app is not ready.' } });
      return send(res, 503, fatalPage.html(opts.fatal!), 'text/html; charset=utf-8');
    }

    if (pathname === HTTP_EVENTS_PATH && req.method === 'GET') {
      // One stream per page. An officer's page passes its session (EventSource cannot send headers);
      // the core decides per event who hears it, and re-checks the session at each one.
      const session = url.searchParams.get('session');
      // The device's own screen (loopback) is never counted: the LAN cannot use up its streams. A
      // signed-in officer's page draws on its own pool; anyone else (a waiting-room display, a
      // kiosk's page, whoever) on a small one: anonymous clients cannot take the officers' slots.
      const client = req.socket.remoteAddress ?? 'unknown';
      let closeStream: (() => void) | null = () => {};
      // A session is checked from this address (a session works only where it was opened): a token
      // seen on the LAN gets another machine neither an officer's slot nor officers' events.
      const signedIn = session ? (await core.invoke('staff.me', { session }, { transport: 'http', client })).ok : false;
      if (!isLocal({ transport: 'http', client })) {
        closeStream = (signedIn ? openStreams : anonymousStreams).take(client);
        if (!closeStream) capHit(`events:${signedIn ? 'officer' : 'anonymous'}`, 'web host: event streams refused, the pool is full', { client, signedIn });
      }
      if (!closeStream) {
        return problem(res, 429, {
          code: 'rate_limited',
          message: {
            vi: 'Máy chủ đang bận: có quá nhiều luồng sự kiện đang mở. Trang sẽ tự kết nối lại sau ít giây.',
            en: 'The server is busy: too many event streams are open. The page will reconnect in a few seconds.',
          },
        });
      }
      res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
      res.write(': connected\n\n');
      streams.add(res);
      const off = core.subscribe((name, payload) => res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`), { session: signedIn ? session : null });
      const ping = setInterval(() => res.write(': ping\n\n'), 25_000);
      req.on('close', () => {
        clearInterval(ping);
        off();
        streams.delete(res);
        closeStream();
      });
      return;
    }
    if (pathname === '/api/contract' && req.method === 'GET') return sendJson(res, 200, describeContract());
    if (pathname.startsWith(HTTP_API_PREFIX)) {
      if (req.method !== 'POST') return problem(res, 405, { code: 'validation', message: { vi: 'Chỉ nhận phương thức POST.', en: 'Only POST is accepted.' } });
      const name = pathname.slice(HTTP_API_PREFIX.length);
      // Each method's own limit (the contract's), read no further than that.
      const limit = Math.min(maxBodyBytes, isMethodName(name) ? ((access[name] as Rule).maxBytes ?? DEFAULT_MAX_INPUT_BYTES) : DEFAULT_MAX_INPUT_BYTES);
      const tooLarge: ErrorPayload = { code: 'validation', message: { vi: 'Dữ liệu gửi lên quá lớn.', en: 'The request body is too large.' } };
      // The peer's address is the client: rate limits and sign-in throttling count per address.
      // A kiosk or desk of the ward may show its LAN key (and a desk the officer it vouches for): the core checks them.
      const caller: Caller = { transport: 'http', client: req.socket.remoteAddress ?? 'unknown', ...lanCredentials(req.headers) };
      const declared = Number(req.headers['content-length'] ?? NaN);
      // What the client says it sends decides before a byte is read.
      if (declared > limit) return refuse(res, req, 413, tooLarge);
      // A large body (or one of unknown length) may run to the method's limit: checked first.
      const large = limit > DEFAULT_MAX_INPUT_BYTES && !(declared <= DEFAULT_MAX_INPUT_BYTES);
      let release = () => {};
      if (large && isMethodName(name) && officerOnly(name)) {
        const headerSession = req.headers[HTTP_SESSION_HEADER];
        const me = typeof headerSession === 'string' && headerSession ? await core.invoke('staff.me', { session: headerSession }, caller) : null;
        if (!me?.ok) return refuse(res, req, 401, me && !me.ok ? me.error : { code: 'unauthorized', message: { vi: 'Vui lòng đăng nhập.', en: 'Please sign in.' } });
      }
      // The device's own screen is not counted: the LAN cannot use up its room for a resident's filing.
      if (large && !isLocal(caller)) {
        const taken = largeBodies.take(caller.client, 1, Number.isFinite(declared) ? declared : limit);
        if (!taken) return refuse(res, req, 503, { code: 'unavailable', message: { vi: 'Máy đang nhận nhiều hồ sơ lớn cùng lúc; vui lòng gửi lại sau ít giây.', en: 'Many large filings are arriving at once; please send again in a few seconds.' } });
        release = taken;
      }
      try {
        return await callWithBody(req, res, name, limit, caller);
      } finally {
        release();
      }
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return problem(res, 405, { code: 'validation', message: { vi: 'Phương thức không được hỗ trợ.', en: 'Method not allowed.' } });

    const file = resolveStatic(rendererDir, url.pathname);
    if (!file) return send(res, 404, 'Không tìm thấy / Not found', 'text/plain; charset=utf-8');
    const content = await fs.promises.readFile(file.file);
    return send(res, 200, content, file.type, file.immutable ? { 'Cache-Control': 'public, max-age=31536000, immutable' } : {});
  }

  /** Reads, checks and parses the body, then calls the core. */
  async function callWithBody(req: http.IncomingMessage, res: http.ServerResponse, name: string, limit: number, caller: Caller) {
    const body = await readBody(req, limit);
    if (body === null) return problem(res, 413, { code: 'validation', message: { vi: 'Dữ liệu gửi lên quá lớn.', en: 'The request body is too large.' } });
    let input: unknown = {};
    if (body.length > 0) {
      const text = body.toString('utf8');
      // Before parsing: nothing past this walks a value nested thousands deep (see depth.ts).
      if (jsonTextTooDeep(text)) return problem(res, 400, tooDeep().toPayload());
      try {
        input = JSON.parse(text);
      } catch {
        return problem(res, 400, { code: 'validation', message: { vi: 'Dữ liệu gửi lên không phải JSON hợp lệ.', en: 'The request body is not valid JSON.' } });
      }
    }
    // A device's signature covers the body: its digest, now that it is read.
    const signed: Caller = caller.device ? { ...caller, device: { ...caller.device, bodySha256: bodyDigest(body) } } : caller;
    const response = await core!.invoke(name, input, signed, body.length);
    // Refusals are attributed: the first per address and method a minute, with the address.
    if (!response.ok && response.error.code === 'rate_limited' && !isLocal(caller)) capHit(`429|${caller.client}|${name}`, 'web host: calls refused, too many', { client: caller.client, method: name });
    return sendJson(res, response.ok ? 200 : (STATUS[response.error.code] ?? 500), response);
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      const port = (server.address() as AddressInfo).port;
      allowed = allowedOrigins(host, port);
      const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
      resolve({
        url: `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}`,
        port,
        close: () =>
          new Promise<void>((done) => {
            for (const s of streams) s.end();
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
