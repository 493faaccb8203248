import { describe, expect, it } from 'vitest';
import { methods, receiveInput } from '../../electron/contract.js';
import { WorkingCalendar } from '../../electron/core/calendar/calendar.js';
import { alternativesOf, receiptPaperName, shortName, usualOf } from '../../electron/core/desk/checklist.js';
import { dueBounds, snapToOfficeHours, timeLeft, workingMinutesBetween } from '../../electron/core/desk/time-left.js';
import { addDays, vnDay } from '../../electron/core/time.js';
import { sniffMime } from '../../electron/core/dossiers/file-kind.js';
import { CLOCK, APPOINTMENT_MOVABLE, RUNNING_STATUSES, PAUSED_STATUSES } from '../../electron/core/dossiers/clock.js';
import { plainIssues } from '../../electron/core/field-messages.js';
import { controlSteps } from '../../electron/core/desk/control.js';
import { agencyAtWard } from '../../electron/core/desk/reports.js';
import { agencyLine, agencyName } from '../../electron/core/desk/handlers.js';
import type { DossierRecord, HistoryEntry } from '../../electron/core/dossiers/model.js';

/** 2026's National Day break: Saturday 29/8 to Wednesday 2/9 off. */
const calendar = new WorkingCalendar(new Map([['2026-08-31', 'off'], ['2026-09-01', 'off'], ['2026-09-02', 'off']]));
const at = (s: string) => new Date(s);

describe('working time to an appointment', () => {
  it('counts office hours only: a Friday evening to the Thursday after a long weekend is 1 h + 2½ h', () => {
    expect(workingMinutesBetween(calendar, at('2026-08-28T16:00:00+07:00'), at('2026-09-03T10:00:00+07:00'))).toBe(210);
    expect(workingMinutesBetween(calendar, at('2026-09-03T10:00:00+07:00'), at('2026-08-28T16:00:00+07:00'))).toBe(-210);
    // Lunch is not office time.
    expect(workingMinutesBetween(calendar, at('2026-09-03T11:00:00+07:00'), at('2026-09-03T13:30:00+07:00'))).toBe(60);
  });

  it('a Saturday morning the counter opens is not counted as working time left (trial-desk 7: “còn 3 ngày 7 giờ” to Monday 07:30)', () => {
    const saturdays = new WorkingCalendar(new Map(), { weekday: [['07:30', '11:30'], ['13:00', '17:00']], saturday: [['08:00', '11:30']] });
    // Tuesday 1/12/2026 09:30 to Monday 7/12 07:30: 2 h + 4 h + Wed–Fri 24 h = 30 h, i.e. 3 days 6 h.
    expect(workingMinutesBetween(saturdays, at('2026-12-01T09:30:00+07:00'), at('2026-12-07T07:30:00+07:00'))).toBe(30 * 60);
    expect(timeLeft(saturdays, at('2026-12-01T09:30:00+07:00'), '2026-12-07T00:30:00.000Z').text.vi).toBe('còn 3 ngày 6 giờ làm việc');
    // An appointment may still be set on that Saturday morning: the office is open.
    expect(snapToOfficeHours(saturdays, at('2026-12-05T07:00:00+07:00')).toISOString()).toBe('2026-12-05T01:00:00.000Z');
  });

  it('counts a long span from whole days summed once: a year overdue is the same as walking it day by day', () => {
    const walk = (from: Date, to: Date) => {
      let total = 0;
      for (let day = vnDay(from); day <= vnDay(to); day = addDays(day, 1)) {
        for (const [s, e] of calendar.periods(day)) total += Math.max(0, Math.min(e, to.getTime()) - Math.max(s, from.getTime()));
      }
      return Math.round(total / 60_000);
    };
    for (const [from, to] of [
      ['2025-11-20T15:10:00+07:00', '2026-11-24T09:00:00+07:00'],
      ['2026-08-28T16:00:00+07:00', '2026-09-03T10:00:00+07:00'],
      ['2024-01-02T07:30:00+07:00', '2026-12-31T17:00:00+07:00'],
    ] as const) {
      expect(workingMinutesBetween(calendar, at(from), at(to)), from).toBe(walk(at(from), at(to)));
    }
  });

  it('“due next” ends at the close of the next working day, whatever days off lie between', () => {
    const { todayEnd, nextEnd } = dueBounds(calendar, at('2026-08-28T16:00:00+07:00'));
    expect(todayEnd.toISOString()).toBe('2026-08-28T10:00:00.000Z');
    expect(nextEnd.toISOString()).toBe('2026-09-03T10:00:00.000Z');
    expect(timeLeft(calendar, at('2026-08-28T16:00:00+07:00'), '2026-09-03T03:00:00.000Z')).toEqual({
      minutes: 210,
      bucket: 'next',
      text: { vi: 'còn 3 giờ 30 phút làm việc', en: '3 h 30 min of working time left' },
      short: { vi: 'còn 3 giờ 30 phút', en: '3 h 30 min left' },
    });
    expect(timeLeft(calendar, at('2026-09-04T09:00:00+07:00'), '2026-09-03T03:00:00.000Z').text.vi).toBe('quá hạn 7 giờ làm việc');
  });

  it('snaps a new appointment to office hours: Sunday 03:00 → Monday 07:30; lunch → 13:00; the close stays', () => {
    expect(snapToOfficeHours(calendar, at('2026-11-29T03:00:00+07:00')).toISOString()).toBe('2026-11-30T00:30:00.000Z');
    expect(snapToOfficeHours(calendar, at('2026-11-30T12:00:00+07:00')).toISOString()).toBe('2026-11-30T06:00:00.000Z');
    expect(snapToOfficeHours(calendar, at('2026-11-30T17:00:00+07:00')).toISOString()).toBe('2026-11-30T10:00:00.000Z');
    expect(snapToOfficeHours(calendar, at('2026-08-29T09:00:00+07:00')).toISOString()).toBe('2026-09-03T00:30:00.000Z');
  });
});

describe('one definition of the clock', () => {
  it('running: received, processing; paused: supplement, payment, stopped; an appointment moves while running or awaiting payment', () => {
    expect(RUNNING_STATUSES).toEqual(['received', 'processing']);
    expect(PAUSED_STATUSES).toEqual(['supplement', 'payment', 'stopped']);
    expect(APPOINTMENT_MOVABLE).toEqual(['received', 'processing', 'payment']);
    expect(CLOCK.new).toBe('waiting');
    expect(CLOCK.returned).toBe('ended');
  });
});

describe('papers on the checklist', () => {
  it('names a paper by its first clause and finds the papers any one of which will do', () => {
    expect(shortName('Giấy chứng nhận quyền sử dụng đất được cấp theo quy định của Luật Đất đai qua các thời kỳ. Trường hợp Giấy chứng nhận đã có trong Cơ sở dữ liệu quốc gia về đất đai thì các thông tin này được thay thế bằng việc khai thác dữ liệu.', 120)).toBe(
      'Giấy chứng nhận quyền sử dụng đất được cấp theo quy định của Luật Đất đai qua các thời kỳ',
    );
    expect(alternativesOf('Hộ chiếu/Thẻ căn cước/Căn cước điện tử hoặc các giấy tờ khác có dán ảnh, còn giá trị')).toEqual(['Hộ chiếu', 'Thẻ căn cước', 'Căn cước điện tử', 'Giấy tờ khác có dán ảnh']);
    expect(alternativesOf('Đơn đề nghị cấp giấy phép xây dựng')).toBeNull();
  });

  it('starts a choice at the paper almost everyone brings: the CCCD among identity papers, none elsewhere', () => {
    expect(usualOf(alternativesOf('Hộ chiếu/Thẻ căn cước công dân/Thẻ căn cước/Căn cước điện tử hoặc các giấy tờ khác có dán ảnh, còn giá trị'))).toBe('Thẻ căn cước công dân');
    expect(usualOf(alternativesOf('Hộ chiếu/Thẻ căn cước/Căn cước điện tử hoặc các giấy tờ khác có dán ảnh, còn giá trị'))).toBe('Thẻ căn cước');
    // A paper with fallbacks is named by its usual paper already; drawings have no usual one.
    expect(usualOf(alternativesOf('Giấy chứng sinh; trường hợp không có Giấy chứng sinh thì nộp văn bản của người làm chứng xác nhận về việc sinh; nếu không có người làm chứng thì phải có giấy cam đoan về việc sinh'))).toBeNull();
    expect(usualOf(alternativesOf('Bản vẽ/Sơ đồ/Ảnh chụp hiện trạng công trình'))).toBeNull();
    expect(usualOf(null)).toBeNull();
  });

  it('a receipt names the kind handed in, and a shortened name never leaves a bracket open (trial: form 01 printed “Giấy chứng sinh (Giấy chứng sinh (hoặc văn bản …”)', () => {
    const birth = 'Giấy chứng sinh (hoặc văn bản của người làm chứng xác nhận về việc sinh; hoặc giấy cam đoan về việc sinh)';
    expect(receiptPaperName(birth, 'Giấy chứng sinh')).toBe('Giấy chứng sinh');
    expect(receiptPaperName(birth, 'Văn bản của người làm chứng xác nhận về việc sinh')).toBe('Văn bản của người làm chứng xác nhận về việc sinh');
    expect(receiptPaperName('Giấy tờ tùy thân', 'Thẻ căn cước')).toBe('Thẻ căn cước (Giấy tờ tùy thân)');
    expect(receiptPaperName(birth)).toBe(birth);
    // Cut at 60 characters inside the bracket: closed after the ellipsis.
    expect(shortName(birth, 60)).toBe('Giấy chứng sinh (hoặc văn bản của người làm chứng xác nhận…)');
    // Cut just after the bracket opened: the empty bracket goes.
    expect(shortName('Tờ khai đăng ký kết hôn theo mẫu quy định của Bộ Tư pháp (mẫu TP/HT-2020-KH.1, kèm hướng dẫn)', 58)).toBe('Tờ khai đăng ký kết hôn theo mẫu quy định của Bộ Tư pháp…');
    for (const max of [30, 45, 70, 100]) {
      const cut = shortName(birth, max);
      expect(cut.split('(').length, `${max}: ${cut}`).toBe(cut.split(')').length);
      expect(cut.length, `${max}: ${cut}`).toBeLessThanOrEqual(max);
    }
  });
});

describe('a scan is what its content says', () => {
  it('reads JPEG, PNG and PDF by their first bytes; anything else is none of them', () => {
    expect(sniffMime(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffMime(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
    expect(sniffMime(new TextEncoder().encode('%PDF-1.7'))).toBe('application/pdf');
    expect(sniffMime(new TextEncoder().encode('<html>'))).toBeNull();
  });
});

describe('schema problems in plain words', () => {
  it('every field at once, named as the form names it, never by its path or pattern', () => {
    const parsed = receiveInput.safeParse({ session: 'x'.repeat(16), procedureCode: '', applicant: { fullName: '' }, papers: [], attachments: [], sets: 0, collect: 'counter', outcome: 'accept', workingDays: 400 }, { reportInput: true });
    expect(parsed.success).toBe(false);
    const messages = plainIssues(parsed.error!.issues).map((f) => [f.field, f.message.vi]);
    expect(messages).toEqual([
      ['procedureCode', 'Hãy nhập thủ tục.'],
      ['applicant.fullName', 'Hãy nhập họ và tên.'],
      ['sets', 'Số bộ hồ sơ phải từ 1 trở lên.'],
      ['workingDays', 'Thời hạn giải quyết không được quá 365.'],
    ]);
    const account = methods['staff.save'].input.safeParse({ session: 'x'.repeat(16), username: 'Trần Văn', displayName: 'Trần Văn', roles: ['receptionist'], active: true }, { reportInput: true });
    expect(plainIssues(account.error!.issues).map((f) => f.message.vi)).toEqual(['Tên đăng nhập gồm 3–40 chữ cái không dấu, chữ số hoặc . _ -, ví dụ: nguyen.thi.lan.']);
  });
});

describe('the process control slip (form 05)', () => {
  const record: DossierRecord = {
    code: '00324.Q01-261123-0004', procedureCode: '1.000894', procedureName: 'Đăng ký kết hôn', wardCode: '00324', channel: 'counter',
    applicant: { fullName: 'Hoàng Văn Nam' }, data: {}, status: 'received', statusAt: '2026-11-25T03:00:00.000Z', appointmentAt: '2026-11-26T03:00:00.000Z',
    filedAt: '2026-11-23T01:15:00.000Z', origin: 'local', ackedAt: null, syncedAt: null, sector: null, officer: 'tiep.nhan', handler: null,
    receivedAt: '2026-11-25T03:00:00.000Z', resultAt: null, returnedAt: null, appointmentOriginal: null, desk: null,
  };
  const step = (status: HistoryEntry['status'], at: string, actor: string): HistoryEntry => ({ status, at, actor, note: null, source: 'local', state: 'acked', error: null });
  const names = (u: string | null | undefined) => ({ 'tiep.nhan': 'Nguyễn Thị Lan', 'xu.ly': 'Phan Minh Xử' })[u ?? ''] ?? null;
  const received = [step('new', '2026-11-23T01:15:00.000Z', 'tiep.nhan'), step('supplement', '2026-11-23T01:15:00.000Z', 'tiep.nhan'), step('received', '2026-11-25T03:00:00.000Z', 'tiep.nhan')];

  it('printed at receipt: the first hand-over names the desk, the rest are blank to be filled and signed by hand', () => {
    const steps = controlSteps(record, received, names);
    expect(steps.map((s) => [s.from, s.to, s.at, s.giver, s.receiver, s.result])).toEqual([
      ['Bộ phận tiếp nhận và trả kết quả', 'Công chức giải quyết', null, null, null, null],
      ['Công chức giải quyết', 'Bộ phận tiếp nhận và trả kết quả', null, null, null, null],
      ['Bộ phận tiếp nhận và trả kết quả', 'Cá nhân, tổ chức: Hoàng Văn Nam', null, null, null, null],
    ]);
  });

  it('printed before the hand-over, the first row says by when the transfer rule wants it at the deciding officer', () => {
    const calendar = new WorkingCalendar(new Map());
    const transfer = (at: Date) => calendar.transferBy(at);
    // Received Wednesday 25/11 at 10:00 (03:00 UTC): the same day.
    expect(controlSteps(record, received, names, transfer)[0]).toMatchObject({ at: null, note: 'Chuyển trong ngày, trước 17:00 25/11/2026', due: '2026-11-25T10:00:00.000Z' });
    // Received again at 15:30 after a supplement: the next working morning, Thursday 07:30.
    const late = [...received, step('supplement', '2026-11-25T04:00:00.000Z', 'tiep.nhan'), step('received', '2026-11-25T08:30:00.000Z', 'tiep.nhan')];
    expect(controlSteps({ ...record, receivedAt: '2026-11-25T08:30:00.000Z' }, late, names, transfer)[0]).toMatchObject({ note: 'Nhận sau 15 giờ hoặc ngoài giờ: chuyển đầu giờ ngày làm việc tiếp theo, 07:30 26/11/2026', due: '2026-11-26T00:30:00.000Z' });
    // Once handed over, the row is the hand-over itself.
    expect(controlSteps({ ...record, handler: 'xu.ly' }, [...received, step('processing', '2026-11-25T03:20:00.000Z', 'xu.ly')], names, transfer)[0]!.note).toBeNull();
  });

  it('a result ready after the appointment’s day is late; one ready on the day is on time; the taker is the processor', () => {
    const late = controlSteps({ ...record, status: 'result_ready', handler: 'xu.ly' }, [...received, step('processing', '2026-11-25T03:20:00.000Z', 'xu.ly'), step('result_ready', '2026-11-27T02:00:00.000Z', 'xu.ly')], names);
    expect(late[0]).toMatchObject({ to: 'Công chức giải quyết: Phan Minh Xử', at: '2026-11-25T03:20:00.000Z', giver: 'Nguyễn Thị Lan', receiver: 'Phan Minh Xử' });
    expect(late[1]).toMatchObject({ giver: 'Phan Minh Xử', receiver: null, result: 'Quá hạn' });
    const onTime = controlSteps({ ...record, handler: 'xu.ly' }, [...received, step('processing', '2026-11-25T03:20:00.000Z', 'xu.ly'), step('result_ready', '2026-11-26T09:00:00.000Z', 'xu.ly')], names);
    expect(onTime[1]!.result).toBe('Đúng hạn');
  });
});

describe('the ward’s agency on a form', () => {
  it('the header in capitals, running text as prose writes it (trial: form 04 said “UBND PHƯỜNG BA ĐÌNH xin trân trọng xin lỗi”)', () => {
    expect(agencyLine('Phường Ba Đình')).toBe('UBND PHƯỜNG BA ĐÌNH');
    expect(agencyName('Phường Ba Đình')).toBe('UBND phường Ba Đình');
    expect(agencyName('Xã Sóc Sơn')).toBe('UBND xã Sóc Sơn');
    expect(agencyName('Đặc khu Phú Quốc')).toBe('UBND đặc khu Phú Quốc');
    expect(agencyName('UBND phường Hoàn Kiếm')).toBe('UBND phường Hoàn Kiếm');
  });
});

describe('the agency that decides, at this ward', () => {
  it('reads the catalog’s generic commune committee as the ward’s own, and keeps any other agency', () => {
    const ward = 'UBND PHƯỜNG BA ĐÌNH';
    expect(agencyAtWard('Ủy ban Nhân dân\u00a0xã,\u00a0phường,\u00a0thị trấn.', ward)).toBe('UBND PHƯỜNG BA ĐÌNH');
    expect(agencyAtWard('Ủy ban nhân dân cấp xã', ward)).toBe('UBND PHƯỜNG BA ĐÌNH');
    expect(agencyAtWard('Chủ tịch UBND cấp xã', ward)).toBe('Chủ tịch UBND PHƯỜNG BA ĐÌNH');
    expect(agencyAtWard('Chủ tịch Ủy ban nhân dân xã', ward)).toBe('Chủ tịch UBND PHƯỜNG BA ĐÌNH');
    expect(agencyAtWard('Công an cấp Xã', ward)).toBe('Công an cấp Xã');
    expect(agencyAtWard('Ủy ban nhân dân cấp tỉnh, Uỷ ban Nhân dân cấp xã, phường, thị trấn', ward)).toBe('Ủy ban nhân dân cấp tỉnh, Uỷ ban Nhân dân cấp xã, phường, thị trấn');
  });
});
