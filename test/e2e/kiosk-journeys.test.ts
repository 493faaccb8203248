/**
 * A resident alone at the kiosk, by touch only: every journey taps the screen and the on-screen
 * keyboard (never fill()), at 1080×1920 portrait and 1920×1080 landscape (the latter in high
 * contrast), and ends on what the resident sees. The contrast check runs in every display mode on
 * every screen the journeys visit. The kiosk under test did not file the dossier it tracks: another
 * kiosk of the ward did, through the reference portal on 127.0.0.1; the device's clock is set to UTC.
 * One browser, one portal and one set of cores for the whole file (CI has 2 cores).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rendererDir } from '../../electron/paths.js';
import { startWebHost, type WebHost } from '../../electron/web/server.js';
import { captureErrors, isolatedContext, launchChromium, printsOf, stubPrinter } from '../helpers/browser.js';
import { onScreenKeyboard as keyboard, tapType } from '../helpers/kiosk-keyboard.js';
import { wardCatalog } from '../helpers/catalog.js';
import { expectContrastInEveryMode } from '../helpers/contrast.js';
import { seedAnnouncement, signInOfficer, tempDir } from '../helpers/core.js';
import { birthFiling, makeDevice, type Device } from '../helpers/sync.js';
import { startReferencePortal, type ReferencePortal } from '../portal/server.js';

const CODES = ['1.001193', '1.000894', '1.000656', '2.000635', '1.004873', '1.004194', '1.004222', '2.000528', '1.000178'];
const OFFICE = { address: 'Số 1 Đội Cấn, Ba Đình, Hà Nội', hotline: '024 3823 4567' };
const CCCD = '001090123456|012345678|Nguyễn Văn An|01011990|Nam|Số 1 Đội Cấn, Ba Đình, Hà Nội|15042021';

async function erase(page: Page, times: number) {
  const key = keyboard(page).getByRole('button', { name: 'Xóa' });
  for (let i = 0; i < times; i++) await key.tap();
}

/**
 * The search result for `code`, once the search for what was typed has answered: results are
 * searched as the resident types, and a tap must not land on the list of a shorter query.
 */
async function searchResult(page: Page, typed: string, code: string) {
  await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe(typed);
  const results = page.getByRole('region', { name: 'Thủ tục' });
  // The list is settled when it reads the same three times in a row, with the code in it.
  const seen: string[] = [];
  await expect
    .poll(async () => {
      seen.push((await results.textContent()) ?? '');
      return seen.length >= 3 && seen.slice(-3).every((t) => t === seen.at(-1)) && seen.at(-1)!.includes(code);
    }, { interval: 200 })
    .toBe(true);
  return results.getByRole('link').filter({ hasText: code }).first();
}

/** A USB scanner as the kiosk sees it: key events far faster than a person types, then Enter. */
async function scan(page: Page, text: string) {
  await page.evaluate((t) => {
    for (const key of [...t, 'Enter']) (document.activeElement ?? document.body).dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  }, text);
}

/** The hour and date an instant shows in Vietnam, computed by the platform's own time zone data. */
function vietnamTime(iso: string): { time: string; date: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit', year: 'numeric', hourCycle: 'h23' })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return { time: `${parts.hour}:${parts.minute}`, date: `${parts.day}/${parts.month}/${parts.year}` };
}

/** Prints the page as Chromium would to the printer (CSS page size), and reads it back. */
async function printed(page: Page, name: string): Promise<{ text: string; qr: string; widthPt: number; heightPt: number }> {
  const dir = tempDir();
  const pdf = path.join(dir, `${name}.pdf`);
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))!;
  execFileSync('pdftoppm', ['-r', '200', '-png', '-f', '1', '-l', '1', pdf, path.join(dir, 'page')]);
  const png = fs.readdirSync(dir).find((f) => f.endsWith('.png'))!;
  const qr = execFileSync('zbarimg', ['--quiet', '--raw', path.join(dir, png)], { encoding: 'utf8' }).trim();
  return { text, qr, widthPt: Number(size[1]), heightPt: Number(size[2]) };
}

/**
 * The computed font size of every element on screen that shows text of its own, keyed by a mark
 * left on it (the first call marks them; a later call reads the same elements again).
 */
async function textSizes(page: Page): Promise<Record<string, { px: number; text: string }>> {
  return page.evaluate(() => {
    const out: Record<string, { px: number; text: string }> = {};
    let next = document.querySelectorAll('[data-size-probe]').length;
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim());
      if (!own || !el.getClientRects().length || getComputedStyle(el).visibility === 'hidden') continue;
      el.dataset.sizeProbe ??= String(next++);
      out[el.dataset.sizeProbe] = { px: parseFloat(getComputedStyle(el).fontSize), text: el.textContent!.trim().slice(0, 40) };
    }
    return out;
  });
}

const ORIENTATIONS = [
  { name: 'portrait 1080×1920', viewport: { width: 1080, height: 1920 }, highContrast: false },
  { name: 'landscape 1920×1080, high contrast', viewport: { width: 1920, height: 1080 }, highContrast: true },
] as const;

describe('a resident alone at the kiosk, by touch only', () => {
  let browser: Browser;
  let portal: ReferencePortal;
  let kioskA: Device;
  let kioskB: Device;
  let desk: Device;
  let kioskHost: WebHost;
  let deskHost: WebHost;
  /** Filed at kiosk A; tracked at kiosk B. */
  let elsewhere: string;
  /** Received at the counter and returned: may be rated once. */
  const returned: string[] = [];
  const failedRequests: string[] = [];
  let portalDown = false;

  beforeAll(async () => {
    const catalogDir = wardCatalog(CODES);
    portal = await startReferencePortal({ dataDir: tempDir(), catalogDir });
    kioskA = makeDevice(portal.url, portal.createEnrollment('00324', 'kiosk'), { mode: 'kiosk', device: { slot: '01' } }, undefined, catalogDir);
    desk = makeDevice(portal.url, portal.createEnrollment('00324', 'staff'), { mode: 'staff', device: { slot: '01' } }, undefined, catalogDir);
    deskHost = await startWebHost({ core: desk.core, rendererDir });
    kioskB = makeDevice(
      portal.url,
      portal.createEnrollment('00324', 'kiosk'),
      { mode: 'kiosk', device: { slot: '02' }, kiosk: { idleSeconds: 60 }, office: OFFICE, queue: { url: deskHost.url } },
      undefined,
      catalogDir,
    );
    kioskHost = await startWebHost({ core: kioskB.core, rendererDir });
    seedAnnouncement(kioskB.core, { title: 'Lịch tiếp công dân', body: 'Chủ tịch UBND phường tiếp công dân sáng thứ Năm hằng tuần.' });
    browser = await launchChromium();

    elsewhere = (await kioskA.core.call('dossier.submit', birthFiling(1))).code;
    const session = await signInOfficer(desk.core);
    for (let i = 0; i < 2; i++) {
      const d = await desk.core.call('desk.receive', {
        session,
        procedureCode: '1.004873',
        applicant: { fullName: `Lê Thị Hồng ${i}`, idNumber: '001190012345', phone: '0912345678' },
        papers: [],
        noPapersReason: 'Giấy tờ đã kiểm tra tại quầy',
        attachments: [],
        sets: 1,
        collect: 'counter',
        outcome: 'accept',
      });
      for (const to of ['processing', 'result_ready', 'returned'] as const) await desk.core.call('dossier.transition', { session, code: d.code, to });
      returned.push(d.code);
    }
    for (const d of [kioskA, desk, kioskB]) expect((await d.core.sync.runOnce()).errors).toEqual([]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await kioskHost?.close();
    await deskHost?.close();
    for (const d of [kioskA, kioskB, desk]) d?.core.close();
    if (!portalDown) await portal?.close();
    // No page asked for anything that is not there (a favicon, a font, a route).
    expect(failedRequests).toEqual([]);
  });

  // Each journey is another resident, a minute later: the kiosk's per-client limits (a code is slow to
  // guess) count them apart, as they would on a real kiosk.
  beforeEach(() => {
    for (const d of [kioskA, kioskB, desk]) d.clock.advance(61_000);
  });

  async function open(o: (typeof ORIENTATIONS)[number], path = '/kiosk'): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
    const context = await isolatedContext(browser, kioskHost.url, o.viewport, { hasTouch: true, timezoneId: 'UTC' });
    await stubPrinter(context);
    const page = await context.newPage();
    page.on('response', (r) => {
      if (r.status() >= 400 && !r.url().includes('/api/')) failedRequests.push(`${r.status()} ${r.url()}`);
    });
    const errors = captureErrors(page);
    await page.clock.install();
    await page.goto(path);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    if (o.highContrast) {
      await page.getByRole('button', { name: 'Tương phản cao' }).tap();
      await page.locator('.theme-contrast').waitFor();
    }
    return { context, page, errors };
  }

  const dock = (page: Page) => page.getByRole('navigation', { name: 'Điều hướng' });

  for (const o of ORIENTATIONS) {
    describe(o.name, () => {
      it('search → procedure → law article → back to the procedure → home; a procedure the ward does not take says where and how', async () => {
        const { context, page, errors } = await open(o);
        await expectContrastInEveryMode(page, 'home');
        // The header's words stay on one line each, in every text size; the badge says it plainly.
        for (const size of ['A', 'A+', 'A++']) {
          await page.getByRole('group', { name: 'Cỡ chữ' }).getByRole('button', { name: size, exact: true }).tap();
          const wrapped = await page.locator('.kiosk__header button, .kiosk__header [role="status"]').evaluateAll((els) =>
            els.filter((el) => el.scrollWidth > el.clientWidth + 1 || el.getBoundingClientRect().height > parseFloat(getComputedStyle(el).lineHeight) * 1.9 + 24).map((el) => el.textContent),
          );
          expect(wrapped).toEqual([]);
        }
        await page.getByRole('group', { name: 'Cỡ chữ' }).getByRole('button', { name: 'A', exact: true }).tap();
        expect(await page.getByRole('status', { name: 'Kết nối mạng: Trực tuyến' }).count()).toBe(1);
        // The ward's notices are in sight without scrolling, and the portrait screen is filled.
        const notice = await page.getByRole('heading', { name: 'Lịch tiếp công dân' }).boundingBox();
        expect(notice!.y + notice!.height).toBeLessThan(o.viewport.height);
        const notices = await page.getByRole('region', { name: 'Thông báo' }).boundingBox();
        if (o.viewport.height > o.viewport.width) expect(notices!.y + notices!.height).toBeGreaterThan(o.viewport.height * 0.9);
        // "By sector" is a control that opens, not an empty heading.
        await page.getByText(/Xem theo lĩnh vực \(\d+ lĩnh vực\)/).tap();
        await page.getByRole('link', { name: /^Hộ tịch \(\d+\)$/ }).waitFor();
        await expectContrastInEveryMode(page, 'home, sectors open');
        await page.getByRole('link', { name: /Tìm thủ tục hành chính/ }).tap();
        await page.getByLabel('Bạn cần làm thủ tục gì?').tap();
        await keyboard(page).waitFor();
        await tapType(page, 'khai sinh');
        const result = await searchResult(page, 'khai sinh', '1.001193');
        // A+ and A++ make every text on the screen larger — the header's buttons, the keys, the dock, the
        // results — measured before and after (A++ once made the header's buttons smaller).
        const sizeButton = (name: string) => page.getByRole('group', { name: 'Cỡ chữ' }).getByRole('button', { name, exact: true });
        const atA = await textSizes(page);
        expect(Object.keys(atA).length).toBeGreaterThan(40);
        for (const [name, factor] of [['A+', 1.15], ['A++', 1.35]] as const) {
          await sizeButton(name).tap();
          const grown = await textSizes(page);
          const notGrown = Object.entries(atA).filter(([k, v]) => grown[k] && grown[k].px < v.px * factor).map(([k, v]) => `${v.text}: ${v.px} → ${grown[k]!.px}`);
          expect(notGrown).toEqual([]);
        }
        await sizeButton('A').tap();
        expect(await keyboard(page).count()).toBe(1);
        await expectContrastInEveryMode(page, 'search, typing');
        await result.tap();
        await page.getByRole('heading', { level: 1, name: 'Đăng ký khai sinh' }).waitFor();
        // The keyboard leaves with the field it served.
        expect(await keyboard(page).count()).toBe(0);
        expect(await page.getByRole('region', { name: 'Nộp hồ sơ tại ki-ốt' }).count()).toBe(0);
        await expectContrastInEveryMode(page, 'procedure');
        await page.getByText('Chi tiết pháp lý: trình tự, cách thức, căn cứ pháp lý').tap();
        await page.getByRole('region', { name: 'Căn cứ pháp lý' }).getByRole('link', { name: /60\/2014\/QH13/ }).tap();
        await page.locator('article[id="15.3.LQ.16"]').getByRole('heading', { name: /Thủ tục đăng ký khai sinh/ }).waitFor();
        await expectContrastInEveryMode(page, 'law reader');
        await dock(page).getByRole('button', { name: 'Quay lại' }).tap();
        await page.getByRole('heading', { level: 1, name: 'Đăng ký khai sinh' }).waitFor();
        expect(new URL(page.url()).pathname).toBe('/kiosk/procedures/1.001193');
        await dock(page).getByRole('link', { name: 'Trang chính' }).tap();
        await page.getByRole('heading', { level: 1, name: 'Xin chào! Chúng tôi có thể giúp gì cho bạn?' }).waitFor();

        // A ministry-level procedure: no filing here, but where to go and how.
        await page.getByRole('link', { name: /Tìm thủ tục hành chính/ }).tap();
        await page.getByLabel('Bạn cần làm thủ tục gì?').tap();
        // Home started a new task: the last search's words are gone.
        expect(await page.getByLabel('Bạn cần làm thủ tục gì?').inputValue()).toBe('');
        expect(await page.getByRole('region', { name: 'Thủ tục' }).count()).toBe(0);
        await tapType(page, '1.000178');
        await (await searchResult(page, '1.000178', '1.000178')).tap();
        const how = page.getByRole('region', { name: 'Cách nộp hồ sơ thủ tục này' });
        await how.waitFor();
        // 1.000178 is received by a ministry's inspectorate, in person or by post.
        expect(await how.textContent()).toContain('Thủ tục này không do phường tiếp nhận. Cơ quan giải quyết: Thanh tra Bộ.');
        expect(await how.textContent()).toContain('Nộp trực tiếp tại Thanh tra Bộ.');
        expect(await how.textContent()).toContain('Gửi hồ sơ qua dịch vụ bưu chính.');
        expect(await page.getByRole('link', { name: /Nộp trực tuyến tại ki-ốt/ }).count()).toBe(0);
        await expectContrastInEveryMode(page, 'procedure filed elsewhere');
        expect(errors).toEqual([]);
        await context.close();
      });

      it('tracks a dossier filed at another kiosk: typed with dashes, without them, lower case from a scan; a second scan replaces the first; a returned dossier is rated at the counter, not by its code', async () => {
        const { context, page, errors } = await open(o);
        await page.getByRole('link', { name: /Tra cứu hồ sơ/ }).tap();
        const box = page.getByLabel('Mã hồ sơ hoặc mã phản ánh');
        await box.tap();
        // The code layout: digits, capitals, "." and "-"; no "@".
        expect(await keyboard(page).getByRole('button', { name: '-', exact: true }).count()).toBe(1);
        expect(await keyboard(page).getByRole('button', { name: 'K', exact: true }).count()).toBe(1);
        expect(await keyboard(page).getByRole('button', { name: '@' }).count()).toBe(0);
        await tapType(page, elsewhere);
        await expectContrastInEveryMode(page, 'track, typing');
        await page.getByRole('button', { name: 'Tra cứu', exact: true }).tap();
        const shown = page.getByTestId('tracked-code');
        await expect.poll(() => shown.textContent()).toBe(elsewhere);
        const main = page.locator('main');
        expect(await main.textContent()).toContain('Trạng thái: Mới đăng ký');
        expect(await main.textContent()).toContain('N*** V*** 1***');
        expect(await main.textContent()).toContain('Thông tin lấy từ cổng dịch vụ công');
        expect(await main.textContent()).not.toContain('Nguyễn Văn 1');
        expect(await page.getByRole('heading', { name: 'Đánh giá mức độ hài lòng' }).count()).toBe(0);
        await expectContrastInEveryMode(page, 'track, a dossier');

        // The same code without its dashes and dot, typed again.
        await box.tap();
        await erase(page, elsewhere.length);
        expect(await box.inputValue()).toBe('');
        await tapType(page, elsewhere.replace(/[.-]/g, ''));
        await page.getByRole('button', { name: 'Tra cứu', exact: true }).tap();
        await expect.poll(() => page.url()).toContain(encodeURIComponent(elsewhere.replace(/[.-]/g, '')));
        await expect.poll(() => shown.textContent()).toBe(elsewhere);

        // Scans while the page is open: lower case first, then a returned dossier, which replaces it.
        await scan(page, returned[ORIENTATIONS.indexOf(o)]!.toLowerCase());
        await expect.poll(() => shown.textContent()).toBe(returned[ORIENTATIONS.indexOf(o)]);
        expect(await main.textContent()).toContain('Trạng thái: Đã trả kết quả');
        expect(await main.textContent()).not.toContain(elsewhere);
        // A code alone proves nothing: the dossier is rated at the counter of its return, and the page says so.
        await page.getByRole('note').filter({ hasText: 'Việc giải quyết hồ sơ được đánh giá tại quầy khi nhận kết quả.' }).waitFor();
        await expectContrastInEveryMode(page, 'track, a returned dossier');
        expect(await page.getByRole('region', { name: 'Đánh giá mức độ hài lòng' }).count()).toBe(0);
        // What is not a code is told in plain words, next to the field.
        await box.tap();
        await erase(page, 30);
        await tapType(page, '123');
        await page.getByRole('button', { name: 'Tra cứu', exact: true }).tap();
        const notACode = page.getByRole('alert').filter({ hasText: 'Mã hồ sơ chưa đúng. Mã có dạng 00324.K01-261123-0001' });
        await notACode.waitFor();
        expect(await page.locator('main').textContent()).not.toMatch(/Trường|“code”/);
        // Typing again takes the old answer away: the message, and a code's result too.
        await box.tap();
        await tapType(page, '4');
        expect(await notACode.count()).toBe(0);
        await erase(page, 4);
        await tapType(page, '00324.K09-261130-0042');
        await page.getByRole('button', { name: 'Tra cứu', exact: true }).tap();
        const notFound = page.getByRole('alert').filter({ hasText: 'Không tìm thấy hồ sơ mã 00324.K09-261130-0042' });
        await notFound.waitFor();
        await box.tap();
        await erase(page, 1);
        expect(await notFound.count()).toBe(0);
        expect(await page.getByRole('alert').count()).toBe(0);
        if (!o.highContrast) {
          // The box holds what a code can be (40 characters), and the caret stays in sight as it fills
          // (at A++, as a resident who needs it reads: the code is then wider than the box).
          await page.getByRole('group', { name: 'Cỡ chữ' }).getByRole('button', { name: 'A++', exact: true }).tap();
          await box.tap();
          await erase(page, 30);
          await tapType(page, '0123456789ABCDEFGHJK.0123456789-0123456789-0123');
          expect(await box.inputValue()).toBe('0123456789ABCDEFGHJK.0123456789-01234567');
          const caretInSight = () => box.evaluate((el: HTMLInputElement) => ({ overflows: el.scrollWidth > el.clientWidth, atEnd: el.scrollLeft + el.clientWidth >= el.scrollWidth - 2, atStart: el.scrollLeft <= 2 }));
          expect(await caretInSight()).toMatchObject({ overflows: true, atEnd: true });
          // Keys past the end left nothing behind: one ← per character reaches the start (and ⌫ erases what shows).
          await erase(page, 1);
          expect(await box.inputValue()).toBe('0123456789ABCDEFGHJK.0123456789-0123456');
          await tapType(page, '7');
          for (let i = 0; i < 40; i++) await keyboard(page).getByRole('button', { name: 'Lùi con trỏ sang trái' }).tap();
          expect(await caretInSight()).toMatchObject({ atStart: true });
          await page.getByRole('group', { name: 'Cỡ chữ' }).getByRole('button', { name: 'A', exact: true }).tap();
        }
        expect(kioskB.core.db.prepare('SELECT count(*) AS n FROM ratings WHERE dossier_code = ?').get(returned[ORIENTATIONS.indexOf(o)])).toEqual({ n: 0 });
        // The browser's only complaint is the unknown code's answer (HTTP 404 from the web host).
        expect(errors).toEqual(['Failed to load resource: the server responded with a status of 404 (Not Found)']);
        await context.close();
      });

      it('files the whole 1.001193 by taps — an email, an address with "/", a late birth warned at once, the CCCD confirmed — and the receipt prints (the printer stubbed), then goes home by itself', async () => {
        const { context, page, errors } = await open(o);
        await page.getByRole('link', { name: /Tìm thủ tục hành chính/ }).tap();
        await page.getByLabel('Bạn cần làm thủ tục gì?').tap();
        await tapType(page, 'khai sinh');
        await (await searchResult(page, 'khai sinh', '1.001193')).tap();
        await page.getByRole('link', { name: /Nộp trực tuyến tại ki-ốt/ }).tap();
        const card = page.locator('main .ui-card');

        // Eligibility: a parent living elsewhere is guided, not blocked.
        const here = card.getByRole('group', { name: 'Cha hoặc mẹ của trẻ đang cư trú tại phường/xã này?' });
        await here.getByRole('button', { name: 'Không' }).tap();
        await here.getByRole('note').getByText(/Bạn vẫn có thể nộp hồ sơ tại ki-ốt này/).waitFor();
        await card.getByRole('group', { name: 'Trẻ có cha hoặc mẹ là người nước ngoài?' }).getByRole('button', { name: 'Không' }).tap();
        await expectContrastInEveryMode(page, 'wizard, eligibility');
        await page.getByRole('button', { name: /Tiếp tục/ }).tap();

        // Applicant: a card that contradicts itself is refused in words; a good one asks first.
        await card.getByLabel('Số điện thoại').tap();
        await scan(page, '001190123456||Lê Văn B|01011990|Nam|Hà Nội|15042021');
        await card.getByRole('alert').filter({ hasText: 'không khớp với ngày sinh' }).waitFor();
        await scan(page, CCCD);
        const dialog = page.getByRole('dialog', { name: 'Dùng thông tin trên thẻ căn cước?' });
        await dialog.waitFor();
        expect(await card.getByLabel('Họ và tên người nộp').inputValue()).toBe('');
        await expectContrastInEveryMode(page, 'wizard, CCCD confirmation');
        await dialog.getByRole('button', { name: 'Dùng thông tin này' }).tap();
        await expect.poll(() => card.getByLabel('Họ và tên người nộp').inputValue()).toBe('Nguyễn Văn An');
        // Nothing typed yet for the phone: told next to the field, in plain words; the card's name stays.
        await page.getByRole('button', { name: /Tiếp tục/ }).tap();
        await card.getByRole('alert').filter({ hasText: 'Vui lòng nhập số điện thoại.' }).waitFor();
        expect(await card.getByLabel('Họ và tên người nộp').inputValue()).toBe('Nguyễn Văn An');
        await card.getByLabel('Số điện thoại').tap();
        await tapType(page, '0912345678');
        await card.getByLabel('Email (không bắt buộc)').tap();
        expect(await keyboard(page).getByRole('button', { name: '@' }).count()).toBe(1);
        await tapType(page, 'an.nguyen@gmail.com');
        expect(await card.getByLabel('Email (không bắt buộc)').inputValue()).toBe('an.nguyen@gmail.com');
        // The field being typed into is in sight, above the keyboard.
        const field = await card.getByLabel('Email (không bắt buộc)').boundingBox();
        const kbTop = (await keyboard(page).boundingBox())!.y;
        expect(field!.y + field!.height).toBeLessThanOrEqual(kbTop);
        await expectContrastInEveryMode(page, 'wizard, applicant with the email keyboard');
        await page.getByRole('button', { name: /Tiếp tục/ }).tap();

        // The child: the keyboard closed with the last step; a birth over 60 days ago is warned at once.
        await card.getByLabel('Họ, chữ đệm và tên của trẻ').waitFor();
        expect(await keyboard(page).count()).toBe(0);
        await card.getByLabel('Họ, chữ đệm và tên của trẻ').tap();
        await tapType(page, '^nguyeexn ^an ^binhf');
        expect(await card.getByLabel('Họ, chữ đệm và tên của trẻ').inputValue()).toBe('Nguyễn An Bình');
        await card.getByLabel('Ngày sinh của trẻ').tap();
        // 90 days before the kiosk screen's own today (its clock, not this machine's).
        const late = new Date((await page.evaluate(() => Date.now())) - 90 * 86_400_000);
        const { date: lateDate } = vietnamTime(late.toISOString());
        await tapType(page, lateDate);
        await card.getByRole('status').filter({ hasText: 'Đã quá 60 ngày' }).waitFor();
        await card.getByRole('group', { name: /Giới tính của trẻ/ }).getByRole('button', { name: 'Nam' }).tap();
        // An address with "/": typed, then the caret moved back with ← to add what was missing.
        await card.getByLabel('Nơi sinh').tap();
        await tapType(page, '12 ^phoos ^huees');
        expect(await card.getByLabel('Nơi sinh').inputValue()).toBe('12 Phố Huế');
        await tapType(page, '←←←←←←←←/3');
        expect(await card.getByLabel('Nơi sinh').inputValue()).toBe('12/3 Phố Huế');
        await tapType(page, '→→→→→→→→, ^haf ^nooij');
        expect(await card.getByLabel('Nơi sinh').inputValue()).toBe('12/3 Phố Huế, Hà Nội');
        await expectContrastInEveryMode(page, 'wizard, the child with a warning');
        await page.getByRole('button', { name: /Tiếp tục/ }).tap();

        // The parents
        await card.getByLabel('Họ và tên mẹ').tap();
        await tapType(page, '^traanf ^thij ^hoa');
        await card.getByLabel('Số căn cước của mẹ').tap();
        await tapType(page, '001192012345');
        await card.getByRole('group', { name: /Quan hệ với người được đăng ký/ }).getByRole('button', { name: 'Cha, mẹ' }).tap();
        await page.getByRole('button', { name: /Tiếp tục/ }).tap();

        // Documents: a checkbox opens no keyboard.
        await card.getByText('Giấy chứng sinh (bản chính)', { exact: false }).tap();
        expect(await keyboard(page).count()).toBe(0);
        await expectContrastInEveryMode(page, 'wizard, documents');
        await page.getByRole('button', { name: /Tiếp tục/ }).tap();

        // Review, consent, submit
        const review = await card.textContent();
        for (const v of ['12/3 Phố Huế, Hà Nội', 'an.nguyen@gmail.com', 'Nguyễn An Bình', lateDate]) expect(review).toContain(v);
        expect(await keyboard(page).count()).toBe(0);
        await card.getByText(/Tôi cam đoan/).tap();
        await expectContrastInEveryMode(page, 'wizard, review');
        await page.getByRole('button', { name: 'Nộp hồ sơ', exact: true }).tap();
        const code = (await page.getByTestId('dossier-code').textContent())!;
        expect(code).toMatch(/^00324\.K02-\d{6}-\d{4}$/);
        await expectContrastInEveryMode(page, 'filed');
        const filedAt = (kioskB.core.db.prepare('SELECT filed_at FROM dossiers WHERE code = ?').get(code) as { filed_at: string }).filed_at;

        // The receipt: 80 mm in portrait, A5 in landscape; printed at once, then home by itself.
        const a5 = o.highContrast;
        await page.getByRole('link', { name: a5 ? 'In khổ A5' : 'In biên nhận' }).tap();
        await page.locator('img.receipt__qr').waitFor();
        await expectContrastInEveryMode(page, 'receipt');
        const fontSize = await page.locator('.receipt dd').first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
        expect(fontSize).toBeGreaterThanOrEqual(16);
        // The receipt prints itself (the printer stubbed); the PDF below is taken once it has, never during.
        await expect.poll(() => printsOf(page)).toBe(1);
        const pdf = await printed(page, 'receipt');
        if (a5) {
          expect(Math.round(pdf.widthPt)).toBe(420); // 148 mm
          expect(Math.round(pdf.heightPt)).toBe(595); // 210 mm
        } else expect(Math.round((pdf.widthPt * 25.4) / 72)).toBe(80);
        expect(pdf.qr).toBe(code);
        const vn = vietnamTime(filedAt);
        for (const expected of [code, 'Biên nhận nộp hồ sơ', 'Đăng ký khai sinh', `${vn.time} ${vn.date}`, 'N*** V*** A***', 'Giấy chứng sinh (bản chính)', OFFICE.address, OFFICE.hotline, '07:30–11:30', 'Phường Ba Đình']) {
          expect(pdf.text.replace(/\s+/g, ' ')).toContain(expected);
        }
        for (const personal of ['Nguyễn Văn An', '001090123456', '0912345678', 'an.nguyen@gmail.com', 'Nguyễn An Bình', 'Trần Thị Hoa', '12/3 Phố Huế']) expect(pdf.text).not.toContain(personal);
        // Printed: the page says so and invites no second print; "In lại" stays for a slip that did not come out.
        await page.getByRole('status').filter({ hasText: 'Đã in phiếu. Mời bạn lấy phiếu ở khe máy in.' }).waitFor();
        expect(await page.getByRole('button', { name: 'In', exact: true }).count()).toBe(0);
        expect(await page.getByRole('button', { name: 'In lại' }).count()).toBe(1);
        await page.clock.fastForward(11_000);
        await page.waitForURL(/\/kiosk$/);
        await page.getByRole('heading', { level: 1, name: 'Xin chào! Chúng tôi có thể giúp gì cho bạn?' }).waitFor();
        expect(await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('motcua.wizard')))).toEqual([]);
        // The next person finds nothing of this visit: the search words are gone too.
        await page.getByRole('link', { name: /Tìm thủ tục hành chính/ }).tap();
        expect(await page.getByLabel('Bạn cần làm thủ tục gì?').inputValue()).toBe('');
        expect(await page.content()).not.toContain(code);
        expect(errors).toEqual([]);
        await context.close();
      });

      it('feedback by taps gets a code at once, which the resident follows up on the track page and prints', async () => {
        const { context, page, errors } = await open(o);
        await page.getByRole('link', { name: /Góp ý, đánh giá/ }).tap();
        await page.getByRole('button', { name: 'Cán bộ, công chức' }).tap();
        await page.getByRole('button', { name: 'Gửi phản ánh' }).tap();
        await page.getByRole('alert').filter({ hasText: 'Hãy viết nội dung bạn muốn phản ánh.' }).waitFor();
        await page.getByRole('textbox', { name: 'Nội dung', exact: true }).tap();
        await tapType(page, '^cans booj huwowngs daanx raats taanj tinhf.');
        expect(await page.getByRole('textbox', { name: 'Nội dung', exact: true }).inputValue()).toBe('Cán bộ hướng dẫn rất tận tình.');
        // The text is there now: the message asking for it is gone while the resident goes on.
        expect(await page.getByRole('alert').filter({ hasText: 'Hãy viết nội dung bạn muốn phản ánh.' }).count()).toBe(0);
        await page.getByLabel('Số điện thoại hoặc email (không bắt buộc)').tap();
        // The contact field stays in sight above the email keyboard (it used to sit under it in landscape).
        const contact = await page.getByLabel('Số điện thoại hoặc email (không bắt buộc)').boundingBox();
        expect(contact!.y + contact!.height).toBeLessThanOrEqual((await keyboard(page).boundingBox())!.y);
        await tapType(page, 'an@gmail');
        await page.getByRole('button', { name: 'Gửi phản ánh' }).tap();
        await page.getByRole('alert').filter({ hasText: 'Hãy nhập số điện thoại' }).waitFor();
        await page.getByLabel('Số điện thoại hoặc email (không bắt buộc)').tap();
        await tapType(page, '.com');
        expect(await page.getByRole('alert').filter({ hasText: 'Hãy nhập số điện thoại' }).count()).toBe(0);
        await expectContrastInEveryMode(page, 'feedback form');
        await page.getByRole('button', { name: 'Gửi phản ánh' }).tap();
        const code = (await page.getByTestId('feedback-code').textContent())!;
        expect(code).toMatch(/^PA-00324\.K02-\d{6}-\d{4}$/);
        await expectContrastInEveryMode(page, 'feedback sent');
        await page.getByRole('link', { name: 'Theo dõi phản ánh này' }).tap();
        const slip = page.getByRole('region', { name: 'Phiếu theo dõi phản ánh' });
        await slip.waitFor();
        expect(await slip.textContent()).toContain(code);
        expect(await slip.textContent()).toContain('Hạn trả lời');
        expect(await slip.textContent()).not.toContain('tận tình');
        await expectContrastInEveryMode(page, 'track, a feedback');
        await page.getByRole('link', { name: 'In phiếu phản ánh' }).tap();
        await page.locator('img.slip__qr').waitFor();
        const pdf = await printed(page, 'feedback');
        expect(pdf.qr).toBe(code);
        expect(pdf.text).toContain(code);
        expect(pdf.text).toContain('Hạn trả lời');
        expect(pdf.text).not.toContain('an@gmail.com');
        expect(pdf.text).not.toContain('tận tình');
        await page.getByRole('navigation', { name: 'Điều hướng' }).getByRole('button', { name: 'Quay lại' }).tap();
        await slip.waitFor();
        expect(errors).toEqual([]);
        await context.close();
      });

      it('a ticket from the queue desk prints and the kiosk goes home by itself; the wizard’s Cancel asks, then forgets the draft', async () => {
        const { context, page, errors } = await open(o);
        // Within one visit "Home" starts a new task: the search's words go, the resident's choices (A++, English) stay.
        await page.getByRole('group', { name: 'Cỡ chữ' }).getByRole('button', { name: 'A++', exact: true }).tap();
        await page.getByRole('button', { name: 'English' }).tap();
        await page.getByRole('link', { name: /Find a procedure/ }).tap();
        await page.getByLabel('What do you need to do?').tap();
        const kb = page.getByRole('group', { name: 'On-screen keyboard' });
        for (const ch of 'birth') await kb.getByRole('button', { name: ch, exact: true }).tap();
        await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('birth');
        await page.getByRole('navigation', { name: 'Navigation' }).getByRole('link', { name: 'Home' }).tap();
        await page.getByRole('link', { name: /Find a procedure/ }).tap();
        expect(await page.getByLabel('What do you need to do?').inputValue()).toBe('');
        expect(await page.getByRole('group', { name: 'Text size' }).getByRole('button', { name: 'A++', exact: true }).getAttribute('aria-pressed')).toBe('true');
        await page.getByRole('navigation', { name: 'Navigation' }).getByRole('link', { name: 'Home' }).tap();
        await page.getByRole('link', { name: /Take a ticket/ }).tap();
        // The queue desk's groups, the social-policy one among them, with what it covers.
        const groups = page.locator('main').getByRole('button');
        await expect.poll(() => groups.count()).toBe(5);
        expect(await page.getByRole('button', { name: /^E Chính sách – Xã hội/ }).textContent()).toContain('Người có công, Bảo trợ xã hội, Giảm nghèo, Trẻ em, Trợ cấp');
        await expectContrastInEveryMode(page, 'ticket');
        await page.getByRole('button', { name: /Hộ tịch/ }).tap();
        await page.getByTestId('ticket-label').waitFor();
        const label = (await page.getByTestId('ticket-label').textContent())!;
        expect(label).toMatch(/^A\d{3}$/);
        // Nobody has been called today: everyone of the group before this number still waits.
        const ahead = Number(label.slice(1)) - 1;
        await page.getByText(ahead === 0 ? 'You are next.' : ahead === 1 ? 'One person before you.' : `${ahead} people before you.`, { exact: true }).waitFor();
        await page.getByRole('status').filter({ hasText: 'Your slip is printed. Please take it from the printer.' }).waitFor();
        expect(await page.getByRole('button', { name: 'Print', exact: true }).count()).toBe(0);
        expect(await page.getByRole('button', { name: 'Print again' }).count()).toBe(1);
        await expectContrastInEveryMode(page, 'ticket printed');
        await page.clock.fastForward(11_000);
        await page.waitForURL(/\/kiosk$/);
        // The visit is over: the next person meets the kiosk as it starts — Vietnamese, A, normal contrast.
        await page.getByRole('heading', { level: 1, name: 'Xin chào! Chúng tôi có thể giúp gì cho bạn?' }).waitFor();
        expect(await page.getByRole('group', { name: 'Cỡ chữ' }).getByRole('button', { name: 'A', exact: true }).getAttribute('aria-pressed')).toBe('true');
        expect(await page.locator('.theme-contrast').count()).toBe(0);

        await page.goto('/kiosk/procedures/1.004873');
        await page.getByRole('link', { name: /Nộp trực tuyến tại ki-ốt/ }).tap();
        await page.getByRole('group', { name: /Bạn \(người xin xác nhận\)/ }).getByRole('button', { name: 'Có' }).tap();
        await page.getByRole('button', { name: /Tiếp tục/ }).tap();
        await page.getByLabel('Họ và tên người nộp').tap();
        await tapType(page, '^mai');
        // Home from the dock asks first too.
        await dock(page).getByRole('link', { name: 'Trang chính' }).tap();
        const ask = page.getByRole('dialog', { name: 'Hủy hồ sơ đang điền?' });
        await ask.waitFor();
        await ask.getByRole('button', { name: 'Tiếp tục điền' }).tap();
        expect(await page.getByLabel('Họ và tên người nộp').inputValue()).toBe('Mai');
        await page.getByRole('button', { name: 'Hủy nộp hồ sơ' }).tap();
        await ask.waitFor();
        await expectContrastInEveryMode(page, 'wizard, cancel');
        await ask.getByRole('button', { name: 'Hủy và xóa thông tin' }).tap();
        await page.getByRole('heading', { level: 1, name: 'Xin chào! Chúng tôi có thể giúp gì cho bạn?' }).waitFor();
        expect(await page.evaluate(() => JSON.stringify(sessionStorage))).not.toContain('Mai');
        expect(errors).toEqual([]);
        await context.close();
      });

      it('after the idle reset, Back shows the attract screen and no storage holds anything; the attract screen rests', async () => {
        // Home → track → home → track a code → its slip → home: the resident's trail in history.
        const { context, page } = await open(o);
        await page.getByRole('link', { name: /Tra cứu hồ sơ/ }).tap();
        await dock(page).getByRole('link', { name: 'Trang chính' }).tap();
        await page.getByRole('link', { name: /Tra cứu hồ sơ/ }).tap();
        await page.getByLabel('Mã hồ sơ hoặc mã phản ánh').tap();
        await tapType(page, elsewhere);
        await page.getByRole('button', { name: 'Tra cứu', exact: true }).tap();
        await page.getByTestId('tracked-code').waitFor();
        await page.getByRole('link', { name: /In phiếu tra cứu/ }).tap();
        await page.locator('img.receipt__qr').waitFor();
        await page.getByRole('navigation', { name: 'Điều hướng' }).getByRole('button', { name: 'Trang chính' }).tap();
        await page.getByRole('heading', { level: 1, name: 'Xin chào! Chúng tôi có thể giúp gì cho bạn?' }).waitFor();
        // A minute without a touch: the countdown, then the reset.
        await page.clock.fastForward(61_000);
        await page.getByRole('alertdialog', { name: 'Chạm để tiếp tục' }).waitFor();
        await expectContrastInEveryMode(page, 'idle countdown');
        await page.clock.fastForward(11_000);
        await page.waitForURL(/\/kiosk\/attract$/);
        const attract = page.getByRole('heading', { name: 'Chạm vào màn hình để bắt đầu' });
        await attract.waitFor();
        const storage = () => page.evaluate(() => ({ session: Object.keys(sessionStorage), local: Object.keys(localStorage), cookies: document.cookie }));
        await expect.poll(storage).toEqual({ session: [], local: [], cookies: '' });
        await expectContrastInEveryMode(page, 'attract');
        await page.goBack();
        await page.waitForURL(/\/kiosk\/attract$/);
        await attract.waitFor();
        expect(await page.content()).not.toContain(elsewhere);
        // (Alt+Left is no key in headless Chromium: pressed here, it did nothing, and a fixed 300 ms wait
        // let the same checks pass again on the page it never left. A second Back lands on /kiosk, the home
        // screen, with nothing of the visit: left to the kiosk's own issue.)
        expect(await storage()).toEqual({ session: [], local: [], cookies: '' });
        // The attract screen is the rest state: no countdown there, however long it waits.
        await page.clock.fastForward(200_000);
        expect(await page.getByRole('alertdialog').count()).toBe(0);
        expect(new URL(page.url()).pathname).toBe('/kiosk/attract');
        await attract.tap();
        await page.waitForURL(/\/kiosk$/);
        await context.close();
      });
    });
  }

  it('in English the keyboard types plain letters (Telex a tap away); offline, tracking says it cannot check now', async () => {
    const o = ORIENTATIONS[0];
    const { context, page } = await open(o);
    await page.getByRole('button', { name: 'English' }).tap();
    await page.getByRole('link', { name: /Find a procedure/ }).tap();
    await page.getByLabel('What do you need to do?').tap();
    const kb = page.getByRole('group', { name: 'On-screen keyboard' });
    await kb.getByRole('button', { name: 'Typing ABC, tap to switch' }).waitFor();
    for (const ch of 'birth') await kb.getByRole('button', { name: ch, exact: true }).tap();
    expect(await page.getByLabel('What do you need to do?').inputValue()).toBe('birth');
    await kb.getByRole('button', { name: 'Typing ABC, tap to switch' }).tap();
    await kb.getByRole('button', { name: 'Typing Telex, tap to switch' }).waitFor();
    await context.close();

    await portal.close();
    portalDown = true;
    const again = await open(o, '/kiosk/track');
    await again.page.getByLabel('Mã hồ sơ hoặc mã phản ánh').tap();
    await tapType(again.page, elsewhere);
    await again.page.getByRole('button', { name: 'Tra cứu', exact: true }).tap();
    await again.page.getByRole('alert').filter({ hasText: 'Chưa kiểm tra được hồ sơ lúc này' }).waitFor();
    await again.page.getByRole('button', { name: 'Thử lại' }).waitFor();
    await expectContrastInEveryMode(again.page, 'track, offline');
    await again.context.close();
  });
});
