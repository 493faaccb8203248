import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendererDir } from '../../electron/paths.js';
import { startWebHost, type WebHost } from '../../electron/web/server.js';
import type { Core } from '../../electron/core/index.js';
import { captureErrors, expectNoAxeViolations, isolatedContext, launchChromium, openDesk, typeOver } from '../helpers/browser.js';
import { tapType } from '../helpers/kiosk-keyboard.js';
import { makeCatalogCore } from '../helpers/catalog.js';

describe('a resident finds a procedure and the law behind it, in Chromium', () => {
  let browser: Browser;
  let core: Core;
  let host: WebHost;

  beforeAll(async () => {
    browser = await launchChromium();
    // One core serves both trees here; a desk-mode one, since only a desk has staff accounts.
    core = makeCatalogCore({ mode: 'staff', ward: { code: '00324', name: 'Phường Ba Đình' } }).core;
    host = await startWebHost({ core, rendererDir });
  });
  afterAll(async () => {
    await browser?.close();
    await host?.close();
    core?.close();
  });

  it('types "dang ky khai sinh", opens 1.001193, reads its documents and taps through to the Law on Civil Status', async () => {
    const context = await isolatedContext(browser, host.url, { width: 1080, height: 1920 }, { hasTouch: true });
    const page = await context.newPage();
    const errors = captureErrors(page);
    await page.goto('/kiosk');
    await page.getByRole('link', { name: 'Tìm thủ tục hành chính' }).tap();
    const box = page.getByLabel('Bạn cần làm thủ tục gì?');
    await box.tap();
    await tapType(page, 'dang ky khai sinh');

    const results = page.getByRole('region', { name: 'Thủ tục' });
    const first = results.getByRole('link').first();
    await expect.poll(() => first.textContent()).toContain('Đăng ký khai sinh');
    expect(await first.textContent()).toContain('1.001193');
    // The list follows the typing: the marks settle once the last letter's search answered.
    await expect.poll(() => first.locator('mark').allTextContents()).toEqual(['Đăng', 'ký', 'khai', 'sinh']);
    await expectNoAxeViolations(page);

    await first.click();
    await page.getByRole('heading', { level: 1, name: 'Đăng ký khai sinh' }).waitFor();
    // The legal detail is folded below the summary card on the kiosk.
    await page.getByText('Chi tiết pháp lý: trình tự, cách thức, căn cứ pháp lý').click();
    const documents = page.getByRole('region', { name: 'Thành phần hồ sơ' });
    await documents.getByText(/^Giấy chứng sinh; trường hợp không có Giấy chứng sinh/).waitFor();
    expect(await documents.getByRole('heading', { name: 'Giấy tờ phải nộp' }).count()).toBe(1);
    expect(await page.getByRole('img', { name: /Mã QR trang thủ tục 1\.001193/ }).count()).toBe(1);
    await expectNoAxeViolations(page);

    await page.getByRole('region', { name: 'Căn cứ pháp lý' }).getByRole('link', { name: /60\/2014\/QH13/ }).click();
    await page.waitForURL(/\/kiosk\/laws\/ho-tich#15\.3\.LQ\.16$/);
    const article = page.locator('article[id="15.3.LQ.16"]');
    // Titled as the law numbers it; the code's own index only in small print.
    await article.getByRole('heading', { name: 'Điều 16 Luật số 60/2014/QH13. Thủ tục đăng ký khai sinh' }).waitFor();
    expect(await article.textContent()).toContain('Mã trong Bộ pháp điển: 15.3.LQ.16');
    // One chapter on the page, not the whole topic.
    expect(await page.locator('article').count()).toBe(22);
    await expect.poll(() => article.evaluate((el) => el === document.activeElement)).toBe(true);
    const box2 = await article.boundingBox();
    expect(box2!.y).toBeLessThan(400); // scrolled to the article
    expect(await article.textContent()).toContain('Người đi đăng ký khai sinh nộp tờ khai');
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('searches inside a law and browses by life event', async () => {
    const context = await isolatedContext(browser, host.url, { width: 1920, height: 1080 }, { hasTouch: true });
    const page = await context.newPage();
    const errors = captureErrors(page);
    await page.goto('/kiosk/laws/ho-tich');
    await page.getByLabel('Tìm trong văn bản này').tap();
    await tapType(page, 'giay chung sinh');
    await page.getByRole('heading', { name: /điều có từ cần tìm/ }).waitFor();
    await page.goto('/kiosk');
    await page.getByRole('link', { name: /^Kết hôn/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Kết hôn' }).waitFor();
    await page.getByRole('link', { name: /Đăng ký kết hôn/ }).first().waitFor();
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the desk uses the same catalog screens inside its own tree', async () => {
    const context = await isolatedContext(browser, host.url);
    const page = await context.newPage();
    await openDesk(page, core);
    await page.getByRole('link', { name: 'Tra cứu thủ tục' }).click();
    await typeOver(page.getByLabel('Bạn cần làm thủ tục gì?'), 'CCCD');
    await page.getByRole('region', { name: 'Thủ tục' }).getByRole('link').first().click();
    await page.waitForURL(/\/staff\/procedures\//);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await expectNoAxeViolations(page);
    await context.close();
  });
});
