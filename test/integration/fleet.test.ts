import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultProxy, type FaultProxy } from '../portal/fault-proxy.js';
import { startReferencePortal, type ReferencePortal } from '../portal/server.js';
import { tempDir } from '../helpers/core.js';
import { birthFiling, makeDevice, smallCatalog, type Device } from '../helpers/sync.js';

/**
 * The fleet as the IT admin sees it, on the reference portal: a kiosk whose filing cannot be
 * delivered while it still talks to the portal turns red (stuck outbox), the admin is told by a
 * webhook and an e-mail (a local receiver of each), sees it on the page after signing in and in the
 * Prometheus metrics, and changes the fleet's threshold on the page; a provisioned slot never seen is
 * listed.
 */
/** The Subject header of a raw message, its RFC 2047 Q-encoded words decoded. */
function subjectOf(raw: string): string {
  const header = /^Subject: (.*(?:\r?\n .*)*)/m.exec(raw)![1]!.replace(/\r?\n /g, ' ');
  return header.replace(/=\?UTF-8\?Q\?([^?]*)\?=\s*/gi, (_, q: string) => Buffer.from(q.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'));
}

describe('fleet health: stuck outbox red, alerts, metrics, thresholds, slots never seen', () => {
  const catalogDir = smallCatalog();
  let portal: ReferencePortal;
  let proxy: FaultProxy;
  let kiosk: Device;
  let webhook: http.Server;
  let smtp: SMTPServer;
  const hooks: { kind: string; slot: string; reasons: string[] }[] = [];
  const mails: string[] = [];
  let now = new Date();
  let cookie = '';

  const listen = (s: { listen(port: number, host: string, cb: () => void): unknown }, addr: () => AddressInfo) => new Promise<number>((resolve) => void s.listen(0, '127.0.0.1', () => resolve(addr().port)));
  const page = async () => (await fetch(`${portal.url}/admin/fleet`, { headers: { cookie }, redirect: 'manual' })).text();
  const row = (html: string, slot: string) => new RegExp(`<tr class="(\\w+)"[^>]*data-slot="${slot}">([\\s\\S]*?)</tr>`).exec(html);

  beforeAll(async () => {
    webhook = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        hooks.push(JSON.parse(body) as (typeof hooks)[number]);
        res.writeHead(204).end();
      });
    });
    const hookPort = await listen(webhook, () => webhook.address() as AddressInfo);
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, _session, done) {
        let text = '';
        stream.on('data', (c: Buffer) => (text += c.toString()));
        stream.on('end', () => (mails.push(text), done()));
      },
    });
    const smtpPort = await listen(smtp.server, () => smtp.server.address() as AddressInfo);
    portal = await startReferencePortal({
      dataDir: tempDir(),
      catalogDir,
      now: () => now,
      alerts: { webhookUrl: `http://127.0.0.1:${hookPort}/alerts`, email: { host: '127.0.0.1', port: smtpPort, from: 'fleet@motcua.example', to: ['cntt@phuongbadinh.example'] } },
      alertIntervalMs: 3_600_000,
    });
    // Every filing the kiosk sends meets a 500; its heartbeats and reads go through.
    proxy = await startFaultProxy(portal.url, { rate: 0, rules: [(req) => (req.method === 'POST' && req.url === '/v1/dossiers' ? 'error500' : null)] });
    kiosk = makeDevice(proxy.url, portal.createEnrollment('00324', 'kiosk', 'K01'), { mode: 'kiosk', device: { slot: '01' } }, undefined, catalogDir);
    expect((await kiosk.core.sync.runOnce()).errors).toEqual([]);
    portal.createEnrollment('00324', 'kiosk', 'K02'); // provisioned, never installed
    const login = await fetch(`${portal.url}/admin/login`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token: portal.adminToken }), redirect: 'manual' });
    cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  });
  afterAll(async () => {
    kiosk?.core.close();
    await proxy?.close();
    await portal?.close();
    await new Promise((r) => smtp?.close(() => r(null)));
    await new Promise((r) => webhook?.close(() => r(null)));
  });

  it('a kiosk still talking to the portal but unable to deliver a filing for 40 minutes is red, and the admin hears it by webhook and e-mail', async () => {
    await kiosk.core.call('dossier.submit', birthFiling(1));
    await kiosk.core.sync.runOnce();
    expect(row(await page(), 'K01')?.[1]).toBe('ok'); // just filed: not stuck yet
    // Forty minutes on, for both (the kiosk's clock stands still until moved: the filing's time is its now).
    now = new Date(kiosk.clock.now().getTime() + 40 * 60_000);
    kiosk.clock.advance(40 * 60_000);
    await kiosk.core.sync.runOnce(); // the push fails again; the portal hears from the kiosk (it is not silent)
    const html = await page();
    expect(row(html, 'K01')?.[1]).toBe('red');
    expect(row(html, 'K01')?.[2]).toContain('Hồ sơ kẹt chưa gửi / outbox stuck: 1 mục, cũ nhất / oldest 40 phút trước');
    expect(row(html, 'K01')?.[2]).not.toContain('Mất liên lạc');
    expect(row(html, 'K01')?.[2]).toContain(os.hostname());

    await portal.checkAlerts();
    expect(hooks).toEqual([expect.objectContaining({ kind: 'red', slot: 'K01', reasons: [expect.stringContaining('outbox stuck') as unknown as string] })]);
    await expect.poll(() => mails.length, { timeout: 5000 }).toBe(1);
    expect(subjectOf(mails[0]!)).toBe('[Một Cửa] 00324-K01 cần xử lý / needs action');
    expect(mails[0]).toContain('To: cntt@phuongbadinh.example');
    // Told once, not at every check.
    await portal.checkAlerts();
    expect(hooks).toHaveLength(1);
  });

  it('the metrics for the city’s monitoring, with the admin token as a bearer token only', async () => {
    expect((await fetch(`${portal.url}/metrics`)).status).toBe(401);
    const text = await (await fetch(`${portal.url}/metrics`, { headers: { Authorization: `Bearer ${portal.adminToken}` } })).text();
    const labels = `ward="00324",slot="K01",mode="kiosk",hostname="${os.hostname()}"`;
    expect(text).toContain(`motcua_device_health{${labels}} 2`);
    expect(text).toContain(`motcua_device_up{${labels}} 1`);
    expect(text).toContain(`motcua_device_outbox_pending{${labels}} 1`);
    expect(text).toContain(`motcua_device_outbox_oldest_seconds{${labels}} 2400`);
    expect(text).toContain('motcua_expected_devices_never_seen{ward="00324"} 1');
  });

  it('the provisioned K02 that never registered is listed; the fleet’s stuck threshold raised to an hour on the page turns K01 back, and the admin hears that too', async () => {
    const html = await page();
    expect(html).toMatch(/<tr class="expected" data-slot="K02">[\s\S]*?Chưa từng kết nối \/ never seen/);
    const csrf = /name="csrf" value="([^"]+)"/.exec(html)![1]!;
    const forged = await fetch(`${portal.url}/admin/fleet/thresholds`, { method: 'POST', headers: { cookie, 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ csrf: 'x', stuckMinutes: '60' }), redirect: 'manual' });
    expect(forged.status).toBe(403);
    const saved = await fetch(`${portal.url}/admin/fleet/thresholds`, { method: 'POST', headers: { cookie, 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ csrf, stuckMinutes: '60' }), redirect: 'manual' });
    expect(saved.status).toBe(303);
    const after = await page();
    expect(after).toContain('name="stuckMinutes" type="number" min="1" value="60"');
    expect(row(after, 'K01')?.[1]).toBe('ok');
    await portal.checkAlerts();
    expect(hooks.map((h) => h.kind)).toEqual(['red', 'recovered']);
  });
});
