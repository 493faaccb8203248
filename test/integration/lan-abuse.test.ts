/**
 * The newcomer's "attacker on the office LAN" trial, replayed against a real queue desk (web host on
 * 127.0.0.1) with an enrolled kiosk of the ward: tickets and bookings flooded from many addresses,
 * a kiosk's name typed by anyone, a session's password guessed through a password change, a session
 * token used from another machine, every event stream taken. Each attack now fails harmlessly and
 * the real user — the enrolled kiosk, the officer, the desk's own screen — still works.
 * A "LAN address" is another loopback source address (127.0.x.y, bound with `localAddress`); the
 * desk's own screen is 127.0.0.1.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../electron/contract.js';
import { lanHeaders, type LanOfficer } from '../../electron/core/queue/lan.js';
import { ANONYMOUS_BOOKINGS_PER_GROUP_DAY, ANONYMOUS_TICKETS_PER_GROUP_DAY } from '../../electron/core/lan-budget.js';
import type { HelpRequestView } from '../../electron/core/visits/model.js';
import { rendererDir } from '../../electron/paths.js';
import { MAX_ANONYMOUS_STREAMS, MAX_ANONYMOUS_STREAMS_PER_CLIENT } from '../../electron/web/limits.js';
import { startWebHost, type WebHost } from '../../electron/web/server.js';
import { startReferencePortal, type ReferencePortal } from '../portal/server.js';
import { fileAsKiosk, makeCore, signInOfficer, TEST_PASSWORD, tempDir } from '../helpers/core.js';
import { makeDevice, smallCatalog, type Device } from '../helpers/sync.js';

interface Answer {
  status: number;
  body: { ok: boolean; error?: { code: string; message: { vi: string; en: string } }; result?: unknown };
}

const lan = (i: number, j = 0) => `127.0.${60 + j}.${i}`;
const OWN = '127.0.0.1';

function post(host: WebHost, from: string, method: string, input: unknown, headers: Record<string, string> = {}, body = JSON.stringify(input)): Promise<Answer> {
  const u = new URL(host.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, path: `/api/${method}`, method: 'POST', localAddress: from, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Answer['body'] }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

interface Stream {
  status: number;
  /** The 429's message, when refused. */
  message?: string;
  events: string[];
  close: () => void;
}

/** GET /api/events from `from` (with a session when given); the stream stays open and records the events' names. */
function openStream(host: WebHost, from: string, session?: string): Promise<Stream> {
  const u = new URL(host.url);
  return new Promise((resolve, reject) => {
    const req = http.get({ host: u.hostname, port: u.port, path: `/api/events${session ? `?session=${encodeURIComponent(session)}` : ''}`, localAddress: from }, (res) => {
      const stream: Stream = { status: res.statusCode!, events: [], close: () => req.destroy() };
      if (res.statusCode !== 200) {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ ...stream, message: (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Answer['body']).error?.message.vi }));
        return;
      }
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        for (const m of chunk.matchAll(/^event: (.+)$/gm)) stream.events.push(m[1]!);
      });
      resolve(stream);
    });
    req.on('error', reject);
  });
}

/** A device's id and LAN key, as its own requests sign with them (never sent). */
const credential = (d: Device) => {
  const me = d.core.device.get();
  return { id: me.deviceId, key: me.lanKey! };
};

const tick = (ms = 150) => new Promise((r) => setTimeout(r, ms));

describe('an attacker on the office LAN, against the queue desk', () => {
  const catalogDir = smallCatalog();
  let portal: ReferencePortal;
  let desk: Device;
  let kiosk: Device;
  let desk2: Device;
  let host: WebHost;
  const kioskScreen: Caller = { transport: 'ipc', client: 'kiosk-window' };

  beforeAll(async () => {
    portal = await startReferencePortal({ dataDir: tempDir(), catalogDir });
    desk = makeDevice(portal.url, portal.createEnrollment('00324', 'staff', 'Q01'), { mode: 'staff', device: { slot: '01' } }, undefined, catalogDir);
    host = await startWebHost({ core: desk.core, rendererDir });
    kiosk = makeDevice(portal.url, portal.createEnrollment('00324', 'kiosk', 'K01'), { mode: 'kiosk', device: { slot: '01' }, queue: { url: host.url }, kiosk: { name: 'Ki-ốt sảnh tầng 1' } }, undefined, catalogDir);
    desk2 = makeDevice(portal.url, portal.createEnrollment('00324', 'staff', 'Q02'), { mode: 'staff', device: { slot: '02' }, queue: { url: host.url }, desk: { counter: 'Quầy 2' } }, undefined, catalogDir);
    for (const d of [desk, kiosk, desk2]) expect((await d.core.sync.runOnce()).errors).toEqual([]);
    // The queue desk learns the kiosk's LAN key (its hash) from the portal's devices feed.
    expect((await desk.core.sync.runOnce()).errors).toEqual([]);
    // Three devices registered and synced with a portal: seconds alone, more on a loaded 2-core machine.
  }, 60_000);
  afterAll(async () => {
    await host?.close();
    kiosk?.core.close();
    desk2?.core.close();
    desk?.core.close();
    await portal?.close();
  });

  it('F1 queue tickets: machines nobody enrolled share 6 a minute and 30 a group a day; the enrolled kiosk and the desk’s own screen still issue, and other groups are not touched', async () => {
    let address = 1;
    const anonymous = async () => post(host, lan(address++), 'queue.issue', { group: 'A' });
    // Ten addresses in one minute: six tickets in all, then "too many".
    const minute = [];
    for (let i = 0; i < 10; i++) minute.push(await anonymous());
    expect(minute.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200, 429, 429, 429, 429]);
    // Minute after minute from new addresses, up to the day's cap for group A.
    let issued = 6;
    while (issued < ANONYMOUS_TICKETS_PER_GROUP_DAY) {
      desk.clock.advance(61_000);
      for (let i = 0; i < 6 && issued < ANONYMOUS_TICKETS_PER_GROUP_DAY; i++, issued++) expect((await anonymous()).status).toBe(200);
    }
    desk.clock.advance(61_000);
    const over = await anonymous();
    expect(over.status).toBe(429);
    expect(over.body.error!.message.vi).toContain('máy chưa đăng ký');
    // Residents are not held back: the enrolled kiosk (its LAN key) and the desk's own screen.
    const atKiosk = await kiosk.core.invoke('queue.issue', { group: 'A' }, kioskScreen);
    expect(atKiosk).toMatchObject({ ok: true, result: { label: `A${String(ANONYMOUS_TICKETS_PER_GROUP_DAY + 1).padStart(3, '0')}` } });
    expect((await post(host, OWN, 'queue.issue', { group: 'A' })).status).toBe(200);
    // The kiosk's signed request from its LAN address is the kiosk's, not an anonymous one.
    const body = JSON.stringify({ group: 'A' });
    expect((await post(host, lan(250), 'queue.issue', null, lanHeaders(credential(kiosk), { method: 'queue.issue', body }), body)).status).toBe(200);
    // Group B has its own day.
    expect((await post(host, lan(address++), 'queue.issue', { group: 'B' })).status).toBe(200);
    desk.clock.advance(61_000);
  });

  it('F2 bookings: machines nobody enrolled share 3 a minute and 6 places a group a booked day; the enrolled kiosk still books that day', async () => {
    const { days } = await desk.core.call('booking.days', { procedureCode: '1.001193' });
    const day = days.find((d) => d.slots.length >= 6)!;
    const slots = day.slots.map((s) => s.time);
    let address = 1;
    const book = (i: number) => post(host, lan(address++, 1), 'booking.create', { procedureCode: '1.001193', day: day.day, slot: slots[Math.floor(i / 2)]! });
    const first = [await book(0), await book(1), await book(2), await book(3)];
    expect(first.map((a) => a.status)).toEqual([200, 200, 200, 429]);
    desk.clock.advance(61_000);
    expect([await book(3), await book(4), await book(5)].map((a) => a.status)).toEqual([200, 200, 200]);
    desk.clock.advance(61_000);
    const over = await book(6);
    expect(over.status).toBe(429);
    expect(over.body.error!.message.vi).toContain('máy chưa đăng ký');
    expect(ANONYMOUS_BOOKINGS_PER_GROUP_DAY).toBe(6);
    // The enrolled kiosk books a place that day, and the rest of the slots are still free.
    const atKiosk = await kiosk.core.invoke('booking.create', { procedureCode: '1.001193', day: day.day, slot: slots[3]! }, kioskScreen);
    expect(atKiosk).toMatchObject({ ok: true, result: { day: day.day, slot: slots[3] } });
    const after = (await desk.core.call('booking.days', { procedureCode: '1.001193' })).days.find((d) => d.day === day.day)!;
    expect(after.slots.filter((s) => s.left === 2).length).toBe(day.slots.length - 4);
  });

  it('F3 help calls: a name typed by a LAN machine is never shown; it is listed as an unregistered machine with its address, the enrolled kiosk under its own name', async () => {
    const fake = await post(host, lan(7, 2), 'help.request', { kiosk: 'Ki-ốt 01 – KHẨN: gọi 0912 000 111 để hỗ trợ' });
    expect(fake.status).toBe(200);
    expect((fake.body.result as HelpRequestView).kiosk).toBe(`Máy không đăng ký ${lan(7, 2)}`);
    const real = await kiosk.core.invoke('help.request', {}, kioskScreen);
    expect(real).toMatchObject({ ok: true, result: { kiosk: 'Ki-ốt sảnh tầng 1' } });
    const officer = await signInOfficer(desk.core, 'tiep-nhan-help', ['receptionist']);
    const list = await desk.core.call('help.list', { session: officer });
    const names = list.map((r) => r.kiosk);
    expect(names).toContain(`Máy không đăng ký ${lan(7, 2)}`);
    expect(names).toContain('Ki-ốt sảnh tầng 1');
    expect(names.join(' ')).not.toContain('0912');
  });

  it('F4 password change: wrong current passwords count as failed sign-ins (audited, the same hold), and the third ends the session', async () => {
    await signInOfficer(desk.core, 'doi-mat-khau', ['receptionist']);
    const officerPc = lan(1, 3);
    const signIn = async (from: string) => ((await post(host, from, 'staff.signIn', { username: 'doi-mat-khau', password: TEST_PASSWORD })).body.result as { token: string }).token;
    const stolen = await signIn(officerPc);
    const guesses = [];
    for (let i = 0; i < 4; i++) guesses.push(await post(host, officerPc, 'staff.changePassword', { session: stolen, current: `doan-thu-${i}`, next: 'saffron-lantern-quiet-9x' }));
    expect(guesses.map((g) => g.status)).toEqual([400, 400, 401, 401]);
    expect(guesses[2]!.body.error!.message.vi).toContain('phiên làm việc đã kết thúc');
    expect((await post(host, officerPc, 'staff.me', { session: stolen })).status).toBe(401);
    // On record, in sentences a supervisor reads.
    const supervisor = await signInOfficer(desk.core, 'lanh-dao-f4', ['supervisor']);
    const log = await desk.core.call('audit.list', { session: supervisor, actor: 'doi-mat-khau', limit: 20 });
    const sentences = log.lines.map((l) => l.sentence.vi);
    expect(sentences.filter((s) => s === `Nhập sai mật khẩu hiện tại của tài khoản doi-mat-khau khi đổi mật khẩu (từ ${officerPc})`)).toHaveLength(3);
    expect(sentences.some((s) => s.includes('bị đăng xuất vì nhập sai mật khẩu hiện tại nhiều lần'))).toBe(true);
    // The same hold as sign-in: two more wrong sign-ins from that address (five in all) hold the
    // account there — a password change with the right password is refused too…
    const again = await signIn(officerPc);
    expect((await post(host, officerPc, 'staff.changePassword', { session: again, current: 'doan-lan-nua', next: 'saffron-lantern-quiet-9x' })).status).toBe(400);
    for (let i = 0; i < 4; i++) await post(host, officerPc, 'staff.signIn', { username: 'doi-mat-khau', password: `sai-${i}` });
    const held = await post(host, officerPc, 'staff.changePassword', { session: again, current: TEST_PASSWORD, next: 'saffron-lantern-quiet-9x' });
    expect(held.status).toBe(401);
    expect(held.body.error!.message.vi).toContain('khóa');
    // …while the officer at the desk's own screen changes it.
    const own = await signIn(OWN);
    const same = await post(host, OWN, 'staff.changePassword', { session: own, current: TEST_PASSWORD, next: TEST_PASSWORD });
    expect(same).toMatchObject({ status: 400, body: { error: { code: 'validation', message: { vi: 'Mật khẩu mới phải khác mật khẩu hiện tại.' } } } });
    expect((await post(host, OWN, 'staff.changePassword', { session: own, current: TEST_PASSWORD, next: 'saffron-lantern-quiet-9x' })).status).toBe(200);
  });

  it('F9 sessions: a token works only from the address that signed in (and the desk’s own screen’s only there); another machine gets no officer data and no officer events', async () => {
    await signInOfficer(desk.core, 'phien-gan-may', ['receptionist']);
    const pc = lan(1, 4);
    const elsewhere = lan(2, 4);
    const token = ((await post(host, pc, 'staff.signIn', { username: 'phien-gan-may', password: TEST_PASSWORD })).body.result as { token: string }).token;
    const stolen = await post(host, elsewhere, 'dossier.list', { session: token });
    expect(stolen.status).toBe(401);
    expect(stolen.body.error!.message.vi).toBe('Phiên làm việc này được mở trên máy khác. Vui lòng đăng nhập trên máy này.');
    // The officer goes on working.
    expect((await post(host, pc, 'dossier.list', { session: token })).status).toBe(200);
    // A session opened at the desk's own screen is not usable from the LAN.
    const ownToken = ((await post(host, OWN, 'staff.signIn', { username: 'phien-gan-may', password: TEST_PASSWORD })).body.result as { token: string }).token;
    expect((await post(host, elsewhere, 'staff.me', { session: ownToken })).status).toBe(401);
    // Events: the stolen token opens an anonymous stream only; the officer's own hears officer events.
    const thief = await openStream(host, elsewhere, token);
    const mine = await openStream(host, pc, token);
    try {
      expect([thief.status, mine.status]).toEqual([200, 200]);
      // A sync cycle: its status goes to signed-in officers only at a desk.
      await desk.core.sync.runOnce();
      await tick(300);
      expect(mine.events).toContain('sync.status');
      expect(thief.events).not.toContain('sync.status');
    } finally {
      thief.close();
      mine.close();
    }
  });

  it('F7 event streams: anonymous clients fill only their own small pool (4 per address, 64 in all) and are told the server is busy; a signed-in officer on the LAN and the desk’s own screen still get a stream', async () => {
    const held: Stream[] = [];
    const addresses = MAX_ANONYMOUS_STREAMS / MAX_ANONYMOUS_STREAMS_PER_CLIENT;
    for (let a = 1; a <= addresses; a++) {
      for (let k = 0; k < MAX_ANONYMOUS_STREAMS_PER_CLIENT; k++) held.push(await openStream(host, lan(a, 5)));
    }
    expect(held.every((s) => s.status === 200)).toBe(true);
    const fifth = await openStream(host, lan(addresses + 1, 5));
    expect(fifth.status).toBe(429);
    expect(fifth.message).toContain('Máy chủ đang bận');
    await signInOfficer(desk.core, 'can-bo-luong', ['receptionist']);
    const pc = lan(1, 6);
    const token = ((await post(host, pc, 'staff.signIn', { username: 'can-bo-luong', password: TEST_PASSWORD })).body.result as { token: string }).token;
    const officer = await openStream(host, pc, token);
    const own = await openStream(host, OWN);
    expect([officer.status, own.status]).toEqual([200, 200]);
    // A slot given back is taken again.
    held.pop()!.close();
    await tick();
    const again = await openStream(host, lan(addresses + 1, 5));
    expect(again.status).toBe(200);
    for (const s of [...held, officer, own, again]) s.close();
  });

  it('F5 many wrong sign-ins from several addresses: the audit says so in a sentence, naming the account, the count and the addresses', async () => {
    await signInOfficer(desk.core, 'nguyen-van-tiep', ['receptionist'], 'Nguyễn Văn Tiếp');
    for (const a of [1, 2, 3]) for (let i = 0; i < 5; i++) await post(host, lan(a, 7), 'staff.signIn', { username: 'nguyen-van-tiep', password: `sai-${a}-${i}` });
    const supervisor = await signInOfficer(desk.core, 'lanh-dao-f5', ['supervisor']);
    const log = await desk.core.call('audit.list', { session: supervisor, actor: 'nguyen-van-tiep', kind: 'sign_in', limit: 20 });
    const alert = log.lines.find((l) => l.sentence.vi.startsWith('Nhiều lần đăng nhập sai'));
    expect(alert?.sentence.vi).toMatch(/^Nhiều lần đăng nhập sai vào tài khoản nguyen-van-tiep: 15 lần từ 3 địa chỉ kể từ /);
    expect(alert?.sentence.en).toMatch(/^Many wrong passwords for account nguyen-van-tiep: 15 from 3 addresses since /);
    expect(log.lines.map((l) => l.sentence.vi).join('\n')).not.toContain('staff.signInAlert');
  });
  it('F15 the dossier list: a page of the ward’s dossiers carries names only — no CCCD, phone, address or form data; opening one shows them, on record', async () => {
    const filed = fileAsKiosk(desk.core, { fullName: 'Ngô Thị Lan', idNumber: '001180004444', phone: '0977888999' });
    await signInOfficer(desk.core, 'xu-ly-f15', ['processor']);
    const pc = lan(1, 8);
    const token = ((await post(host, pc, 'staff.signIn', { username: 'xu-ly-f15', password: TEST_PASSWORD })).body.result as { token: string }).token;
    const page = await post(host, pc, 'dossier.list', { session: token, limit: 100 });
    expect(page.status).toBe(200);
    const text = JSON.stringify(page.body);
    expect(text).toContain('Ngô Thị Lan');
    expect(text).not.toContain('001180004444');
    expect(text).not.toContain('0977888999');
    const opened = await post(host, pc, 'desk.dossier', { session: token, code: filed.code });
    expect(JSON.stringify(opened.body)).toContain('001180004444');
    const reads = desk.core.db.prepare("SELECT count(*) AS n FROM audit_log WHERE actor = 'xu-ly-f15' AND action = 'dossier.read'").get() as { n: number };
    expect(reads.n).toBe(1);
  });
  it('F14 a desk’s calls are signed, not sent with its key: a request heard on the LAN cannot be sent again, changed (another officer), nor made later; the old plain key is refused; the desk itself goes on calling', async () => {
    const officerSession = await signInOfficer(desk2.core, 'tiep-nhan-q2', ['receptionist'], 'Cán bộ Q02');
    for (let i = 0; i < 3; i++) expect((await kiosk.core.invoke('queue.issue', { group: 'C' }, kioskScreen)).ok).toBe(true);
    // The desk works the queue through the queue desk, signing each call.
    expect(await desk2.core.call('queue.callNext', { session: officerSession })).toMatchObject({ status: 'called', counter: 'Quầy 2' });
    // What a sniffer on the LAN sees of one such call (made here with the desk's key, as the desk does)…
    const officer: LanOfficer = { username: 'tiep-nhan-q2', displayName: 'Cán bộ Q02', roles: ['receptionist'], counter: 'Quầy 5' };
    const body = JSON.stringify({ session: 'lan-desk-officer' });
    const heard = lanHeaders(credential(desk2), { method: 'queue.callNext', body }, officer);
    const from = lan(9, 9);
    const first = await post(host, from, 'queue.callNext', null, heard, body);
    expect(first.body.error ?? null).toBeNull();
    expect(first.status).toBe(200);
    // …sent again: refused.
    expect((await post(host, from, 'queue.callNext', null, heard, body)).status).toBe(401);
    // …with an invented officer at an invented counter in place of the real one: refused.
    const ghost = Buffer.from(JSON.stringify({ username: 'ghost', displayName: 'Cán bộ ma', roles: ['supervisor'], counter: 'Quầy 9' })).toString('base64');
    const fresh = lanHeaders(credential(desk2), { method: 'queue.callNext', body }, officer);
    expect((await post(host, from, 'queue.callNext', null, { ...fresh, 'X-MotCua-Officer': ghost }, body)).status).toBe(401);
    // …for another method (a no-show) with the same signature: refused.
    const other = lanHeaders(credential(desk2), { method: 'queue.callNext', body }, officer);
    expect((await post(host, from, 'queue.noShow', null, other, JSON.stringify({ session: 'lan-desk-officer', id: 1 }))).status).toBe(401);
    // …made three minutes ago: refused.
    const stale = lanHeaders(credential(desk2), { method: 'queue.callNext', body }, officer, Date.now() - 180_000);
    expect((await post(host, from, 'queue.callNext', null, stale, body)).status).toBe(401);
    // The key itself, as it used to be sent: refused.
    const plain = { Authorization: `MotCua-Device ${credential(desk2).id}:${credential(desk2).key}`, 'X-MotCua-Officer': ghost };
    expect((await post(host, from, 'queue.callNext', null, plain, body)).status).toBe(401);
    const log = desk.core.db.prepare("SELECT actor FROM audit_log WHERE action = 'queue.callNext'").all() as { actor: string }[];
    expect(log.map((r) => r.actor)).not.toContain('ghost');
    // The desk goes on working the queue.
    expect((await desk2.core.call('queue.current', { session: officerSession })).ticket).toMatchObject({ status: 'called', counter: 'Quầy 2' });
  });
  it('F12 public reads: a network address may search 30 times a minute and the whole network 120; the desk’s own screen searches freely', async () => {
    desk.clock.advance(61_000);
    const statuses: number[] = [];
    for (let a = 1; a <= 5; a++) {
      const batch = Array.from({ length: 30 }, () => post(host, lan(a, 10), 'catalog.search', { query: 'khai sinh' }));
      statuses.push(...(await Promise.all(batch)).map((r) => r.status));
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(120);
    expect(statuses.filter((s) => s === 429)).toHaveLength(30);
    const sixth = await post(host, lan(6, 10), 'catalog.search', { query: 'khai sinh' });
    expect(sixth.status).toBe(429);
    const own = await Promise.all(Array.from({ length: 40 }, () => post(host, OWN, 'catalog.search', { query: 'khai sinh' })));
    expect(own.every((r) => r.status === 200)).toBe(true);
  });
  it('F13 traces and small leaks: refusals and wrong setup codes are logged with the address; a help call’s status names no officer to a machine nobody enrolled', async () => {
    const asked = await kiosk.core.invoke('help.request', {}, kioskScreen);
    const id = (asked as { ok: true; result: HelpRequestView }).result.id;
    const officer = await signInOfficer(desk.core, 'tiep-nhan-f13', ['receptionist'], 'Phạm Thị Hỗ Trợ');
    await desk.core.call('help.acknowledge', { session: officer, id });
    const seenByAnyone = await post(host, lan(1, 11), 'help.status', { id });
    expect(seenByAnyone.body.result).toMatchObject({ status: 'coming', officer: null });
    expect(await kiosk.core.invoke('help.status', { id }, kioskScreen)).toMatchObject({ ok: true, result: { officer: 'Phạm Thị Hỗ Trợ' } });
    // The searches refused above (F12: the fifth address, thirty times) are in the log with their address, once.
    await desk.core.log.flush();
    const logs = (dir: string) => fs.readdirSync(path.join(dir, 'logs')).map((f) => fs.readFileSync(path.join(dir, 'logs', f), 'utf8')).join('\n');
    const refused = logs(desk.dir).split('\n').filter((l) => l.includes('calls refused, too many') && l.includes('catalog.search'));
    expect(refused.some((l) => l.includes(lan(5, 10)))).toBe(true);
    expect(refused.filter((l) => l.includes(`"${lan(5, 10)}"`))).toHaveLength(1);
    // A fresh desk: someone on the LAN guessing its setup code is in the log, with the address.
    const fresh = makeCore({ mode: 'staff' });
    const freshHost = await startWebHost({ core: fresh.core, rendererDir });
    try {
      const guess = await post(freshHost, lan(2, 11), 'staff.setup', { setupCode: 'AAAA-BBBB-CCCC', username: 'ke-la', displayName: 'Kẻ lạ', password: 'saffron-lantern-quiet-9x' });
      expect(guess.status).toBe(401);
      await fresh.core.log.flush();
      expect(logs(fresh.dir)).toMatch(new RegExp(`first-run setup: a wrong setup code.*${lan(2, 11).replaceAll('.', '\\.')}`));
    } finally {
      await freshHost.close();
      fresh.core.close();
    }
  });
  it('F8 a burst of sign-ins from strangers is told to wait; the officer at their usual PC signs in all the same', async () => {
    await signInOfficer(desk.core, 'ca-sang', ['receptionist']);
    const usual = lan(1, 12);
    expect((await post(host, usual, 'staff.signIn', { username: 'ca-sang', password: TEST_PASSWORD })).status).toBe(200);
    // Forty machines keep sending wrong sign-ins (each under its own limits) while the officer tries five times.
    let stop = false;
    const statuses: number[] = [];
    const worker = async (i: number) => {
      for (let k = 0; !stop && k < 15; k++) statuses.push((await post(host, lan(i + 1, 13), 'staff.signIn', { username: `khong-co-${i}-${k}`, password: 'doan-bua-123456' })).status);
    };
    const flood = Promise.all(Array.from({ length: 40 }, (_, i) => worker(i)));
    const own: number[] = [];
    for (let k = 0; k < 5; k++) {
      await tick(60);
      own.push((await post(host, usual, 'staff.signIn', { username: 'ca-sang', password: TEST_PASSWORD })).status);
    }
    stop = true;
    await flood;
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(own).toEqual([200, 200, 200, 200, 200]);
  });
  it('desk trial item 8: a colleague’s wrong passwords at the same PC do not keep the officer out of her own locked screen; the lock screen is no way around the hold for anyone else', async () => {
    await signInOfficer(desk.core, 'xu-ly-khoa', ['processor']);
    const signIn = (input: Record<string, string>) => post(host, OWN, 'staff.signIn', { username: 'xu-ly-khoa', ...input });
    const mine = ((await signIn({ password: TEST_PASSWORD })).body.result as { token: string }).token;
    // Her screen locks (idle or by hand).
    expect((await post(host, OWN, 'staff.signOut', { session: mine, lock: true })).status).toBe(200);
    // Someone else at the same PC: five wrong passwords for her account.
    for (let i = 0; i < 5; i++) expect((await signIn({ password: `sai-${i}` })).status).toBe(401);
    const plain = await signIn({ password: TEST_PASSWORD });
    expect(plain.status).toBe(401);
    expect(plain.body.error!.message.vi).toContain('khóa');
    // She unlocks her screen: the sign-in names the locked session.
    const unlocked = await signIn({ password: TEST_PASSWORD, resume: mine });
    expect(unlocked.status).toBe(200);
    // (Her sign-in clears the hold here.) The colleague again: the used token does not unlock twice…
    for (let i = 0; i < 5; i++) await signIn({ password: `lai-sai-${i}` });
    expect((await signIn({ password: TEST_PASSWORD, resume: mine })).status).toBe(401);
    // …and three wrong tries end a resumable lock.
    const second = (unlocked.body.result as { token: string }).token;
    await post(host, OWN, 'staff.signOut', { session: second, lock: true });
    for (let i = 0; i < 3; i++) expect((await signIn({ password: `doan-${i}`, resume: second })).status).toBe(401);
    expect((await signIn({ password: TEST_PASSWORD, resume: second })).status).toBe(401);
    // A token from another address does not unlock here.
    const elsewhere = ((await post(host, lan(1, 14), 'staff.signIn', { username: 'xu-ly-khoa', password: TEST_PASSWORD })).body.result as { token: string }).token;
    await post(host, lan(1, 14), 'staff.signOut', { session: elsewhere, lock: true });
    expect((await signIn({ password: TEST_PASSWORD, resume: elsewhere })).status).toBe(401);
  });
});
