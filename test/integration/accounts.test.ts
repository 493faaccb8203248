import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../electron/core/errors.js';
import type { Core } from '../../electron/core/index.js';
import { passwordProblem } from '../../electron/core/staff/password.js';
import { registerIpc } from '../../electron/shell/ipc.js';
import { startWebHost, type WebHost } from '../../electron/web/server.js';
import { cliAsync } from '../helpers/cli.js';
import { makeCore, signInOfficer, tempDir, TEST_PASSWORD, type TestCore } from '../helpers/core.js';
import { ipcStandIn } from '../helpers/ipc-standin.js';

async function rejection(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected a rejection');
}

function rendererFixture(): string {
  const dir = tempDir('motcua-renderer-');
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Một Cửa</title>');
  return dir;
}

async function post(host: WebHost, method: string, input: unknown) {
  const res = await fetch(`${host.url}/api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(input) });
  return { status: res.status, body: (await res.json()) as { ok: boolean; error?: { code: string; field?: string; message: { vi: string; en: string } }; result?: unknown } };
}

const admin = (core: Core) => signInOfficer(core, 'quantri');

describe('passwords: a strength estimator with dictionaries decides, not character classes', () => {
  it('refuses what the issue found accepted — a common password, the username, blanks around two characters — and keyboard runs', () => {
    const ctx = { username: 'le.van.c', displayName: 'Lê Văn C', wardName: 'Phường Ba Đình' };
    expect(passwordProblem('Password1', ctx)?.vi).toContain('ít nhất 10 ký tự');
    expect(passwordProblem('Password123', ctx)?.vi).toContain('quá phổ biến');
    expect(passwordProblem('P@ssw0rd2024', ctx)?.vi).toContain('quá phổ biến');
    expect(passwordProblem('        1a', ctx)?.vi).toContain('ít nhất 10 ký tự');
    expect(passwordProblem('le.van.c2026', ctx)?.vi).toContain('tên đăng nhập');
    expect(passwordProblem('mnbvcxzlkjhg', ctx)?.vi).toContain('dãy phím liền nhau');
    expect(passwordProblem('matkhau123456', ctx)?.vi).toContain('quá phổ biến');
    expect(passwordProblem('phuongbadinh1', ctx)).not.toBeNull();
    // A phrase of unrelated words is fine, with or without Vietnamese marks.
    expect(passwordProblem('la-sen-xanh-2026', ctx)).toBeNull();
    expect(passwordProblem('mưa thu hà nội về', ctx)).toBeNull();
  });

  it('refuses the officer’s own name, the ward and the city however they are written — tones, spaces, punctuation (the LAN trial’s F11)', () => {
    const ctx = { username: 'thuha', displayName: 'Lê Thị Thu Hà', wardName: 'Phường Ba Đình' };
    for (const p of ['Lê Thị Thu Hà', 'Le Thi Thu Ha', 'le thi thu ha 1', 'phuong ba dinh', 'Ba Dinh Ha Noi', 'Hà Nội 2026', 'Việt Nam 2026', 'Hanoi@2026!', 'mật khẩu mạnh', 'Quầy 1 Ba Đình']) {
      expect({ p, refused: passwordProblem(p, ctx) !== null }).toEqual({ p, refused: true });
    }
    expect(passwordProblem('Nguyen Van Tiep', { username: 'tiep', displayName: 'Nguyễn Văn Tiếp', wardName: 'Phường Ba Đình' })?.vi).toContain('họ tên');
    expect(passwordProblem('saffron-lantern-quiet-9x', ctx)).toBeNull();
  });
});

describe('accounts at the desk', () => {
  let t: TestCore;
  let host: WebHost | null = null;
  afterEach(async () => {
    await host?.close();
    host = null;
    t.core.close();
  });

  it('the first-run setup needs the one-time code only the machine’s admin can read; it is spent once used', async () => {
    t = makeCore({ mode: 'staff' });
    host = await startWebHost({ core: t.core, rendererDir: rendererFixture() });
    const code = t.core.setupCode()!;
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    // Whoever reaches the desk first on the LAN cannot make themselves its admin.
    const guess = await post(host, 'staff.setup', { setupCode: 'AAAA-BBBB-CCCC', username: 'ke.la', displayName: 'Kẻ lạ', password: TEST_PASSWORD });
    expect(guess).toMatchObject({ status: 401, body: { error: { code: 'unauthorized', field: 'setupCode' } } });
    expect(guess.body.error!.message.vi).toContain('motcua doctor');
    // The code as printed, typed in lower case and without dashes, works.
    const made = await post(host, 'staff.setup', { setupCode: code.toLowerCase().replace(/-/g, ''), username: 'quantri', displayName: 'Quản trị quầy', password: TEST_PASSWORD });
    expect(made.status).toBe(200);
    expect(t.core.setupCode()).toBeNull();
    expect(t.core.device.get().setupCode).toBeNull();
    expect((await post(host, 'staff.setup', { setupCode: code, username: 'ke.la', displayName: 'Kẻ lạ', password: TEST_PASSWORD })).status).toBe(403);
  });

  it('motcua doctor prints the setup code to the machine’s admin, from the device file only they can read', async () => {
    const dir = tempDir();
    const dataDir = path.join(dir, 'data');
    // The desk started once (unprovisioned): it made its code. Doctor only reads it — it creates nothing.
    t = makeCore({ mode: 'staff' }, {}, dir);
    const r = await cliAsync(['doctor', '--data-dir', dataDir, '--mode', 'staff'], {}, dir);
    expect(r.code).toBe(0);
    const code = /First-run setup code: ([A-Z0-9-]{14})/.exec(r.out)?.[1];
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, 'device', 'device.json'), 'utf8'))).toMatchObject({ setupCode: code });
    expect(fs.statSync(path.join(dataDir, 'device', 'device.json')).mode & 0o077).toBe(0);
  });

  it('motcua doctor says why a kiosk that was never given a PIN refuses the admin exit', async () => {
    const dir = tempDir();
    t = makeCore({ mode: 'kiosk' }, {}, dir);
    const r = await cliAsync(['doctor', '--data-dir', path.join(dir, 'data'), '--mode', 'kiosk'], {}, dir);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Ki-ốt chưa có mã PIN quản trị: không thoát được chế độ ki-ốt.');
    expect(r.out).toContain('This kiosk has no admin PIN: the admin exit is refused.');
  });

  it('a password change ends the account’s other sessions, and keeps the one that made it', async () => {
    t = makeCore({ mode: 'staff' });
    const here = await signInOfficer(t.core, 'can-bo-a');
    const elsewhere = (await t.core.call('staff.signIn', { username: 'can-bo-a', password: TEST_PASSWORD })).token;
    await t.core.call('staff.changePassword', { session: here, current: TEST_PASSWORD, next: 'tre-xanh-ven-song-9' });
    expect((await t.core.call('staff.me', { session: here })).username).toBe('can-bo-a');
    expect((await rejection(t.core.call('staff.me', { session: elsewhere }))).code).toBe('unauthorized');
    const weak = await rejection(t.core.call('staff.changePassword', { session: here, current: 'tre-xanh-ven-song-9', next: 'can-bo-a-2026' }));
    expect(weak).toMatchObject({ code: 'validation', field: 'next' });
  });

  it('the last active desk admin can be neither demoted nor deactivated; with a second admin it can', async () => {
    t = makeCore({ mode: 'staff' });
    const session = await admin(t.core);
    const demote = await rejection(t.core.call('staff.save', { session, username: 'quantri', displayName: 'Quản trị quầy', roles: ['supervisor'], active: true }));
    expect(demote).toMatchObject({ code: 'forbidden', field: 'roles' });
    expect(demote.messages.vi).toContain('quản trị quầy cuối cùng');
    const deactivate = await rejection(t.core.call('staff.save', { session, username: 'quantri', displayName: 'Quản trị quầy', roles: ['desk_admin'], active: false }));
    expect(deactivate).toMatchObject({ code: 'forbidden', field: 'active' });
    await t.core.call('staff.save', { session, username: 'quantri.2', displayName: 'Quản trị hai', roles: ['desk_admin'], active: true, password: 'nui-cao-song-dai-7' });
    const done = await t.core.call('staff.save', { session, username: 'quantri', displayName: 'Quản trị quầy', roles: ['supervisor'], active: true });
    expect(done.roles).toEqual(['supervisor']);
  });

  it('an outsider on the LAN cannot lock an officer out of their own desk; the outsider’s address is held back instead', async () => {
    t = makeCore({ mode: 'staff' });
    await signInOfficer(t.core, 'can-bo-a');
    host = await startWebHost({ core: t.core, rendererDir: rendererFixture() });
    const window = ipcStandIn();
    registerIpc(window.ipc, t.core);
    for (let i = 0; i < 5; i++) await post(host, 'staff.signIn', { username: 'can-bo-a', password: 'doan-mo-sai-1' });
    const fromLan = await post(host, 'staff.signIn', { username: 'can-bo-a', password: TEST_PASSWORD });
    expect(fromLan).toMatchObject({ status: 401 });
    expect(fromLan.body.error!.message.vi).toContain('đang bị khóa');
    // At the officer's own window the account signs in as usual.
    const atDesk = (await window.invoke('staff.signIn', { username: 'can-bo-a', password: TEST_PASSWORD }, 'app://motcua/staff')) as { ok: boolean };
    expect(atDesk.ok).toBe(true);
    // Spraying other accounts from the same address holds the whole address back.
    for (let i = 0; i < 20; i++) await post(host, 'staff.signIn', { username: `ai-do-${i}`, password: 'doan-mo-sai-1' });
    // Told as it is: this machine is held, not the account (the LAN trial's F13).
    expect((await post(host, 'staff.signIn', { username: 'quantri', password: TEST_PASSWORD })).body.error!.message.vi).toContain('Máy này tạm bị chặn đăng nhập');
    const audit = t.core.db.prepare("SELECT action, after FROM audit_log WHERE action IN ('staff.locked', 'staff.sourceHeld')").all() as { action: string; after: string }[];
    expect(audit.map((a) => a.action)).toEqual(['staff.locked', 'staff.sourceHeld']);
    expect(JSON.parse(audit[0]!.after)).toMatchObject({ source: '127.0.0.1' });
  });

  it('hashing a password leaves the event loop free: other work runs while a sign-in is checked', async () => {
    t = makeCore({ mode: 'staff' });
    await signInOfficer(t.core, 'can-bo-a');
    let ticked = false;
    const signIn = t.core.call('staff.signIn', { username: 'can-bo-a', password: TEST_PASSWORD });
    setImmediate(() => (ticked = true));
    await signIn;
    expect(ticked).toBe(true);
  });

  it('motcua staff reset-admin recovers a locked-out desk, for the machine’s admin only', async () => {
    const dir = tempDir();
    const dataDir = path.join(dir, 'data');
    // A desk whose only admin forgot the password.
    const setup = await cliAsync(['doctor', '--data-dir', dataDir, '--mode', 'staff'], {}, dir);
    expect(setup.code).toBe(0);
    const refused = await cliAsync(['staff', 'reset-admin', 'quantri', '--data-dir', dataDir, '--mode', 'staff'], { MOTCUA_ADMIN_CONFIG: '/proc/motcua/config.json' }, dir);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('quyền quản trị của máy');
    const r = await cliAsync(['staff', 'reset-admin', 'quantri', '--display-name', 'Quản trị quầy', '--data-dir', dataDir, '--mode', 'staff'], {}, dir);
    expect(r.code).toBe(0);
    const password = /shown once: (\S+)/.exec(r.out)?.[1];
    expect(password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    const core = makeCoreAt(dataDir, dir);
    try {
      const s = await core.call('staff.signIn', { username: 'quantri', password: password! });
      expect(s.roles).toContain('desk_admin');
      const row = core.db.prepare("SELECT actor FROM audit_log WHERE action = 'staff.create'").get() as { actor: string };
      expect(row.actor).toBe('machine-admin');
    } finally {
      core.close();
    }
  });
});

/** A desk core on an existing data dir, as the app would start on it. */
function makeCoreAt(dataDir: string, dir: string): Core {
  return makeCore({ mode: 'staff', dataDir }, {}, dir).core;
}
