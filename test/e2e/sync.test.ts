import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendererDir } from '../../electron/paths.js';
import { startWebHost, type WebHost } from '../../electron/web/server.js';
import { startReferencePortal, type ReferencePortal } from '../portal/server.js';
import { captureErrors, expectNoAxeViolations, isolatedContext, launchChromium, openDesk, typeOver } from '../helpers/browser.js';
import { tempDir } from '../helpers/core.js';
import { birthFiling, makeDevice, smallCatalog, type Device } from '../helpers/sync.js';

describe('a kiosk filing reaches the staff desk through the reference portal, in Chromium', () => {
  let browser: Browser;
  let portal: ReferencePortal;
  let kiosk: Device;
  let desk: Device;
  let kioskHost: WebHost;
  let deskHost: WebHost;

  beforeAll(async () => {
    const catalogDir = smallCatalog();
    browser = await launchChromium();
    portal = await startReferencePortal({ dataDir: tempDir(), catalogDir });
    kiosk = makeDevice(portal.url, portal.createEnrollment('00324', 'kiosk'), { mode: 'kiosk' }, undefined, catalogDir);
    desk = makeDevice(portal.url, portal.createEnrollment('00324', 'staff'), { mode: 'staff' }, undefined, catalogDir);
    kioskHost = await startWebHost({ core: kiosk.core, rendererDir });
    deskHost = await startWebHost({ core: desk.core, rendererDir });
  });
  afterAll(async () => {
    await browser?.close();
    await kioskHost?.close();
    await deskHost?.close();
    kiosk?.core.close();
    desk?.core.close();
    await portal?.close();
  });

  it('a resident files at the kiosk; it arrives in the desk’s inbox, gets a supplement request, and the kiosk’s tracking shows what to bring', async () => {
    const kctx = await isolatedContext(browser, kioskHost.url, { width: 1080, height: 1920 });
    const kpage = await kctx.newPage();
    const kerrors = captureErrors(kpage);
    // Filed at the kiosk (the guided form by taps is test/e2e/kiosk-journeys.test.ts).
    const { code } = await kiosk.core.call('dossier.submit', { ...birthFiling(1), applicant: { fullName: 'Lê Thị Hoa', idNumber: '001190012345', phone: '0912345678' } });
    expect(code).toMatch(/^00324\.K01-\d{6}-0001$/);

    const dctx = await isolatedContext(browser, deskHost.url);
    const dpage = await dctx.newPage();
    const derrors = captureErrors(dpage);
    await openDesk(dpage, desk.core);
    await dpage.getByText('Không có hồ sơ nào chờ tiếp nhận.').waitFor();

    await kiosk.core.sync.runOnce(); // the kiosk delivers its outbox
    await desk.core.sync.runOnce(); // the desk pulls its ward's new dossiers; the page hears of it
    const row = dpage.getByRole('row').filter({ hasText: code });
    await row.waitFor();
    expect(await row.textContent()).toContain('Lê Thị Hoa');
    expect(await row.textContent()).toContain('Ki-ốt');
    await expectNoAxeViolations(dpage);

    // The officer reviews it: a paper is missing, so a supplement is asked for, listing it.
    await row.getByRole('link', { name: `Xem xét ${code}` }).click();
    await dpage.getByRole('heading', { name: `Xem xét hồ sơ ${code}` }).waitFor();
    await dpage.getByText('Đăng ký khai sinh (1.001193)').waitFor();
    expect(await dpage.getByLabel('Họ và tên').inputValue()).toBe('Lê Thị Hoa');
    await dpage.getByLabel('Chưa đủ — yêu cầu bổ sung').check();
    const missing = dpage.getByLabel('Giấy tờ cần bổ sung (mỗi dòng một loại)');
    expect(await missing.inputValue()).toContain('Giấy chứng sinh'); // unticked papers are listed to start with
    await typeOver(missing, 'Giấy chứng sinh (bản chính)\nVăn bản ủy quyền');
    await dpage.getByRole('button', { name: /Ghi nhận kết quả kiểm tra/ }).click();
    await dpage.getByTestId('receive-confirm').getByRole('button', { name: 'Lập phiếu bổ sung' }).click();
    await dpage.getByTestId('dossier-status').filter({ hasText: 'Yêu cầu bổ sung giấy tờ' }).waitFor();
    await expectNoAxeViolations(dpage);
    await dpage.getByRole('link', { name: 'In phiếu yêu cầu bổ sung (mẫu 02)' }).click();
    await dpage.getByRole('heading', { name: 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ' }).waitFor();
    expect(await dpage.locator('main').textContent()).toContain('Giấy chứng sinh (bản chính)');

    await desk.core.sync.runOnce();
    await kiosk.core.sync.runOnce();
    expect((await kiosk.core.call('dossier.track', { code })).status).toBe('supplement');
    // The resident comes back and tracks it at the kiosk: what to bring is spelled out.
    await kpage.goto(`/kiosk/track?code=${encodeURIComponent(code)}`);
    await kpage.getByText('Trạng thái: Yêu cầu bổ sung giấy tờ').waitFor();
    const bring = kpage.getByRole('note').filter({ hasText: 'Cần mang bổ sung' });
    await bring.waitFor();
    expect(await bring.getByRole('listitem').allTextContents()).toEqual(['Giấy chứng sinh (bản chính)', 'Văn bản ủy quyền']);
    expect(await kpage.locator('main').textContent()).toContain('Thông tin cập nhật lúc');
    await expectNoAxeViolations(kpage);
    expect(kerrors).toEqual([]);
    expect(derrors).toEqual([]);
    await kctx.close();
    await dctx.close();
  });
});
