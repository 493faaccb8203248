import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferencePortal, type ReferencePortal } from '../portal/server.js';
import { cli, cliAsync } from '../helpers/cli.js';
import { tempDir } from '../helpers/core.js';
import { smallCatalog } from '../helpers/sync.js';

/**
 * What the IT admin is refused and what support gets: provisioning's refusals, and the support
 * bundle's redaction. (The guide's steps themselves are walked in admin-guide.test.ts.)
 */
describe('IT admin: provisioning refused, support bundle redacted', () => {
  let portal: ReferencePortal;
  const catalogDir = smallCatalog();

  beforeAll(async () => {
    portal = await startReferencePortal({ dataDir: tempDir(), catalogDir, adminToken: 'quan-tri-thu-nghiem-2026' });
  });
  afterAll(async () => {
    await portal?.close();
  });

  it('refuses, in Vietnamese and English, an unknown ward, a missing or wrong admin token', async () => {
    const unknown = await cliAsync(['provision', '--ward', '99999', '--mode', 'kiosk', '--portal', portal.url, '--enrollment-code', 'ABC', '--yes'], { MOTCUA_PROVINCE: '01' });
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('Không có phường/xã mã 99999');
    expect(unknown.err).toContain('There is no ward 99999');
    const noToken = await cliAsync(['provision', '--ward', '00324', '--mode', 'kiosk', '--portal', portal.url, '--yes'], { MOTCUA_PROVINCE: '01' });
    expect(noToken.err).toContain('--admin-token');
    const wrong = await cliAsync(['provision', '--ward', '00324', '--mode', 'kiosk', '--portal', portal.url, '--admin-token', 'sai', '--yes'], { MOTCUA_PROVINCE: '01' });
    expect(wrong.err).toContain('Cổng từ chối mã quản trị');
    const twoLan = await cliAsync(['provision', '--ward', '00324', '--mode', 'staff', '--portal', portal.url, '--count', '2', '--web-host', '10.0.0.21', '--enrollment-code', 'X', '--yes'], { MOTCUA_PROVINCE: '01' });
    expect(twoLan.err).toContain('--web-host là địa chỉ mạng LAN của một quầy');
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
    const doctor = JSON.parse(fs.readFileSync(path.join(unpacked, 'doctor.json'), 'utf8')) as { dataDir: { path: string } };
    expect(doctor.dataDir.path).toBe(dataDir);
    const all = files.map((f) => fs.readFileSync(path.join(unpacked, f), 'utf8')).join('\n');
    for (const secret of ['Nguyễn Thị Hoa', '001190012345', '0912345678', '0987 654 321']) expect(all).not.toContain(secret);
    expect(all).toContain('portal refused');
    expect(all).toContain('[đã ẩn]');
  });
});
