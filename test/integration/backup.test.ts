import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../electron/core/clock.js';
import { loadConfig } from '../../electron/core/config/load.js';
import { createCore, type Core } from '../../electron/core/index.js';
import { createLogger } from '../../electron/core/log.js';
import { deviceHealth, DEFAULT_THRESHOLDS, type FleetRow } from '../portal/fleet.js';
import { isolatedPlatform, signInOfficer, tempDir } from '../helpers/core.js';
import { smallCatalog } from '../helpers/sync.js';

/**
 * Backups on the schedule the config sets (`backup.dir`, `backup.time`, `backup.keep`): the app makes
 * one at that time by itself, links scans that did not change, keeps the newest `keep`, and the fleet
 * turns amber when a desk's last backup is old. (Restoring is walked in admin-guide.test.ts.)
 */
describe('scheduled backups', () => {
  const cores: Core[] = [];
  afterAll(() => cores.forEach((c) => c.close()));

  it('at backup.time the running desk backs itself up into backup.dir; the next one links unchanged scans; only the newest backup.keep stay', async () => {
    const dir = tempDir();
    const share = path.join(tempDir(), 'nas', '00324-Q01');
    // Eight seconds before 02:00 Vietnam time: the schedule's next run is eight (real) seconds away,
    // time enough to receive a dossier first even on a loaded machine.
    const clock = manualClock('2026-12-01T01:59:52+07:00');
    const loaded = loadConfig({ platform: isolatedPlatform(dir), flags: { mode: 'staff', dataDir: path.join(dir, 'data'), ward: { code: '00324', name: 'Phường Ba Đình' }, device: { slot: '01' }, backup: { dir: share, time: '02:00', keep: 2 } } });
    const core = createCore({ loaded, clock, version: '1.4.2', log: createLogger({ dir: path.join(dir, 'logs'), clock }), catalogDir: smallCatalog(), startSync: true });
    cores.push(core);
    const session = await signInOfficer(core, 'tiepnhan', ['receptionist']);
    await core.call('desk.receive', {
      session,
      procedureCode: '1.001193',
      applicant: { fullName: 'Phạm Văn Bình', idNumber: '001090123456', address: 'Số 5 Phố Kim Mã', phone: '0912345678' },
      documents: [{ name: 'Giấy chứng sinh', presented: true }],
      attachments: [{ name: 'Giấy chứng sinh (bản quét)', dataUrl: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==' }],
      sets: 1,
      collect: 'counter',
      outcome: 'accept',
    });
    clock.set('2026-12-01T02:00:00+07:00');
    await expect.poll(() => (fs.existsSync(share) ? fs.readdirSync(share) : []), { timeout: 20_000 }).toEqual(['motcua-backup-00324-Q01-20261201-020000']);
    const first = path.join(share, 'motcua-backup-00324-Q01-20261201-020000');
    const manifest = JSON.parse(fs.readFileSync(path.join(first, 'manifest.json'), 'utf8')) as { ward: string; slot: string; mode: string; attachments: number; deviceFile: boolean };
    expect(manifest).toMatchObject({ ward: '00324', mode: 'staff', attachments: 1, deviceFile: true });
    expect(fs.statSync(first).mode & 0o077).toBe(0);

    // Two more by hand: the scan is hard-linked, not copied again; the oldest is removed (keep 2).
    clock.set('2026-12-02T02:00:00+07:00');
    await core.backup();
    clock.set('2026-12-03T02:00:00+07:00');
    const third = await core.backup();
    expect([third.copied, third.linked]).toEqual([0, 1]);
    expect(third.removed).toEqual(['motcua-backup-00324-Q01-20261201-020000']);
    expect(fs.readdirSync(share).sort()).toEqual(['motcua-backup-00324-Q01-20261202-020000', 'motcua-backup-00324-Q01-20261203-020000']);
    const scan = fs.readdirSync(path.join(third.dir, 'attachments'))[0]!;
    expect(fs.statSync(path.join(third.dir, 'attachments', scan)).nlink).toBeGreaterThanOrEqual(2);
  });

  it('the fleet: a desk whose last backup is older than backupHours is amber, with the age', () => {
    const now = new Date('2026-12-05T09:00:00+07:00');
    const row = (lastBackupAt: string): FleetRow => ({ device_id: 'd', ward_code: '00324', mode: 'staff', slot: 'Q01', hostname: 'quay-1', last_ip: null, app_version: '1.4.2', revoked: 0, revoked_reason: null, last_seen_at: now.toISOString(), heartbeat: JSON.stringify({ lastBackupAt }) });
    expect(deviceHealth(row('2026-12-05T02:00:00+07:00'), now, DEFAULT_THRESHOLDS)).toEqual({ level: 'ok', reasons: [] });
    expect(deviceHealth(row('2026-12-04T02:00:00+07:00'), now, DEFAULT_THRESHOLDS)).toEqual({ level: 'ok', reasons: [] }); // 31 h
    expect(deviceHealth(row('2026-12-03T16:00:00+07:00'), now, DEFAULT_THRESHOLDS)).toEqual({ level: 'late', reasons: ['Sao lưu cũ / backup old: 41 giờ trước / 41 h ago'] });
  });
});
