/**
 * Sync figures: a full catalog sync from the reference portal, an incremental one with nothing new,
 * and 200 simulated devices syncing against one portal every 10 s for a minute.
 */
import { startReferencePortal } from '../portal/server.js';
import { PortalClient } from '../../electron/core/sync/portal-client.js';
import { catalogDir } from '../../electron/paths.js';
import { tempDir } from '../helpers/core.js';
import { birthData, makeDevice, smallCatalog } from '../helpers/sync.js';
import { fmt, report, summary } from './stats.js';

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

  // Nothing new: the catalog feed answers 304 to its cursor and ETag.
  const client = new PortalClient({ baseUrl: portal.url, token: () => device.core.db.prepare<[], { value: string }>("SELECT value FROM settings WHERE key = 'device.token'").get()!.value });
  const cursor = device.core.db.prepare<[], { cursor: string; etag: string }>("SELECT cursor, etag FROM sync_cursors WHERE feed = 'catalog'").get()!;
  const before = portal.requests.count;
  const incremental: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = process.hrtime.bigint();
    const answer = await client.catalogChanges(cursor.cursor, cursor.etag);
    if (!answer.notModified) throw new Error('expected 304');
    incremental.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  const trips = (portal.requests.count - before) / 20;
  // Bytes on the wire for one 304 exchange: the request line and headers, and the bare answer.
  const requestBytes = `GET /v1/catalog/changes?cursor=${cursor.cursor} HTTP/1.1\r\nhost: 127.0.0.1\r\nauthorization: Bearer ${'x'.repeat(48)}\r\nif-none-match: ${cursor.etag}\r\naccept: application/json\r\n\r\n`.length;
  const responseBytes = 'HTTP/1.1 304 Not Modified\r\nDate: Mon, 23 Nov 2026 00:00:00 GMT\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5\r\n\r\n'.length;
  device.core.close();

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
    [`full catalog sync over a bundled catalog (${full.catalogChanges} items, ${(full.bytes / 1e6).toFixed(1)} MB)`, fmt(fullMs), '≤ 5 s'],
    [`full catalog sync into an empty database (${emptyCount} procedures${emptyReport.errors.length ? ', errors!' : ''})`, fmt(emptyMs), '≤ 5 s'],
    ['incremental catalog sync, nothing new (304)', `p50 ${fmt(summary(incremental).p50)}`, '≤ 50 ms'],
    ['  round trips', String(trips), '1'],
    ['  bytes on the wire (request + answer)', `${requestBytes + responseBytes} B`, '≤ 1 KB'],
    [`${count} devices × a cycle every 10 s for ${seconds} s: cycles`, String(s.n)],
    ['  cycle latency', `p95 ${fmt(s.p95)}`],
    ['  cycles with errors', String(errors)],
    ['  filings delivered during the minute', String(filings)],
  ]);
}
