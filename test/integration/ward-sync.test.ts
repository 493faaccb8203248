/**
 * What one desk says for the whole ward reaches every device of it through the portal: the ward's
 * announcements (residents read them on every kiosk, also outside the office LAN) and the desk admin's
 * days off (every desk counts the same due dates). Made offline, they work at once on that desk and go
 * when the portal answers; the feed never undoes a change still on its way. Real portal and proxy on
 * 127.0.0.1, real SQLite.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../electron/contract.js';
import { startFaultProxy, type FaultProxy } from '../portal/fault-proxy.js';
import { startReferencePortal, type ReferencePortal } from '../portal/server.js';
import { signInOfficer, tempDir } from '../helpers/core.js';
import { makeDevice, smallCatalog, type Device } from '../helpers/sync.js';

describe('a desk speaks for its ward through the portal', () => {
  const catalogDir = smallCatalog();
  let portal: ReferencePortal;
  let proxy: FaultProxy;
  /** What the office's line to the portal does to desk A's requests. */
  let line: 'up' | 'down' | 'no-day-posts' = 'up';
  let deskA: Device, deskB: Device, kiosk: Device, otherWard: Device;
  let adminA: string, adminB: string;
  const screen: Caller = { transport: 'ipc', client: 'kiosk-window' };
  const pendingWard = () => (deskA.core.db.prepare("SELECT count(*) AS n FROM outbox WHERE kind LIKE 'ward.%' AND state = 'pending'").get() as { n: number }).n;
  const later = (d: Device, minutes: number) => d.clock.set(new Date(d.clock.now().getTime() + minutes * 60_000));

  beforeAll(async () => {
    portal = await startReferencePortal({ dataDir: tempDir(), catalogDir });
    proxy = await startFaultProxy(portal.url, {
      rate: 0,
      rules: [(req) => (line === 'down' || (line === 'no-day-posts' && req.method === 'POST' && req.url.startsWith('/v1/ward/days')) ? 'drop' : null)],
    });
    deskA = makeDevice(proxy.url, portal.createEnrollment('00324', 'staff'), { mode: 'staff', device: { slot: '01' } }, undefined, catalogDir);
    deskB = makeDevice(portal.url, portal.createEnrollment('00324', 'staff'), { mode: 'staff', device: { slot: '02' } }, undefined, catalogDir);
    kiosk = makeDevice(portal.url, portal.createEnrollment('00324', 'kiosk'), { mode: 'kiosk', device: { slot: '01' } }, undefined, catalogDir);
    otherWard = makeDevice(portal.url, portal.createEnrollment('00325', 'kiosk'), { mode: 'kiosk', device: { slot: '01' }, ward: { code: '00325', name: 'Phường Ngọc Hà' } }, undefined, catalogDir);
    for (const d of [deskA, deskB, kiosk, otherWard]) expect((await d.core.sync.runOnce()).errors).toEqual([]);
    adminA = await signInOfficer(deskA.core, 'quantri.a', ['desk_admin', 'supervisor'], 'Quản trị A');
    adminB = await signInOfficer(deskB.core, 'quantri.b', ['desk_admin', 'supervisor'], 'Quản trị B');
  }, 60_000);
  afterAll(async () => {
    for (const d of [deskA, deskB, kiosk, otherWard]) d?.core.close();
    await proxy?.close();
    await portal?.close();
  });

  it('a day off and an announcement made while the portal is away work at once on that desk, then reach every device of the ward (and no other ward)', async () => {
    line = 'down';
    await deskA.core.call('calendar.save', { session: adminA, date: '2026-12-31', kind: 'off', name: 'Nghỉ theo quyết định của UBND phường' });
    const posted = await deskA.core.call('announcements.create', { session: adminA, title: 'Lịch tiếp công dân dịp Tết', body: 'Bộ phận Một cửa làm việc sáng thứ Bảy 6/2/2027.' });
    // At once on desk A: the day is off for its due dates, the notice is listed.
    expect((await deskA.core.call('calendar.list', { session: adminA, year: 2026 })).find((d) => d.date === '2026-12-31')).toMatchObject({ kind: 'off', source: 'local' });
    expect((await deskA.core.call('announcements.list', {})).map((a) => a.title)).toContain('Lịch tiếp công dân dịp Tết');
    expect((await deskA.core.sync.runOnce()).errors).not.toEqual([]);
    expect(pendingWard()).toBe(2);

    // The line is back: desk A's queue goes out; the other devices hear it in their next sync.
    line = 'up';
    later(deskA, 10);
    expect((await deskA.core.sync.runOnce()).errors).toEqual([]);
    expect(pendingWard()).toBe(0);
    for (const d of [deskB, kiosk, otherWard]) expect((await d.core.sync.runOnce()).errors).toEqual([]);
    expect((await deskB.core.call('calendar.list', { session: adminB, year: 2026 })).find((d) => d.date === '2026-12-31')).toEqual({ date: '2026-12-31', kind: 'off', name: 'Nghỉ theo quyết định của UBND phường', source: 'local', provisional: false });
    expect((await kiosk.core.call('announcements.list', {}, screen)).map((a) => a.title)).toContain('Lịch tiếp công dân dịp Tết');
    expect((await otherWard.core.call('announcements.list', {}, screen)).map((a) => a.title)).not.toContain('Lịch tiếp công dân dịp Tết');
    // Back at desk A through the feed, it is the same notice, not a second one.
    await deskA.core.sync.runOnce();
    expect((await deskA.core.call('announcements.list', {})).filter((a) => a.title === 'Lịch tiếp công dân dịp Tết').map((a) => a.id)).toEqual([posted.id]);
  });

  it('the feed never undoes an admin’s change still on its way: the last change made reaches every desk', async () => {
    // Desk B marks 31/12 a working day again and it reaches the portal.
    await deskB.core.call('calendar.save', { session: adminB, date: '2026-12-31', kind: 'normal', name: '' });
    expect((await deskB.core.sync.runOnce()).errors).toEqual([]);
    // Meanwhile desk A's admin, whose posts do not get through, sets it off again with another name.
    line = 'no-day-posts';
    await deskA.core.call('calendar.save', { session: adminA, date: '2026-12-31', kind: 'off', name: 'Nghỉ bù (quyết định mới)' });
    await deskA.core.sync.runOnce(); // the feed brings desk B's "normal"; desk A's own change waits to be sent
    const onA = async () => (await deskA.core.call('calendar.list', { session: adminA, year: 2026 })).find((d) => d.date === '2026-12-31');
    expect(await onA()).toMatchObject({ kind: 'off', name: 'Nghỉ bù (quyết định mới)' });
    line = 'up';
    later(deskA, 10);
    expect((await deskA.core.sync.runOnce()).errors).toEqual([]);
    await deskA.core.sync.runOnce();
    expect(await onA()).toMatchObject({ kind: 'off', name: 'Nghỉ bù (quyết định mới)' });
    await deskB.core.sync.runOnce();
    expect((await deskB.core.call('calendar.list', { session: adminB, year: 2026 })).find((d) => d.date === '2026-12-31')).toMatchObject({ kind: 'off', name: 'Nghỉ bù (quyết định mới)', source: 'local' });
  });

  it('the portal takes a ward’s word only from a desk of that ward', async () => {
    const kioskToken = kiosk.core.device.get().deviceToken;
    const res = await fetch(`${portal.url}/v1/ward/days`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${kioskToken}`, 'Idempotency-Key': 'kiosk-tries-1' }, body: JSON.stringify({ date: '2026-12-30', kind: 'off', name: 'x' }) });
    expect(res.status).toBe(403);
  });
});
