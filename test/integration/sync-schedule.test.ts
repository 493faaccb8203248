import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferencePortal, type ReferencePortal } from '../portal/server.js';
import { tempDir } from '../helpers/core.js';
import { birthFiling, makeDevice, smallCatalog } from '../helpers/sync.js';

const catalogDir = smallCatalog();

describe('sync scheduling', () => {
  let portal: ReferencePortal;
  beforeAll(async () => {
    portal = await startReferencePortal({ dataDir: tempDir(), catalogDir });
  });
  afterAll(() => portal.close());

  it('never runs two cycles at once: a second call shares the running one', async () => {
    const d = makeDevice(portal.url, portal.createEnrollment('00324', 'kiosk'), { mode: 'kiosk' }, undefined, catalogDir);
    const before = portal.requests.byOperation.registerDevice ?? 0;
    const [a, b] = [d.core.sync.runOnce(), d.core.sync.runOnce()];
    expect(a).toBe(b);
    await a;
    expect((portal.requests.byOperation.registerDevice ?? 0) - before).toBe(1);
    d.core.close();
  });

  it('syncs shortly after a local write once started, and emits sync.status as it goes', async () => {
    const d = makeDevice(portal.url, portal.createEnrollment('00324', 'kiosk'), { mode: 'kiosk', device: { slot: '07' } }, undefined, catalogDir);
    const states: string[] = [];
    d.core.onEvent((name, payload) => name === 'sync.status' && states.push((payload as { state: string }).state));
    d.core.sync.start();
    await expect.poll(() => states.includes('idle'), { timeout: 10_000 }).toBe(true);
    const filed = await d.core.call('dossier.submit', birthFiling(77));
    await expect.poll(() => portal.db.prepare('SELECT count(*) AS n FROM dossiers WHERE code = ?').get(filed.code), { timeout: 10_000 }).toEqual({ n: 1 });
    expect(states.slice(0, 2)).toEqual(['syncing', 'idle']);
    const hb = portal.db.prepare('SELECT heartbeat FROM devices ORDER BY last_seen_at DESC LIMIT 1').get() as { heartbeat: string };
    const heartbeat = JSON.parse(hb.heartbeat) as { status: string; mode: string; freeDiskBytes: number };
    expect(heartbeat).toMatchObject({ status: 'ok', mode: 'kiosk' });
    expect(heartbeat.freeDiskBytes).toBeGreaterThan(0);
    d.core.close();
  });

  /** The portal lives in this process, so the CLI must run without blocking it (no spawnSync). */
  const run = (args: string[], env: NodeJS.ProcessEnv) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, args, { env });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('exit', (status) => resolve({ status, stdout, stderr }));
    });

  it('motcua sync runs one cycle and prints what moved', async () => {
    const dir = tempDir();
    const env = { PATH: process.env.PATH, HOME: dir, MOTCUA_ADMIN_CONFIG: path.join(dir, 'a.json'), MOTCUA_USER_CONFIG: path.join(dir, 'u.json') };
    const args = ['bin/motcua.js', 'sync', '--data-dir', path.join(dir, 'data'), '--portal-url', portal.url, '--enrollment-code', portal.createEnrollment('00000', 'kiosk')];
    const first = await run(args, env);
    expect(first.stderr + first.stdout).not.toMatch(/Lỗi \/ error/);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/pulled: 0 thay đổi hồ sơ \/ dossier changes, \d+ thay đổi danh mục \/ catalog changes/);
    expect(first.stdout).toContain('status: idle');
    const second = await run([...args, '--json'], env);
    const out = JSON.parse(second.stdout) as { report: { notModified: string[] }; status: { state: string } };
    expect(out.report.notModified).toEqual(['dossiers', 'catalog']);
    const none = await run(['bin/motcua.js', 'sync', '--data-dir', path.join(dir, 'data2')], env);
    expect(none.status).toBe(1);
    expect(none.stderr).toContain('No portal configured');
  });
});
