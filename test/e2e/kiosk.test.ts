import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendererDir } from '../../electron/paths.js';
import { startWebHost, type WebHost } from '../../electron/web/server.js';
import { captureErrors, expectNoAxeViolations, expectTouchTargets, isolatedContext, launchChromium, launchChromiumWithCamera } from '../helpers/browser.js';
import { qrVideo } from '../helpers/fake-camera.js';
import { birthFiling, makeDevice, smallCatalog, type Device } from '../helpers/sync.js';
import { seedAnnouncement } from '../helpers/core.js';
import { onScreenKeyboard, tapType } from '../helpers/kiosk-keyboard.js';
import { hashPassword } from '../../electron/core/staff/password.js';

/** A USB scanner as the kiosk sees it: key events far faster than a person types, then Enter. */
async function scan(page: Page, text: string) {
  // All keys in one task: a real scanner is faster than any timer here, and a busy CI machine
  // must not stretch the gaps into something that looks like typing.
  await page.evaluate((t) => {
    for (const key of [...t, 'Enter']) {
      const target = document.activeElement ?? document.body;
      target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
    }
  }, text);
}

describe('the kiosk on a touchscreen, in Chromium', () => {
  let browser: Browser;
  let kiosk: Device;
  let host: WebHost;

  beforeAll(async () => {
    browser = await launchChromium();
    // The PIN as provisioning leaves it: only its hash in the config.
    kiosk = makeDevice('', '', { mode: 'kiosk', kiosk: { idleSeconds: 60, adminPinHash: await hashPassword('24681357') } }, undefined, smallCatalog());
    host = await startWebHost({ core: kiosk.core, rendererDir });
    seedAnnouncement(kiosk.core, { title: 'Lịch tiếp công dân', body: 'Sáng thứ Năm hằng tuần.' });
  });
  afterAll(async () => {
    await browser?.close();
    await host?.close();
    kiosk?.core.close();
  });

  it('a resident searches with taps on the on-screen keyboard, in Telex, and finds the procedure', async () => {
    const context = await isolatedContext(browser, host.url, { width: 1080, height: 1920 }, { hasTouch: true });
    const page = await context.newPage();
    const errors = captureErrors(page);
    await page.goto('/kiosk/search');
    await page.getByLabel('Bạn cần làm thủ tục gì?').click();
    await tapType(page, 'ddawng kys khai sinh');
    expect(await page.getByLabel('Bạn cần làm thủ tục gì?').inputValue()).toBe('đăng ký khai sinh');
    await page.getByRole('region', { name: 'Thủ tục' }).getByRole('link', { name: /Đăng ký khai sinh/ }).first().waitFor();
    // The system keyboard is never asked for.
    expect(await page.getByLabel('Bạn cần làm thủ tục gì?').getAttribute('inputmode')).toBe('none');
    await expectNoAxeViolations(page);
    // Every control on the screen is at least 44 px both ways.
    await expectTouchTargets(page);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a half-filled form survives a reload; after the idle countdown nothing of it remains', async () => {
    const context = await isolatedContext(browser, host.url, { width: 1080, height: 1920 }, { hasTouch: true });
    const page = await context.newPage();
    await page.clock.install({ time: new Date('2026-11-23T09:00:00+07:00') });
    await page.goto('/kiosk/file/1.004873');
    const card = page.locator('main .ui-card');
    await card.getByRole('group', { name: /Bạn \(người xin xác nhận\)/ }).getByRole('button', { name: 'Có' }).click();
    await page.getByRole('button', { name: /Tiếp tục/ }).click();
    await card.getByLabel('Họ và tên người nộp').click();
    await onScreenKeyboard(page).getByRole('button', { name: 'Chữ hoa' }).tap();
    await tapType(page, 'nguyeexn');
    expect(await card.getByLabel('Họ và tên người nộp').inputValue()).toBe('Nguyễn');
    await card.getByLabel('Số căn cước công dân (12 số)').click();
    await tapType(page, '0011');
    await page.reload();
    expect(await card.getByLabel('Họ và tên người nộp').inputValue()).toBe('Nguyễn');
    expect(await card.getByLabel('Số căn cước công dân (12 số)').inputValue()).toBe('0011');

    // The reloaded kiosk knows its ward (and so its idle time) before the minute starts.
    await page.getByText('Phường Ba Đình').first().waitFor();
    // A minute without a touch: the countdown, then the reset.
    await page.clock.fastForward(61_000);
    await page.getByRole('alertdialog', { name: 'Chạm để tiếp tục' }).waitFor();
    await expectNoAxeViolations(page);
    await page.clock.fastForward(11_000);
    await page.waitForURL(/\/kiosk\/attract$/);
    await page.getByRole('heading', { name: 'Chạm vào màn hình để bắt đầu' }).waitFor();
    // Nothing at all in storage: not the draft, not the router's scroll positions with their URLs.
    await expect.poll(() => page.evaluate(() => [...Object.keys(sessionStorage), ...Object.keys(localStorage)])).toEqual([]);
    expect(await page.content()).not.toContain('Nguyễn');
    await page.goto('/kiosk/file/1.004873');
    await expect.poll(() => page.evaluate(() => sessionStorage.getItem('motcua.wizard.1.004873'))).not.toContain('Nguy');
    // Nothing reached the database: no dossier was filed.
    expect(kiosk.core.db.prepare('SELECT count(*) AS n FROM dossiers').get()).toEqual({ n: 0 });
    await context.close();
  });

  it('the attract screen shows the ward’s notices and starts on a touch', async () => {
    const context = await isolatedContext(browser, host.url, { width: 1920, height: 1080 });
    const page = await context.newPage();
    await page.goto('/kiosk/attract');
    await page.getByRole('heading', { name: 'Lịch tiếp công dân' }).waitFor();
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Bắt đầu' }).click();
    await page.waitForURL(/\/kiosk$/);
    await context.close();
  });

  it('feedback gets a tracking code at once, and a rating is stored; both wait in the outbox for the portal', async () => {
    const context = await isolatedContext(browser, host.url, { width: 1080, height: 1920 }, { hasTouch: true });
    const page = await context.newPage();
    const errors = captureErrors(page);
    await page.goto('/kiosk');
    await page.getByRole('link', { name: /Góp ý, đánh giá/ }).click();
    await page.getByRole('button', { name: 'Cán bộ, công chức' }).click();
    await page.getByRole('textbox', { name: 'Nội dung', exact: true }).click();
    await tapType(page, '^cans booj huwowngs daanx raats taanj tinhf.');
    await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
    const code = (await page.getByTestId('feedback-code').textContent())!;
    expect(code).toMatch(/^PA-00324\.K01-\d{6}-0001$/);
    await page.getByRole('button', { name: 'Thái độ của cán bộ: Tốt' }).click();
    await expectTouchTargets(page);
    await page.getByRole('button', { name: 'Rất hài lòng' }).click();
    await page.getByText('Cảm ơn bạn đã đánh giá!').waitFor();
    await expectNoAxeViolations(page);
    expect(kiosk.core.db.prepare('SELECT category, tracking_code FROM feedback').get()).toEqual({ category: 'staff', tracking_code: code });
    expect(kiosk.core.db.prepare('SELECT level, criteria FROM ratings').get()).toEqual({ level: 'very_satisfied', criteria: '{"5":2}' });
    expect(kiosk.core.db.prepare("SELECT kind FROM outbox WHERE kind IN ('feedback', 'rating') ORDER BY id").all()).toEqual([{ kind: 'feedback' }, { kind: 'rating' }]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a receipt scanned with the USB scanner on any screen opens its status', async () => {
    const context = await isolatedContext(browser, host.url, { width: 1080, height: 1920 }, { hasTouch: true });
    const page = await context.newPage();
    const errors = captureErrors(page);
    const { code } = await kiosk.core.call('dossier.submit', birthFiling(1));
    await page.goto('/kiosk');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await scan(page, code);
    await expect.poll(() => page.url(), { timeout: 5000 }).toContain('/kiosk/track?code=');
    await page.getByText('Trạng thái: Mới đăng ký').waitFor();
    expect(await page.locator('main').textContent()).toContain('Đăng ký khai sinh');
    expect(errors).toEqual([]);
    kiosk.core.db.prepare('DELETE FROM outbox').run();
    kiosk.core.db.prepare('DELETE FROM dossier_history').run();
    kiosk.core.db.prepare('DELETE FROM dossiers').run();
    await context.close();
  });

  it('an administrator leaves kiosk mode by a hidden gesture and the PIN tapped on the keypad; a wrong PIN is refused', async () => {
    const context = await isolatedContext(browser, host.url, { width: 1080, height: 1920 }, { hasTouch: true });
    const page = await context.newPage();
    const exits: string[] = [];
    const off = kiosk.core.onEvent((name) => name === 'kiosk.exitRequested' && exits.push(name));
    await page.goto('/kiosk');
    await page.getByRole('heading', { level: 1 }).waitFor();
    for (let i = 0; i < 5; i++) await page.touchscreen.tap(20, 20);
    const dialog = page.getByRole('dialog', { name: 'Thoát chế độ ki-ốt' });
    await dialog.waitFor();
    await expectNoAxeViolations(page);
    // The dialog's own keypad: a modal dialog sits above the on-screen keyboard.
    const pin = dialog.getByLabel('Mã PIN quản trị');
    const keypad = dialog.getByRole('group', { name: 'Bàn phím mã PIN' });
    const tapPin = async (digits: string) => {
      for (const d of digits) await keypad.getByRole('button', { name: d, exact: true }).tap();
    };
    await tapPin('1111119');
    await keypad.getByRole('button', { name: 'Xóa một số' }).tap();
    await tapPin('11');
    // Masked, eight digits at most.
    expect(await pin.getAttribute('type')).toBe('password');
    expect(await pin.inputValue()).toBe('11111111');
    await expectTouchTargets(page);
    await dialog.getByRole('button', { name: 'Mở khóa' }).tap();
    await dialog.getByText('Mã PIN không đúng.').waitFor();
    expect(exits).toEqual([]);
    // The wrong PIN is not left on the screen for the next try.
    expect(await pin.inputValue()).toBe('');
    await tapPin('24681357');
    await dialog.getByRole('button', { name: 'Mở khóa' }).tap();
    await page.getByRole('status').filter({ hasText: 'Đã thoát chế độ ki-ốt.' }).waitFor();
    expect(exits).toEqual(['kiosk.exitRequested']);
    off();
    await context.close();
  });

  it('the camera, where there is one, reads a citizen ID card into the guided form and photographs a paper (a fake camera shows a CCCD QR)', async () => {
    const cameraBrowser = await launchChromiumWithCamera(qrVideo('001190123456|012345678|Hoàng Thị Mai|01011990|Nữ|Hà Nội|15042021'));
    try {
      const context = await isolatedContext(cameraBrowser, host.url, { width: 1080, height: 1920 }, { hasTouch: true });
      await context.grantPermissions(['camera']);
      const page = await context.newPage();
      await page.goto('/kiosk/file/1.004873');
      const card = page.locator('main .ui-card');
      await card.getByRole('group', { name: /Bạn \(người xin xác nhận\)/ }).getByRole('button', { name: 'Có' }).click();
      await page.getByRole('button', { name: /Tiếp tục/ }).click();
      await page.getByRole('button', { name: 'Quét bằng camera' }).click();
      // The card asks before it replaces anything.
      await page.getByRole('dialog', { name: 'Dùng thông tin trên thẻ căn cước?' }).getByRole('button', { name: 'Dùng thông tin này' }).click();
      await expect.poll(() => card.getByLabel('Họ và tên người nộp').inputValue(), { timeout: 15_000 }).toBe('Hoàng Thị Mai');
      expect(await card.getByLabel('Số căn cước công dân (12 số)').inputValue()).toBe('001190123456');
      await card.getByLabel('Số điện thoại').click();
      await tapType(page, '0912345678');
      await page.getByRole('button', { name: /Tiếp tục/ }).click();
      await card.getByRole('group', { name: /Tình trạng hôn nhân hiện tại/ }).getByRole('button', { name: 'Chưa đăng ký kết hôn với ai' }).click();
      await card.getByLabel('Mục đích sử dụng').click();
      await tapType(page, '^keets hoon');
      await page.getByRole('button', { name: /Tiếp tục/ }).click();

      // The paper, photographed with the same camera, goes with the filing as a file named by its hash.
      await card.getByRole('button', { name: 'Chụp giấy tờ bằng camera' }).click();
      await card.getByRole('button', { name: 'Chụp', exact: true }).click();
      await card.getByRole('img', { name: /Ảnh đã chụp: Giấy xác nhận đã cấp trước đây/ }).waitFor();
      await page.getByRole('button', { name: /Tiếp tục/ }).click();
      await card.getByText(/Tôi cam đoan/).click();
      await page.getByRole('button', { name: 'Nộp hồ sơ', exact: true }).click();
      const code = (await page.getByTestId('dossier-code').textContent())!;
      const data = JSON.parse((kiosk.core.db.prepare('SELECT data FROM dossiers WHERE code = ?').get(code) as { data: string }).data) as {
        documents: { code: string; bringPaper: boolean; attachment?: { sha256: string; file: string; mime: string } }[];
      };
      const photographed = data.documents.find((d) => d.code === 'previous')!;
      expect(photographed).toMatchObject({ bringPaper: false, attachment: { mime: 'image/jpeg' } });
      const stored = fs.readFileSync(path.join(kiosk.core.config.dataDir, 'attachments', photographed.attachment!.file));
      const { createHash } = await import('node:crypto');
      expect(createHash('sha256').update(stored).digest('hex')).toBe(photographed.attachment!.sha256);
      await context.close();
    } finally {
      await cameraBrowser.close();
    }
  });
});
