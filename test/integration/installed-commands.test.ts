import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startCoreHost } from '../../electron/host/client.js';
import { adminCommand, runAdminCommand, type CommandDeps } from '../../electron/shell/commands.js';
import { installKind, updateRoute } from '../../electron/shell/install-kind.js';
import { tempDir } from '../helpers/core.js';

/**
 * The installed app answering admin commands (`motcua.exe doctor`…), tested as the function the
 * Electron shell calls before it opens any window. The boundary we cannot reach is the Electron
 * binary: its utility process is stood in for by the same core host in a worker thread.
 */
describe('the installed app’s admin commands (Electron shell dispatch, utility process stood in for by a worker)', () => {
  afterEach(() => vi.unstubAllEnvs());

  const deps = (): CommandDeps & { text: () => string; errors: () => string } => {
    let out = '';
    let err = '';
    return { startHost: startCoreHost, out: (t) => void (out += t), err: (t) => void (err += t), text: () => out, errors: () => err };
  };

  it('sees a command past Chromium’s switches and carries the app’s own --data-dir/--config; anything else starts the windows', () => {
    expect(adminCommand(['doctor'])).toEqual(['doctor']);
    expect(adminCommand(['--no-sandbox', '--enable-logging', 'support-bundle', '--out', 'x.tar.gz'])).toEqual(['support-bundle', '--out', 'x.tar.gz']);
    expect(adminCommand(['--data-dir', 'D:\\MotCua', 'sync', '--json'])).toEqual(['sync', '--json', '--data-dir', 'D:\\MotCua']);
    expect(adminCommand(['provision', '--apply', 'E:\\00324-K01'])).toEqual(['provision', '--apply', 'E:\\00324-K01']);
    expect(adminCommand(['update', 'install'])).toEqual(['update', 'install']);
    expect(adminCommand(['--help'])).toEqual(['--help']);
    expect(adminCommand([])).toBeNull();
    expect(adminCommand(['--no-sandbox'])).toBeNull();
    expect(adminCommand(['--data-dir', '/var/lib/motcua'])).toBeNull();
    expect(adminCommand(['some-file.json'])).toBeNull();
  });

  it('motcua doctor, headless: prints the report and exits 0, creating no database on a machine where the app never ran', async () => {
    const dir = tempDir();
    vi.stubEnv('MOTCUA_ADMIN_CONFIG', path.join(dir, 'admin.json'));
    vi.stubEnv('MOTCUA_USER_CONFIG', path.join(dir, 'user.json'));
    const dataDir = path.join(dir, 'data');
    const d = deps();
    const code = await runAdminCommand(['doctor', '--json', '--data-dir', dataDir], d);
    expect(d.errors()).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(d.text()) as { dataDir: { path: string; exists: boolean } };
    expect(report.dataDir).toMatchObject({ path: dataDir, exists: false });
    expect(fs.existsSync(dataDir)).toBe(false);
  });

  it('the installed app offers no clone-only command (web, catalog import), says so and exits 2; its --help lists what it answers', async () => {
    const web = deps();
    expect(await runAdminCommand(['web'], web)).toBe(2);
    expect(web.errors()).toContain('“web” runs from a source checkout only');
    const help = deps();
    expect(await runAdminCommand(['--help'], help)).toBe(0);
    expect(help.text()).toContain('doctor [--json]');
    expect(help.text()).toContain('backup [--to');
    expect(help.text()).not.toContain('catalog import');
    expect(help.text()).not.toMatch(/^\s+web \[--port/m);
  });

  it('motcua update install: the SYSTEM task’s command; --help explains it, anything else is a usage error', async () => {
    const help = deps();
    expect(await runAdminCommand(['update', '--help'], help)).toBe(0);
    expect(help.text()).toContain('"MotCua\\Update" (SYSTEM)');
    const wrong = deps();
    expect(await runAdminCommand(['update', 'now'], wrong)).toBe(2);
    const ran = deps();
    let updates = 0;
    expect(await runAdminCommand(['update', 'install'], { ...ran, update: () => Promise.resolve(++updates && 0) })).toBe(0);
    expect(updates).toBe(1);
  });

  it('who updates each install kind: the nightly SYSTEM task for per-machine NSIS, GPO/Intune for MSI (updater off), apt for deb, the app for AppImage', () => {
    const facts = { isPackaged: true, env: {}, productName: 'Một Cửa' };
    const nsis = installKind({ ...facts, platform: 'win32', execPath: 'C:\\Program Files\\Một Cửa\\motcua.exe', exists: (f) => f === 'C:\\Program Files\\Một Cửa\\Uninstall Một Cửa.exe' });
    const msi = installKind({ ...facts, platform: 'win32', execPath: 'C:\\Program Files\\Một Cửa\\motcua.exe', exists: () => false });
    const deb = installKind({ ...facts, platform: 'linux', execPath: '/opt/Một Cửa/motcua', exists: () => false });
    const appimage = installKind({ ...facts, platform: 'linux', execPath: '/tmp/.mount_x/motcua', env: { APPIMAGE: '/home/kiosk/MotCua.AppImage' }, exists: () => false });
    const dev = installKind({ ...facts, isPackaged: false, platform: 'linux', execPath: '/usr/bin/node', exists: () => false });
    expect([nsis, msi, deb, appimage, dev]).toEqual(['nsis', 'msi', 'deb', 'appimage', 'dev']);
    expect([nsis, msi, deb, appimage, dev].map((k) => updateRoute(k))).toEqual([
      { inApp: false, by: 'scheduled-task' },
      { inApp: false, by: 'gpo-intune' },
      { inApp: false, by: 'apt' },
      { inApp: true, by: 'app' },
      { inApp: false, by: 'none' },
    ]);
  });
});
