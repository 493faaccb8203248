/**
 * The desk at scale: 1,000,000 dossiers (10,000,000 history rows) generated
 * in a real database file through the real schema — its triggers keep the search index and the
 * counts as the app's own writes do — then the desk's own methods timed through `core.call`, each
 * figure printed next to the target with pass or fail. `--dossiers 100000` is the variant
 * CI can afford (a benchmark: it prints, it never fails the build).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { manualClock } from '../../electron/core/clock.js';
import { loadConfig } from '../../electron/core/config/load.js';
import { createCore, type Core } from '../../electron/core/index.js';
import { createLogger } from '../../electron/core/log.js';
import { listDossiers } from '../../electron/core/dossiers/repo.js';
import { searchFold } from '../../electron/core/text/fold.js';
import { catalogDir } from '../../electron/paths.js';
import { signInOfficer } from '../helpers/core.js';
import { fmt, report, summary, verdict, type Row } from './stats.js';

const HISTORY_PER_DOSSIER = 10;

// Vietnamese names as they are distributed (family names by their share of the population).
const FAMILY: [string, number][] = [['Nguyễn', 38], ['Trần', 11], ['Lê', 10], ['Phạm', 7], ['Hoàng', 5], ['Huỳnh', 4], ['Phan', 4], ['Vũ', 4], ['Võ', 3], ['Đặng', 2], ['Bùi', 2], ['Đỗ', 2], ['Hồ', 2], ['Ngô', 2], ['Dương', 2], ['Lý', 2]];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Đức', 'Minh', 'Ngọc', 'Thanh', 'Quang', 'Thu', 'Hồng', 'Xuân', 'Anh', 'Gia', 'Bảo'];
const GIVEN = ['An', 'Anh', 'Bình', 'Chi', 'Cường', 'Dũng', 'Dung', 'Giang', 'Hà', 'Hải', 'Hạnh', 'Hiếu', 'Hoa', 'Hùng', 'Hương', 'Huy', 'Khánh', 'Lan', 'Linh', 'Long', 'Mai', 'Minh', 'Nam', 'Nga', 'Ngọc', 'Nhung', 'Phong', 'Phương', 'Quân', 'Quang', 'Sơn', 'Tâm', 'Thảo', 'Thắng', 'Thành', 'Thủy', 'Trang', 'Trung', 'Tuấn', 'Tùng', 'Vân', 'Việt', 'Vy', 'Yến'];

const values = (rows: string[]) => rows.map((r, i) => `(${i}, '${r}')`).join(', ');

/**
 * Fills the database in SQL (a recursive CTE), so ten million rows take a minute, not hours of
 * round trips: filings spread evenly over January 2025 – November 2026, whatever their number.
 */
function generate(core: Core, dossiers: number): void {
  const { db } = core;
  const spacing = Math.floor((Date.parse('2026-11-24T00:00:00Z') - Date.parse('2024-12-31T17:00:00Z')) / 1000 / dossiers);
  db.exec(`
    CREATE TEMP TABLE p AS SELECT row_number() OVER (ORDER BY code) AS i, code, name, json_extract(data, '$.sector') AS sector FROM procedures;
    CREATE TEMP TABLE s (i INTEGER PRIMARY KEY, status TEXT);
    INSERT INTO s (i, status) VALUES (0, 'new'), (1, 'received'), (2, 'processing'), (3, 'supplement'), (4, 'result_ready'), (5, 'returned'), (6, 'returned'), (7, 'returned'), (8, 'returned'), (9, 'refused');
    CREATE TEMP TABLE fam (i INTEGER PRIMARY KEY, name TEXT);
    INSERT INTO fam VALUES ${values(FAMILY.flatMap(([n, share]) => Array<string>(share).fill(n)))};
    CREATE TEMP TABLE mid (i INTEGER PRIMARY KEY, name TEXT);
    INSERT INTO mid VALUES ${values(MIDDLE)};
    CREATE TEMP TABLE giv (i INTEGER PRIMARY KEY, name TEXT);
    INSERT INTO giv VALUES ${values(GIVEN)};
  `);
  const procedures = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM p').get()!.n;
  const families = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM fam').get()!.n;
  db.transaction(() => {
    db.exec(`
      WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ${dossiers}),
      d AS (
        SELECT x, strftime('%Y-%m-%dT%H:%M:%fZ', '2024-12-31T17:00:00Z', '+' || (x * ${spacing}) || ' seconds') AS filed,
               (SELECT status FROM s WHERE s.i = x % 10) AS status, (x % ${procedures}) + 1 AS pi,
               (SELECT name FROM fam WHERE fam.i = (x * 7919) % ${families}) || ' ' || (SELECT name FROM mid WHERE mid.i = (x * 104729) % ${MIDDLE.length})
                 || ' ' || (SELECT name FROM giv WHERE giv.i = (x * 15485863) % ${GIVEN.length}) AS full_name
        FROM c
      )
      INSERT INTO dossiers (code, client_key, procedure_code, procedure_name, ward_code, channel, applicant, data, status, status_at, appointment_at,
                            filed_at, origin, acked_at, sector, officer, received_at, result_at, returned_at, desk)
      SELECT printf('00324.Q%02d-%s-%04d', x % 7, substr(replace(filed, '-', ''), 3, 6), x % 10000 + 1), 'bench-' || x, p.code, p.name, '00324',
             CASE x % 3 WHEN 0 THEN 'kiosk' WHEN 1 THEN 'counter' ELSE 'online' END,
             json_object('fullName', full_name, 'idNumber', printf('0%02d%d%02d%06d', x % 96, x % 4, (x * 31) % 100, x % 1000000), 'phone', printf('09%08d', (x * 7919) % 100000000)),
             '{}', status, filed,
             CASE WHEN status IN ('new', 'refused') THEN NULL ELSE strftime('%Y-%m-%dT%H:%M:%fZ', filed, '+3 days') END,
             filed, CASE WHEN x % 3 = 2 THEN 'portal' ELSE 'local' END, filed, p.sector, 'can-bo-' || (x % 20),
             CASE WHEN status IN ('new', 'refused') THEN NULL ELSE strftime('%Y-%m-%dT%H:%M:%fZ', filed, '+10 minutes') END,
             CASE WHEN status IN ('result_ready', 'returned') THEN strftime('%Y-%m-%dT%H:%M:%fZ', filed, '+' || (x % 5) || ' days') END,
             CASE WHEN status = 'returned' THEN strftime('%Y-%m-%dT%H:%M:%fZ', filed, '+5 days') END,
             json_object('sets', 1, 'registerNo', x)
      FROM d JOIN p ON p.i = d.pi;
    `);
    db.exec(`
      WITH RECURSIVE k(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM k WHERE n < ${HISTORY_PER_DOSSIER - 1})
      INSERT INTO dossier_history (dossier_code, status, at, actor, note, source, state)
      SELECT d.code, (SELECT status FROM s WHERE s.i = (k.n + length(d.code)) % 10), strftime('%Y-%m-%dT%H:%M:%fZ', d.filed_at, '+' || (k.n * 7) || ' hours'),
             d.officer, NULL, 'local', 'acked'
      FROM dossiers d, k ORDER BY d.code, k.n;
    `);
  })();
  db.exec('ANALYZE');
}

const timeAsync = async (fn: () => Promise<unknown>) => {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
};

async function sample(n: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  await fn(0); // warm the statement cache
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(await timeAsync(() => fn(i)));
  return out;
}

export async function deskBench(tmp: string, dossiers = 1_000_000): Promise<void> {
  const dataDir = path.join(tmp, 'desk');
  // A Tuesday morning in November 2026; the data covers January 2025 to this morning.
  const clock = manualClock('2026-11-24T09:00:00+07:00');
  const platform = { platform: 'linux' as const, home: tmp, env: { MOTCUA_ADMIN_CONFIG: path.join(tmp, 'a.json'), MOTCUA_USER_CONFIG: path.join(tmp, 'u.json') } };
  const loaded = loadConfig({ platform, flags: { dataDir, mode: 'staff', ward: { code: '00324', name: 'Phường Ba Đình' }, desk: { lockMinutes: 240 } } });
  const core = createCore({ loaded, clock, catalogDir, log: createLogger({ dir: null, clock }) });
  const started = process.hrtime.bigint();
  // BENCH_DIR keeps the generated database between runs (while working on a path; not for figures of record).
  const reused = core.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM dossiers').get()!.n >= dossiers;
  if (!reused) generate(core, dossiers);
  const generatedMs = Number(process.hrtime.bigint() - started) / 1e6;
  const counts = core.db.prepare<[], { d: number; h: number }>('SELECT (SELECT count(*) FROM dossiers) AS d, (SELECT count(*) FROM dossier_history) AS h').get()!;
  const session = await signInOfficer(core, 'lanh.dao', ['supervisor', 'receptionist', 'processor']);
  const fileBytes = fs.statSync(path.join(dataDir, 'motcua.db')).size;

  const months = Array.from({ length: 23 }, (_, i) => `${2025 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
  const monthRange = (m: string) => {
    const [y, mo] = m.split('-').map(Number) as [number, number];
    const next = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
    return { from: `${m}-01T00:00:00+07:00`, to: `${next}-01T00:00:00+07:00` };
  };

  // What officers type, taken from dossiers that exist: a name without tones or with them, a CCCD, a phone with spaces.
  const people = core.db.prepare<[], { applicant: string }>('SELECT applicant FROM dossiers ORDER BY random() LIMIT 300').all().map((r) => JSON.parse(r.applicant) as { fullName: string; idNumber: string; phone: string });
  const queries = people.map((p, i) => {
    switch (i % 4) {
      case 0: return searchFold(p.fullName);
      case 1: return p.fullName;
      case 2: return p.idNumber;
      default: return `${p.phone.slice(0, 4)} ${p.phone.slice(4, 7)} ${p.phone.slice(7)}`;
    }
  });
  // The cursor of the page at the 100,000th dossier, reached by paging as the list does.
  const depth = Math.min(100_000, Math.floor(dossiers / 2));
  let deep: string | undefined;
  for (let seen = 0; seen < depth; seen += 100) deep = listDossiers(core.db, { limit: 100, after: deep }).next ?? undefined;
  const deepCursors = [deep!];
  for (let i = 0; i < 20; i++) deepCursors.push(listDossiers(core.db, { limit: 20, after: deepCursors.at(-1) }).next!);
  const statuses = ['received', 'processing', 'supplement', 'returned', 'new'] as const;

  const list = await sample(200, () => core.call('dossier.list', { session }));
  const search = await sample(queries.length, (i) => core.call('dossier.list', { session, query: queries[i % queries.length]! }));
  const paged = await sample(200, (i) => core.call('dossier.list', { session, after: deepCursors[i % deepCursors.length]! }));
  const filtered = await sample(200, (i) => core.call('dossier.list', { session, status: statuses[i % statuses.length]!, ...monthRange(months[(i * 7) % months.length]!) }));
  const deadlines = await sample(50, () => core.call('desk.deadlines', { session, bucket: 'overdue' }));
  const mine = await sample(50, () => core.call('desk.deadlines', { session, bucket: 'overdue', mine: true }));
  const menu = await sample(50, () => core.call('desk.deadlines', { session, limit: 0 }));
  const codes = core.db.prepare<[], { code: string }>('SELECT code FROM dossiers ORDER BY random() LIMIT 500').all().map((r) => r.code);
  const lookup = await sample(codes.length, (i) => core.call('dossier.get', { session, code: codes[i % codes.length]! }));
  const dashboard = await sample(12, (i) => core.call('report.summary', { session, ...monthRange(months.slice(-12)[i % 12]!) }));
  // The papers of khai sinh's main case, by their checklist id, as the desk sends them.
  const papers = (await core.call('desk.checklist', { session, procedureCode: '1.001193' })).common.map((p) => ({ id: p.id, presented: true }));
  const receive = await sample(200, (i) =>
    core.call('desk.receive', {
      session,
      procedureCode: '1.001193',
      applicant: { fullName: `Người nộp ${i}`, idNumber: '001090123456' },
      papers,
      attachments: [],
      sets: 1,
      collect: 'counter',
      outcome: 'accept',
    }),
  );
  const board = await core.call('desk.deadlines', { session, limit: 0 });
  // The kiosk home's popular procedures, counted afresh each time (the answer is kept an hour: move
  // past it; a public method, so the officer's session ending meanwhile does not matter). Last, since it moves the clock.
  const popular = await sample(20, async () => {
    clock.advance(3_600_001);
    return core.call('catalog.popular', { limit: 6 });
  });
  core.close();

  const rows: Row[] = [
    ['generating the data (dossiers, history, indexes)', reused ? 'reused (BENCH_DIR)' : fmt(generatedMs)],
    ...verdict('dossier.list, default view (no filter)', summary(list), { p95: 30 }),
    ...verdict(`dossier.list, by name / CCCD / phone (${queries.length} typed queries)`, summary(search), { p95: 50 }),
    ...verdict(`dossier.list, the page at ${depth.toLocaleString('en')} (keyset)`, summary(paged), { p95: 30 }),
    ...verdict('dossier.list by status and month', summary(filtered), { p95: 30 }),
    ...verdict(`desk.deadlines, counts + the first overdue page (${board.counts.overdue.toLocaleString('en')} overdue, working days)`, summary(deadlines), { p95: 50 }),
    ...verdict('desk.deadlines, only mine', summary(mine), { p95: 50 }),
    ...verdict('desk.deadlines, the menu’s counts alone', summary(menu), { p95: 50 }),
    ...verdict('month dashboard (report.summary, 12 months)', summary(dashboard), { max: 300 }),
    ...verdict('desk.receive, every write + receipt data', summary(receive), { p95: 20 }),
    ...verdict('dossier.get by code, with its history', summary(lookup), { p95: 2 }),
    ...verdict('catalog.popular, the last 90 days counted (uncached)', summary(popular), { p95: 100 }),
  ];
  report(`Desk at scale (${counts.d.toLocaleString('en')} dossiers, ${counts.h.toLocaleString('en')} history rows, ${(fileBytes / 1e9).toFixed(2)} GB file; audit.list at 1,000,000 rows: the audit bench below)`, rows);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const keep = process.env.BENCH_DIR;
  const tmp = keep ?? fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-bench-desk-'));
  if (keep) fs.mkdirSync(keep, { recursive: true });
  await deskBench(tmp, Number(process.env.BENCH_DOSSIERS ?? 1_000_000));
  if (!keep) fs.rmSync(tmp, { recursive: true, force: true });
}
