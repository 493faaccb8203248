import fs from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { doctor, formatDoctor } from '../../electron/cli/doctor.js';
import { startReferencePortal, type ReferencePortal } from '../portal/server.js';
import { tempDir } from '../helpers/core.js';
import { birthFiling, fleetPageOf, makeDevice, smallCatalog, type Device } from '../helpers/sync.js';
import { RESERVE } from '../../electron/core/sequences.js';

const catalogDir = smallCatalog();

/**
 * Damages the database the way a torn write or a failing disk does: the pages of one table (the
 * catalog's procedures, read only when needed) become garbage; the rest of the file is intact.
 */
function tearPages(file: string, table: string): number {
  const db = new Database(file);
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const pages = db.prepare<[string], { pageno: number }>("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf'").all(table).map((p) => p.pageno);
  db.close();
  const fd = fs.openSync(file, 'r+');
  for (const p of pages.slice(0, 3)) fs.writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (p - 1) * pageSize);
  fs.closeSync(fd);
  return pages.length;
}

describe('a corrupt database is moved aside and nothing is lost', () => {
  let portal: ReferencePortal;
  const open: Device[] = [];

  beforeEach(async () => {
    portal = await startReferencePortal({ dataDir: tempDir(), catalogDir });
  });
  afterEach(async () => {
    for (const d of open.splice(0)) d.core.close();
    await portal.close();
  });

  it('five filings made offline, the file torn: same identity, the five salvaged and delivered, the next code continues, the IT admin told', async () => {
    const dir = tempDir();
    const code = portal.createEnrollment('00324', 'kiosk');
    const first = makeDevice(portal.url, code, { mode: 'kiosk' }, dir, catalogDir);
    // Registered once, then the network goes: five residents file while the portal is out of reach.
    expect((await first.core.sync.runOnce()).errors).toEqual([]);
    const identity = first.core.device.get().deviceId;
    const filed: string[] = [];
    for (let i = 0; i < 5; i++) filed.push((await first.core.call('dossier.submit', birthFiling(100 + i))).code);
    expect(filed.map((c) => c.slice(-4))).toEqual(['0001', '0002', '0003', '0004', '0005']);
    const dbFile = first.core.dbFile;
    // The power goes while it writes: the app never closes the database, and pages tear.
    first.core.db.close();
    expect(tearPages(dbFile, 'procedures')).toBeGreaterThan(0);

    const second = makeDevice(portal.url, code, { mode: 'kiosk' }, dir, catalogDir);
    open.push(second);
    const info = await second.core.call('app.info', {});
    const warning = info.warnings.find((w) => w.code === 'db_corrupt_moved')!;
    expect(warning.message.vi).toContain('Đã cứu 5 mục chưa gửi');
    expect(fs.existsSync(warning.detail!)).toBe(true);

    // The same device: no new registration (the enrollment code was spent), the same id at the portal.
    expect(second.core.device.get().deviceId).toBe(identity);
    // The five are here again (tracking by code works) and reach the portal exactly once.
    for (const c of filed) expect((await second.core.call('dossier.track', { code: c })).status).toBe('new');
    const report = await second.core.sync.runOnce();
    expect(report.errors).toEqual([]);
    const atPortal = portal.db.prepare('SELECT code, device_id FROM dossiers ORDER BY code').all() as { code: string; device_id: string }[];
    expect(atPortal.map((r) => r.code)).toEqual(filed);
    expect(new Set(atPortal.map((r) => r.device_id))).toEqual(new Set([identity]));
    expect(portal.db.prepare('SELECT count(*) AS n FROM devices').get()).toEqual({ n: 1 });

    // The next code continues the day's sequence: never a code the portal already has.
    const next = await second.core.call('dossier.submit', birthFiling(200));
    expect(next.code.slice(-4)).toBe('0006');

    // The IT admin hears of it: doctor, the heartbeat, the fleet page.
    const text = formatDoctor(await doctor(second.core.loaded, { version: 'test' }));
    expect(text).toContain('đã cứu 5 mục chưa gửi');
    expect(text).toContain(warning.detail!);
    const fleet = await fleetPageOf(portal);
    expect(fleet).toMatch(/CSDL hỏng đã được thay lúc \/ database recovered at [^:]+:\d\d:\d\d[^<]*: 5 mục chưa gửi được cứu/);
  });

  it('the same database restarted carries on with no gap; the device file reserves ahead in blocks, one write a block', async () => {
    const dir = tempDir();
    const first = makeDevice('', '', { mode: 'kiosk' }, dir, catalogDir);
    for (let i = 0; i < 12; i++) await first.core.call('dossier.submit', birthFiling(i));
    const day = Object.keys(first.core.device.get().sequences).find((k) => /^\d{4}-\d{2}-\d{2}$/.test(k))!;
    expect(first.core.device.get().sequences[day]).toBe(2 * RESERVE);
    first.core.close();
    const again = makeDevice('', '', { mode: 'kiosk' }, dir, catalogDir);
    open.push(again);
    expect((await again.core.call('dossier.submit', birthFiling(50))).code.slice(-4)).toBe('0013');
  });

  it('a file that cannot be opened at all still gives no code twice: the device file reserved the numbers', async () => {
    const dir = tempDir();
    const first = makeDevice('', '', { mode: 'kiosk' }, dir, catalogDir);
    for (let i = 0; i < 3; i++) await first.core.call('dossier.submit', birthFiling(i));
    const dbFile = first.core.dbFile;
    first.core.close();
    fs.writeFileSync(dbFile, Buffer.alloc(8192, 0x42));

    const second = makeDevice('', '', { mode: 'kiosk' }, dir, catalogDir);
    open.push(second);
    expect((await second.core.call('app.info', {})).warnings.map((w) => w.code)).toEqual(['db_corrupt_moved']);
    // Numbers are reserved ten at a time outside the database: the new one starts after the reservation.
    expect((await second.core.call('dossier.submit', birthFiling(9))).code.slice(-4)).toBe(String(RESERVE + 1).padStart(4, '0'));
    expect(second.core.device.get().recoveries.at(-1)).toMatchObject({ salvaged: 0, unreadable: -1 });
  });
});
