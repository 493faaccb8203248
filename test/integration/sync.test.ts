import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startReferencePortal, type ReferencePortal } from '../portal/server.js';
import { signInOfficer, stored, tempDir, TEST_CALLER } from '../helpers/core.js';
import { applicant, birthFiling, makeDevice, receiveFiled, smallCatalog, type Device } from '../helpers/sync.js';

const catalogDir = smallCatalog();

async function admin(portal: ReferencePortal, path: string, body: unknown) {
  const res = await fetch(`${portal.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${portal.adminToken}` }, body: JSON.stringify(body) });
  return { status: res.status, body: res.status === 204 ? null : ((await res.json()) as Record<string, unknown>) };
}

describe('sync with the reference portal', () => {
  let portal: ReferencePortal;
  let kiosk: Device;
  let desk: Device;

  beforeEach(async () => {
    portal = await startReferencePortal({ dataDir: tempDir(), catalogDir, validateResponses: true });
    kiosk = makeDevice(portal.url, portal.createEnrollment('00324', 'kiosk'), { mode: 'kiosk', device: { slot: '01' } }, undefined, catalogDir);
    desk = makeDevice(portal.url, portal.createEnrollment('00324', 'staff'), { mode: 'staff', device: { slot: '01' } }, undefined, catalogDir);
  });
  afterEach(async () => {
    kiosk.core.close();
    desk.core.close();
    await portal.close();
  });

  it('a kiosk filing reaches the desk through the portal, and the desk’s status change comes back to the kiosk', async () => {
    const yesterday = new Date(kiosk.clock.now().getTime() + 7 * 3600_000 - 86_400_000).toISOString().slice(0, 10).split('-').reverse().join('/');
    const birth = { childName: 'Nguyễn Văn Bé', childBirthDate: yesterday, childSex: 'Nam', birthPlace: 'Bệnh viện Xanh Pôn', motherName: 'Trần Thị Hoa', motherId: '001192012345', relationship: 'cha-me' };
    // The core checks a guided form's data as the kiosk does.
    const partial = await kiosk.core.invoke('dossier.submit', { procedureCode: '1.001193', applicant: applicant(1), data: { childName: 'Nguyễn Văn Bé' } }, TEST_CALLER);
    expect(partial).toMatchObject({ ok: false, error: { code: 'validation', field: 'data.childBirthDate' } });
    const filed = await kiosk.core.call('dossier.submit', { procedureCode: '1.001193', applicant: applicant(1), data: birth });
    expect(filed.code).toMatch(/^00324\.K01-\d{6}-0001$/);
    expect(filed.ackedAt).toBeNull();
    expect((await kiosk.core.call('sync.status', {})).state).toBe('idle');

    const pushed = await kiosk.core.sync.runOnce();
    expect(pushed.errors).toEqual([]);
    expect(pushed.pushed).toBe(1); // the filing (the heartbeat goes straight, not through the outbox)
    const acked = stored(kiosk.core, filed.code)!;
    expect(acked.ackedAt).toBe(kiosk.clock.now().toISOString());
    // Acknowledged, and the portal's echo of it pulled in the same cycle: one 'new', now official.
    expect(acked.history.map((h) => [h.status, h.source, h.state])).toEqual([['new', 'local', 'official']]);

    await desk.core.sync.runOnce();
    const inbox = await desk.core.call('dossier.list', { session: await signInOfficer(desk.core), origin: 'portal' });
    expect(inbox.items.map((d) => d.code)).toEqual([filed.code]);
    // The list row carries the name only; the form data comes with the dossier itself (its read on record).
    expect(inbox.items[0]).toMatchObject({ procedureName: 'Đăng ký khai sinh', applicant: { fullName: 'Nguyễn Văn 1' }, status: 'new', data: {} });
    expect((await desk.core.call('dossier.get', { session: await signInOfficer(desk.core), code: filed.code })).data).toMatchObject({ childName: 'Nguyễn Văn Bé' });

    await receiveFiled(desk.core, await signInOfficer(desk.core, 'can-bo-a'), filed.code, '1.001193');
    await desk.core.call('dossier.transition', { code: filed.code, to: 'supplement', session: await signInOfficer(desk.core, 'can-bo-a'), note: 'Thiếu giấy chứng sinh' });
    await desk.core.sync.runOnce();
    const deskView = await desk.core.call('dossier.get', { session: await signInOfficer(desk.core), code: filed.code });
    // The portal's echo of the desk's own moves is the same event: one entry each, now official.
    expect(deskView.history.map((h) => [h.status, h.source, h.state])).toEqual([
      ['new', 'portal', 'official'],
      ['received', 'local', 'official'],
      ['supplement', 'local', 'official'],
    ]);

    await kiosk.core.sync.runOnce();
    const kioskView = stored(kiosk.core, filed.code)!;
    expect(kioskView.status).toBe('supplement');
    // One event whoever reports it: the kiosk's own filing and the portal's echo of it are one 'new'.
    expect(kioskView.history.map((h) => [h.status, h.source, h.state])).toEqual([
      ['new', 'local', 'official'],
      ['received', 'portal', 'official'],
      ['supplement', 'portal', 'official'],
    ]);
    // A second pull after a lost cursor delivers the same events again: still one each.
    kiosk.core.db.prepare("DELETE FROM sync_cursors WHERE feed = 'dossiers'").run();
    await kiosk.core.sync.runOnce();
    expect(stored(kiosk.core, filed.code)!.history.map((h) => h.status)).toEqual(['new', 'received', 'supplement']);
    expect(kioskView.history.at(-1)!.note).toBe('Thiếu giấy chứng sinh');
  });

  it('an appointment moved at the desk reaches the portal and the kiosk that filed the dossier', async () => {
    const filed = await kiosk.core.call('dossier.submit', {
      procedureCode: '1.004222',
      applicant: applicant(3),
      data: { address: '12/3 Phố Huế, Hai Bà Trưng', headName: 'Nguyễn Văn Chủ', headRelation: 'Con', reason: 'Về ở cùng gia đình' },
    });
    await kiosk.core.sync.runOnce();
    await desk.core.sync.runOnce();
    const session = await signInOfficer(desk.core);
    const received = await receiveFiled(desk.core, session, filed.code, '1.004222');
    // Two days later, in office hours (the desk refuses a time the office is closed).
    const later = (await desk.core.call('desk.appointmentSlot', { session, at: new Date(Date.parse(received.appointmentAt!) + 2 * 86_400_000).toISOString() })).at;
    await desk.core.call('desk.moveAppointment', { session, code: filed.code, to: later, reason: 'Chờ xác minh nơi cư trú' });
    expect((await desk.core.sync.runOnce()).errors).toEqual([]);
    expect(portal.db.prepare('SELECT appointment_at FROM dossiers WHERE code = ?').get(filed.code)).toEqual({ appointment_at: later });
    await kiosk.core.sync.runOnce();
    const seen = stored(kiosk.core, filed.code)!;
    expect(seen).toMatchObject({ status: 'received', appointmentAt: later });
    expect(seen.history.at(-1)!.note).toBe('Hẹn lại: Chờ xác minh nơi cư trú');
    expect((await desk.core.call('sync.outbox', { session: await signInOfficer(desk.core, 'quantri') })).parked).toEqual([]);
  });

  it('a transition the portal refuses is parked, shown to the officer who made it, and holds back that dossier', async () => {
    const filed = await kiosk.core.call('dossier.submit', birthFiling(2));
    await kiosk.core.sync.runOnce();
    await desk.core.sync.runOnce();
    // Someone at the portal moves the dossier first.
    await admin(portal, `/v1/admin/dossiers/${encodeURIComponent(filed.code)}/status`, { status: 'refused', note: 'Không thuộc thẩm quyền' });
    const refused: unknown[] = [];
    desk.core.onEvent((name, payload) => name === 'dossier.transitionRefused' && refused.push(payload));
    await receiveFiled(desk.core, await signInOfficer(desk.core, 'can-bo-b'), filed.code, '1.001193');
    const report = await desk.core.sync.runOnce();
    expect(report.parked).toBe(1);
    expect(refused).toEqual([expect.objectContaining({ code: filed.code, to: 'received', actor: 'can-bo-b' })]);
    const view = await desk.core.call('dossier.get', { session: await signInOfficer(desk.core), code: filed.code });
    expect(view.history.find((h) => h.source === 'local')).toMatchObject({ state: 'refused', error: expect.stringContaining('refused') as unknown as string });
    const outbox = await desk.core.call('sync.outbox', { session: await signInOfficer(desk.core, 'quantri') });
    expect(outbox.parked).toHaveLength(1);
    expect(outbox.parked[0]!.lastError).toContain('status is now refused');
    expect((await desk.core.call('sync.status', { session: await signInOfficer(desk.core) })).parked).toBe(1);
  });

  it('pulls catalog changes, announcements and holidays published at the portal; a cycle with nothing new is one request, answered 304', async () => {
    await kiosk.core.sync.runOnce(); // full catalog sync
    const before = await kiosk.core.call('catalog.get', { code: '1.001193' });
    expect(before.name).toBe('Đăng ký khai sinh');

    expect((await admin(portal, '/v1/admin/announcements', { title: 'Nghỉ Tết Bính Ngọ', body: 'Nghỉ từ 14/2 đến 22/2/2026.' })).status).toBe(201);
    expect((await admin(portal, '/v1/admin/holidays', { date: '2026-04-27', kind: 'off', name: 'Nghỉ bù Giỗ Tổ Hùng Vương' })).status).toBe(201);
    expect((await admin(portal, '/v1/admin/procedures', { code: '1.001193', name: 'Đăng ký khai sinh (đã cập nhật)' })).status).toBe(201);
    expect((await admin(portal, '/v1/admin/procedures', { code: '1.000178', remove: true })).status).toBe(201);

    const report = await kiosk.core.sync.runOnce();
    expect(report.catalogChanges).toBe(4);
    expect((await kiosk.core.call('catalog.get', { code: '1.001193' })).name).toBe('Đăng ký khai sinh (đã cập nhật)');
    expect((await kiosk.core.invoke('catalog.get', { code: '1.000178' }, TEST_CALLER)).ok).toBe(false);
    const found = await kiosk.core.call('catalog.search', { query: 'da cap nhat khai sinh', limit: 1 });
    expect(found.procedures[0]!.code).toBe('1.001193');
    expect((await kiosk.core.call('announcements.list', {})).map((a) => a.title)).toContain('Nghỉ Tết Bính Ngọ');
    expect(kiosk.core.db.prepare("SELECT name FROM holidays WHERE date = '2026-04-27'").get()).toEqual({ name: 'Nghỉ bù Giỗ Tổ Hùng Vương' });

    const before304 = { ...portal.requests.byOperation };
    const idle = await kiosk.core.sync.runOnce();
    expect(idle.notModified).toEqual(['dossiers', 'catalog']);
    expect(idle.bytes).toBe(0);
    // Both feeds in one request answered 304; the heartbeat had nothing new to say.
    const made = Object.fromEntries(Object.entries(portal.requests.byOperation).map(([op, n]) => [op, n - (before304[op] ?? 0)]).filter(([, n]) => n));
    expect(made).toEqual({ changes: 1 });
  });

  it('registers once with the enrollment code, and a revoked device is told so', async () => {
    await kiosk.core.sync.runOnce();
    const devices = await (await fetch(`${portal.url}/v1/admin/devices`, { headers: { Authorization: `Bearer ${portal.adminToken}` } })).json() as { deviceId: string; heartbeat: { outboxLength: number } | null }[];
    expect(devices).toHaveLength(1);
    // Everything it had was delivered: the fleet page shows an empty outbox.
    expect(devices[0]!.heartbeat).toMatchObject({ status: 'ok', outboxLength: 0, parkedLength: 0, outbox: 'ok' });
    await admin(portal, `/v1/admin/devices/${devices[0]!.deviceId}/revoke`, {});
    await kiosk.core.call('dossier.submit', birthFiling(3));
    await kiosk.core.sync.runOnce();
    const status = await kiosk.core.call('sync.status', {});
    // The filing waits in the outbox, untouched, until the device is enrolled again.
    expect(status).toMatchObject({ state: 'error', subtype: 'unauthorized', pending: 1 });
  });

  it('refuses requests the API document does not allow, with a problem naming the field', async () => {
    // Everything but the app version.
    const body = { enrollmentCode: 'ABCDEF1234', wardCode: '00324', mode: 'kiosk', deviceId: 'device-12345678' };
    const res = await fetch(`${portal.url}/v1/devices/register`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await res.json()) as { field: string };
    expect(problem.field).toBe('body/appVersion');
    const unknown = await fetch(`${portal.url}/v1/nothing`);
    expect(unknown.status).toBe(404);
  });

  it('keeps working with no portal: filings queue up and drain when it comes back', async () => {
    const url = portal.url;
    await portal.close();
    for (let i = 0; i < 5; i++) await kiosk.core.call('dossier.submit', birthFiling(10 + i));
    const down = await kiosk.core.sync.runOnce();
    expect(down.errors[0]).toContain('unreachable');
    // Nothing reached the portal, not even the registration: the five filings wait.
    expect(await kiosk.core.call('sync.status', {})).toMatchObject({ state: 'error', subtype: 'portal_unreachable', pending: 5 });
    expect((await kiosk.core.call('catalog.search', { query: 'khai sinh', limit: 1 })).procedures).toHaveLength(1);

    portal = await startReferencePortal({ dataDir: tempDir(), catalogDir, port: Number(new URL(url).port) });
    // The retry time has come.
    kiosk.core.db.prepare("UPDATE outbox SET next_attempt_at = '2000-01-01T00:00:00.000Z' WHERE state = 'pending'").run();
    const code = portal.createEnrollment('00324', 'kiosk');
    kiosk.core.close();
    kiosk = makeDevice(url, code, { mode: 'kiosk' }, kiosk.dir, catalogDir);
    const up = await kiosk.core.sync.runOnce();
    expect(up.errors).toEqual([]);
    expect(portal.db.prepare('SELECT count(*) AS n FROM dossiers').get()).toEqual({ n: 5 });
    expect(await kiosk.core.call('sync.status', {})).toMatchObject({ state: 'idle', pending: 0 });
  });
});
