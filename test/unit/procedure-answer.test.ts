import { describe, expect, it } from 'vitest';
import { answerFirst, checklistOf, counterTime, declarationOf } from '../../electron/core/catalog/answer.js';
import type { Channel, DocumentItem } from '../../electron/core/catalog/model.js';
import { cleanLegalTitle } from '../../electron/core/catalog/parse/legal.js';
import { readSnapshot } from '../../electron/core/catalog/snapshot.js';
import { catalogDir } from '../../electron/paths.js';
import { buildChecklist, requiredPapers } from '../../electron/core/desk/checklist.js';

const doc = (name: string, over: Partial<DocumentItem> = {}): DocumentItem => ({ group: 'submit', caseTitle: null, name, form: null, originals: 1, copies: 0, quantityText: '1 bản chính', ...over });
const channel = (kind: Channel['kind'], value: number, unit: Channel['time'] extends infer T ? (T extends { unit: infer U } ? U : never) : never, timeText: string): Channel => ({ kind, time: { value, unit }, timeText, fee: { kind: 'free' }, feeText: 'Miễn phí', note: '' });

describe('a procedure answers first: how long, the fee, what to bring', () => {
  const snapshot = readSnapshot(catalogDir);
  const birth = snapshot.procedures.find((p) => p.code === '1.001193')!;
  const answer = answerFirst(birth);

  it('1.001193: "1" without a unit is 1 working day, and the card says the unit was read, not given', () => {
    expect(answer.time).toEqual({ value: 1, unit: 'working_days', source: 'assumed_working_days', portalText: '1' });
    expect(answer.fee).toEqual({ fee: { kind: 'free' }, text: 'Miễn phí' });
  });

  it('1.001193: the usual papers are the declaration, the birth certificate and an ID, in that order; the exceptions and notes are folded apart', () => {
    expect(answer.checklist.usual.map((d) => d.name.slice(0, 40))).toEqual([
      'Tờ khai đăng ký khai sinh theo mẫu (nếu ',
      'Giấy chứng sinh; trường hợp không có Giấ',
      'Hộ chiếu/Thẻ căn cước công dân/Thẻ căn c',
    ]);
    expect(answer.checklist.usual.map((d) => [d.quantity, d.group])).toEqual([['1 bản chính', 'show'], ['1 bản chính', 'submit'], ['1 bản chính', 'show']]);
    const cases = answer.checklist.cases.map((d) => d.name);
    expect(cases.some((n) => n.includes('trẻ em bị bỏ rơi'))).toBe(true);
    expect(cases.some((n) => n.includes('mang thai hộ'))).toBe(true);
    expect(cases.some((n) => n.startsWith('Văn bản ủy quyền'))).toBe(true);
    expect(cases.some((n) => n.startsWith('Mẫu hộ tịch điện tử tương tác'))).toBe(true);
    // Nothing shown as "0 bản chính": such lines are guidance, among the notes.
    expect([...answer.checklist.usual, ...answer.checklist.cases].every((d) => d.quantity === null || !d.quantity.startsWith('0'))).toBe(true);
    expect(answer.checklist.notes.length).toBe(birth.documents.length - 3 - answer.checklist.cases.length);
    expect(answer.declaration).toEqual({ name: 'Tờ khai đăng ký khai sinh', form: null });
  });

  it('1.004194: CT01 is listed once among the usual papers; the list-of-people and barracks variants are cases, each with its own CT01', () => {
    const stay = answerFirst(snapshot.procedures.find((p) => p.code === '1.004194')!);
    const ct01 = (items: { name: string }[]) => items.filter((d) => d.name.includes('CT01')).length;
    expect(ct01(stay.checklist.usual)).toBe(1);
    expect(stay.checklist.usual[0]!.name.startsWith('Tờ khai thay đổi thông tin cư trú (Mẫu CT01')).toBe(true);
    const headings = [...new Set(stay.checklist.cases.map((c) => c.caseTitle))];
    expect(headings).toEqual(['Đăng ký tạm trú theo danh sách, hồ sơ gồm', 'Đăng ký tạm trú tại nơi đơn vị đóng quân trong Công an nhân dân, Quân đội nhân nhân (đơn vị đóng quân, nhà ở công vụ) hồ sơ gồm']);
    for (const h of headings) expect(ct01(stay.checklist.cases.filter((c) => c.caseTitle === h))).toBe(1);
  });

  it('1.004222: the own-home case is the usual one, and the vehicle papers the portal filed under its heading are another case (kiosk and desk)', () => {
    const permanent = snapshot.procedures.find((p) => p.code === '1.004222')!;
    const { usual, cases } = answerFirst(permanent).checklist;
    expect(usual.map((d) => d.name.slice(0, 40))).toEqual(['Tờ khai thay đổi thông tin cư trú (mẫu C', 'Thông tin chứng minh về chỗ ở hợp pháp đ']);
    expect(cases.filter((c) => /phương tiện/.test(c.name)).map((c) => c.caseTitle)).toEqual(['Trường hợp khác', 'Trường hợp khác']);
    const desk = buildChecklist(permanent);
    expect(desk.cases[0]!.title).toBe('Đăng ký thường trú vào chỗ ở hợp pháp thuộc quyền sở hữu của mình');
    expect(requiredPapers(desk).some((p) => /phương tiện/.test(p.name))).toBe(false);
    expect(desk.cases.at(-1)!.title).toBe('Trường hợp khác');
  });

  it('no procedure of the 2,642 lists the same paper twice to a resident (same words, or the same named form)', () => {
    const procedures = snapshot.procedures;
    expect(procedures.length).toBe(2642);
    // Told apart the plain way: letters and digits only, tone marks and case aside.
    const bare = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/giu, 'd').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
    // "mẫu" with its tone: folded, it would read "màu" (colour) too.
    const formOf = (s: string) => /(?:^|\s)mẫu\s+(?:số\s+)?([a-z]{0,4}\d+[a-z0-9.]*)/iu.exec(s)?.[1]?.toLowerCase() ?? null;
    const twice: string[] = [];
    for (const p of procedures) {
      const { usual, cases } = answerFirst(p).checklist;
      const lists = [usual, ...[...new Set(cases.map((c) => c.caseTitle))].map((h) => cases.filter((c) => c.caseTitle === h))];
      for (const list of lists) {
        const names = list.map((d) => bare(d.name));
        if (new Set(names).size !== names.length) twice.push(`${p.code}: ${names.find((n, i) => names.indexOf(n) !== i)}`);
        // The same paper named twice with the same form: its name before "(theo) mẫu", asides left out.
        const forms = list.map((d) => (formOf(d.name) ? `${bare(d.name.replace(/\([^)]*\)/g, ' ')).split(/ (?:theo )?mau /)[0]}|${formOf(d.name)}` : null)).filter((f): f is string => f !== null);
        if (new Set(forms).size !== forms.length) twice.push(`${p.code}: ${forms.find((f, i) => forms.indexOf(f) !== i)}`);
      }
    }
    expect(twice).toEqual([]);
  }, 30_000);

  it('a unit the portal gives is kept, and the counter (in person) channel leads', () => {
    expect(counterTime([channel('online', 2, 'working_days', '2 Ngày làm việc'), channel('in_person', 3, 'working_days', '3 Ngày làm việc')])).toEqual({ value: 3, unit: 'working_days', source: 'portal', portalText: '3 Ngày làm việc' });
    expect(counterTime([channel('online', 15, 'days', '15 Ngày')])).toEqual({ value: 15, unit: 'days', source: 'portal', portalText: '15 Ngày' });
    expect(counterTime([])).toBeNull();
  });

  it('sorts papers by what they say: a case heading, "(nếu có)", counts of copies', () => {
    const list = checklistOf([
      doc('Bản sao hợp đồng thuê nhà', { originals: 0, copies: 1, quantityText: '0 bản chính,1 bản sao' }),
      doc('Đơn đề nghị theo mẫu'),
      doc('Giấy ủy quyền', { caseTitle: 'Trường hợp ủy quyền thực hiện thủ tục' }),
      doc('Hóa đơn thương mại (nếu có)'),
      doc('Người yêu cầu có thể nộp bản sao…', { originals: 0, copies: 0, quantityText: '0 bản chính' }),
    ]);
    expect(list.usual.map((d) => [d.name, d.quantity])).toEqual([['Đơn đề nghị theo mẫu', '1 bản chính'], ['Bản sao hợp đồng thuê nhà', '1 bản sao']]);
    expect(list.cases.map((d) => [d.name, d.caseTitle])).toEqual([['Giấy ủy quyền', 'Trường hợp ủy quyền thực hiện thủ tục'], ['Hóa đơn thương mại (nếu có)', null]]);
    expect(list.notes).toEqual(['Người yêu cầu có thể nộp bản sao…']);
    expect(declarationOf([doc('Tờ khai thay đổi thông tin cư trú (Mẫu CT01 ban hành kèm theo Thông tư số 53/2025/TT-BCA)')])).toEqual({ name: 'Tờ khai thay đổi thông tin cư trú', form: 'CT01' });
    expect(declarationOf([doc('Giấy chứng sinh')])).toBeNull();
  });
});

describe('legal bases read as written', () => {
  it('gives back the space the portal glued away and drops the next row\'s dangling start', () => {
    expect(cleanLegalTitle('Thông tư số 03/2023/TT-BTP ngày 02/8/2023 của Bộ trưởng Bộ Tư phápThông tư số')).toBe('Thông tư số 03/2023/TT-BTP ngày 02/8/2023 của Bộ trưởng Bộ Tư pháp');
    expect(cleanLegalTitle('Quyết định số 06/2021/QĐ-TTg của Thủ tướng Chính phủ')).toBe('Quyết định số 06/2021/QĐ-TTg của Thủ tướng Chính phủ');
    expect(cleanLegalTitle('Luật Hộ tịch')).toBe('Luật Hộ tịch');
  });

  it('1.001193: every legal basis that names an act of the bundled code links to the reader', () => {
    const birth = readSnapshot(catalogDir).procedures.find((p) => p.code === '1.001193')!;
    const linked = birth.legalBases.filter((b) => b.lawId).map((b) => b.code);
    // The seven whose own code the Hộ tịch topic compiles, and 04/2024/TT-BTP, which amends 04/2020/TT-BTP by name.
    expect(linked.sort()).toEqual(['01/2022/TT-BTP', '03/2023/TT-BTP', '04/2020/TT-BTP', '04/2024/TT-BTP', '07/2025/NĐ-CP', '123/2015/NĐ-CP', '60/2014/QH13', '87/2020/NĐ-CP'].sort());
    expect(birth.legalBases.find((b) => b.code === '03/2023/TT-BTP')!.title).toBe('Thông tư số 03/2023/TT-BTP ngày 02/8/2023 của Bộ trưởng Bộ Tư pháp');
  });
});
