/**
 * The desk at scale: 1,000,000 dossiers and 10,000,000 history rows generated in a real database
 * file, then the desk's own methods timed through `core.call` — the filtered, paged list, lookup by
 * code, a month's dashboard, and receiving a dossier.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { manualClock } from '../../electron/core/clock.js';
import { loadConfig } from '../../electron/core/config/load.js';
import { createCore, type Core } from '../../electron/core/index.js';
import { createLogger } from '../../electron/core/log.js';
import { DOSSIER_STATUSES } from '../../electron/contract.js';
import { catalogDir } from '../../electron/paths.js';
import { signInOfficer } from '../helpers/core.js';
import { fmt, report, summary, time } from './stats.js';

const DOSSIERS = Number(process.env.BENCH_DOSSIERS ?? 1_000_000);
const HISTORY_PER_DOSSIER = 10;

/** Fills the database in SQL (a recursive CTE), so ten million rows take seconds, not minutes of round trips. */
function generate(core: Core): void {
  const { db } = core;
  db.exec(`
    CREATE TEMP TABLE p AS SELECT row_number() OVER (ORDER BY code) AS i, code, name, json_extract(data, '$.sector') AS sector FROM procedures;
    CREATE TEMP TABLE s (i INTEGER PRIMARY KEY, status TEXT);
    INSERT INTO s (i, status) VALUES (0, 'new'), (1, 'received'), (2, 'processing'), (3, 'supplement'), (4, 'result_ready'), (5, 'returned'), (6, 'returned'), (7, 'returned'), (8, 'returned'), (9, 'refused');
  `);
  const procedures = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM p').get()!.n;
  db.transaction(() => {
    db.exec(`
      WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ${DOSSIERS}),
      d AS (
        SELECT x, strftime('%Y-%m-%dT%H:%M:%fZ', '2024-12-31T17:00:00Z', '+' || (x * 60) || ' seconds') AS filed,
               (SELECT status FROM s WHERE s.i = x % 10) AS status, (x % ${procedures}) + 1 AS pi
        FROM c
      )
      INSERT INTO dossiers (code, client_key, procedure_code, procedure_name, ward_code, channel, applicant, data, status, status_at, appointment_at,
                            filed_at, origin, acked_at, sector, officer, received_at, result_at, returned_at, desk)
      SELECT printf('00324.Q%02d-%s-%04d', x % 7, substr(replace(filed, '-', ''), 3, 6), x % 10000 + 1), 'bench-' || x, p.code, p.name, '00324',
             CASE x % 3 WHEN 0 THEN 'kiosk' WHEN 1 THEN 'counter' ELSE 'online' END,
             json_object('fullName', 'Nguyễn Văn ' || x, 'idNumber', printf('001090%06d', x % 1000000)), '{}', status, filed,
             CASE WHEN status IN ('new', 'refused') THEN NULL ELSE strftime('%Y-%m-%dT%H:%M:%fZ', filed, '+3 days') END,
             filed, 'local', filed, p.sector, 'can-bo-' || (x % 20),
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

export async function deskBench(tmp: string): Promise<void> {
  const dataDir = path.join(tmp, 'desk');
  // A Tuesday morning in November 2026; the data covers January 2025 to the end of November 2026.
  const clock = manualClock('2026-11-24T09:00:00+07:00');
  const platform = { platform: 'linux' as const, home: tmp, env: { MOTCUA_ADMIN_CONFIG: path.join(tmp, 'a.json'), MOTCUA_USER_CONFIG: path.join(tmp, 'u.json') } };
  const loaded = loadConfig({ platform, flags: { dataDir, mode: 'staff', ward: { code: '00324', name: 'Phường Ba Đình' }, desk: { lockMinutes: 240 } } });
  const core = createCore({ loaded, clock, catalogDir, log: createLogger({ dir: null, clock }) });
  const generated = time(() => generate(core));
  const counts = core.db.prepare<[], { d: number; h: number }>('SELECT (SELECT count(*) FROM dossiers) AS d, (SELECT count(*) FROM dossier_history) AS h').get()!;
  const session = await signInOfficer(core, 'lanh.dao', ['supervisor', 'receptionist', 'processor']);
  const fileBytes = fs.statSync(path.join(dataDir, 'motcua.db')).size;

  const months = Array.from({ length: 23 }, (_, i) => `${2025 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
  const monthRange = (m: string) => {
    const [y, mo] = m.split('-').map(Number) as [number, number];
    const next = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
    return { from: `${m}-01T00:00:00+07:00`, to: `${next}-01T00:00:00+07:00` };
  };
  const timeAsync = async (fn: () => Promise<unknown>) => {
    const start = process.hrtime.bigint();
    await fn();
    return Number(process.hrtime.bigint() - start) / 1e6;
  };

  // The list, as an officer filters it: a status, a month, a page.
  const list: number[] = [];
  for (let i = 0; i < 300; i++) {
    const status = DOSSIER_STATUSES[i % DOSSIER_STATUSES.length]!;
    const range = monthRange(months[(i * 7) % months.length]!);
    list.push(await timeAsync(() => core.call('dossier.list', { session, status, ...range, offset: (i % 10) * 20, limit: 20 })));
  }
  const codes = core.db.prepare<[], { code: string }>('SELECT code FROM dossiers ORDER BY random() LIMIT 500').all().map((r) => r.code);
  const lookup: number[] = [];
  for (const code of codes) lookup.push(await timeAsync(() => core.call('dossier.get', { session, code })));
  const dashboard: number[] = [];
  for (const m of months.slice(-12)) dashboard.push(await timeAsync(() => core.call('report.summary', { session, ...monthRange(m) })));
  const receive: number[] = [];
  // The papers of khai sinh's main case, by their checklist id, as the desk sends them.
  const papers = (await core.call('desk.checklist', { session, procedureCode: '1.001193' })).common.map((p) => ({ id: p.id, presented: true }));
  for (let i = 0; i < 200; i++) {
    receive.push(
      await timeAsync(() =>
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
      ),
    );
  }
  core.close();
  const l = summary(list);
  const g = summary(lookup);
  const d = summary(dashboard);
  const r = summary(receive);
  report(`Desk at scale (${counts.d.toLocaleString('en')} dossiers, ${counts.h.toLocaleString('en')} history rows, ${(fileBytes / 1e9).toFixed(2)} GB file)`, [
    ['generating the data', fmt(generated.ms)],
    ['dossier.list by status and month, paged (300 calls)', `p50 ${fmt(l.p50)}`],
    ['', `p95 ${fmt(l.p95)}`, 'p95 ≤ 30 ms'],
    ['dossier.get by code, with its history (500 calls)', `p50 ${fmt(g.p50)}`],
    ['', `p95 ${fmt(g.p95)}`, '≤ 2 ms'],
    ["report.summary for a month (12 months)", `p50 ${fmt(d.p50)}`],
    ['', `max ${fmt(d.max)}`, '≤ 300 ms'],
    ['desk.receive, all writes + receipt data (200 calls)', `p50 ${fmt(r.p50)}`],
    ['', `p95 ${fmt(r.p95)}`, '≤ 20 ms'],
  ]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-bench-desk-'));
  await deskBench(tmp);
  fs.rmSync(tmp, { recursive: true, force: true });
}
