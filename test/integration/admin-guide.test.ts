import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../electron/contract.js';
import { manualClock } from '../../electron/core/clock.js';
import { loadConfig } from '../../electron/core/config/load.js';
import type { TicketView } from '../../electron/core/desk/model.js';
import { createCore, type Core } from '../../electron/core/index.js';
import { createLogger } from '../../electron/core/log.js';
import { rendererDir } from '../../electron/paths.js';
import { startWebHost, type WebHost } from '../../electron/web/server.js';
import { startReferencePortal, type ReferencePortal } from '../portal/server.js';
import { bin } from '../helpers/cli.js';
import { isolatedPlatform, tempDir } from '../helpers/core.js';
import { birthFiling, fleetPageOf, smallCatalog } from '../helpers/sync.js';

/**
 * docs/admin-guide.md, walked: the blocks marked `<!-- walk: … -->` are read from the guide and their
 * commands run as written — the built CLI (`bin/motcua.js`, what the installed app answers too), the
 * reference portal, one folder per machine (its admin config, data dir and home). Where a machine's
 * app would start (Electron, not here), its core is started from the config the guide applied, as the
 * app starts it. The test stands in for the site only where it must: the office LAN's address and
 * port are this machine's, the USB stick and the backup share are folders. Commands that need the OS
 * (apt, usermod) are listed and checked as skipped, so the guide cannot grow a step nobody runs.
 */
const GUIDE = fs.readFileSync(path.resolve('docs/admin-guide.md'), 'utf8');

/** The commands of one walked block: continuation lines joined, comments and blank lines dropped. */
function guideBlock(name: string): string[] {
  const m = new RegExp(`<!-- walk: ${name} -->\\n\`\`\`sh\\n([\\s\\S]*?)\\n\`\`\``).exec(GUIDE);
  if (!m) throw new Error(`the guide has no walked block “${name}”`);
  return m[1]!
    .replace(/\\\n\s*/g, '')
    .split('\n')
    .map((l) => l.replace(/(^|\s)#.*$/, '').trim())
    .filter(Boolean);
}

/** Shell words with quotes removed and $VAR / ${VAR} expanded (what the guide's lines use, no more). */
function words(line: string, vars: Record<string, string>): string[] {
  const out: string[] = [];
  for (const m of line.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)) {
    const raw = m[1] ?? m[2] ?? m[3]!;
    out.push(m[1] !== undefined ? raw : raw.replace(/\$\{?([A-Z_][A-Z0-9_]*)\}?/g, (_, v: string) => vars[v] ?? ''));
  }
  return out;
}

interface Machine {
  name: string;
  dir: string;
  adminFile: string;
  dataDir: string;
}

function newMachine(name: string): Machine {
  const dir = tempDir(`motcua-${name}-`);
  return { name, dir, adminFile: path.join(dir, 'etc', 'motcua', 'config.json'), dataDir: path.join(dir, 'var', 'lib', 'motcua') };
}

/** A machine's environment: its own admin config, data dir, user config and home. */
const machineEnv = (m: Machine) => ({ MOTCUA_ADMIN_CONFIG: m.adminFile, MOTCUA_DATA_DIR: m.dataDir, MOTCUA_USER_CONFIG: path.join(m.dir, 'user.json'), HOME: m.dir });

interface Ran {
  line: string;
  code: number | null;
  out: string;
  err: string;
}

function run(args: string[], env: Record<string, string>, cwd: string): Promise<Omit<Ran, 'line'>> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd, env: { PATH: process.env.PATH, ...env } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => resolve({ code, out, err }));
  });
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

// Thirteen machines' worth of CLI runs: minutes, not seconds, on a shared 2-core machine.
describe('the admin guide, walked: one ward, 10 kiosks and 3 desks', { timeout: 240_000 }, () => {
  const catalogDir = smallCatalog();
  const workstation = tempDir('motcua-workstation-');
  const usb = path.join(workstation, 'provision');
  const share = tempDir('motcua-share-');
  let portal: ReferencePortal;
  /** The portal's clock: moved forward to make a device silent. */
  let portalNow: Date | null = null;
  let lanPort: number;
  /** The shell variables the walk has set (the guide's `export`s and assignments). */
  const vars: Record<string, string> = {};
  /** Set by the test, not the guide: the rehearsal portal, its token, and the queue desk's address on this machine. */
  const FIXED: Record<string, true> = { PORTAL: true, MOTCUA_PORTAL_ADMIN_TOKEN: true, QUEUE_DESK: true };
  const skipped: string[] = [];
  const machines = new Map<string, Machine>();
  const cores = new Map<string, Core>();
  let queueHost: WebHost;
  const screen = (n: number): Caller => ({ transport: 'ipc', client: `kiosk-window-${n}` });

  /**
   * Runs a walked block on a machine (the workstation when none): assignments set variables, `motcua`
   * lines run the CLI (`sudo` dropped: the test's user owns the machine's folders), other OS commands
   * are recorded as skipped. `paths` maps the guide's site paths to this test's folders.
   */
  async function walk(name: string, o: { on?: Machine; paths?: Record<string, string> } = {}): Promise<Ran[]> {
    const ran: Ran[] = [];
    for (const line of guideBlock(name)) {
      const assign = /^(?:export\s+)?([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line);
      if (assign) {
        // The rehearsal's portal and its token stand in for the city's; everything else is as written.
        if (!(assign[1]! in FIXED)) vars[assign[1]!] = words(assign[2]!, vars).join(' ');
        continue;
      }
      const loop = /^for (\w+) in (\S+); do (.*); done$/.exec(line);
      const lines = loop
        ? fs
            .readdirSync(path.join(workstation, path.dirname(path.dirname(loop[2]!))))
            .sort()
            .filter((d) => fs.existsSync(path.join(workstation, path.dirname(path.dirname(loop[2]!)), d, path.basename(loop[2]!))))
            .map((d) => loop[3]!.replace(`$${loop[1]!}`, path.join(path.dirname(path.dirname(loop[2]!)), d, path.basename(loop[2]!))))
        : [line];
      for (const l of lines) {
        let w = words(l, vars);
        if (w[0] === 'sudo') w = w.slice(1);
        if (w[0] !== 'motcua') {
          skipped.push(l);
          continue;
        }
        w = w.slice(1).map((a) => {
          // The office LAN's queue desk is this machine, on a free port.
          let v = a.replace(/:4871$/, `:${lanPort}`);
          if (a === '4871') v = String(lanPort);
          for (const [from, to] of Object.entries(o.paths ?? {})) if (v.startsWith(from)) v = to + v.slice(from.length);
          return v;
        });
        const env = { MOTCUA_PROVINCE: vars.MOTCUA_PROVINCE ?? '', MOTCUA_WARD_TABLE: vars.MOTCUA_WARD_TABLE ?? '', MOTCUA_PORTAL_ADMIN_TOKEN: portal.adminToken, ...(o.on ? machineEnv(o.on) : { HOME: workstation, MOTCUA_ADMIN_CONFIG: path.join(workstation, 'no-admin.json'), MOTCUA_USER_CONFIG: path.join(workstation, 'no-user.json') }) };
        ran.push({ line: l, ...(await run(w, env, workstation)) });
      }
    }
    return ran;
  }

  /** Every command exited 0; a failure shows its line and stderr (provision writes the ward it confirms to stderr, so success's is not compared). */
  const ok = (ran: Ran[]) => {
    for (const r of ran) expect({ line: r.line, code: r.code, err: r.code === 0 ? '' : r.err }).toEqual({ line: r.line, code: 0, err: '' });
    return ran;
  };

  /** The app starting on a machine: the admin config the guide applied, the machine's data dir. */
  function start(m: Machine): Core {
    const clock = manualClock(new Date());
    const loaded = loadConfig({ platform: isolatedPlatform(m.dir, machineEnv(m)) });
    expect(loaded.config.dataDir).toBe(m.dataDir);
    const core = createCore({ loaded, clock, version: '1.4.2', catalogDir, log: createLogger({ dir: path.join(m.dataDir, 'logs'), clock }) });
    cores.set(m.name, core);
    return core;
  }
  const core = (name: string) => cores.get(name)!;
  const stop = (name: string) => {
    cores.get(name)?.close();
    cores.delete(name);
  };
  const sheets = () => fs.readFileSync(path.join(usb, 'device-sheets.txt'), 'utf8');
  const setupCodeOf = (slot: string) => new RegExp(`=== 00324-${slot} [^\\n]*\\n[\\s\\S]*?First-run setup code: ([A-Z0-9-]+)`).exec(sheets())![1]!;
  const PASSWORD = 'la-sen-xanh-2026';
  const signIn = async (name: string, username: string) => (await core(name).call('staff.signIn', { username, password: PASSWORD })).token;

  beforeAll(async () => {
    portal = await startReferencePortal({ dataDir: tempDir(), catalogDir, now: () => portalNow ?? new Date() });
    lanPort = await freePort();
    // The official code table the admin loads (GSO's columns), as the guide's MOTCUA_WARD_TABLE names it.
    fs.writeFileSync(path.join(workstation, 'danh-muc-phuong-xa-2025.csv'), 'Mã xã,Tên xã,Cấp,Mã tỉnh,Tên tỉnh\n00324,Ba Đình,Phường,01,Thành phố Hà Nội\n26734,Sài Gòn,Phường,79,Thành phố Hồ Chí Minh\n');
  });
  afterAll(async () => {
    await queueHost?.close();
    for (const name of [...cores.keys()]) stop(name);
    await portal?.close();
  });

  it('§3 provisions 10 kiosks and 3 desks from the official table, confirmed by the ward’s full name and province; every bundle valid, every key it sets locked', async () => {
    vars.PORTAL = portal.url;
    vars.QUEUE_DESK = '127.0.0.1'; // the queue desk's LAN address: this machine
    const ran = ok(await walk('provision'));
    expect(ran).toHaveLength(3);
    for (const r of ran) expect(r.err).toContain('Phường/xã / Ward: Phường Ba Đình, Thành phố Hà Nội — mã / code 00324');
    expect(ran[0]!.err).toContain('Bảng mã / code table: danh-muc-phuong-xa-2025.csv');
    const dirs = fs.readdirSync(usb).filter((d) => d.startsWith('00324-')).sort();
    expect(dirs).toEqual(['00324-K01', '00324-K02', '00324-K03', '00324-K04', '00324-K05', '00324-K06', '00324-K07', '00324-K08', '00324-K09', '00324-K10', '00324-Q01', '00324-Q02', '00324-Q03']);
    const bundle = (d: string) => JSON.parse(fs.readFileSync(path.join(usb, d, 'motcua-config.json'), 'utf8')) as Record<string, unknown> & { locked: string[] };
    expect(bundle('00324-K07')).toMatchObject({ mode: 'kiosk', ward: { code: '00324', name: 'Phường Ba Đình' }, device: { slot: '07' }, queue: { url: `http://127.0.0.1:${lanPort}` }, updates: { url: 'https://capnhat.motcua.hanoi.gov.vn/motcua', channel: 'stable' } });
    expect(bundle('00324-Q01')).toMatchObject({ mode: 'staff', desk: { counter: 'Quầy 1' }, web: { host: '127.0.0.1', port: lanPort } });
    expect(bundle('00324-Q03')).toMatchObject({ desk: { counter: 'Quầy 3' }, queue: { url: `http://127.0.0.1:${lanPort}` } });
    const leaves = (o: Record<string, unknown>, at = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) => (k === 'locked' ? [] : v && typeof v === 'object' && !Array.isArray(v) ? leaves(v as Record<string, unknown>, `${at}${k}.`) : [`${at}${k}`]));
    for (const d of dirs) {
      const b = bundle(d);
      expect({ d, open: leaves(b).filter((k) => !b.locked.some((l) => k === l || k.startsWith(`${l}.`))) }).toEqual({ d, open: [] });
    }

    // The device sheets: each kiosk its own eight-digit PIN, each desk its own setup code; the bundles carry only their hashes.
    const text = sheets();
    expect(fs.statSync(path.join(usb, 'device-sheets.txt')).mode & 0o077).toBe(0);
    expect(text).toContain('=== 00324-K03 · Phường Ba Đình · Ki-ốt / Kiosk ===');
    const pins = [...text.matchAll(/Kiosk admin PIN: (\d+)/g)].map((m) => m[1]!);
    expect(pins).toHaveLength(10);
    expect(new Set(pins).size).toBe(10);
    expect(pins.every((p) => /^\d{8}$/.test(p))).toBe(true);
    expect(['Q01', 'Q02', 'Q03'].map((q) => /^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/.test(setupCodeOf(q)))).toEqual([true, true, true]);
    expect(bundle('00324-K03')).toMatchObject({ kiosk: { adminPinHash: expect.stringMatching(/^scrypt\$/) as unknown as string } });
    expect(bundle('00324-Q02')).toMatchObject({ desk: { setupCodeHash: expect.stringMatching(/^scrypt\$/) as unknown as string } });
    expect(fs.readFileSync(path.join(usb, '00324-K03', 'motcua-config.json'), 'utf8')).not.toContain(pins[2]!);

    const checked = ok(await walk('config-check'));
    expect(checked).toHaveLength(13);
    for (const r of checked) expect(r.out).toMatch(/^Hợp lệ \/ Valid: provision\/00324-(K|Q)\d\d\/motcua-config\.json \(khóa \/ locked: mode, ward, portal, device/);
  });

  it('§4–§5 each bundle applied from the stick becomes its machine’s admin config; on first start every device registers, doctor and sync say so; each desk admin is made with its sheet’s setup code', async () => {
    const slots = ['Q01', 'Q02', 'Q03', 'K01', 'K02', 'K03', 'K04', 'K05', 'K06', 'K07', 'K08', 'K09', 'K10'];
    for (const slot of slots) {
      const m = newMachine(slot);
      machines.set(slot, m);
      const ran = ok(await walk('apply', { on: m, paths: { '/media/usb/00324-K01': path.join(usb, `00324-${slot}`) } }));
      expect(ran).toHaveLength(1);
      expect(ran[0]!.out).toContain(`${m.adminFile} (00324-${slot})`);
    }
    // A damaged file on the stick is refused; the machine's config stays as it was.
    const k1 = machines.get('K01')!;
    fs.writeFileSync(path.join(k1.dir, 'bad.json'), JSON.stringify({ mode: 'banh-mi' }));
    const bad = await run(['provision', '--apply', path.join(k1.dir, 'bad.json')], machineEnv(k1), workstation);
    expect(bad.code).toBe(1);
    expect(JSON.parse(fs.readFileSync(k1.adminFile, 'utf8'))).toMatchObject({ mode: 'kiosk', device: { slot: '01' } });
    expect(new Set(skipped)).toEqual(new Set(['sudo apt install ./motcua_1.0.0_amd64.deb', 'sudo usermod -aG motcua kiosk']));

    // Desk 1 starts first and answers the office LAN on the address its bundle names.
    const q1 = start(machines.get('Q01')!);
    queueHost = await startWebHost({ core: q1, rendererDir, host: q1.config.web.host, port: q1.config.web.port });
    expect(queueHost.url).toBe(`http://127.0.0.1:${lanPort}`);
    for (const slot of slots) {
      const c = cores.get(slot) ?? start(machines.get(slot)!);
      expect({ slot, errors: (await c.sync.runOnce()).errors }).toEqual({ slot, errors: [] });
    }
    // The queue desk learns the others' LAN keys at its next sync.
    expect((await q1.sync.runOnce()).errors).toEqual([]);
    expect(portal.db.prepare("SELECT slot FROM devices WHERE ward_code = '00324' AND revoked = 0 ORDER BY slot").all().map((r) => (r as { slot: string }).slot)).toEqual([...slots].sort());

    // On K03, as the guide says: doctor (read only, beside the running app) and one sync.
    const [doctor, sync] = ok(await walk('first-start', { on: machines.get('K03')! }));
    expect(doctor!.out).toContain(`Thiết bị / Device: K03 · ${core('K03').device.get().deviceId} — đã đăng ký với cổng / registered`);
    expect(sync!.out).toMatch(/Trạng thái \/ status: idle; còn chờ \/ pending 0, giữ lại \/ parked 0/);

    // The first account of each desk: its desk admin, with the setup code from the device sheet.
    for (const slot of ['Q01', 'Q02', 'Q03']) {
      const c = core(slot);
      await expect(c.call('staff.setup', { setupCode: 'AAAA-BBBB-CCCC', username: 'quantri', displayName: 'Quản trị quầy', password: PASSWORD })).rejects.toMatchObject({ code: 'unauthorized' });
      await c.call('staff.setup', { setupCode: setupCodeOf(slot), username: 'quantri', displayName: 'Quản trị quầy', password: PASSWORD });
      const admin = await signIn(slot, 'quantri');
      await c.call('staff.save', { session: admin, username: 'tiepnhan', displayName: `Cán bộ ${slot}`, roles: ['receptionist', 'supervisor'], active: true, password: PASSWORD });
    }
    // K04's PIN from the device sheet opens its admin exit; nothing else does.
    const pin = /=== 00324-K04 [^\n]*\n[^\n]*\nMã PIN quản trị ki-ốt \/ Kiosk admin PIN: (\d{8})/.exec(sheets())![1]!;
    await expect(core('K04').call('kiosk.adminExit', { pin: '00000000' })).rejects.toMatchObject({ code: 'unauthorized' });
    expect(await core('K04').call('kiosk.adminExit', { pin })).toEqual({ ok: true, lockedUntil: null });
    // Someone at K04 points it at another portal in the user's file: the admin config's locked key wins, and doctor shows the attempt.
    const k4 = machines.get('K04')!;
    fs.writeFileSync(path.join(k4.dir, 'user.json'), JSON.stringify({ portal: { url: 'https://evil.example' } }));
    const reloaded = loadConfig({ platform: isolatedPlatform(k4.dir, machineEnv(k4)) });
    expect(reloaded.config.portal.url).toBe(portal.url);
    expect(reloaded.lockedOverrides.map((o) => `${o.key}@${o.layer}`)).toEqual(['portal.url@user']);

    // K05 is switched off after its first start and never heard from again (the fleet shows it, below).
    stop('K05');
  });

  it('§5 the queue: kiosks take tickets from desk 1, desks 2 and 3 call them, the board on the LAN shows each desk’s counter', async () => {
    // A resident at each kiosk's screen; the kiosks pass the ticket on to desk 1.
    expect(await core('K01').invoke('queue.issue', { group: 'A' }, screen(1))).toMatchObject({ ok: true, result: { label: 'A001' } });
    expect(await core('K02').invoke('queue.issue', { group: 'B' }, screen(2))).toMatchObject({ ok: true, result: { label: 'B001' } });
    const a = (await core('Q02').call('queue.callNext', { session: await signIn('Q02', 'tiepnhan') })) as TicketView;
    const b = (await core('Q03').call('queue.callNext', { session: await signIn('Q03', 'tiepnhan') })) as TicketView;
    expect([a.label, a.counter, b.label, b.counter]).toEqual(['A001', 'Quầy 2', 'B001', 'Quầy 3']);
    // What the waiting room's /display reads from desk 1 over the LAN.
    const res = await fetch(`${queueHost.url}/api/queue.board`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: queueHost.url }, body: '{}' });
    const board = (await res.json()) as { ok: boolean; result: { serving: { counter: string; label: string }[] } };
    expect(board.result.serving.map((s) => [s.counter, s.label])).toEqual([
      ['Quầy 2', 'A001'],
      ['Quầy 3', 'B001'],
    ]);
  });

  it('§9 replacing kiosk K01: the replacement bundle, the new machine continues K01’s codes, the old one is revoked — both filings delivered, codes distinct', async () => {
    const before = await core('K01').call('dossier.submit', birthFiling(1));
    expect((await core('K01').sync.runOnce()).errors).toEqual([]);
    stop('K01'); // the kiosk broke

    const made = ok(await walk('replace'));
    expect(made[0]!.err).toContain('(THAY THẾ / REPLACEMENT)');
    const m = newMachine('K01-new');
    ok(await walk('apply', { on: m, paths: { '/media/usb/00324-K01': path.join(workstation, 'replacement', '00324-K01') } }));
    const replacement = start(m);
    expect((await replacement.sync.runOnce()).errors).toEqual([]);
    const after = await replacement.call('dossier.submit', birthFiling(2));
    expect((await replacement.sync.runOnce()).errors).toEqual([]);
    expect(before.code).toMatch(/^00324\.K01-/);
    expect(after.code).toMatch(/^00324\.K01-/);
    expect(after.code).not.toBe(before.code);
    expect(Number(after.code.slice(-4))).toBeGreaterThan(Number(before.code.slice(-4)));
    for (const code of [before.code, after.code]) expect(portal.db.prepare('SELECT count(*) AS n FROM dossiers WHERE code = ?').get(code)).toEqual({ n: 1 });
    // The old K01, if it comes back on: refused.
    const oldK01 = start(machines.get('K01')!);
    await oldK01.sync.runOnce();
    expect(oldK01.sync.status()).toMatchObject({ state: 'error', subtype: 'unauthorized' });
    stop('K01');
    cores.set('K01', replacement);
  });

  it('§10 a lost kiosk revoked at the portal, then enrolled again with a new bundle — same identity, no hand edits', async () => {
    const id = core('K02').device.get().deviceId;
    // The guide's curl line, as fetch.
    const revoke = await fetch(`${portal.url}/v1/admin/devices/${id}/revoke`, { method: 'POST', headers: { Authorization: `Bearer ${portal.adminToken}` } });
    expect(revoke.status).toBe(204);
    await core('K02').sync.runOnce();
    expect(core('K02').sync.status()).toMatchObject({ state: 'error', subtype: 'unauthorized' });
    stop('K02');
    ok(await walk('re-enroll', { on: machines.get('K02')!, paths: { '/media/usb/00324-K02': path.join(workstation, 'reenroll', '00324-K02') } }));
    const k2 = start(machines.get('K02')!);
    expect((await k2.sync.runOnce()).errors).toEqual([]);
    expect(k2.sync.status().state).toBe('idle');
    expect(k2.device.get().deviceId).toBe(id);
  });

  it('§11 rotating K03’s credentials: a new token, the old one refused at once, the device syncs on', async () => {
    const oldToken = core('K03').device.get().deviceToken!;
    stop('K03');
    const [rotated] = ok(await walk('rotate', { on: machines.get('K03')! }));
    expect(rotated!.out).toContain('New token and LAN key for device');
    const stale = await fetch(`${portal.url}/v1/devices/heartbeat`, { method: 'POST', headers: { Authorization: `Bearer ${oldToken}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ status: 'ok', outboxLength: 0, appVersion: '1.4.2', lastSyncAt: null, freeDiskBytes: null, lastError: null }) });
    expect(stale.status).toBe(401);
    const k3 = start(machines.get('K03')!);
    expect((await k3.sync.runOnce()).errors).toEqual([]);
  });

  it('§8 desk 2 backed up while it works, restored on a new machine: the dossier, its scan and the sealed audit chain read back', async () => {
    const q2 = core('Q02');
    const session = await signIn('Q02', 'tiepnhan');
    const received = await q2.call('desk.receive', {
      session,
      procedureCode: '1.001193',
      applicant: { fullName: 'Phạm Văn Bình', idNumber: '001090123456', address: 'Số 5 Phố Kim Mã, Ba Đình', phone: '0912345678' },
      documents: [{ name: 'Giấy chứng sinh', presented: true }],
      attachments: [{ name: 'Giấy chứng sinh (bản quét)', dataUrl: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==' }],
      sets: 1,
      collect: 'counter',
      outcome: 'accept',
    });
    const scan = received.desk!.attachments![0]!;
    const scanBytes = fs.readFileSync(path.join(machines.get('Q02')!.dataDir, 'attachments', scan.file));

    const [backedUp] = ok(await walk('backup', { on: machines.get('Q02')!, paths: { '/mnt/motcua-backup': share } }));
    const folder = /Đã sao lưu \/ Backed up: (\S+)/.exec(backedUp!.out)![1]!;
    expect(path.dirname(folder)).toBe(path.join(share, '00324-Q02'));
    expect(path.basename(folder)).toMatch(/^motcua-backup-00324-(Q)?02-\d{8}-\d{6}$/);
    stop('Q02'); // the desk's disk died

    const m = newMachine('Q02-new');
    const ran = ok(await walk('restore', { on: m, paths: { '/media/usb/00324-Q02': path.join(usb, '00324-Q02'), '/mnt/motcua-backup/00324-Q02/motcua-backup-00324-Q02-20261201-020000': folder } }));
    expect(ran.map((r) => r.line.split(' ').slice(0, 3).join(' '))).toEqual(['sudo motcua provision', 'sudo motcua restore', 'sudo motcua sync']);
    // A second restore onto the same machine: refused, its data left as it is.
    const twice = await run(['restore', folder], machineEnv(m), workstation);
    expect(twice.code).toBe(1);
    expect(twice.err).toContain('already has a database: restore only into an empty one (move the old folder aside first).');
    const restored = start(m);
    cores.set('Q02', restored);
    const again = await signIn('Q02', 'tiepnhan');
    const dossier = await restored.call('dossier.get', { session: again, code: received.code });
    expect(dossier).toMatchObject({ code: received.code, applicant: { fullName: 'Phạm Văn Bình' } });
    expect(fs.readFileSync(path.join(m.dataDir, 'attachments', dossier.desk!.attachments![0]!.file)).equals(scanBytes)).toBe(true);
    const audit = await restored.call('audit.list', { session: again });
    expect(audit.chain).toMatchObject({ ok: true, brokenAt: null });
    expect(audit.items.find((i) => i.action === 'dossier.receive.accept')).toMatchObject({ actor: 'tiepnhan', dossierCode: received.code });
    expect((await restored.sync.runOnce()).errors).toEqual([]);
  });

  it('§13 the fleet page, signed in: devices by slot with their host, the one switched off after its first start red as silent, a parked item red, the replaced kiosk revoked', async () => {
    // A row K06 cannot decode (a damaged disk): parked for the admin, never dropped.
    core('K06').db.prepare("INSERT INTO outbox (kind, idempotency_key, stream, payload, state, next_attempt_at, created_at) VALUES ('feedback', 'hong-1', 'hong-1', '{not json', 'pending', '2000-01-01T00:00:00Z', '2000-01-01T00:00:00Z')").run();
    // Three hours later: every device that runs has synced since; K05 has not.
    portalNow = new Date(Date.now() + 3 * 3600_000);
    for (const [name, c] of cores) expect({ name, errors: (await c.sync.runOnce()).errors }).toEqual({ name, errors: [] });
    await expect(fetch(`${portal.url}/admin/fleet`, { redirect: 'manual' }).then((r) => [r.status, r.headers.get('location')])).resolves.toEqual([303, '/admin/login']);
    const page = await fleetPageOf(portal);
    const row = (slot: string) => new RegExp(`<tr class="(\\w+)" data-device="[^"]+" data-slot="${slot}">([\\s\\S]*?)</tr>`).exec(page);
    expect(row('K05')?.[1]).toBe('red');
    expect(row('K05')?.[2]).toContain('Mất liên lạc / silent: 3 giờ trước');
    expect(row('K06')?.[1]).toBe('red');
    expect(row('K06')?.[2]).toContain('1 mục bị cổng từ chối đang chờ xử lý / parked items wait');
    expect(row('K07')?.[1]).toBe('ok');
    expect(row('K07')?.[2]).toContain('1.4.2');
    expect(row('K07')?.[2]).toContain(os.hostname());
    expect(page).toMatch(/<tr class="revoked" data-device="[^"]+" data-slot="K01">/);
    expect(/<p id="summary">([^<]*)<\/p>/.exec(page)?.[1]).toBe('14 thiết bị / devices: 11 hoạt động / OK, 0 cần chú ý / attention, 2 cần xử lý / act now, 1 đã thu hồi / revoked; 0 chưa từng kết nối / never seen.');
  });

  it('§13 a support bundle from K03, as the guide writes it', async () => {
    const [made] = ok(await walk('support', { on: machines.get('K03')! }));
    expect(made!.out).toContain(`Đã tạo / written: ${path.join(workstation, 'motcua-support-00324-K03.tar.gz')}`);
  });
});
