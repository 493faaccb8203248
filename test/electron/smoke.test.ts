import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/core.js';

/** The Electron binary, when this machine has one (downloaded, or ELECTRON_OVERRIDE_DIST_PATH). */
function electronBinary(): { path: string } | { skip: string } {
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], { encoding: 'utf8', timeout: 30_000 });
  const bin = probe.stdout?.trim();
  if (probe.status === 0 && bin && fs.existsSync(bin)) return { path: bin };
  const reason = (probe.stderr || '').split('\n').find((l) => /fail|error/i.test(l))?.trim() ?? 'binary missing';
  return { skip: `Electron binary not available on this machine (${reason}); the Electron smoke test did not run.` };
}

const found = electronBinary();
if ('skip' in found) console.warn(`[test/electron] SKIPPED: ${found.skip}`);

describe.skipIf('skip' in found)('Electron shell (real binary)', () => {
  it('opens the kiosk window from app://, sandboxed, with the bridge and nothing else', async () => {
    const bin = (found as { path: string }).path;
    const dataDir = tempDir();
    const app = await electron.launch({ executablePath: bin, args: [path.resolve('.'), '--data-dir', dataDir], env: { ...process.env, MOTCUA_ADMIN_CONFIG: path.join(dataDir, 'none.json') } });
    const win = await app.firstWindow();
    await win.waitForLoadState('domcontentloaded');
    expect(win.url()).toBe('app://motcua/kiosk');
    expect(await win.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
    expect(await win.evaluate(() => Object.keys((window as unknown as { motcua: object }).motcua).sort())).toEqual(['invoke', 'on']);
    const info = await win.evaluate(() => (window as unknown as { motcua: { invoke(m: string, i: unknown): Promise<unknown> } }).motcua.invoke('app.info', {}));
    expect(info).toMatchObject({ ok: true, result: { name: 'Một Cửa' } });
    await app.close();
  });
});
