#!/usr/bin/env node
/**
 * `npm start`: the app in Electron where its binary can be had; otherwise one line saying so,
 * then the whole product from web hosts — a kiosk, a staff desk and a local reference portal on
 * this machine — in Chromium app windows when there is a display, or as printed URLs.
 * Data lives in ./.data of the clone.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dataDir = process.env.MOTCUA_DATA_DIR || path.join(root, '.data');
const passThrough = process.argv.slice(2);
// A clone shows a demo ward; a packaged install is configured by its IT admin instead.
const demoConfig = passThrough.includes('--config') ? [] : ['--config', path.join(root, 'scripts', 'demo-config.json')];

/** Asks the electron package for its binary in a child, so its download attempt cannot hang or spam us. */
function electronBinary() {
  if (process.env.MOTCUA_NO_ELECTRON) return { ok: false, reason: 'MOTCUA_NO_ELECTRON is set' };
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], { cwd: root, encoding: 'utf8', timeout: 30_000 });
  const bin = probe.stdout?.trim();
  if (probe.status === 0 && bin && existsSync(bin)) return { ok: true, bin };
  const reason = (probe.stderr || probe.error?.message || 'unknown').split('\n').find((l) => /fail|error/i.test(l)) ?? 'binary missing';
  return { ok: false, reason: reason.trim().slice(0, 160) };
}

function hasDisplay() {
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) || process.platform === 'win32' || process.platform === 'darwin';
}

function openChromium(url) {
  const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p));
  if (!chromium) return false;
  const profile = mkdtempSync(path.join(os.tmpdir(), 'motcua-chromium-'));
  spawn(chromium, [`--app=${url}`, `--user-data-dir=${profile}`, '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'], { stdio: 'ignore', detached: true }).unref();
  return true;
}

/** The reference city portal (test/portal), started for the demo unless a portal is configured. */
async function startDemoPortal() {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'test/portal/main.ts'), '--port', '4880', '--data-dir', path.join(dataDir, 'portal'), '--json'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise((resolve, reject) => {
    readline.createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`reference portal exited (${code})`)));
  });
  return { child, info: JSON.parse(line) };
}

const electron = electronBinary();
if (electron.ok) {
  const child = spawn(electron.bin, [root, '--demo', '--data-dir', dataDir, ...demoConfig, ...passThrough], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  process.stdout.write(`Electron không chạy được ở máy này (${electron.reason}); mở ứng dụng qua web host. / Electron is unavailable here; serving the app from the web host.\n`);
  const { serve } = await import(new URL('../dist/electron/cli/main.js', import.meta.url).href);
  const configured = passThrough.includes('--portal-url') || passThrough.includes('--config') || process.env.MOTCUA_PORTAL_URL;
  let portal = null;
  if (!configured) {
    portal = await startDemoPortal();
    process.stdout.write(`Cổng dịch vụ công tham chiếu / reference portal: ${portal.info.url}\n`);
  }
  // The demo kiosk takes its tickets from the demo desk, which holds the queue itself: only the kiosk
  // is told the queue desk's address (a desk told one would forward its queue to another desk).
  const configFor = (mode) => {
    if (!demoConfig.length || mode !== 'kiosk') return demoConfig;
    const file = path.join(dataDir, 'kiosk-demo-config.json');
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(demoConfig[1], 'utf8')), queue: { url: 'http://127.0.0.1:4871' } }, null, 2));
    return ['--config', file];
  };
  const device = (mode, port, slot) => [
    '--mode', mode, '--port', String(port), '--slot', slot, '--data-dir', path.join(dataDir, mode), ...configFor(mode),
    ...(portal ? ['--portal-url', portal.info.url, '--enrollment-code', portal.info.enrollment[mode]] : []),
    ...passThrough,
  ];
  const kiosk = await serve(device('kiosk', 4870, '01'));
  const staff = await serve(device('staff', 4871, '01'));
  process.stdout.write(
    `Ki-ốt / kiosk: ${kiosk.url}/kiosk\nQuầy / staff desk: ${staff.url}/staff (lần đầu: tạo tài khoản quản trị quầy / first time: create the desk admin)\n` +
      `Màn hình gọi số / queue display: ${staff.url}/display\n`,
  );
  if (hasDisplay() && openChromium(`${kiosk.url}/kiosk`) && openChromium(`${staff.url}/staff`)) {
    process.stdout.write('Đã mở cửa sổ ki-ốt và quầy trong Chromium. / Opened kiosk and staff windows in Chromium.\n');
  }
  const stop = () => {
    portal?.child.kill('SIGTERM');
    void Promise.all([kiosk.stop(), staff.stop()]).then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
