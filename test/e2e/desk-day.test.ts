import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock, type ManualClock } from '../../electron/core/clock.js';
import { loadConfig } from '../../electron/core/config/load.js';
import { createCore, type Core } from '../../electron/core/index.js';
import { createLogger } from '../../electron/core/log.js';
import { catalogDir, rendererDir } from '../../electron/paths.js';
import { startWebHost, type WebHost } from '../../electron/web/server.js';
import { captureErrors, expectNoAxeViolations, isolatedContext, launchChromium, typeDate, typeOver } from '../helpers/browser.js';
import { isolatedPlatform, signInOfficer, stored, tempDir, TEST_CALLER, TEST_PASSWORD } from '../helpers/core.js';

/**
 * An officer's full day at the counter and a supervisor's month, in Chromium at 1366×768, driven
 * the way the desk is used: the keyboard where the officer types (shortcuts, Enter to move on,
 * Space to tick), clicks elsewhere; what the officer sees and what prints (PDFs read back with
 * pdftotext, pdfinfo and zbarimg) is what is asserted. One browser, one core (the bundled catalog
 * of 2,642 procedures), tests in the order of the day.
 */

const CCCD_QR = '001090123456|012345678|Phạm Văn Bình|01011990|Nam|Số 5 Phố Kim Mã, Ba Đình, Hà Nội|15042021';
const out = tempDir('motcua-day-');

/** Keys the officer presses that are not text (Tab, Enter, Space, shortcuts): counted, to keep a receipt quick. */
let keyPresses = 0;
async function press(page: Page, key: string): Promise<void> {
  keyPresses++;
  await page.keyboard.press(key);
}

async function typeInto(field: Locator, text: string): Promise<void> {
  await field.click();
  await field.page().keyboard.type(text);
}

async function signIn(page: Page, username: string): Promise<void> {
  // The lock screen keeps the last username: typed over, as an officer would.
  await page.getByLabel('Tên đăng nhập').selectText();
  await page.keyboard.type(username);
  await page.getByLabel('Mật khẩu').click();
  await page.keyboard.type(TEST_PASSWORD);
  await page.keyboard.press('Enter');
  await page.getByTestId('signed-in-as').waitFor();
}

/** The page as it prints: the PDF, its page count, its text (lines joined) and the QR codes on its first page. */
async function printed(page: Page, name: string): Promise<{ pages: number; text: string; qr: string }> {
  const file = path.join(out, `${name}.pdf`);
  // A desk form is printed as the officer does: "In" records the print (the page shows the copy it is)
  // and asks the browser to print. The printer is the boundary: window.print is stubbed to count the
  // request (a real one holds the page, and Chromium then refuses the PDF below); the PDF is what it prints.
  const press = page.getByRole('button', { name: 'In', exact: true });
  if (page.url().includes('/print/desk/') && (await press.count())) {
    await page.evaluate(() => {
      const w = window as unknown as { print: () => void; printRequests: number };
      w.printRequests = 0;
      w.print = () => void w.printRequests++;
    });
    await press.click();
    await page.waitForFunction(() => (window as unknown as { printRequests: number }).printRequests > 0);
  }
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: file, preferCSSPageSize: true, printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
  const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  execFileSync('pdftoppm', ['-r', '200', '-f', '1', '-l', '1', '-png', file, path.join(out, name)]);
  const png = fs.readdirSync(out).find((f) => f.startsWith(`${name}-`) && f.endsWith('.png'))!;
  let qr = '';
  try {
    qr = execFileSync('zbarimg', ['--quiet', '--raw', path.join(out, png)], { encoding: 'utf8' }).trim();
  } catch {
    // no QR on this form
  }
  return { pages, text, qr };
}

/** The words of a printed PDF's first page with their boxes (points, from the top left), and the page's size, as pdftotext -bbox reads them. */
function words(name: string): { width: number; height: number; words: { text: string; x0: number; y0: number; x1: number; y1: number }[] } {
  const html = execFileSync('pdftotext', ['-bbox', '-f', '1', '-l', '1', path.join(out, `${name}.pdf`), '-'], { encoding: 'utf8' });
  const page = /<page width="([\d.]+)" height="([\d.]+)"/.exec(html)!;
  const list = [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({ text: m[5]!, x0: Number(m[1]), y0: Number(m[2]), x1: Number(m[3]), y1: Number(m[4]) }));
  return { width: Number(page[1]), height: Number(page[2]), words: list };
}
const MM = 72 / 25.4;

describe('an officer’s full day and a supervisor’s month at 1366×768 (In prints through a stubbed window.print: the printer is out of reach)', () => {
  let browser: Browser;
  let core: Core;
  let clock: ManualClock;
  let host: WebHost;
  let desk: BrowserContext;
  let page: Page;
  let errors: string[];
  const codes: Record<string, string> = {};

  beforeAll(async () => {
    const dir = tempDir();
    // Monday 23/11/2026, 08:00 in Hà Nội.
    clock = manualClock('2026-11-23T08:00:00+07:00');
    const loaded = loadConfig({ platform: isolatedPlatform(dir), flags: { mode: 'staff', dataDir: path.join(dir, 'data'), ward: { code: '00324', name: 'Phường Ba Đình' } } });
    core = createCore({ loaded, clock, version: 'test', catalogDir, log: createLogger({ dir: null, clock }) });
    await signInOfficer(core, 'tiep.nhan', ['receptionist'], 'Nguyễn Thị Lan');
    await signInOfficer(core, 'tiep.nhan2', ['receptionist'], 'Vũ Văn Bình');
    await signInOfficer(core, 'xu.ly', ['processor'], 'Phan Minh Xử');
    await signInOfficer(core, 'lanh.dao', ['supervisor'], 'Trần Thị An');
    host = await startWebHost({ core, rendererDir });
    browser = await launchChromium();
    desk = await isolatedContext(browser, host.url);
    page = await desk.newPage();
    errors = captureErrors(page);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await host?.close();
    core?.close();
  });

  it('the counter: Alt+N before anyone came says nobody is waiting; a ticket called with Alt+N, a walk-in khai sinh by keyboard (Enter in the search picks the first procedure, Enter never records, the ID card choice starts at the CCCD), form 01 on one A5 sheet with its QR, and the control slip (form 05) to go with the papers', async () => {
    await page.goto('/staff');
    await signIn(page, 'tiep.nhan');
    // Nobody has taken a number yet: Alt+N says so where the number would show.
    const told = page.getByTestId('queue-message');
    await page.keyboard.press('Alt+N');
    await told.filter({ hasText: 'Không còn ai đang chờ ở các nhóm của quầy.' }).waitFor();
    const ticket = await core.call('queue.issue', { group: 'A' }); // from the kiosk
    await told.filter({ hasText: 'Quầy đang không phục vụ số nào.' }).waitFor(); // old news once someone waits
    // A receptionist lands on the queue and receiving; each action is named once, with its key.
    await page.getByRole('heading', { name: 'Hàng chờ — Quầy 1' }).waitFor();
    await page.getByRole('region', { name: 'Tiếp nhận' }).getByText('Không có hồ sơ nào chờ tiếp nhận.').waitFor(); // the inbox of filings
    await page.getByTestId('shortcuts').filter({ hasText: 'Alt+N gọi số tiếp theo' }).waitFor();
    expect(await page.getByText('Tiếp nhận hồ sơ', { exact: true }).count()).toBe(0);
    await expectNoAxeViolations(page);

    await press(page, 'Alt+N');
    await page.getByTestId('current-ticket').filter({ hasText: ticket.label }).waitFor();
    await page.getByRole('button', { name: `Tiếp nhận hồ sơ cho số ${ticket.label}` }).click();
    await page.getByRole('heading', { name: `Tiếp nhận hồ sơ mới · Số thứ tự ${ticket.label}` }).waitFor();

    // Focus is in the procedure search; Enter at once picks the first result (the results of what was typed, even before they show).
    await page.keyboard.type('khai sinh');
    await press(page, 'Enter');
    await page.getByTestId('chosen-procedure').filter({ hasText: 'Đăng ký khai sinh (1.001193)' }).waitFor();

    // The CCCD reader types the card's QR and Enter into the focused scan field: the card fills in, focus moves to the phone.
    await page.keyboard.type(CCCD_QR);
    await press(page, 'Enter');
    await page.getByText('Đã điền thông tin từ thẻ căn cước của Phạm Văn Bình.').waitFor();
    expect(await page.getByLabel('Số căn cước (12 số)').inputValue()).toBe('001090123456');
    await page.keyboard.type('0912345678');
    // Enter in any field moves on; nothing is recorded.
    await press(page, 'Enter');
    await press(page, 'Enter');
    expect(core.db.prepare("SELECT count(*) AS n FROM dossiers WHERE status = 'received'").get()).toEqual({ n: 0 });
    // The checklist: three papers (not 33 boxes); guidance folded away as text.
    await page.getByRole('group', { name: /Giấy tờ của trường hợp này \(3\)/ }).waitFor();
    expect(await page.locator('[data-paper]:visible').count()).toBe(3);
    await press(page, 'Space'); // Giấy chứng sinh
    await press(page, 'Enter'); // its alternatives
    await press(page, 'Enter'); // Giấy tờ tùy thân
    await press(page, 'Space');
    // Which card: the CCCD already, what almost every citizen brings (it was "— chọn —").
    const idPaper = page.locator('.receive-checklist__paper').filter({ has: page.getByRole('checkbox', { name: 'Giấy tờ tùy thân' }) });
    expect(await idPaper.getByLabel('Loại giấy tờ:').evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.textContent)).toBe('Thẻ căn cước công dân');

    await press(page, 'Control+Enter');
    const confirm = page.getByTestId('receive-confirm');
    await confirm.waitFor();
    // The dialog promises what happens: it records; printing is the next step, on the dossier page.
    await page.getByRole('dialog', { name: 'Tiếp nhận hồ sơ?' }).waitFor();
    expect(await confirm.textContent()).toContain('Thẻ căn cước công dân (Giấy tờ tùy thân)');
    expect(await page.getByTestId('confirm-appointment').textContent()).toBe('08:00 24/11/2026 (1 ngày làm việc)');
    await expectNoAxeViolations(page);
    await press(page, 'Enter'); // the confirm button has the focus
    await page.waitForURL(/\/staff\/dossiers\//);
    // From calling the ticket to the recorded receipt, besides the text typed: 11 keys (it took 65, 33 of them Tabs).
    expect(keyPresses).toBe(11);
    const code = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    codes.birth = code;
    expect(code).toBe('00324.Q01-261123-0001');
    expect(core.db.prepare('SELECT status, dossier_code FROM queue_tickets WHERE id = ?').get(ticket.id)).toEqual({ status: 'done', dossier_code: code });
    // Just recorded: the focus is on printing form 01, it shows, and the page says so.
    await page.waitForFunction(() => document.activeElement?.textContent?.includes('mẫu 01'));
    await page.getByTestId('print-next').filter({ hasText: 'Đã ghi nhận. Việc tiếp theo: in mẫu 01 cho người nộp — nhấn Enter.' }).waitFor();
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).toBe('solid');
    await press(page, 'Enter');
    await page.getByRole('heading', { name: 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ' }).waitFor();
    await page.getByRole('img', { name: /^Mã QR của hồ sơ/ }).waitFor();
    const form01 = await printed(page, 'form01-birth');
    expect(form01.pages).toBe(1);
    expect(form01.qr).toBe(code);
    expect(form01.text).toContain('UBND PHƯỜNG BA ĐÌNH BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ');
    expect(form01.text).toContain('(Liên 1: Giao người nộp hồ sơ)');
    expect(form01.text).toContain('Phường Ba Đình, ngày 23 tháng 11 năm 2026');
    expect(form01.text).toContain('1. Giấy chứng sinh (hoặc văn bản của người làm chứng xác nhận về việc sinh; hoặc giấy cam đoan về việc sinh) (1 bản chính) 2. Thẻ căn cước công dân (Giấy tờ tùy thân) (1 bản chính)');
    expect(form01.text).toContain('3. Thời gian giải quyết hồ sơ theo quy định là: 1 ngày làm việc');
    expect(form01.text).toContain('4. Thời gian nhận hồ sơ: 08 giờ 00 phút, ngày 23/11/2026');
    expect(form01.text).toContain('5. Thời gian trả kết quả giải quyết hồ sơ: 08 giờ 00 phút, ngày 24/11/2026');
    expect(form01.text).toContain('Vào Sổ theo dõi hồ sơ, Quyển số: 2026, Số thứ tự: 1');
    expect(form01.text).toMatch(/NGƯỜI NỘP HỒ SƠ .*NGƯỜI TIẾP NHẬN HỒ SƠ .*Phạm Văn Bình Nguyễn Thị Lan/);
    expect(form01.text).not.toContain('BẢN IN LẠI');
    // An A5 sheet, printed inside the printer's margins (nothing within 5 mm of an edge), with room to sign above each name.
    const sheet = words('form01-birth');
    expect([Math.round(sheet.width / MM), Math.round(sheet.height / MM)]).toEqual([148, 210]);
    expect(Math.min(...sheet.words.map((w) => w.x0))).toBeGreaterThan(5 * MM);
    expect(Math.min(...sheet.words.map((w) => w.y0))).toBeGreaterThan(5 * MM);
    expect(Math.max(...sheet.words.map((w) => w.x1))).toBeLessThan(sheet.width - 5 * MM);
    expect(Math.max(...sheet.words.map((w) => w.y1))).toBeLessThan(sheet.height - 5 * MM);
    const hint = sheet.words.filter((w) => w.text === '(Ký').at(-1)!;
    for (const name of ['Bình', 'Lan']) {
      const signed = sheet.words.find((w) => w.text === name && w.y0 > hint.y1)!;
      expect((signed.y0 - hint.y1) / MM, `room to sign above ${name}, in mm`).toBeGreaterThanOrEqual(12);
    }
    await page.getByRole('button', { name: 'Quay lại' }).click();
    await page.getByTestId('dossier-status').filter({ hasText: 'Được tiếp nhận' }).waitFor();
    // The control slip that goes with the papers: printed now, its hand-overs left to fill and sign by hand.
    await page.getByRole('link', { name: 'In phiếu kiểm soát quá trình giải quyết (mẫu 05)' }).click();
    await page.getByRole('heading', { name: 'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ' }).waitFor();
    const slip = await printed(page, 'form05-new');
    expect(slip.pages).toBe(1);
    expect(slip.text.split('…… giờ …… phút, ngày …… tháng …… năm ……')).toHaveLength(4);
    // Received Monday at 08:00, before 15:00: it goes to the deciding officer the same day.
    expect(slip.text).toContain('Chuyển trong ngày, trước 17:00 23/11/2026');
    await page.getByRole('button', { name: 'Quay lại' }).click();
    await page.getByTestId('dossier-status').filter({ hasText: 'Được tiếp nhận' }).waitFor();
  });

  it('a construction permit (1.013225) for a detached house: every problem shown at once next to its field in plain words, then received', async () => {
    clock.set('2026-11-23T08:05:00+07:00');
    await press(page, 'Alt+M');
    await page.getByRole('heading', { name: 'Tiếp nhận hồ sơ mới' }).waitFor();
    await page.keyboard.type('1.013225');
    await press(page, 'Enter');
    await page.getByTestId('chosen-procedure').filter({ hasText: '(1.013225)' }).waitFor();
    // Seven cases, the main one chosen; the officer picks the detached house.
    const cases = page.getByRole('group', { name: 'Trường hợp của hồ sơ' });
    expect(await cases.getByRole('radio').count()).toBe(7);
    expect(await cases.getByRole('radio', { name: /^\(1\.1\) Đối với công trình không theo tuyến/ }).isChecked()).toBe(true);
    await cases.getByRole('radio', { name: '(1.7) Đối với công trình nhà ở riêng lẻ' }).click();
    await page.getByRole('group', { name: /Giấy tờ của trường hợp này \(5\)/ }).waitFor();

    // The card box with nothing scanned: Enter moves on and Ctrl+Enter checks the form; an empty box is no "not a card" error.
    const qr = page.getByLabel('Quét mã QR trên thẻ căn cước');
    await qr.click();
    await press(page, 'Enter');
    expect(await qr.evaluate((el) => el === document.activeElement)).toBe(false);
    await qr.click();
    await press(page, 'Control+Enter');
    await page.getByTestId('receive-errors').waitFor();
    expect(await page.getByText('Đây không phải mã QR trên thẻ căn cước công dân.').count()).toBe(0);

    // Three bad fields and a bad time: one try shows all of them, each next to its field.
    await typeInto(page.getByLabel('Số căn cước (12 số)'), '00109012345');
    await typeInto(page.getByLabel('Số điện thoại'), '09123');
    await typeInto(page.getByLabel('Thời hạn giải quyết (ngày làm việc)'), '400');
    await page.getByText('Thời hạn giải quyết không được quá 365.').waitFor(); // shown as typed, no page error
    await press(page, 'Control+Enter');
    const summary = page.getByTestId('receive-errors');
    await summary.waitFor();
    const applicant = page.getByRole('region', { name: 'Người nộp hồ sơ' });
    await applicant.getByRole('alert').filter({ hasText: 'Hãy nhập họ và tên.' }).waitFor();
    await applicant.getByRole('alert').filter({ hasText: 'Số căn cước công dân phải gồm đúng 12 chữ số (bạn nhập 11 chữ số).' }).waitFor();
    await applicant.getByRole('alert').filter({ hasText: 'Số điện thoại chưa đúng: số di động gồm 10 chữ số bắt đầu bằng 0 (ví dụ 0912 345 678), có thể viết +84 thay cho số 0 (bạn nhập 5 chữ số).' }).waitFor();
    expect(await summary.textContent()).toContain('Còn 4 chỗ cần sửa');
    // The summary sits right under the button the officer used, not at the top of the page; the focus is on the first field to fix.
    const submit = await page.getByRole('button', { name: /Ghi nhận kết quả kiểm tra/ }).boundingBox();
    const told = await summary.boundingBox();
    expect(told!.y - (submit!.y + submit!.height)).toBeLessThan(40);
    expect(await page.getByLabel('Họ và tên').evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.locator('main').textContent()).not.toMatch(/regex|applicant\.|Trường “/);
    // "abc", "0" and "-3" are told too, never silently ignored.
    for (const [typed, message] of [
      ['abc', 'Thời hạn giải quyết phải là một số.'],
      ['0', 'Thời hạn giải quyết phải từ 0,125 trở lên.'],
      ['-3', 'Thời hạn giải quyết phải từ 0,125 trở lên.'],
    ] as const) {
      await page.getByLabel('Thời hạn giải quyết (ngày làm việc)').selectText();
      await page.keyboard.type(typed);
      await page.getByText(message).first().waitFor();
    }
    // Half a day, written the Vietnamese way: four office hours from 08:05, lunch skipped.
    await page.getByLabel('Thời hạn giải quyết (ngày làm việc)').selectText();
    await page.keyboard.type('0,5');
    await page.getByTestId('appointment-preview').filter({ hasText: 'Hẹn trả kết quả: 13:35 23/11/2026 (0,5 ngày làm việc)' }).waitFor();
    await page.getByLabel('Thời hạn giải quyết (ngày làm việc)').selectText();
    await page.keyboard.press('Delete');
    await typeInto(page.getByLabel('Họ và tên'), 'Lê Văn Cường');
    await page.getByLabel('Số căn cước (12 số)').selectText();
    await page.keyboard.type('001090123457');
    await page.getByLabel('Số điện thoại').selectText();
    await page.keyboard.type('0912345679');
    // "Chưa đủ" would ask for the five papers of this case (not the catalog's 51 lines); the officer can edit it.
    await page.getByLabel('Chưa đủ — yêu cầu bổ sung').check();
    const missing = (await page.getByLabel('Giấy tờ cần bổ sung (mỗi dòng một loại)').inputValue()).split('\n');
    expect(missing).toHaveLength(5);
    await page.getByRole('button', { name: 'Đánh dấu đủ tất cả giấy tờ trên' }).click();
    expect(await page.getByLabel('Giấy tờ cần bổ sung (mỗi dòng một loại)').inputValue()).toBe('');
    await page.getByLabel('Đủ — tiếp nhận và hẹn trả kết quả').check();
    await page.getByRole('button', { name: /Ghi nhận kết quả kiểm tra/ }).click();
    const confirm = page.getByTestId('receive-confirm');
    await confirm.waitFor();
    // 15 days, the day of receipt not counted: Tuesday 8/12 at the office's close.
    expect(await page.getByTestId('confirm-appointment').textContent()).toBe('17:00 08/12/2026 (15 ngày)');
    await confirm.getByRole('button', { name: 'Tiếp nhận' }).click();
    await page.waitForURL(/\/staff\/dossiers\//);
    codes.permit = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    const permit = stored(core, codes.permit)!;
    expect(permit.desk).toMatchObject({ caseTitle: '(1.7) Đối với công trình nhà ở riêng lẻ' });
    expect(permit.desk!.documents!.filter((d) => d.presented)).toHaveLength(5);
  });

  it('a refusal: the reason is asked for next to its field, and form 03 names the officer who refused', async () => {
    clock.set('2026-11-23T08:10:00+07:00');
    await press(page, 'Alt+M');
    await page.getByRole('heading', { name: 'Tiếp nhận hồ sơ mới' }).waitFor();
    await page.keyboard.type('dang ky thuong tru');
    await page.getByRole('button', { name: /^Đăng ký thường trú 1\.004222/ }).click();
    await typeInto(page.getByLabel('Họ và tên'), 'Đinh Thị Mai');
    await page.getByLabel('Không tiếp nhận').check();
    await page.getByRole('button', { name: /Ghi nhận kết quả kiểm tra/ }).click();
    await page.getByRole('alert').filter({ hasText: 'Hãy ghi lý do từ chối tiếp nhận.' }).first().waitFor();
    await typeInto(page.getByLabel('Lý do từ chối'), 'Nơi thường trú không thuộc địa bàn phường');
    await press(page, 'Control+Enter');
    await page.getByTestId('receive-confirm').getByRole('button', { name: 'Lập phiếu từ chối' }).click();
    await page.waitForURL(/\/staff\/dossiers\//);
    codes.refused = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    await page.getByRole('link', { name: 'In phiếu từ chối (mẫu 03)' }).click();
    await page.getByRole('heading', { name: 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ' }).waitFor();
    const form03 = await printed(page, 'form03');
    expect(form03.pages).toBe(1);
    expect(form03.text).toContain('từ chối tiếp nhận hồ sơ này với lý do cụ thể như sau: Nơi thường trú không thuộc địa bàn phường');
    expect(form03.text).toMatch(/NGƯỜI TIẾP NHẬN HỒ SƠ \(Ký và ghi rõ họ tên\) Nguyễn Thị Lan/);
    await page.getByRole('button', { name: 'Quay lại' }).click();
  });

  it('an incomplete kết hôn asks for what is missing (built from the unticked boxes); the supplement brought back is re-checked and form 01 lists every paper', async () => {
    clock.set('2026-11-23T08:15:00+07:00');
    await press(page, 'Alt+M');
    await page.getByRole('heading', { name: 'Tiếp nhận hồ sơ mới' }).waitFor();
    await page.keyboard.type('ket hon');
    await page.getByRole('button', { name: /^Đăng ký kết hôn 1\.000894/ }).click();
    await typeInto(page.getByLabel('Họ và tên'), 'Hoàng Văn Nam');
    const papers = page.getByRole('group', { name: /Giấy tờ của trường hợp này/ });
    await papers.getByRole('checkbox', { name: 'Giấy tờ tùy thân' }).check();
    await page.getByLabel('Chưa đủ — yêu cầu bổ sung').check();
    const missing = page.getByLabel('Giấy tờ cần bổ sung (mỗi dòng một loại)');
    expect(await missing.inputValue()).toBe('Tờ khai đăng ký kết hôn theo mẫu, có đủ thông tin của hai bên nam, nữ. Hai bên nam, nữ có thể khai chung vào một Tờ khai đăng ký kết hôn');
    await press(page, 'Control+Enter');
    await page.getByTestId('receive-confirm').getByRole('button', { name: 'Lập phiếu bổ sung' }).click();
    await page.waitForURL(/\/staff\/dossiers\//);
    codes.marriage = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    await page.getByRole('link', { name: 'In phiếu yêu cầu bổ sung (mẫu 02)' }).click();
    await page.getByRole('heading', { name: 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ' }).waitFor();
    const form02 = await printed(page, 'form02');
    expect(form02.pages).toBe(1);
    expect(form02.text).toContain('Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau: 1. Tờ khai đăng ký kết hôn theo mẫu');
    expect(form02.text).toMatch(/NGƯỜI HƯỚNG DẪN \(Ký và ghi rõ họ tên\) Nguyễn Thị Lan/);
    await page.getByRole('button', { name: 'Quay lại' }).click();

    // Wednesday: the citizen is back with the form. The dossier page offers to receive the supplement.
    clock.set('2026-11-25T10:00:00+07:00');
    await page.goto(`/staff/dossiers/${encodeURIComponent(codes.marriage)}`);
    await signIn(page, 'tiep.nhan'); // the session ended overnight
    expect(await page.getByRole('button', { name: /Chuyển sang “Được tiếp nhận”/ }).count()).toBe(0);
    await page.getByRole('link', { name: 'Nhận hồ sơ bổ sung' }).click();
    await page.getByRole('heading', { name: `Nhận hồ sơ bổ sung ${codes.marriage}` }).waitFor();
    await page.getByRole('region', { name: 'Giấy tờ đã yêu cầu bổ sung' }).getByText('Tờ khai đăng ký kết hôn theo mẫu', { exact: false }).waitFor();
    const again = page.getByRole('group', { name: /Giấy tờ của trường hợp này/ });
    expect(await again.getByRole('checkbox', { name: 'Giấy tờ tùy thân' }).isChecked()).toBe(true); // handed in on Monday
    await again.getByRole('checkbox', { name: /^Tờ khai đăng ký kết hôn/ }).check();
    await press(page, 'Control+Enter');
    await page.getByTestId('receive-confirm').getByRole('button', { name: 'Tiếp nhận' }).click();
    await page.waitForURL(/\/staff\/dossiers\//);
    await page.getByTestId('dossier-status').filter({ hasText: 'Được tiếp nhận' }).waitFor();
    expect(await page.locator('main').textContent()).not.toContain('Cần bổ sung');
    await page.getByRole('link', { name: 'In giấy tiếp nhận và hẹn trả (mẫu 01)' }).click();
    await page.getByRole('heading', { name: 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ' }).waitFor();
    const form01 = await printed(page, 'form01-marriage');
    // The identity paper by the card shown (the CCCD the choice started at).
    expect(form01.text).toContain('1. Thành phần hồ sơ nộp gồm: 1. Thẻ căn cước công dân (Giấy tờ tùy thân) (1 bản chính) 2. Tờ khai đăng ký kết hôn theo mẫu');
    expect(form01.text).toContain('4. Thời gian nhận hồ sơ: 10 giờ 00 phút, ngày 25/11/2026'); // the clock restarted
    await page.getByRole('button', { name: 'Quay lại' }).click();
  });

  it('a half-filled receipt survives the idle lock and a trip to another page, for its officer only; leaving asks first', async () => {
    clock.set('2026-11-25T10:05:00+07:00');
    await press(page, 'Alt+M');
    await page.getByRole('heading', { name: 'Tiếp nhận hồ sơ mới' }).waitFor();
    // The results show while typing, the first highlighted; the arrows move the highlight and Enter picks the highlighted one.
    await page.keyboard.type('khai tu');
    const highlighted = page.locator('button[aria-current="true"]');
    await highlighted.filter({ hasText: /^Đăng ký khai tử 1\.000656/ }).waitFor();
    await press(page, 'ArrowDown');
    await highlighted.filter({ hasText: /^Đăng ký khai tử lưu động 1\.000419/ }).waitFor();
    await press(page, 'ArrowUp');
    await highlighted.filter({ hasText: /^Đăng ký khai tử 1\.000656/ }).waitFor();
    await press(page, 'Enter');
    await page.getByTestId('chosen-procedure').filter({ hasText: '(1.000656)' }).waitFor();
    await typeInto(page.getByLabel('Họ và tên'), 'Trịnh Văn Hùng');
    // The citizen went to photocopy; the screen locked; the officer signs back in.
    await page.getByRole('button', { name: 'Khóa màn hình' }).click();
    await page.getByRole('heading', { name: 'Màn hình đã khóa' }).waitFor();
    expect(await page.getByText('Trịnh Văn Hùng').count()).toBe(0); // nothing of the work shows while locked
    // Another officer signing in at this screen does not get it: the draft is the officer's own.
    await signIn(page, 'tiep.nhan2');
    await page.getByRole('link', { name: 'Quầy', exact: true }).click();
    await page.getByRole('heading', { name: /Hàng chờ/ }).waitFor();
    expect(await page.locator('main').textContent()).not.toContain('Trịnh Văn Hùng');
    await page.getByRole('button', { name: 'Khóa màn hình' }).click();
    await page.getByRole('heading', { name: 'Màn hình đã khóa' }).waitFor();
    await signIn(page, 'tiep.nhan');
    await page.getByRole('link', { name: 'Tiếp tục bản nháp: Trịnh Văn Hùng (1.000656)' }).click();
    await page.getByText('Đã mở lại hồ sơ bạn đang nhập dở.').waitFor();
    expect(await page.getByLabel('Họ và tên').inputValue()).toBe('Trịnh Văn Hùng');
    await page.getByTestId('chosen-procedure').filter({ hasText: '1.000656' }).waitFor();

    // Going to another page asks first; staying keeps everything.
    await page.getByRole('link', { name: 'Hồ sơ', exact: true }).click();
    const leave = page.getByRole('dialog', { name: 'Rời trang tiếp nhận?' });
    await leave.waitFor();
    await leave.getByRole('button', { name: 'Ở lại nhập tiếp' }).click();
    expect(await page.getByLabel('Họ và tên').inputValue()).toBe('Trịnh Văn Hùng');
    await page.getByRole('link', { name: 'Hồ sơ', exact: true }).click();
    await leave.getByRole('button', { name: 'Rời trang' }).click();
    await page.getByRole('heading', { name: 'Danh sách hồ sơ' }).waitFor();
    // The counter offers to continue it.
    await page.getByRole('link', { name: 'Quầy', exact: true }).click();
    await page.getByRole('link', { name: 'Tiếp tục bản nháp: Trịnh Văn Hùng (1.000656)' }).click();
    expect(await page.getByLabel('Họ và tên').inputValue()).toBe('Trịnh Văn Hùng');
    await page.getByRole('button', { name: 'Bỏ bản nháp, nhập hồ sơ mới' }).click();
    expect(await page.getByLabel('Tìm thủ tục (tên hoặc mã)').count()).toBe(1);
  });

  it('accepting with no paper ticked is refused next to the checklist; with the reason stated, the confirmation shows it before anything is recorded', async () => {
    await press(page, 'Alt+M');
    await page.getByRole('heading', { name: 'Tiếp nhận hồ sơ mới' }).waitFor();
    await page.keyboard.type('khai tu');
    await page.getByRole('button', { name: /^Đăng ký khai tử 1\.000656/ }).click();
    await typeInto(page.getByLabel('Họ và tên'), 'Trịnh Văn Hùng');
    await press(page, 'Control+Enter');
    const checklist = page.getByRole('region', { name: 'Thành phần hồ sơ' });
    await checklist.getByRole('alert').filter({ hasText: 'Chưa đánh dấu giấy tờ nào công dân đã nộp. Hãy đánh dấu giấy tờ, hoặc ghi lý do tiếp nhận khi không có giấy tờ.' }).waitFor();
    expect(await page.getByTestId('receive-confirm').isVisible()).toBe(false);
    await typeInto(page.getByLabel('Lý do tiếp nhận khi không có giấy tờ nào'), 'Thông tin khai thác từ Cơ sở dữ liệu quốc gia về dân cư');
    await press(page, 'Control+Enter');
    const confirm = page.getByTestId('receive-confirm');
    await confirm.getByText('Không có giấy tờ — lý do: Thông tin khai thác từ Cơ sở dữ liệu quốc gia về dân cư').waitFor();
    await confirm.getByRole('button', { name: 'Quay lại sửa' }).click();
    expect(core.db.prepare("SELECT count(*) AS n FROM dossiers WHERE procedure_code = '1.000656'").get()).toEqual({ n: 0 });
    // Not this one after all: the draft goes, the next receipt starts empty.
    await page.getByRole('link', { name: 'Quầy', exact: true }).click();
    await page.getByRole('dialog', { name: 'Rời trang tiếp nhận?' }).getByRole('button', { name: 'Rời trang' }).click();
    await page.getByRole('link', { name: 'Tiếp tục bản nháp: Trịnh Văn Hùng (1.000656)' }).click();
    await page.getByRole('button', { name: 'Bỏ bản nháp, nhập hồ sơ mới' }).click();
    expect(await page.getByLabel('Tìm thủ tục (tên hoặc mã)').count()).toBe(1);
  });

  it('“Hồ sơ” opens with every dossier (no date to fill), sortable, the officer by name and the time left; found by a name without tones, a CCCD or a phone; a reversed range is told', async () => {
    await page.getByRole('link', { name: 'Hồ sơ', exact: true }).click();
    await page.getByRole('heading', { name: 'Danh sách hồ sơ' }).waitFor();
    await page.getByRole('status').filter({ hasText: '4 hồ sơ' }).waitFor();
    const table = page.getByRole('table', { name: 'Danh sách hồ sơ' });
    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBe(4);
    const birthRow = rows.filter({ hasText: codes.birth! });
    expect(await birthRow.textContent()).toContain('Nguyễn Thị Lan');
    expect(await birthRow.textContent()).toContain('quá hạn'); // due Tuesday 08:00
    // At 1366×768 the rows sit above the fold.
    const box = await rows.last().boundingBox();
    expect(box!.y + box!.height).toBeLessThan(768);
    await table.getByRole('button', { name: 'Mã hồ sơ' }).click();
    await expect.poll(async () => (await rows.first().textContent())?.slice(0, 21)).toBe('00324.Q01-261123-0001');
    expect(await table.getByRole('columnheader', { name: /Mã hồ sơ/ }).getAttribute('aria-sort')).toBe('ascending');
    // Found by what the officer has in hand: a name without tones or in capitals, a CCCD, a phone as said aloud.
    const search = page.getByRole('searchbox');
    for (const [query, code] of [
      ['pham van binh', codes.birth],
      ['ĐINH', codes.refused],
      ['001090123457', codes.permit],
      ['0912.345.679', codes.permit],
    ] as const) {
      await page.keyboard.press('Alt+T');
      await expect.poll(() => search.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.keyboard.press('Control+A');
      await page.keyboard.type(query);
      await page.keyboard.press('Enter');
      // The one dossier found (the count alone may still be the previous search's).
      await expect.poll(() => rows.first().getByRole('link').textContent(), { message: query }).toBe(code);
      await page.getByRole('status').filter({ hasText: /^1 hồ sơ$/ }).waitFor();
    }
    // ↓ from the search goes to the dossier found; Enter opens it.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: new RegExp(codes.permit!.replace(/\./g, '\\.')) }).waitFor();
    await page.goBack();
    await typeOver(search, '');
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: '4 hồ sơ' }).waitFor();
    // A from-date alone filters; a reversed range says so next to the field, and nothing breaks.
    await typeDate(page.getByLabel('Nộp từ ngày'), '11252026');
    await page.getByRole('button', { name: 'Lọc' }).click();
    await page.getByRole('status').filter({ hasText: '0 hồ sơ' }).waitFor();
    await typeDate(page.getByLabel('Đến ngày'), '11202026');
    await page.getByRole('button', { name: 'Lọc' }).click();
    await page.getByRole('alert').filter({ hasText: '“Đến ngày” phải từ “Nộp từ ngày” trở đi.' }).waitFor();
    await expectNoAxeViolations(page);
    expect(errors.filter((e) => /RangeError|Invalid time/.test(e))).toEqual([]);
  });

  it('a processor works from “hồ sơ của tôi”: takes a dossier, moves its appointment into office hours (Sunday 03:00 snapped, shown before saving), prints form 04 in their own name', async () => {
    clock.set('2026-11-25T10:20:00+07:00');
    const context = await isolatedContext(browser, host.url);
    const p = await context.newPage();
    const pErrors = captureErrors(p);
    await p.goto('/staff');
    await signIn(p, 'xu.ly');
    // A processor lands on the work to take and their own work; no queue, no receiving.
    const toTake = p.getByRole('region', { name: /Hồ sơ chờ nhận xử lý/ });
    await toTake.getByRole('link', { name: codes.marriage! }).waitFor();
    expect(await p.getByRole('heading', { name: /Hàng chờ/ }).count()).toBe(0);
    // Its header offers the shortcuts it has: no ticket to call without a counter.
    expect(await p.getByTestId('shortcuts').textContent()).not.toContain('Alt+N');
    expect(await p.getByTestId('shortcuts').textContent()).toContain('Alt+T');
    await toTake.getByRole('link', { name: codes.marriage! }).click();
    await p.getByRole('button', { name: 'Chuyển sang “Đang xử lý”' }).click();
    await p.getByTestId('dossier-status').filter({ hasText: 'Đang xử lý' }).waitFor();
    await p.getByRole('link', { name: 'Quầy', exact: true }).click();
    const mine = p.getByRole('region', { name: /Hồ sơ của tôi \(1\)/ });
    await mine.getByRole('link', { name: codes.marriage! }).waitFor();
    expect(await mine.locator('tbody tr').first().textContent()).toContain('26/11 10:00 · còn 7 giờ 40 phút'); // due Thursday 10:00, in working time
    await expectNoAxeViolations(p);

    await mine.getByRole('link', { name: codes.marriage! }).click();
    await typeDate(p.getByLabel('Ngày hẹn mới'), '11292026'); // Sunday
    await p.getByLabel('Giờ hẹn').click({ position: { x: 8, y: 12 } });
    await p.keyboard.type('0300AM');
    await p.getByTestId('move-slot').filter({ hasText: 'Ngoài giờ làm việc: sẽ hẹn vào giờ làm việc gần nhất, 07:30 Thứ Hai 30/11/2026.' }).waitFor();
    await typeInto(p.getByLabel('Lý do chậm trễ'), 'Chờ xác minh tình trạng hôn nhân tại nơi cư trú trước đây');
    await p.getByRole('button', { name: 'Hẹn lại' }).click();
    await p.getByTestId('dossier-appointment').filter({ hasText: '07:30 30/11/2026' }).waitFor();
    await p.getByRole('link', { name: 'In phiếu xin lỗi và hẹn lại (mẫu 04)' }).click();
    await p.getByRole('heading', { name: 'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ' }).waitFor();
    const form04 = await printed(p, 'form04');
    expect(form04.pages).toBe(1);
    expect(form04.text).toContain('UBND PHƯỜNG BA ĐÌNH');
    // Running text writes the agency as prose does, not in the header's capitals.
    expect(form04.text).toContain('UBND phường Ba Đình xin trân trọng xin lỗi Ông/Bà');
    expect(form04.text).toContain('Thời gian hẹn trả kết quả giải quyết hồ sơ: 10 giờ 00 phút, ngày 26/11/2026.');
    expect(form04.text).toContain('xin hẹn lại thời gian trả kết quả vào 07 giờ 30 phút, ngày 30/11/2026');
    expect(form04.text).toMatch(/NGƯỜI LẬP PHIẾU \(Ký và ghi rõ họ tên\) Phan Minh Xử THỦ TRƯỞNG CƠ QUAN/);
    expect(form04.text).not.toContain('Nguyễn Thị Lan');
    await p.getByRole('button', { name: 'Quay lại' }).click();

    // The receipt reprinted is the one given: the first appointment, marked as a reprint.
    await p.getByRole('link', { name: /In giấy tiếp nhận và hẹn trả \(mẫu 01\)/ }).click();
    await p.getByRole('heading', { name: 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ' }).waitFor();
    await p.getByTestId('reprint').waitFor();
    const reprint = await printed(p, 'form01-reprint');
    expect(reprint.pages).toBe(1);
    expect(reprint.text).toContain('BẢN IN LẠI (lần 1');
    expect(reprint.text).toContain('5. Thời gian trả kết quả giải quyết hồ sơ: 10 giờ 00 phút, ngày 26/11/2026');
    expect(reprint.text).toContain('Phường Ba Đình, ngày 25 tháng 11 năm 2026');
    await p.getByRole('button', { name: 'Quay lại' }).click();
    // The final move is asked once more, a note optional; the toast names the status once.
    await p.getByRole('button', { name: 'Chuyển sang “Đã xử lý xong”' }).click();
    await p.getByLabel('Ghi chú (không bắt buộc) — Chuyển sang “Đã xử lý xong”').waitFor();
    expect(await p.getByTestId('dossier-status').textContent()).not.toContain('Đã xử lý xong');
    await p.getByRole('button', { name: 'Xác nhận' }).click();
    await p.getByTestId('dossier-status').filter({ hasText: 'Đã xử lý xong' }).waitFor();
    await p.getByText(/^Đã chuyển hồ sơ \S+ sang “Đã xử lý xong”\.$/).waitFor();
    expect(pErrors).toEqual([]);
    await context.close();
  });

  it('the result returned by post: the tracking number, who returned it and the citizen’s rating stay on the dossier; its history shows each step once; the control slip (form 05) shows each hand-over', async () => {
    await page.goto(`/staff/dossiers/${encodeURIComponent(codes.marriage!)}`);
    await signIn(page, 'tiep.nhan'); // idle a quarter of an hour: the screen locked
    await page.getByTestId('dossier-status').filter({ hasText: 'Đã xử lý xong' }).waitFor();
    await page.getByLabel('Qua bưu chính').check();
    await page.getByRole('button', { name: 'Xác nhận đã trả kết quả' }).click();
    await page.getByRole('alert').filter({ hasText: 'Trả kết quả qua bưu chính cần mã vận đơn.' }).waitFor();
    await typeInto(page.getByLabel('Mã vận đơn bưu chính'), 'EMS123456789VN');
    await page.getByLabel('Rất hài lòng').check();
    await page.getByRole('button', { name: 'Xác nhận đã trả kết quả' }).click();
    await page.getByTestId('dossier-status').filter({ hasText: 'Đã trả kết quả' }).waitFor();
    expect(await page.getByTestId('dossier-returned').textContent()).toMatch(/Qua bưu chính · Mã vận đơn bưu chính: EMS123456789VN · \d{2}:\d{2} 25\/11\/2026 · Nguyễn Thị Lan/);
    expect(await page.getByTestId('dossier-rating').textContent()).toBe('Rất hài lòng');
    const history = page.getByRole('region', { name: 'Quá trình xử lý' }).getByRole('listitem');
    expect(await history.allTextContents()).toEqual([
      expect.stringMatching(/^Mới đăng ký — 08:15 23\/11\/2026 · Nguyễn Thị Lan/),
      expect.stringMatching(/^Yêu cầu bổ sung giấy tờ — 08:15 23\/11\/2026 · Nguyễn Thị Lan: Tờ khai/),
      expect.stringMatching(/^Được tiếp nhận — 10:00 25\/11\/2026 · Nguyễn Thị Lan/),
      expect.stringMatching(/^Đang xử lý — 10:20 25\/11\/2026 · Phan Minh Xử/),
      expect.stringMatching(/^Đã xử lý xong — 10:20 25\/11\/2026 · Phan Minh Xử/),
      expect.stringMatching(/^Đã trả kết quả — 10:20 25\/11\/2026 · Nguyễn Thị Lan/),
    ]);

    // The slip that travelled with the papers: who handed the dossier to whom, when, and whether the result was in time.
    await page.getByRole('link', { name: 'In phiếu kiểm soát quá trình giải quyết (mẫu 05)' }).click();
    await page.getByRole('heading', { name: 'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ' }).waitFor();
    const form05 = await printed(page, 'form05');
    expect(form05.pages).toBe(1);
    expect(form05.text).toContain('UBND PHƯỜNG BA ĐÌNH BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ Mẫu số 05');
    expect(form05.text).toContain(`Phường Ba Đình, ngày 25 tháng 11 năm 2026 PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ Kèm theo hồ sơ của: Hoàng Văn Nam — Mã hồ sơ: ${codes.marriage}`);
    expect(form05.text).toContain('hẹn trả kết quả: 07 giờ 30 phút, ngày 30/11/2026');
    // The catalog says "Ủy ban Nhân dân xã, phường, thị trấn": here, this ward's.
    expect(form05.text).toContain('Cơ quan (bộ phận) giải quyết hồ sơ: UBND PHƯỜNG BA ĐÌNH Cơ quan phối hợp giải quyết hồ sơ: ……');
    // The table read from the printed sheet: each row (from its "Giao:" to the next) holds exactly the words of its cells.
    const sheet = words('form05').words;
    const starts = sheet.filter((w) => w.text === 'Giao:').map((w) => w.y0 - 2);
    const end = sheet.find((w) => w.text === 'Ghi' && w.y0 > starts.at(-1)!)!.y0;
    const row = (i: number) => sheet.filter((w) => w.y0 >= starts[i]! && w.y0 < (starts[i + 1] ?? end));
    const bag = (cells: string[]) => cells.join(' ').split(' ').sort();
    expect(starts).toHaveLength(3);
    // The desk (Nguyễn Thị Lan, who received it) to the processor, who took it at 10:20.
    expect(row(0).map((w) => w.text).sort()).toEqual(bag(['1. Giao: Bộ phận tiếp nhận và trả kết quả 2. Nhận: Công chức giải quyết: Phan Minh Xử', '10 giờ 20 phút, ngày 25/11/2026 Người giao Người nhận Nguyễn Thị Lan Phan Minh Xử']));
    // The result back to the desk: ready before the (new) appointment, noted; the desk's taker signs by hand.
    expect(row(1).map((w) => w.text).sort()).toEqual(bag(['1. Giao: Công chức giải quyết: Phan Minh Xử 2. Nhận: Bộ phận tiếp nhận và trả kết quả', '10 giờ 20 phút, ngày 25/11/2026 Người giao Người nhận Phan Minh Xử', 'Trước hạn', 'Đã hẹn lại (mẫu 04): Chờ xác minh tình trạng hôn nhân tại nơi cư trú trước đây']));
    // The result to the citizen, by post.
    expect(row(2).map((w) => w.text).sort()).toEqual(bag(['1. Giao: Bộ phận tiếp nhận và trả kết quả 2. Nhận: Cá nhân, tổ chức: Hoàng Văn Nam', '10 giờ 20 phút, ngày 25/11/2026 Người giao Người nhận Nguyễn Thị Lan Hoàng Văn Nam', 'Qua bưu chính, mã vận đơn EMS123456789VN']));
    // In their columns: the time, then "Trước hạn" under the result's heading, then the note under "GHI CHÚ".
    const x = (text: string, i: number) => row(i).find((w) => w.text === text)!.x0;
    const top = sheet.find((w) => w.text === 'TÊN')!.y0 - 2; // the table's heading row
    const heading = (text: string) => sheet.find((w) => w.text === text && w.y0 >= top && w.y0 < starts[0]!)!;
    expect(x('25/11/2026', 1)).toBeLessThan(x('Trước', 1));
    expect(Math.abs(x('Trước', 1) - heading('KẾT').x0)).toBeLessThan(15 * MM);
    expect(x('Đã', 1)).toBeGreaterThan(heading('KẾT').x1);
    expect(x('Đã', 1)).toBeGreaterThanOrEqual(heading('GHI').x0 - 10 * MM);
    await page.getByRole('button', { name: 'Quay lại' }).click();
  });

  it('two officers on one desk host are two counters: each calls its own ticket, the display names both', async () => {
    clock.set('2026-11-25T10:25:00+07:00');
    const second = await isolatedContext(browser, host.url);
    const b = await second.newPage();
    await b.goto('/staff');
    await signIn(b, 'tiep.nhan2');
    await b.getByText('Vũ Văn Bình · Quầy 2').waitFor();
    await page.goto('/staff');
    await page.getByText('Nguyễn Thị Lan · Quầy 1').waitFor();
    const t2 = await core.call('queue.issue', { group: 'A' });
    const t3 = await core.call('queue.issue', { group: 'A' });
    await page.keyboard.press('Alt+N');
    await page.getByTestId('current-ticket').filter({ hasText: t2.label }).waitFor();
    await b.keyboard.press('Alt+N');
    await b.getByTestId('current-ticket').filter({ hasText: t3.label }).waitFor();
    await b.getByRole('heading', { name: 'Hàng chờ — Quầy 2' }).waitFor();
    const display = await second.newPage();
    await display.goto('/display');
    await display.getByTestId('serving').filter({ hasText: t2.label }).filter({ hasText: 'Quầy 1' }).waitFor();
    await display.getByTestId('serving').filter({ hasText: t3.label }).filter({ hasText: 'Quầy 2' }).waitFor();
    // Neither can finish the other's ticket.
    const officerB = (await core.call('staff.signIn', { username: 'tiep.nhan2', password: TEST_PASSWORD, counter: 'Quầy 2' })).token;
    expect((await core.invoke('queue.finish', { session: officerB, id: t2.id }, TEST_CALLER)).ok).toBe(false);
    await second.close();
  });

  it('the supervisor reads the audit log filtered by officer (as sentences, exported to CSV), paged and by day, and the month’s report by officer (a reversed range told); forms print in Vietnamese even with the screen in English', async () => {
    clock.set('2026-11-25T10:30:00+07:00');
    const context = await isolatedContext(browser, host.url);
    // The browser's own clock agrees with the core's (the month on the landing page is "this month").
    await context.clock.setFixedTime(new Date('2026-11-25T10:30:00+07:00'));
    const s = await context.newPage();
    const sErrors = captureErrors(s);
    await s.goto('/staff');
    await signIn(s, 'lanh.dao');
    // A supervisor lands on what is overdue and the month so far.
    await s.getByRole('region', { name: 'Hồ sơ quá hạn (1)' }).getByRole('link', { name: codes.birth! }).waitFor();
    expect(await s.getByTestId('month-summary').textContent()).toBe('Đã nhận 3 · đã giải quyết 1 (quá hạn 0) · đang giải quyết 2 (quá hạn 1)');

    await s.getByRole('link', { name: 'Quản trị' }).click();
    await s.getByRole('status').filter({ hasText: /Chuỗi băm toàn vẹn/ }).waitFor();
    await s.getByRole('combobox', { name: /^Cán bộ/ }).selectOption({ label: 'Phan Minh Xử (xu.ly)' });
    await s.getByRole('button', { name: 'Lọc' }).click();
    const audit = s.getByTestId('audit-table');
    await audit.getByText(`Phan Minh Xử đã hẹn lại hồ sơ ${codes.marriage} từ 10:00 26/11/2026 sang 07:30 30/11/2026 (lý do: Chờ xác minh tình trạng hôn nhân tại nơi cư trú trước đây)`).waitFor();
    // The unfiltered table may hold that sentence too: wait for the filtered answer to replace it.
    const sentenceCells = audit.locator('tbody tr td:last-child');
    await expect.poll(async () => (await sentenceCells.allTextContents()).every((x) => x.startsWith('Phan Minh Xử'))).toBe(true);
    const sentences = await sentenceCells.allTextContents();
    expect(sentences).toContain(`Phan Minh Xử đã chuyển hồ sơ ${codes.marriage} từ “Được tiếp nhận” sang “Đang xử lý”`);
    expect(sentences).toContain('Phan Minh Xử đăng nhập');
    expect(await audit.textContent()).not.toMatch(/dossier\.transition|staff\.signIn/);
    await s.getByLabel('Loại thao tác').selectOption({ label: 'Hẹn lại ngày trả' });
    await s.getByRole('button', { name: 'Lọc' }).click();
    await expect.poll(() => audit.locator('tbody tr').count()).toBe(1);
    const [csv] = await Promise.all([s.waitForEvent('download'), s.getByRole('button', { name: 'Xuất CSV' }).click()]);
    const text = fs.readFileSync((await csv.path())!, 'utf8');
    expect(text.split('\r\n')).toEqual([
      '\uFEFFThời điểm,Người thực hiện,Tài khoản,Hồ sơ,Nội dung,Mã thao tác',
      `2026-11-25 10:20,Phan Minh Xử,xu.ly,${codes.marriage},Phan Minh Xử đã hẹn lại hồ sơ ${codes.marriage} từ 10:00 26/11/2026 sang 07:30 30/11/2026 (lý do: Chờ xác minh tình trạng hôn nhân tại nơi cư trú trước đây),dossier.appointmentMoved`,
      '',
    ]);
    await expectNoAxeViolations(s);
    // Every officer, a page of 25 at a time; then one day only (Monday 23/11).
    await s.getByRole('combobox', { name: /^Cán bộ/ }).selectOption({ label: 'Tất cả' });
    await s.getByLabel('Loại thao tác').selectOption({ label: 'Tất cả' });
    await s.getByRole('button', { name: 'Lọc' }).click();
    await expect.poll(() => audit.locator('tbody tr').count()).toBe(25);
    const firstOfPage1 = await audit.locator('tbody tr').first().textContent();
    await s.getByRole('button', { name: 'Trang sau' }).click();
    await s.getByText(/^Trang 2\/\d+$/).waitFor();
    expect(await audit.locator('tbody tr').first().textContent()).not.toBe(firstOfPage1);
    await typeDate(s.getByLabel('Từ ngày'), '11232026');
    await typeDate(s.getByLabel('Đến ngày'), '11232026');
    await s.getByRole('button', { name: 'Lọc' }).click();
    await s.getByText(/^Trang 1\/\d+$/).waitFor();
    await audit.getByText(`Nguyễn Thị Lan đã tiếp nhận hồ sơ ${codes.birth}`, { exact: false }).first().waitFor();
    const days = await audit.locator('tbody tr td:first-child').allTextContents();
    expect(days.length).toBeGreaterThan(0);
    expect(days.filter((d) => !d.endsWith('23/11/2026'))).toEqual([]);

    await s.getByRole('link', { name: 'Báo cáo' }).click();
    const to = s.getByLabel('Đến tháng');
    await to.waitFor();
    // An empty "Đến tháng" is told next to it; the page stays.
    await to.evaluate((el: HTMLInputElement) => el.focus());
    await s.keyboard.press('Delete');
    await s.keyboard.press('Tab');
    await s.keyboard.press('Shift+Tab');
    await s.getByRole('button', { name: 'Xem' }).click();
    await s.getByRole('alert').filter({ hasText: 'Hãy chọn tháng.' }).waitFor();
    await to.click({ position: { x: 8, y: 12 } });
    await s.keyboard.type('November2026');
    await s.getByRole('button', { name: 'Xem' }).click();
    const byOfficer = s.getByTestId('report-by_officer');
    await byOfficer.waitFor();
    const rows = await byOfficer.locator('tbody tr').allTextContents();
    expect(rows).toEqual([expect.stringMatching(/^Nguyễn Thị Lan \(tiep.nhan\)3/), expect.stringMatching(/^Phan Minh Xử \(xu.ly\)01/)]);
    await expectNoAxeViolations(s);
    // A range that ends before it starts is told next to "Đến tháng", not shown as a month of zeros.
    await s.getByLabel('Tiếp nhận từ tháng').click({ position: { x: 8, y: 12 } });
    await s.keyboard.type('December2026');
    await s.getByRole('button', { name: 'Xem' }).click();
    await s.getByRole('alert').filter({ hasText: 'Tháng kết thúc phải từ tháng bắt đầu trở đi.' }).waitFor();
    expect(await byOfficer.count()).toBe(0);

    // English on screen, kept after a reload; the papers stay Vietnamese.
    await s.getByRole('button', { name: 'English' }).click();
    await s.reload();
    await s.getByRole('button', { name: 'Tiếng Việt' }).waitFor();
    await s.goto(`/print/desk/01/${encodeURIComponent(codes.birth!)}`);
    await s.getByRole('heading', { name: 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ' }).waitFor();
    const form = await printed(s, 'form01-english-screen');
    expect(form.text).toContain('Thời gian trả kết quả giải quyết hồ sơ');
    expect(form.text).not.toMatch(/Result|Received|Dossier code/);
    // The one error in the console is the report request the core refused.
    expect(sErrors).toEqual(['Failed to load resource: the server responded with a status of 400 (Bad Request)']);
    await context.close();
  });

  it('every form’s header (01–06) keeps its phrases whole as printed: “BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ”, the motto, the title — no word left alone on a line', async () => {
    const p = await desk.newPage();
    await p.goto('/staff');
    await signIn(p, 'lanh.dao');
    const FORMS = [
      ['01', codes.birth, 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ'],
      ['02', codes.marriage, 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ'],
      ['03', codes.refused, 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ'],
      ['04', codes.marriage, 'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ'],
      ['05', codes.birth, 'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ'],
      ['06', null, 'SỔ THEO DÕI HỒ SƠ'],
    ] as const;
    for (const [form, code, title] of FORMS) {
      await p.goto(code ? `/print/desk/${form}/${encodeURIComponent(code)}` : `/print/register?from=${encodeURIComponent('2026-10-31T17:00:00.000Z')}&to=${encodeURIComponent('2026-11-30T17:00:00.000Z')}`);
      await p.getByRole('heading', { name: title }).waitFor();
      await printed(p, `head-${form}`);
      // The page as laid out, down to the title; each run of text between wide gaps is one column's line.
      const lines = execFileSync('pdftotext', ['-layout', '-f', '1', '-l', '1', path.join(out, `head-${form}.pdf`), '-'], { encoding: 'utf8' }).split('\n').filter((l) => l.trim());
      const head = lines.slice(0, lines.findIndex((l) => l.includes(title)) + 1).flatMap((l) => l.trim().split(/\s{2,}/));
      const phrases = ['UBND PHƯỜNG BA ĐÌNH', 'BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ', title, ...(form === '06' ? [] : ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'])];
      expect({ form, whole: phrases.filter((x) => head.includes(x)) }).toEqual({ form, whole: phrases });
      expect({ form, alone: head.filter((x) => !x.includes(' ')) }).toEqual({ form, alone: [] });
    }
    await p.close();
  });

  it('form 01 prints on one A5 sheet for each of the 20 procedures a ward receives most, with the main case’s papers and a full address', async () => {
    const COMMON = [
      '1.001193', '1.000894', '1.000656', '2.000635', '1.004873', '1.004222', '1.004194', '1.001612', '1.013225', '2.000986',
      '1.004859', '1.004837', '1.001022', '1.004884', '2.000815', '2.000884', '1.003677', '1.003197', '1.000689', '1.012753',
    ];
    clock.set('2026-11-26T08:00:00+07:00');
    const session = (await core.call('staff.signIn', { username: 'tiep.nhan', password: TEST_PASSWORD })).token;
    const p = await desk.newPage();
    await p.goto('/staff');
    await signIn(p, 'tiep.nhan');
    const pages: Record<string, number> = {};
    for (const procedureCode of COMMON) {
      const list = await core.call('desk.checklist', { session, procedureCode });
      const papers = [...list.common, ...(list.cases[0]?.papers ?? [])].map((x) => ({ id: x.id, presented: true, ...(x.alternatives ? { choice: x.alternatives[0] } : {}) }));
      const preview = await core.call('desk.appointmentPreview', { session, procedureCode });
      const d = await core.call('desk.receive', {
        session,
        procedureCode,
        applicant: { fullName: 'Nguyễn Thị Phương Thảo', idNumber: '001190123456', address: 'Số 12, ngõ 45 phố Đội Cấn, phường Ba Đình, thành phố Hà Nội', phone: '0912345678', email: 'phuongthao.nguyen@example.vn' },
        ...(list.cases.length ? { caseId: list.cases[0]!.id } : {}),
        papers,
        ...(papers.length ? {} : { noPapersReason: 'Thông tin khai thác từ Cơ sở dữ liệu quốc gia về dân cư' }),
        attachments: [],
        sets: 1,
        collect: 'counter',
        outcome: 'accept',
        ...(preview.at ? {} : { workingDays: 3 }),
      });
      await p.goto(`/print/desk/01/${encodeURIComponent(d.code)}`);
      await p.getByRole('heading', { name: 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ' }).waitFor();
      await p.getByRole('img', { name: /^Mã QR của hồ sơ/ }).waitFor();
      pages[procedureCode] = (await printed(p, `form01-${procedureCode}`)).pages;
    }
    expect(pages).toEqual(Object.fromEntries(COMMON.map((c) => [c, 1])));
    await p.close();
  }, 180_000);

  it('the register (form 06) of a busy month — 993 dossiers — prints on A4 landscape with the template’s columns, in a few dozen pages', async () => {
    clock.set('2026-11-27T08:00:00+07:00');
    const session = (await core.call('staff.signIn', { username: 'tiep.nhan', password: TEST_PASSWORD })).token;
    const long = (await core.call('desk.checklist', { session, procedureCode: '1.013225' })).cases[6]!.papers.map((x) => ({ id: x.id, presented: true }));
    const short = (await core.call('desk.checklist', { session, procedureCode: '1.001193' })).common.map((x) => ({ id: x.id, presented: true }));
    const existing = (core.db.prepare("SELECT count(*) AS n FROM dossiers WHERE received_at IS NOT NULL").get() as { n: number }).n;
    for (let i = existing; i < 993; i++) {
      clock.set(new Date(Date.parse('2026-11-27T01:00:00Z') + i * 1000));
      const permit = i % 3 === 0;
      await core.call('desk.receive', {
        session,
        procedureCode: permit ? '1.013225' : '1.001193',
        applicant: { fullName: `Nguyễn Văn Dân ${i}`, address: 'Số 12, ngõ 45 phố Đội Cấn, phường Ba Đình, thành phố Hà Nội', phone: '0912345678' },
        ...(permit ? { caseId: 'c7' } : {}),
        papers: permit ? long : short,
        attachments: [],
        sets: 1,
        collect: 'counter',
        outcome: 'accept',
      });
    }
    const p = await desk.newPage();
    await p.goto('/staff');
    await signIn(p, 'tiep.nhan');
    await p.goto(`/print/register?from=${encodeURIComponent('2026-10-31T17:00:00.000Z')}&to=${encodeURIComponent('2026-11-30T17:00:00.000Z')}`);
    await p.getByRole('heading', { name: 'SỔ THEO DÕI HỒ SƠ' }).waitFor();
    await p.getByRole('row').filter({ hasText: 'Nguyễn Văn Dân 992' }).waitFor();
    expect(await p.locator('tbody tr').count()).toBe(993);
    const register = await printed(p, 'register');
    expect(register.text).toContain('Mẫu số 06');
    for (const column of ['Số lượng hồ sơ (bộ)', 'Địa chỉ, số điện thoại', 'Cơ quan chủ trì giải quyết', 'Chuyển hồ sơ đến cơ quan giải quyết', 'Trả kết quả cho cá nhân, tổ chức', 'Ký nhận', 'Ghi chú']) {
      expect(register.text).toContain(column);
    }
    // A long name keeps to two lines: its parenthesised list of sub-cases is left out, the rest cut.
    expect(register.text).toContain('Cấp giấy phép xây dựng mới');
    expect(register.text).not.toContain('Công trình không theo tuyến/Theo tuyến');
    // 233 pages before: long names wrapped fifteen lines in a narrow column.
    expect(register.pages).toBeLessThanOrEqual(40);
    await p.close();
  }, 180_000);

  it('the deadline board at volume on a Friday afternoon: Monday’s appointments are due by the next working day (the weekend skipped), 20 a page with officer and time left; “only mine” narrows it; the dossier list shows 15 rows above the fold', async () => {
    // Friday 27/11, 16:00: the ~660 birth registrations received this morning are due on Monday (1 working day).
    clock.set('2026-11-27T16:00:00+07:00');
    const taken = core.db.prepare<[], { code: string }>("SELECT code FROM dossiers WHERE procedure_code = '1.001193' AND received_at >= '2026-11-27' ORDER BY code DESC LIMIT 1").get()!.code;
    const processor = (await core.call('staff.signIn', { username: 'xu.ly', password: TEST_PASSWORD })).token;
    await core.call('dossier.transition', { session: processor, code: taken, to: 'processing' });
    // Running dossiers whose appointment falls after today's close (17:00) and by Monday's close, the weekend between.
    const dueMonday = (core.db.prepare("SELECT count(*) AS n FROM dossiers WHERE status IN ('received', 'processing') AND appointment_at > '2026-11-27T10:00:00.000Z' AND appointment_at <= '2026-11-30T10:00:00.000Z'").get() as { n: number }).n;
    expect(dueMonday).toBeGreaterThan(600);
    const context = await isolatedContext(browser, host.url);
    const p = await context.newPage();
    const pErrors = captureErrors(p);
    await p.goto('/staff');
    await signIn(p, 'xu.ly');
    await p.getByTestId('deadline-link').click();
    await p.getByRole('heading', { name: 'Hạn trả kết quả' }).waitFor();
    const next = p.getByRole('tab', { name: /^Đến hạn trước khi hết ngày làm việc tiếp theo \(30\/11\/2026\)/ });
    expect(await next.textContent()).toContain(String(dueMonday));
    await next.click();
    const rows = p.getByRole('tabpanel').locator('tbody tr');
    await p.getByText(`Trang 1/${Math.ceil(dueMonday / 20)}`).first().waitFor();
    expect(await rows.count()).toBe(20);
    const firstOfPage1 = await rows.first().getByRole('link').textContent();
    expect(await rows.first().textContent()).toMatch(/Nguyễn Thị Lan.*30\/11 \d\d:\d\d · còn \d+ giờ/);
    await p.getByRole('button', { name: 'Trang sau' }).click();
    await p.getByText(`Trang 2/${Math.ceil(dueMonday / 20)}`).first().waitFor();
    expect(await rows.first().getByRole('link').textContent()).not.toBe(firstOfPage1);
    // Only mine: the one dossier this processor took.
    await p.getByLabel('Chỉ hồ sơ của tôi').check();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().getByRole('link').textContent()).toBe(taken);
    expect(await next.textContent()).toMatch(/\(30\/11\/2026\) ?1$/);
    // The dossier list at this volume: a page of rows above the fold at 1366×768 (it was about five).
    await p.getByRole('link', { name: 'Hồ sơ', exact: true }).click();
    const list = p.getByRole('table', { name: 'Danh sách hồ sơ' }).locator('tbody tr');
    await expect.poll(() => list.count()).toBeGreaterThanOrEqual(20);
    const aboveFold = await list.evaluateAll((els) => els.filter((e) => e.getBoundingClientRect().bottom <= window.innerHeight).length);
    expect(aboveFold).toBeGreaterThanOrEqual(15);
    expect(pErrors).toEqual([]);
    await context.close();
  });
});
