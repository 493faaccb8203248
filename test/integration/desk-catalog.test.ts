import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../electron/core/clock.js';
import { loadConfig } from '../../electron/core/config/load.js';
import { requiredPapers } from '../../electron/core/desk/checklist.js';
import { createCore, type Core } from '../../electron/core/index.js';
import { createLogger } from '../../electron/core/log.js';
import { dossierSubmission, transition } from '../../electron/core/sync/portal-types.js';
import { catalogDir } from '../../electron/paths.js';
import { isolatedPlatform, signInOfficer, tempDir, TEST_CALLER } from '../helpers/core.js';

/**
 * Every procedure of the bundled catalog (2,642) received at the counter through the core, the way
 * the desk sends it: the papers of the main case ticked by their checklist id (however long the
 * catalog's text, however many papers), the working days typed where the catalog gives no time.
 * What reaches the outbox must fit the portal's API too, or the dossier would be parked there.
 */
describe('every procedure of the catalog can be received', () => {
  let core: Core;
  let session: string;
  beforeAll(async () => {
    const dir = tempDir();
    const clock = manualClock('2026-11-23T09:00:00+07:00');
    const loaded = loadConfig({ platform: isolatedPlatform(dir), flags: { mode: 'staff', dataDir: path.join(dir, 'data'), ward: { code: '00324', name: 'Phường Ba Đình' } } });
    core = createCore({ loaded, clock, version: 'test', catalogDir, log: createLogger({ dir: null, clock }) });
    session = await signInOfficer(core, 'tiep.nhan', ['receptionist']);
  }, 60_000);
  afterAll(() => core?.close());

  it('khai sinh: its 33 catalog rows become 3 papers to tick (one a choice of ID card), 5 papers for particular cases, and guidance as text', async () => {
    const list = await core.call('desk.checklist', { session, procedureCode: '1.001193' });
    expect(list.cases).toEqual([]);
    // Named the way an officer says them: the text's own short name, the fallbacks, the form without the channel note.
    expect(list.common.map((p) => p.name)).toEqual([
      'Giấy chứng sinh (hoặc văn bản của người làm chứng xác nhận về việc sinh; hoặc giấy cam đoan về việc sinh)',
      'Giấy tờ tùy thân',
      'Tờ khai đăng ký khai sinh theo mẫu',
    ]);
    expect(list.common[1]!.detail).toMatch(/^Hộ chiếu\/Thẻ căn cước công dân\/Thẻ căn cước\/Căn cước điện tử\/Giấy chứng nhận căn cước hoặc các giấy tờ khác/);
    expect(list.common[0]!.alternatives).toEqual(['Giấy chứng sinh', 'Văn bản của người làm chứng xác nhận về việc sinh', 'Giấy cam đoan về việc sinh']);
    expect(list.common[1]!.alternatives).toEqual(['Hộ chiếu', 'Thẻ căn cước công dân', 'Thẻ căn cước', 'Căn cước điện tử', 'Giấy chứng nhận căn cước', 'Giấy tờ khác có dán ảnh và thông tin cá nhân']);
    expect(list.conditional.map((p) => p.name.split(' ').slice(0, 5).join(' '))).toEqual([
      'Trường hợp trẻ em bị',
      'Văn bản ủy quyền (được',
      'Trường hợp khai sinh cho',
      'Giấy tờ có giá trị',
      'Mẫu hộ tịch điện tử',
    ]);
    // "Cá nhân có quyền lựa chọn…" and every "0 bản chính" row are notes, not boxes.
    expect(list.guidance.map((g) => g.text)).toContainEqual(expect.stringMatching(/^Cá nhân có quyền lựa chọn thực hiện thủ tục/));
    expect([...list.common, ...list.conditional].some((p) => /^0 bản chính/.test(p.quantityText))).toBe(false);
  });

  it('a construction permit (1.013225) offers its seven cases, the first as the main one; kết hôn has its papers to show', async () => {
    const permit = await core.call('desk.checklist', { session, procedureCode: '1.013225' });
    expect(permit.cases.map((c) => c.title)).toEqual([
      '(1.1) Đối với công trình không theo tuyến',
      '(1.2) Đối với công trình theo tuyến',
      '(1.3) Đối với công trình tôn giáo',
      '(1.4) Đối với công trình tín ngưỡng',
      '(1.5) Đối với công trình tượng đài, tranh hoành tráng',
      '(1.6) Đối với công trình của các cơ quan ngoại giao và tổ chức quốc tế',
      '(1.7) Đối với công trình nhà ở riêng lẻ',
    ]);
    const house = permit.cases[6]!;
    expect(house.papers.map((p) => p.name.split(' ').slice(0, 8).join(' '))).toEqual([
      'Một trong những giấy tờ hợp pháp về',
      'Giấy chứng nhận quyền sử dụng đất được',
      'Đơn đề nghị cấp giấy phép sửa chữa,',
      'Giấy chứng nhận quyền sở hữu nhà ở',
      'Giấy chứng nhận quyền sử dụng đất, quyền',
    ]);
    // A 4,516-character catalog text is a box with a short name; the whole text stays readable.
    expect(house.papers[0]!.name.length).toBeLessThanOrEqual(160);
    expect(house.papers[0]!.detail!.length).toBeGreaterThan(4000);
    const marriage = await core.call('desk.checklist', { session, procedureCode: '1.000894' });
    expect(marriage.common.map((p) => [p.group, p.name.slice(0, 30)])).toEqual([
      ['show', 'Giấy tờ tùy thân'],
      ['show', 'Tờ khai đăng ký kết hôn theo m'],
    ]);
  });

  it('receives each of the 2,642 procedures with its main case’s papers, and the portal would take every filing', async () => {
    const codes = core.db.prepare<[], { code: string }>('SELECT code FROM procedures ORDER BY code').all().map((r) => r.code);
    expect(codes).toHaveLength(2642);
    const refused: string[] = [];
    let withCases = 0;
    let longest = 0;
    for (const procedureCode of codes) {
      const list = await core.call('desk.checklist', { session, procedureCode });
      if (list.cases.length) withCases++;
      const papers = requiredPapers(list).map((p) => ({ id: p.id, presented: true, ...(p.alternatives ? { choice: p.alternatives[0] } : {}) }));
      longest = Math.max(longest, ...requiredPapers(list).map((p) => p.name.length));
      const preview = await core.call('desk.appointmentPreview', { session, procedureCode });
      const res = await core.invoke('desk.receive', {
        session,
        procedureCode,
        applicant: { fullName: 'Nguyễn Văn An', idNumber: '001090123456', phone: '0912345678' },
        ...(list.cases.length ? { caseId: list.cases[0]!.id } : {}),
        papers,
        ...(papers.length ? {} : { noPapersReason: 'Danh mục chưa có thành phần hồ sơ; công dân nộp đơn đề nghị.' }),
        attachments: [],
        sets: 1,
        collect: 'counter',
        outcome: 'accept',
        ...(preview.at ? {} : { workingDays: 5 }),
      }, TEST_CALLER);
      if (!res.ok) refused.push(`${procedureCode}: ${res.error.message.vi}`);
    }
    expect(refused).toEqual([]);
    // The checklist names each paper shortly enough for a box and a receipt line.
    expect(longest).toBeLessThanOrEqual(160);
    expect(withCases).toBeGreaterThan(100);
    expect(core.db.prepare("SELECT count(*) AS n FROM dossiers WHERE status = 'received'").get()).toEqual({ n: 2642 });

    // What the portal will be sent fits its API: the filing and the move to received.
    const problems: string[] = [];
    for (const row of core.db.prepare<[], { kind: string; payload: string }>("SELECT kind, payload FROM outbox WHERE kind IN ('dossier.submit', 'dossier.transition')").iterate()) {
      const payload = JSON.parse(row.payload) as { code?: string; body?: unknown };
      const checked = row.kind === 'dossier.submit' ? dossierSubmission.safeParse(payload) : transition.safeParse(payload.body);
      if (!checked.success) problems.push(`${row.kind} ${JSON.stringify(checked.error.issues[0])}`);
    }
    expect(problems).toEqual([]);
  }, 240_000);
});
