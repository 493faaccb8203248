import { describe, expect, it } from 'vitest';
import {
  APP_ORIGIN,
  CONTENT_SECURITY_POLICY,
  allowNavigation,
  allowPermission,
  allowedOrigins,
  isLoopbackHost,
  blockInput,
  isForeignRequest,
  isTrustedSender,
  recentCrashCount,
  reloadDelay,
  shouldReload,
  webPreferences,
  windowOpenAction,
  windowOptions,
} from '../../electron/security.js';

const key = (k: string, mods: Partial<{ control: boolean; meta: boolean; shift: boolean; alt: boolean }> = {}) => ({ control: false, meta: false, shift: false, alt: false, key: k, ...mods });

describe('security policy', () => {
  it('keeps navigation inside the app', () => {
    expect(allowNavigation(`${APP_ORIGIN}/staff`)).toBe(true);
    expect(allowNavigation('https://dichvucong.gov.vn')).toBe(false);
    expect(allowNavigation('file:///etc/passwd')).toBe(false);
    expect(allowNavigation('app://other/kiosk')).toBe(false);
    expect(allowNavigation('not a url')).toBe(false);
  });

  it('denies every new window', () => {
    expect(windowOpenAction(`${APP_ORIGIN}/kiosk`)).toEqual({ action: 'deny' });
    expect(windowOpenAction('https://example.com')).toEqual({ action: 'deny' });
  });

  it('answers IPC only from app frames', () => {
    expect(isTrustedSender(`${APP_ORIGIN}/kiosk`)).toBe(true);
    expect(isTrustedSender('http://127.0.0.1:4870/kiosk')).toBe(false);
    expect(isTrustedSender('https://evil.example/app://motcua')).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
  });

  it('allows the camera for scanning, notifications on the desk, and nothing else', () => {
    const origin = `${APP_ORIGIN}/staff`;
    expect(allowPermission('staff', { permission: 'media', origin, mediaTypes: ['video'] })).toBe(true);
    expect(allowPermission('kiosk', { permission: 'media', origin, mediaTypes: ['video'] })).toBe(true);
    expect(allowPermission('staff', { permission: 'media', origin, mediaTypes: ['audio'] })).toBe(false);
    expect(allowPermission('staff', { permission: 'media', origin, mediaTypes: ['video', 'audio'] })).toBe(false);
    expect(allowPermission('staff', { permission: 'media', origin: 'https://evil.example', mediaTypes: ['video'] })).toBe(false);
    expect(allowPermission('staff', { permission: 'notifications', origin })).toBe(true);
    expect(allowPermission('kiosk', { permission: 'notifications', origin })).toBe(false);
    for (const p of ['geolocation', 'clipboard-read', 'midi', 'openExternal', 'fullscreen', 'hid', 'serial']) {
      expect(allowPermission('staff', { permission: p, origin })).toBe(false);
    }
  });

  it('sandboxes every window, with devtools only in development', () => {
    const prod = webPreferences('/p.cjs', true);
    expect(prod).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webviewTag: false, devTools: false });
    expect(webPreferences('/p.cjs', false).devTools).toBe(true);
  });

  it('opens the kiosk fullscreen in kiosk mode and the staff window at its saved bounds', () => {
    expect(windowOptions('kiosk', { preload: 'p', isProduction: true })).toMatchObject({ kiosk: true, fullscreen: true, closable: false });
    expect(windowOptions('staff', { preload: 'p', isProduction: true, saved: { x: 10, y: 20, width: 1400, height: 900 } })).toMatchObject({ x: 10, y: 20, width: 1400, height: 900 });
    expect(windowOptions('staff', { preload: 'p', isProduction: true })).toMatchObject({ width: 1366, height: 768 });
  });

  it('locks zoom on the kiosk and devtools and exits in production', () => {
    expect(blockInput('kiosk', false, key('=', { control: true }))).toBe(true);
    expect(blockInput('staff', true, key('=', { control: true }))).toBe(false);
    expect(blockInput('kiosk', true, key('F12'))).toBe(true);
    expect(blockInput('staff', false, key('F12'))).toBe(false);
    expect(blockInput('kiosk', true, key('F4', { alt: true }))).toBe(true);
    expect(blockInput('kiosk', true, key('w', { control: true }))).toBe(true);
    expect(blockInput('staff', true, key('w', { control: true }))).toBe(false);
    expect(blockInput('kiosk', true, key('a'))).toBe(false);
  });

  it('reloads a crashed renderer with growing, capped delays, forgiving old crashes', () => {
    expect([1, 2, 3, 4, 10].map(reloadDelay)).toEqual([1000, 2000, 4000, 8000, 60_000]);
    const now = 1_000_000;
    expect(recentCrashCount([now - 10 * 60_000, now - 1000, now], now)).toBe(2);
    expect(shouldReload('crashed')).toBe(true);
    expect(shouldReload('oom')).toBe(true);
    expect(shouldReload('clean-exit')).toBe(false);
  });

  it('has a strict CSP: no inline script, no eval, no remote origins', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:/);
  });

  it('tells a foreign request from the host\'s own', () => {
    const allowed = allowedOrigins('127.0.0.1', 4870);
    expect(isForeignRequest({ origin: 'http://127.0.0.1:4870', host: '127.0.0.1:4870' }, allowed)).toBe(false);
    expect(isForeignRequest({ origin: 'http://localhost:4870', host: 'localhost:4870' }, allowed)).toBe(false);
    expect(isForeignRequest({ host: '127.0.0.1:4870' }, allowed)).toBe(false);
    expect(isForeignRequest({ origin: 'http://evil.example', host: '127.0.0.1:4870' }, allowed)).toBe(true);
    expect(isForeignRequest({ origin: 'null', host: '127.0.0.1:4870' }, allowed)).toBe(true);
    expect(isForeignRequest({ origin: 'http://127.0.0.1:9999', host: '127.0.0.1:4870' }, allowed)).toBe(true);
    // DNS rebinding: a hostile name resolving to 127.0.0.1.
    expect(isForeignRequest({ host: 'evil.example:4870' }, allowed)).toBe(true);
    const lan = allowedOrigins('192.168.1.20', 4870);
    expect(isForeignRequest({ origin: 'http://192.168.1.20:4870', host: '192.168.1.20:4870' }, lan)).toBe(false);
  });
  it('tells a loopback web host from one the office LAN reaches (the queue desk serves kiosks there)', () => {
    for (const h of ['127.0.0.1', 'localhost', '::1']) expect(isLoopbackHost(h)).toBe(true);
    for (const h of ['10.0.0.21', '0.0.0.0', 'quay1.phuong.local']) expect(isLoopbackHost(h)).toBe(false);
  });
});
