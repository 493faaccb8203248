import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../electron/core/clock.js';
import { loadConfig } from '../../electron/core/config/load.js';
import { createCore, type Core } from '../../electron/core/index.js';
import { createLogger } from '../../electron/core/log.js';
import { startReferencePortal, type ReferencePortal } from '../portal/server.js';
import { cliAsync } from '../helpers/cli.js';
import { isolatedPlatform, tempDir } from '../helpers/core.js';
import { birthFiling, makeDevice, smallCatalog } from '../helpers/sync.js';

/**
 * A device's identity over its life: enrollment codes bound to ward, mode and slot, single use and
 * expiring; a replaced kiosk whose slot's codes go on where the old one stopped; a revoked device
 * enrolled again with a new bundle; credentials rotated; the wrong bundle on a registered machine.
 */
const catalogDir = smallCatalog();

/** A machine: its admin config file (what `provision --apply` writes) and its data dir. */
function machine() {
  const dir = tempDir();
  return { dir, adminFile: path.join(dir, 'admin.json'), dataDir: path.join(dir, 'data') };
}

/** The app starting on a machine: the admin config it was given, its own data dir. */
function start(m: ReturnType<typeof machine>, version = '1.4.2'): Core {
  const clock = manualClock(new Date());
  const loaded = loadConfig({ platform: isolatedPlatform(m.dir, { MOTCUA_ADMIN_CONFIG: m.adminFile }), flags: { dataDir: m.dataDir } });
  return createCore({ loaded, clock, version, catalogDir, log: createLogger({ dir: path.join(m.dir, 'logs'), clock }) });
}

describe('enrollment, replacement, revocation and rotation', () => {
  let portal: ReferencePortal;
  const out = tempDir();
  const admin = () => ({ MOTCUA_PORTAL_ADMIN_TOKEN: portal.adminToken, MOTCUA_PROVINCE: '01' });
  const provisionKiosk = (slot: number, extra: string[] = []) =>
    cliAsync(['provision', '--ward', '00324', '--mode', 'kiosk', '--portal', portal.url, '--first-slot', String(slot), '--out', out, '--yes', '--json', ...extra], admin());
  const apply = (m: ReturnType<typeof machine>, bundle: string, extra: string[] = []) => cliAsync(['provision', '--apply', bundle, '--data-dir', m.dataDir, ...extra], { MOTCUA_ADMIN_CONFIG: m.adminFile }, m.dir);

  beforeAll(async () => {
    portal = await startReferencePortal({ dataDir: tempDir(), catalogDir });
  });
  afterAll(async () => {
    await portal?.close();
  });

  it('replacing kiosk K01: the new one continues the slot’s codes, the old one’s token stops working — file, replace, file: distinct codes, both delivered', async () => {
    const first = await provisionKiosk(1);
    expect(first.code).toBe(0);
    const oldMachine = machine();
    expect((await apply(oldMachine, path.join(out, '00324-K01'))).code).toBe(0);
    const old = start(oldMachine);
    const before = await old.call('dossier.submit', birthFiling(1));
    expect((await old.sync.runOnce()).errors).toEqual([]);
    // Filed after its last sync, then the kiosk's disk died: this code must not be given again either.
    const stranded = await old.call('dossier.submit', birthFiling(2));

    // A slot held by a working device is not given a second code by mistake…
    const refused = await provisionKiosk(1);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('Slot K01 of ward 00324 already has an active device. If this is a replacement, add --replace');
    // …only a replacement's.
    const repl = await provisionKiosk(1, ['--replace']);
    expect(repl.err).toContain('(THAY THẾ / REPLACEMENT)');
    expect(repl.code).toBe(0);
    expect(fs.readFileSync(path.join(out, 'device-sheets.txt'), 'utf8')).toContain('=== 00324-K01 · Phường Ba Đình · Ki-ốt / Kiosk · THAY THẾ / REPLACEMENT ===');
    const newMachine = machine();
    expect((await apply(newMachine, path.join(out, '00324-K01'))).code).toBe(0);
    const replacement = start(newMachine);
    try {
      expect((await replacement.sync.runOnce()).errors).toEqual([]);
      const after = await replacement.call('dossier.submit', birthFiling(3));
      expect((await replacement.sync.runOnce()).errors).toEqual([]);

      const codes = [before.code, stranded.code, after.code];
      expect(new Set(codes).size).toBe(3);
      expect(codes.every((c) => c.startsWith('00324.K01-'))).toBe(true);
      // The replacement started after the numbers its slot had reserved (reported in the old one's heartbeat).
      expect(Number(after.code.slice(-4))).toBeGreaterThan(Number(stranded.code.slice(-4)));
      const delivered = portal.db.prepare('SELECT code FROM dossiers WHERE code IN (?, ?) ORDER BY code').all(before.code, after.code) as { code: string }[];
      expect(delivered.map((d) => d.code)).toEqual([before.code, after.code]);

      // The old kiosk, if it comes back: refused, and told why.
      await old.sync.runOnce();
      expect(old.sync.status()).toMatchObject({ state: 'error', subtype: 'unauthorized' });
      const oldRow = portal.db.prepare('SELECT revoked, revoked_reason FROM devices WHERE device_id = ?').get(old.device.get().deviceId) as { revoked: number; revoked_reason: string };
      expect(oldRow.revoked).toBe(1);
      expect(oldRow.revoked_reason).toContain(`replaced by ${replacement.device.get().deviceId}`);
    } finally {
      old.close();
      replacement.close();
    }
  });

  it('a code is bound to its mode and slot, used once, and expires (14 days unless said)', async () => {
    const clock = { now: new Date('2026-12-01T02:00:00Z') };
    const p = await startReferencePortal({ dataDir: tempDir(), catalogDir, now: () => clock.now });
    try {
      // A kiosk's code registers no desk: that desk would have read every citizen's dossier.
      const kioskCode = p.createEnrollment('00324', 'kiosk', 'K05');
      const desk = makeDevice(p.url, kioskCode, { mode: 'staff', device: { slot: '05' } }, undefined, catalogDir);
      await desk.core.sync.runOnce();
      expect(desk.core.sync.status()).toMatchObject({ state: 'error', subtype: 'refused' });
      expect((await desk.core.sync.runOnce()).errors.join()).toContain('the code is for a kiosk, this device is a desk');
      desk.core.close();
      // Nor another slot's kiosk.
      const k06 = makeDevice(p.url, kioskCode, { mode: 'kiosk', device: { slot: '06' } }, undefined, catalogDir);
      expect((await k06.core.sync.runOnce()).errors.join()).toContain('the code is for slot K05, the device is K06');
      k06.core.close();
      // Its own kiosk registers; a second machine with the same code does not.
      const k05 = makeDevice(p.url, kioskCode, { mode: 'kiosk', device: { slot: '05' } }, undefined, catalogDir);
      expect((await k05.core.sync.runOnce()).errors).toEqual([]);
      const copy = makeDevice(p.url, kioskCode, { mode: 'kiosk', device: { slot: '05' } }, undefined, catalogDir);
      expect((await copy.core.sync.runOnce()).errors.join()).toContain('enrollment code already used');
      k05.core.close();
      copy.core.close();
      // A bundle left in a drawer: after 14 days its code is refused, and the admin is told to make a new one.
      const late = p.createEnrollment('00324', 'kiosk', 'K07');
      clock.now = new Date('2026-12-15T02:00:01Z');
      const k07 = makeDevice(p.url, late, { mode: 'kiosk', device: { slot: '07' } }, undefined, catalogDir);
      await k07.core.sync.runOnce();
      expect(k07.core.sync.status()).toMatchObject({ state: 'error', subtype: 'unauthorized' });
      expect((await k07.core.sync.runOnce()).errors.join()).toContain('enrollment code expired on 2026-12-15: make a new bundle');
      k07.core.close();
    } finally {
      await p.close();
    }
  });

  it('a revoked kiosk is enrolled again with a new bundle — no hand edits to its files', async () => {
    expect((await provisionKiosk(4)).code).toBe(0);
    const m = machine();
    expect((await apply(m, path.join(out, '00324-K04'))).code).toBe(0);
    let kiosk = start(m);
    expect((await kiosk.sync.runOnce()).errors).toEqual([]);
    const id = kiosk.device.get().deviceId;
    const revoke = await fetch(`${portal.url}/v1/admin/devices/${id}/revoke`, { method: 'POST', headers: { Authorization: `Bearer ${portal.adminToken}` } });
    expect(revoke.status).toBe(204);
    await kiosk.sync.runOnce();
    expect(kiosk.sync.status()).toMatchObject({ state: 'error', subtype: 'unauthorized' });
    kiosk.close();
    // A new bundle for the same slot (the slot is free: its device was revoked), applied, and the app restarted.
    expect((await provisionKiosk(4)).code).toBe(0);
    expect((await apply(m, path.join(out, '00324-K04'))).code).toBe(0);
    kiosk = start(m);
    try {
      expect((await kiosk.sync.runOnce()).errors).toEqual([]);
      expect(kiosk.sync.status().state).toBe('idle');
      expect(kiosk.device.get().deviceId).toBe(id);
      expect(portal.db.prepare('SELECT revoked FROM devices WHERE device_id = ?').get(id)).toEqual({ revoked: 0 });
    } finally {
      kiosk.close();
    }
  });

  it('motcua provision --rotate: a new token and LAN key; the old token stops working at once', async () => {
    expect((await provisionKiosk(8)).code).toBe(0);
    const m = machine();
    expect((await apply(m, path.join(out, '00324-K08'))).code).toBe(0);
    const first = start(m);
    expect((await first.sync.runOnce()).errors).toEqual([]);
    const { deviceToken: oldToken, lanKey: oldLan, deviceId } = first.device.get();
    first.close();
    const r = await cliAsync(['provision', '--rotate', '--data-dir', m.dataDir], { MOTCUA_ADMIN_CONFIG: m.adminFile }, m.dir);
    expect(r.err).toBe('');
    expect(r.out).toContain(`New token and LAN key for device ${deviceId}`);
    expect(r.code).toBe(0);
    const after = JSON.parse(fs.readFileSync(path.join(m.dataDir, 'device', 'device.json'), 'utf8')) as { deviceToken: string; lanKey: string };
    expect(after.deviceToken).not.toBe(oldToken);
    expect(after.lanKey).not.toBe(oldLan);
    const stale = await fetch(`${portal.url}/v1/devices/heartbeat`, { method: 'POST', headers: { Authorization: `Bearer ${oldToken!}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ status: 'ok', outboxLength: 0, appVersion: 'x', lastSyncAt: null, freeDiskBytes: null, lastError: null }) });
    expect(stale.status).toBe(401);
    const again = start(m);
    try {
      expect((await again.sync.runOnce()).errors).toEqual([]);
    } finally {
      again.close();
    }
  });

  it('the wrong bundle on a registered machine is refused unless --replace says so', async () => {
    expect((await provisionKiosk(9, ['--count', '2'])).code).toBe(0);
    const m = machine();
    expect((await apply(m, path.join(out, '00324-K09'))).code).toBe(0);
    const k09 = start(m);
    expect((await k09.sync.runOnce()).errors).toEqual([]);
    k09.close();
    const wrong = await apply(m, path.join(out, '00324-K10'));
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain('This machine is registered with the portal as 00324-K09; this bundle is for 00324-K10');
    expect(wrong.err).toContain('--replace');
    expect(JSON.parse(fs.readFileSync(m.adminFile, 'utf8'))).toMatchObject({ device: { slot: '09' } });
    const meant = await apply(m, path.join(out, '00324-K10'), ['--replace']);
    expect(meant.code).toBe(0);
    expect(meant.out).toContain('00324-K10, trước là / was 00324-K09');
    const k10 = start(m);
    try {
      expect((await k10.sync.runOnce()).errors).toEqual([]);
      expect(portal.db.prepare('SELECT slot FROM devices WHERE device_id = ?').get(k10.device.get().deviceId)).toEqual({ slot: 'K10' });
    } finally {
      k10.close();
    }
  });
});
