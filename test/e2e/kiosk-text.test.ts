/**
 * Vietnamese text at the kiosk, as a resident meets it (in the guided form): a CCCD QR from a scanner that frames it and
 * sends "Nữ" decomposed, the on-screen keyboard following a field the scan filled, a phone typed
 * with the pad's "-" key, and a receipt printed on a machine left in UTC showing Vietnam's date.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendererDir } from '../../electron/paths.js';
import { startWebHost, type WebHost } from '../../electron/web/server.js';
import { captureErrors, isolatedContext, launchChromium } from '../helpers/browser.js';
import { birthData, makeDevice, smallCatalog, type Device } from '../helpers/sync.js';
import { stored } from '../helpers/core.js';

async function tap(page: Page, keys: string[]) {
  const keyboard = page.getByRole('group', { name: 'Bàn phím ảo' });
  for (const k of keys) {
    if (k === '^') await keyboard.getByRole('button', { name: 'Chữ hoa' }).click();
    else if (k === ' ') await keyboard.getByRole('button', { name: 'Dấu cách' }).click();
    else await keyboard.getByRole('button', { name: new RegExp(`^${k.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}$`, 'i') }).first().click();
  }
}

/** A USB scanner: the whole burst in one task, then Enter. */
async function scan(page: Page, text: string) {
  await page.evaluate((t) => {
    for (const key of [...t, 'Enter']) (document.activeElement ?? document.body).dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  }, text);
}

describe('Vietnamese text at the kiosk, in Chromium (browser zone UTC)', () => {
  let browser: Browser;
  let kiosk: Device;
  let host: WebHost;

  beforeAll(async () => {
    browser = await launchChromium();
    kiosk = makeDevice('', '', { mode: 'kiosk', kiosk: { idleSeconds: 120, adminPin: '246810' } }, undefined, smallCatalog());
    host = await startWebHost({ core: kiosk.core, rendererDir });
  });
  afterAll(async () => {
    await browser?.close();
    await host?.close();
    kiosk?.core.close();
  });

  it('typing “Ng”, scanning a framed NFD CCCD, then Space: the scanned name and a space; the phone typed with dashes is kept as 0912345678', async () => {
    const context = await isolatedContext(browser, host.url, { width: 1080, height: 1920 });
    const page = await context.newPage();
    const errors = captureErrors(page);
    await page.goto('/kiosk/file/1.004873');
    const form = page.locator('main .ui-card');
    await form.getByRole('group', { name: /Bạn \(người xin xác nhận\)/ }).getByRole('button', { name: 'Có' }).click();
    await page.getByRole('button', { name: /Tiếp tục/ }).click();
    const name = form.getByLabel('Họ và tên người nộp');
    await name.click();
    await tap(page, ['^', 'n', 'g']);
    expect(await name.inputValue()).toBe('Ng');

    const qr = '001190123456|012345678|Trần Thị Bích|01011990|Nữ|Số 1 Đội Cấn, Ba Đình, Hà Nội|15042021';
    await scan(page, `\u0002]Q1${qr.normalize('NFD')}\u001d\u0003`);
    const dialog = page.getByRole('dialog', { name: 'Dùng thông tin trên thẻ căn cước?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Dùng thông tin này' }).click();
    expect(await name.inputValue()).toBe('Trần Thị Bích');

    // Back on the name field, the next tap continues from what the scan wrote.
    await name.click();
    await tap(page, [' ']);
    expect(await name.inputValue()).toBe('Trần Thị Bích ');

    const phone = form.getByLabel('Số điện thoại');
    await phone.click();
    await tap(page, ['0', '9', '1', '2', '-', '3', '4', '5', '-', '6', '7', '8']);
    expect(await phone.inputValue()).toBe('0912-345-678');
    await page.getByRole('button', { name: /Tiếp tục/ }).click();
    await form.getByRole('group', { name: /Tình trạng hôn nhân hiện tại/ }).getByRole('button', { name: 'Chưa đăng ký kết hôn với ai' }).click();
    await form.getByLabel('Mục đích sử dụng').click();
    await tap(page, ['^', 'k', 'e', 'e', 't', 's', ' ', 'h', 'o', 'o', 'n']);
    await page.getByRole('button', { name: /Tiếp tục/ }).click();
    await page.getByRole('button', { name: /Tiếp tục/ }).click();
    await form.getByText(/Tôi cam đoan/).click();
    await page.getByRole('button', { name: 'Nộp hồ sơ', exact: true }).click();
    const code = (await page.getByTestId('dossier-code').textContent())!;
    const filed = stored(kiosk.core, code)!;
    expect(filed.applicant).toMatchObject({ fullName: 'Trần Thị Bích', idNumber: '001190123456', phone: '0912345678' });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a receipt printed at 01:00 on 1/12 in Vietnam, on a machine in UTC, says 01/12', async () => {
    const context = await browser.newContext({ baseURL: host.url, timezoneId: 'UTC', locale: 'vi-VN', viewport: { width: 1080, height: 1920 } });
    await context.route('**/*', (route) => (new URL(route.request().url()).origin === new URL(host.url).origin ? route.continue() : route.abort()));
    const at = '2026-11-30T18:05:00Z'; // 01:05 on 1/12 in Vietnam
    kiosk.clock.set(at);
    const filed = await kiosk.core.call('dossier.submit', { procedureCode: '1.001193', applicant: { fullName: 'Lê Văn Tám' }, data: birthData() });
    expect(filed.code).toMatch(/-261201-/);
    const page = await context.newPage();
    await page.goto(`/print/receipt/${encodeURIComponent(filed.code)}?size=80mm`);
    await expect.poll(async () => page.locator('body').textContent()).toContain('01/12/2026');
    expect(await page.locator('body').textContent()).not.toContain('30/11/2026');
    await context.close();
  });
});
