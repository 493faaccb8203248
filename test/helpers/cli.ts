import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { tempDir } from './core.js';

export const bin = path.resolve('bin/motcua.js');

const envFor = (dir: string, env: Record<string, string>) => ({
  PATH: process.env.PATH,
  HOME: dir,
  MOTCUA_ADMIN_CONFIG: path.join(dir, 'admin.json'),
  MOTCUA_USER_CONFIG: path.join(dir, 'user.json'),
  ...env,
});

/**
 * Runs the real CLI (compiled by `npm run build`) with an isolated admin/user config; killed after
 * `timeoutMs` (its code is then null). A first run on a new data folder (database, bundled catalog)
 * wants more on a loaded CI machine.
 */
export function cli(args: string[], env: Record<string, string> = {}, dir = tempDir(), timeoutMs = 20_000) {
  const res = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: envFor(dir, env), timeout: timeoutMs });
  return { code: res.status, out: res.stdout, err: res.stderr };
}

/** The same, without blocking this process: for commands that talk to a server the test runs. */
export function cliAsync(args: string[], env: Record<string, string> = {}, dir = tempDir()): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { env: envFor(dir, env) });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => resolve({ code, out, err }));
  });
}
