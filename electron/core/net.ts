/**
 * How the device reaches hosts outside the office: the city portal, the national portal, the update
 * server. One place decides the proxy (the admin's `network.proxy`, else the environment's
 * HTTPS_PROXY / HTTP_PROXY / NO_PROXY, else the system's proxy the Electron shell resolved) and the
 * certificates trusted (the system's plus the admin's `network.caFile`), and turns a failed request
 * into words an IT admin can act on: "certificate not trusted: <issuer>", "proxy refused", "portal
 * unreachable". Node's own fetch ignores proxies; undici's dispatchers are what it is built on.
 *
 * Calls on the office LAN (a kiosk to the queue desk) never go through a proxy: see `lanFetch`.
 */
import fs from 'node:fs';
import http from 'node:http';
import tls from 'node:tls';
import { Agent, EnvHttpProxyAgent, ProxyAgent, fetch as undiciFetch, type Dispatcher } from 'undici';
import { AppError } from './errors.js';

/** The fetch the core uses: the platform's signature, undici underneath. */
export type HttpFetch = (input: string | URL, init?: RequestInit) => Promise<Response>;

export interface NetworkOptions {
  /** `network.proxy`: "" (environment, then system), "direct", or a proxy URL. */
  proxy: string;
  /** `network.caFile`: extra CA certificates (PEM), "" for none. */
  caFile: string;
  /** The system's proxy for the portal, as the Electron shell resolved it ("http://host:port"), if any. */
  systemProxy?: string | null;
  /** The environment (tests pass their own). @default process.env */
  env?: Record<string, string | undefined>;
}

/** What went wrong on the way, by what the admin must do about it. */
export type NetProblem =
  | { kind: 'certificate'; issuer: string | null; code: string }
  | { kind: 'proxy_refused'; proxy: string; status: number | null }
  | { kind: 'unreachable'; detail: string };

const CERT_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

export interface Network {
  fetch: HttpFetch;
  /** The proxy a request to `url` goes through, or null for a direct connection. */
  proxyFor(url: string): string | null;
  /** Reads a failed fetch: a certificate (with its issuer, asked of the server), a proxy that refused, or no answer. */
  describe(err: unknown, url: string): Promise<NetProblem>;
  close(): Promise<void>;
}

function readCa(caFile: string): string[] {
  if (!caFile) return [];
  try {
    return [fs.readFileSync(caFile, 'utf8')];
  } catch (err) {
    throw new AppError(
      'config_invalid',
      {
        vi: `Không đọc được tệp chứng chỉ CA (network.caFile) ${caFile}: ${(err as Error).message}`,
        en: `Cannot read the CA certificate file (network.caFile) ${caFile}: ${(err as Error).message}`,
      },
      { file: caFile, field: 'network.caFile' },
    );
  }
}

/** "PROXY host:port; DIRECT" (Electron's resolveProxy, a PAC answer) → "http://host:port", or null for DIRECT. */
export function fromPacAnswer(answer: string): string | null {
  for (const part of answer.split(';').map((p) => p.trim())) {
    const m = /^(PROXY|HTTPS)\s+(\S+)$/i.exec(part);
    if (m) return `${m[1]!.toUpperCase() === 'HTTPS' ? 'https' : 'http'}://${m[2]}`;
    if (/^DIRECT$/i.test(part)) return null;
  }
  return null;
}

/** Whether NO_PROXY lets `hostname` go direct (exact names, .suffixes, *, ports ignored). */
function bypassed(hostname: string, noProxy: string | undefined): boolean {
  if (!noProxy) return false;
  const host = hostname.toLowerCase();
  return noProxy
    .split(/[\s,]+/)
    .filter(Boolean)
    .some((entry) => {
      const e = entry.replace(/:\d+$/, '').toLowerCase();
      if (e === '*') return true;
      const bare = e.replace(/^\*?\./, '');
      return host === bare || host.endsWith(`.${bare}`);
    });
}

/** The network of one core: built once from the config, used by every call to the outside. */
export function createNetwork(options: NetworkOptions): Network {
  const env = options.env ?? process.env;
  const extra = readCa(options.caFile);
  const ca = extra.length ? [...tls.rootCertificates, ...extra] : undefined;
  const tlsOptions = ca ? { ca } : {};
  const envProxy = env.https_proxy ?? env.HTTPS_PROXY ?? env.http_proxy ?? env.HTTP_PROXY;
  const noProxy = env.no_proxy ?? env.NO_PROXY;

  let dispatcher: Dispatcher;
  let closing: Promise<void> | null = null;
  let proxyFor: (url: string) => string | null;
  if (options.proxy === 'direct') {
    dispatcher = new Agent({ connect: tlsOptions });
    proxyFor = () => null;
  } else if (options.proxy) {
    const uri = options.proxy;
    dispatcher = new ProxyAgent({ uri, requestTls: tlsOptions, proxyTls: tlsOptions });
    proxyFor = () => uri;
  } else if (envProxy) {
    dispatcher = new EnvHttpProxyAgent({
      httpProxy: env.http_proxy ?? env.HTTP_PROXY,
      httpsProxy: env.https_proxy ?? env.HTTPS_PROXY,
      noProxy: noProxy ?? '',
      connect: tlsOptions,
      requestTls: tlsOptions,
      proxyTls: tlsOptions,
    });
    proxyFor = (url) => {
      const u = new URL(url);
      if (bypassed(u.hostname, noProxy)) return null;
      return u.protocol === 'https:' ? (env.https_proxy ?? env.HTTPS_PROXY ?? env.http_proxy ?? env.HTTP_PROXY ?? null) : (env.http_proxy ?? env.HTTP_PROXY ?? null);
    };
  } else if (options.systemProxy) {
    const uri = options.systemProxy;
    dispatcher = new ProxyAgent({ uri, requestTls: tlsOptions, proxyTls: tlsOptions });
    proxyFor = () => uri;
  } else {
    dispatcher = new Agent({ connect: tlsOptions });
    proxyFor = () => null;
  }

  const fetchWith: HttpFetch = (input, init) =>
    undiciFetch(input, { ...(init as Parameters<typeof undiciFetch>[1]), dispatcher }) as unknown as Promise<Response>;

  return {
    fetch: fetchWith,
    proxyFor,
    async describe(err, url) {
      const cause = causeOf(err);
      const code = cause.code ?? '';
      const proxy = proxyFor(url);
      if (CERT_CODES.has(code)) return { kind: 'certificate', code, issuer: await peerIssuer(url, proxy, tlsOptions).catch(() => null) };
      const tunnel = /Proxy response \((\d+)\)/.exec(cause.message ?? '');
      if (proxy && tunnel) return { kind: 'proxy_refused', proxy, status: Number(tunnel[1]) };
      if (proxy && ['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EHOSTUNREACH', 'ETIMEDOUT'].includes(code) && sameEndpoint(cause, proxy)) {
        return { kind: 'proxy_refused', proxy, status: null };
      }
      return { kind: 'unreachable', detail: code || cause.message || 'fetch failed' };
    },
    // Idempotent: a core closed twice (a test's cleanup, a shutdown racing a restart) must not reject.
    close: () => (closing ??= dispatcher.close().catch(() => undefined)),
  };
}

interface Cause {
  code?: string;
  message?: string;
  address?: string;
  port?: number;
  hostname?: string;
}

/** The innermost cause of a failed fetch ("fetch failed" → the socket's or the TLS layer's error). */
function causeOf(err: unknown): Cause {
  let e = err as { cause?: unknown } & Cause;
  for (let i = 0; i < 5 && e && typeof e === 'object' && e.cause && !e.code; i++) e = e.cause as typeof e;
  // AggregateError (several addresses tried): its first error says enough.
  const errors = (e as { errors?: Cause[] }).errors;
  if (!e.code && errors?.[0]) return errors[0];
  return e ?? {};
}

function sameEndpoint(cause: Cause, proxy: string): boolean {
  const p = new URL(proxy);
  const port = Number(p.port || (p.protocol === 'https:' ? 443 : 80));
  if (cause.port !== undefined) return cause.port === port;
  if (cause.hostname) return cause.hostname === p.hostname;
  return true;
}

/**
 * Who issued the certificate the server shows: connects again without checking it (through the proxy
 * when there is one) and reads the issuer's name. Only run after a certificate was refused.
 */
async function peerIssuer(url: string, proxy: string | null, tlsOptions: tls.ConnectionOptions): Promise<string | null> {
  const target = new URL(url);
  const port = Number(target.port || 443);
  const socket = proxy ? await tunnel(proxy, target.hostname, port) : undefined;
  return new Promise((resolve) => {
    const s = tls.connect({ ...tlsOptions, host: target.hostname, port, socket, servername: /^[\d.]+$/.test(target.hostname) ? undefined : target.hostname, rejectUnauthorized: false }, () => {
      const cert = s.getPeerCertificate();
      s.destroy();
      const issuer = cert?.issuer;
      resolve(issuer ? [issuer.CN, issuer.O].filter(Boolean).join(', ') || null : null);
    });
    s.setTimeout(5000, () => {
      s.destroy();
      resolve(null);
    });
    s.on('error', () => resolve(null));
  });
}

function tunnel(proxy: string, host: string, port: number): Promise<import('node:net').Socket> {
  const p = new URL(proxy);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: p.hostname, port: Number(p.port || 80), method: 'CONNECT', path: `${host}:${port}`, timeout: 5000 });
    req.on('connect', (res, socket) => (res.statusCode === 200 ? resolve(socket) : reject(new Error(`proxy answered ${res.statusCode}`))));
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error('proxy timeout')));
    req.end();
  });
}

/** The words for a problem on the way, for doctor, the status badge and the log. */
export function problemText(p: NetProblem, what: { vi: string; en: string }): { vi: string; en: string } {
  if (p.kind === 'certificate') {
    const issuer = p.issuer ?? 'không rõ / unknown';
    return {
      vi: `chứng chỉ không được tin cậy: ${issuer} (${p.code}). Thêm CA của thành phố vào network.caFile.`,
      en: `certificate not trusted: ${issuer} (${p.code}). Add the city's CA to network.caFile.`,
    };
  }
  if (p.kind === 'proxy_refused') {
    return {
      vi: `proxy từ chối: ${p.proxy}${p.status ? ` trả lời ${p.status}` : ' không nhận kết nối'}. Kiểm tra network.proxy / HTTPS_PROXY và quyền qua proxy.`,
      en: `proxy refused: ${p.proxy}${p.status ? ` answered ${p.status}` : ' did not accept the connection'}. Check network.proxy / HTTPS_PROXY and the proxy's rules.`,
    };
  }
  return { vi: `không kết nối được ${what.vi} (${p.detail})`, en: `${what.en} unreachable (${p.detail})` };
}

/** Fetch on the office LAN (the queue desk): always direct — Node's own fetch reads no proxy setting. */
export const lanFetch: HttpFetch = (input, init) => fetch(input, init);
