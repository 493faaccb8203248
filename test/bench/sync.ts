/**
 * Sync figures: a full catalog sync from the reference portal; a real cycle with nothing new, its
 * requests counted at the portal and its bytes at the socket; and 200 simulated devices syncing
 * against one portal every 10 s for a minute.
 */
import { startReferencePortal } from '../portal/server.js';
import { catalogDir } from '../../electron/paths.js';
import { tempDir } from '../helpers/core.js';
import { birthData, makeDevice, smallCatalog } from '../helpers/sync.js';
import { check, fmt, report, summary, verdict, type Row } from './stats.js';
import net from 'node:net';

/** A TCP proxy that counts the bytes each way: what a real cycle costs on the wire, headers and all. */
async function countingProxy(target: string) {
  const upstream = new URL(target);
  const stats = { up: 0, down: 0 };
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const out = net.connect(Number(upstream.port), upstream.hostname);
    sockets.add(client).add(out);
    client.on('data', (d: Buffer) => (stats.up += d.length));
    out.on('data', (d: Buffer) => (stats.down += d.length));
    client.pipe(out).pipe(client);
    const end = () => (client.destroy(), out.destroy());
    client.on('error', end).on('close', end);
    out.on('error', end).on('close', end);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    get up() {
      return stats.up;
    },
    get down() {
      return stats.down;
    },
    close: () => new Promise<void>((r) => (sockets.forEach((s) => s.destroy()), server.close(() => r()))),
  };
}

export async function syncBench(options: { devices?: number; seconds?: number } = {}) {
  const portal = await startReferencePortal({ dataDir: tempDir(), catalogDir });
  const device = makeDevice(portal.url, portal.createEnrollment('00324', 'kiosk'), { mode: 'kiosk' }, tempDir(), catalogDir);
  await device.core.sync.runOnce(); // registration and the first cycle
  device.core.db.prepare("DELETE FROM sync_cursors WHERE feed = 'catalog'").run();
  const start = process.hrtime.bigint();
  const full = await device.core.sync.runOnce();
  const fullMs = Number(process.hrtime.bigint() - start) / 1e6;

  // A device with no catalog at all (no bundle): every procedure and article is written.
  const empty = makeDevice(portal.url, portal.createEnrollment('00324', 'kiosk'), { mode: 'kiosk', device: { slot: 'E1' } }, tempDir(), tempDir());
  const emptyStart = process.hrtime.bigint();
  const emptyReport = await empty.core.sync.runOnce();
  const emptyMs = Number(process.hrtime.bigint() - emptyStart) / 1e6;
  const emptyCount = (empty.core.db.prepare('SELECT count(*) AS n FROM procedures').get() as { n: number }).n;
  empty.core.close();

  device.core.close();

  // A real cycle with nothing new, measured at the socket: a TCP proxy counts every byte each way.
  const idle: Row[] = [];
  for (const mode of ['kiosk', 'staff'] as const) {
    const wire = await countingProxy(portal.url);
    const d = makeDevice(wire.url, portal.createEnrollment('00324', mode), { mode, device: { slot: mode === 'kiosk' ? 'W1' : 'W2' } }, tempDir(), catalogDir);
    await d.core.sync.runOnce(); // registration and the first full sync
    await d.core.sync.runOnce(); // settles: the heartbeat has said what it had to say
    const cycles: { requests: number; up: number; down: number; ms: number }[] = [];
    for (let i = 0; i < 20; i++) {
      const before = { requests: portal.requests.count, up: wire.up, down: wire.down };
      const t = process.hrtime.bigint();
      const r = await d.core.sync.runOnce();
      if (r.errors.length) throw new Error(r.errors.join('; '));
      cycles.push({ requests: portal.requests.count - before.requests, up: wire.up - before.up, down: wire.down - before.down, ms: Number(process.hrtime.bigint() - t) / 1e6 });
    }
    const worst = (k: 'requests' | 'up' | 'down') => Math.max(...cycles.map((c) => c[k]));
    const label = mode === 'kiosk' ? 'a kiosk' : 'a desk (also the staff feed)';
    idle.push(...verdict(`a sync cycle with nothing new, ${label}`, summary(cycles.map((c) => c.ms)), { p95: 50 }));
    idle.push(check(`  requests per cycle, counted at the portal (${label})`, worst('requests'), 1, 'requests'));
    idle.push(check(`  bytes both ways, counted at the socket (sent ${worst('up')} + received ${worst('down')})`, worst('up') + worst('down'), 1024, 'B'));
    d.core.close();
    await wire.close();
  }

  await portal.close();
  // 200 devices, each syncing every 10 s for a minute, all against one portal (a small catalog, so
  // the minute measures steady-state cycles, not 200 first downloads of the whole catalog).
  const small = smallCatalog();
  const fleetPortal = await startReferencePortal({ dataDir: tempDir(), catalogDir: small });
  const count = options.devices ?? 200;
  const seconds = options.seconds ?? 60;
  const fleet = Array.from({ length: count }, (_, i) =>
    makeDevice(fleetPortal.url, fleetPortal.createEnrollment('00324', i % 10 === 0 ? 'staff' : 'kiosk'), { mode: i % 10 === 0 ? 'staff' : 'kiosk', device: { slot: `D${i}` } }, tempDir(), small),
  );
  const latencies: number[] = [];
  let errors = 0;
  const endAt = Date.now() + seconds * 1000;
  await Promise.all(
    fleet.map(async (d, i) => {
      await new Promise((r) => setTimeout(r, (i * 10_000) / count)); // spread over the 10 s period
      while (Date.now() < endAt) {
        const started = Date.now();
        if (i % 3 === 0) await d.core.call('dossier.submit', { procedureCode: '1.001193', applicant: { fullName: `Người ${i}` }, data: birthData() }).catch(() => undefined);
        const r = await d.core.sync.runOnce();
        latencies.push(Date.now() - started);
        if (r.errors.length) errors++;
        await new Promise((res) => setTimeout(res, Math.max(0, 10_000 - (Date.now() - started))));
      }
    }),
  );
  for (const d of fleet) d.core.close();
  const s = summary(latencies);
  const filings = (fleetPortal.db.prepare('SELECT count(*) AS n FROM dossiers').get() as { n: number }).n;
  await fleetPortal.close();
  report('Sync with the reference portal', [
    check(`full catalog sync over a bundled catalog (${full.catalogChanges} items, ${(full.bytes / 1e6).toFixed(1)} MB)`, Math.round(fullMs), 5000, 'ms'),
    check(`full catalog sync into an empty database (${emptyCount} procedures${emptyReport.errors.length ? ', errors!' : ''})`, Math.round(emptyMs), 5000, 'ms'),
    ...idle,
    [`${count} devices × a cycle every 10 s for ${seconds} s: cycles`, String(s.n)],
    ['  cycle latency', `p95 ${fmt(s.p95)}`],
    ['  cycles with errors', String(errors)],
    ['  filings delivered during the minute', String(filings)],
  ]);
}
