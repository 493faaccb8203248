import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendererDir } from '../../electron/paths.js';
import { startWebHost, type WebHost } from '../../electron/web/server.js';
import { captureErrors, expectNoAxeViolations, expectTouchTargets, isolatedContext, launchChromium, launchChromiumWithCamera } from '../helpers/browser.js';
import { qrVideo } from '../helpers/fake-camera.js';
import { makeDevice, smallCatalog, type Device } from '../helpers/sync.js';
import { seedAnnouncement, tempDir } from '../helpers/core.js';
import { hashPassword } from '../../electron/core/staff/password.js';

/** Types on the on-screen keyboard only: one tap per key. */
async function tapType(page: Page, text: string) {
  const keyboard = page.getByRole('group', { name: 'Bàn phím ảo' });
  for (const ch of text) {
    if (ch === '^') {
      await keyboard.getByRole('button', { name: 'Chữ hoa' }).click();
      continue;
    }
    if (ch === ' ') await keyboard.getByRole('button', { name: 'Dấu cách' }).click();
    else await keyboard.getByRole('button', { name: new RegExp(`^${ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'i') }).first().click();
  }
}

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
    const context = await isolatedContext(browser, host.url, { width: 1080, height: 1920 });
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
    const context = await isolatedContext(browser, host.url, { width: 1080, height: 1920 });
    const page = await context.newPage();
    await page.clock.install({ time: new Date('2026-11-23T09:00:00+07:00') });
    await page.goto('/kiosk/procedures/1.001193');
    const form = page.getByRole('region', { name: 'Nộp hồ sơ tại ki-ốt' });
    await form.getByLabel('Họ và tên người nộp').click();
    await page.getByRole('group', { name: 'Bàn phím ảo' }).getByRole('button', { name: 'Chữ hoa' }).click();
    await tapType(page, 'nguyeexn');
    expect(await form.getByLabel('Họ và tên người nộp').inputValue()).toBe('Nguyễn');
    await form.getByLabel('Số căn cước công dân (12 số)').click();
    await tapType(page, '0011');
    await page.reload();
    expect(await form.getByLabel('Họ và tên người nộp').inputValue()).toBe('Nguyễn');
    expect(await form.getByLabel('Số căn cước công dân (12 số)').inputValue()).toBe('0011');

    // A minute without a touch: the countdown, then the reset.
    await page.clock.fastForward(61_000);
    await page.getByRole('alertdialog', { name: 'Chạm để tiếp tục' }).waitFor();
    await expectNoAxeViolations(page);
    await page.clock.fastForward(11_000);
    await page.waitForURL(/\/kiosk\/attract$/);
    await page.getByRole('heading', { name: 'Chạm vào màn hình để bắt đầu' }).waitFor();
    // Only the router's scroll positions (written again after the reload) — no form data.
    expect(await page.evaluate(() => [...Object.keys(sessionStorage), ...Object.keys(localStorage)])).toEqual(['vue-router:scroll']);
    expect(await page.evaluate(() => JSON.stringify(sessionStorage))).not.toContain('Nguy');
    expect(await page.content()).not.toContain('Nguyễn');
    await page.goto('/kiosk/procedures/1.001193');
    expect(await form.getByLabel('Họ và tên người nộp').inputValue()).toBe('');
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

  it('files, prints an 80 mm receipt whose PDF carries the code as text and as a QR code, and tracks it', async () => {
    const context = await isolatedContext(browser, host.url, { width: 1080, height: 1920 });
    const page = await context.newPage();
    await page.goto('/kiosk/procedures/1.001193');
    const form = page.getByRole('region', { name: 'Nộp hồ sơ tại ki-ốt' });
    await form.getByLabel('Họ và tên người nộp').fill('Phạm Văn Nam');
    await form.getByLabel('Số căn cước công dân (12 số)').fill('001090123456');
    await form.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    const code = (await page.getByTestId('dossier-code').textContent())!;
    await page.getByRole('link', { name: 'In biên nhận' }).click();
    await page.waitForURL(/\/print\/receipt\//);
    await page.getByText(code, { exact: true }).waitFor();
    await page.locator('img.receipt__qr').waitFor();
    await expectNoAxeViolations(page);
    await page.emulateMedia({ media: 'print' });
    const dir = tempDir();
    const pdf = path.join(dir, 'receipt.pdf');
    await page.pdf({ path: pdf, width: '80mm', height: '200mm', printBackground: true });
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain(code);
    expect(text).toContain('Biên nhận nộp hồ sơ');
    expect(text).toContain('Đăng ký khai sinh');
    execFileSync('pdftoppm', ['-r', '200', '-png', pdf, path.join(dir, 'page')]);
    const png = fs.readdirSync(dir).find((f) => f.endsWith('.png'))!;
    const decoded = execFileSync('zbarimg', ['--quiet', '--raw', path.join(dir, png)], { encoding: 'utf8' }).trim();
    expect(decoded).toBe(code);

    await page.emulateMedia({ media: 'screen' });
    await page.goto(`/kiosk/track?code=${encodeURIComponent(code)}`);
    await page.getByRole('heading', { name: 'Đăng ký khai sinh' }).waitFor();
    expect(await page.getByText('Trạng thái: Mới đăng ký').count()).toBe(1);
    await page.getByText('chưa được gửi lên cổng dịch vụ công').waitFor();
    await expectNoAxeViolations(page);
    await context.close();
  });

  it('feedback gets a tracking code at once, and a rating is stored; both wait in the outbox for the portal', async () => {
    const context = await isolatedContext(browser, host.url, { width: 1080, height: 1920 });
    const page = await context.newPage();
    const errors = captureErrors(page);
    await page.goto('/kiosk');
    await page.getByRole('link', { name: /Góp ý, đánh giá/ }).click();
    await page.getByRole('button', { name: 'Cán bộ, công chức' }).click();
    await page.getByRole('textbox', { name: 'Nội dung', exact: true }).fill('Cán bộ hướng dẫn rất tận tình.');
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

  it('a CCCD scanned with the USB scanner fills the form once the resident confirms; a scanned receipt opens its status', async () => {
    const context = await isolatedContext(browser, host.url, { width: 1080, height: 1920 });
    const page = await context.newPage();
    const errors = captureErrors(page);
    await page.goto('/kiosk/procedures/1.001193');
    const form = page.getByRole('region', { name: 'Nộp hồ sơ tại ki-ốt' });
    await form.getByLabel('Họ và tên người nộp').click();
    await scan(page, '001090123456|012345678|Nguyễn Văn An|01011990|Nam|Số 1 Đội Cấn, Ba Đình, Hà Nội|15042021');
    const dialog = page.getByRole('dialog', { name: 'Dùng thông tin trên thẻ căn cước?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('01/01/1990');
    await expectNoAxeViolations(page);
    await dialog.getByRole('button', { name: 'Dùng thông tin này' }).click();
    expect(await form.getByLabel('Họ và tên người nộp').inputValue()).toBe('Nguyễn Văn An');
    expect(await form.getByLabel('Số căn cước công dân (12 số)').inputValue()).toBe('001090123456');

    // A card whose number contradicts its date of birth is refused with a clear message.
    await scan(page, '001190123456||Lê Văn B|01011990|Nam|Hà Nội|15042021');
    await form.getByRole('alert').filter({ hasText: 'không khớp với ngày sinh' }).waitFor();

    await form.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    const code = (await page.getByTestId('dossier-code').textContent())!;
    await page.goto('/kiosk');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await scan(page, code);
    await expect.poll(() => page.url(), { timeout: 5000 }).toContain('/kiosk/track?code=');
    await page.getByText('Trạng thái: Mới đăng ký').waitFor();
    expect(await page.locator('main').textContent()).toContain('Đăng ký khai sinh');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('an administrator leaves kiosk mode by a hidden gesture and the PIN; a wrong PIN is refused', async () => {
    const context = await isolatedContext(browser, host.url, { width: 1080, height: 1920 });
    const page = await context.newPage();
    const exits: string[] = [];
    const off = kiosk.core.onEvent((name) => name === 'kiosk.exitRequested' && exits.push(name));
    await page.goto('/kiosk');
    await page.getByRole('heading', { level: 1 }).waitFor();
    for (let i = 0; i < 5; i++) await page.mouse.click(20, 20);
    const dialog = page.getByRole('dialog', { name: 'Thoát chế độ ki-ốt' });
    await dialog.waitFor();
    await expectNoAxeViolations(page);
    await dialog.getByLabel('Mã PIN quản trị').fill('11111111');
    await dialog.getByRole('button', { name: 'Mở khóa' }).click();
    await dialog.getByText('Mã PIN không đúng.').waitFor();
    expect(exits).toEqual([]);
    await dialog.getByLabel('Mã PIN quản trị').fill('24681357');
    await dialog.getByRole('button', { name: 'Mở khóa' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã thoát chế độ ki-ốt.' }).waitFor();
    expect(exits).toEqual(['kiosk.exitRequested']);
    off();
    await context.close();
  });

  it('the whole journey by taps: search without tones, the guided birth registration with a CCCD prefill, a code, its receipt as a PDF, and the idle reset', async () => {
    const context = await isolatedContext(browser, host.url, { width: 1080, height: 1920 });
    const page = await context.newPage();
    const errors = captureErrors(page);
    await page.clock.install();
    await page.goto('/kiosk');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await expectTouchTargets(page);
    await page.getByRole('link', { name: /Tìm thủ tục hành chính/ }).click();
    await page.getByLabel('Bạn cần làm thủ tục gì?').click();
    await tapType(page, 'khai sinh');
    await page.getByRole('region', { name: 'Thủ tục' }).getByRole('link', { name: /^Đăng ký khai sinh.*1\.001193/ }).click();
    await page.getByRole('link', { name: /Nộp trực tuyến tại ki-ốt/ }).click();

    // Eligibility
    const card = page.locator('main .ui-card');
    await card.getByRole('group', { name: 'Người đăng ký cư trú tại phường/xã này?' }).getByRole('button', { name: 'Có' }).click();
    await card.getByRole('group', { name: 'Trẻ có cha hoặc mẹ là người nước ngoài?' }).getByRole('button', { name: 'Không' }).click();
    await page.getByRole('button', { name: 'Tiếp tục' }).click();

    // Applicant: the CCCD QR fills name and number; the phone by taps on the numeric pad
    await card.getByLabel('Số điện thoại').click();
    await scan(page, '001090123456|012345678|Nguyễn Văn An|01011990|Nam|Số 1 Đội Cấn, Ba Đình, Hà Nội|15042021');
    await expect.poll(() => card.getByLabel('Họ và tên người nộp').inputValue()).toBe('Nguyễn Văn An');
    await card.getByLabel('Số điện thoại').click();
    await tapType(page, '0912345678');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();

    // The child: a date in the future is refused inline, in Vietnamese
    await card.getByLabel('Họ, chữ đệm và tên của trẻ').click();
    await tapType(page, '^nguyeexn ^an ^binhf');
    expect(await card.getByLabel('Họ, chữ đệm và tên của trẻ').inputValue()).toBe('Nguyễn An Bình');
    const dob = new Date(Date.now() + 7 * 3600_000 - 86_400_000).toISOString().slice(0, 10).split('-').reverse().join('/');
    await card.getByLabel('Ngày sinh của trẻ').click();
    await tapType(page, '01/01/2099');
    await card.getByRole('group', { name: /Giới tính của trẻ/ }).getByRole('button', { name: 'Nam' }).click();
    await card.getByLabel('Nơi sinh').click();
    await tapType(page, '^benhj vieenj ^xanh ^pon');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await card.getByText('Ngày này chưa tới. Vui lòng kiểm tra lại.').waitFor();
    await card.getByLabel('Ngày sinh của trẻ').click();
    const keyboard = page.getByRole('group', { name: 'Bàn phím ảo' });
    for (let i = 0; i < 10; i++) await keyboard.getByRole('button', { name: 'Xóa' }).click();
    await tapType(page, dob);
    await page.getByRole('button', { name: 'Tiếp tục' }).click();

    // The parents
    await card.getByLabel('Họ và tên mẹ').click();
    await tapType(page, '^traanf ^thij ^hoa');
    await card.getByLabel('Số căn cước của mẹ').click();
    await tapType(page, '001192012345');
    await card.getByRole('group', { name: /Quan hệ với người được đăng ký/ }).getByRole('button', { name: 'Cha, mẹ' }).click();
    await expectNoAxeViolations(page);
    await expectTouchTargets(page);
    await page.getByRole('button', { name: 'Tiếp tục' }).click();

    // Documents, review, consent, submit
    await card.getByText('Giấy chứng sinh (bản chính)', { exact: false }).click();
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    expect(await card.textContent()).toContain('Nguyễn An Bình');
    await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    await card.getByRole('alert').filter({ hasText: 'đánh dấu ô cam đoan' }).waitFor();
    await card.getByText(/Tôi cam đoan/).click();
    await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    const code = (await page.getByTestId('dossier-code').textContent())!;
    expect(code).toMatch(/^00324\.K01-\d{6}-\d{4}$/);
    const row = kiosk.core.db.prepare('SELECT data FROM dossiers WHERE code = ?').get(code) as { data: string };
    expect(JSON.parse(row.data)).toMatchObject({ childName: 'Nguyễn An Bình', childSex: 'Nam', motherId: '001192012345', relationship: 'cha-me' });
    await expectNoAxeViolations(page);

    // The receipt, printed to PDF: its text shows the code and its QR decodes to it
    await page.getByRole('link', { name: 'In biên nhận' }).click();
    await page.locator('img.receipt__qr').waitFor();
    const dir = tempDir();
    const pdf = path.join(dir, 'receipt.pdf');
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ path: pdf, width: '80mm', height: '200mm', printBackground: true });
    expect(execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' })).toContain(code);
    execFileSync('pdftoppm', ['-r', '200', '-png', pdf, path.join(dir, 'page')]);
    const png = fs.readdirSync(dir).find((f) => f.endsWith('.png'))!;
    expect(execFileSync('zbarimg', ['--quiet', '--raw', path.join(dir, png)], { encoding: 'utf8' }).trim()).toBe(code);
    await page.emulateMedia({ media: 'screen' });
    await page.goBack();
    await page.getByRole('heading', { level: 1 }).waitFor();

    // The resident walks away
    await page.clock.fastForward(72_000);
    await page.waitForURL(/\/kiosk\/attract$/);
    expect(await page.content()).not.toContain('Nguyễn');
    expect(await page.evaluate(() => JSON.stringify(sessionStorage))).not.toContain('Nguy');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the camera, where there is one, reads a citizen ID card into the guided form and photographs a paper (a fake camera shows a CCCD QR)', async () => {
    const cameraBrowser = await launchChromiumWithCamera(qrVideo('001190123456|012345678|Hoàng Thị Mai|01011990|Nữ|Hà Nội|15042021'));
    try {
      const context = await isolatedContext(cameraBrowser, host.url, { width: 1080, height: 1920 });
      await context.grantPermissions(['camera']);
      const page = await context.newPage();
      await page.goto('/kiosk/file/1.004873');
      const card = page.locator('main .ui-card');
      await card.getByRole('group', { name: 'Người đăng ký cư trú tại phường/xã này?' }).getByRole('button', { name: 'Có' }).click();
      await page.getByRole('button', { name: 'Tiếp tục' }).click();
      await page.getByRole('button', { name: 'Quét bằng camera' }).click();
      await expect.poll(() => card.getByLabel('Họ và tên người nộp').inputValue(), { timeout: 15_000 }).toBe('Hoàng Thị Mai');
      expect(await card.getByLabel('Số căn cước công dân (12 số)').inputValue()).toBe('001190123456');
      await card.getByLabel('Số điện thoại').fill('0912345678');
      await page.getByRole('button', { name: 'Tiếp tục' }).click();
      await card.getByRole('group', { name: /Tình trạng hôn nhân hiện tại/ }).getByRole('button', { name: 'Chưa đăng ký kết hôn với ai' }).click();
      await card.getByLabel('Mục đích sử dụng').fill('Kết hôn');
      await page.getByRole('button', { name: 'Tiếp tục' }).click();

      // The paper, photographed with the same camera, goes with the filing as a file named by its hash.
      await card.getByRole('button', { name: 'Chụp giấy tờ bằng camera' }).click();
      await card.getByRole('button', { name: 'Chụp', exact: true }).click();
      await card.getByRole('img', { name: /Ảnh đã chụp: Giấy xác nhận đã cấp trước đây/ }).waitFor();
      await page.getByRole('button', { name: 'Tiếp tục' }).click();
      await card.getByText(/Tôi cam đoan/).click();
      await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
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
