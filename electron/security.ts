/**
 * Security policy as pure functions, shared by the Electron shell and the web host and
 * unit-tested without Electron. Nothing here imports `electron`.
 */
import type { Mode } from './contract.js';

/** The custom scheme the Electron windows load the app from (instead of file://). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'motcua';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** One strict CSP for every transport: no inline script, no eval, no remote content. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'self' blob: mediastream:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/** Headers sent with every response of the web host and the app:// protocol. */
export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(self), microphone=(), geolocation=(), usb=(), serial=(), payment=()',
};

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True for URLs inside the app itself. */
export function isAppUrl(url: string): boolean {
  const u = parse(url);
  return u !== null && u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
}

/** `will-navigate`: stay inside the app, always. */
export function allowNavigation(url: string): boolean {
  return isAppUrl(url);
}

/** `setWindowOpenHandler`: no new windows, ever; the app routes everything itself. */
export function windowOpenAction(_url: string): { action: 'deny' } {
  return { action: 'deny' };
}

/** IPC is only answered for frames that show the app (not an iframe of something else, not a remote page). */
export function isTrustedSender(frameUrl: string | undefined | null): boolean {
  return typeof frameUrl === 'string' && isAppUrl(frameUrl);
}

export interface PermissionRequest {
  permission: string;
  origin: string;
  /** For 'media': which devices. */
  mediaTypes?: string[];
}

/**
 * Permissions: deny everything but what a mode needs. Both modes may use the camera
 * (scanning a receipt or a CCCD QR); the desk may also show notifications (deadlines).
 */
export function allowPermission(mode: Mode, req: PermissionRequest): boolean {
  if (!isAppUrl(req.origin)) return false;
  if (req.permission === 'media') {
    const types = req.mediaTypes ?? [];
    return types.length > 0 && types.every((t) => t === 'video');
  }
  if (req.permission === 'notifications') return mode === 'staff';
  return false;
}

/** webPreferences for every window: sandboxed, isolated, no Node. */
export function webPreferences(preload: string, isProduction: boolean) {
  return {
    preload,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    devTools: !isProduction,
  } as const;
}

export interface Bounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
}

/** BrowserWindow options per mode. Kiosk: fullscreen kiosk, no menu, not closable by the user. */
export function windowOptions(mode: Mode, opts: { preload: string; isProduction: boolean; saved?: Bounds | null }) {
  const common = {
    show: false,
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    title: 'Một Cửa',
    webPreferences: webPreferences(opts.preload, opts.isProduction),
  };
  if (mode === 'kiosk') {
    return { ...common, kiosk: opts.isProduction, fullscreen: opts.isProduction, frame: !opts.isProduction, width: 1080, height: 1920, minimizable: false, closable: !opts.isProduction };
  }
  const saved = opts.saved;
  return { ...common, width: saved?.width ?? 1366, height: saved?.height ?? 768, x: saved?.x, y: saved?.y, minWidth: 1024, minHeight: 640 };
}

/** Keys that would zoom or open devtools; blocked in production and, for zoom, always on the kiosk. */
export function blockInput(mode: Mode, isProduction: boolean, input: { control: boolean; meta: boolean; shift: boolean; alt: boolean; key: string }): boolean {
  const mod = input.control || input.meta;
  const key = input.key.toLowerCase();
  if (mod && ['+', '=', '-', '_', '0'].includes(key)) return mode === 'kiosk';
  if (!isProduction) return false;
  if (key === 'f12' || (mod && input.shift && ['i', 'j', 'c'].includes(key))) return true;
  if (mode === 'kiosk' && (key === 'f11' || (input.alt && key === 'f4') || (mod && ['w', 'q', 'r'].includes(key)))) return true;
  return false;
}

/**
 * Backoff for reloading a crashed or hung renderer: 1 s, 2 s, 4 s … capped at 60 s.
 * Counted from the last crash within `windowMs`; a renderer that stayed up longer starts over.
 */
export function reloadDelay(recentCrashes: number): number {
  return Math.min(60_000, 1000 * 2 ** Math.max(0, recentCrashes - 1));
}

/** Crashes in the last `windowMs`, so a long-stable renderer is forgiven. */
export function recentCrashCount(crashTimes: number[], now: number, windowMs = 5 * 60_000): number {
  return crashTimes.filter((t) => now - t < windowMs).length;
}

/** Only these reasons for `render-process-gone` deserve a reload; a clean exit does not. */
export function shouldReload(reason: string): boolean {
  return reason !== 'clean-exit';
}

/** Whether a configured `web.host` keeps the web host on this machine only. */
export function isLoopbackHost(host: string): boolean {
  return host === '127.0.0.1' || host === 'localhost' || host === '::1' || host === '[::1]';
}

/** Allowed Origin values for the web host: itself, by any loopback name, or the LAN address it binds. */
export function allowedOrigins(host: string, port: number): Set<string> {
  const names = new Set(['127.0.0.1', 'localhost', '[::1]']);
  if (host !== '0.0.0.0' && host !== '::') names.add(host.includes(':') && !host.startsWith('[') ? `[${host}]` : host);
  return new Set([...names].map((n) => `http://${n}:${port}`));
}

/** A request is refused when it carries an Origin or Host that is not the host's own (CSRF, DNS rebinding). */
export function isForeignRequest(headers: { origin?: string; host?: string }, allowed: Set<string>): boolean {
  if (headers.origin !== undefined && headers.origin !== 'null' && !allowed.has(headers.origin)) return true;
  if (headers.origin === 'null') return true;
  if (headers.host !== undefined && !allowed.has(`http://${headers.host}`)) return true;
  return false;
}
