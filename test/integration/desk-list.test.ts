/**
 * The desk's dossier list and deadline board as an officer uses them: finding a dossier by what
 * is in hand (a name typed without tones, a CCCD, a phone, a code), paging newest first by key,
 * totals that follow every filing and move, and the deadline counts the menu shows.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MethodInput } from '../../electron/contract.js';
import { manualClock } from '../../electron/core/clock.js';
import { loadConfig } from '../../electron/core/config/load.js';
import { createCore, type Core } from '../../electron/core/index.js';
import { createLogger } from '../../electron/core/log.js';
import { isolatedPlatform, signInOfficer, tempDir } from '../helpers/core.js';
import { smallCatalog } from '../helpers/sync.js';

const catalogDir = smallCatalog();
const open: Core[] = [];
afterEach(() => {
  for (const c of open.splice(0)) c.close();
});

function makeDesk(at = '2026-11-23T08:00:00+07:00') {
  const dir = tempDir();
  const clock = manualClock(at);
  const loaded = loadConfig({ platform: isolatedPlatform(dir), flags: { mode: 'staff', dataDir: path.join(dir, 'data'), ward: { code: '00324', name: 'Phường Ba Đình' } } });
  const core = createCore({ loaded, clock, version: 'test', catalogDir, log: createLogger({ dir: null, clock }) });
  open.push(core);
  return { core, clock };
}

const walkIn = (session: string, applicant: MethodInput<'desk.receive'>['applicant']): MethodInput<'desk.receive'> => ({
  session,
  procedureCode: '1.001193',
  applicant,
  papers: [],
  noPapersReason: 'Hồ sơ thử danh sách',
  attachments: [],
  sets: 1,
  collect: 'counter',
  outcome: 'accept',
});

describe('the dossier list', () => {
  it('finds a dossier by a name typed without tones, a CCCD, a phone written with spaces or +84, and the start of its code', async () => {
    const { core, clock } = makeDesk();
    const session = await signInOfficer(core);
    const lan = await core.call('desk.receive', walkIn(session, { fullName: 'Nguyễn Thị Lan', idNumber: '001190012345', phone: '0912 345 678' }));
    clock.advance(60_000);
    const dung = await core.call('desk.receive', walkIn(session, { fullName: 'Đặng Văn Dũng', idNumber: '079090054321', phone: '+84 987 654 321' }));
    clock.advance(60_000);
    const lan2 = await core.call('desk.receive', walkIn(session, { fullName: 'Trần Thị Lan Anh' }));
    const codes = async (query: string) => (await core.call('dossier.list', { session, query })).items.map((d) => d.code);

    expect(await codes('nguyen thi lan')).toEqual([lan.code]);
    expect(await codes('NGUYEN THI L')).toEqual([lan.code]); // still typing
    expect(await codes('lan')).toEqual([lan2.code, lan.code]); // newest first
    expect(await codes('dang van dung')).toEqual([dung.code]); // đ typed as d
    expect(await codes('Đặng Văn Dũng')).toEqual([dung.code]);
    expect(await codes('001190012345')).toEqual([lan.code]);
    expect(await codes('0011900')).toEqual([lan.code]); // the start of a CCCD
    expect(await codes('0912345678')).toEqual([lan.code]);
    expect(await codes('0912.345.678')).toEqual([lan.code]);
    expect(await codes('+84987654321')).toEqual([dung.code]);
    expect(await codes('0987 654 321')).toEqual([dung.code]);
    expect(await codes(dung.code)).toEqual([dung.code]);
    expect(await codes(dung.code.slice(0, 12).toLowerCase())).toEqual([dung.code, lan.code, lan2.code].filter((c) => c.startsWith(dung.code.slice(0, 12))).sort().reverse());
    expect(await codes('Phạm')).toEqual([]);
    expect(await codes('"*) OR NEAR(')).toEqual([]); // query syntax typed by accident is just text
  });

  it('pages newest first by key: every dossier exactly once, also when several were filed at the same instant; the total follows filings and moves', async () => {
    const { core, clock } = makeDesk();
    const session = await signInOfficer(core);
    const filed: string[] = [];
    for (let i = 0; i < 45; i++) {
      if (i % 3 === 0) clock.advance(60_000); // three at a time share one instant
      filed.push((await core.call('desk.receive', walkIn(session, { fullName: `Người nộp ${i}` }))).code);
    }
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await core.call('dossier.list', { session, limit: 10, ...(after ? { after } : {}) });
      expect(page).toMatchObject({ total: 45, capped: false });
      seen.push(...page.items.map((d) => d.code));
      after = page.next ?? undefined;
      pages++;
    } while (after);
    expect(pages).toBe(5);
    expect(seen).toHaveLength(45);
    expect(new Set(seen).size).toBe(45);
    const byFiling = (await Promise.all(seen.map((code) => core.call('dossier.get', { session, code })))).map((d) => d.filedAt);
    expect(byFiling).toEqual([...byFiling].sort().reverse());
    expect(new Set(seen)).toEqual(new Set(filed));

    // The totals come from counts kept by the database: they follow every filing and every move.
    await core.call('dossier.transition', { session, code: filed[0]!, to: 'processing' });
    expect((await core.call('dossier.list', { session, status: 'processing' })).total).toBe(1);
    expect((await core.call('dossier.list', { session, status: 'received' })).total).toBe(44);
    expect((await core.call('dossier.list', { session, status: 'received', origin: 'local' })).total).toBe(44);
    expect((await core.call('dossier.list', { session, origin: 'portal' })).total).toBe(0);
    await expect(core.call('dossier.list', { session, after: 'not-a-cursor' })).rejects.toMatchObject({ field: 'after' });
  });

  it('says "more than 10,000" for a search that matches more, without counting on', async () => {
    const { core } = makeDesk();
    const session = await signInOfficer(core);
    core.db.exec(`
      WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 10050)
      INSERT INTO dossiers (code, client_key, procedure_code, procedure_name, ward_code, channel, applicant, data, status, status_at, filed_at, origin)
      SELECT printf('00324.Q01-261123-%05d', x), 'k' || x, '1.001193', 'Đăng ký khai sinh', '00324', 'counter',
             json_object('fullName', 'Nguyễn Văn ' || x), '{}', 'received', '2026-11-23T01:00:00.000Z', '2026-11-23T01:00:00.000Z', 'local' FROM c;
    `);
    const page = await core.call('dossier.list', { session, query: 'nguyen van' });
    expect(page).toMatchObject({ total: 10_000, capped: true });
    expect(page.items).toHaveLength(20);
    expect((await core.call('dossier.list', { session })).total).toBe(10_050);
    expect(await core.call('dossier.list', { session, query: 'nguyen van 10049' })).toMatchObject({ total: 1, capped: false, items: [{ code: '00324.Q01-261123-10049' }] });
  });
});

describe('the deadline board', () => {
  it('counts overdue, due today and due by the next working day for the menu, and pages each bucket earliest first, by key', async () => {
    const { core } = makeDesk('2026-11-24T09:00:00+07:00');
    const session = await signInOfficer(core);
    // 30 overdue, 5 due later today, 25 tomorrow, 10 next week; 7 overdue ones are paused (supplement), not counted.
    core.db.exec(`
      WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 77)
      INSERT INTO dossiers (code, client_key, procedure_code, procedure_name, ward_code, channel, applicant, data, status, status_at, filed_at, origin, appointment_at)
      SELECT printf('00324.Q01-261120-%04d', x), 'k' || x, '1.001193', 'Đăng ký khai sinh', '00324', 'counter', json_object('fullName', 'Người ' || x), '{}',
             CASE WHEN x > 70 THEN 'supplement' WHEN x % 2 = 0 THEN 'processing' ELSE 'received' END, '2026-11-20T01:00:00.000Z', '2026-11-20T01:00:00.000Z', 'local',
             CASE WHEN x <= 30 OR x > 70 THEN strftime('%Y-%m-%dT%H:%M:%fZ', '2026-11-24T01:00:00Z', '-' || x || ' hours')
                  WHEN x <= 35 THEN strftime('%Y-%m-%dT%H:%M:%fZ', '2026-11-24T03:00:00Z', '+' || (x - 30) || ' minutes')
                  WHEN x <= 60 THEN '2026-11-25T01:00:00.000Z'
                  ELSE '2026-12-01T01:00:00.000Z' END
      FROM c;
    `);
    const counts = await core.call('desk.deadlines', { session, limit: 0 });
    expect(counts).toMatchObject({ counts: { overdue: 30, today: 5, next: 25 }, items: [], next: null });

    const board = await core.call('desk.deadlines', { session, bucket: 'overdue' });
    expect(board.counts).toEqual(counts.counts);
    expect(board.items).toHaveLength(20);
    // The most overdue first: 30 hours late, then 29 …
    expect(board.items.slice(0, 2).map((d) => d.code)).toEqual(['00324.Q01-261120-0030', '00324.Q01-261120-0029']);
    const rest = await core.call('desk.deadlines', { session, bucket: 'overdue', after: board.next! });
    expect(rest.items.map((d) => d.code)).toEqual(Array.from({ length: 10 }, (_, i) => `00324.Q01-261120-${String(10 - i).padStart(4, '0')}`));
    expect(rest.next).toBeNull();
    const today = await core.call('desk.deadlines', { session, bucket: 'today' });
    expect([today.items.length, today.next]).toEqual([5, null]);
    const first = await core.call('desk.deadlines', { session, bucket: 'next' });
    const next = [...first.items, ...(await core.call('desk.deadlines', { session, bucket: 'next', after: first.next! })).items].map((d) => d.code);
    expect(new Set(next).size).toBe(25);
    await expect(core.call('desk.deadlines', { session, bucket: 'next', after: 'not-a-cursor' })).rejects.toMatchObject({ field: 'after' });
  });
});
