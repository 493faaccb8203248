import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/core.js';
import { bin, cli, cliAsync } from '../helpers/cli.js';
import { latestVersion } from '../../electron/core/db/migrations/index.js';

describe('motcua CLI', () => {
  it('prints help listing its commands', () => {
    const r = cli(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['web', 'doctor', 'config check']) expect(r.out).toContain(c);
  });

  it('refuses an unknown command with exit code 2', () => {
    const r = cli(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('Unknown command: frobnicate');
  });

  it('--help anywhere prints that command’s help and runs nothing: `web --help` starts no server, `provision --count 3 --help` provisions nothing', () => {
    const dir = tempDir();
    const web = cli(['web', '--port', '0', '--help'], {}, dir);
    expect(web.code).toBe(0);
    expect(web.out).toMatch(/^Cách dùng \/ Usage: motcua web \[--port N\]/);
    expect(web.out).not.toContain('running at');
    const prov = cli(['provision', '--ward', '00324', '--mode', 'kiosk', '--portal', 'https://x.example', '--count', '3', '--out', path.join(dir, 'p'), '--help'], {}, dir);
    expect(prov.code).toBe(0);
    expect(prov.out).toContain('Cách dùng / Usage: motcua provision --ward');
    expect(fs.existsSync(path.join(dir, 'p'))).toBe(false);
    expect(cli(['config', '--help']).out).toContain('motcua config check <file>');
  });

  it('every command checks its flags: a number that is not one, a value not in the list, an unknown flag, a missing or extra argument — exit 2 with the usage, nothing made', () => {
    const dir = tempDir();
    const ten = cli(['provision', '--ward', '00324', '--mode', 'kiosk', '--portal', 'https://x.example', '--count', 'ten', '--out', path.join(dir, 'p')], {}, dir);
    expect(ten.code).toBe(2);
    expect(ten.err).toContain('--count must be a whole number from 1 to 200 (got “ten”)');
    expect(ten.err).toContain('Usage: motcua provision');
    expect(fs.existsSync(path.join(dir, 'p'))).toBe(false);
    const mode = cli(['provision', '--ward', '00324', '--mode', 'desk', '--portal', 'https://x.example'], {}, dir);
    expect(mode.code).toBe(2);
    expect(mode.err).toContain('--mode must be kiosk | staff (got “desk”)');
    const unknown = cli(['doctor', '--verbose'], {}, dir);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("Unknown option '--verbose'");
    expect(cli(['config', 'check'], {}, dir).code).toBe(2);
    expect(cli(['doctor', 'extra'], {}, dir).err).toContain('unexpected argument: extra');
  });

  it('config check: accepts a valid file and names the file and key of an invalid one', () => {
    const dir = tempDir();
    const good = path.join(dir, 'good.json');
    fs.writeFileSync(good, JSON.stringify({ mode: 'staff', ward: { code: '00324', name: 'Phường Ba Đình' } }));
    const ok = cli(['config', 'check', good]);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('Hợp lệ / Valid');

    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify({ kiosk: { idleSeconds: 'sixty' } }));
    const r = cli(['config', 'check', bad]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(bad);
    expect(r.err).toContain('kiosk.idleSeconds');
    expect(r.err).toMatch(/^Lỗi: /m);
    expect(r.err).toMatch(/^Error: /m);
  });

  it('doctor: says where each key came from, the data dir and the portal — and on a machine where the app never ran, that there is no database yet, creating nothing', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'admin.json'), JSON.stringify({ ward: { code: '00104', name: 'Phường Hoàn Kiếm' } }));
    const portal = http.createServer((_req, res) => res.end('ok'));
    await new Promise<void>((r) => portal.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(portal.address() as AddressInfo).port}`;
    const dataDir = path.join(dir, 'data');
    const r = await cliAsync(['doctor', '--json', '--data-dir', dataDir], { MOTCUA_PORTAL_URL: url }, dir);
    portal.close();
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as {
      config: { key: string; value: unknown; layer: string; origin: string }[];
      dataDir: { path: string; exists: boolean };
      database: { state: string; version: number | null; expected: number };
      portal: { reachable: boolean };
    };
    const byKey = Object.fromEntries(report.config.map((c) => [c.key, c]));
    expect(byKey['ward.name']).toMatchObject({ value: 'Phường Hoàn Kiếm', layer: 'admin' });
    expect(byKey['portal.url']).toMatchObject({ value: url, layer: 'env', origin: 'MOTCUA_PORTAL_URL' });
    expect(byKey['dataDir']).toMatchObject({ value: dataDir, layer: 'flags' });
    expect(byKey['kiosk.adminPin']!.value).toBe('••••');
    expect(report.dataDir).toMatchObject({ path: dataDir, exists: false });
    expect(report.database).toMatchObject({ state: 'missing', version: null, expected: latestVersion });
    expect(fs.existsSync(dataDir)).toBe(false);
    expect(report.portal.reachable).toBe(true);
  });

  it('doctor: explains an invalid config instead of running', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'user.json'), '{"mode": "tablet"}');
    const r = cli(['doctor', '--data-dir', path.join(dir, 'data')], {}, dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain(path.join(dir, 'user.json'));
    expect(r.err).toContain('mode');
  });

  it('web: prints its kiosk and staff URLs and serves the API', async () => {
    const dir = tempDir();
    const child = spawn(process.execPath, [bin, 'web', '--port', '0', '--data-dir', path.join(dir, 'data')], {
      env: { PATH: process.env.PATH, HOME: dir, MOTCUA_ADMIN_CONFIG: path.join(dir, 'admin.json'), MOTCUA_USER_CONFIG: path.join(dir, 'user.json') },
    });
    try {
      const out = await new Promise<string>((resolve, reject) => {
        let text = '';
        child.stdout.on('data', (d: Buffer) => {
          text += d.toString();
          if (text.includes('Staff:')) resolve(text);
        });
        child.on('exit', () => reject(new Error(`exited early: ${text}`)));
      });
      const base = /running at (http:\/\/127\.0\.0\.1:\d+)/.exec(out)![1]!;
      expect(out).toContain(`Kiosk: ${base}/kiosk`);
      expect(out).toContain(`Staff: ${base}/staff`);
      const res = await fetch(`${base}/api/app.info`, { method: 'POST', body: '{}' });
      expect(((await res.json()) as { ok: boolean }).ok).toBe(true);
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('catalog import: writes a snapshot and prints a summary of unparsed fields per field', () => {
    const dir = tempDir();
    const out = path.join(dir, 'catalog');
    const r = cli(['catalog', 'import', 'test/fixtures/portal-records.jsonl', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('31 thủ tục/procedures');
    expect(r.out).toMatch(/documents\s+\d+/);
    expect(fs.existsSync(path.join(out, 'catalog.json.gz'))).toBe(true);
    const again = cli(['catalog', 'import', 'test/fixtures/portal-records.jsonl', '--out', out]);
    expect(again.out).toContain('unchanged, files kept');
  });

  it('search: prints ranked results, and --json gives code and name', () => {
    const dir = tempDir();
    const text = cli(['search', 'dang ky khai sinh', '--limit', '3', '--data-dir', path.join(dir, 'data')], {}, dir);
    expect(text.code).toBe(0);
    expect(text.out.split('\n')[0]).toMatch(/^1\.001193\s+\d+\.\d+\s+Đăng ký khai sinh\s+\[Hộ tịch\]/);
    const json = cli(['search', 'ddawng kys keets hoon', '--json', '--data-dir', path.join(dir, 'data')], {}, dir);
    const rows = JSON.parse(json.out) as { code: string; name: string; sector: string; score: number }[];
    expect(rows[0]).toMatchObject({ code: '1.000894', name: 'Đăng ký kết hôn', sector: 'Hộ tịch' });
    expect(typeof rows[0]!.score).toBe('number');
  });

  it('calendar due: prints the due date by the working-time calendar, for an admin to check the table', () => {
    const dir = tempDir();
    const text = cli(['calendar', 'due', '--from', '2026-04-29T09:00:00+07:00', '--working-days', '1', '--data-dir', path.join(dir, 'data')], {}, dir);
    expect(text.code).toBe(0);
    expect(text.out).toBe('Hạn / due: Thứ Hai, 04/05/2026 09:00 (giờ Việt Nam / Vietnam time)\n');
    const json = cli(['calendar', 'due', '--from', '2026-02-13T16:00:00+07:00', '--working-days', '1', '--json', '--data-dir', path.join(dir, 'data')], {}, dir);
    expect(JSON.parse(json.out)).toMatchObject({ dueLocal: '2026-02-23T16:00+07:00', weekday: 'Thứ Hai' });
    expect(cli(['calendar', 'due', '--from', 'hôm qua', '--working-days', '1'], {}, dir).code).toBe(2);
  });
});
