import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, readLayerFile } from '../../electron/core/config/load.js';
import { adminConfigPath, defaultDataDir, userConfigPath } from '../../electron/core/config/paths.js';
import { AppError } from '../../electron/core/errors.js';
import { groupForSector } from '../../electron/core/visits/booking.js';
import { isolatedPlatform, tempDir } from '../helpers/core.js';

function write(file: string, value: unknown): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
}

function configError(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected a config error');
}

describe('layered config', () => {
  it('uses built-in defaults when no file exists, with the per-OS data dir', () => {
    const dir = tempDir();
    const { config, sources } = loadConfig({ platform: isolatedPlatform(dir) });
    expect(config.mode).toBe('kiosk');
    expect(config.kiosk.idleSeconds).toBe(60);
    expect(config.portal.url).toBe('');
    expect(config.dataDir).toBe('/var/lib/motcua');
    expect(sources['mode']!.layer).toBe('default');
  });

  it('applies defaults < bundled < admin < user < --config < environment < flags, and says where each key came from', () => {
    const dir = tempDir();
    const bundled = write(path.join(dir, 'bundled.json'), { mode: 'kiosk', locale: 'vi', kiosk: { idleSeconds: 90 } });
    write(path.join(dir, 'admin.json'), { ward: { code: '00324', name: 'Phường Ba Đình' }, kiosk: { idleSeconds: 120 } });
    write(path.join(dir, 'user.json'), { locale: 'en', kiosk: { idleSeconds: 45 } });
    const extra = write(path.join(dir, 'extra.json'), { mode: 'staff' });
    const platform = isolatedPlatform(dir, { MOTCUA_PORTAL_URL: 'http://127.0.0.1:9000', MOTCUA_KIOSK_IDLE_SECONDS: '30' });
    const { config, sources } = loadConfig({ platform, bundledFile: bundled, configFile: extra, flags: { web: { port: 5000 } } });

    expect(config.ward).toEqual({ code: '00324', name: 'Phường Ba Đình' });
    expect(config.locale).toBe('en');
    expect(config.mode).toBe('staff');
    expect(config.kiosk.idleSeconds).toBe(30);
    expect(config.portal.url).toBe('http://127.0.0.1:9000');
    expect(config.web.port).toBe(5000);
    expect(sources['ward.name']).toMatchObject({ layer: 'admin', origin: path.join(dir, 'admin.json') });
    expect(sources['locale']!.layer).toBe('user');
    expect(sources['mode']).toMatchObject({ layer: 'file', origin: extra });
    expect(sources['kiosk.idleSeconds']).toMatchObject({ layer: 'env', origin: 'MOTCUA_KIOSK_IDLE_SECONDS' });
    expect(sources['web.port']!.layer).toBe('flags');
    expect(sources['web.host']!.layer).toBe('default');
  });

  it('keeps admin-locked keys whatever the user file, --config or the environment say, and reports the attempts', () => {
    const dir = tempDir();
    write(path.join(dir, 'admin.json'), { mode: 'kiosk', portal: { url: 'https://portal.example.vn' }, locked: ['mode', 'portal'] });
    write(path.join(dir, 'user.json'), { mode: 'staff', portal: { url: '' }, locked: [] });
    const platform = isolatedPlatform(dir, { MOTCUA_MODE: 'staff', MOTCUA_PORTAL_URL: 'https://evil.example' });
    const loaded = loadConfig({ platform, flags: { kiosk: { idleSeconds: 20 } } });
    expect(loaded.config.mode).toBe('kiosk');
    expect(loaded.config.portal.url).toBe('https://portal.example.vn');
    expect(loaded.config.locked).toEqual(['mode', 'portal']);
    expect(loaded.config.kiosk.idleSeconds).toBe(20);
    expect(loaded.lockedOverrides.map((o) => `${o.key}@${o.layer}`).sort()).toEqual(['mode@env', 'mode@user', 'portal.url@env', 'portal.url@user']);
  });

  it('an update URL must be https:// unless on this machine: a plain http:// update server is refused, naming the file and the key', () => {
    const dir = tempDir();
    write(path.join(dir, 'admin.json'), { updates: { url: 'http://capnhat.motcua.hanoi.gov.vn/motcua' } });
    const err = configError(() => loadConfig({ platform: isolatedPlatform(dir) }));
    expect(err).toMatchObject({ code: 'config_invalid', file: path.join(dir, 'admin.json'), field: 'updates.url' });
    expect(err.messages.en).toContain('A remote host needs https:// (plain http only on this machine).');
    expect(err.messages.vi).toContain('Máy chủ ở xa phải dùng https://');
    write(path.join(dir, 'admin.json'), { updates: { url: 'https://capnhat.motcua.hanoi.gov.vn/motcua' } });
    expect(loadConfig({ platform: isolatedPlatform(dir) }).config.updates.url).toBe('https://capnhat.motcua.hanoi.gov.vn/motcua');
    write(path.join(dir, 'admin.json'), { updates: { url: 'http://127.0.0.1:8080/motcua' } });
    expect(loadConfig({ platform: isolatedPlatform(dir) }).config.updates.url).toBe('http://127.0.0.1:8080/motcua');
  });

  it('a misspelt key in `locked` is an error, not silence (the user file would otherwise win)', () => {
    const dir = tempDir();
    write(path.join(dir, 'admin.json'), { updates: { channel: 'stable' }, locked: ['updates.chanel'] });
    const err = configError(() => loadConfig({ platform: isolatedPlatform(dir) }));
    expect(err).toMatchObject({ code: 'config_invalid', file: path.join(dir, 'admin.json') });
    expect(err.messages.en).toContain('updates.chanel');
  });

  it('refuses invalid JSON, naming the file', () => {
    const dir = tempDir();
    write(path.join(dir, 'admin.json'), '{ "mode": "kiosk", }');
    const err = configError(() => loadConfig({ platform: isolatedPlatform(dir) }));
    expect(err.code).toBe('config_invalid');
    expect(err.file).toBe(path.join(dir, 'admin.json'));
    expect(err.messages.vi).toContain('không phải JSON hợp lệ');
  });

  it('refuses a wrong value, naming the file and the key, in both languages', () => {
    const dir = tempDir();
    const user = write(path.join(dir, 'user.json'), { kiosk: { idleSeconds: 5 } });
    const err = configError(() => loadConfig({ platform: isolatedPlatform(dir) }));
    expect(err.file).toBe(user);
    expect(err.field).toBe('kiosk.idleSeconds');
    expect(err.messages.vi).toContain(user);
    expect(err.messages.vi).toContain('kiosk.idleSeconds');
    expect(err.messages.en).toContain('minimum 15');
  });

  it('refuses unknown keys and bad enums', () => {
    const dir = tempDir();
    write(path.join(dir, 'user.json'), { portal: { urll: 'x' } });
    expect(configError(() => loadConfig({ platform: isolatedPlatform(dir) })).field).toBe('portal.urll');
    write(path.join(dir, 'user.json'), { mode: 'tablet' });
    const err = configError(() => loadConfig({ platform: isolatedPlatform(dir) }));
    expect(err.field).toBe('mode');
    expect(err.messages.vi).toContain('kiosk, staff');
  });

  it('refuses a portal URL that is not http(s)', () => {
    const dir = tempDir();
    write(path.join(dir, 'user.json'), { portal: { url: 'ftp://portal' } });
    expect(configError(() => loadConfig({ platform: isolatedPlatform(dir) })).field).toBe('portal.url');
  });

  it('refuses a non-numeric environment variable, naming it', () => {
    const dir = tempDir();
    const err = configError(() => loadConfig({ platform: isolatedPlatform(dir, { MOTCUA_KIOSK_IDLE_SECONDS: 'một phút' }) }));
    expect(err.file).toBe('MOTCUA_KIOSK_IDLE_SECONDS');
    expect(err.messages.vi).toContain('phải là số');
  });

  it('refuses a missing --config file', () => {
    const dir = tempDir();
    const err = configError(() => loadConfig({ platform: isolatedPlatform(dir), configFile: path.join(dir, 'nope.json') }));
    expect(err.messages.en).toContain('not found');
  });

  it('refuses a file that is not an object', () => {
    const dir = tempDir();
    write(path.join(dir, 'admin.json'), '[1,2]');
    expect(configError(() => loadConfig({ platform: isolatedPlatform(dir) })).code).toBe('config_invalid');
  });

  it('reads a UTF-8 file with a BOM (Windows Notepad) and Vietnamese text', () => {
    const dir = tempDir();
    const file = write(path.join(dir, 'x.json'), '\uFEFF{"ward":{"code":"00104","name":"Phường Hoàn Kiếm"}}');
    expect(readLayerFile(file)).toEqual({ ward: { code: '00104', name: 'Phường Hoàn Kiếm' } });
  });
});

describe('config paths per OS', () => {
  it('keeps data per machine, not per OS login: two officers’ Windows logins at one desk share one database', () => {
    const win = { platform: 'win32' as const, env: { ProgramData: 'C:\\ProgramData', APPDATA: 'C:\\Users\\an\\AppData\\Roaming' }, home: 'C:\\Users\\an' };
    expect(adminConfigPath(win)).toBe('C:\\ProgramData\\MotCua\\config.json');
    expect(userConfigPath(win)).toBe('C:\\Users\\an\\AppData\\Roaming\\MotCua\\config.json');
    expect(defaultDataDir(win)).toBe('C:\\ProgramData\\MotCua\\data');
    const otherLogin = { ...win, env: { ...win.env, APPDATA: 'C:\\Users\\binh\\AppData\\Roaming' }, home: 'C:\\Users\\binh' };
    expect(defaultDataDir(otherLogin)).toBe(defaultDataDir(win));
    const linux = { platform: 'linux' as const, env: {}, home: '/home/an' };
    expect(adminConfigPath(linux)).toBe('/etc/motcua/config.json');
    expect(userConfigPath(linux)).toBe('/home/an/.config/motcua/config.json');
    expect(defaultDataDir(linux)).toBe('/var/lib/motcua');
    expect(defaultDataDir({ ...linux, home: '/home/binh' })).toBe('/var/lib/motcua');
    const mac = { platform: 'darwin' as const, env: {}, home: '/Users/an' };
    expect(adminConfigPath(mac)).toBe('/Library/Application Support/MotCua/config.json');
  });
});

describe('queue groups an office has', () => {
  it('a social-policy group (E Chính sách – Xã hội) takes veterans’, social-protection and poverty matters; the other sectors keep their groups; every counter calls it by default', () => {
    const { config } = loadConfig({ platform: isolatedPlatform(tempDir()) });
    expect(config.queue.groups.map((g) => `${g.code} ${g.name}`)).toEqual(['A Hộ tịch', 'B Cư trú', 'C Đất đai – Xây dựng', 'D Kinh doanh', 'E Chính sách – Xã hội']);
    expect(config.desk.groups).toContain('E');
    const groupOf = (sector: string) => groupForSector(sector, config.queue.groups).code;
    expect(['Người có công', 'Bảo trợ xã hội', 'Giảm nghèo', 'Trẻ em'].map(groupOf)).toEqual(['E', 'E', 'E', 'E']);
    expect(['Hộ tịch', 'Chứng thực', 'Đăng ký, quản lý cư trú', 'Đất đai', 'Hoạt động xây dựng', 'Thành lập và hoạt động doanh nghiệp (hộ kinh doanh)'].map(groupOf)).toEqual(['A', 'A', 'B', 'C', 'C', 'D']);
  });
});
