/**
 * Faults between devices and the portal, on 127.0.0.1: every filing arrives exactly once and a
 * dossier's transitions keep their order, whatever the network does.
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultProxy, type FaultProxy } from '../portal/fault-proxy.js';
import { startReferencePortal, type ReferencePortal } from '../portal/server.js';
import { signInOfficer, stored, tempDir } from '../helpers/core.js';
import { applicant, makeDevice, receiveFiled, smallCatalog, type Device } from '../helpers/sync.js';

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
      codes.push((await k.core.call('dossier.submit', { procedureCode: '1.001193', applicant: applicant(i) })).code);
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
    // Received at the counter (the papers checked there), then moved on.
    for (const to of steps) for (const code of chosen) await (to === 'received' ? receiveFiled(desk.core, session, code) : desk.core.call('dossier.transition', { code, to, session }));
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
    for (let i = 0; i < 200; i++) filed.push((await seedDevice.core.call('dossier.submit', { procedureCode: '1.001193', applicant: applicant(5000 + i) })).code);
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

describe('bad data from the portal', () => {
  let server: http.Server;
  let url: string;
  let answer: (res: http.ServerResponse) => void = () => undefined;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url?.startsWith('/v1/devices/register')) {
        res.writeHead(201, { 'Content-Type': 'application/json' });
        return res.end(JSON.stringify({ deviceId: 'd', deviceToken: 'token-12345678', wardCode: '00324' }));
      }
      if (req.url?.startsWith('/v1/devices/heartbeat')) {
        res.writeHead(204);
        return res.end();
      }
      if (req.url?.startsWith('/v1/dossiers') && req.method === 'POST') return answer(res);
      if (req.url?.startsWith('/v1/dossiers/changes') || req.url?.startsWith('/v1/catalog/changes')) return answer(res);
      res.writeHead(404);
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const cases: [string, (res: http.ServerResponse) => void][] = [
    ['malformed JSON', (res) => { res.writeHead(200, { 'Content-Type': 'application/json' }); res.end('{"cursor": "1", "items": [ {'); }],
    ['wrong types', (res) => { res.writeHead(200, { 'Content-Type': 'application/json' }); res.end(JSON.stringify({ cursor: 1, hasMore: 'no', items: 'none' })); }],
    ['an unknown status', (res) => { res.writeHead(200, { 'Content-Type': 'application/json' }); res.end(JSON.stringify({ cursor: '9', hasMore: false, items: [{ seq: 9, code: 'X', status: 'teleported', statusAt: '2026-01-01T00:00:00Z' }] })); }],
    ['a 50 MB body', (res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      const chunk = Buffer.alloc(1_000_000, 0x20);
      for (let i = 0; i < 50; i++) res.write(chunk);
      res.end();
    }],
  ];

  for (const [name, respond] of cases) {
    it(`refuses ${name} with a logged error and keeps local data intact`, async () => {
      answer = respond;
      const device = makeDevice(url, 'ENROLL123', { mode: 'kiosk' }, undefined, catalogDir);
      const filed = await device.core.call('dossier.submit', { procedureCode: '1.001193', applicant: applicant(1) });
      const before = device.core.db.prepare('SELECT * FROM dossiers').all();
      await device.core.sync.runOnce();
      const status = device.core.sync.status();
      expect(status.state).toBe('error');
      expect(status.subtype).toBe('bad_response');
      expect(device.core.db.prepare('SELECT * FROM dossiers').all()).toEqual(before);
      expect(stored(device.core, filed.code)!.ackedAt).toBeNull();
      expect(status.pending).toBeGreaterThanOrEqual(1);
      const fs = await import('node:fs');
      expect(fs.readFileSync(device.core.log.file!, 'utf8')).toContain('sync cycle failed');
      device.core.close();
    });
  }
});
