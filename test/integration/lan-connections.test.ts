/**
 * Someone on the office LAN holding connections open, as the newcomer's trial did (F10: thousands of
 * sockets trickling request heads took the queue desk's file descriptors, and the host went dark for
 * everyone). Real sockets to a real web host on 127.0.0.1; a "LAN address" is another loopback source
 * address (127.0.x.y, bound with `localAddress`); the device's own screen is 127.0.0.1.
 */
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost } from '../../electron/web/server.js';
import { MAX_SOCKETS_PER_CLIENT } from '../../electron/web/limits.js';
import { makeCore, tempDir, type TestCore } from '../helpers/core.js';

const lan = (i: number, j = 0) => `127.0.${40 + j}.${i}`;

interface Held {
  socket: net.Socket;
  /** Milliseconds from connecting until the host closed it; never resolves while it stays open. */
  closed: Promise<number>;
}

/** A TCP connection from `from` to the host, once the kernel accepted it. */
function connect(host: WebHost, from: string): Promise<Held> {
  const u = new URL(host.url);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: u.hostname, port: Number(u.port), localAddress: from });
    socket.on('error', () => undefined);
    // Read what the host sends (a 408), so its closing is seen.
    socket.resume();
    const started = Date.now();
    const closed = new Promise<number>((done) => socket.once('close', () => done(Date.now() - started)));
    socket.once('connect', () => resolve({ socket, closed }));
    socket.once('error', reject);
  });
}

/** A slow client's opening: the start of a request head, never finished. */
const startHead = (h: Held) => h.socket.write('POST /api/staff.status HTTP/1.1\r\nHost: 192.0.2.2:5871\r\n');

const within = (p: Promise<number>, ms: number) => Promise.race([p, new Promise<null>((r) => setTimeout(() => r(null), ms))]);

function status(host: WebHost, from: string): Promise<number> {
  const u = new URL(host.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, path: '/api/staff.status', method: 'POST', localAddress: from, headers: { 'Content-Type': 'application/json', Connection: 'close' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode!));
    });
    req.on('error', reject);
    req.end('{}');
  });
}

async function logText(t: TestCore): Promise<string> {
  await t.core.log.flush();
  const dir = path.join(t.dir, 'logs');
  return fs
    .readdirSync(dir)
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
    .join('\n');
}

describe('connections held open from the LAN', () => {
  let t: TestCore;
  let host: WebHost;
  const held: Held[] = [];
  const rendererDir = tempDir('motcua-renderer-');
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Một Cửa</title>');

  beforeAll(async () => {
    t = makeCore({ mode: 'staff' });
    // The real caps per address; the network's in all and the times shortened so the test is quick.
    host = await startWebHost({ core: t.core, rendererDir, limits: { networkSockets: 100, headersTimeoutMs: 1500, requestTimeoutMs: 3000, checkIntervalMs: 200 } });
  });
  afterAll(async () => {
    for (const h of held) h.socket.destroy();
    await host.close();
    t.core.close();
  });

  it('one address trickling request heads holds 64 connections; the 65th is closed at once and logged; another LAN machine and the desk’s own screen are answered meanwhile', async () => {
    for (let i = 0; i < MAX_SOCKETS_PER_CLIENT; i++) {
      const h = await connect(host, lan(1));
      startHead(h);
      held.push(h);
    }
    const extra = await connect(host, lan(1));
    expect(await within(extra.closed, 1000)).not.toBeNull();
    // The first 64 are still open (the attacker's own, until the head timeout).
    expect(held.every((h) => !h.socket.destroyed)).toBe(true);
    expect(await status(host, lan(2))).toBe(200);
    expect(await status(host, '127.0.0.1')).toBe(200);
    const log = await logText(t);
    expect(log).toContain('a network address holds too many connections');
    expect(log).toContain(lan(1));
    // Held slots are given back as the host closes the slow ones: the address is served again.
    const times = await Promise.all(held.splice(0).map((h) => h.closed));
    expect(Math.max(...times)).toBeLessThan(4000);
    expect(await status(host, lan(1))).toBe(200);
  });

  it('a request head sent slower than the limit, and a connection that sends nothing, are closed after the head timeout; a request that sends its head then trickles its body after the request timeout', async () => {
    const slow = await connect(host, lan(3));
    startHead(slow);
    const trickle = setInterval(() => slow.socket.write('X-a: b\r\n'), 300);
    const idle = await connect(host, lan(4));
    const body = await connect(host, lan(5));
    body.socket.write('POST /api/staff.status HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{');
    const bodyTrickle = setInterval(() => body.socket.write(' '), 300);
    try {
      const [slowMs, idleMs] = await Promise.all([slow.closed, idle.closed]);
      for (const ms of [slowMs, idleMs]) {
        expect(ms).toBeGreaterThanOrEqual(1400);
        expect(ms).toBeLessThan(3500);
      }
      const bodyMs = await body.closed;
      expect(bodyMs).toBeGreaterThanOrEqual(2900);
      expect(bodyMs).toBeLessThan(5500);
    } finally {
      clearInterval(trickle);
      clearInterval(bodyTrickle);
    }
  });

  it('the network in all holds its cap of connections (here 100), then new ones are closed and logged; the desk’s own screen is still answered', async () => {
    for (const from of [lan(1, 1), lan(2, 1)]) {
      for (let i = 0; i < 50; i++) held.push(await connect(host, from));
    }
    const beyond = await connect(host, lan(3, 1));
    expect(await within(beyond.closed, 1000)).not.toBeNull();
    expect(await status(host, '127.0.0.1')).toBe(200);
    expect(await logText(t)).toContain('the network holds too many connections');
    for (const h of held.splice(0)) h.socket.destroy();
    await new Promise((r) => setTimeout(r, 100));
    expect(await status(host, lan(3, 1))).toBe(200);
  });
});
