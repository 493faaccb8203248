import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { access, methodNames, methods, ruleFor, type MethodName, type Mode, type Who } from '../../electron/contract.js';
import { vnDay } from '../../electron/core/time.js';
import { hashPassword } from '../../electron/core/staff/password.js';
import { ROLES, type Role } from '../../electron/core/staff/model.js';
import { startWebHost, type WebHost } from '../../electron/web/server.js';
import { startReferencePortal, type ReferencePortal } from '../portal/server.js';
import { signInOfficer, tempDir } from '../helpers/core.js';
import { birthData, makeDevice, smallCatalog, type Device } from '../helpers/sync.js';

const catalogDir = smallCatalog();

function rendererFixture(): string {
  const dir = tempDir('motcua-renderer-');
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Một Cửa</title>');
  return dir;
}

interface Answer {
  status: number;
  body: { ok: boolean; error?: { code: string; message: { vi: string; en: string } }; result?: unknown };
  text: string;
}

async function post(host: WebHost, method: string, input: unknown): Promise<Answer> {
  const res = await fetch(`${host.url}/api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(input) });
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as Answer['body'], text };
}

/** What the table says a caller without a session gets, before any input is looked at. */
function expectedWithoutSession(who: Who | undefined): { status: number; code: string } | 'allowed' {
  if (!who) return { status: 404, code: 'unknown_method' };
  switch (who.kind) {
    case 'officer':
    case 'pin':
    case 'setup':
      return { status: 401, code: 'unauthorized' };
    case 'machine':
      return { status: 403, code: 'forbidden' };
    default:
      return 'allowed';
  }
}

const roleFits = (who: Who, role: Role) => who.kind === 'officer' && (who.roles.length === 0 || who.roles.includes(role));

describe('the authorization table covers the whole contract', () => {
  it('every method has a rule, in at least one mode, and says where its credential comes from', () => {
    expect(Object.keys(access).sort()).toEqual([...methodNames].sort());
    for (const name of methodNames) {
      const rules = (['kiosk', 'staff'] as Mode[]).map((m) => ruleFor(name, m)).filter((w): w is Who => !!w);
      expect({ name, rules: rules.length > 0 }).toEqual({ name, rules: true });
      const shape = (methods[name].input as unknown as { shape: Record<string, unknown> }).shape;
      // The credential a rule names is a field of the method's input: the core reads it before parsing.
      const needs = { officer: 'session', pin: 'pin', setup: 'setupCode' } as const;
      for (const w of rules) if (w.kind in needs) expect({ name, field: needs[w.kind as keyof typeof needs] in shape }).toEqual({ name, field: true });
    }
  });
});

describe('over HTTP, every method with no session, with each role, and on the wrong mode', () => {
  let portal: ReferencePortal;
  let kiosk: Device;
  let desk: Device;
  let kioskHost: WebHost;
  let deskHost: WebHost;
  const called = new Map<Mode, Set<MethodName>>([
    ['kiosk', new Set()],
    ['staff', new Set()],
  ]);

  beforeAll(async () => {
    portal = await startReferencePortal({ dataDir: tempDir(), catalogDir });
    kiosk = makeDevice(portal.url, portal.createEnrollment('00324', 'kiosk'), { mode: 'kiosk', kiosk: { adminPinHash: await hashPassword('86420135') } }, undefined, catalogDir);
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
    // 100% of the contract was called on both devices.
    expect([...called.get('kiosk')!].sort()).toEqual([...methodNames].sort());
    expect([...called.get('staff')!].sort()).toEqual([...methodNames].sort());
  });

  for (const mode of ['kiosk', 'staff'] as Mode[]) {
    it(`${mode}: without a session each method is refused as its rule says, before its input is read`, async () => {
      const host = mode === 'kiosk' ? kioskHost : deskHost;
      for (const name of methodNames) {
        called.get(mode)!.add(name);
        const who = ruleFor(name, mode);
        const answer = await post(host, name, {});
        const expected = expectedWithoutSession(who);
        if (expected === 'allowed') {
          // Public: whatever the method answers to an empty input, it is never an authorization refusal.
          expect({ name, status: answer.status }).not.toEqual({ name, status: 401 });
          expect({ name, status: answer.status }).not.toEqual({ name, status: 403 });
          expect({ name, code: answer.body.error?.code }).not.toEqual({ name, code: 'unknown_method' });
        } else {
          expect({ name, status: answer.status, code: answer.body.error?.code }).toEqual({ name, ...expected });
          // A typed error with a message in both languages, and nothing else.
          expect(answer.body.error!.message.vi.length).toBeGreaterThan(0);
          expect(answer.body.error!.message.en.length).toBeGreaterThan(0);
        }
      }
    });
  }

  it('staff: each role reaches exactly the officer methods the table gives it, and is refused the rest', async () => {
    for (const role of ROLES) {
      const session = await signInOfficer(desk.core, `vai-tro-${role.replace('_', '-')}`, [role]);
      for (const name of methodNames) {
        const who = ruleFor(name, 'staff');
        if (!who || who.kind !== 'officer') continue;
        // staff.signOut would end the session the loop is using: it is called last, below.
        if (name === 'staff.signOut') continue;
        const answer = await post(deskHost, name, { session });
        if (roleFits(who, role)) {
          expect({ name, role, status: answer.status }).not.toEqual({ name, role, status: 401 });
          expect({ name, role, status: answer.status }).not.toEqual({ name, role, status: 403 });
        } else {
          expect({ name, role, status: answer.status, code: answer.body.error?.code }).toEqual({ name, role, status: 403, code: 'forbidden' });
        }
      }
      expect((await post(deskHost, 'staff.signOut', { session })).status).toBe(200);
      expect((await post(deskHost, 'staff.me', { session })).status).toBe(401);
    }
  });

  it('the issue’s list: no session gets no dossier, no list, no announcement, no sync, no desk filing', async () => {
    for (const name of ['dossier.get', 'dossier.list', 'announcements.create', 'sync.status', 'sync.now', 'sync.outbox', 'sync.retryParked'] as const) {
      const answer = await post(deskHost, name, name === 'dossier.get' ? { code: '00324.K01-261201-0001' } : {});
      expect({ name, status: answer.status }).toEqual({ name, status: 401 });
    }
    // A desk does not take filings from the network at all: it receives at the counter.
    const filing = await post(deskHost, 'dossier.submit', { procedureCode: '1.001193', applicant: { fullName: 'Ai Đó' }, documents: [{ image: 'data:image/png;base64,AAAA' }] });
    expect(filing).toMatchObject({ status: 404, body: { error: { code: 'unknown_method' } } });
    expect(fs.existsSync(path.join(desk.core.config.dataDir, 'attachments'))).toBe(false);
    // Nor does a kiosk's admin exit or idle reset exist there.
    expect((await post(deskHost, 'kiosk.adminExit', { pin: '00000000' })).status).toBe(404);
    expect((await post(deskHost, 'kiosk.sessionEnded', {})).status).toBe(404);
    // The machine's admin's recovery never answers over HTTP, even to a desk admin.
    const admin = await signInOfficer(desk.core, 'quantri');
    expect(await post(deskHost, 'staff.resetAdmin', { session: admin, username: 'quantri' })).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
  });

  it('a code alone, at the kiosk: status, dates and a masked name — no CCCD, phone, address, birth date or form data', async () => {
    const yesterday = vnDay(new Date(kiosk.clock.now().getTime() - 86_400_000)).split('-').reverse().join('/');
    const applicant = { fullName: 'Nguyễn Thị Mai', idNumber: '001190012345', birthDate: '1990-01-01', address: '12/3 Phố Huế', phone: '0912345678', email: 'mai@example.vn' };
    const data = { childName: 'Trần Văn Bé', childBirthDate: yesterday, childSex: 'Nam', birthPlace: 'Bệnh viện Xanh Pôn', motherName: 'Nguyễn Thị Mai', motherId: '001190012345', relationship: 'cha-me' };
    const filed = await post(kioskHost, 'dossier.submit', { procedureCode: '1.001193', applicant, data });
    expect(filed.status).toBe(200);
    const code = (filed.body.result as { code: string }).code;
    const track = await post(kioskHost, 'dossier.track', { code });
    expect(track.status).toBe(200);
    expect(track.body.result).toMatchObject({ code, procedureCode: '1.001193', status: 'new', applicantMasked: 'N*** T*** M***' });
    for (const secret of ['001190012345', '0912345678', '12/3 Phố Huế', '1990-01-01', 'mai@example.vn', 'Trần Văn Bé', 'Bệnh viện Xanh Pôn', 'Nguyễn Thị Mai', 'kiosk']) {
      expect({ secret, found: track.text.includes(secret) }).toEqual({ secret, found: false });
    }
    // Holding a code is not being the resident: no one rates a dossier at a kiosk (it is rated at the counter of its return).
    expect(await post(kioskHost, 'rating.send', { dossierCode: code, level: 'satisfied' })).toMatchObject({ status: 403, body: { error: { code: 'forbidden', field: 'dossierCode' } } });
    // A desk on the LAN, which knows every dossier of the ward, answers no tracking at all.
    await kiosk.core.sync.runOnce();
    await desk.core.sync.runOnce();
    expect(await post(deskHost, 'dossier.track', { code })).toMatchObject({ status: 404, body: { error: { code: 'unknown_method' } } });
  });

  it('the event stream carries dossier codes only to a signed-in officer of the desk', async () => {
    const open = (query = '') => {
      const controller = new AbortController();
      const text = { value: '' };
      const done = fetch(`${deskHost.url}/api/events${query}`, { signal: controller.signal }).then(async (res) => {
        const reader = res.body!.getReader();
        for (;;) {
          const { value, done: end } = await reader.read();
          if (end) return;
          text.value += new TextDecoder().decode(value);
        }
      }).catch(() => undefined);
      return { text, stop: () => { controller.abort(); return done; } };
    };
    const officer = await signInOfficer(desk.core, 'can-bo-su-kien', ['receptionist']);
    const anonymous = open();
    const stale = open('?session=khong-phai-phien-that-1234567890');
    const signedIn = open(`?session=${encodeURIComponent(officer)}`);
    // Each stream is subscribed once its first line arrives (the host writes it as it subscribes): no event before that is missed.
    for (const s of [anonymous, stale, signedIn]) await expect.poll(() => s.text.value).toContain(': connected');
    // A resident files at the kiosk; the desk hears of it through the portal.
    const filed = await kiosk.core.call('dossier.submit', { procedureCode: '1.001193', applicant: { fullName: 'Lê Văn Sự Kiện' }, data: birthData() });
    await kiosk.core.sync.runOnce();
    await desk.core.sync.runOnce();
    await expect.poll(() => signedIn.text.value, { timeout: 5000 }).toContain(filed.code);
    // A public event after it: the other streams have had everything before it.
    expect((await post(deskHost, 'queue.issue', { group: 'A' })).status).toBe(200);
    await expect.poll(() => anonymous.text.value, { timeout: 5000 }).toContain('event: queue.changed');
    await expect.poll(() => stale.text.value, { timeout: 5000 }).toContain('event: queue.changed');
    for (const s of [anonymous, stale]) {
      expect(s.text.value).not.toContain(filed.code);
      expect(s.text.value).not.toContain('dossiers.changed');
      expect(s.text.value).not.toContain('sync.status');
    }
    expect(signedIn.text.value).toContain('event: dossiers.changed');
    // Signed out: the same stream hears no more codes.
    await post(deskHost, 'staff.signOut', { session: officer });
    const before = signedIn.text.value.length;
    const second = await kiosk.core.call('dossier.submit', { procedureCode: '1.001193', applicant: { fullName: 'Lê Văn Sau' }, data: birthData() });
    await kiosk.core.sync.runOnce();
    await desk.core.sync.runOnce();
    expect((await post(deskHost, 'queue.issue', { group: 'A' })).status).toBe(200);
    await expect.poll(() => signedIn.text.value.slice(before), { timeout: 5000 }).toContain('event: queue.changed');
    expect(signedIn.text.value.slice(before)).not.toContain(second.code);
    await Promise.all([anonymous.stop(), stale.stop(), signedIn.stop()]);
  });

  it('lookups by code are rate-limited per client: guessing codes stops after a dozen a minute', async () => {
    const host = await startWebHost({ core: kiosk.core, rendererDir: rendererFixture() });
    kiosk.clock.advance(61_000); // a fresh minute: the calls above counted too
    try {
      const answers: number[] = [];
      for (let i = 1; i <= 20; i++) answers.push((await post(host, 'dossier.track', { code: `00324.K99-200101-${String(i).padStart(4, '0')}` })).status);
      expect(answers.filter((s) => s === 404)).toHaveLength(12);
      expect(answers.slice(12)).toEqual(Array(8).fill(429));
      const refused = await post(host, 'dossier.track', { code: '00324.K99-200101-0099' });
      expect(refused.body.error).toMatchObject({ code: 'rate_limited', message: { vi: expect.stringContaining('Vui lòng thử lại sau') as unknown as string } });
      // A minute later the client may look up again; 1,800 guesses would take two and a half hours.
      kiosk.clock.advance(61_000);
      expect((await post(host, 'dossier.track', { code: '00324.K99-200101-0099' })).status).toBe(404);
    } finally {
      await host.close();
    }
  });
});
