#!/usr/bin/env node
/**
 * `npm start`: the app in Electron where its binary can be had; otherwise one line saying so,
 * then the same app from the web host — in Chromium app windows when there is a display,
 * or as printed URLs when there is not. Data lives in ./.data of the clone.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dataDir = process.env.MOTCUA_DATA_DIR || path.join(root, '.data');
const passThrough = process.argv.slice(2);
// A clone shows a demo ward; a packaged install is configured by its IT admin instead.
const demoConfig = passThrough.includes('--config') ? [] : ['--config', path.join(root, 'scripts', 'demo-config.json')];

/** Asks the electron package for its binary in a child, so its download attempt cannot hang or spam us. */
function electronBinary() {
  if (process.env.MOTCUA_NO_ELECTRON) return { ok: false, reason: 'MOTCUA_NO_ELECTRON is set' };
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
    cwd: root,
    encoding: 'utf8',
    timeout: 30_000,
  });
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
  spawn(chromium, [`--app=${url}`, `--user-data-dir=${profile}`, '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'], {
    stdio: 'ignore',
    detached: true,
  }).unref();
  return true;
}

const electron = electronBinary();
if (electron.ok) {
  const child = spawn(electron.bin, [root, '--demo', '--data-dir', dataDir, ...demoConfig, ...passThrough], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  process.stdout.write(`Electron không chạy được ở máy này (${electron.reason}); mở ứng dụng qua web host. / Electron is unavailable here; serving the app from the web host.\n`);
  const { serve } = await import(new URL('../dist/electron/cli/main.js', import.meta.url).href);
  const server = await serve(['--data-dir', dataDir, ...demoConfig, ...passThrough]);
  if (hasDisplay() && openChromium(`${server.url}/kiosk`) && openChromium(`${server.url}/staff`)) {
    process.stdout.write('Đã mở cửa sổ ki-ốt và quầy trong Chromium. / Opened kiosk and staff windows in Chromium.\n');
  }
  const stop = () => void server.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
