import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { expect } from 'vitest';
import type { Core } from '../../electron/core/index.js';
import { signInOfficer, TEST_PASSWORD } from './core.js';

/** Debian's Chromium, as on CI; never a downloaded browser. */
export const CHROMIUM = process.env.MOTCUA_CHROMIUM ?? '/usr/bin/chromium';

export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', ...extraArgs],
  });
}

/** Chromium with a fake camera that shows `videoFile` (a Y4M), permission granted. */
export function launchChromiumWithCamera(videoFile: string): Promise<Browser> {
  return launchChromium(['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${videoFile}`]);
}

/** A context that can reach only the app under test: every other host is blocked. */
export async function isolatedContext(browser: Browser, baseURL: string, viewport = { width: 1366, height: 768 }, options: { hasTouch?: boolean; timezoneId?: string } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL, viewport, locale: 'vi-VN', ...options });
  const allowed = new URL(baseURL).origin;
  await context.route('**/*', (route) => (new URL(route.request().url()).origin === allowed ? route.continue() : route.abort()));
  return context;
}

/** Collects console errors and page errors, to assert there were none. */
export function captureErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(err.message));
  return errors;
}

export async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary).toEqual([]);
}

/** Every visible control at least `min` px both ways (kiosk touch targets). */
export async function expectTouchTargets(page: Page, min = 44): Promise<void> {
  const small = await page.evaluate((m) =>
    [...document.querySelectorAll<HTMLElement>('button, a, input, select, textarea, [role="button"]')]
      .filter((el) => el.offsetParent !== null && !(el instanceof HTMLInputElement && el.type === 'hidden'))
      .map((el) => ({ el: el.outerHTML.slice(0, 100), r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.width < m || r.height < m)
      .map(({ el }) => el),
  min);
  expect(small).toEqual([]);
}

/**
 * Opens a desk page signed in as `username` (the account is created on `core` first when needed),
 * through the sign-in form an officer uses.
 */
export async function openDesk(page: Page, core: Core, path = '/staff', username = 'can-bo-a', roles?: Parameters<typeof signInOfficer>[2]): Promise<void> {
  await signInOfficer(core, username, roles);
  await page.goto(path);
  await typeOver(page.getByLabel('Tên đăng nhập'), username);
  await typeOver(page.getByLabel('Mật khẩu'), TEST_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
}

/**
 * Types into a desk field as an officer does (never `fill()`): a click into it, Ctrl+A over what it
 * held, then the keys. An empty `text` clears it with Delete.
 */
export async function typeOver(field: Locator, text: string): Promise<void> {
  await field.click();
  await field.press('Control+A');
  if (text) await field.page().keyboard.type(text);
  else await field.press('Delete');
}

/**
 * Types a date into a date field from its first part, in the order of the browser's locale (month
 * first on these en-US machines: `11232026`), as an officer does with the keyboard.
 */
export async function typeDate(field: Locator, digits: string): Promise<void> {
  await field.click({ position: { x: 8, y: 12 } });
  await field.page().keyboard.type(digits);
}

/**
 * The printer is the boundary a test cannot reach: `window.print()` is stubbed in every page of
 * `context` to count the prints (and end each with `afterprint`, as a finished print does). A page
 * that prints itself (`?print=1`) and a PDF the test takes with `page.pdf()` then never overlap
 * ("Page is already being printed"), and `printsOf` says whether the page printed itself.
 */
export async function stubPrinter(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const w = window as unknown as { prints: number };
    w.prints = 0;
    window.print = () => {
      w.prints++;
      window.dispatchEvent(new Event('afterprint'));
    };
  });
}

/** How many times the page printed itself (see stubPrinter). */
export const printsOf = (page: Page): Promise<number> => page.evaluate(() => (window as unknown as { prints: number }).prints);
