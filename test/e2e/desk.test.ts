import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock, type ManualClock } from '../../electron/core/clock.js';
import { loadConfig } from '../../electron/core/config/load.js';
import { createCore, type Core } from '../../electron/core/index.js';
import { getDossier } from '../../electron/core/dossiers/repo.js';
import { createLogger } from '../../electron/core/log.js';
import { rendererDir } from '../../electron/paths.js';
import { startWebHost, type WebHost } from '../../electron/web/server.js';
import { captureErrors, expectNoAxeViolations, expectTouchTargets, isolatedContext, launchChromium, launchChromiumWithCamera, openDesk } from '../helpers/browser.js';
import { qrVideo } from '../helpers/fake-camera.js';
import { isolatedPlatform, signInOfficer, tempDir, TEST_PASSWORD } from '../helpers/core.js';
import { smallCatalog } from '../helpers/sync.js';

/** A tiny but real PNG: the "scanned page" the officer attaches. */
const SCAN_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const CCCD_QR = '001090123456|012345678|Phạm Văn Bình|01011990|Nam|Số 5 Phố Kim Mã, Ba Đình, Hà Nội|15042021';

async function signIn(page: Page, username: string) {
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
}

describe('the one-stop desk in Chromium at 1366×768', () => {
  let browser: Browser;
  let core: Core;
  let clock: ManualClock;
  let host: WebHost;

  beforeAll(async () => {
    const dir = tempDir();
    // Monday 23/11/2026, 16:00 in Hà Nội: one working day runs to Tuesday 16:00.
    clock = manualClock('2026-11-23T16:00:00+07:00');
    const loaded = loadConfig({
      platform: isolatedPlatform(dir),
      flags: { mode: 'staff', dataDir: path.join(dir, 'data'), ward: { code: '00324', name: 'Phường Ba Đình' } },
    });
    core = createCore({ loaded, clock, version: 'test', catalogDir: smallCatalog(), log: createLogger({ dir: path.join(dir, 'logs'), clock }) });
    await signInOfficer(core, 'nguyen.thi.lan', ['receptionist', 'processor'], 'Nguyễn Thị Lan');
    await signInOfficer(core, 'lanh.dao', ['supervisor'], 'Trần Văn Lãnh');
    host = await startWebHost({ core, rendererDir });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await host?.close();
    core?.close();
  });

  it('an officer calls a ticket, receives a walk-in birth registration with a scan, prints form 01, returns the result; the supervisor sees it on time', async () => {
    const ticket = await core.call('queue.issue', { group: 'A' }); // taken at a kiosk
    const context = await isolatedContext(browser, host.url);
    const page = await context.newPage();
    const errors = captureErrors(page);
    await page.goto('/staff');
    await page.getByRole('heading', { name: 'Đăng nhập quầy tiếp nhận' }).waitFor();
    await expectNoAxeViolations(page);

    // A wrong password is refused in Vietnamese; the username stays.
    await page.getByLabel('Tên đăng nhập').fill('nguyen.thi.lan');
    await page.getByLabel('Mật khẩu').fill('sai-mat-khau-9');
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Tên đăng nhập hoặc mật khẩu không đúng.' }).waitFor();
    expect(await page.getByLabel('Tên đăng nhập').inputValue()).toBe('nguyen.thi.lan');
    await signIn(page, 'nguyen.thi.lan');
    await page.getByText('Nguyễn Thị Lan · Quầy 1').waitFor();

    // The queue: call the next ticket, then receive for it.
    await page.getByRole('button', { name: 'Gọi số tiếp theo' }).click();
    expect(await page.getByTestId('current-ticket').textContent()).toBe(ticket.label);
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
    await page.getByRole('heading', { name: `Tiếp nhận hồ sơ · Số thứ tự ${ticket.label}` }).waitFor();

    await page.getByLabel('Tìm thủ tục (tên hoặc mã)').fill('khai sinh');
    await page.getByLabel('Tìm thủ tục (tên hoặc mã)').press('Enter');
    await page.getByRole('button', { name: 'Chọn Đăng ký khai sinh 1.001193' }).click();
    await page.getByText('Đăng ký khai sinh (1.001193)').waitFor();

    // The CCCD reader types the QR's text and Enter into the scan field.
    await page.getByLabel('Quét mã QR trên thẻ căn cước').fill(CCCD_QR);
    await page.getByLabel('Quét mã QR trên thẻ căn cước').press('Enter');
    await page.getByText('Đã điền thông tin từ thẻ căn cước của Phạm Văn Bình.').waitFor();
    expect(await page.getByLabel('Số căn cước (12 số)').inputValue()).toBe('001090123456');
    await page.getByLabel('Số điện thoại').fill('0912345678');

    const docs = page.locator('.receive__docs input[type=checkbox]');
    await docs.nth(0).check();
    await docs.nth(1).check();
    const dir = tempDir();
    const scan = path.join(dir, 'giay-chung-sinh.png');
    fs.writeFileSync(scan, SCAN_PNG);
    await page.getByLabel('Thêm tệp quét (ảnh hoặc PDF)').setInputFiles(scan);
    await page.getByText('giay-chung-sinh.png').waitFor();
    expect(await page.getByTestId('appointment-preview').textContent()).toContain('16:00 24/11/2026');
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Ghi nhận' }).click();

    await page.waitForURL(/\/staff\/dossiers\//);
    const code = decodeURIComponent(page.url().split('/').pop()!);
    expect(code).toMatch(/^00324\.Q01-261123-0001$/);
    expect(await page.getByTestId('dossier-status').textContent()).toBe('Được tiếp nhận');
    await page.getByText('giay-chung-sinh.png').waitFor();
    await expectNoAxeViolations(page);
    expect((await core.call('queue.board', {})).recent[0]).toMatchObject({ label: ticket.label });
    expect(core.db.prepare('SELECT status, dossier_code FROM queue_tickets WHERE id = ?').get(ticket.id)).toEqual({ status: 'done', dossier_code: code });

    // Form 01 on A5: the appointment in words the citizen reads, and a QR that decodes to the code.
    await page.getByRole('link', { name: 'In giấy tiếp nhận và hẹn trả (mẫu 01)' }).click();
    await page.getByRole('heading', { name: 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ' }).waitFor();
    await page.locator('.form__code img').waitFor();
    await expectNoAxeViolations(page);
    await page.emulateMedia({ media: 'print' });
    const pdf = path.join(dir, 'form01.pdf');
    await page.pdf({ path: pdf, format: 'A5', printBackground: true });
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' '); // lines wrap on A5
    expect(text).toContain(code);
    expect(text).toContain('Thời gian trả kết quả giải quyết hồ sơ: 16 giờ 00 phút, ngày 24/11/2026');
    expect(text).toContain('Thời gian nhận hồ sơ: 16 giờ 00 phút, ngày 23/11/2026');
    expect(text).toContain('Phạm Văn Bình');
    expect(text).toContain('Vào Sổ theo dõi hồ sơ, Quyển số 2026, Số thứ tự 1');
    expect(text).toContain('Nguyễn Thị Lan');
    execFileSync('pdftoppm', ['-r', '200', '-png', pdf, path.join(dir, 'page')]);
    const png = fs.readdirSync(dir).find((f) => f.endsWith('.png') && f.startsWith('page'))!;
    expect(execFileSync('zbarimg', ['--quiet', '--raw', path.join(dir, png)], { encoding: 'utf8' }).trim()).toBe(code);
    await page.emulateMedia({ media: 'screen' });
    await page.goBack();

    await page.getByRole('button', { name: 'Chuyển sang “Đang xử lý”' }).click();
    await page.getByTestId('dossier-status').filter({ hasText: 'Đang xử lý' }).waitFor();

    // Next morning. The session ended overnight: the next action locks the screen; the officer signs back in.
    clock.set('2026-11-24T10:00:00+07:00');
    await page.getByRole('button', { name: 'Chuyển sang “Đã xử lý xong”' }).click();
    await page.getByRole('heading', { name: 'Màn hình đã khóa' }).waitFor();
    expect(await page.getByLabel('Tên đăng nhập').inputValue()).toBe('nguyen.thi.lan');
    await page.getByLabel('Mật khẩu').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.getByRole('button', { name: 'Chuyển sang “Đã xử lý xong”' }).click();
    await page.getByTestId('dossier-status').filter({ hasText: 'Đã xử lý xong' }).waitFor();

    await page.getByLabel('Rất hài lòng').check();
    await page.getByRole('button', { name: 'Xác nhận đã trả kết quả' }).click();
    await page.getByTestId('dossier-status').filter({ hasText: 'Đã trả kết quả' }).waitFor();
    await expectNoAxeViolations(page);

    // The supervisor signs in and sees it counted on time.
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await signIn(page, 'lanh.dao');
    await page.getByRole('link', { name: 'Báo cáo' }).click();
    await page.getByLabel('Tiếp nhận từ tháng').fill('2026-11');
    await page.getByLabel('Đến tháng').fill('2026-11');
    await page.getByRole('button', { name: 'Xem' }).click();
    const totals = page.getByTestId('report-totals');
    await totals.waitFor();
    const cells = await totals.locator('tbody td').allTextContents();
    expect(cells).toEqual(['1', '1', '0', '1', '0', '0', '0', '0', '1']); // received, resolved, early, on time, late, …, returned
    await page.getByTestId('on-time-rate').filter({ hasText: '100%' }).waitFor();
    expect(await page.getByTestId('report-by_officer').textContent()).toContain('nguyen.thi.lan');
    await expectNoAxeViolations(page);

    // The register (form 06) lists it as on time.
    await page.getByRole('link', { name: 'In sổ theo dõi hồ sơ (mẫu 06)' }).click();
    await page.getByRole('heading', { name: 'SỔ THEO DÕI HỒ SƠ' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: code });
    expect(await row.textContent()).toContain('Đúng hạn');
    // Only the two refusals the officer met: the wrong password and the session that ended overnight.
    expect(errors).toEqual(Array(2).fill('Failed to load resource: the server responded with a status of 401 (Unauthorized)'));
    await context.close();
  });

  it('the deadline board counts what is due, in the menu and on its page, and warns the day before with a desktop notification (notification API stubbed: the OS notification centre is out of reach)', async () => {
    clock.set('2026-11-24T09:00:00+07:00');
    const officer = await signInOfficer(core, 'nguyen.thi.lan', ['receptionist', 'processor'], 'Nguyễn Thị Lan');
    const base = { procedureCode: '1.001193', applicant: { fullName: 'Đỗ Thị Hạnh' }, documents: [], attachments: [], sets: 1, collect: 'counter' as const, outcome: 'accept' as const };
    const tomorrow = await core.call('desk.receive', { session: officer, ...base }); // Wednesday 09:00
    const context = await isolatedContext(browser, host.url);
    await context.addInitScript(() => {
      const shown: string[] = [];
      (window as unknown as { shown: string[] }).shown = shown;
      class FakeNotification {
        static permission = 'granted';
        static requestPermission = () => Promise.resolve('granted');
        constructor(title: string, options?: { body?: string }) {
          shown.push(`${title} — ${options?.body ?? ''}`);
        }
      }
      (window as unknown as { Notification: unknown }).Notification = FakeNotification;
    });
    const page = await context.newPage();
    const errors = captureErrors(page);
    await page.goto('/staff');
    await signIn(page, 'nguyen.thi.lan');
    const link = page.getByTestId('deadline-link');
    await link.filter({ hasText: '0 quá hạn · 0 hôm nay · 1 ngày mai' }).waitFor();
    await page.waitForFunction(() => (window as unknown as { shown: string[] }).shown.length > 0);
    expect(await page.evaluate(() => (window as unknown as { shown: string[] }).shown)).toEqual([
      'Hồ sơ đến hạn ngày mai — 1 hồ sơ đến hạn trả kết quả vào ngày mai. Hãy kiểm tra tiến độ hoặc hẹn lại kèm phiếu xin lỗi.',
    ]);
    await link.click();
    const section = page.locator('.deadlines__section--tomorrow');
    await section.getByText(tomorrow.code).waitFor();
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the dossier list finds a dossier by a phone number or a name typed without tones, and pages with Next and Previous', async () => {
    const officer = await signInOfficer(core, 'nguyen.thi.lan', ['receptionist', 'processor'], 'Nguyễn Thị Lan');
    const base = { procedureCode: '1.001193', documents: [], attachments: [], sets: 1, collect: 'counter' as const, outcome: 'accept' as const };
    for (let i = 0; i < 22; i++) await core.call('desk.receive', { session: officer, ...base, applicant: { fullName: `Người nộp thứ ${i}` } });
    const trang = await core.call('desk.receive', { session: officer, ...base, applicant: { fullName: 'Hoàng Thị Thu Trang', phone: '0987 654 321' } });
    const context = await isolatedContext(browser, host.url);
    const page = await context.newPage();
    const errors = captureErrors(page);
    await page.goto('/staff');
    await signIn(page, 'nguyen.thi.lan');
    await page.getByRole('link', { name: 'Hồ sơ', exact: true }).click();
    const rows = page.locator('.dossier-table tbody tr');
    await rows.first().waitFor();
    const total = await core.call('dossier.list', { session: officer, limit: 1 });
    await page.getByRole('status').filter({ hasText: `${total.total} hồ sơ` }).waitFor();
    expect(await rows.count()).toBe(20);
    const first = await rows.first().locator('td').first().textContent();
    expect(first).toBe(trang.code); // newest first

    // Next and Previous walk the pages without losing the place.
    const pages = Math.ceil(total.total / 20);
    await page.getByRole('button', { name: 'Trang sau' }).click();
    await page.getByText(`Trang 2/${pages}`).first().waitFor();
    expect(await rows.first().locator('td').first().textContent()).not.toBe(trang.code);
    await page.getByRole('button', { name: 'Trang trước' }).click();
    await page.getByText(`Trang 1/${pages}`).first().waitFor();
    expect(await rows.first().locator('td').first().textContent()).toBe(trang.code);

    // A phone number as the citizen says it, then the name without tones, typed at the keyboard.
    const query = page.getByLabel('Mã hồ sơ, tên, số CCCD hoặc điện thoại người nộp');
    await query.click();
    await page.keyboard.type('0987.654.321');
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: '1 hồ sơ' }).waitFor();
    expect(await rows.locator('td').first().textContent()).toBe(trang.code);
    await query.press('Control+A');
    await page.keyboard.type('hoang thi thu tr');
    await page.getByRole('button', { name: 'Lọc' }).click();
    await page.getByRole('status').filter({ hasText: '1 hồ sơ' }).waitFor();
    expect(await rows.locator('td').nth(2).textContent()).toBe('Hoàng Thị Thu Trang');
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a resident takes a ticket at a kiosk, which gets it from the queue desk and prints it', async () => {
    const dir = tempDir();
    const loaded = loadConfig({ platform: isolatedPlatform(dir), flags: { mode: 'kiosk', dataDir: path.join(dir, 'data'), ward: { code: '00324', name: 'Phường Ba Đình' }, queue: { url: host.url } } });
    const kiosk = createCore({ loaded, clock, version: 'test', log: createLogger({ dir: path.join(dir, 'logs'), clock }) });
    const kioskHost = await startWebHost({ core: kiosk, rendererDir });
    try {
      const context = await isolatedContext(browser, kioskHost.url, { width: 1080, height: 1920 });
      const page = await context.newPage();
      const errors = captureErrors(page);
      await page.goto('/kiosk');
      await page.getByRole('link', { name: 'Lấy số thứ tự →' }).click();
      await page.getByRole('heading', { name: 'Lấy số thứ tự' }).waitFor();
      await expectTouchTargets(page);
      await expectNoAxeViolations(page);
      const waiting = (await core.call('queue.board', {})).waiting.find((w) => w.group.code === 'C')!.count;
      await page.getByRole('button', { name: 'C Đất đai – Xây dựng' }).click();
      await page.waitForURL(/\/print\/ticket\//);
      const label = await page.getByTestId('ticket-label').textContent();
      expect(label).toMatch(/^C\d{3}$/);
      expect(await page.locator('main').textContent()).toContain(`Trước bạn còn ${waiting} người chờ.`);
      expect((await core.call('queue.board', {})).waiting.find((w) => w.group.code === 'C')!.count).toBe(waiting + 1);
      expect(errors).toEqual([]);
      await context.close();
    } finally {
      await kioskHost.close();
      kiosk.close();
    }
  });

  it('a paper photographed with the desk’s camera joins the scans and is stored with the dossier (a fake camera shows a page)', async () => {
    const cameraBrowser = await launchChromiumWithCamera(qrVideo('Trang giấy chứng sinh'));
    try {
      const context = await isolatedContext(cameraBrowser, host.url);
      const page = await context.newPage();
      const errors = captureErrors(page);
      await openDesk(page, core, '/staff/receive', 'nguyen.thi.lan');
      await page.getByLabel('Tìm thủ tục (tên hoặc mã)').fill('khai sinh');
      await page.getByLabel('Tìm thủ tục (tên hoặc mã)').press('Enter');
      await page.getByRole('button', { name: 'Chọn Đăng ký khai sinh 1.001193' }).click();
      await page.getByRole('button', { name: 'Chụp giấy tờ bằng camera' }).click();
      const shoot = page.getByRole('button', { name: 'Chụp', exact: true });
      await expect.poll(() => shoot.isEnabled(), { timeout: 10_000 }).toBe(true);
      await shoot.click();
      await page.getByText(/camera-1\.jpg/).waitFor();
      await page.getByLabel('Họ và tên').fill('Vũ Thị Thu');
      await page.getByRole('button', { name: 'Ghi nhận' }).click();
      await page.waitForURL(/\/staff\/dossiers\//);
      const code = decodeURIComponent(page.url().split('/').pop()!);
      const scan = getDossier(core.db, code)!.desk!.attachments![0]!;
      expect(scan).toMatchObject({ name: 'camera-1.jpg', mime: 'image/jpeg' });
      expect(fs.existsSync(path.join(core.config.dataDir, 'attachments', scan.file))).toBe(true);
      expect(errors).toEqual([]);
      await context.close();
    } finally {
      await cameraBrowser.close();
    }
  });

  it('the screen locks after the desk’s idle minutes; the supervisor reads the audit log, its chain intact', async () => {
    const context = await isolatedContext(browser, host.url);
    const page = await context.newPage();
    const errors = captureErrors(page);
    await page.clock.install();
    await openDesk(page, core, '/staff/admin', 'giam.sat', ['supervisor']);
    await page.getByRole('heading', { name: 'Nhật ký thao tác' }).waitFor();
    await page.getByRole('status').filter({ hasText: /Chuỗi băm toàn vẹn: đã kiểm tra \d+ dòng\./ }).waitFor();
    // The receipt of the first journey is there, with who did it and what changed.
    const row = page.getByRole('row').filter({ hasText: 'dossier.receive.accept' }).first();
    expect(await row.textContent()).toContain('Mới đăng ký → Được tiếp nhận');
    await expectNoAxeViolations(page);
    await page.clock.fastForward('09:00');
    expect(await page.getByRole('heading', { name: 'Màn hình đã khóa' }).count()).toBe(0);
    await page.clock.fastForward('01:30');
    await page.getByRole('heading', { name: 'Màn hình đã khóa' }).waitFor();
    expect(await page.getByText('Nhật ký thao tác').count()).toBe(0); // nothing of the work shows
    expect(await page.getByLabel('Tên đăng nhập').inputValue()).toBe('giam.sat');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('an officer moves an appointment and prints the apology, works the queue buttons, edits the days off and downloads the report', async () => {
    clock.set('2026-11-25T09:00:00+07:00');
    const context = await isolatedContext(browser, host.url);
    const page = await context.newPage();
    const errors = captureErrors(page);
    await openDesk(page, core, '/staff', 'toan.quyen', ['receptionist', 'processor', 'supervisor', 'desk_admin']);
    const session = (await core.call('staff.signIn', { username: 'toan.quyen', password: TEST_PASSWORD })).token;
    const d = await core.call('desk.receive', { session, procedureCode: '1.004222', applicant: { fullName: 'Ngô Văn Tư' }, documents: [], attachments: [], sets: 1, collect: 'counter', outcome: 'accept' });

    await page.goto(`/staff/dossiers/${encodeURIComponent(d.code)}`);
    await page.getByRole('button', { name: 'Chuyển sang “Đang xử lý”' }).click();
    await page.getByTestId('dossier-status').filter({ hasText: 'Đang xử lý' }).waitFor();
    await page.getByLabel('Ngày giờ hẹn mới').fill('2026-12-10T10:00');
    await page.getByRole('button', { name: 'Hẹn lại' }).click();
    // No reason: refused next to the field, the date typed stays.
    await page.getByRole('alert').filter({ hasText: 'Hãy ghi lý do chậm trễ để gửi lời xin lỗi.' }).waitFor();
    expect(await page.getByLabel('Ngày giờ hẹn mới').inputValue()).toBe('2026-12-10T10:00');
    await page.getByLabel('Lý do chậm trễ').fill('Chờ xác minh nơi cư trú');
    await page.getByRole('button', { name: 'Hẹn lại' }).click();
    await page.getByTestId('dossier-appointment').filter({ hasText: '10:00 10/12/2026' }).waitFor();
    await page.getByRole('link', { name: 'In phiếu xin lỗi và hẹn lại (mẫu 04)' }).click();
    await page.getByRole('heading', { name: 'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ' }).waitFor();
    const apology = await page.locator('main').textContent();
    expect(apology).toContain('Chờ xác minh nơi cư trú');
    expect(apology).toContain('hẹn trả kết quả vào 10 giờ 00 phút, ngày 10/12/2026');
    expect(core.db.prepare("SELECT count(*) AS n FROM outbox WHERE kind = 'dossier.appointment' AND stream = ?").get(d.code)).toEqual({ n: 1 });

    // The queue: call, call again, absent.
    await core.call('queue.issue', { group: 'D' });
    await page.goto('/staff');
    await page.getByRole('button', { name: 'Gọi số tiếp theo' }).click();
    const label = (await page.getByTestId('current-ticket').textContent())!;
    await page.getByRole('button', { name: 'Gọi lại' }).click();
    await expect.poll(async () => (await core.call('queue.board', {})).recent.find((r) => r.label === label)?.calls).toBe(2);
    await page.getByRole('button', { name: 'Vắng mặt' }).click();
    await page.getByText('Quầy chưa gọi số nào.').waitFor();
    expect(core.db.prepare('SELECT status FROM queue_tickets WHERE label = ? ORDER BY id DESC LIMIT 1').get(label)).toEqual({ status: 'no_show' });

    // The days-off table: a day added at the desk, then back to an ordinary day.
    await page.getByRole('link', { name: 'Quản trị' }).click();
    await page.getByLabel(/^Ngày( \*)?$/).fill('2026-12-31');
    await page.getByLabel('Tên ngày').fill('Nghỉ thử nghiệm');
    await page.getByRole('button', { name: 'Lưu ngày' }).click();
    await page.getByRole('row').filter({ hasText: '2026-12-31' }).filter({ hasText: 'Tại quầy' }).waitFor();
    await page.getByLabel('Loại ngày').selectOption('normal');
    await page.getByRole('button', { name: 'Lưu ngày' }).click();
    await expect.poll(() => page.getByRole('row').filter({ hasText: '2026-12-31' }).count()).toBe(0);

    // The report as a CSV file, downloaded the way a supervisor does.
    await page.getByRole('link', { name: 'Báo cáo' }).click();
    await page.getByLabel('Tiếp nhận từ tháng').fill('2026-11');
    await page.getByLabel('Đến tháng').fill('2026-11');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Xuất CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('bao-cao-00324-2026-11-01_2026-11-30.csv');
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    expect(csv.startsWith('\uFEFFTổng hợp,Đã nhận,Đã giải quyết')).toBe(true);
    expect(csv).toContain(d.code);
    expect(errors).toEqual(['Failed to load resource: the server responded with a status of 400 (Bad Request)']); // the missing reason
    await context.close();
  });

  it('the display shows the counter’s call as it happens', async () => {
    const context = await isolatedContext(browser, host.url, { width: 1920, height: 1080 });
    const page = await context.newPage();
    const errors = captureErrors(page);
    await page.goto('/display');
    await page.getByRole('heading', { name: 'Mời công dân' }).waitFor();
    await core.call('queue.issue', { group: 'B' });
    const officer = await signInOfficer(core, 'nguyen.thi.lan', ['receptionist', 'processor'], 'Nguyễn Thị Lan');
    const called = (await core.call('queue.callNext', { session: officer }))!;
    await page.getByTestId('serving').filter({ hasText: called.label }).filter({ hasText: 'Quầy 1' }).waitFor();
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('a new desk in Chromium', () => {
  it('asks for the first account, which becomes the desk admin, then creates an officer who signs in', async () => {
    const dir = tempDir();
    const clock = manualClock('2026-11-23T09:00:00+07:00');
    const loaded = loadConfig({ platform: isolatedPlatform(dir), flags: { mode: 'staff', dataDir: path.join(dir, 'data'), ward: { code: '00324', name: 'Phường Ba Đình' } } });
    const core = createCore({ loaded, clock, version: 'test', log: createLogger({ dir: null, clock }) });
    const host = await startWebHost({ core, rendererDir });
    const browser = await launchChromium();
    try {
      const context = await isolatedContext(browser, host.url);
      const page = await context.newPage();
      const errors = captureErrors(page);
      await page.goto('/staff');
      await page.getByRole('heading', { name: 'Tạo tài khoản quản trị đầu tiên' }).waitFor();
      // The one-time code the machine's admin read with `motcua doctor` (or on the device sheet).
      await page.getByLabel('Mã thiết lập').fill(core.setupCode()!);
      await page.getByLabel('Tên đăng nhập').fill('quantri.badinh');
      await page.getByLabel('Họ và tên').fill('Đặng Minh Quân');
      await page.getByLabel('Mật khẩu').fill('ngan');
      await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
      // Too short: refused next to the field, the name typed stays.
      await page.getByRole('alert').filter({ hasText: 'Mật khẩu cần ít nhất 10 ký tự' }).waitFor();
      expect(await page.getByLabel('Họ và tên').inputValue()).toBe('Đặng Minh Quân');
      // Long enough but made of the username: refused, with what to do instead.
      await page.getByLabel('Mật khẩu').fill('QuanTri-2026');
      await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
      await page.getByRole('alert').filter({ hasText: 'Mật khẩu không được chứa tên đăng nhập' }).waitFor();
      await page.getByLabel('Mật khẩu').fill('hoa-ban-trang-2026');
      await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
      await page.getByText('Đặng Minh Quân · Quầy 1').waitFor();
      await page.getByRole('link', { name: 'Quản trị' }).click();
      await page.getByLabel('Tên đăng nhập').fill('le.thu');
      await page.getByLabel('Họ và tên').fill('Lê Thu');
      await page.getByLabel('Tiếp nhận').check();
      await page.getByLabel('Mật khẩu', { exact: true }).fill('TiepNhan-2026');
      await page.getByRole('button', { name: 'Lưu tài khoản' }).click();
      await page.getByRole('status').filter({ hasText: 'Đã lưu tài khoản Lê Thu.' }).waitFor();
      await page.getByRole('row').filter({ hasText: 'le.thu' }).filter({ hasText: 'Tiếp nhận' }).waitFor();
      await expectNoAxeViolations(page);
      await page.getByRole('button', { name: 'Đăng xuất' }).click();
      await page.getByLabel('Tên đăng nhập').fill('le.thu');
      await page.getByLabel('Mật khẩu').fill('TiepNhan-2026');
      await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
      await page.getByText('Lê Thu · Quầy 1').waitFor();
      expect(await page.getByRole('link', { name: 'Quản trị' }).count()).toBe(0); // a receptionist has no admin page
      expect(errors).toEqual(Array(2).fill('Failed to load resource: the server responded with a status of 400 (Bad Request)'));
      await context.close();
    } finally {
      await browser.close();
      await host.close();
      core.close();
    }
  });
});
