/**
 * The audit log at a busy ward's scale: 1,000,000 sealed rows (HMAC chain with the device's key,
 * checkpoints as the app writes them) in a real database file; then `audit.list` through
 * `core.call` as a supervisor opens the page — a page of 50 with the chain's state — and the full
 * verification that runs in the background, with the longest pause it causes.
 */
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { manualClock } from '../../electron/core/clock.js';
import { loadConfig } from '../../electron/core/config/load.js';
import { createCore, type Core } from '../../electron/core/index.js';
import { createLogger } from '../../electron/core/log.js';
import { CHECKPOINT_EVERY, GENESIS, sealCheckpoint, sealRow } from '../../electron/core/staff/audit.js';
import { signInOfficer } from '../helpers/core.js';
import { fmt, report, summary, time, verdict } from './stats.js';

const ROWS = Number(process.env.BENCH_AUDIT_ROWS ?? 1_000_000);
const ACTIONS = ['dossier.read', 'dossier.transition', 'dossier.receive.accept', 'dossier.search', 'staff.signIn', 'report.export'];

/** Appends `rows` sealed rows after what is there, exactly as AuditLog.append chains them. */
function generate(core: Core, rows: number): void {
  const { db } = core;
  const key = core.device.auditKey();
  const last = db.prepare<[], { id: number; hash: string }>('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get();
  let prev = last?.hash ?? GENESIS;
  let id = last?.id ?? 0;
  const insert = db.prepare('INSERT INTO audit_log (id, at, actor, action, dossier_code, before, after, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const checkpoint = db.prepare('INSERT OR REPLACE INTO audit_checkpoints (id, hash, seal) VALUES (?, ?, ?)');
  const start = Date.parse('2025-01-02T01:00:00Z');
  const batch = 50_000;
  for (let done = 0; done < rows; done += batch) {
    db.transaction(() => {
      for (let i = 0; i < Math.min(batch, rows - done); i++) {
        id++;
        const n = id;
        const action = ACTIONS[n % ACTIONS.length]!;
        const code = action.startsWith('dossier') ? `00324.Q0${n % 7}-2511${String((n % 28) + 1).padStart(2, '0')}-${String(n % 10000).padStart(4, '0')}` : null;
        const row = {
          at: new Date(start + n * 30_000).toISOString(),
          actor: `can-bo-${n % 40}`,
          action,
          dossier_code: code,
          before: action === 'dossier.transition' ? '{"status":"received"}' : null,
          after: action === 'dossier.transition' ? '{"status":"processing","note":null}' : null,
        };
        const hash = sealRow(key, id, prev, row);
        insert.run(id, row.at, row.actor, row.action, row.dossier_code, row.before, row.after, prev, hash);
        if (id % CHECKPOINT_EVERY === 0) checkpoint.run(id, hash, sealCheckpoint(key, id, hash));
        prev = hash;
      }
    })();
  }
}

export async function auditBench(tmp: string): Promise<void> {
  const dataDir = path.join(tmp, 'audit');
  const clock = manualClock('2026-11-24T09:00:00+07:00');
  const platform = { platform: 'linux' as const, home: tmp, env: { MOTCUA_ADMIN_CONFIG: path.join(tmp, 'a.json'), MOTCUA_USER_CONFIG: path.join(tmp, 'u.json') } };
  const loaded = loadConfig({ platform, flags: { dataDir, mode: 'staff', ward: { code: '00324', name: 'Phường Ba Đình' }, desk: { lockMinutes: 240 } } });
  const open = () => createCore({ loaded, clock, log: createLogger({ dir: null, clock }) });

  let core = open();
  await signInOfficer(core, 'lanh.dao', ['supervisor']);
  const generated = time(() => generate(core, ROWS));
  core.close();

  // A restart: the page must be fast before any full verification has run.
  const started = time(() => open());
  core = started.value;
  const session = await signInOfficer(core, 'lanh.dao', ['supervisor']);
  const timeAsync = async (fn: () => Promise<unknown>) => {
    const t0 = process.hrtime.bigint();
    await fn();
    return Number(process.hrtime.bigint() - t0) / 1e6;
  };
  const first = await timeAsync(() => core.call('audit.list', { session, limit: 50 }));

  const page: number[] = [];
  for (let i = 0; i < 300; i++) {
    // Mostly the newest page, as supervisors read it; some deeper pages; new rows in between (an officer's reads).
    if (i % 10 === 0) await core.call('dossier.list', { session, limit: 1 });
    page.push(await timeAsync(() => core.call('audit.list', { session, limit: 50, offset: i % 5 === 0 ? (i % 20) * 50 : 0 })));
  }
  const codes = core.db.prepare<[], { c: string }>("SELECT dossier_code AS c FROM audit_log WHERE dossier_code IS NOT NULL ORDER BY random() LIMIT 100").all().map((r) => r.c);
  const byDossier: number[] = [];
  for (const c of codes) byDossier.push(await timeAsync(() => core.call('audit.list', { session, dossierCode: c, limit: 50 })));

  // The full verification, in the background: how long, and the longest pause it gives other calls.
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const during: number[] = [];
  const full = process.hrtime.bigint();
  const verifying = core.audit.verifyAll();
  let finished = false;
  void verifying.then(() => (finished = true));
  while (!finished) {
    during.push(await timeAsync(() => core.call('audit.list', { session, limit: 50 })));
    await new Promise((r) => setTimeout(r, 20));
  }
  const state = await verifying;
  const fullMs = Number(process.hrtime.bigint() - full) / 1e6;
  delay.disable();

  const p = summary(page);
  const d = summary(byDossier);
  const w = summary(during.length ? during : [0]);
  report(`Audit log (${(core.audit.head()?.seq ?? 0).toLocaleString('en')} sealed rows)`, [
    ['generating the rows (HMAC chain + checkpoints)', fmt(generated.ms)],
    ['core start on this database', fmt(started.ms)],
    ['first audit.list after the start', fmt(first)],
    ...verdict('audit.list, a page of 50 with the chain state', p, { p95: 50 }),
    ...verdict('audit.list by dossier', d, { p95: 50 }),
    [`full verification in the background (${state.ok ? 'intact' : 'BROKEN'})`, fmt(fullMs)],
    ['  longest event-loop pause while it ran', fmt(delay.max / 1e6)],
    [`  audit.list while it ran (${during.length})`, `p95 ${fmt(w.p95)}`],
  ]);
  core.close();
}
