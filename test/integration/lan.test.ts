/**
 * Someone on the office LAN with no session, as the newcomer's security trial played it: every
 * request goes over real HTTP to web hosts on 127.0.0.1. A "LAN address" is another loopback source
 * address (127.0.x.y, bound with `localAddress`): the host sees a peer that is not the device's own
 * screen, which only ever comes from 127.0.0.1 (or through IPC).
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTP_SESSION_HEADER } from '../../electron/contract.js';
import { hashPassword } from '../../electron/core/staff/password.js';
import { WindowEvents, registerIpc, type EventTarget } from '../../electron/shell/ipc.js';
import { startWebHost, type WebHost } from '../../electron/web/server.js';
import { MAX_ANONYMOUS_STREAMS_PER_CLIENT } from '../../electron/web/limits.js';
import { startReferencePortal, type ReferencePortal } from '../portal/server.js';
import { makeCore, signInOfficer, TEST_PASSWORD, tempDir, type TestCore } from '../helpers/core.js';
import { ipcStandIn } from '../helpers/ipc-standin.js';
import { applicant, birthFiling, makeDevice, receiveFiled, smallCatalog, type Device } from '../helpers/sync.js';

const catalogDir = smallCatalog();
const PIN = '86420135';

function rendererFixture(): string {
  const dir = tempDir('motcua-renderer-');
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Một Cửa</title>');
  return dir;
}

interface Answer {
  status: number;
  body: { ok: boolean; error?: { code: string; field?: string; message: { vi: string; en: string } }; result?: unknown };
  text: string;
}

/** POST /api/<method> from the source address `from` (127.0.0.1: the device's own screen). */
function post(host: WebHost, from: string, method: string, input: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  return postText(host, from, method, JSON.stringify(input), headers);
}

function postText(host: WebHost, from: string, method: string, body: string, headers: Record<string, string> = {}): Promise<Answer> {
  const u = new URL(host.url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: u.hostname, port: u.port, path: `/api/${method}`, method: 'POST', localAddress: from, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode!, body: JSON.parse(text) as Answer['body'], text });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Starts a request that declares `declared` bytes and sends only `sent` of them, then waits for an
 * answer: one that arrives proves the host decided before reading the body.
 */
function partialUpload(host: WebHost, from: string, method: string, declared: number, sent: number, headers: Record<string, string> = {}) {
  const u = new URL(host.url);
  let req!: http.ClientRequest;
  const answered = new Promise<{ status: number; text: string }>((resolve, reject) => {
    req = http.request({ host: u.hostname, port: u.port, path: `/api/${method}`, method: 'POST', localAddress: from, headers: { 'Content-Type': 'application/json', 'Content-Length': declared, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.write(Buffer.alloc(sent, 0x20));
  });
  answered.catch(() => undefined);
  // Sent with "Expect: 100-continue", the host's "100 Continue" comes as its request handler starts,
  // which counts the upload before it yields: from then on the upload holds its room.
  const counted = new Promise<void>((resolve) => req.on('continue', () => resolve()));
  return { answered, counted, stop: () => req.destroy() };
}

/** Opens GET /api/events from `from`; resolves with the status once the head arrives (the stream stays open). */
function openStream(host: WebHost, from: string): Promise<{ status: number; close: () => void }> {
  const u = new URL(host.url);
  return new Promise((resolve, reject) => {
    const req = http.get({ host: u.hostname, port: u.port, path: '/api/events', localAddress: from }, (res) => {
      res.resume();
      resolve({ status: res.statusCode!, close: () => req.destroy() });
    });
    req.on('error', reject);
  });
}

const lan = (i: number, j = 0) => `127.0.${10 + j}.${i}`;

describe('a LAN client without a session, over HTTP', () => {
  let portalDir: string;
  let portal: ReferencePortal;
  let kiosk: Device;
  let desk: Device;
  let kioskHost: WebHost;
  let deskHost: WebHost;

  beforeAll(async () => {
    // A folder that does not exist yet: the portal makes it.
    portalDir = path.join(tempDir(), 'portal-data');
    portal = await startReferencePortal({ dataDir: portalDir, catalogDir });
    kiosk = makeDevice(portal.url, portal.createEnrollment('00324', 'kiosk'), { mode: 'kiosk', kiosk: { adminPinHash: await hashPassword(PIN) } }, undefined, catalogDir);
    desk = makeDevice(portal.url, portal.createEnrollment('00324', 'staff'), { mode: 'staff' }, undefined, catalogDir);
    kioskHost = await startWebHost({ core: kiosk.core, rendererDir: rendererFixture() });
    deskHost = await startWebHost({ core: desk.core, rendererDir: rendererFixture() });
  });
  afterAll(async () => {
    await kioskHost.close();
    await deskHost.close();
    kiosk.core.close();
    desk.core.close();
    await portal.close();
  });

  it('rating: a dossier is rated only at the counter of its return, once; a kiosk takes no rating of a code, real or made up, so the resident is never pre-empted; the LAN shares one budget of ratings', async () => {
    const filed = await kiosk.core.call('dossier.submit', birthFiling(901));
    await kiosk.core.sync.runOnce();
    await desk.core.sync.runOnce();
    // The trial's attack, from the LAN and from the kiosk's own screen: a real code, a made-up one.
    for (const from of [lan(1), '127.0.0.1']) {
      for (const dossierCode of [filed.code, '00324.K01-991231-9999']) {
        const answer = await post(kioskHost, from, 'rating.send', { dossierCode, level: 'unsatisfied' });
        expect({ from, dossierCode, status: answer.status, code: answer.body.error?.code, field: answer.body.error?.field }).toEqual({ from, dossierCode, status: 403, code: 'forbidden', field: 'dossierCode' });
        expect(answer.body.error!.message.vi).toContain('tại quầy khi nhận kết quả');
      }
    }
    // A rating of the service in general stays open to anyone at the kiosk.
    expect((await post(kioskHost, '127.0.0.1', 'rating.send', { level: 'satisfied' })).status).toBe(200);
    expect(kiosk.core.db.prepare('SELECT count(*) AS n FROM ratings WHERE dossier_code IS NOT NULL').get()).toEqual({ n: 0 });
    // The portal itself refuses a dossier's rating from a kiosk's token.
    const direct = await fetch(`${portal.url}/v1/ratings`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${kiosk.core.device.get().deviceToken!}`, 'Idempotency-Key': 'rating-forged-0001' },
      body: JSON.stringify({ clientKey: 'rating-forged-0001', dossierCode: filed.code, level: 'unsatisfied', createdAt: new Date().toISOString() }),
    });
    expect(direct.status).toBe(403);

    // At the desk: the officer records the citizen's rating at the return, once.
    // Signed in at the officer's PC on the LAN (a session works only where it was opened).
    await signInOfficer(desk.core, 'can-bo-tra-kq', ['receptionist', 'processor']);
    const officer = ((await post(deskHost, lan(2), 'staff.signIn', { username: 'can-bo-tra-kq', password: TEST_PASSWORD })).body.result as { token: string }).token;
    const withSession = { [HTTP_SESSION_HEADER]: officer };
    expect(await post(deskHost, lan(2), 'rating.send', { session: officer, dossierCode: filed.code, level: 'satisfied' }, withSession)).toMatchObject({ status: 400, body: { error: { code: 'validation', field: 'dossierCode' } } });
    expect(await post(deskHost, lan(2), 'rating.send', { session: officer, dossierCode: '00324.K01-991231-9999', level: 'satisfied' }, withSession)).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
    await receiveFiled(desk.core, officer, filed.code);
    for (const to of ['processing', 'result_ready', 'returned'] as const) await desk.core.call('dossier.transition', { session: officer, code: filed.code, to });
    expect((await post(deskHost, lan(2), 'rating.send', { session: officer, dossierCode: filed.code, level: 'very_satisfied' }, withSession)).status).toBe(200);
    expect(await post(deskHost, lan(2), 'rating.send', { session: officer, dossierCode: filed.code, level: 'unsatisfied' }, withSession)).toMatchObject({ status: 409, body: { error: { code: 'conflict' } } });
    // Without a session the desk refuses before anything.
    expect((await post(deskHost, lan(3), 'rating.send', { dossierCode: filed.code, level: 'unsatisfied' })).status).toBe(401);
    await desk.core.sync.runOnce();
    const kept = portal.db.prepare("SELECT json_extract(data, '$.level') AS level FROM ratings WHERE json_extract(data, '$.dossierCode') = ?").all(filed.code);
    expect(kept).toEqual([{ level: 'very_satisfied' }]);
    // Ratings of the service from the LAN, one per address: ten in ten minutes from all of them
    // together, so forty addresses cannot flood the satisfaction figures; the kiosk's screen is not counted.
    kiosk.clock.advance(11 * 60_000);
    const general: number[] = [];
    for (let a = 1; a <= 40; a++) general.push((await post(kioskHost, lan(a, 11), 'rating.send', { level: 'unsatisfied' })).status);
    expect(general.filter((s) => s === 200)).toHaveLength(10);
    expect(general.slice(10)).toEqual(Array(30).fill(429));
    expect((await post(kioskHost, '127.0.0.1', 'rating.send', { level: 'very_satisfied' })).status).toBe(200);
  });

  it('tracking: the desk does not answer it; at the kiosk network clients share budgets of lookups and misses, the kiosk’s own screen is never held back, and the name is initials only; feedback codes too', async () => {
    kiosk.clock.advance(11 * 60_000);
    await kiosk.core.sync.runOnce();
    const mine = await kiosk.core.call('dossier.submit', { ...birthFiling(902), applicant: { ...applicant(902), fullName: 'Trần Thị Mai' } });
    const codes = [mine.code];
    for (let n = 903; n < 906; n++) codes.push((await kiosk.core.call('dossier.submit', birthFiling(n))).code);
    const unknown = (i: number) => `00324.K77-200101-${String(i).padStart(4, '0')}`;

    // The desk knows every dossier of the ward: it answers no public tracking at all.
    expect(await post(deskHost, lan(1), 'dossier.track', { code: mine.code })).toMatchObject({ status: 404, body: { error: { code: 'unknown_method' } } });

    const seen = await post(kioskHost, lan(1), 'dossier.track', { code: mine.code });
    expect(seen.status).toBe(200);
    expect((seen.body.result as { applicantMasked: string }).applicantMasked).toBe('T*** T*** M***');
    expect(seen.text).not.toContain('Mai');

    // One address guessing: five misses, then it is held back even for a real code — while another address is not.
    const minute = () => kiosk.clock.advance(61_000);
    minute();
    for (let i = 1; i <= 5; i++) expect((await post(kioskHost, lan(2), 'dossier.track', { code: unknown(i) })).status).toBe(404);
    minute();
    expect(await post(kioskHost, lan(2), 'dossier.track', { code: codes[1]! })).toMatchObject({ status: 429, body: { error: { code: 'rate_limited' } } });
    expect((await post(kioskHost, lan(3), 'dossier.track', { code: codes[1]! })).status).toBe(200);
    // Many addresses guessing, each within its own budget: twenty misses in ten minutes in all, then every network client waits.
    let misses = 5;
    for (let a = 4; misses < 20; a++) {
      minute();
      for (let i = 0; i < 4 && misses < 20; i++, misses++) expect((await post(kioskHost, lan(a), 'dossier.track', { code: unknown(100 + misses) })).status).toBe(404);
    }
    minute();
    expect((await post(kioskHost, lan(40), 'dossier.track', { code: codes[2]! })).status).toBe(429);
    // The resident at the kiosk's screen still tracks.
    expect((await post(kioskHost, '127.0.0.1', 'dossier.track', { code: codes[2]! })).status).toBe(200);

    // Ten minutes on: walking the sequential codes from 40 addresses (the trial's 120 guesses in 0.19 s)
    // gets six answers a minute in all, whoever asks; the screen is not counted.
    kiosk.clock.advance(11 * 60_000);
    const statuses: number[] = [];
    for (let a = 1; a <= 40; a++) for (let k = 0; k < 3; k++) statuses.push((await post(kioskHost, lan(a, 1), 'dossier.track', { code: codes[(a + k) % codes.length]! })).status);
    expect(statuses.slice(0, 6)).toEqual(Array(6).fill(200));
    expect(statuses.slice(6)).toEqual(Array(114).fill(429));
    expect((await post(kioskHost, '127.0.0.1', 'dossier.track', { code: codes[3]! })).status).toBe(200);

    // Feedback codes are sequential as well: the same budgets.
    kiosk.clock.advance(11 * 60_000);
    for (let i = 1; i <= 5; i++) expect((await post(kioskHost, lan(1, 12), 'feedback.track', { code: `PA-00324.K77-200101-${String(i).padStart(4, '0')}` })).status).toBe(404);
    expect((await post(kioskHost, lan(1, 12), 'feedback.track', { code: 'PA-00324.K77-200101-0099' })).status).toBe(429);
  });

  it('kiosk admin exit: only from the kiosk’s own screen; wrong PINs from the LAN lock nothing', async () => {
    expect(await post(kioskHost, lan(1, 2), 'kiosk.adminExit', { pin: PIN })).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
    for (let i = 0; i < 12; i++) expect((await post(kioskHost, lan(1 + (i % 3), 2), 'kiosk.adminExit', { pin: '11111111' })).status).toBe(403);
    // The technician at the device is not held back.
    expect(await post(kioskHost, '127.0.0.1', 'kiosk.adminExit', { pin: PIN })).toMatchObject({ status: 200, body: { result: { ok: true } } });
    // Their own wrong tries still hold their screen.
    const local: number[] = [];
    for (let i = 0; i < 5; i++) local.push((await post(kioskHost, '127.0.0.1', 'kiosk.adminExit', { pin: '11111111' })).status);
    expect(local).toEqual([401, 401, 401, 401, 429]);
  });

  it('sign-in: 120 wrong passwords from 60 addresses raise one alert supervisors see, hold strangers back, and leave the officer’s own desk and usual PC alone — in two audit rows', async () => {
    await signInOfficer(desk.core, 'nguyen.van.lan', ['receptionist']);
    const usualPc = lan(200, 3);
    expect((await post(deskHost, usualPc, 'staff.signIn', { username: 'nguyen.van.lan', password: TEST_PASSWORD })).status).toBe(200);
    const auditBefore = (desk.core.db.prepare("SELECT count(*) AS n FROM audit_log WHERE actor = 'nguyen.van.lan'").get() as { n: number }).n;
    for (let a = 1; a <= 60; a++) {
      for (let k = 0; k < 2; k++) expect((await post(deskHost, lan(a, 4), 'staff.signIn', { username: 'nguyen.van.lan', password: `sai-mat-khau-${a}-${k}` })).status).toBe(401);
    }
    // A stranger with the right password now waits the window out…
    const stranger = await post(deskHost, lan(99, 5), 'staff.signIn', { username: 'nguyen.van.lan', password: TEST_PASSWORD });
    expect(stranger).toMatchObject({ status: 401, body: { error: { code: 'unauthorized' } } });
    expect(stranger.body.error!.message.vi).toContain('khóa');
    // …the desk's own screen and the officer's usual PC do not.
    expect((await post(deskHost, '127.0.0.1', 'staff.signIn', { username: 'nguyen.van.lan', password: TEST_PASSWORD })).status).toBe(200);
    expect((await post(deskHost, usualPc, 'staff.signIn', { username: 'nguyen.van.lan', password: TEST_PASSWORD })).status).toBe(200);
    // The supervisor sees the alert on the account.
    const supervisor = await signInOfficer(desk.core, 'lanh-dao-lan', ['supervisor']);
    const accounts = (await post(deskHost, '127.0.0.1', 'staff.list', { session: supervisor })).body.result as { username: string; failedSignIns: { count: number; sources: number; since: string } | null }[];
    expect(accounts.find((a) => a.username === 'nguyen.van.lan')!.failedSignIns).toMatchObject({ count: 15, sources: 8 });
    expect(accounts.find((a) => a.username === 'lanh-dao-lan')!.failedSignIns).toBeNull();
    // The audit log: the first failure and one alert with the count, then the two sign-ins — not 120 rows.
    const rows = desk.core.db.prepare("SELECT action FROM audit_log WHERE actor = 'nguyen.van.lan' ORDER BY id").all().slice(auditBefore) as { action: string }[];
    expect(rows.map((r) => r.action)).toEqual(['staff.signInFailed', 'staff.signInAlert', 'staff.signIn', 'staff.signIn']);
  });

  it('sign-in: a flood of sign-ins from the LAN at once is told to wait, the desk’s own screen never is', async () => {
    await signInOfficer(desk.core, 'tran.thi.binh', ['receptionist']);
    const flood = Array.from({ length: 24 }, (_, i) => post(deskHost, lan(i + 1, 13), 'staff.signIn', { username: `khong-co-${i}`, password: 'doan-bua-123456' }));
    const mine = post(deskHost, '127.0.0.1', 'staff.signIn', { username: 'tran.thi.binh', password: TEST_PASSWORD });
    const [answers, own] = await Promise.all([Promise.all(flood), mine]);
    expect(own.status).toBe(200);
    const waited = answers.filter((a) => a.status === 429);
    expect(waited.length).toBeGreaterThan(0);
    expect(waited[0]!.body.error!.message.vi).toContain('nhiều lượt đăng nhập cùng lúc');
    expect(answers.every((a) => a.status === 401 || a.status === 429)).toBe(true);
  });

  it('first-run setup: the setup code can be guessed five times per LAN address in ten minutes; the desk’s own screen is never held back', async () => {
    const fresh: TestCore = makeCore({ mode: 'staff' });
    const host = await startWebHost({ core: fresh.core, rendererDir: rendererFixture() });
    try {
      const code = fresh.core.setupCode()!;
      const account = { username: 'quantri', displayName: 'Quản trị', password: TEST_PASSWORD };
      const tries: number[] = [];
      for (let i = 0; i < 7; i++) tries.push((await post(host, lan(1, 6), 'staff.setup', { setupCode: `AAAA-BBBB-CC${i}C`, ...account })).status);
      expect(tries).toEqual([401, 401, 401, 401, 401, 429, 429]);
      expect((await post(host, lan(1, 6), 'staff.setup', { setupCode: code, ...account })).status).toBe(429);
      // The person at the desk's own screen, mistyping the code or a password the policy refuses, is never held back.
      const own: number[] = [];
      for (let i = 0; i < 4; i++) own.push((await post(host, '127.0.0.1', 'staff.setup', { setupCode: `AAAA-BBBB-CC${i}C`, ...account })).status);
      for (let i = 0; i < 3; i++) own.push((await post(host, '127.0.0.1', 'staff.setup', { setupCode: code, ...account, password: 'abc' })).status);
      expect(own).toEqual([401, 401, 401, 401, 400, 400, 400]);
      fresh.clock.advance(10 * 60_000 + 1000);
      expect((await post(host, lan(1, 6), 'staff.setup', { setupCode: code, ...account })).status).toBe(200);
    } finally {
      await host.close();
      fresh.core.close();
    }
  });

  it('large bodies: a made-up session is refused before a byte of a 24 MB receiving is read; more than a method takes is refused on its length; two large uploads at a time per address', async () => {
    const fake = partialUpload(deskHost, lan(1, 7), 'desk.receive', 24_000_000, 64_000, { [HTTP_SESSION_HEADER]: 'phien-gia-mao-1234567890' });
    expect(await fake.answered).toMatchObject({ status: 401 });
    fake.stop();
    const none = partialUpload(deskHost, lan(1, 7), 'desk.receive', 24_000_000, 64_000);
    expect(await none.answered).toMatchObject({ status: 401 });
    none.stop();
    const huge = partialUpload(kioskHost, lan(1, 7), 'dossier.submit', 31_000_000, 1000);
    expect(await huge.answered).toMatchObject({ status: 413 });
    huge.stop();
    // An officer's large receiving goes through to the core (which judges its content).
    // (Signed in from the address it sends from: a session works only where it was opened.)
    await signInOfficer(desk.core, 'can-bo-nhan', ['receptionist']);
    const officer = ((await post(deskHost, lan(2, 7), 'staff.signIn', { username: 'can-bo-nhan', password: TEST_PASSWORD })).body.result as { token: string }).token;
    const big = await post(deskHost, lan(2, 7), 'desk.receive', { session: officer, procedureCode: '1.001193', applicant: { fullName: 'Lê Thị Hoa' }, data: {}, documents: [{ name: 'x', image: `data:image/png;base64,${'A'.repeat(400_000)}` }] }, { [HTTP_SESSION_HEADER]: officer });
    expect(big.status).not.toBe(401);
    expect(big.status).not.toBe(503);
    // A kiosk's public filings: two large uploads at a time from one address, the third told at once.
    const counted = { Expect: '100-continue' };
    const first = partialUpload(kioskHost, lan(3, 7), 'dossier.submit', 20_000_000, 1000, counted);
    const second = partialUpload(kioskHost, lan(3, 7), 'dossier.submit', 20_000_000, 1000, counted);
    await Promise.all([first.counted, second.counted]);
    const third = partialUpload(kioskHost, lan(3, 7), 'dossier.submit', 20_000_000, 1000);
    expect(await third.answered).toMatchObject({ status: 503 });
    // 96 MB in all from the network: a fifth address declaring 20 MB more waits…
    const more = [2, 3, 4].map((i) => partialUpload(kioskHost, lan(i + 10, 7), 'dossier.submit', 20_000_000, 1000, counted));
    await Promise.all(more.map((u) => u.counted));
    const fifth = partialUpload(kioskHost, lan(20, 7), 'dossier.submit', 20_000_000, 1000);
    expect(await fifth.answered).toMatchObject({ status: 503 });
    // …while the resident at the kiosk's own screen files a large filing all the same.
    const own = await postText(kioskHost, '127.0.0.1', 'dossier.submit', JSON.stringify({ procedureCode: '1.001193', applicant: { fullName: 'Lê Thị Hoa' }, data: {}, documents: [{ name: 'x', image: `data:image/png;base64,${'A'.repeat(2_000_000)}` }] }));
    expect(own.status).not.toBe(503);
    expect(own.status).toBe(400);
    for (const u of [first, second, third, ...more, fifth]) u.stop();
  });

  it('nesting: 40 KB of nested arrays is a 400 in plain words over HTTP and IPC, and the log gets no stack', async () => {
    const deep = `{"query":${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
    for (const method of ['catalog.search', 'dossier.track', 'rating.send']) {
      const answer = await postText(kioskHost, lan(1, 8), method, deep);
      expect({ method, status: answer.status, code: answer.body.error?.code }).toEqual({ method, status: 400, code: 'validation' });
      expect(answer.body.error!.message.vi).toContain('lồng nhau quá sâu');
    }
    let value: unknown = [];
    for (let i = 0; i < 10_000; i++) value = [value];
    const viaIpc = await kiosk.core.invoke('catalog.search', { query: value }, { transport: 'ipc', client: 'window:1' });
    expect(viaIpc).toMatchObject({ ok: false, error: { code: 'validation' } });
    await kiosk.core.log.flush();
    const logs = fs.readdirSync(path.join(kiosk.dir, 'logs')).map((f) => fs.readFileSync(path.join(kiosk.dir, 'logs', f), 'utf8')).join('\n');
    expect(logs).not.toContain('Maximum call stack');
    // Nor any other stack: the uploads cut off above were the clients' doing too.
    expect(logs).not.toContain('"stack"');
  });

  it('event streams without a session: four per address, then 429; other addresses and a closed stream’s slot are not affected', async () => {
    const streams = [];
    for (let i = 0; i < MAX_ANONYMOUS_STREAMS_PER_CLIENT; i++) streams.push(await openStream(deskHost, lan(1, 9)));
    expect(streams.map((s) => s.status)).toEqual(Array(MAX_ANONYMOUS_STREAMS_PER_CLIENT).fill(200));
    const fifth = await openStream(deskHost, lan(1, 9));
    expect(fifth.status).toBe(429);
    fifth.close();
    const other = await openStream(deskHost, lan(2, 9));
    expect(other.status).toBe(200);
    other.close();
    streams.pop()!.close();
    // The host frees the slot when it hears the close: asked again until it has (a refused try holds no slot).
    let again: Awaited<ReturnType<typeof openStream>> | undefined;
    await expect
      .poll(async () => {
        again?.close();
        again = await openStream(deskHost, lan(1, 9));
        return again.status;
      })
      .toBe(200);
    again!.close();
    for (const s of streams) s.close();
    // The device's own screen is not counted.
    const own = [];
    for (let i = 0; i < MAX_ANONYMOUS_STREAMS_PER_CLIENT + 2; i++) own.push(await openStream(deskHost, '127.0.0.1'));
    expect(own.map((s) => s.status)).toEqual(Array(MAX_ANONYMOUS_STREAMS_PER_CLIENT + 2).fill(200));
    for (const s of own) s.close();
  });

  it('the reference portal keeps its database and folder to its own user', async () => {
    // It has written by now (filings, ratings): the WAL is there too.
    expect(fs.statSync(portalDir).mode & 0o777).toBe(0o700);
    for (const f of ['portal.db', 'portal.db-wal']) expect({ f, mode: fs.statSync(path.join(portalDir, f)).mode & 0o777 }).toEqual({ f, mode: 0o600 });
  });
});

describe('IPC: a window hears officer events only while the session signed in in it lives (stand-ins for ipcMain and webContents: the Electron binary is out of reach)', () => {
  it('as the web host’s event stream does', async () => {
    const t = makeCore({ mode: 'staff' });
    try {
      await signInOfficer(t.core, 'can-bo-cua-so', ['receptionist']);
      const ipc = ipcStandIn();
      const events = new WindowEvents(t.core);
      registerIpc(ipc.ipc, t.core, {}, events);
      const window = (id: number) => {
        const heard: string[] = [];
        const target: EventTarget & { id: number } = { id, send: (_channel, name) => void heard.push(name), isDestroyed: () => false };
        events.watch(target, null);
        return { target, heard };
      };
      const signedIn = window(1);
      const other = window(2);
      const answer = await ipc.invoke('staff.signIn', { username: 'can-bo-cua-so', password: TEST_PASSWORD }, 'app://motcua/staff', signedIn.target);
      expect(answer).toMatchObject({ ok: true });
      const session = (answer as { result: { token: string } }).result.token;
      t.core.reportError('test', new Error('background'));
      await t.core.call('queue.issue', { group: 'A' });
      // core.error at a desk is for officers; queue.changed for everyone.
      expect(signedIn.heard).toEqual(['core.error', 'queue.changed']);
      expect(other.heard).toEqual(['queue.changed']);
      await ipc.invoke('staff.signOut', { session }, 'app://motcua/staff', signedIn.target);
      t.core.reportError('test', new Error('again'));
      expect(signedIn.heard).toEqual(['core.error', 'queue.changed']);
    } finally {
      t.core.close();
    }
  });
});
