/**
 * An English-speaking resident at the kiosk, by touch only (taps on the screen and the on-screen
 * keyboard, never fill()), at 1080×1920: switches to English, types "temporary residence", finds the
 * temporary residence registration by its English name and opens it; the page gives the English
 * name and summary and says plainly that the legal text is Vietnamese. Then a query with no good
 * answer says so and offers life events, an officer and popular procedures; and "Show more" adds
 * the next 20 of a long list. One browser and one kiosk core for the file.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendererDir } from '../../electron/paths.js';
import { startWebHost, type WebHost } from '../../electron/web/server.js';
import { captureErrors, expectNoAxeViolations, expectTouchTargets, isolatedContext, launchChromium } from '../helpers/browser.js';
import { makeCatalogCore } from '../helpers/catalog.js';
import { EN_KEYS, tapType } from '../helpers/kiosk-keyboard.js';
import type { Core } from '../../electron/core/index.js';

describe('an English-speaking resident at the kiosk, by touch only', () => {
  let browser: Browser;
  let core: Core;
  let host: WebHost;

  beforeAll(async () => {
    // The whole bundled catalog: English mode must find the right one among 2,642 procedures.
    core = makeCatalogCore({ mode: 'kiosk' }).core;
    host = await startWebHost({ core, rendererDir });
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await host?.close();
    core?.close();
  });

  async function open(): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
    const context = await isolatedContext(browser, host.url, { width: 1080, height: 1920 }, { hasTouch: true });
    const page = await context.newPage();
    const errors = captureErrors(page);
    await page.goto('/kiosk');
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    return { page, errors, close: () => context.close() };
  }

  it('switches to English, types “temporary residence” and opens Temporary residence registration, which says its legal text is Vietnamese', async () => {
    const { page, errors, close } = await open();
    await page.getByRole('button', { name: 'English' }).tap();
    await page.getByRole('link', { name: /Find a procedure/ }).tap();
    await page.getByLabel('What do you need to do?').tap();
    await tapType(page, 'temporary residence', EN_KEYS);
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('temporary residence');

    const results = page.getByRole('region', { name: 'Procedures' });
    const first = results.getByRole('link').first();
    await expect.poll(() => first.textContent()).toContain('Temporary residence registration');
    // The Vietnamese name is there too, to show at the counter.
    expect(await first.textContent()).toContain('Đăng ký tạm trú');
    await first.tap();

    await page.getByRole('heading', { level: 1, name: /Đăng ký tạm trú/ }).waitFor();
    const english = page.getByRole('complementary', { name: 'English' });
    await expect.poll(() => english.textContent()).toContain('Temporary residence registration');
    expect(await english.textContent()).toContain('Register where you stay');
    expect(await english.textContent()).toContain('The legal text of this procedure is in Vietnamese');
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
    await close();
  });

  it('a question with no good answer says so, with life events, an officer and popular procedures instead of noise', async () => {
    const { page, errors, close } = await open();
    await page.getByRole('link', { name: /Tra cứu thủ tục|Tìm thủ tục/ }).first().tap();
    await page.getByLabel('Bạn cần làm thủ tục gì?').tap();
    // Typed without tones, in plain letters (the Telex method would compose "tuoi" the same).
    await tapType(page, 'tro cap nguoi cao tuoi');
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('tro cap nguoi cao tuoi');
    const none = page.getByRole('region', { name: /Chưa có thủ tục nào đúng/ });
    await none.waitFor();
    // The closest life event comes first; the loose matches stay folded behind a tap.
    await expect.poll(() => none.getByRole('list').first().getByRole('link').first().textContent()).toContain('Chính sách xã hội');
    expect(await none.getByRole('link', { name: /Gọi cán bộ hỗ trợ/ }).getAttribute('href')).toBe('/kiosk/help');
    expect(await none.textContent()).toContain('Đăng ký khai sinh');
    expect(await page.getByRole('region', { name: 'Thủ tục', exact: true }).count()).toBe(0);
    await expectNoAxeViolations(page);
    await expectTouchTargets(page);
    await page.getByRole('button', { name: /Xem \d+ kết quả gần giống/ }).tap();
    await page.getByRole('region', { name: 'Thủ tục', exact: true }).waitFor();
    expect(errors).toEqual([]);
    await close();
  });

  it('“Tìm thấy 100 thủ tục” lists 20, and “Xem thêm” adds the next 20 by touch', async () => {
    const { page, errors, close } = await open();
    await page.getByRole('link', { name: /Tra cứu thủ tục|Tìm thủ tục/ }).first().tap();
    await page.getByLabel('Bạn cần làm thủ tục gì?').tap();
    await tapType(page, 'giay phep');
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('giay phep');
    const results = page.getByRole('region', { name: 'Thủ tục', exact: true });
    await page.getByRole('status').filter({ hasText: 'Tìm thấy 100 thủ tục' }).waitFor();
    await expect.poll(() => results.getByRole('listitem').count()).toBe(20);
    await page.getByText('Đang hiện 20 / 100').waitFor();
    await results.getByRole('button', { name: 'Xem thêm 20 thủ tục' }).tap();
    await expect.poll(() => results.getByRole('listitem').count()).toBe(40);
    const codes = await results.getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(new Set(codes).size).toBe(40);
    await page.getByText('Đang hiện 40 / 100').waitFor();
    await expectTouchTargets(page);
    expect(errors).toEqual([]);
    await close();
  });
});
