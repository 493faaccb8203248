/**
 * A proxy between devices and the reference portal that breaks things on purpose: dropped
 * connections, delays, 500s, 429s with Retry-After, truncated bodies, and answers lost after the
 * portal committed. `rules` pick a fault for particular requests (a 500 for one dossier, always).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault = 'drop' | 'delay' | 'error500' | 'busy429' | 'truncate' | 'lost' | 'pass';

export interface FaultProxy {
  url: string;
  counts: Record<Fault, number>;
  /** Every request that came through, with the fault it met. */
  log: { method: string; url: string; fault: Fault }[];
  close(): Promise<void>;
}

/** A request as a rule sees it. */
export interface ProxiedRequest {
  method: string;
  url: string;
  body: string;
}

/** An answer a rule gives instead of the portal's, as a middlebox (or the portal) would. */
export interface Answer {
  status: number;
  /** true: the portal's application/problem+json; false: a middlebox's HTML page. */
  problem: boolean;
  title?: string;
}

/** A small deterministic PRNG, so a failing run can be replayed with its seed. */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function startFaultProxy(
  target: string,
  options: { rate?: number; seed?: number; faults?: Fault[]; rules?: ((req: ProxiedRequest) => Fault | Answer | null)[]; retryAfterSeconds?: number } = {},
): Promise<FaultProxy> {
  const rate = options.rate ?? 0.25;
  const random = prng(options.seed ?? 1);
  const faults: Fault[] = options.faults ?? ['drop', 'delay', 'error500', 'truncate', 'lost'];
  const counts: Record<Fault, number> = { drop: 0, delay: 0, error500: 0, busy429: 0, truncate: 0, lost: 0, pass: 0 };
  const log: FaultProxy['log'] = [];
  const upstream = new URL(target);

  const forward = (req: http.IncomingMessage, body: Buffer): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> =>
    new Promise((resolve, reject) => {
      const out = http.request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      });
      out.on('error', reject);
      out.end(body);
    });

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks);
        const seen = { method: req.method ?? 'GET', url: req.url ?? '/', body: body.toString('utf8') };
        const ruled = (options.rules ?? []).map((r) => r(seen)).find((f) => f !== null);
        if (ruled && typeof ruled === 'object') {
          log.push({ method: seen.method, url: seen.url, fault: 'pass' });
          if (ruled.problem) {
            res.writeHead(ruled.status, { 'Content-Type': 'application/problem+json' });
            return res.end(JSON.stringify({ type: 'about:blank', title: ruled.title ?? `HTTP ${ruled.status}`, status: ruled.status }));
          }
          res.writeHead(ruled.status, { 'Content-Type': 'text/html' });
          return res.end(`<html><body><h1>${ruled.status}</h1>gateway</body></html>`);
        }
        const fault: Fault = ruled ?? (random() < rate ? faults[Math.floor(random() * faults.length)]! : 'pass');
        counts[fault]++;
        log.push({ method: seen.method, url: seen.url, fault });
        if (fault === 'drop') return req.socket.destroy();
        if (fault === 'error500') {
          res.writeHead(500, { 'Content-Type': 'text/plain' });
          return res.end('upstream exploded');
        }
        if (fault === 'busy429') {
          res.writeHead(429, { 'Content-Type': 'application/problem+json', 'Retry-After': String(options.retryAfterSeconds ?? 2) });
          return res.end(JSON.stringify({ type: 'about:blank', title: 'Quá nhiều yêu cầu / too many requests', status: 429 }));
        }
        if (fault === 'delay') await new Promise((r) => setTimeout(r, 20 + random() * 80));
        let answer;
        try {
          answer = await forward(req, body);
        } catch {
          return req.socket.destroy();
        }
        if (fault === 'lost') return req.socket.destroy(); // the portal did the work; the answer never arrives
        const headers = { ...answer.headers };
        delete headers['transfer-encoding'];
        if (fault === 'truncate' && answer.body.length > 1) {
          res.writeHead(answer.status, { ...headers, 'content-length': String(answer.body.length) });
          res.write(answer.body.subarray(0, Math.floor(answer.body.length / 2)));
          return setTimeout(() => req.socket.destroy(), 5);
        }
        res.writeHead(answer.status, headers);
        res.end(answer.body);
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    counts,
    log,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
