/**
 * Counter visits and calls for an officer, through the core and over HTTP from a kiosk to the ward's
 * queue desk: slots within office hours on working days (the working calendar), a booking code,
 * check-in ahead of walk-ins, and "Gọi cán bộ hỗ trợ" answered at a desk.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock, type ManualClock } from '../../electron/core/clock.js';
import { loadConfig } from '../../electron/core/config/load.js';
import type { ConfigLayer } from '../../electron/core/config/schema.js';
import { createCore, type Core } from '../../electron/core/index.js';
import { createLogger } from '../../electron/core/log.js';
import { normalizeBookingCode } from '../../electron/core/visits/booking.js';
import { startWebHost, type WebHost } from '../../electron/web/server.js';
import { rendererDir } from '../../electron/paths.js';
import { wardCatalog } from '../helpers/catalog.js';
import { fileAsKiosk, isolatedPlatform, signInOfficer, tempDir } from '../helpers/core.js';

const OFFICE = { weekday: [['07:30', '11:30'], ['13:00', '17:00']] as [string, string][], saturday: [['08:00', '11:30']] as [string, string][] };

function device(layer: ConfigLayer, catalogDir: string, at: string): { core: Core; clock: ManualClock } {
  const dir = tempDir();
  const clock = manualClock(at);
  const loaded = loadConfig({ platform: isolatedPlatform(dir), flags: { dataDir: path.join(dir, 'data'), ward: { code: '00324', name: 'Phường Ba Đình' }, office: OFFICE, ...layer } });
  return { core: createCore({ loaded, clock, version: 'test', catalogDir, log: createLogger({ dir: path.join(dir, 'logs'), clock }) }), clock };
}

describe('booking a counter visit and calling an officer', () => {
  let desk: { core: Core; clock: ManualClock };
  let kiosk: { core: Core; clock: ManualClock };
  let host: WebHost;

  beforeAll(async () => {
    const catalog = wardCatalog(['1.001193', '2.000815', '1.004222', '1.000178']);
    // Friday 13 February 2026, 16:00: the next days are Saturday 14, then Tết (14–22/2) — the calendar's days off.
    desk = device({ mode: 'staff' }, catalog, '2026-02-13T16:00:00+07:00');
    host = await startWebHost({ core: desk.core, rendererDir });
    kiosk = device({ mode: 'kiosk', queue: { url: host.url }, kiosk: { name: 'Ki-ốt sảnh tầng 1' } }, catalog, '2026-02-13T16:00:00+07:00');
  });
  afterAll(async () => {
    await host?.close();
    kiosk?.core.close();
    desk?.core.close();
  });

  it('offers slots within office hours on working days only: none in the past half hour, none over Tết, Saturday mornings where the office opens them', async () => {
    const { group, days, procedure } = await kiosk.core.call('booking.days', { procedureCode: '2.000815' });
    expect(procedure.code).toBe('2.000815');
    expect(group).toEqual({ code: 'A', name: 'Hộ tịch' });
    // Friday 16:00: 16:30 is the first slot (half an hour ahead), 16:30 the last (it ends at 17:00).
    expect(days[0]).toEqual({ day: '2026-02-13', slots: [{ time: '16:30', left: 2 }] });
    // Saturday 14/2 to Sunday 22/2 are Tết; Monday 23/2 is the next working day.
    expect(days.map((d) => d.day)).toEqual(['2026-02-13', '2026-02-23', '2026-02-24', '2026-02-25', '2026-02-26']);
    const monday = days[1]!.slots.map((s) => s.time);
    expect(monday[0]).toBe('07:30');
    expect(monday).toContain('11:00');
    expect(monday).not.toContain('11:30');
    expect(monday).not.toContain('12:00');
    expect(monday).toContain('13:00');
    expect(monday.at(-1)).toBe('16:30');
    // Residence goes to group B.
    expect((await kiosk.core.call('booking.days', { procedureCode: '1.004222' })).group).toEqual({ code: 'B', name: 'Cư trú' });
  });

  it('a Saturday morning is offered where the office opens it', async () => {
    desk.clock.set(new Date('2026-03-06T16:45:00+07:00')); // Friday after the last slot
    const { days } = await desk.core.call('booking.days', { procedureCode: '2.000815' });
    expect(days[0]!.day).toBe('2026-03-07');
    expect(days[0]!.slots.map((s) => s.time)).toEqual(['08:00', '08:30', '09:00', '09:30', '10:00', '10:30', '11:00']);
    desk.clock.set(new Date('2026-02-13T16:00:00+07:00'));
  });

  it('books a slot (no name asked), fills it, refuses a closed or full one in plain words; the desk lists the day', async () => {
    const first = await kiosk.core.call('booking.create', { procedureCode: '2.000815', day: '2026-02-23', slot: '08:00' });
    expect(first.code).toMatch(/^LH-[2-9A-HJ-NP-Z]{6}$/);
    expect(first).toMatchObject({ day: '2026-02-23', slot: '08:00', procedureCode: '2.000815', status: 'booked', group: { code: 'A' }, ticket: null });
    await kiosk.core.call('booking.create', { procedureCode: '2.000815', day: '2026-02-23', slot: '08:00' });
    const full = await kiosk.core.invoke('booking.create', { procedureCode: '2.000815', day: '2026-02-23', slot: '08:00' }, { transport: 'internal', client: 'test' });
    expect(full).toMatchObject({ ok: false, error: { code: 'validation', field: 'slot', message: { vi: 'Khung giờ này đã kín lịch. Hãy chọn giờ khác.' } } });
    const closed = await desk.core.invoke('booking.create', { procedureCode: '2.000815', day: '2026-02-16', slot: '08:00' }, { transport: 'internal', client: 'test' });
    expect(closed).toMatchObject({ ok: false, error: { field: 'slot' } });
    const elsewhere = await desk.core.invoke('booking.create', { procedureCode: '1.000178', day: '2026-02-23', slot: '09:00' }, { transport: 'internal', client: 'test' });
    expect(elsewhere).toMatchObject({ ok: false, error: { field: 'procedureCode' } });
    const left = (await kiosk.core.call('booking.days', { procedureCode: '2.000815' })).days.find((d) => d.day === '2026-02-23')!.slots.find((s) => s.time === '08:00');
    expect(left).toEqual({ time: '08:00', left: 0 });
    const session = await signInOfficer(desk.core);
    const list = await desk.core.call('booking.list', { session, day: '2026-02-23' });
    expect(list.map((b) => [b.slot, b.procedureCode, b.status])).toEqual([['08:00', '2.000815', 'booked'], ['08:00', '2.000815', 'booked']]);
    expect(JSON.stringify(desk.core.db.prepare('SELECT * FROM counter_bookings').all())).not.toMatch(/Nguyễn|09\d{8}/);
  });

  it('on arrival the code gives a ticket that the counter calls before earlier walk-ins; another day or too late is told plainly', async () => {
    const booked = await kiosk.core.call('booking.create', { procedureCode: '1.001193', day: '2026-02-23', slot: '09:00' });
    for (const c of [desk, kiosk]) c.clock.set(new Date('2026-02-23T08:40:00+07:00'));
    const early = await kiosk.core.invoke('booking.checkIn', { code: booked.code }, { transport: 'internal', client: 'test' });
    expect(early).toMatchObject({ ok: true });
    // Typed however: lower case, no dash.
    expect(normalizeBookingCode(booked.code.toLowerCase().replace('-', ' '))).toBe(booked.code);
    const walkIns = [await desk.core.call('queue.issue', { group: 'A' }), await desk.core.call('queue.issue', { group: 'A' })];
    const again = await kiosk.core.call('booking.checkIn', { code: booked.code.replace('-', '').toLowerCase() });
    expect(again.ticket.label).toBe('A001'); // the same ticket: checking in twice gives it back
    const session = await signInOfficer(desk.core, 'can-bo-b', ['receptionist']);
    const called = await desk.core.call('queue.callNext', { session });
    expect(called!.label).toBe('A001');
    expect(walkIns.map((t) => t.label)).toEqual(['A002', 'A003']);
    const list = await desk.core.call('booking.list', { session, day: '2026-02-23' });
    expect(list.find((b) => b.code === booked.code)).toMatchObject({ status: 'checked_in', ticket: { label: 'A001', status: 'called' } });

    const other = await kiosk.core.call('booking.create', { procedureCode: '1.001193', day: '2026-02-24', slot: '09:00' });
    const wrongDay = await kiosk.core.invoke('booking.checkIn', { code: other.code }, { transport: 'internal', client: 'test' });
    expect(wrongDay).toMatchObject({ ok: false, error: { message: { vi: `Lịch hẹn ${other.code} là ngày 24/02/2026, lúc 09:00. Hôm nay bạn có thể lấy số thứ tự thường.` } } });
    // The next day, an hour after the 09:00 slot began: too late for a booked place.
    for (const c of [desk, kiosk]) c.clock.set(new Date('2026-02-24T10:01:00+07:00'));
    const late = await kiosk.core.invoke('booking.checkIn', { code: other.code }, { transport: 'internal', client: 'test' });
    expect(late).toMatchObject({ ok: false, error: { message: { vi: 'Đã quá giờ hẹn 09:00. Hãy lấy số thứ tự thường.' } } });
    const bad = await kiosk.core.invoke('booking.checkIn', { code: '12345' }, { transport: 'internal', client: 'test' });
    expect(bad).toMatchObject({ ok: false, error: { field: 'code', message: { vi: 'Mã đặt lịch chưa đúng. Mã có dạng LH-7K3Q9P, in trên phiếu đặt lịch.' } } });
  });

  it('a kiosk calls an officer with its name; a desk sees it and answers; the kiosk learns someone is coming', async () => {
    const asked = await kiosk.core.call('help.request', {});
    expect(asked).toMatchObject({ kiosk: 'Ki-ốt sảnh tầng 1', status: 'waiting' });
    // Asking again while waiting is the same request.
    expect((await kiosk.core.call('help.request', {})).id).toBe(asked.id);
    const session = await signInOfficer(desk.core, 'can-bo-c', ['receptionist']);
    const waiting = await desk.core.call('help.list', { session });
    expect(waiting.map((r) => [r.kiosk, r.status])).toEqual([['Ki-ốt sảnh tầng 1', 'waiting']]);
    await desk.core.call('help.acknowledge', { session, id: asked.id });
    expect(await kiosk.core.call('help.status', { id: asked.id })).toMatchObject({ status: 'coming', officer: 'Trần Thị Cán Bộ', counter: 'Quầy 1' });
  });

  it('the kiosk home\'s popular procedures: the default list until the ward has filed enough, then the ward\'s own most filed, asked of the queue desk', async () => {
    for (const c of [desk, kiosk]) c.clock.set(new Date('2026-03-02T09:00:00+07:00'));
    const before = await kiosk.core.call('catalog.popular', { limit: 3 });
    expect(before).toEqual({ source: 'default', items: [expect.objectContaining({ code: '1.001193', filed: 0 }), expect.objectContaining({ code: '1.004222' }), expect.objectContaining({ code: '2.000815' })] });
    // The ward's residents filed 15 certifications and 6 residence registrations lately (at the counter, at other kiosks: the queue desk has them all).
    for (let i = 0; i < 15; i++) fileAsKiosk(desk.core, { fullName: `Người ${i}` }, '2.000815');
    for (let i = 0; i < 6; i++) fileAsKiosk(desk.core, { fullName: `Người ${i}` }, '1.004222');
    kiosk.clock.advance(3_600_001);
    desk.clock.advance(3_600_001);
    const after = await kiosk.core.call('catalog.popular', { limit: 3 });
    expect(after.source).toBe('ward');
    expect(after.items.map((p) => [p.code, p.filed])).toEqual([['2.000815', 15], ['1.004222', 6], ['1.001193', 0]]);
  });
});
