/**
 * What a resident came to ask, answered at the kiosk (issue 16): the procedure's summary card above
 * the fold, the checklist printed on 80 mm, "Đọc to", the office and what is happening at its
 * counters. A kiosk and the ward's queue desk, each a real core on its own SQLite file and web host;
 * one browser for the file. The kiosk is used by taps on the screen and its keyboard only; the desk
 * with the keyboard and clicks.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock, type ManualClock } from '../../electron/core/clock.js';
import { loadConfig } from '../../electron/core/config/load.js';
import type { ConfigLayer } from '../../electron/core/config/schema.js';
import { createCore, type Core } from '../../electron/core/index.js';
import { createLogger } from '../../electron/core/log.js';
import { rendererDir } from '../../electron/paths.js';
import { startWebHost, type WebHost } from '../../electron/web/server.js';
import { captureErrors, expectNoAxeViolations, expectTouchTargets, isolatedContext, launchChromium, openDesk, printsOf, stubPrinter } from '../helpers/browser.js';
import { expectContrastInEveryMode } from '../helpers/contrast.js';
import { wardCatalog } from '../helpers/catalog.js';
import { isolatedPlatform, tempDir } from '../helpers/core.js';
import { tapType } from '../helpers/kiosk-keyboard.js';

const CODES = ['1.001193', '1.004222', '1.004194', '1.000894', '1.000656', '2.000635', '1.004873', '2.000815', '1.000178'];
const OFFICE = {
  name: 'Bộ phận Một cửa – UBND phường Ba Đình',
  address: 'Số 25 phố Liễu Giai, Ba Đình, Hà Nội',
  hotline: '024 3823 4567',
  weekday: [['07:30', '11:30'], ['13:00', '17:00']] as [string, string][],
  saturday: [['08:00', '11:30']] as [string, string][],
};
const PORTRAIT = { width: 1080, height: 1920 };

/**
 * The speech engine is the boundary we cannot reach here (Chromium has no voices on this machine):
 * a stand-in `speechSynthesis` with one Vietnamese and one English voice that records what it is
 * asked to say. `voices: false` stands in for a machine without any voice.
 */
function stubSpeechSynthesis(voices: boolean) {
  const spoken: { text: string; lang: string }[] = [];
  const list = voices
    ? [
        { name: 'Tiếng Việt', lang: 'vi-VN', default: true, localService: true, voiceURI: 'vi' },
        { name: 'English', lang: 'en-US', default: false, localService: true, voiceURI: 'en' },
      ]
    : [];
  class Utterance {
    voice: unknown = null;
    lang = '';
    rate = 1;
    onend: (() => void) | null = null;
    onerror: (() => void) | null = null;
    constructor(public text: string) {}
  }
  const synth = Object.assign(new EventTarget(), {
    getVoices: () => list,
    // It says it at once and is done (a real engine ends when the voice stops).
    speak: (u: Utterance) => {
      spoken.push({ text: u.text, lang: u.lang });
      setTimeout(() => u.onend?.(), 10);
    },
    cancel: () => undefined,
  });
  Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
  Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: Utterance, configurable: true });
  Object.defineProperty(window, '__spoken', { value: spoken, configurable: true });
}
const spoken = (page: Page) => page.evaluate(() => (window as unknown as { __spoken: { text: string; lang: string }[] }).__spoken);

function device(layer: ConfigLayer, catalogDir: string): { core: Core; clock: ManualClock } {
  const dir = tempDir();
  // A Monday morning in office hours, Vietnam time.
  const clock = manualClock('2026-03-02T09:00:00+07:00');
  const loaded = loadConfig({ platform: isolatedPlatform(dir), flags: { dataDir: path.join(dir, 'data'), ward: { code: '00324', name: 'Phường Ba Đình' }, office: OFFICE, ...layer } });
  const core = createCore({ loaded, clock, version: 'test', catalogDir, log: createLogger({ dir: path.join(dir, 'logs'), clock }) });
  return { core, clock };
}

describe('the kiosk answers what a resident came to ask', () => {
  let browser: Browser;
  let desk: { core: Core; clock: ManualClock };
  let kiosk: { core: Core; clock: ManualClock };
  let deskHost: WebHost;
  let kioskHost: WebHost;

  beforeAll(async () => {
    const catalogDir = wardCatalog(CODES);
    desk = device({ mode: 'staff' }, catalogDir);
    deskHost = await startWebHost({ core: desk.core, rendererDir });
    kiosk = device({ mode: 'kiosk', kiosk: { idleSeconds: 120 }, queue: { url: deskHost.url } }, catalogDir);
    kioskHost = await startWebHost({ core: kiosk.core, rendererDir });
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await kioskHost?.close();
    await deskHost?.close();
    kiosk?.core.close();
    desk?.core.close();
  });

  async function openKiosk(path: string, voices = true): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
    const context = await isolatedContext(browser, kioskHost.url, PORTRAIT, { hasTouch: true });
    await context.addInitScript(stubSpeechSynthesis, voices);
    await stubPrinter(context);
    const page = await context.newPage();
    const errors = captureErrors(page);
    await page.goto(path);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    return { context, page, errors };
  }

  it('1.001193: the summary card shows working days (and why), this office with Saturday hours, the fee and the usual papers above the fold at 1080×1920', async () => {
    const { context, page, errors } = await openKiosk('/kiosk');
    await page.getByTestId('popular').getByRole('link', { name: /Đăng ký khai sinh/ }).tap();
    await page.getByRole('heading', { level: 1, name: 'Đăng ký khai sinh' }).waitFor();
    const card = page.getByTestId('answer-card');
    const time = card.getByTestId('answer-time');
    expect(await time.textContent()).toContain('1 ngày làm việc');
    // How the days count, in a resident's words (not the portal's: no "Cổng Dịch vụ công chỉ ghi…").
    expect(await time.textContent()).toContain('Không tính thứ Bảy, Chủ nhật và ngày lễ. Tính từ ngày cán bộ nhận đủ giấy tờ.');
    expect(await card.textContent()).not.toMatch(/Cổng Dịch vụ công|cổng DVC|xuất trình|đơn vị/);
    expect(await card.textContent()).toContain('mang bản chính để cán bộ xem, rồi nhận lại');
    const where = card.getByTestId('answer-where');
    for (const line of [OFFICE.name, OFFICE.address, 'Thứ Hai – thứ Sáu: 07:30–11:30, 13:00–17:00', 'Thứ Bảy: 08:00–11:30', OFFICE.hotline]) expect(await where.textContent()).toContain(line);
    expect(await card.getByTestId('answer-fee').textContent()).toBe('Miễn phí');
    const checklist = card.getByTestId('answer-checklist').getByRole('listitem');
    expect((await checklist.allTextContents()).map((t) => t.slice(0, 24))).toEqual(['Tờ khai đăng ký khai sin', 'Giấy chứng sinh; trường ', 'Hộ chiếu/Thẻ căn cước cô']);

    // Above the fold: above the navigation dock at the bottom of a 1920 px screen, without scrolling.
    const dockTop = (await page.getByRole('navigation', { name: 'Điều hướng' }).boundingBox())!.y;
    for (const part of [time, where, card.getByTestId('answer-checklist')]) {
      const box = (await part.boundingBox())!;
      expect(box.y + box.height).toBeLessThanOrEqual(dockTop);
    }
    await expectNoAxeViolations(page);
    await expectTouchTargets(page);
    await expectContrastInEveryMode(page, 'procedure summary');
    // The exceptions are folded below, the page never says "0 bản chính".
    expect(await page.getByText(/trẻ em bị bỏ rơi/).first().isVisible()).toBe(false);
    expect(await page.locator('main').textContent()).not.toContain('0 bản chính');
    await page.getByText(/^Trường hợp đặc biệt \(\d+\)$/).tap();
    await page.getByText(/trẻ em bị bỏ rơi/).first().waitFor();
    // The guided form files it here; no booking for a procedure the kiosk files itself.
    expect(await card.getByRole('link', { name: /Nộp trực tuyến tại ki-ốt/ }).count()).toBe(1);
    expect(await card.getByRole('link', { name: /Đặt lịch đến quầy/ }).count()).toBe(0);

    // 1.004194 (temporary residence): the portal lists CT01 three times, once per way of registering;
    // the resident's list names it once, and each other way is a special case of its own.
    await page.goto('/kiosk/procedures/1.004194');
    await page.getByRole('heading', { level: 1, name: 'Đăng ký tạm trú' }).waitFor();
    const usual = await page.getByTestId('answer-checklist').getByRole('listitem').allTextContents();
    expect(usual.filter((t) => t.includes('CT01'))).toHaveLength(1);
    await page.getByText(/^Trường hợp đặc biệt \(\d+\)$/).tap();
    await page.locator('details', { hasText: 'Trường hợp đặc biệt' }).getByText('Đăng ký tạm trú theo danh sách, hồ sơ gồm').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the checklist prints on 80 mm with the papers, the time and the office (read back with pdftotext; the printer stubbed)', async () => {
    const { context, page, errors } = await openKiosk('/kiosk/procedures/1.001193');
    await page.getByRole('link', { name: 'In danh sách giấy tờ' }).tap();
    await page.waitForURL(/\/print\/checklist\/1\.001193/);
    await page.getByRole('heading', { name: 'Giấy tờ cần mang' }).waitFor();
    // It prints itself (the printer stubbed); the PDF below is taken once it has, never during.
    await expect.poll(() => printsOf(page)).toBe(1);
    const dir = tempDir();
    const pdf = path.join(dir, 'checklist.pdf');
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))!;
    expect(Math.round((Number(size[1]) * 25.4) / 72)).toBe(80);
    for (const expected of ['Đăng ký khai sinh (1.001193)', '1 ngày làm việc', 'Miễn phí', 'Tờ khai đăng ký khai sinh', 'Giấy chứng sinh', 'Hộ chiếu/Thẻ căn cước', OFFICE.address, 'Thứ Bảy: 08:00–11:30']) expect(text).toContain(expected);
    expect(text).not.toContain('bỏ rơi');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('"Đọc to" reads the summary card in Vietnamese, then in English, through a stubbed speechSynthesis (the speech engine is the boundary); hidden without a voice', async () => {
    const { context, page, errors } = await openKiosk('/kiosk/procedures/1.001193');
    await page.getByRole('button', { name: 'Đọc to' }).tap();
    const [vi] = await spoken(page);
    expect(vi!.lang).toBe('vi-VN');
    for (const part of ['Đăng ký khai sinh', 'Mất bao lâu: 1 ngày làm việc', `Nộp ở đâu: ${OFFICE.name}`, 'Thứ Bảy: 08:00–11:30', 'Lệ phí: Miễn phí', 'Mang theo khi đến quầy: Tờ khai đăng ký khai sinh']) expect(vi!.text).toContain(part);
    await page.getByRole('button', { name: 'English' }).tap();
    await page.getByRole('button', { name: 'Read aloud' }).tap();
    const en = (await spoken(page)).at(-1)!;
    expect(en.lang).toBe('en-US');
    expect(en.text).toContain('How long: 1 working day');
    expect(await page.getByTestId('answer-time').textContent()).toContain('Saturdays, Sundays and public holidays do not count.');
    expect(en.text).toContain('Fee: Free');
    await context.close();

    const bare = await openKiosk('/kiosk/procedures/1.001193', false);
    await bare.page.getByTestId('answer-card').waitFor();
    expect(await bare.page.getByRole('button', { name: 'Đọc to' }).count()).toBe(0);
    expect([...errors, ...bare.errors]).toEqual([]);
    await bare.context.close();
  });

  it('home and the attract screen show the office, its hours and each group now being served and waiting, from the queue desk', async () => {
    // Two residents take tickets for Hộ tịch at the desk; another counter calls the first.
    const a1 = await desk.core.call('queue.issue', { group: 'A' });
    await desk.core.call('queue.issue', { group: 'A' });
    await desk.core.call('queue.issue', { group: 'B' });
    desk.core.db.prepare("UPDATE queue_tickets SET status = 'called', counter = 'Quầy 2', called_at = ? WHERE id = ?").run(desk.clock.now().toISOString(), a1.id);
    const { context, page, errors } = await openKiosk('/kiosk/attract');
    const office = page.getByTestId('attract-office');
    await office.getByText(OFFICE.address).waitFor();
    expect(await office.textContent()).toContain('Thứ Bảy: 08:00–11:30');
    expect(await page.getByRole('heading', { name: 'Tại đây bạn có thể' }).count()).toBe(1);
    expect(await page.getByText('Đặt lịch đến quầy').count()).toBe(1);
    const queue = office.getByTestId('office-queue');
    await expect.poll(() => queue.textContent()).toContain('A · Hộ tịch');
    const groups = await queue.getByRole('listitem').allTextContents();
    expect(groups[0]).toContain('Đang phục vụ: A001');
    expect(groups[0]).toContain('1 người đang chờ');
    expect(groups[1]).toContain('Đang phục vụ: chưa gọi');
    expect(groups[1]).toContain('1 người đang chờ');

    await page.getByRole('button', { name: 'Bắt đầu' }).tap();
    await page.getByRole('heading', { level: 1, name: /Xin chào/ }).waitFor();
    const home = page.getByTestId('office-queue');
    await expect.poll(() => home.textContent()).toContain('Đang phục vụ: A001');
    // The popular procedures are big buttons with a pictogram; with no dossiers yet, the default list.
    const popular = page.getByTestId('popular');
    expect((await popular.getByRole('link').allTextContents()).map((t) => t.trim())).toEqual(['Đăng ký khai sinh', 'Đăng ký thường trú', 'Đăng ký tạm trú', 'Đăng ký kết hôn', 'Đăng ký khai tử', 'Cấp bản sao Trích lục hộ tịch, bản sao Giấy khai sinh']);
    expect(await popular.locator('svg').count()).toBe(6);
    // Each whole name shows on its button (a resident cannot hover to read a cut-off one).
    const cut = await popular.locator('.popular__name').evaluateAll((els) => els.filter((e) => e.scrollHeight > e.clientHeight + 1).map((e) => e.textContent));
    expect(cut).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a resident books a counter visit by taps; the desk sees it; on arrival the code (typed, or the slip scanned) gets a ticket the counter calls before earlier walk-ins (the printer stubbed)', async () => {
    const deskContext = await isolatedContext(browser, deskHost.url);
    const deskPage = await deskContext.newPage();
    const deskErrors = captureErrors(deskPage);
    await openDesk(deskPage, desk.core, '/staff', 'can-bo-a', ['receptionist']);
    const bookings = deskPage.getByTestId('desk-bookings');
    await bookings.getByText('Hôm nay chưa có ai đặt lịch.').waitFor();

    // At the kiosk: a certification (no guided form) is booked, not filed here.
    const { context, page, errors } = await openKiosk('/kiosk');
    await page.getByRole('link', { name: /Tìm thủ tục hành chính/ }).tap();
    await page.getByLabel('Bạn cần làm thủ tục gì?').tap();
    await tapType(page, '2.000815');
    await page.getByRole('region', { name: 'Thủ tục' }).getByRole('link').filter({ hasText: '2.000815' }).first().tap();
    await page.getByRole('heading', { level: 1, name: /^Chứng thực bản sao từ bản chính/ }).waitFor();
    const card = page.getByTestId('answer-card');
    expect(await card.getByRole('link', { name: /Nộp trực tuyến tại ki-ốt/ }).count()).toBe(0);
    await card.getByRole('link', { name: /Đặt lịch đến quầy/ }).tap();
    await page.getByRole('heading', { level: 1, name: 'Đặt lịch đến quầy' }).waitFor();
    // Monday 2 March 2026, 09:00: today's first slot is half an hour ahead.
    const days = page.getByRole('group', { name: 'Chọn ngày' });
    await days.getByRole('button').first().waitFor();
    expect((await days.getByRole('button').allTextContents())[0]).toBe('Thứ Hai 02/03');
    const slots = page.getByRole('group', { name: 'Chọn giờ' });
    expect((await slots.getByRole('button').first().textContent())!.trim()).toBe('09:30 còn 2 chỗ');
    await expectNoAxeViolations(page);
    await expectTouchTargets(page);
    await expectContrastInEveryMode(page, 'booking');
    await slots.getByRole('button', { name: /^09:30/ }).tap();
    await page.getByRole('button', { name: 'Đặt lịch 09:30 ngày 02/03/2026' }).tap();
    const code = (await page.getByTestId('booking-code').textContent())!;
    expect(code).toMatch(/^LH-[2-9A-HJ-NP-Z]{6}$/);

    // The slip: the code as text and QR, the time, the papers; read back from the PDF.
    await page.getByRole('link', { name: 'In phiếu hẹn và danh sách giấy tờ' }).tap();
    await page.getByTestId('slip-code').waitFor();
    // The slip prints itself (the printer stubbed); the PDF below is taken once it has, never during.
    await expect.poll(() => printsOf(page)).toBe(1);
    await page.emulateMedia({ media: 'print' });
    const dir = tempDir();
    await page.pdf({ path: path.join(dir, 'slip.pdf'), preferCSSPageSize: true, printBackground: true });
    const text = execFileSync('pdftotext', [path.join(dir, 'slip.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    for (const expected of [code, 'Ngày 02/03/2026, lúc 09:30', 'Chứng thực bản sao từ bản chính', 'Giấy tờ cần mang', OFFICE.address]) expect(text).toContain(expected);
    execFileSync('pdftoppm', ['-r', '200', '-png', '-f', '1', '-l', '1', path.join(dir, 'slip.pdf'), path.join(dir, 'slip')]);
    const png = execFileSync('ls', [dir], { encoding: 'utf8' }).split('\n').find((f) => f.endsWith('.png'))!;
    expect(execFileSync('zbarimg', ['--quiet', '--raw', path.join(dir, png)], { encoding: 'utf8' }).trim()).toBe(code);
    await context.close();

    // The desk sees the booking, not yet arrived.
    const row = bookings.getByRole('row').filter({ hasText: code });
    await expect.poll(() => row.textContent()).toContain('Chưa đến');
    expect(await row.textContent()).toContain('09:30');

    // Two walk-ins take numbers of the same group at the queue desk before the booked resident arrives.
    const walkIns = [await desk.core.call('queue.issue', { group: 'A' }), await desk.core.call('queue.issue', { group: 'A' })];
    const arrival = await openKiosk('/kiosk');
    await arrival.page.getByRole('link', { name: /Lấy số thứ tự/ }).first().tap();
    await arrival.page.getByRole('link', { name: 'Tôi đã đặt lịch →' }).tap();
    await arrival.page.getByLabel('Mã đặt lịch').tap();
    await tapType(arrival.page, code);
    await arrival.page.getByRole('button', { name: 'Lấy số thứ tự' }).tap();
    const label = (await arrival.page.getByTestId('ticket-label').textContent())!;
    expect(await arrival.page.getByText(`Đã đặt lịch ${code}: được gọi trước`).count()).toBe(1);
    expect(walkIns.map((w) => w.label)).not.toContain(label);
    await arrival.context.close();
    // The slip's QR read by the kiosk's USB scanner (keys faster than a person, then Enter) on any screen: the same ticket.
    const scanned = await openKiosk('/kiosk');
    await scanned.page.evaluate((t) => {
      for (const key of [...t, 'Enter']) (document.activeElement ?? document.body).dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
    }, code);
    await expect.poll(() => scanned.page.getByTestId('ticket-label').textContent()).toBe(label);
    await scanned.context.close();

    // The desk calls the next number: the booked resident, ahead of the earlier walk-ins.
    await expect.poll(() => row.textContent()).toContain(`Đã đến — số ${label}`);
    await deskPage.getByRole('button', { name: 'Gọi số tiếp theo' }).click();
    await expect.poll(() => deskPage.getByTestId('current-ticket').textContent()).toBe(label);
    await expect.poll(() => row.textContent()).toContain('đã gọi');
    expect([...errors, ...arrival.errors, ...scanned.errors, ...deskErrors]).toEqual([]);
    await deskContext.close();
  });

  it('with the queue desk out of reach, a resident reads what to do — never an address, a code or a stack — for a number and for help', async () => {
    const lonely = device({ mode: 'kiosk', queue: { url: 'http://127.0.0.1:9' } }, wardCatalog(CODES));
    const host = await startWebHost({ core: lonely.core, rendererDir });
    const context = await isolatedContext(browser, host.url, PORTRAIT, { hasTouch: true });
    const page = await context.newPage();
    const errors = captureErrors(page);
    try {
      await page.goto('/kiosk');
      await page.getByRole('link', { name: /Lấy số thứ tự/ }).first().tap();
      // The kiosk's own groups stand in for the queue desk's; taking a number says plainly it failed.
      await page.getByRole('button', { name: /Hộ tịch/ }).tap();
      await page.getByRole('alert').filter({ hasText: 'Chưa lấy được số thứ tự. Vui lòng hỏi cán bộ tại quầy tiếp nhận.' }).waitFor();
      await page.getByRole('navigation', { name: 'Điều hướng' }).getByRole('link', { name: 'Gọi cán bộ hỗ trợ' }).tap();
      await page.getByRole('alert').filter({ hasText: 'Chưa báo được cán bộ. Vui lòng đến quầy tiếp nhận để được hỗ trợ.' }).waitFor();
      await page.getByRole('button', { name: 'English' }).tap();
      await page.getByRole('navigation', { name: 'Navigation' }).getByRole('link', { name: 'Home' }).tap();
      await page.getByRole('link', { name: /Take a ticket/ }).tap();
      await page.getByRole('button', { name: /Hộ tịch/ }).tap();
      await page.getByRole('alert').filter({ hasText: 'A queue number could not be given just now. Please ask the staff at the reception counter.' }).waitFor();
      expect(await page.locator('body').textContent()).not.toMatch(/127\.0\.0\.1|https?:|:9\b|ECONNREFUSED|fetch failed|Error:|unavailable/);
      // The browser's only complaints are the kiosk's "service unavailable" answers (HTTP 503), never a script error.
      expect(errors.length).toBeGreaterThan(0);
      expect(errors.filter((e) => e !== 'Failed to load resource: the server responded with a status of 503 (Service Unavailable)')).toEqual([]);
    } finally {
      await context.close();
      await host.close();
      lonely.core.close();
    }
  });

  it('a resident calls an officer from any screen; the desk shows which kiosk and answers; the kiosk shows someone is coming', async () => {
    const deskContext = await isolatedContext(browser, deskHost.url);
    const deskPage = await deskContext.newPage();
    const deskErrors = captureErrors(deskPage);
    await openDesk(deskPage, desk.core, '/staff/dossiers', 'can-bo-b', ['receptionist']);

    const { context, page, errors } = await openKiosk('/kiosk/procedures/1.001193');
    await page.getByRole('navigation', { name: 'Điều hướng' }).getByRole('link', { name: 'Gọi cán bộ hỗ trợ' }).tap();
    await page.getByTestId('help-status').getByText('Đã báo cán bộ. Vui lòng chờ tại ki-ốt này.').waitFor();
    await expectNoAxeViolations(page);
    await expectContrastInEveryMode(page, 'calling an officer');

    // Wherever the officer is, the call shows with the kiosk's name.
    const alert = deskPage.getByTestId('desk-help');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Ki-ốt 01');
    await deskPage.getByRole('button', { name: 'Tôi đến ngay (Ki-ốt 01)' }).click();
    await alert.waitFor({ state: 'detached' });

    // The officer's counter as the desk's header shows it (each signed-in officer is their own counter).
    const counter = /Quầy \d+/.exec((await deskPage.getByTestId('signed-in-as').textContent()) ?? '')?.[0];
    expect(counter).toMatch(/^Quầy \d+$/);
    await page.getByTestId('help-status').getByText(`Cán bộ Trần Thị Cán Bộ (${counter}) đang đến hỗ trợ bạn.`).waitFor();
    expect([...errors, ...deskErrors]).toEqual([]);
    await context.close();
    await deskContext.close();
  });

  it('files 1.004873 by taps with "Đọc to" on each step (labels, never what was typed), then prints the pre-filled declaration on A4 (the printer stubbed); the data lives in the page only', async () => {
    const { context, page, errors } = await openKiosk('/kiosk/procedures/1.004873');
    await page.getByRole('link', { name: /Nộp trực tuyến tại ki-ốt/ }).tap();
    // The procedure page has its own "Đọc to": tapped before the wizard is there, it reads the summary card.
    await page.waitForURL(/\/kiosk\/file\//);
    await page.getByRole('button', { name: 'Có', exact: true }).waitFor();
    const read = page.getByRole('button', { name: 'Đọc to' });
    const lastSpoken = async () => (await spoken(page)).at(-1)?.text ?? '';
    await read.tap();
    await expect.poll(lastSpoken).toContain('Điều kiện. Bạn (người xin xác nhận) đang cư trú tại phường/xã này?');
    await page.getByRole('button', { name: 'Có', exact: true }).tap();
    await page.getByRole('button', { name: /Tiếp tục/ }).tap();

    await page.getByLabel('Họ và tên người nộp').tap();
    await tapType(page, '^nguyeenx ^thij ^lan');
    await page.getByLabel('Số căn cước công dân (12 số)').tap();
    await tapType(page, '001190012345');
    await page.getByLabel('Số điện thoại').tap();
    await tapType(page, '0912345678');
    await read.tap();
    await expect.poll(lastSpoken).toContain('Người nộp. Họ và tên người nộp. Số căn cước công dân (12 số). Số điện thoại');
    const applicantStep = await lastSpoken();
    for (const typed of ['Nguyễn Thị Lan', '001190012345', '0912345678']) expect(applicantStep).not.toContain(typed);
    await page.getByRole('button', { name: /Tiếp tục/ }).tap();

    await page.getByRole('button', { name: 'Chưa đăng ký kết hôn với ai' }).tap();
    await page.getByLabel('Mục đích sử dụng').tap();
    await tapType(page, 'keets hoon');
    await page.getByRole('button', { name: /Tiếp tục/ }).tap();
    await page.getByRole('button', { name: /Tiếp tục/ }).tap();
    await page.getByRole('checkbox', { name: /Tôi cam đoan/ }).tap();
    await page.getByRole('button', { name: 'Nộp hồ sơ', exact: true }).tap();
    const code = (await page.getByTestId('dossier-code').textContent())!;

    await page.getByRole('link', { name: 'In tờ khai đã điền (A4)' }).tap();
    await page.waitForURL(/\/print\/declaration\//);
    await page.getByRole('heading', { name: 'TỜ KHAI CẤP GIẤY XÁC NHẬN TÌNH TRẠNG HÔN NHÂN' }).waitFor();
    await expect.poll(() => printsOf(page)).toBe(1);
    const dir = tempDir();
    const pdf = path.join(dir, 'declaration.pdf');
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
    await page.emulateMedia({ media: 'screen' });
    const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))!;
    expect([Math.round(Number(size[1])), Math.round(Number(size[2]))]).toEqual([595, 842]); // A4
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    for (const expected of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'TỜ KHAI CẤP GIẤY XÁC NHẬN TÌNH TRẠNG HÔN NHÂN', 'Kính gửi: Ủy ban nhân dân Phường Ba Đình', 'Nguyễn Thị Lan', '001190012345', 'Chưa đăng ký kết hôn với ai', 'kết hôn', `Mã hồ sơ: ${code}`, 'ngày 02 tháng 03 năm 2026', '(Ký, ghi rõ họ, chữ đệm, tên)']) expect(text).toContain(expected);

    // Home, then the same address again: the declaration's data is gone (the page's memory only).
    await page.getByRole('button', { name: 'Trang chính' }).tap();
    await page.getByRole('heading', { level: 1, name: /Xin chào/ }).waitFor();
    await page.goto(`/print/declaration/${encodeURIComponent(code)}?kiosk=1`);
    await page.getByText('Tờ khai chỉ in được ngay sau khi nộp hồ sơ').waitFor();
    expect(await page.locator('main').textContent()).not.toContain('Nguyễn Thị Lan');
    expect(errors).toEqual([]);
    await context.close();
  });
});
