import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendererDir } from '../../electron/paths.js';
import { startWebHost, type WebHost } from '../../electron/web/server.js';
import { captureErrors, expectNoAxeViolations, isolatedContext, launchChromium, openDesk, typeOver } from '../helpers/browser.js';
import { makeCore, seedAnnouncement, type TestCore } from '../helpers/core.js';

describe('kiosk and staff homes in Chromium', () => {
  let browser: Browser;
  let t: TestCore;
  let host: WebHost;

  beforeAll(async () => {
    if (!fs.existsSync(path.join(rendererDir, 'index.html'))) throw new Error('Run `npm run build` before the e2e tests.');
    browser = await launchChromium();
    // One core serves both trees here; a desk-mode one, since only a desk has staff accounts.
    t = makeCore({ mode: 'staff', ward: { code: '00324', name: 'Phường Ba Đình' } });
    host = await startWebHost({ core: t.core, rendererDir });
  });
  afterAll(async () => {
    await browser?.close();
    await host?.close();
    t?.core.close();
  });

  it('the kiosk home loads in Vietnamese with live data, no console errors and no axe violations', async () => {
    seedAnnouncement(t.core, { title: 'Lịch tiếp công dân tháng 3', body: 'Chủ tịch UBND phường tiếp công dân sáng thứ Năm.' });
    const context = await isolatedContext(browser, host.url, { width: 1080, height: 1920 });
    const page = await context.newPage();
    const errors = captureErrors(page);
    await page.goto('/kiosk');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Xin chào! Chúng tôi có thể giúp gì cho bạn?');
    await page.getByText('Lịch tiếp công dân tháng 3').waitFor();
    await page.getByText('Phường Ba Đình').first().waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
    // This core is a desk, whose sync state is for signed-in officers: the page cannot know it, and shows no badge rather than a guessed "Ngoại tuyến".
    await page.getByText('Xin chào! Chúng tôi có thể giúp gì cho bạn?').waitFor();
    expect(await page.getByRole('status', { name: /Kết nối mạng/ }).count()).toBe(0);
    await expectNoAxeViolations(page);
    // Body text on the kiosk is at least 20 px.
    const size = await page.locator('main article p').first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeGreaterThanOrEqual(20);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the staff home loads with no console errors and no axe violations, and switches to English', async () => {
    const context = await isolatedContext(browser, host.url);
    const page = await context.newPage();
    const errors = captureErrors(page);
    await openDesk(page, t.core, '/staff/announcements', 'lanh.dao', ['supervisor']);
    await page.getByRole('heading', { name: 'Đăng thông báo cho người dân' }).waitFor();
    await page.getByText('Phường Ba Đình (00324)').waitFor();
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Post an announcement for residents' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('an announcement posted at the desk appears on the kiosk at once (renderer → api → core → SQLite → event)', async () => {
    const context = await isolatedContext(browser, host.url);
    const kiosk = await context.newPage();
    await kiosk.setViewportSize({ width: 1920, height: 1080 });
    await kiosk.goto('/kiosk');
    await kiosk.getByRole('heading', { name: 'Thông báo' }).waitFor();

    const staff = await context.newPage();
    await openDesk(staff, t.core, '/staff/announcements', 'lanh.dao', ['supervisor']);
    await typeOver(staff.getByLabel('Tiêu đề'), 'Nghỉ lễ Giỗ Tổ Hùng Vương');
    await typeOver(staff.getByLabel('Nội dung'), 'Bộ phận Một cửa nghỉ thứ Hai 27/4/2026.');
    await staff.getByRole('button', { name: 'Đăng thông báo' }).click();
    await staff.getByRole('status').filter({ hasText: 'Đã đăng thông báo “Nghỉ lễ Giỗ Tổ Hùng Vương”' }).waitFor();

    await kiosk.getByRole('heading', { name: 'Nghỉ lễ Giỗ Tổ Hùng Vương' }).waitFor({ timeout: 10_000 });
    const row = t.core.db.prepare("SELECT body FROM announcements WHERE title = 'Nghỉ lễ Giỗ Tổ Hùng Vương'").get() as { body: string };
    expect(row.body).toBe('Bộ phận Một cửa nghỉ thứ Hai 27/4/2026.');
    await context.close();
  });

  it('an empty title gets an inline Vietnamese message next to the field, and the typed text stays', async () => {
    const context = await isolatedContext(browser, host.url);
    const page = await context.newPage();
    await openDesk(page, t.core, '/staff/announcements', 'lanh.dao', ['supervisor']);
    await typeOver(page.getByLabel('Nội dung'), 'Nội dung đã gõ không được mất');
    await page.getByRole('button', { name: 'Đăng thông báo' }).click();
    // In plain words, as the form names the field.
    const alert = page.getByRole('alert').filter({ hasText: 'Hãy nhập tiêu đề.' });
    await alert.waitFor();
    expect(await page.getByLabel('Tiêu đề').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Nội dung').inputValue()).toBe('Nội dung đã gõ không được mất');
    await context.close();
  });
});
