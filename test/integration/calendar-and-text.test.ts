/**
 * The calendar for any year, Vietnam time and normalized input, through the real core, the real
 * CLI (under three machine zones) and the reference portal on 127.0.0.1.
 */
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { doctor, formatDoctor } from '../../electron/cli/doctor.js';
import { manualClock, type ManualClock } from '../../electron/core/clock.js';
import { loadConfig } from '../../electron/core/config/load.js';
import { AppError } from '../../electron/core/errors.js';
import { createCore, type Core } from '../../electron/core/index.js';
import { createLogger } from '../../electron/core/log.js';
import { startReferencePortal, type ReferencePortal } from '../portal/server.js';
import { cli } from '../helpers/cli.js';
import { isolatedPlatform, signInOfficer, tempDir, TEST_CALLER } from '../helpers/core.js';
import { fleetPageOf, makeDevice, smallCatalog } from '../helpers/sync.js';

const catalogDir = smallCatalog();
const open: Core[] = [];

function makeDesk(at: string): { core: Core; clock: ManualClock } {
  const dir = tempDir();
  const clock = manualClock(at);
  const loaded = loadConfig({ platform: isolatedPlatform(dir), flags: { mode: 'staff', dataDir: path.join(dir, 'data'), ward: { code: '00324', name: 'Phường Ba Đình' } } });
  const core = createCore({ loaded, clock, version: 'test', catalogDir, log: createLogger({ dir: path.join(dir, 'logs'), clock }) });
  open.push(core);
  return { core, clock };
}

afterEach(() => {
  for (const c of open.splice(0)) c.close();
});

async function rejection(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected the call to be refused');
}

describe('motcua calendar due, whatever zone the machine is in', () => {
  const ZONES = ['UTC', 'Asia/Ho_Chi_Minh', 'Pacific/Kiritimati'];
  const dir = tempDir();
  const due = (tz: string, ...args: string[]) => cli(['calendar', 'due', ...args, '--data-dir', path.join(dir, 'data')], { TZ: tz }, dir);

  it.each(ZONES)('a time without an offset is Vietnam time (TZ=%s): Friday 16:00 + 2 working days → Tuesday 16:00', (tz) => {
    const r = due(tz, '--from', '2026-03-06T16:00', '--working-days', '2');
    expect(r.code).toBe(0);
    expect(r.out).toBe('Hạn / due: Thứ Ba, 10/03/2026 16:00 (giờ Việt Nam / Vietnam time)\n');
  });

  it.each(ZONES)('2027 has days off before its table arrives, marked provisional (TZ=%s)', (tz) => {
    const newYear = due(tz, '--from', '2026-12-31T09:00+07:00', '--working-days', '1', '--json');
    expect(JSON.parse(newYear.out)).toMatchObject({ dueLocal: '2027-01-04T09:00+07:00', weekday: 'Thứ Hai', provisional: true });
    const mayDay = due(tz, '--from', '2027-04-29T09:00', '--working-days', '1');
    expect(mayDay.out).toBe(
      'Hạn / due: Thứ Ba, 04/05/2027 09:00 (giờ Việt Nam / Vietnam time)\n' +
        'Tạm tính / provisional: năm 2027 chưa có lịch nghỉ chính thức, ngày nghỉ tính theo Bộ luật Lao động / no official days-off table for 2027 yet\n',
    );
  });

  it('months follow the Civil Code: 31/05 + 1 month → 30/06 at the close of office', () => {
    expect(due('UTC', '--from', '2026-05-31T09:00', '--months', '1').out).toBe('Hạn / due: Thứ Ba, 30/06/2026 17:00 (giờ Việt Nam / Vietnam time)\n');
    expect(due('UTC', '--from', '2026-05-31T09:00').code).toBe(2);
  });
});

describe('the working-day calendar of any year, at the desk', () => {
  it('lists 2027’s statutory days as provisional, warns the admin from 1 October, and marks appointments', async () => {
    const { core, clock } = makeDesk('2026-09-30T09:00:00+07:00');
    expect((await core.call('calendar.status', { session: await signInOfficer(core, 'quantri') })).warnings).toEqual([]);
    clock.set('2026-10-01T08:00:00+07:00');
    const admin = await signInOfficer(core, 'quantri');
    const { warnings } = await core.call('calendar.status', { session: admin });
    expect(warnings.map((w) => w.year)).toEqual([2027]);
    expect(warnings[0]!.message.vi).toContain('Năm 2027 chưa có lịch nghỉ chính thức');

    const officer = await signInOfficer(core);
    const days2027 = await core.call('calendar.list', { session: officer, year: 2027 });
    expect(days2027.find((d) => d.date === '2027-02-06')).toEqual({ date: '2027-02-06', kind: 'off', name: 'Tết Nguyên đán Đinh Mùi', source: 'statutory', provisional: true });
    expect(days2027.every((d) => d.provisional)).toBe(true);
    expect((await core.call('calendar.list', { session: officer, year: 2026 })).every((d) => !d.provisional)).toBe(true);

    // A 20-working-day dossier received in December 2026 ends in January 2027, past 1/1.
    clock.set('2026-12-10T09:00:00+07:00');
    const officerNow = await signInOfficer(core);
    const preview = await core.call('desk.appointmentPreview', { session: officerNow, procedureCode: '1.001193', workingDays: 20 });
    expect(preview).toMatchObject({ at: '2027-01-08T02:00:00.000Z', provisional: true });
    const received = await core.call('desk.receive', {
      session: officerNow,
      procedureCode: '1.001193',
      applicant: { fullName: 'Phạm Văn Bình', idNumber: '001090123456', phone: '0912-345-678' },
      papers: (await core.call('desk.checklist', { session: officerNow, procedureCode: '1.001193' })).common.map((p) => ({ id: p.id, presented: true })),
      attachments: [],
      sets: 1,
      collect: 'counter',
      outcome: 'accept',
      workingDays: 20,
    });
    expect(received.appointmentAt).toBe('2027-01-08T02:00:00.000Z');
    expect(received.appointmentProvisional).toBe(true);
    expect(received.applicant.phone).toBe('0912345678');
  });

  it('the admin’s edit replaces one provisional day; “normal” on a computed day off makes it a working day', async () => {
    const { core } = makeDesk('2026-11-02T09:00:00+07:00');
    const admin = await signInOfficer(core, 'quantri');
    await core.call('calendar.save', { session: admin, date: '2027-09-03', kind: 'normal', name: '' });
    await core.call('calendar.save', { session: admin, date: '2027-09-01', kind: 'off', name: 'Quốc khánh (theo thông báo)' });
    const list = await core.call('calendar.list', { session: admin, year: 2027 });
    expect(list.find((d) => d.date === '2027-09-03')).toMatchObject({ kind: 'workday', source: 'local', provisional: true });
    expect(list.find((d) => d.date === '2027-09-01')).toMatchObject({ kind: 'off', source: 'local', provisional: true });
    expect(list.find((d) => d.date === '2027-09-02')).toMatchObject({ kind: 'off', source: 'statutory' });
    expect((await rejection(core.call('calendar.list', { session: admin, year: 1999 }))).code).toBe('validation');
  });

  it('doctor reports the provisional year', async () => {
    const { core, clock } = makeDesk('2026-12-01T09:00:00+07:00');
    const report = await doctor(core.loaded, { version: 'test', now: () => clock.now() });
    expect(report.calendar.map((c) => c.year)).toEqual([2027]);
    expect(formatDoctor(report)).toContain('Cảnh báo lịch nghỉ / Calendar warning: Năm 2027 chưa có lịch nghỉ chính thức');
  });

  it('the warning starts on 1 October in Vietnam — at 00:30 there, still 30 September in UTC — on the admin page and in doctor alike', async () => {
    const { core, clock } = makeDesk('2026-09-30T23:30:00+07:00');
    const admin = await signInOfficer(core, 'quantri');
    expect((await core.call('calendar.status', { session: admin })).warnings).toEqual([]);
    expect((await doctor(core.loaded, { version: 'test', now: () => clock.now() })).calendar).toEqual([]);
    clock.set('2026-10-01T00:30:00+07:00');
    const again = await signInOfficer(core, 'quantri');
    expect((await core.call('calendar.status', { session: again })).warnings.map((w) => w.year)).toEqual([2027]);
    expect((await doctor(core.loaded, { version: 'test', now: () => clock.now() })).calendar.map((c) => c.year)).toEqual([2027]);
  });
});

describe('the portal’s table replaces the provisional days, and the heartbeat says which years are provisional', () => {
  let portal: ReferencePortal;
  beforeAll(async () => {
    portal = await startReferencePortal({ dataDir: tempDir(), catalogDir, validateResponses: true });
  });
  afterAll(async () => {
    await portal.close();
  });

  it('the heartbeat names next year from 1 October, Vietnam time, and the IT admin reads it on the fleet page (before the portal publishes 2027)', async () => {
    const desk = makeDevice(portal.url, portal.createEnrollment('00324', 'staff'), { mode: 'staff', device: { slot: '08' } }, undefined, catalogDir);
    open.push(desk.core);
    const deviceId = () => desk.core.device.get().deviceId;
    const lastHeartbeat = () => JSON.parse((portal.db.prepare('SELECT heartbeat FROM devices WHERE device_id = ?').get(deviceId()) as { heartbeat: string }).heartbeat) as { calendarProvisional?: number[] };
    // 30 September, 23:30 in Hà Nội: 2027 is not yet a warning (2026's table is official).
    desk.clock.set('2026-09-30T23:30:00+07:00');
    await desk.core.sync.runOnce();
    await desk.core.sync.runOnce();
    expect(lastHeartbeat().calendarProvisional ?? []).toEqual([]);
    // Half past midnight on 1 October there (still 30 September in UTC): a changed heartbeat goes at once.
    desk.clock.set('2026-10-01T00:30:00+07:00');
    await desk.core.sync.runOnce();
    expect(lastHeartbeat().calendarProvisional).toEqual([2027]);
    const page = await fleetPageOf(portal);
    expect(page).toContain('Lịch nghỉ tạm tính / provisional days off: 2027');
  });

  it('a desk hears 2027’s official table from the portal', async () => {
    const desk = makeDevice(portal.url, portal.createEnrollment('00324', 'staff'), { mode: 'staff', device: { slot: '07' } }, undefined, catalogDir);
    open.push(desk.core);
    desk.clock.set('2026-11-20T09:00:00+07:00');
    await desk.core.sync.runOnce();
    await desk.core.sync.runOnce(); // the heartbeat queued by the first cycle goes out
    const hb = portal.db.prepare("SELECT heartbeat FROM devices WHERE device_id = (SELECT device_id FROM devices ORDER BY last_seen_at DESC LIMIT 1)").get() as { heartbeat: string };
    expect(JSON.parse(hb.heartbeat)).toMatchObject({ calendarProvisional: [2027] });

    // The Ministry's notice: Tết Đinh Mùi 4/2–10/2/2027, published at the portal.
    for (const date of ['2027-02-04', '2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10']) {
      const res = await fetch(`${portal.url}/v1/admin/holidays`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${portal.adminToken}` }, body: JSON.stringify({ date, kind: 'off', name: 'Tết Nguyên đán Đinh Mùi' }) });
      expect(res.status).toBe(201);
    }
    await desk.core.sync.runOnce();
    const session = await signInOfficer(desk.core, 'quantri');
    const list = await desk.core.call('calendar.list', { session, year: 2027 });
    expect(list.map((d) => [d.date, d.source, d.provisional])).toEqual([
      ['2027-02-04', 'portal', false],
      ['2027-02-05', 'portal', false],
      ['2027-02-08', 'portal', false],
      ['2027-02-09', 'portal', false],
      ['2027-02-10', 'portal', false],
    ]);
    expect((await desk.core.call('calendar.status', { session })).warnings).toEqual([]);
  });
});

describe('text is normalized at the contract boundary', () => {
  it('odd spaces, NFD and phone formats are stored in one form; a bad phone gets the validator’s message', async () => {
    const { core } = makeDesk('2026-03-02T09:00:00+07:00');
    const session = await signInOfficer(core);
    // Received at the counter (a desk takes no network filings), as an officer types or a scanner sends it.
    const filed = await core.call('desk.receive', {
      session,
      procedureCode: '1.001193',
      applicant: { fullName: '  Nguye\u0302\u0303n\u00a0Va\u0306n   A\u200b ', idNumber: '001 090 123 456', phone: '(+84) 912 345 678', email: 'An@Gmail.COM' },
      papers: [],
      attachments: [],
      sets: 1,
      collect: 'counter',
      outcome: 'refuse',
      reason: 'Không thuộc thẩm quyền',
    });
    expect(filed.applicant).toMatchObject({ fullName: 'Nguyễn Văn A', idNumber: '001090123456', phone: '0912345678', email: 'An@gmail.com' });
    for (const query of ['nguyen van a', 'NGUYỄN\u00a0\u00a0văn A', 'Nguyễn Văn \u0410']) {
      const found = await core.call('dossier.list', { session, query });
      expect(found.items.map((d) => d.code), query).toEqual([filed.code]);
    }
    const bad = await core.invoke(
      'desk.receive',
      { session, procedureCode: '1.001193', applicant: { fullName: 'A', phone: '0912 345' }, papers: [], attachments: [], sets: 1, collect: 'counter', outcome: 'refuse', reason: 'x' },
      TEST_CALLER,
    );
    expect(bad).toMatchObject({ ok: false, error: { code: 'validation', field: 'applicant.phone', message: { vi: expect.stringContaining('Số điện thoại chưa đúng') as unknown as string } } });
  });
});
