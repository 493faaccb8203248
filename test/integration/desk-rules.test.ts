import crypto from 'node:crypto';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MethodInput } from '../../electron/contract.js';
import { getProcedure } from '../../electron/core/catalog/repo.js';
import { manualClock, type ManualClock } from '../../electron/core/clock.js';
import { loadConfig } from '../../electron/core/config/load.js';
import type { ConfigLayer } from '../../electron/core/config/schema.js';
import { buildChecklist, requiredPapers } from '../../electron/core/desk/checklist.js';
import { AppError, type ErrorPayload } from '../../electron/core/errors.js';
import { createCore, type Core } from '../../electron/core/index.js';
import { createLogger } from '../../electron/core/log.js';
import { isolatedPlatform, signInOfficer, tempDir, TEST_CALLER, TEST_PASSWORD } from '../helpers/core.js';
import { smallCatalog } from '../helpers/sync.js';

const catalogDir = smallCatalog();
const open: Core[] = [];
afterEach(() => {
  for (const c of open.splice(0)) c.close();
});

function makeDesk(at: string, layer: ConfigLayer = {}): { core: Core; clock: ManualClock } {
  const dir = tempDir();
  const clock = manualClock(at);
  const loaded = loadConfig({ platform: isolatedPlatform(dir), flags: { mode: 'staff', dataDir: path.join(dir, 'data'), ward: { code: '00324', name: 'Phường Ba Đình' }, ...layer } });
  const core = createCore({ loaded, clock, version: 'test', catalogDir, log: createLogger({ dir: null, clock }) });
  open.push(core);
  return { core, clock };
}

async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected the call to be refused');
}

function papersOf(core: Core, code: string, tick = true) {
  return requiredPapers(buildChecklist(getProcedure(core.db, code)!)).map((p) => ({ id: p.id, presented: tick }));
}

const walkIn = (core: Core, session: string, extra: Partial<MethodInput<'desk.receive'>> = {}): MethodInput<'desk.receive'> => ({
  session,
  procedureCode: '1.001193',
  applicant: { fullName: 'Đỗ Thị Lan', idNumber: '001190123456', phone: '0987654321' },
  papers: papersOf(core, extra.procedureCode ?? '1.001193'),
  attachments: [],
  sets: 1,
  collect: 'counter',
  outcome: 'accept',
  ...extra,
});

describe('receiving: what the officer types and ticks', () => {
  it('bad input is answered all at once, each problem next to its field, in plain words', async () => {
    const { core } = makeDesk('2026-11-23T09:00:00+07:00');
    const session = await signInOfficer(core, 'tiep.nhan', ['receptionist']);
    const res = await core.invoke('desk.receive', { ...walkIn(core, session), applicant: { fullName: '  ', idNumber: '00119012345', phone: '12', email: 'lan@' } }, TEST_CALLER);
    expect(res.ok).toBe(false);
    const error = (res as { error: ErrorPayload }).error;
    expect(error.fields?.map((f) => [f.field, f.message.vi])).toEqual([
      ['applicant.fullName', 'Hãy nhập họ và tên.'],
      ['applicant.idNumber', 'Số căn cước công dân phải gồm đúng 12 chữ số (bạn nhập 11 chữ số).'],
      ['applicant.phone', 'Số điện thoại chưa đúng: số di động gồm 10 chữ số bắt đầu bằng 0 (ví dụ 0912 345 678), có thể viết +84 thay cho số 0 (bạn nhập 2 chữ số).'],
      ['applicant.email', 'Địa chỉ email chưa đúng (ví dụ ten@gmail.com).'],
    ]);
    // No message speaks of regex, fields' paths or schemas.
    expect(JSON.stringify(error)).not.toMatch(/regex|applicant\.\w+”|Trường “/);
    const admin = (await core.call('staff.signIn', { username: 'quantri', password: TEST_PASSWORD })).token;
    const account = await core.invoke('staff.save', { session: admin, username: 'Trần Văn', displayName: '', roles: [], active: true }, TEST_CALLER);
    expect((account as { error: ErrorPayload }).error.fields?.map((f) => f.message.vi)).toEqual([
      'Tên đăng nhập gồm 3–40 chữ cái không dấu, chữ số hoặc . _ -, ví dụ: nguyen.thi.lan.',
      'Hãy nhập họ và tên.',
      'Hãy chọn ít nhất một vai trò.',
    ]);
  });

  it('the core’s own rules are reported together too: no paper, no reason to refuse, no delivery address', async () => {
    const { core } = makeDesk('2026-11-23T09:00:00+07:00');
    const session = await signInOfficer(core, 'tiep.nhan', ['receptionist']);
    const e = await refusal(core.call('desk.receive', walkIn(core, session, { papers: papersOf(core, '1.001193', false), collect: 'post' })));
    expect(e.fields?.map((f) => f.field)).toEqual(['papers', 'postAddress']);
    expect(e.fields![0]!.message.vi).toBe('Chưa đánh dấu giấy tờ nào công dân đã nộp. Hãy đánh dấu giấy tờ, hoặc ghi lý do tiếp nhận khi không có giấy tờ.');
  });

  it('zero papers is refused unless the officer states why; the reason stays with the dossier', async () => {
    const { core } = makeDesk('2026-11-23T09:00:00+07:00');
    const session = await signInOfficer(core, 'tiep.nhan', ['receptionist']);
    const d = await core.call('desk.receive', walkIn(core, session, { papers: [], noPapersReason: 'Khai thác từ Cơ sở dữ liệu quốc gia về dân cư' }));
    expect(d.desk).toMatchObject({ noPapersReason: 'Khai thác từ Cơ sở dữ liệu quốc gia về dân cư' });
    expect(d.desk!.receipt!.papers).toEqual([]);
  });

  it('khai sinh with “Giấy chứng sinh” chosen: the confirmation and form 01 name that paper alone, brackets closed', async () => {
    const { core } = makeDesk('2026-11-23T09:00:00+07:00');
    const session = await signInOfficer(core, 'tiep.nhan', ['receptionist']);
    const list = await core.call('desk.checklist', { session, procedureCode: '1.001193' });
    const birth = [...list.common, ...(list.cases[0]?.papers ?? [])].find((p) => p.alternatives?.includes('Giấy chứng sinh'))!;
    expect(birth.name.startsWith('Giấy chứng sinh')).toBe(true);
    const papers = papersOf(core, '1.001193').map((p) => (p.id === birth.id ? { ...p, choice: 'Giấy chứng sinh' } : p));
    const preview = await core.call('desk.receiveCheck', { ...walkIn(core, session), papers });
    const received = await core.call('desk.receive', { ...walkIn(core, session), papers });
    for (const names of [preview.papers.map((p) => p.name), received.desk!.receipt!.papers.map((p) => p.name)]) {
      expect(names).toContain('Giấy chứng sinh');
      for (const n of names) expect(n.split('(').length, n).toBe(n.split(')').length);
    }
    expect(received.desk!.receipt!.papers.find((p) => p.name === 'Giấy chứng sinh')!.quantityText).toBe(birth.quantityText);
  });

  it('form 01’s “theo quy định” is the catalog’s time when the officer counts with another (trial: it printed the 3 days the officer typed for a 1-day procedure)', async () => {
    const { core } = makeDesk('2026-11-23T09:00:00+07:00');
    const session = await signInOfficer(core, 'tiep.nhan', ['receptionist']);
    const longer = await core.call('desk.receive', { ...walkIn(core, session), workingDays: 3 });
    expect(longer.desk!.receipt).toMatchObject({ legalTimeText: '3 ngày làm việc', ruleTimeText: '1 ngày làm việc', appointmentAt: '2026-11-26T02:00:00.000Z' });
    const same = await core.call('desk.receive', { ...walkIn(core, session), workingDays: 1 });
    expect(same.desk!.receipt!.legalTimeText).toBe('1 ngày làm việc');
    expect(same.desk!.receipt!.ruleTimeText).toBeUndefined();
  });

  it('an incomplete marriage registration: the supplement brought back is re-checked, form 01 lists every paper and the request leaves the accepted dossier', async () => {
    const { core, clock } = makeDesk('2026-11-23T09:00:00+07:00');
    const session = await signInOfficer(core, 'tiep.nhan', ['receptionist']);
    const list = await core.call('desk.checklist', { session, procedureCode: '1.000894' });
    const [idCard, form] = list.common;
    const asked = await core.call('desk.receive', {
      ...walkIn(core, session, { procedureCode: '1.000894' }),
      papers: [{ id: idCard!.id, presented: true, choice: 'Thẻ căn cước' }, { id: form!.id, presented: false }],
      outcome: 'supplement',
      missing: [form!.name],
    });
    expect(asked).toMatchObject({ status: 'supplement', desk: { missing: [form!.name], missingBy: 'tiep.nhan' } });
    const view = await core.call('desk.dossier', { session, code: asked.code });
    expect(view.actions.map((a) => a.kind)).toContain('complete_supplement');
    // A bare "received" move is no way to complete it: the papers must be checked.
    const bare = await refusal(core.call('dossier.transition', { session, code: asked.code, to: 'received' }));
    expect(bare.messages.vi).toContain('tại màn hình tiếp nhận');

    clock.set('2026-11-25T14:00:00+07:00');
    const again = await signInOfficer(core, 'tiep.nhan', ['receptionist']);
    const back = await core.call('desk.receive', { ...walkIn(core, again, { procedureCode: '1.000894', code: asked.code }), papers: [{ id: form!.id, presented: true }] });
    expect(back.status).toBe('received');
    expect(back.receivedAt).toBe('2026-11-25T07:00:00.000Z');
    expect(back.desk!.missing).toBeUndefined();
    expect(back.desk!.supplemented).toEqual([{ missing: [form!.name], askedAt: '2026-11-23T02:00:00.000Z', completedAt: '2026-11-25T07:00:00.000Z', by: 'tiep.nhan' }]);
    // Both papers on the receipt: the one shown at the first visit, and the one brought back.
    expect(back.desk!.receipt!.papers.map((p) => p.name)).toEqual([`Thẻ căn cước (${idCard!.name})`, form!.name]);
    // The supplement request (02) is no longer among its forms: the receipt and the control slip that travels with it are.
    expect((await core.call('desk.dossier', { session: again, code: back.code })).forms.map((f) => f.form)).toEqual(['01', '05']);
  });

  it('a scan is what its content says: random bytes named .png are refused; a real one can be viewed from the dossier', async () => {
    const { core } = makeDesk('2026-11-23T09:00:00+07:00');
    const session = await signInOfficer(core, 'tiep.nhan', ['receptionist']);
    const fake = `data:image/png;base64,${crypto.randomBytes(2048).toString('base64')}`;
    const e = await refusal(core.call('desk.receive', walkIn(core, session, { attachments: [{ name: 'giay-chung-sinh.png', dataUrl: fake }] })));
    expect(e.messages.vi).toBe('Tệp đính kèm không phải ảnh JPEG, PNG hoặc PDF thật (nội dung tệp không khớp).');
    const pdf = Buffer.from('%PDF-1.4\n% a scanned page\n');
    const d = await core.call('desk.receive', walkIn(core, session, { attachments: [{ name: 'to-khai.pdf', dataUrl: `data:application/pdf;base64,${pdf.toString('base64')}` }] }));
    const scan = d.desk!.attachments![0]!;
    const opened = await core.call('desk.attachment', { session, code: d.code, sha256: scan.sha256 });
    expect(opened).toEqual({ name: 'to-khai.pdf', mime: 'application/pdf', base64: pdf.toString('base64') });
  });
});

describe('paper that a citizen takes home', () => {
  it('a reprinted form 01 is the receipt that was given, marked as a reprint; forms name who issued them', async () => {
    const { core, clock } = makeDesk('2026-11-23T09:00:00+07:00', { desk: { lockMinutes: 240 } });
    const reception = await signInOfficer(core, 'tiep.nhan', ['receptionist'], 'Lê Thu Hà');
    const d = await core.call('desk.receive', walkIn(core, reception, { procedureCode: '1.004222' }));
    // Opening form 01 to look at it is not a print: the citizen's first paper is never a "reprint" (trial-desk 2).
    expect((await core.call('desk.paper', { session: reception, code: d.code, form: '01' })).copy).toBe(0);
    expect((await core.call('desk.paper', { session: reception, code: d.code, form: '01' })).copy).toBe(0);
    const first = await core.call('desk.paper', { session: reception, code: d.code, form: '01', print: true });
    expect(first).toMatchObject({ copy: 0, office: { agency: 'UBND PHƯỜNG BA ĐÌNH', agencyName: 'UBND phường Ba Đình', counter: 'Quầy 1' }, signerName: 'Lê Thu Hà', receipt: { appointmentAt: '2026-12-02T02:00:00.000Z', by: 'tiep.nhan' } });
    clock.set('2026-11-24T10:00:00+07:00');
    const processor = await signInOfficer(core, 'xu.ly', ['processor'], 'Phan Minh Xử');
    await core.call('dossier.transition', { session: processor, code: d.code, to: 'processing' });
    await core.call('desk.moveAppointment', { session: processor, code: d.code, to: '2026-12-04T03:00:00.000Z', reason: 'Chờ xác minh nơi cư trú' });
    const reception2 = await signInOfficer(core, 'tiep.nhan', ['receptionist'], 'Lê Thu Hà');
    // The preview now says the next print is reprint 1; printing it records it.
    expect((await core.call('desk.paper', { session: reception2, code: d.code, form: '01' })).copy).toBe(1);
    const reprint = await core.call('desk.paper', { session: reception2, code: d.code, form: '01', print: true });
    expect(reprint.copy).toBe(1);
    expect(reprint.receipt).toEqual(first.receipt); // the same document: received and appointment as given
    expect(reprint.dossier.appointmentAt).toBe('2026-12-04T03:00:00.000Z');
    const apology = await core.call('desk.paper', { session: reception2, code: d.code, form: '04', print: true });
    expect(apology).toMatchObject({ copy: 0, signerName: 'Phan Minh Xử', officerName: 'Lê Thu Hà' });
    const lines = (await core.call('audit.list', { session: await signInOfficer(core, 'lanh.dao', ['supervisor']), kind: 'print' })).lines.map((l) => l.sentence.vi);
    expect(lines).toEqual([`Lê Thu Hà đã in mẫu 04 của hồ sơ ${d.code}`, `Lê Thu Hà đã in lại mẫu 01 của hồ sơ ${d.code}`, `Lê Thu Hà đã in mẫu 01 của hồ sơ ${d.code}`]);
  });

  it('half a working day is written 0,5 the Vietnamese way', async () => {
    const { core } = makeDesk('2026-11-23T09:00:00+07:00');
    const session = await signInOfficer(core, 'tiep.nhan', ['receptionist']);
    expect(await core.call('desk.appointmentPreview', { session, procedureCode: '2.000635', workingDays: 0.5 })).toEqual({ at: '2026-11-23T07:30:00.000Z', text: '0,5 ngày làm việc', provisional: false });
  });

  it('a new appointment only in office hours of a working day: Sunday 03:00 is refused, naming Monday 07:30', async () => {
    const { core } = makeDesk('2026-11-23T09:00:00+07:00');
    const session = await signInOfficer(core, 'xu.ly', ['receptionist', 'processor']);
    const d = await core.call('desk.receive', walkIn(core, session, { procedureCode: '1.004222' }));
    const sunday = '2026-12-06T03:00:00+07:00';
    expect(await core.call('desk.appointmentSlot', { session, at: sunday })).toEqual({ at: '2026-12-07T00:30:00.000Z', snapped: true, text: { vi: '07:30 Thứ Hai 07/12/2026', en: '07:30 Monday 07/12/2026' } });
    const e = await refusal(core.call('desk.moveAppointment', { session, code: d.code, to: sunday, reason: 'Chờ xác minh' }));
    expect(e).toMatchObject({ field: 'to', messages: { vi: 'Giờ hẹn phải trong giờ làm việc của một ngày làm việc; gần nhất là 07:30 Thứ Hai 07/12/2026.' } });
    // Lunch time snaps to the afternoon opening; the office's closing time is a valid appointment.
    expect((await core.call('desk.appointmentSlot', { session, at: '2026-12-07T12:00:00+07:00' })).at).toBe('2026-12-07T06:00:00.000Z');
    expect(await core.call('desk.appointmentSlot', { session, at: '2026-12-07T17:00:00+07:00' })).toMatchObject({ snapped: false });
    const moved = await core.call('desk.moveAppointment', { session, code: d.code, to: '2026-12-07T00:30:00.000Z', reason: 'Chờ xác minh' });
    expect(moved.appointmentAt).toBe('2026-12-07T00:30:00.000Z');
  });
});

describe('finding and doing the work', () => {
  it('two officers on one desk host are two counters, each calling and finishing only its own tickets', async () => {
    const { core } = makeDesk('2026-11-23T08:00:00+07:00');
    await signInOfficer(core, 'nguyen.a', ['receptionist'], 'Nguyễn Văn A');
    await signInOfficer(core, 'tran.b', ['receptionist'], 'Trần Thị B');
    const sa = await core.call('staff.signIn', { username: 'nguyen.a', password: TEST_PASSWORD });
    const sb = await core.call('staff.signIn', { username: 'tran.b', password: TEST_PASSWORD });
    expect([sa.counter, sb.counter]).toEqual(['Quầy 1', 'Quầy 2']);
    await core.call('queue.issue', { group: 'A' });
    await core.call('queue.issue', { group: 'A' });
    const t1 = (await core.call('queue.callNext', { session: sa.token }))!;
    const t2 = (await core.call('queue.callNext', { session: sb.token }))!;
    expect([t1.label, t1.counter, t2.label, t2.counter]).toEqual(['A001', 'Quầy 1', 'A002', 'Quầy 2']);
    expect((await refusal(core.call('queue.finish', { session: sb.token, id: t1.id }))).messages.vi).toBe('Số A001 không do quầy này gọi hoặc đã xong.');
    expect((await core.call('queue.board', {})).serving.map((s) => [s.counter, s.label])).toEqual([
      ['Quầy 1', 'A001'],
      ['Quầy 2', 'A002'],
    ]);
  });

  it('asking for a counter another officer holds names who and the next free one', async () => {
    const { core } = makeDesk('2026-11-23T08:00:00+07:00');
    await signInOfficer(core, 'nguyen.a', ['receptionist'], 'Nguyễn Văn A');
    await signInOfficer(core, 'tran.b', ['receptionist'], 'Trần Thị B');
    await core.call('staff.signIn', { username: 'nguyen.a', password: TEST_PASSWORD });
    const e = await refusal(core.call('staff.signIn', { username: 'tran.b', password: TEST_PASSWORD, counter: 'Quầy 1' }));
    expect(e).toMatchObject({ field: 'counter', messages: { vi: 'Quầy 1 đang do Nguyễn Văn A làm việc. Hãy chọn quầy khác (Quầy 2 còn trống).' } });
  });

  it('the processor’s work: dossiers waiting to be taken and “hồ sơ của tôi” by time left; the page offers only what the role may do', async () => {
    const { core } = makeDesk('2026-11-23T09:00:00+07:00');
    const reception = await signInOfficer(core, 'tiep.nhan', ['receptionist'], 'Lê Thu Hà');
    const long = await core.call('desk.receive', walkIn(core, reception, { procedureCode: '1.004222' })); // 7 days
    const short = await core.call('desk.receive', walkIn(core, reception)); // 1 day
    const processor = await signInOfficer(core, 'xu.ly', ['processor'], 'Phan Minh Xử');
    const waiting = await core.call('dossier.list', { session: processor, handler: 'none', clock: ['running'], sort: 'appointment' });
    expect(waiting.items.map((d) => d.code)).toEqual([short.code, long.code]);
    const page = await core.call('desk.dossier', { session: processor, code: long.code });
    expect(page.actions.map((a) => (a.kind === 'transition' ? a.to : a.kind))).toEqual(['processing', 'supplement', 'move_appointment']);
    expect((await core.call('desk.dossier', { session: reception, code: long.code })).actions.map((a) => (a.kind === 'transition' ? a.to : a.kind))).toEqual(['supplement', 'refused', 'withdrawn', 'move_appointment']);
    for (const d of [long, short]) await core.call('dossier.transition', { session: processor, code: d.code, to: 'processing' });
    const mine = await core.call('dossier.list', { session: processor, handler: 'me', clock: ['running', 'paused'], sort: 'appointment' });
    expect(mine.items.map((d) => [d.code, d.handlerName, d.officerName, d.statusLabel.vi])).toEqual([
      [short.code, 'Phan Minh Xử', 'Lê Thu Hà', 'Đang xử lý'],
      [long.code, 'Phan Minh Xử', 'Lê Thu Hà', 'Đang xử lý'],
    ]);
    expect(mine.items[0]!.timeLeft).toMatchObject({ bucket: 'next', text: { vi: 'còn 1 ngày làm việc' } });
  });

  it('search finds “Đỗ Thị Lan” by “Do Thi Lan”, “đỗ thị lan”, “ĐỖ”, her CCCD and her phone, also within “hồ sơ của tôi” and sorted', async () => {
    const { core, clock } = makeDesk('2026-11-23T09:00:00+07:00');
    const reception = await signInOfficer(core, 'tiep.nhan', ['receptionist'], 'Lê Thu Hà');
    const lan = await core.call('desk.receive', walkIn(core, reception));
    clock.advance(60_000);
    const other = await core.call('desk.receive', walkIn(core, reception, { applicant: { fullName: 'Đỗ Văn Đông', idNumber: '079090054321', phone: '0912345678' } }));
    const found = async (query: string, extra: Partial<MethodInput<'dossier.list'>> = {}) => (await core.call('dossier.list', { session: reception, query, ...extra })).items.map((d) => d.code);
    for (const q of ['Do Thi Lan', 'đỗ thị lan', 'DO THI LAN', 'Đỗ Thị Lan', '001190123456', '0011 9012', '0987 654 321', '+84987654321', lan.code]) expect(await found(q), q).toEqual([lan.code]);
    expect(await found('ĐỖ')).toEqual([other.code, lan.code]); // newest first
    expect(await found('ĐỖ', { sort: 'filed' })).toEqual([lan.code, other.code]); // oldest first, by the column
    const processor = await signInOfficer(core, 'xu.ly', ['processor'], 'Phan Minh Xử');
    await core.call('dossier.transition', { session: processor, code: other.code, to: 'processing' });
    expect((await core.call('dossier.list', { session: processor, query: 'do', handler: 'me' })).items.map((d) => d.code)).toEqual([other.code]);
  });

  it('the history shows each step once: the portal’s echo of the officer’s move confirms it', async () => {
    const { core } = makeDesk('2026-11-23T09:00:00+07:00');
    const session = await signInOfficer(core, 'tiep.nhan', ['receptionist'], 'Lê Thu Hà');
    const d = await core.call('desk.receive', walkIn(core, session));
    // The portal acknowledged both moves and its feed echoes them with its own times.
    core.db.prepare("UPDATE dossier_history SET state = 'acked' WHERE dossier_code = ?").run(d.code);
    const echo = core.db.prepare("INSERT INTO dossier_history (dossier_code, status, at, actor, note, source, state) VALUES (?, ?, ?, 'portal', NULL, 'portal', 'official')");
    echo.run(d.code, 'new', '2026-11-23T02:00:05.000Z');
    echo.run(d.code, 'received', '2026-11-23T02:00:06.000Z');
    const page = await core.call('desk.dossier', { session, code: d.code });
    expect(page.timeline.map((t) => [t.statusLabel.vi, t.actorName, t.state])).toEqual([
      ['Mới đăng ký', 'Lê Thu Hà', 'confirmed'],
      ['Được tiếp nhận', 'Lê Thu Hà', 'confirmed'],
    ]);
  });

  it('the deadline board counts working days: on the Friday before National Day, Thursday’s appointment is due by the next working day; “mine” narrows it', async () => {
    const { core, clock } = makeDesk('2026-08-27T10:00:00+07:00');
    const a = await signInOfficer(core, 'tiep.nhan', ['receptionist'], 'Lê Thu Hà');
    const b = await signInOfficer(core, 'tiep.nhan2', ['receptionist'], 'Vũ Văn Bình');
    // Received Thursday 27/8 10:00 with 2 working days: due Thursday 3/9 10:00, after the five days off.
    const d = await core.call('desk.receive', walkIn(core, a, { procedureCode: '2.000635', workingDays: 2 }));
    expect(d.appointmentAt).toBe('2026-09-03T03:00:00.000Z');
    await core.call('desk.receive', walkIn(core, b, { procedureCode: '1.004222' }));
    clock.set('2026-08-28T16:00:00+07:00');
    const officer = await signInOfficer(core, 'tiep.nhan', ['receptionist'], 'Lê Thu Hà');
    const board = await core.call('desk.deadlines', { session: officer, bucket: 'next' });
    expect(board.counts).toEqual({ overdue: 0, today: 0, next: 1 });
    expect(board.nextEnd).toBe('2026-09-03T10:00:00.000Z');
    expect(board.items.map((i) => [i.code, i.timeLeft?.text.vi])).toEqual([[d.code, 'còn 3 giờ 30 phút làm việc']]);
    expect((await core.call('desk.deadlines', { session: await signInOfficer(core, 'tiep.nhan2', ['receptionist'], 'Vũ Văn Bình'), mine: true })).counts).toEqual({ overdue: 0, today: 0, next: 0 });
  });
});

describe('supervisors', () => {
  it('the audit log reads as sentences, filtered by officer, kind and date, a page at a time, and exports to CSV', async () => {
    const { core, clock } = makeDesk('2026-11-23T09:00:00+07:00', { desk: { lockMinutes: 240 } });
    await signInOfficer(core, 'tran.thi.a', ['supervisor', 'desk_admin'], 'Trần Thị A');
    const boss = (await core.call('staff.signIn', { username: 'tran.thi.a', password: TEST_PASSWORD })).token;
    await core.call('staff.save', { session: boss, username: 'xuly2', displayName: 'Hoàng Văn Xử', roles: ['processor'], active: true, password: 'song-hong-chay-2026' });
    const reception = await signInOfficer(core, 'tiep.nhan', ['receptionist'], 'Lê Thu Hà');
    const d = await core.call('desk.receive', walkIn(core, reception, { procedureCode: '1.004222' }));
    clock.set('2026-11-24T09:00:00+07:00');
    const processor = (await core.call('staff.signIn', { username: 'xuly2', password: 'song-hong-chay-2026' })).token;
    await core.call('dossier.transition', { session: processor, code: d.code, to: 'processing' });
    await core.call('desk.moveAppointment', { session: processor, code: d.code, to: '2026-12-04T03:00:00.000Z', reason: 'Chờ xác minh' });
    const boss2 = (await core.call('staff.signIn', { username: 'tran.thi.a', password: TEST_PASSWORD })).token;

    const byBoss = await core.call('audit.list', { session: boss2, actor: 'tran.thi.a', kind: 'accounts' });
    expect(byBoss.lines.map((l) => l.sentence.vi)).toContainEqual('Trần Thị A đã tạo tài khoản xuly2 (Xử lý)');
    const moves = await core.call('audit.list', { session: boss2, actor: 'xuly2' });
    expect(moves.lines.map((l) => l.sentence.vi)).toEqual([
      `Hoàng Văn Xử đã hẹn lại hồ sơ ${d.code} từ 09:00 02/12/2026 sang 10:00 04/12/2026 (lý do: Chờ xác minh)`,
      `Hoàng Văn Xử đã chuyển hồ sơ ${d.code} từ “Được tiếp nhận” sang “Đang xử lý”`,
      'Hoàng Văn Xử đăng nhập',
    ]);
    // By date: only the first day; paged two at a time.
    const day1 = { from: '2026-11-23T00:00:00+07:00', to: '2026-11-24T00:00:00+07:00' };
    const all = await core.call('audit.list', { session: boss2, ...day1, limit: 100 });
    expect(all.lines.every((l) => l.at < '2026-11-23T17:00:00.000Z')).toBe(true);
    const paged = await core.call('audit.list', { session: boss2, ...day1, limit: 2, offset: 2 });
    expect(paged.total).toBe(all.total);
    expect(paged.lines.map((l) => l.id)).toEqual(all.lines.slice(2, 4).map((l) => l.id));
    expect((await refusal(core.call('audit.list', { session: boss2, from: day1.to, to: day1.from }))).field).toBe('to');
    const facets = await core.call('audit.facets', { session: boss2 });
    expect(facets.actors).toContainEqual({ username: 'xuly2', displayName: 'Hoàng Văn Xử' });

    const csv = await core.call('audit.export', { session: boss2, actor: 'xuly2' });
    expect(csv.filename).toBe('nhat-ky-00324.csv');
    const text = Buffer.from(csv.base64, 'base64').toString('utf8');
    expect(text.split('\r\n')[0]).toBe('\uFEFFThời điểm,Người thực hiện,Tài khoản,Hồ sơ,Nội dung,Mã thao tác');
    expect(text).toContain(`2026-11-24 09:00,Hoàng Văn Xử,xuly2,${d.code},Hoàng Văn Xử đã chuyển hồ sơ ${d.code} từ “Được tiếp nhận” sang “Đang xử lý”,dossier.transition`);
    // Reads of personal data and what left the app are sentences too, under their own kinds.
    await core.call('desk.dossier', { session: processor, code: d.code });
    expect((await core.call('audit.list', { session: boss2, kind: 'read' })).lines.map((l) => l.sentence.vi)).toEqual([`Hoàng Văn Xử đã xem hồ sơ ${d.code}`]);
    expect((await core.call('audit.list', { session: boss2, kind: 'exports' })).lines.map((l) => l.sentence.vi)).toEqual(['Trần Thị A đã xuất nhật ký thao tác ra tệp CSV, 3 dòng']);
    expect(facets.kinds.map((k) => k.label.vi)).toContain('Xem dữ liệu cá nhân');
  });

  it('the report by officer gives the processor a row of their own; a reversed range is refused, not shown as zeros', async () => {
    const { core } = makeDesk('2026-11-23T09:00:00+07:00');
    const reception = await signInOfficer(core, 'tiep.nhan', ['receptionist'], 'Lê Thu Hà');
    const d = await core.call('desk.receive', walkIn(core, reception));
    const processor = await signInOfficer(core, 'xu.ly', ['processor'], 'Phan Minh Xử');
    await core.call('dossier.transition', { session: processor, code: d.code, to: 'processing' });
    await core.call('dossier.transition', { session: processor, code: d.code, to: 'result_ready' });
    const boss = await signInOfficer(core, 'lanh.dao', ['supervisor']);
    const range = { from: '2026-11-01T00:00:00+07:00', to: '2026-12-01T00:00:00+07:00' };
    const r = await core.call('report.summary', { session: boss, ...range });
    expect(r.byOfficer.map((o) => [o.key, o.received, o.resolved, o.early])).toEqual([
      ['Lê Thu Hà (tiep.nhan)', 1, 0, 0],
      ['Phan Minh Xử (xu.ly)', 0, 1, 1],
    ]);
    const reversed = await refusal(core.call('report.summary', { session: boss, from: range.to, to: range.from }));
    expect(reversed).toMatchObject({ field: 'to', messages: { vi: 'Tháng kết thúc phải từ tháng bắt đầu trở đi.' } });
  });
});
