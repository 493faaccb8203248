import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { DOSSIER_STATUSES, type DossierStatusName, type MethodInput } from '../../electron/contract.js';
import { manualClock, type ManualClock } from '../../electron/core/clock.js';
import { loadConfig } from '../../electron/core/config/load.js';
import type { ConfigLayer } from '../../electron/core/config/schema.js';
import { TRANSITIONS } from '../../electron/core/dossiers/lifecycle.js';
import { AppError } from '../../electron/core/errors.js';
import { createCore, type Core } from '../../electron/core/index.js';
import { createLogger } from '../../electron/core/log.js';
import { rendererDir } from '../../electron/paths.js';
import { hashPassword } from '../../electron/core/staff/password.js';
import { startWebHost } from '../../electron/web/server.js';
import { startReferencePortal } from '../portal/server.js';
import { fileAsKiosk, isolatedPlatform, signInOfficer, tempDir, TEST_PASSWORD } from '../helpers/core.js';
import { getProcedure } from '../../electron/core/catalog/repo.js';
import { buildChecklist, requiredPapers } from '../../electron/core/desk/checklist.js';
import { makeDevice, smallCatalog } from '../helpers/sync.js';

const catalogDir = smallCatalog();
const open: Core[] = [];

function makeDesk(at: string, layer: ConfigLayer = {}): { core: Core; clock: ManualClock; dir: string } {
  const dir = tempDir();
  const clock = manualClock(at);
  const loaded = loadConfig({
    platform: isolatedPlatform(dir),
    flags: { mode: 'staff', dataDir: path.join(dir, 'data'), ward: { code: '00324', name: 'Phường Ba Đình' }, ...layer },
  });
  const core = createCore({ loaded, clock, version: 'test', catalogDir, log: createLogger({ dir: path.join(dir, 'logs'), clock }) });
  open.push(core);
  current = core;
  return { core, clock, dir };
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

const PNG_1PX = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

/** The papers of a procedure's main case, all ticked: what an ordinary complete dossier hands in. */
function mainPapers(core: Core, procedureCode: string) {
  return requiredPapers(buildChecklist(getProcedure(core.db, procedureCode)!)).map((p) => ({ id: p.id, presented: true }));
}

let current: Core;
const birth = (session: string, extra: Partial<MethodInput<'desk.receive'>> = {}): MethodInput<'desk.receive'> => ({
  session,
  procedureCode: '1.001193',
  applicant: { fullName: 'Phạm Văn Bình', idNumber: '001090123456', address: 'Số 5 Phố Kim Mã, Ba Đình', phone: '0912345678' },
  papers: mainPapers(current, extra.procedureCode ?? '1.001193'),
  attachments: [{ name: 'Giấy chứng sinh (bản quét)', dataUrl: PNG_1PX }],
  sets: 1,
  collect: 'counter',
  outcome: 'accept',
  ...extra,
});

describe('staff accounts, sessions and the audit log', () => {
  it('the first account is the desk admin; wrong passwords lock the account; idle sessions end; roles are enforced', async () => {
    const { core, clock } = makeDesk('2026-11-23T09:00:00+07:00');
    expect((await core.call('staff.status', {})).needsSetup).toBe(true);
    const setupCode = core.setupCode()!;
    const weak = await rejection(core.call('staff.setup', { setupCode, username: 'quantri', displayName: 'Quản trị', password: 'abc' }));
    expect(weak.messages.vi).toContain('ít nhất 10 ký tự');
    const admin = await core.call('staff.setup', { setupCode, username: 'quantri', displayName: 'Quản trị quầy', password: TEST_PASSWORD });
    expect(admin.roles).toEqual(['desk_admin', 'supervisor']);
    expect((await rejection(core.call('staff.setup', { setupCode, username: 'khac', displayName: 'Khác', password: TEST_PASSWORD }))).code).toBe('forbidden');
    // Stored as scrypt, never as the password.
    const stored = core.db.prepare("SELECT password_hash FROM staff_accounts WHERE username = 'quantri'").get() as { password_hash: string };
    expect(stored.password_hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(stored.password_hash).not.toContain(TEST_PASSWORD);

    await core.call('staff.save', { session: admin.token, username: 'le.van.c', displayName: 'Lê Văn C', roles: ['receptionist'], active: true, password: 'tiep-nhan-so-mot-01' });
    for (let i = 0; i < 4; i++) {
      const e = await rejection(core.call('staff.signIn', { username: 'le.van.c', password: 'sai-mat-khau-1' }));
      expect(e.messages.vi).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
    }
    await rejection(core.call('staff.signIn', { username: 'le.van.c', password: 'sai-mat-khau-1' }));
    // Locked now: even the right password is refused until the lockout ends (15 minutes).
    const locked = await rejection(core.call('staff.signIn', { username: 'le.van.c', password: 'tiep-nhan-so-mot-01' }));
    expect(locked.messages.vi).toContain('đang bị khóa');
    expect(locked.messages.vi).toContain('09:15');
    clock.advance(16 * 60_000);
    const s = await core.call('staff.signIn', { username: 'LE.VAN.C', password: 'tiep-nhan-so-mot-01' });
    expect(s).toMatchObject({ username: 'le.van.c', roles: ['receptionist'], counter: 'Quầy 1', lockMinutes: 10 });

    // A receptionist cannot manage accounts or read reports.
    expect((await rejection(core.call('staff.list', { session: s.token }))).code).toBe('forbidden');
    const forbidden = await rejection(core.call('report.summary', { session: s.token, from: '2026-11-01T00:00:00+07:00', to: '2026-12-01T00:00:00+07:00' }));
    expect(forbidden.messages.vi).toBe('Việc này cần vai trò: Lãnh đạo.');

    // Idle longer than the lock minutes: the session is gone.
    clock.advance(11 * 60_000);
    const ended = await rejection(core.call('staff.me', { session: s.token }));
    expect(ended.code).toBe('unauthorized');
    expect(ended.messages.vi).toBe('Phiên làm việc đã hết. Vui lòng đăng nhập lại.');

    // Deactivated: signs in no more.
    const admin2 = await core.call('staff.signIn', { username: 'quantri', password: TEST_PASSWORD });
    await core.call('staff.save', { session: admin2.token, username: 'le.van.c', displayName: 'Lê Văn C', roles: ['receptionist'], active: false });
    await rejection(core.call('staff.signIn', { username: 'le.van.c', password: 'tiep-nhan-so-mot-01' }));

    const audit = await core.call('audit.list', { session: admin2.token, limit: 100 });
    expect(audit.chain).toMatchObject({ ok: true, checked: audit.total, brokenAt: null, problem: null });
    expect(audit.items.map((e) => e.action)).toEqual(
      expect.arrayContaining(['staff.create', 'staff.signInFailed', 'staff.locked', 'staff.signIn', 'staff.update']),
    );
  });

  it('a kiosk has no staff accounts at all: its screens are public, so setup does not exist there', async () => {
    const { core } = makeDesk('2026-11-23T09:00:00+07:00', { mode: 'kiosk' });
    const e = await rejection(core.call('staff.setup', { setupCode: 'AAAA-BBBB-CCCC', username: 'ai.do', displayName: 'Ai đó', password: TEST_PASSWORD }));
    expect(e).toMatchObject({ code: 'unknown_method', messages: { vi: 'Không có chức năng “staff.setup” trên ki-ốt.' } });
  });

  it('the audit log refuses changes, and a row altered behind the app’s back breaks the chain at that row', async () => {
    const { core } = makeDesk('2026-11-23T09:00:00+07:00');
    const session = await signInOfficer(core, 'lanh.dao', ['supervisor', 'receptionist']);
    const d = await core.call('desk.receive', birth(session));
    expect(() => core.db.prepare('UPDATE audit_log SET actor = ? WHERE id = 1').run('ai-do')).toThrow(/append-only/);
    expect(() => core.db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    const row = core.db.prepare("SELECT id FROM audit_log WHERE dossier_code = ? AND action = 'dossier.receive.accept'").get(d.code) as { id: number };
    // Someone with the database file drops the trigger and edits the row.
    core.db.exec('DROP TRIGGER audit_log_no_update');
    core.db.prepare("UPDATE audit_log SET after = replace(after, 'received', 'refused') WHERE id = ?").run(row.id);
    const audit = await core.call('audit.list', { session, dossierCode: d.code });
    expect(audit.items[0]).toMatchObject({ actor: 'lanh.dao', action: 'dossier.receive.accept', dossierCode: d.code });
    expect(audit.chain).toMatchObject({ ok: false, brokenAt: row.id });
  });

  it('accounts created at the portal reach the desk and can sign in', async () => {
    const portal = await startReferencePortal({ dataDir: tempDir(), catalogDir });
    try {
      portal.upsertStaff({ username: 'nguyen.thi.d', displayName: 'Nguyễn Thị D', roles: ['processor'], active: true, passwordHash: await hashPassword('tu-cong-2026') });
      portal.upsertStaff({ username: 'quantri', displayName: 'Quản trị phường', roles: ['desk_admin'], active: true, passwordHash: await hashPassword(TEST_PASSWORD) });
      const desk = makeDevice(portal.url, portal.createEnrollment('00324', 'staff'), { mode: 'staff' }, undefined, catalogDir);
      open.push(desk.core);
      expect((await desk.core.sync.runOnce()).errors).toEqual([]);
      const s = await desk.core.call('staff.signIn', { username: 'nguyen.thi.d', password: 'tu-cong-2026' });
      expect(s.roles).toEqual(['processor']);
      const admin = await signInOfficer(desk.core, 'quantri');
      const edit = await rejection(desk.core.call('staff.save', { session: admin, username: 'nguyen.thi.d', displayName: 'X', roles: ['processor'], active: false }));
      expect(edit.messages.vi).toBe('Tài khoản này do cổng dịch vụ công quản lý.');
    } finally {
      await portal.close();
    }
  });
});

describe('receiving at the counter and the lifecycle', () => {
  it('a walk-in birth registration: dossier code, appointment by the calendar, register number, scan stored by hash, audit', async () => {
    // Friday 28/8/2026 16:00: 1 working day runs over the National Day break (29/8–2/9) to Thursday 3/9 16:00.
    const { core, dir } = makeDesk('2026-08-28T16:00:00+07:00');
    const session = await signInOfficer(core);
    const preview = await core.call('desk.appointmentPreview', { session, procedureCode: '1.001193' });
    expect(preview).toEqual({ at: '2026-09-03T09:00:00.000Z', text: '1 ngày làm việc', provisional: false });
    const d = await core.call('desk.receive', birth(session));
    expect(d.code).toMatch(/^00324\.Q01-260828-0001$/);
    expect(d).toMatchObject({ status: 'received', channel: 'counter', officer: 'can-bo-a', appointmentAt: '2026-09-03T09:00:00.000Z', sector: 'Hộ tịch' });
    expect(d.desk).toMatchObject({ registerNo: 1, sets: 1, collect: 'counter', legalTimeText: '1 ngày làm việc' });
    const scan = d.desk!.attachments![0]!;
    expect(scan).toMatchObject({ name: 'Giấy chứng sinh (bản quét)', mime: 'image/png', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown as string });
    expect(fs.existsSync(path.join(dir, 'data', 'attachments', scan.file))).toBe(true);
    expect(d.history.map((h) => [h.status, h.actor])).toEqual([
      ['new', 'can-bo-a'],
      ['received', 'can-bo-a'],
    ]);
    const paper = await core.call('desk.paper', { session, code: d.code });
    expect(paper).toMatchObject({ officerName: 'Trần Thị Cán Bộ', office: { wardName: 'Phường Ba Đình', counter: 'Quầy 1' }, procedure: { name: 'Đăng ký khai sinh', timeText: '1 ngày làm việc' } });
    const second = await core.call('desk.receive', birth(session, { attachments: [] }));
    expect(second.desk!.registerNo).toBe(2);
    expect(second.code.endsWith('-0002')).toBe(true);
  });

  it('incomplete: everything missing listed at once; the completed supplement restarts the clock', async () => {
    const { core, clock } = makeDesk('2026-11-23T09:00:00+07:00');
    const session = await signInOfficer(core);
    const none = await rejection(core.call('desk.receive', birth(session, { outcome: 'supplement', missing: [] })));
    expect(none.field).toBe('missing');
    const d = await core.call('desk.receive', birth(session, { outcome: 'supplement', missing: ['Giấy chứng sinh', 'Văn bản ủy quyền'] }));
    expect(d.status).toBe('supplement');
    expect(d.desk!.missing).toEqual(['Giấy chứng sinh', 'Văn bản ủy quyền']);
    expect(d.history.at(-1)!.note).toBe('Giấy chứng sinh; Văn bản ủy quyền');
    expect(d.appointmentAt).toBeNull();
    // The citizen comes back on Wednesday with the papers: the clock starts then.
    clock.set('2026-11-25T14:00:00+07:00');
    const back = await core.call('desk.receive', birth(await signInOfficer(core), { code: d.code }));
    expect(back.status).toBe('received');
    expect(back.appointmentAt).toBe('2026-11-26T07:00:00.000Z');
    expect(back.receivedAt).toBe('2026-11-25T07:00:00.000Z');
  });

  it('refused needs a reason; post needs an address; a procedure without a time needs the officer’s working days', async () => {
    const { core } = makeDesk('2026-11-23T09:00:00+07:00');
    const session = await signInOfficer(core);
    expect((await rejection(core.call('desk.receive', birth(session, { outcome: 'refuse' })))).messages.vi).toBe('Hãy ghi lý do từ chối tiếp nhận.');
    expect((await rejection(core.call('desk.receive', birth(session, { collect: 'post' })))).field).toBe('postAddress');
    const noTime = await rejection(core.call('desk.receive', birth(session, { procedureCode: '2.000635' })));
    expect(noTime.field).toBe('workingDays');
    expect(fs.readdirSync(path.join(core.config.dataDir))).not.toContain('attachments'); // refused before any file was written
    const given = await core.call('desk.receive', birth(session, { procedureCode: '2.000635', workingDays: 2 }));
    expect(given.appointmentAt).toBe('2026-11-25T02:00:00.000Z');
    const refused = await core.call('desk.receive', birth(session, { outcome: 'refuse', reason: 'Không thuộc thẩm quyền của phường' }));
    expect(refused).toMatchObject({ status: 'refused', desk: { refusalReason: 'Không thuộc thẩm quyền của phường' } });
  });

  it('processing, result ready, returned by post; the appointment moves once with an apology; roles decide who may', async () => {
    // Officers here work a long shift without locking: the test moves the clock by days.
    const { core, clock } = makeDesk('2026-11-23T09:00:00+07:00', { desk: { lockMinutes: 240 } });
    let reception = await signInOfficer(core, 'tiep.nhan', ['receptionist']);
    let processor = await signInOfficer(core, 'xu.ly', ['processor']);
    const d = await core.call('desk.receive', birth(reception, { procedureCode: '1.004222', collect: 'post', postAddress: 'Số 5 Phố Kim Mã' }));
    expect(d.appointmentAt).toBe('2026-12-02T02:00:00.000Z'); // 7 working days
    const notMine = await rejection(core.call('dossier.transition', { session: reception, code: d.code, to: 'processing' }));
    expect(notMine.messages.vi).toBe('Tài khoản của bạn không được chuyển hồ sơ sang “Đang xử lý”.');
    await core.call('dossier.transition', { session: processor, code: d.code, to: 'processing' });
    const moved = await core.call('desk.moveAppointment', { session: processor, code: d.code, to: '2026-12-04T10:00:00.000Z', reason: 'Chờ xác minh thông tin cư trú' });
    expect(moved).toMatchObject({ appointmentAt: '2026-12-04T10:00:00.000Z', appointmentOriginal: '2026-12-02T02:00:00.000Z', desk: { apology: { reason: 'Chờ xác minh thông tin cư trú' } } });
    const again = await rejection(core.call('desk.moveAppointment', { session: processor, code: d.code, to: '2026-12-08T10:00:00.000Z', reason: 'Lần nữa' }));
    expect(again.messages.vi).toContain('đã được hẹn lại một lần');
    clock.set('2026-12-03T10:00:00+07:00');
    reception = await signInOfficer(core, 'tiep.nhan', ['receptionist']);
    processor = await signInOfficer(core, 'xu.ly', ['processor']);
    const ready = await core.call('dossier.transition', { session: processor, code: d.code, to: 'result_ready' });
    expect(ready.resultAt).toBe('2026-12-03T03:00:00.000Z');
    const noTracking = await rejection(core.call('dossier.transition', { session: reception, code: d.code, to: 'returned', returnMethod: 'post' }));
    expect(noTracking.field).toBe('trackingNumber');
    const returned = await core.call('dossier.transition', { session: reception, code: d.code, to: 'returned', returnMethod: 'post', trackingNumber: 'EMS123456789VN' });
    expect(returned.desk!.returned).toEqual({ method: 'post', trackingNumber: 'EMS123456789VN', by: 'tiep.nhan', at: '2026-12-03T03:00:00.000Z' });
    const audit = await core.call('audit.list', { session: await signInOfficer(core, 'lanh.dao', ['supervisor']), dossierCode: d.code });
    expect(audit.items.map((a) => a.action).reverse()).toEqual(['dossier.receive.accept', 'dossier.transition', 'dossier.appointmentMoved', 'dossier.transition', 'dossier.transition']);
    expect(audit.items.at(-1)!.before).toMatchObject({ status: 'new' });
  });

  it('every illegal transition is refused with the two statuses named, from every status', async () => {
    const { core } = makeDesk('2026-11-23T09:00:00+07:00');
    const session = await signInOfficer(core, 'lanh.dao', ['supervisor']);
    const paths: Record<DossierStatusName, DossierStatusName[]> = {
      new: [],
      received: ['received'],
      refused: ['refused'],
      supplement: ['supplement'],
      withdrawn: ['withdrawn'],
      processing: ['received', 'processing'],
      payment: ['received', 'processing', 'payment'],
      stopped: ['received', 'processing', 'stopped'],
      result_ready: ['received', 'processing', 'result_ready'],
      returned: ['received', 'processing', 'result_ready', 'returned'],
    };
    let refusedCount = 0;
    for (const from of DOSSIER_STATUSES) {
      const d = fileAsKiosk(core, { fullName: 'Hoàng Thị E' });
      for (const step of paths[from]) {
        if (step === 'received') await core.call('desk.receive', birth(session, { code: d.code, attachments: [] }));
        else await core.call('dossier.transition', { session, code: d.code, to: step, note: 'lý do' });
      }
      expect((await core.call('dossier.get', { session, code: d.code })).status).toBe(from);
      for (const to of DOSSIER_STATUSES) {
        // Receiving is legal from new and supplement, through desk.receive only (refused here from everywhere, tested apart).
        if (TRANSITIONS[from].includes(to) || to === 'received') continue;
        const e = await rejection(core.call('dossier.transition', { session, code: d.code, to, note: 'lý do' }));
        expect(e.code).toBe('validation');
        expect(e.field).toBe('to');
        refusedCount++;
      }
      expect((await core.call('dossier.get', { session, code: d.code })).status).toBe(from);
    }
    expect(refusedCount).toBe(90 - Object.values(TRANSITIONS).flat().filter((to) => to !== 'received').length);
  });
});

describe('deadlines and reports', () => {
  it('the deadline board splits overdue, today and tomorrow; the report counts early, on time and late; CSV and XLSX agree', async () => {
    const { core, clock } = makeDesk('2026-11-23T08:00:00+07:00');
    let officer = await signInOfficer(core);
    const a = await core.call('desk.receive', birth(officer)); // due Tue 24/11 08:00
    const b = await core.call('desk.receive', birth(officer, { procedureCode: '1.004873' })); // 3 days: Thu 26/11 08:00
    const c = await core.call('desk.receive', birth(officer, { procedureCode: '1.004222' })); // 7 days: Wed 2/12
    clock.set('2026-11-25T09:00:00+07:00');
    officer = await signInOfficer(core);
    const board = await core.call('desk.deadlines', { session: officer, bucket: 'overdue' });
    expect(board.counts).toEqual({ overdue: 1, today: 0, next: 1 });
    expect(board.items.map((d) => d.code)).toEqual([a.code]);
    // Due Tuesday 08:00, now Wednesday 09:00: Tuesday's 7½ office hours and Wednesday's first 1½.
    expect(board.items[0]!.timeLeft).toMatchObject({ bucket: 'overdue', minutes: -540, text: { vi: 'quá hạn 1 ngày 1 giờ làm việc' } });
    expect(board.items[0]!.officerName).toBe('Trần Thị Cán Bộ');
    expect((await core.call('desk.deadlines', { session: officer, bucket: 'next' })).items.map((d) => d.code)).toEqual([b.code]);
    // Results: a late (25/11 > 24/11), b early (25/11 < 26/11), c on its appointment's day.
    for (const code of [a.code, b.code]) {
      await core.call('dossier.transition', { session: officer, code, to: 'processing' });
      await core.call('dossier.transition', { session: officer, code, to: 'result_ready' });
    }
    await core.call('dossier.transition', { session: officer, code: c.code, to: 'processing' });
    clock.set('2026-12-02T16:00:00+07:00');
    officer = await signInOfficer(core);
    const boss = await signInOfficer(core, 'lanh.dao', ['supervisor']);
    await core.call('dossier.transition', { session: officer, code: c.code, to: 'result_ready' });
    await core.call('dossier.transition', { session: officer, code: c.code, to: 'returned' });
    await core.call('rating.send', { session: officer, dossierCode: c.code, level: 'very_satisfied' });
    const range = { from: '2026-11-01T00:00:00+07:00', to: '2026-12-01T00:00:00+07:00' };
    const r = await core.call('report.summary', { session: boss, ...range });
    expect(r.totals).toMatchObject({ received: 3, resolved: 3, early: 1, onTime: 1, late: 1, returned: 1, inProgress: 0 });
    expect(r.byOfficer).toEqual([expect.objectContaining({ key: 'Trần Thị Cán Bộ (can-bo-a)', received: 3, late: 1 })]);
    expect(r.byMonth.map((m) => m.key)).toEqual(['2026-11']);
    expect(r.bySector.map((s) => [s.key, s.received])).toEqual(
      expect.arrayContaining([
        ['Hộ tịch', 2],
        ['Đăng ký, quản lý cư trú', 1],
      ]),
    );
    expect(r.satisfaction).toEqual({ very_satisfied: 0, satisfied: 0, unsatisfied: 0 }); // rated in December
    expect((await core.call('report.summary', { session: boss, from: range.from, to: '2027-01-01T00:00:00+07:00' })).satisfaction.very_satisfied).toBe(1);

    const csv = await core.call('report.export', { session: boss, ...range, format: 'csv' });
    const text = Buffer.from(csv.base64, 'base64').toString('utf8');
    expect(text.startsWith('\uFEFFTổng hợp,Đã nhận,Đã giải quyết,Trước hạn,Đúng hạn,Quá hạn')).toBe(true);
    expect(text).toContain('Tất cả,3,3,1,1,1,0,0,0,1');
    // Form 06's columns: number, code, procedure, sets, applicant, address and phone, agency, dates…, note.
    expect(text).toContain(`1,${a.code},Đăng ký khai sinh,1,Phạm Văn Bình,"Số 5 Phố Kim Mã, Ba Đình — 0912345678",UBND PHƯỜNG BA ĐÌNH,2026-11-23 08:00,2026-11-24 08:00,2026-11-25 09:00,2026-11-25 09:00,,Quá hạn,Đã xử lý xong,Trần Thị Cán Bộ (can-bo-a)`);
    const xlsx = await core.call('report.export', { session: boss, ...range, format: 'xlsx' });
    expect(xlsx.filename).toBe('bao-cao-00324-2026-11-01_2026-11-30.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(xlsx.base64, 'base64') as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['Tổng hợp', 'Theo lĩnh vực', 'Theo thủ tục', 'Theo cán bộ', 'Theo tháng', 'Sổ theo dõi hồ sơ']);
    expect(book.getWorksheet('Tổng hợp')!.getRow(2).values).toEqual([undefined, 'Tất cả', 3, 3, 1, 1, 1, 0, 0, 0, 1]);
    const register = book.getWorksheet('Sổ theo dõi hồ sơ')!;
    expect(register.rowCount).toBe(4);
    expect(register.getRow(2).getCell(13).value).toBe('Quá hạn');
  });

  it('the desk admin edits the days-off table, and the next appointment follows it', async () => {
    const { core } = makeDesk('2026-11-23T09:00:00+07:00');
    const admin = await signInOfficer(core, 'quantri');
    const officer = await signInOfficer(core);
    expect((await core.call('calendar.list', { session: officer, year: 2026 })).find((d) => d.date === '2026-04-27')).toMatchObject({ kind: 'off', source: 'bundled' });
    expect((await rejection(core.call('calendar.save', { session: officer, date: '2026-11-24', kind: 'off', name: 'Nghỉ' }))).code).toBe('forbidden');
    await core.call('calendar.save', { session: admin, date: '2026-11-24', kind: 'off', name: 'Nghỉ bù (thử)' });
    expect((await core.call('desk.appointmentPreview', { session: officer, procedureCode: '1.001193' })).at).toBe('2026-11-25T02:00:00.000Z');
    await core.call('calendar.save', { session: admin, date: '2026-11-24', kind: 'normal', name: '' });
    expect((await core.call('desk.appointmentPreview', { session: officer, procedureCode: '1.001193' })).at).toBe('2026-11-24T02:00:00.000Z');
  });
});

describe('the counter queue', () => {
  it('numbers per group, calls oldest first from the counter’s groups, recalls, no-shows, transfers, restarts daily, counts', async () => {
    const { core, clock } = makeDesk('2026-11-23T08:00:00+07:00', { desk: { counter: 'Quầy 2', groups: ['A', 'B'] } });
    const session = await signInOfficer(core, 'tiep.nhan', ['receptionist']);
    const heard: unknown[] = [];
    core.onEvent((name, payload) => name === 'queue.changed' && heard.push(payload));
    const a1 = await core.call('queue.issue', { group: 'A' });
    const c1 = await core.call('queue.issue', { group: 'C' });
    const a2 = await core.call('queue.issue', { group: 'A' });
    const b1 = await core.call('queue.issue', { group: 'B' });
    expect([a1.label, c1.label, a2.label, b1.label]).toEqual(['A001', 'C001', 'A002', 'B001']);
    expect(a2).toMatchObject({ ahead: 1, group: { code: 'A', name: 'Hộ tịch' }, status: 'waiting' });
    expect((await rejection(core.call('queue.issue', { group: 'Z' }))).field).toBe('group');

    clock.advance(5 * 60_000);
    const called = await core.call('queue.callNext', { session });
    expect(called).toMatchObject({ label: 'A001', status: 'called', counter: 'Quầy 2', calls: 1 });
    expect(heard.at(-1)).toEqual({ call: { label: 'A001', counter: 'Quầy 2', calls: 1 } });
    expect((await rejection(core.call('queue.callNext', { session }))).messages.vi).toContain('Quầy đang phục vụ số A001');
    expect((await core.call('queue.recall', { session, id: called!.id })).calls).toBe(2);
    await core.call('queue.noShow', { session, id: called!.id });

    const next = (await core.call('queue.callNext', { session }))!;
    expect(next.label).toBe('A002');
    // Transferred to this very counter (say, for a different officer's skill): it keeps its number and comes first.
    await core.call('queue.transfer', { session, id: next.id, counter: 'Quầy 2' });
    const again = (await core.call('queue.callNext', { session }))!;
    expect(again.label).toBe('A002'); // a ticket sent to this counter comes first
    await core.call('queue.serve', { session, id: again.id });
    clock.advance(10 * 60_000);
    await core.call('queue.finish', { session, id: again.id, dossierCode: '00324.Q01-261123-0001' });
    expect((await core.call('queue.callNext', { session }))!.label).toBe('B001');
    const board = await core.call('queue.board', {});
    expect(board.serving).toEqual([expect.objectContaining({ counter: 'Quầy 2', label: 'B001' })]);
    expect(board.recent.map((r) => r.label)).toEqual(['B001', 'A002', 'A001']);
    expect(board.waiting.find((w) => w.group.code === 'C')!.count).toBe(1); // this counter does not call C

    const boss = await signInOfficer(core, 'lanh.dao', ['supervisor']);
    const stats = (await core.call('report.summary', { session: boss, from: '2026-11-23T00:00:00+07:00', to: '2026-11-24T00:00:00+07:00' })).queue;
    expect(stats.find((s) => s.group.code === 'A')).toEqual({ group: { code: 'A', name: 'Hộ tịch' }, issued: 2, served: 1, noShows: 1, avgWaitMinutes: 5, avgServiceMinutes: 10 });

    clock.set('2026-11-24T07:30:00+07:00');
    expect((await core.call('queue.issue', { group: 'A' })).label).toBe('A001');
  });

  it('a kiosk takes its ticket from the queue desk over HTTP, and says so plainly when the desk is unreachable', async () => {
    // (test/integration/queue-lan.test.ts: enrolled kiosks and desks by their LAN keys, rate limits, three desks.)
    const { core: desk } = makeDesk('2026-11-23T08:00:00+07:00');
    const host = await startWebHost({ core: desk, rendererDir });
    try {
      await desk.call('queue.issue', { group: 'B' });
      const kiosk = makeDesk('2026-11-23T08:00:00+07:00', { mode: 'kiosk', queue: { url: host.url } }).core;
      const t = await kiosk.call('queue.issue', { group: 'B' });
      expect(t).toMatchObject({ label: 'B002', ahead: 1 });
      // Unreachable: the resident reads what to do; the address and the reason are in the log, for staff.
      const { core: lonely, dir } = makeDesk('2026-11-23T08:00:00+07:00', { mode: 'kiosk', queue: { url: 'http://127.0.0.1:9' } });
      const refused = await rejection(lonely.call('queue.issue', { group: 'B' }));
      expect(refused.code).toBe('unavailable');
      expect(refused.messages.vi).toBe('Chưa lấy được số thứ tự. Vui lòng hỏi cán bộ tại quầy tiếp nhận.');
      expect(refused.messages.en).toBe('A queue number could not be given just now. Please ask the staff at the reception counter.');
      const booking = await rejection(lonely.call('booking.days', { procedureCode: '1.001193' }));
      expect(booking.messages.vi).toBe('Chưa đặt được lịch lúc này. Vui lòng hỏi cán bộ tại quầy tiếp nhận.');
      for (const m of [refused, booking]) expect(`${m.messages.vi} ${m.messages.en}`).not.toMatch(/127\.0\.0\.1|http|:9\b|ECONNREFUSED|fetch failed/);
      await lonely.log.flush();
      const logged = fs.readdirSync(path.join(dir, 'logs')).map((f) => fs.readFileSync(path.join(dir, 'logs', f), 'utf8')).join('');
      expect(logged).toContain('queue desk unreachable');
      expect(logged).toContain('http://127.0.0.1:9');
    } finally {
      await host.close();
    }
  });
});
