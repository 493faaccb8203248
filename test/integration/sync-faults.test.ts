/**
 * Faults between devices and the portal, on 127.0.0.1: every filing arrives exactly once and a
 * dossier's transitions keep their order, whatever the network does.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultProxy, type FaultProxy } from '../portal/fault-proxy.js';
import { startReferencePortal, type ReferencePortal } from '../portal/server.js';
import { loadConfig } from '../../electron/core/config/load.js';
import type { ConfigLayer } from '../../electron/core/config/schema.js';
import { createCore } from '../../electron/core/index.js';
import { createLogger } from '../../electron/core/log.js';
import { isolatedPlatform, signInOfficer, stored, tempDir } from '../helpers/core.js';
import { virtualTime } from '../helpers/virtual-time.js';
import { doctor, formatDoctor } from '../../electron/cli/doctor.js';
import { listParked } from '../../electron/core/sync/outbox.js';

/** A portal admin call (publishing an announcement, a holiday…). */
const admin = (portal: ReferencePortal, route: string, body: unknown) =>
  fetch(`${portal.url}${route}`, { method: 'POST', headers: { Authorization: `Bearer ${portal.adminToken}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
import { applicant, birthFiling, makeDevice, smallCatalog, type Device } from '../helpers/sync.js';

const catalogDir = smallCatalog();

/** Runs sync cycles until the outbox is empty, moving the device's clock so retries fall due. */
async function drain(device: Device, maxCycles = 5000): Promise<number> {
  for (let cycle = 1; cycle <= maxCycles; cycle++) {
    await device.core.sync.runOnce();
    const status = device.core.sync.status();
    if (status.state === 'idle' && status.pending === 0) return cycle;
    device.clock.advance(15 * 60_000);
  }
  throw new Error('outbox did not drain');
}

describe('sync under faults', () => {
  let portal: ReferencePortal;
  let proxy: FaultProxy;

  beforeAll(async () => {
    portal = await startReferencePortal({ dataDir: tempDir(), catalogDir });
    proxy = await startFaultProxy(portal.url, { rate: 0.3, seed: 20261123 });
  });
  afterAll(async () => {
    await proxy.close();
    await portal.close();
  });

  it('1,000 filings from three kiosks arrive exactly once, and transitions keep their order per dossier', async () => {
    const kiosks = ['01', '02', '03'].map((slot) => makeDevice(proxy.url, portal.createEnrollment('00324', 'kiosk'), { mode: 'kiosk', device: { slot } }, undefined, catalogDir));
    const codes: string[] = [];
    for (let i = 0; i < 1000; i++) {
      const k = kiosks[i % 3]!;
      codes.push((await k.core.call('dossier.submit', birthFiling(i))).code);
    }
    expect(new Set(codes).size).toBe(1000);
    await Promise.all(kiosks.map((k) => drain(k)));

    const rows = portal.db.prepare('SELECT code FROM dossiers ORDER BY code').all() as { code: string }[];
    expect(rows.map((r) => r.code)).toEqual([...codes].sort());
    for (const k of kiosks) {
      const notAcked = k.core.db.prepare('SELECT count(*) AS n FROM dossiers WHERE acked_at IS NULL').get() as { n: number };
      expect(notAcked.n).toBe(0);
    }

    // A desk takes 100 of them through their lifecycle, every step queued before any is sent.
    const desk = makeDevice(proxy.url, portal.createEnrollment('00324', 'staff'), { mode: 'staff' }, undefined, catalogDir);
    await drain(desk);
    expect((await desk.core.call('dossier.list', { session: await signInOfficer(desk.core), origin: 'portal', limit: 1 })).total).toBe(1000);
    const steps = ['received', 'processing', 'result_ready', 'returned'] as const;
    const chosen = codes.slice(0, 100);
    const session = await signInOfficer(desk.core);
    for (const to of steps) for (const code of chosen) await desk.core.call('dossier.transition', { code, to, session });
    await drain(desk);
    expect((await desk.core.call('sync.outbox', { session: await signInOfficer(desk.core, 'quantri') })).parked).toEqual([]);
    const applied = portal.db.prepare('SELECT code, body FROM transitions ORDER BY rowid').all() as { code: string; body: string }[];
    expect(applied).toHaveLength(400);
    for (const code of chosen) {
      expect(applied.filter((a) => a.code === code).map((a) => (JSON.parse(a.body) as { to: string }).to)).toEqual([...steps]);
    }
    // Every kind of fault really happened.
    for (const fault of ['drop', 'delay', 'error500', 'truncate', 'lost'] as const) expect(proxy.counts[fault]).toBeGreaterThan(0);
    for (const d of [...kiosks, desk]) d.core.close();
  }, 300_000);

  it('a client killed with SIGKILL in the middle of a sync, 20 times, loses nothing and duplicates nothing', async () => {
    const dir = tempDir();
    const code = portal.createEnrollment('00324', 'kiosk');
    const seedDevice = makeDevice(proxy.url, code, { mode: 'kiosk', device: { slot: '09' } }, dir, catalogDir);
    const filed: string[] = [];
    for (let i = 0; i < 200; i++) filed.push((await seedDevice.core.call('dossier.submit', birthFiling(5000 + i))).code);
    seedDevice.core.close();

    const worker = path.resolve('test/integration/helpers/sync-worker.ts');
    for (let kill = 0; kill < 20; kill++) {
      const child = spawn(process.execPath, ['--import', 'tsx', worker, dir, proxy.url, code, catalogDir], { stdio: ['ignore', 'pipe', 'pipe'] });
      await new Promise<void>((resolve) => {
        child.stdout.once('data', () => {
          // Let it get into the middle of a sync, then pull the plug.
          setTimeout(() => child.kill('SIGKILL'), 40 + ((kill * 37) % 160));
        });
        child.on('exit', () => resolve());
      });
    }
    // The killed processes did real work before they died.
    const deliveredByKilled = (portal.db.prepare("SELECT count(*) AS n FROM dossiers WHERE code LIKE '00324.K09-%'").get() as { n: number }).n;
    expect(deliveredByKilled).toBeGreaterThan(0);
    const survivor = makeDevice(proxy.url, code, { mode: 'kiosk', device: { slot: '09' } }, dir, catalogDir);
    await drain(survivor);
    const mine = portal.db.prepare("SELECT code FROM dossiers WHERE code LIKE '00324.K09-%' ORDER BY code").all() as { code: string }[];
    expect(mine.map((r) => r.code)).toEqual([...filed].sort());
    expect((survivor.core.db.prepare("SELECT count(*) AS n FROM outbox WHERE state != 'done'").get() as { n: number }).n).toBe(0);
    survivor.core.close();
  }, 300_000);
});

/** A device whose sync runs on its own schedule, on a controlled clock (timers jump it instead of waiting). */
function scheduledDevice(portalUrl: string, enrollmentCode: string, layer: ConfigLayer) {
  const dir = tempDir();
  const time = virtualTime();
  const loaded = loadConfig({ platform: isolatedPlatform(dir), flags: { dataDir: path.join(dir, 'data'), ward: { code: '00324', name: 'Phường Ba Đình' }, ...layer, portal: { url: portalUrl, enrollmentCode, ...layer.portal } } });
  const core = createCore({ loaded, clock: time.clock, version: 'test', catalogDir, log: createLogger({ dir: path.join(dir, 'logs'), clock: time.clock }), random: () => 0.5, timers: time.timers });
  const cycles: { at: number; state: string }[] = [];
  core.onEvent((name, payload) => {
    if (name === 'sync.status' && (payload as { state: string }).state !== 'syncing') cycles.push({ at: time.clock.now().getTime(), state: (payload as { state: string }).state });
  });
  /** Lets the engine run: each time it waits, its next timer fires at once (the clock jumps). */
  const runUntil = async (done: () => boolean, maxCycles = 10_000) => {
    for (let i = 0; i < maxCycles && !done(); i++) {
      await core.sync.whenIdle();
      if (done() || !time.fireNext()) break;
    }
    await core.sync.whenIdle();
  };
  return { core, time, cycles, runUntil };
}

describe('sync on its own schedule, under faults', () => {
  let portal: ReferencePortal;
  beforeAll(async () => {
    portal = await startReferencePortal({ dataDir: tempDir(), catalogDir });
  });
  afterAll(() => portal.close());

  it('300 filings through 30% faults (drops, 500s, 429 with Retry-After, cut-off and lost answers) drain within 3 minutes, exactly once and in order per dossier', async () => {
    const proxy = await startFaultProxy(portal.url, { rate: 0.3, seed: 15_300, faults: ['drop', 'delay', 'error500', 'busy429', 'truncate', 'lost'], retryAfterSeconds: 2 });
    const desk = scheduledDevice(proxy.url, portal.createEnrollment('00324', 'staff'), { mode: 'staff', device: { slot: '30' } });
    const session = await signInOfficer(desk.core);
    // Each walk-in is two items of one stream: the filing, then its receipt (a transition to received).
    const codes: string[] = [];
    for (let i = 0; i < 300; i++) codes.push((await desk.core.call('desk.receive', { session, procedureCode: '1.001193', applicant: applicant(20_000 + i), documents: [], attachments: [], sets: 1, collect: 'counter', outcome: 'accept' })).code);
    const started = desk.time.clock.now().getTime();
    desk.core.sync.start();
    const drained = () => desk.cycles.length > 0 && desk.core.sync.status().pending === 0;
    await desk.runUntil(drained);
    const tookMs = desk.time.clock.now().getTime() - started;
    // Then a cycle with nothing to send and every feed read.
    await desk.runUntil(() => desk.cycles.at(-1)!.state === 'idle');
    desk.core.sync.stop();
    console.info(`300 walk-ins (600 items) through 30% faults: drained in ${(tookMs / 1000).toFixed(1)} s on the app's schedule, ${desk.cycles.length} cycles, faults ${JSON.stringify(proxy.counts)}`);

    expect(drained()).toBe(true);
    expect(tookMs).toBeLessThanOrEqual(180_000);
    const mine = (portal.db.prepare("SELECT code FROM dossiers WHERE code LIKE '00324.Q30-%' ORDER BY code").all() as { code: string }[]).map((r) => r.code);
    expect(mine).toEqual([...codes].sort());
    const received = portal.db.prepare("SELECT code, count(*) AS n FROM transitions WHERE code LIKE '00324.Q30-%' GROUP BY code").all() as { code: string; n: number }[];
    expect(received).toHaveLength(300);
    expect(received.every((r) => r.n === 1)).toBe(true);
    // In order per dossier: the portal took each filing before its receipt (a receipt first would have been refused and parked).
    for (const code of codes.slice(0, 50)) {
      expect((portal.db.prepare('SELECT status FROM dossier_events WHERE code = ? ORDER BY seq').all(code) as { status: string }[]).map((e) => e.status)).toEqual(['new', 'received']);
    }
    expect(desk.core.sync.status().parked).toBe(0);
    for (const fault of ['drop', 'error500', 'busy429', 'truncate', 'lost'] as const) expect(proxy.counts[fault]).toBeGreaterThan(0);
    desk.core.close();
    await proxy.close();
  }, 300_000);

  it('a 500 on one dossier delays the others by no cycle, the feeds are still read, and it is retried at its own backoff, not the next tick', async () => {
    let failing = '';
    const proxy = await startFaultProxy(portal.url, { rate: 0, rules: [(req) => (failing && req.method === 'POST' && req.url === '/v1/dossiers' && req.body.includes(failing) ? 'error500' : null)] });
    const kiosk = scheduledDevice(proxy.url, portal.createEnrollment('00324', 'kiosk'), { mode: 'kiosk', device: { slot: '31' }, portal: { syncMinutes: 5 } });
    const codes: string[] = [];
    for (let i = 0; i < 4; i++) codes.push((await kiosk.core.call('dossier.submit', birthFiling(30_000 + i))).code);
    failing = codes[0]!;
    kiosk.core.sync.start();
    await kiosk.runUntil(() => kiosk.cycles.length >= 1);
    // The first cycle: the three others are at the portal, the feeds were read, the first waits.
    const atPortal = (portal.db.prepare("SELECT code FROM dossiers WHERE code LIKE '00324.K31-%' ORDER BY code").all() as { code: string }[]).map((r) => r.code);
    expect(atPortal).toEqual(codes.slice(1).sort());
    expect(kiosk.cycles[0]!.state).toBe('error');
    expect(kiosk.core.sync.status()).toMatchObject({ subtype: 'portal_error', pending: 1 });
    expect(kiosk.core.db.prepare("SELECT feed FROM sync_cursors WHERE feed IN ('dossiers', 'catalog') ORDER BY feed").all()).toEqual([{ feed: 'catalog' }, { feed: 'dossiers' }]);
    // The next attempt is the item's own backoff (seconds), not the 5-minute interval.
    const wait = kiosk.time.nextAt()! - kiosk.time.clock.now().getTime();
    expect(wait).toBeLessThan(10_000);
    failing = '';
    await kiosk.runUntil(() => kiosk.cycles.length >= 2);
    expect(portal.db.prepare('SELECT count(*) AS n FROM dossiers WHERE code = ?').get(codes[0]!)).toEqual({ n: 1 });
    expect(kiosk.cycles[1]!.state).toBe('idle');
    // With nothing left, the schedule falls back to the interval.
    expect(kiosk.time.nextAt()! - kiosk.time.clock.now().getTime()).toBeGreaterThan(4 * 60_000);
    kiosk.core.sync.stop();
    kiosk.core.close();
    await proxy.close();
  });

  it('honours Retry-After: after a 429 the device sends nothing to the portal until the time it was given', async () => {
    let busy = true;
    const proxy = await startFaultProxy(portal.url, { rate: 0, retryAfterSeconds: 30, rules: [(req) => (busy && req.url.startsWith('/v1/dossiers') && req.method === 'POST' ? 'busy429' : null)] });
    const kiosk = scheduledDevice(proxy.url, portal.createEnrollment('00324', 'kiosk'), { mode: 'kiosk', device: { slot: '32' } });
    await kiosk.core.call('dossier.submit', birthFiling(40_000));
    await kiosk.core.call('dossier.submit', birthFiling(40_001));
    kiosk.core.sync.start();
    await kiosk.runUntil(() => kiosk.cycles.length >= 1);
    const refusedAt = kiosk.time.clock.now().getTime();
    const requestsBefore = proxy.log.length;
    // The second filing was not tried after the 429, nor were the feeds read.
    expect(proxy.log.filter((r) => r.fault === 'busy429')).toHaveLength(1);
    expect(proxy.log.some((r) => r.url.startsWith('/v1/changes'))).toBe(false);
    expect(kiosk.core.sync.status().subtype).toBe('portal_busy');
    busy = false;
    await kiosk.runUntil(() => kiosk.cycles.length >= 2);
    expect(kiosk.cycles[1]!.at - refusedAt).toBeGreaterThanOrEqual(30_000);
    expect(proxy.log.length).toBeGreaterThan(requestsBefore);
    expect(kiosk.core.sync.status()).toMatchObject({ state: 'idle', pending: 0 });
    kiosk.core.sync.stop();
    kiosk.core.close();
    await proxy.close();
  });
});

describe('an outbox item in trouble', () => {
  let portal: ReferencePortal;
  beforeAll(async () => {
    portal = await startReferencePortal({ dataDir: tempDir(), catalogDir });
  });
  afterAll(() => portal.close());

  // What `sync.outbox` lists for the desk admin (read here from the outbox itself: kiosks have no admin screen).
  const parkedOf = async (device: Device) => listParked(device.core.db).map((p) => ({ kind: p.kind, stream: p.stream, lastError: p.lastError }));

  it('an undecodable outbox row is parked with its error for the admin, and the filings around it still go', async () => {
    const kiosk = makeDevice(portal.url, portal.createEnrollment('00324', 'kiosk'), { mode: 'kiosk', device: { slot: '41' } }, undefined, catalogDir);
    const first = await kiosk.core.call('dossier.submit', birthFiling(41_000));
    // A row damaged on disk (or written by a buggy version): not JSON, and one that does not fit its kind.
    kiosk.core.db.prepare("INSERT INTO outbox (kind, idempotency_key, stream, payload, state, next_attempt_at, created_at) VALUES ('feedback', 'bad-1', 'bad-1', '{not json', 'pending', '2000-01-01T00:00:00Z', '2000-01-01T00:00:00Z')").run();
    kiosk.core.db.prepare("INSERT INTO outbox (kind, idempotency_key, stream, payload, state, next_attempt_at, created_at) VALUES ('dossier.transition', 'bad-2', 'bad-2', '{\"code\": 5}', 'pending', '2000-01-01T00:00:00Z', '2000-01-01T00:00:00Z')").run();
    const second = await kiosk.core.call('dossier.submit', birthFiling(41_001));
    const report = await kiosk.core.sync.runOnce();
    expect(report).toMatchObject({ pushed: 2, parked: 2 });
    for (const code of [first.code, second.code]) expect(portal.db.prepare('SELECT count(*) AS n FROM dossiers WHERE code = ?').get(code)).toEqual({ n: 1 });
    const parked = await parkedOf(kiosk);
    expect(parked).toEqual([
      { kind: 'feedback', stream: 'bad-1', lastError: expect.stringMatching(/^undecodable outbox item: .*JSON/) as unknown as string },
      { kind: 'dossier.transition', stream: 'bad-2', lastError: expect.stringMatching(/^undecodable outbox item: dossier\.transition item does not fit its schema at code/) as unknown as string },
    ]);
    // The admin is told: the badge's count, the log, and the fleet page's heartbeat (sent with the next news).
    expect(kiosk.core.sync.status()).toMatchObject({ state: 'idle', parked: 2, pending: 0 });
    await kiosk.core.sync.runOnce();
    const hb = JSON.parse((portal.db.prepare('SELECT heartbeat FROM devices WHERE device_id = ?').get(kiosk.core.device.get().deviceId) as { heartbeat: string }).heartbeat) as { parkedLength: number };
    expect(hb.parkedLength).toBe(2);
    await kiosk.core.log.flush();
    expect(fs.readFileSync(kiosk.core.log.file!, 'utf8')).toContain('outbox item cannot be decoded; parked for the admin');
    kiosk.core.close();
  });

  it('reads each HTTP answer by its meaning: a 408 and a bare 409 from a proxy are retried; the portal’s 409 and a 413 park the item with the reason', async () => {
    const seen = new Map<string, number>();
    const once = (tag: string) => (seen.set(tag, (seen.get(tag) ?? 0) + 1), seen.get(tag) === 1);
    let codes: string[] = [];
    const proxy = await startFaultProxy(portal.url, {
      rate: 0,
      rules: [
        (req) => (req.method === 'POST' && req.url === '/v1/dossiers' && req.body.includes(codes[0]!) && once('408') ? { status: 408, problem: false } : null),
        (req) => (req.method === 'POST' && req.url === '/v1/dossiers' && req.body.includes(codes[1]!) && once('409') ? { status: 409, problem: false } : null),
        (req) => (req.method === 'POST' && req.url === '/v1/dossiers' && req.body.includes(codes[2]!) ? { status: 413, problem: false } : null),
        (req) => (req.method === 'POST' && req.url === '/v1/dossiers' && req.body.includes(codes[3]!) ? { status: 409, problem: true, title: 'Mã hồ sơ đã tồn tại / dossier code already exists' } : null),
      ],
    });
    const kiosk = makeDevice(proxy.url, portal.createEnrollment('00324', 'kiosk'), { mode: 'kiosk', device: { slot: '42' } }, undefined, catalogDir);
    for (let i = 0; i < 4; i++) codes.push((await kiosk.core.call('dossier.submit', birthFiling(42_000 + i))).code);
    codes = [...codes];
    const first = await kiosk.core.sync.runOnce();
    expect(first).toMatchObject({ pushed: 0, retried: 2, parked: 2 });
    kiosk.clock.advance(60_000);
    const second = await kiosk.core.sync.runOnce();
    expect(second).toMatchObject({ pushed: 2, retried: 0 });
    const atPortal = (portal.db.prepare("SELECT code FROM dossiers WHERE code LIKE '00324.K42-%' ORDER BY code").all() as { code: string }[]).map((r) => r.code);
    expect(atPortal).toEqual(codes.slice(0, 2).sort());
    expect(await parkedOf(kiosk)).toEqual([
      { kind: 'dossier.submit', stream: codes[2], lastError: 'too large for the portal or a proxy on the way (HTTP 413)' },
      { kind: 'dossier.submit', stream: codes[3], lastError: 'Mã hồ sơ đã tồn tại / dossier code already exists' },
    ]);
    kiosk.core.close();
    await proxy.close();
  });

  it('a damaged outbox page is reported by motcua doctor, in the heartbeat and in the sync status, and the feeds are still read', async () => {
    const dir = tempDir();
    const code = portal.createEnrollment('00324', 'kiosk');
    const before = makeDevice(portal.url, code, { mode: 'kiosk', device: { slot: '43' } }, dir, catalogDir);
    await before.core.sync.runOnce(); // registered; feeds read once
    for (let i = 0; i < 150; i++) await before.core.call('dossier.submit', birthFiling(43_000 + i));
    const root = before.core.db.prepare<[], { rootpage: number }>("SELECT rootpage FROM sqlite_schema WHERE name = 'outbox'").get()!.rootpage;
    const pageSize = before.core.db.pragma('page_size', { simple: true }) as number;
    before.core.close();
    // Garbage over the outbox table's root page, as a failing disk leaves it.
    const file = path.join(dir, 'data', 'motcua.db');
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (root - 1) * pageSize);
    fs.closeSync(fd);

    const device = makeDevice(portal.url, code, { mode: 'kiosk', device: { slot: '43' } }, dir, catalogDir);
    await admin(portal, '/v1/admin/announcements', { title: 'Lịch tiếp dân tháng 12', body: 'Sáng thứ Năm hằng tuần.' });
    const report = await device.core.sync.runOnce();
    expect(device.core.sync.status()).toMatchObject({ state: 'error', subtype: 'outbox_corrupt' });
    expect(report.errors[0]).toMatch(/^outbox: the outbox cannot be read/);
    expect((await device.core.call('announcements.list', {})).map((a) => a.title)).toContain('Lịch tiếp dân tháng 12');
    const deviceId = device.core.device.get().deviceId;
    expect(JSON.parse((portal.db.prepare('SELECT heartbeat FROM devices WHERE device_id = ?').get(deviceId) as { heartbeat: string }).heartbeat)).toMatchObject({ status: 'error', outbox: 'corrupt' });
    const report2 = await doctor(device.core.loaded, { version: 'test' });
    expect(report2.outbox.ok).toBe(false);
    expect(report2.outbox.problems.length).toBeGreaterThan(0);
    expect(formatDoctor(report2)).toContain('Outbox: HỎNG');
    device.core.close();
  });
});

describe('bad data in a portal feed', () => {
  /**
   * A portal that takes the filing (so the push really happens) and answers the changes request
   * with what the test sets for one feed — the others get an empty, valid page.
   */
  let server: http.Server;
  let url: string;
  let feedAnswer: { feed: 'dossiers' | 'catalog'; section?: unknown; raw?: (res: http.ServerResponse) => void } = { feed: 'dossiers' };
  const routes: string[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const path = req.url!.split('?')[0]!;
      routes.push(`${req.method} ${path}`);
      const json = (status: number, body: unknown) => {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      req.resume();
      if (path === '/v1/devices/register') return json(201, { deviceId: 'd', deviceToken: 'token-12345678', wardCode: '00324' });
      if (path === '/v1/devices/heartbeat') return res.writeHead(204).end();
      if (path === '/v1/dossiers' && req.method === 'POST') {
        let body = '';
        req.on('data', (c: Buffer) => (body += c.toString()));
        return req.on('end', () => json(201, { code: (JSON.parse(body || '{}') as { code?: string }).code ?? 'X', receivedAt: new Date().toISOString(), status: 'new' }));
      }
      if (path === '/v1/changes') {
        if (feedAnswer.raw) return feedAnswer.raw(res);
        const empty = { dossiers: { cursor: '5', hasMore: false, items: [] }, catalog: { cursor: '7', full: false, hasMore: false, procedures: [], removedProcedures: [], laws: [], lifeEvents: [], announcements: [], holidays: [] } };
        return json(200, { ...empty, [feedAnswer.feed]: feedAnswer.section });
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const cursorOf = (device: Device, feed: string) => (device.core.db.prepare('SELECT cursor FROM sync_cursors WHERE feed = ?').get(feed) as { cursor: string } | undefined)?.cursor ?? null;

  const sectionCases: [string, 'dossiers' | 'catalog', unknown, RegExp][] = [
    ['wrong types', 'dossiers', { cursor: 1, hasMore: 'no', items: 'none' }, /dossiers feed: unexpected answer at cursor/],
    ['an unknown status', 'dossiers', { cursor: '9', hasMore: false, items: [{ seq: 9, code: 'X', status: 'teleported', statusAt: '2026-01-01T00:00:00Z' }] }, /dossiers feed: unexpected answer at items\.0\.status/],
    ['a procedure without a name', 'catalog', { cursor: '9', full: false, hasMore: false, procedures: [{ code: '1.001193', sector: 'Hộ tịch' }], removedProcedures: [], laws: [], lifeEvents: [], announcements: [], holidays: [] }, /catalog feed: unexpected answer at procedures\.0\.name/],
  ];
  for (const [name, feed, section, message] of sectionCases) {
    it(`refuses ${name} in the ${feed} feed: that feed keeps its cursor, the filing was still delivered and the other feed still applied`, async () => {
      feedAnswer = { feed, section };
      const device = makeDevice(url, 'ENROLL123', { mode: 'kiosk' }, undefined, catalogDir);
      const filed = await device.core.call('dossier.submit', birthFiling(1));
      const procedureBefore = await device.core.call('catalog.get', { code: '1.001193' });
      routes.length = 0;
      const report = await device.core.sync.runOnce();
      expect(routes).toContain('POST /v1/dossiers');
      expect(routes).toContain('GET /v1/changes');
      expect(report.errors.find((e) => e.startsWith(`${feed} feed:`))).toMatch(message);
      expect(device.core.sync.status()).toMatchObject({ state: 'error', subtype: 'bad_response', pending: 0 });
      // Pushed and acknowledged: the bad feed did not hold up the outbox.
      expect(stored(device.core, filed.code)!.ackedAt).not.toBeNull();
      expect(cursorOf(device, feed)).toBeNull();
      expect(cursorOf(device, feed === 'dossiers' ? 'catalog' : 'dossiers')).toBe(feed === 'dossiers' ? '7' : '5');
      expect(await device.core.call('catalog.get', { code: '1.001193' })).toEqual(procedureBefore);
      await device.core.log.flush();
      expect(fs.readFileSync(device.core.log.file!, 'utf8')).toContain(`"where":"${feed} feed"`);
      device.core.close();
    });
  }

  const wholeCases: [string, (res: http.ServerResponse) => void, RegExp][] = [
    ['malformed JSON', (res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"dossiers": {"cursor": "1", "items": [ {'), /pull: portal sent malformed JSON/],
    [
      'a 50 MB body',
      (res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        const chunk = Buffer.alloc(1_000_000, 0x20);
        for (let i = 0; i < 50; i++) res.write(chunk);
        res.end();
      },
      /pull: response too large/,
    ],
  ];
  for (const [name, raw, message] of wholeCases) {
    it(`refuses ${name} as the feeds' answer, changes nothing from it, and still delivered the filing`, async () => {
      feedAnswer = { feed: 'dossiers', raw };
      const device = makeDevice(url, 'ENROLL123', { mode: 'kiosk' }, undefined, catalogDir);
      const filed = await device.core.call('dossier.submit', birthFiling(1));
      const before = device.core.db.prepare('SELECT * FROM sync_cursors ORDER BY feed').all();
      routes.length = 0;
      const report = await device.core.sync.runOnce();
      expect(routes).toEqual(['POST /v1/devices/register', 'POST /v1/dossiers', 'GET /v1/changes', 'POST /v1/devices/heartbeat']);
      expect(report.errors.join('\n')).toMatch(message);
      expect(device.core.sync.status()).toMatchObject({ state: 'error', subtype: 'bad_response', pending: 0 });
      expect(stored(device.core, filed.code)!.ackedAt).not.toBeNull();
      expect(device.core.db.prepare('SELECT * FROM sync_cursors ORDER BY feed').all()).toEqual(before);
      device.core.close();
    });
  }
});
