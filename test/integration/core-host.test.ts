/**
 * The core off the UI thread: the web host, the CLI and the Electron shell talk to a core host (a
 * worker thread, or a utility process in Electron) over a MessagePort, so the thread that serves
 * pages, the health check and the event stream never waits on SQLite.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCoreHost } from '../../electron/host/client.js';
import { startCoreProcess } from '../../electron/shell/core-process.js';
import { bin } from '../helpers/cli.js';
import { isolatedPlatform, tempDir } from '../helpers/core.js';
import { utilityStandIn } from '../helpers/utility-standin.js';

const isolatedEnv = (dir: string) => ({ PATH: process.env.PATH, HOME: dir, MOTCUA_ADMIN_CONFIG: path.join(dir, 'admin.json'), MOTCUA_USER_CONFIG: path.join(dir, 'user.json') });

/** Holds SQLite's write lock on the app's database for `ms`, as a long write would: the core's next write waits for it. */
function holdWriteLock(dbFile: string, ms: number): Promise<void> {
  const db = new Database(dbFile);
  db.exec('BEGIN IMMEDIATE');
  return new Promise((resolve) =>
    setTimeout(() => {
      db.exec('COMMIT');
      db.close();
      resolve();
    }, ms),
  );
}

/** Milliseconds `fn` took. */
async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

/** Opens the event stream and resolves with the first chunk (the stream is open), then with each event frame. */
function openEvents(url: string) {
  const frames: string[] = [];
  let req: http.ClientRequest;
  const opened = new Promise<string>((resolve, reject) => {
    req = http.get(`${url}/api/events`, (res) => {
      res.setEncoding('utf8');
      res.once('data', (chunk: string) => resolve(chunk));
      res.on('data', (chunk: string) => frames.push(chunk));
    });
    req.on('error', reject);
  });
  return { opened, frames, close: () => req.destroy() };
}

describe('motcua web: the core in its own thread', () => {
  let child: ChildProcess;
  let base: string;
  let dataDir: string;

  beforeAll(async () => {
    const dir = tempDir();
    dataDir = path.join(dir, 'data');
    child = spawn(process.execPath, [bin, 'web', '--port', '0', '--data-dir', dataDir], { env: isolatedEnv(dir) });
    base = await new Promise<string>((resolve, reject) => {
      let text = '';
      child.stdout!.on('data', (d: Buffer) => {
        text += d.toString();
        const m = /running at (http:\/\/127\.0\.0\.1:\d+)/.exec(text);
        if (m && text.includes('Staff:')) resolve(m[1]!);
      });
      child.on('exit', () => reject(new Error(`exited early: ${text}`)));
    });
    // A new process loads the app and opens its database: 10 s was too short on a loaded 2-core CI machine.
  }, 60_000);
  afterAll(() => {
    child.kill('SIGTERM');
  });

  it('while the core waits 2 s on a locked database, the host serves a page, its health check and the event stream at once', async () => {
    const lock = holdWriteLock(path.join(dataDir, 'motcua.db'), 2000);
    const started = performance.now();
    // A write the core cannot finish until the lock is released: its thread is blocked in SQLite.
    const busy = fetch(`${base}/api/feedback.send`, { method: 'POST', body: JSON.stringify({ category: 'facility', text: 'Thang máy tầng 1 hỏng' }) }).then(async (r) => ({
      at: performance.now() - started,
      body: (await r.json()) as { ok: boolean },
    }));
    busy.catch(() => undefined); // awaited below; not an unhandled rejection if an assertion fails first
    // The call has reached the core and waits there.
    await expect.poll(async () => ((await (await fetch(`${base}/api/health`)).json()) as { core: { inFlight: number } }).core.inFlight, { interval: 50 }).toBe(1);

    const events = openEvents(base);
    const [page, health, stream] = await Promise.all([
      timed(async () => {
        const r = await fetch(`${base}/kiosk`);
        return { status: r.status, text: await r.text() };
      }),
      timed(async () => {
        const r = await fetch(`${base}/api/health`);
        return { status: r.status, body: (await r.json()) as { ok: boolean; core: { state: string; inFlight: number; oldestCallMs: number } } };
      }),
      timed(() => events.opened),
    ]);
    const stillBusyAt = performance.now() - started;
    expect(page.value.status).toBe(200);
    expect(page.value.text).toContain('<div id="app">');
    expect(health.value.status).toBe(200);
    expect(health.value.body).toMatchObject({ ok: true, core: { state: 'ready', inFlight: 1 } });
    expect(health.value.body.core.oldestCallMs).toBeGreaterThan(0);
    expect(stream.value).toContain(': connected');
    for (const r of [page, health, stream]) expect(r.ms).toBeLessThan(1000);
    // All three were answered while the core was still blocked.
    expect(stillBusyAt).toBeLessThan(2000);

    await lock;
    const done = await busy;
    expect(done.body.ok).toBe(true);
    expect(done.at).toBeGreaterThanOrEqual(1900);

    // Events come back over the same port, once the core is free again.
    await fetch(`${base}/api/kiosk.sessionEnded`, { method: 'POST', body: '{}' });
    await expect.poll(() => events.frames.join(''), { interval: 50 }).toContain('event: kiosk.sessionEnded');
    events.close();
  });
});

describe('the core host', () => {
  /** A core host on a fresh data folder, with no admin or user config file. */
  function isolated() {
    const dir = tempDir();
    process.env.MOTCUA_ADMIN_CONFIG = isolatedPlatform(dir).env.MOTCUA_ADMIN_CONFIG;
    process.env.MOTCUA_USER_CONFIG = isolatedPlatform(dir).env.MOTCUA_USER_CONFIG;
    return { dir, dataDir: path.join(dir, 'data') };
  }

  it('logs a call slower than 50 ms with its method and duration, and passes the caller through', async () => {
    const { dataDir } = isolated();
    const host = await startCoreHost({ flags: { dataDir, ward: { code: '00324', name: 'Phường Ba Đình' } } });
    const lock = holdWriteLock(path.join(dataDir, 'motcua.db'), 300);
    const answer = await host.invoke('feedback.send', { category: 'staff', text: 'Cán bộ hướng dẫn tận tình' }, { transport: 'cli', client: 'cli' });
    await lock;
    expect(answer).toMatchObject({ ok: true, result: { trackingCode: expect.stringMatching(/^PA-00324\.K01-\d{6}-0001$/) as unknown as string } });
    expect(await host.invoke('app.info', {}, { transport: 'cli', client: 'cli' })).toMatchObject({ ok: true, result: { ward: { code: '00324' } } });
    await host.close();
    const lines = fs
      .readFileSync(path.join(dataDir, 'logs', 'motcua.log'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { msg: string; method?: string; ms?: number; transport?: string });
    const slow = lines.filter((l) => l.msg === 'slow call');
    expect(slow).toHaveLength(1);
    expect(slow[0]).toMatchObject({ method: 'feedback.send', transport: 'cli' });
    expect(slow[0]!.ms).toBeGreaterThanOrEqual(250);
  });

  it('answers a config it cannot run with the reason, and does not restart', async () => {
    const { dir, dataDir } = isolated();
    fs.writeFileSync(path.join(dir, 'bad.json'), JSON.stringify({ mode: 'tablet' }));
    const broken = await startCoreHost({ configFile: path.join(dir, 'bad.json'), flags: { dataDir } });
    expect(broken.ready).toMatchObject({ ok: false, fatal: { code: 'config_invalid', field: 'mode' } });
    expect(await broken.invoke('app.info', {}, { transport: 'cli', client: 'cli' })).toMatchObject({ ok: false, error: { code: 'config_invalid' } });
    expect(broken.health().state).toBe('stopped');
    await broken.close();
  });
});

describe('the Electron shell’s core process (utilityProcess and MessageChannelMain stand-ins)', () => {
  it('talks to the core over a MessagePort, gets its events back, and restarts a core that died', async () => {
    const dir = tempDir();
    const standIn = utilityStandIn();
    const entry = path.resolve('electron/host/worker.ts');
    process.env.MOTCUA_ADMIN_CONFIG = path.join(dir, 'admin.json');
    process.env.MOTCUA_USER_CONFIG = path.join(dir, 'user.json');
    const host = await startCoreProcess(standIn.api, entry, { flags: { dataDir: path.join(dir, 'data'), mode: 'kiosk' } });
    try {
      expect(host.ready).toMatchObject({ ok: true, config: { mode: 'kiosk' } });
      const seen: string[] = [];
      host.onEvent((name) => seen.push(name));
      expect(await host.invoke('kiosk.sessionEnded', {}, { transport: 'ipc', client: 'window:1' })).toEqual({ ok: true, result: { ok: true } });
      await expect.poll(() => seen).toContain('kiosk.sessionEnded');

      // The utility process dies: calls in flight get a clear error, the core comes back by itself.
      await standIn.children[0]!.terminate();
      await expect.poll(() => host.health().restarts, { timeout: 10_000 }).toBe(1);
      await expect.poll(() => host.health().state, { timeout: 20_000 }).toBe('ready');
      expect(await host.invoke('app.info', {}, { transport: 'ipc', client: 'window:1' })).toMatchObject({ ok: true, result: { mode: 'kiosk' } });
      expect(standIn.children).toHaveLength(2);
    } finally {
      await host.close();
    }
  }, 60_000);
});
