import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../electron/core/clock.js';
import { loadConfig } from '../../electron/core/config/load.js';
import { createCore } from '../../electron/core/index.js';
import { createLogger } from '../../electron/core/log.js';
import { startReferencePortal, type ReferencePortal } from '../portal/server.js';
import { cli, cliAsync } from '../helpers/cli.js';
import { isolatedPlatform, tempDir } from '../helpers/core.js';
import { smallCatalog } from '../helpers/sync.js';

/**
 * What an IT admin does for a ward — the admin guide's steps, run for real: provision 10 kiosks and
 * 3 desks against the portal, check the bundles, apply one as a machine's admin config, let the
 * device register on first start, watch the fleet page, and collect a support bundle.
 */
describe('IT admin: provisioning, first start, fleet health, support bundle', () => {
  let portal: ReferencePortal;
  const catalogDir = smallCatalog();
  const work = tempDir();
  const out = path.join(work, 'provision');

  beforeAll(async () => {
    portal = await startReferencePortal({ dataDir: tempDir(), catalogDir, adminToken: 'quan-tri-thu-nghiem-2026' });
  });
  afterAll(async () => {
    await portal?.close();
  });

  it('provisions 10 kiosks and 3 desks for Phường Ba Đình, each with its own slot and enrollment code, all valid', async () => {
    const env = { MOTCUA_PORTAL_ADMIN_TOKEN: portal.adminToken };
    const kiosks = await cliAsync(['provision', '--ward', '00324', '--mode', 'kiosk', '--portal', portal.url, '--count', '10', '--out', out, '--queue-url', 'http://10.0.0.21:4871', '--json'], env);
    expect(kiosks.err).toBe('');
    expect(kiosks.code).toBe(0);
    // Desk 1 keeps the queue and serves the office LAN; desks 2 and 3 do not.
    const queueDesk = await cliAsync(['provision', '--ward', '00324', '--mode', 'staff', '--portal', portal.url, '--web-host', '10.0.0.21', '--out', out, '--json'], env);
    expect(queueDesk.code).toBe(0);
    const desks = await cliAsync(['provision', '--ward', '00324', '--mode', 'staff', '--portal', portal.url, '--first-slot', '2', '--count', '2', '--out', out, '--updates-url', 'https://capnhat.example.vn/motcua', '--channel', 'pilot', '--json'], env);
    expect(desks.code).toBe(0);
    type Made = { slot: string; file: string; enrollmentCode: string };
    const made = [...(JSON.parse(kiosks.out) as Made[]), ...(JSON.parse(queueDesk.out) as Made[]), ...(JSON.parse(desks.out) as Made[])];
    expect(made.map((d) => d.slot)).toEqual(['K01', 'K02', 'K03', 'K04', 'K05', 'K06', 'K07', 'K08', 'K09', 'K10', 'Q01', 'Q02', 'Q03']);
    expect(new Set(made.map((d) => d.enrollmentCode)).size).toBe(13);
    const k3 = JSON.parse(fs.readFileSync(path.join(out, '00324-K03', 'motcua-config.json'), 'utf8')) as Record<string, unknown>;
    expect(k3).toMatchObject({
      mode: 'kiosk',
      ward: { code: '00324', name: 'Phường Ba Đình' },
      portal: { url: portal.url },
      device: { slot: '03' },
      queue: { url: 'http://10.0.0.21:4871' },
      locked: expect.arrayContaining(['mode', 'ward.code', 'portal.url', 'device.slot']) as unknown as string[],
    });
    const q2 = JSON.parse(fs.readFileSync(path.join(out, '00324-Q02', 'motcua-config.json'), 'utf8')) as Record<string, unknown>;
    expect(q2).toMatchObject({ mode: 'staff', desk: { counter: 'Quầy 2' }, updates: { url: 'https://capnhat.example.vn/motcua', channel: 'pilot' } });
    expect(q2).not.toHaveProperty('web');
    const q1 = JSON.parse(fs.readFileSync(path.join(out, '00324-Q01', 'motcua-config.json'), 'utf8')) as Record<string, unknown>;
    expect(q1).toMatchObject({ desk: { counter: 'Quầy 1' }, web: { host: '10.0.0.21', port: 4871 } });
    // `motcua config check` accepts every bundle.
    for (const d of made) expect(cli(['config', 'check', d.file]).code).toBe(0);

    // Each kiosk its own admin PIN, each desk its own setup code: on the device sheet, only hashes in the bundle.
    type Secret = Made & { pin?: string; setupCode?: string };
    const secrets = [...(JSON.parse(kiosks.out) as Secret[]), ...(JSON.parse(queueDesk.out) as Secret[]), ...(JSON.parse(desks.out) as Secret[])];
    const pins = secrets.filter((d) => d.slot.startsWith('K')).map((d) => d.pin!);
    expect(pins.every((p) => /^\d{8}$/.test(p))).toBe(true);
    expect(new Set(pins).size).toBe(10);
    expect(secrets.filter((d) => d.slot.startsWith('Q')).every((d) => /^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/.test(d.setupCode!))).toBe(true);
    const k3Text = fs.readFileSync(path.join(out, '00324-K03', 'motcua-config.json'), 'utf8');
    expect(k3).toMatchObject({ kiosk: { adminPinHash: expect.stringMatching(/^scrypt\$/) as unknown as string }, locked: expect.arrayContaining(['kiosk.adminPinHash', 'kiosk.adminPin']) as unknown as string[] });
    expect(k3Text).not.toContain(pins[2]!);
    expect(q1).toMatchObject({ desk: { setupCodeHash: expect.stringMatching(/^scrypt\$/) as unknown as string } });
    const sheets = fs.readFileSync(path.join(out, 'device-sheets.txt'), 'utf8');
    expect(sheets).toContain(`=== 00324-K03 · Phường Ba Đình · Ki-ốt / Kiosk ===`);
    expect(sheets).toContain(`Mã PIN quản trị ki-ốt / Kiosk admin PIN: ${pins[2]!}`);
    expect(sheets).toContain(`Mã thiết lập lần đầu / First-run setup code: ${secrets.find((d) => d.slot === 'Q02')!.setupCode!}`);
    expect(fs.statSync(path.join(out, 'device-sheets.txt')).mode & 0o077).toBe(0);
  });

  it('refuses, in Vietnamese and English, an unknown ward, a missing or wrong admin token', async () => {
    const unknown = await cliAsync(['provision', '--ward', '99999', '--mode', 'kiosk', '--portal', portal.url, '--enrollment-code', 'ABC'], {});
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('Không có phường/xã mã 99999');
    expect(unknown.err).toContain('There is no ward 99999');
    const noToken = await cliAsync(['provision', '--ward', '00324', '--mode', 'kiosk', '--portal', portal.url], {});
    expect(noToken.err).toContain('--admin-token');
    const wrong = await cliAsync(['provision', '--ward', '00324', '--mode', 'kiosk', '--portal', portal.url, '--admin-token', 'sai'], {});
    expect(wrong.err).toContain('Cổng từ chối mã quản trị');
    const twoLan = await cliAsync(['provision', '--ward', '00324', '--mode', 'staff', '--portal', portal.url, '--count', '2', '--web-host', '10.0.0.21', '--enrollment-code', 'X'], {});
    expect(twoLan.err).toContain('--web-host là địa chỉ mạng LAN của một quầy');
  });

  it('a bundle applied from a USB stick becomes the admin config; on first start the device registers and reports to the fleet page', async () => {
    const machine = tempDir();
    const adminFile = path.join(machine, 'etc', 'motcua', 'config.json');
    const applied = cli(['provision', '--apply', path.join(out, '00324-K01')], { MOTCUA_ADMIN_CONFIG: adminFile }, machine);
    expect(applied.code).toBe(0);
    expect(applied.out).toContain(adminFile);
    // A tampered bundle is refused, the machine's config untouched.
    const bad = path.join(machine, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify({ mode: 'banh-mi' }));
    const refused = cli(['provision', '--apply', bad], { MOTCUA_ADMIN_CONFIG: adminFile }, machine);
    expect(refused.code).toBe(1);
    expect(JSON.parse(fs.readFileSync(adminFile, 'utf8'))).toMatchObject({ mode: 'kiosk', device: { slot: '01' } });

    // First start: the app reads the admin file, registers with its code and sends a heartbeat.
    const clock = manualClock(new Date());
    const loaded = loadConfig({ platform: isolatedPlatform(machine, { MOTCUA_ADMIN_CONFIG: adminFile }), flags: { dataDir: path.join(machine, 'data') } });
    expect(loaded.config).toMatchObject({ mode: 'kiosk', ward: { code: '00324' }, device: { slot: '01' } });
    const core = createCore({ loaded, clock, version: '1.4.2', catalogDir, log: createLogger({ dir: path.join(machine, 'data', 'logs'), clock }) });
    try {
      // The PIN from the device sheet opens the admin exit; nothing else does.
      const pin = /=== 00324-K01 [^\n]*\n[^\n]*\nMã PIN quản trị ki-ốt \/ Kiosk admin PIN: (\d{8})/.exec(fs.readFileSync(path.join(out, 'device-sheets.txt'), 'utf8'))![1]!;
      await expect(core.call('kiosk.adminExit', { pin: '00000000' })).rejects.toMatchObject({ code: 'unauthorized' });
      expect(await core.call('kiosk.adminExit', { pin })).toEqual({ ok: true, lockedUntil: null });
      expect((await core.sync.runOnce()).errors).toEqual([]);
      const device = portal.db.prepare("SELECT ward_code, mode, app_version FROM devices WHERE app_version = '1.4.2'").get();
      expect(device).toEqual({ ward_code: '00324', mode: 'kiosk', app_version: '1.4.2' });
      // Someone at the counter tries to point the kiosk at another portal in the user file: locked.
      fs.writeFileSync(path.join(machine, 'user.json'), JSON.stringify({ portal: { url: 'https://evil.example' } }));
      const again = loadConfig({ platform: isolatedPlatform(machine, { MOTCUA_ADMIN_CONFIG: adminFile }), flags: { dataDir: path.join(machine, 'data') } });
      expect(again.config.portal.url).toBe(portal.url);
    } finally {
      core.close();
    }

    // The fleet page: this device fresh; another that has been silent for three hours, red.
    portal.db
      .prepare("INSERT INTO devices (device_id, ward_code, mode, app_version, token, last_seen_at) VALUES ('kiosk-tang-2', '00324', 'kiosk', '1.3.0', 'tok-old', ?)")
      .run(new Date(Date.now() - 3 * 3600_000).toISOString());
    expect((await fetch(`${portal.url}/admin/fleet`)).status).toBe(401);
    const page = await (await fetch(`${portal.url}/admin/fleet?token=${portal.adminToken}`)).text();
    const row = /<tr class="(\w+)" data-device="[^"]+">[\s\S]*?1\.4\.2[\s\S]*?<\/tr>/.exec(page);
    expect(row?.[1]).toBe('fresh');
    expect(row?.[0]).toContain('00324');
    expect(row?.[0]).toContain('Ki-ốt');
    expect(page).toMatch(/<tr class="silent" data-device="kiosk-tang-2">[\s\S]*?Mất liên lạc \/ silent · 3 giờ trước/);
    expect(page).toContain('2 thiết bị / devices: 1 hoạt động / OK, 0 chậm báo / late, 1 mất liên lạc / silent.');
  });

  it('motcua support-bundle collects doctor output, sync state and logs, with names, ID numbers and phone numbers redacted', () => {
    const dir = tempDir();
    const dataDir = path.join(dir, 'data');
    fs.mkdirSync(path.join(dataDir, 'logs'), { recursive: true });
    // A line as an older version might have written it, before redaction at write time.
    fs.writeFileSync(
      path.join(dataDir, 'logs', 'motcua.log.1'),
      `${JSON.stringify({ t: '2026-11-20T01:00:00Z', level: 'error', msg: 'portal refused', applicant: { fullName: 'Nguyễn Thị Hoa', idNumber: '001190012345', phone: '0912345678' }, note: 'gọi 0987 654 321' })}\n`,
    );
    const bundle = path.join(dir, 'support.tar.gz');
    const r = cli(['support-bundle', '--out', bundle, '--data-dir', dataDir], {}, dir);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const unpacked = path.join(dir, 'unpacked');
    fs.mkdirSync(unpacked);
    execFileSync('tar', ['-xzf', bundle, '-C', unpacked]);
    const files = execFileSync('find', ['.', '-type', 'f'], { cwd: unpacked, encoding: 'utf8' }).split('\n').filter(Boolean).sort();
    expect(files).toEqual(expect.arrayContaining(['./doctor.json', './logs/motcua.log.1', './sync.json']));
    const doctor = JSON.parse(fs.readFileSync(path.join(unpacked, 'doctor.json'), 'utf8')) as { dataDir: string };
    expect(doctor.dataDir).toBe(dataDir);
    const all = files.map((f) => fs.readFileSync(path.join(unpacked, f), 'utf8')).join('\n');
    for (const secret of ['Nguyễn Thị Hoa', '001190012345', '0912345678', '0987 654 321']) expect(all).not.toContain(secret);
    expect(all).toContain('portal refused');
    expect(all).toContain('[đã ẩn]');
  });
});
