import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import { createProxy, type ProxyServer } from 'proxy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { doctor, formatDoctor } from '../../electron/cli/doctor.js';
import { loadConfig } from '../../electron/core/config/load.js';
import { createNetwork, fromPacAnswer } from '../../electron/core/net.js';
import { startReferencePortal, type ReferencePortal } from '../portal/server.js';
import { cliAsync } from '../helpers/cli.js';
import { isolatedPlatform, tempDir } from '../helpers/core.js';
import { makeDevice, smallCatalog } from '../helpers/sync.js';

/**
 * The city's network as a device meets it: the portal behind a private CA, reached through a proxy.
 * A real HTTPS endpoint on 127.0.0.1 with a certificate made here by openssl, signed by a CA made
 * here; a real HTTP proxy (the `proxy` package) that answers CONNECT, and one that refuses.
 */
const CA_NAME = 'Hanoi City Private CA';

function makeCertificates(dir: string) {
  const run = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  run(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', `/CN=${CA_NAME}/O=UBND Thanh pho Ha Noi`]);
  run(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'portal.key', '-out', 'portal.csr', '-subj', '/CN=127.0.0.1']);
  fs.writeFileSync(path.join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1\n');
  run(['x509', '-req', '-in', 'portal.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'portal.pem', '-days', '2', '-extfile', 'san.ext']);
  return { ca: path.join(dir, 'ca.pem'), key: fs.readFileSync(path.join(dir, 'portal.key')), cert: fs.readFileSync(path.join(dir, 'portal.pem')) };
}

const listen = <S extends net.Server>(server: S) => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));

describe('proxy and private CA: the device reaches the portal the way the city’s network allows, and says why when it cannot', () => {
  const catalogDir = smallCatalog();
  const dir = tempDir();
  let portal: ReferencePortal;
  let certs: ReturnType<typeof makeCertificates>;
  let httpsUrl: string;
  let tlsServer: tls.Server;
  let proxy: ProxyServer;
  let proxyUrl: string;
  const tunnels: string[] = [];
  let strict: ProxyServer;
  let strictUrl: string;

  beforeAll(async () => {
    portal = await startReferencePortal({ dataDir: tempDir(), catalogDir });
    certs = makeCertificates(dir);
    // The portal behind TLS: a terminator with the private CA's certificate in front of it.
    tlsServer = tls.createServer({ key: certs.key, cert: certs.cert }, (socket) => {
      const upstream = net.connect(portal.port, '127.0.0.1');
      socket.pipe(upstream).pipe(socket);
      socket.on('error', () => upstream.destroy());
      upstream.on('error', () => socket.destroy());
    });
    httpsUrl = `https://127.0.0.1:${await listen(tlsServer)}`;
    proxy = createProxy(http.createServer());
    proxy.on('connect', (req: http.IncomingMessage) => tunnels.push(req.url ?? ''));
    proxyUrl = `http://127.0.0.1:${await listen(proxy)}`;
    // A proxy that wants credentials the device does not have: 407 to every CONNECT.
    strict = createProxy(http.createServer());
    strict.authenticate = () => false;
    strictUrl = `http://127.0.0.1:${await listen(strict)}`;
  });
  afterAll(async () => {
    for (const s of [tlsServer, proxy, strict]) await new Promise((r) => s.close(r));
    await portal.close();
  });

  it('a certificate from a private CA the device was not given: “certificate not trusted: <issuer>” in the sync status and in doctor', async () => {
    const d = makeDevice(httpsUrl, portal.createEnrollment('00324', 'kiosk'), { mode: 'kiosk', network: { proxy: 'direct', caFile: '' } }, undefined, catalogDir);
    try {
      await d.core.sync.runOnce();
      expect(d.core.sync.status()).toMatchObject({ state: 'error', subtype: 'certificate_untrusted', detail: expect.stringContaining(CA_NAME) as unknown as string });
      const report = await doctor(d.core.loaded, { version: 'test' });
      expect(report.portal.reachable).toBe(false);
      expect(report.portal.problem!.en).toContain(`certificate not trusted: ${CA_NAME}`);
      expect(formatDoctor(report)).toContain(`chứng chỉ không được tin cậy: ${CA_NAME}`);
    } finally {
      d.core.close();
    }
  });

  it('with the CA bundle the admin supplies (network.caFile) the device registers, syncs, and doctor measures its clock against the portal', async () => {
    const d = makeDevice(httpsUrl, portal.createEnrollment('00324', 'kiosk'), { mode: 'kiosk', network: { proxy: 'direct', caFile: certs.ca } }, undefined, catalogDir);
    try {
      const report = await d.core.sync.runOnce();
      expect(report.errors).toEqual([]);
      expect(d.core.sync.status().state).toBe('idle');
      const doc = await doctor(d.core.loaded, { version: 'test' });
      expect(doc.portal).toMatchObject({ reachable: true, proxy: null, problem: null });
      // Both clocks are this machine's here: the skew is a second at most.
      expect(Math.abs(doc.portal.skewSeconds!)).toBeLessThanOrEqual(1);
    } finally {
      d.core.close();
    }
  });

  it('through the proxy the admin names (network.proxy): every request is tunnelled by it', async () => {
    tunnels.length = 0;
    const d = makeDevice(httpsUrl, portal.createEnrollment('00324', 'kiosk'), { mode: 'kiosk', network: { proxy: proxyUrl, caFile: certs.ca } }, undefined, catalogDir);
    try {
      expect((await d.core.sync.runOnce()).errors).toEqual([]);
      expect(tunnels.length).toBeGreaterThan(0);
      expect(new Set(tunnels)).toEqual(new Set([new URL(httpsUrl).host]));
    } finally {
      d.core.close();
    }
  });

  it('motcua sync honours HTTPS_PROXY (it used to bypass it), and the CA bundle from the admin’s config', async () => {
    tunnels.length = 0;
    const machine = tempDir();
    fs.writeFileSync(path.join(machine, 'admin.json'), JSON.stringify({ mode: 'kiosk', ward: { code: '00324', name: 'Phường Ba Đình' }, network: { caFile: certs.ca }, portal: { url: httpsUrl, enrollmentCode: portal.createEnrollment('00324', 'kiosk') } }));
    const r = await cliAsync(['sync', '--data-dir', path.join(machine, 'data')], { HTTPS_PROXY: proxyUrl }, machine);
    expect(r.err).toBe('');
    expect(r.out).toContain('Trạng thái / status: idle');
    expect(r.code).toBe(0);
    expect(tunnels).toContain(new URL(httpsUrl).host);
  });

  it('a proxy that refuses, or is not there: “proxy refused”, not “portal unreachable”', async () => {
    const refusing = makeDevice(httpsUrl, portal.createEnrollment('00324', 'kiosk'), { mode: 'kiosk', network: { proxy: strictUrl, caFile: certs.ca } }, undefined, catalogDir);
    const gone = makeDevice(httpsUrl, portal.createEnrollment('00324', 'kiosk'), { mode: 'kiosk', network: { proxy: `http://127.0.0.1:1`, caFile: certs.ca } }, undefined, catalogDir);
    try {
      await refusing.core.sync.runOnce();
      expect(refusing.core.sync.status()).toMatchObject({ state: 'error', subtype: 'proxy_refused', detail: strictUrl });
      const doc = await doctor(refusing.core.loaded, { version: 'test' });
      expect(doc.portal.problem!.en).toContain(`proxy refused: ${strictUrl} answered 407`);
      await gone.core.sync.runOnce();
      expect(gone.core.sync.status()).toMatchObject({ state: 'error', subtype: 'proxy_refused', detail: 'http://127.0.0.1:1' });
    } finally {
      refusing.core.close();
      gone.core.close();
    }
  });

  it('proxy choice: the admin’s, else the environment’s (NO_PROXY honoured), else the system’s the app resolved', () => {
    const env = { HTTPS_PROXY: 'http://proxy.hanoi.gov.vn:3128', NO_PROXY: 'localhost,.noibo.hanoi.gov.vn' };
    expect(createNetwork({ proxy: '', caFile: '', env }).proxyFor('https://dichvucong.hanoi.gov.vn/api')).toBe('http://proxy.hanoi.gov.vn:3128');
    expect(createNetwork({ proxy: '', caFile: '', env }).proxyFor('https://cong.noibo.hanoi.gov.vn/api')).toBeNull();
    expect(createNetwork({ proxy: 'direct', caFile: '', env }).proxyFor('https://dichvucong.hanoi.gov.vn/api')).toBeNull();
    expect(createNetwork({ proxy: 'http://10.1.1.1:8080', caFile: '', env }).proxyFor('https://x.vn')).toBe('http://10.1.1.1:8080');
    expect(createNetwork({ proxy: '', caFile: '', env: {}, systemProxy: 'http://10.2.2.2:80' }).proxyFor('https://x.vn')).toBe('http://10.2.2.2:80');
    expect(createNetwork({ proxy: '', caFile: '', env: {} }).proxyFor('https://x.vn')).toBeNull();
    // Electron's resolveProxy answers as a PAC file does.
    expect(fromPacAnswer('PROXY proxy.hanoi.gov.vn:3128; DIRECT')).toBe('http://proxy.hanoi.gov.vn:3128');
    expect(fromPacAnswer('DIRECT')).toBeNull();
  });

  it('a CA file that cannot be read stops the start with a message naming the file and the key', () => {
    const loaded = loadConfig({ platform: isolatedPlatform(tempDir()), flags: { dataDir: path.join(tempDir(), 'data'), network: { caFile: '/nonexistent/ca-thanh-pho.pem' } } });
    expect(() => createNetwork(loaded.config.network)).toThrow(/network\.caFile.*\/nonexistent\/ca-thanh-pho\.pem/);
  });
});
