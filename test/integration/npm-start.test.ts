/**
 * `npm start` from a clone, as the README promises, on a machine without the Electron binary (the
 * boundary we cannot reach here: start.js says so and serves the demo ward from web hosts). It uses
 * the README's fixed ports 4870 (kiosk), 4871 (desk) and 4880 (reference portal).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

async function call<T>(port: number, method: string, input: unknown): Promise<T> {
  const res = await fetch(`http://127.0.0.1:${port}/api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(input) });
  const body = (await res.json()) as { ok: boolean; result?: T; error?: unknown };
  if (!body.ok) throw new Error(`${method} on ${port}: ${JSON.stringify(body.error)}`);
  return body.result as T;
}

describe('npm start from a clone (no Electron binary here)', { timeout: 120_000 }, () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-start-'));
  let child: ChildProcess | null = null;
  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the demo ward: a ticket taken at the kiosk waits on the desk’s queue, and both boards show it', async () => {
    child = spawn(process.execPath, [path.join(root, 'scripts/start.js')], {
      cwd: root,
      env: { ...process.env, MOTCUA_DATA_DIR: dataDir, DISPLAY: '', WAYLAND_DISPLAY: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    await new Promise<void>((resolve, reject) => {
      readline.createInterface({ input: child!.stdout! }).on('line', (l) => {
        lines.push(l);
        if (l.includes('/display')) resolve();
      });
      child!.once('exit', (code) => reject(new Error(`npm start exited (${code}): ${lines.join('\n')}`)));
    });
    expect(lines.join('\n')).toContain('Ki-ốt / kiosk: http://127.0.0.1:4870/kiosk');

    const ticket = await call<{ label: string; group: { name: string } }>(4870, 'queue.issue', { group: 'A' });
    expect(ticket).toMatchObject({ label: 'A001', group: { name: 'Hộ tịch' } });
    type Board = { waiting: { group: { code: string }; count: number }[] };
    const waitingA = (b: Board) => b.waiting.find((w) => w.group.code === 'A')?.count;
    expect(waitingA(await call<Board>(4871, 'queue.board', {}))).toBe(1);
    expect(waitingA(await call<Board>(4870, 'queue.board', {}))).toBe(1);
  });
});
