/**
 * The waiting-room display when the queue desk refuses its event stream (the LAN trial's F7: anonymous
 * clients had taken every stream, and a display loaded then never showed a call again). Real
 * Chromium on a real web host; the refusal itself — the host's 429 when its pool of anonymous
 * streams is full — is played by a route for the first answers, because a browser on the loopback
 * address is the device's own screen, which the host never refuses.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendererDir } from '../../electron/paths.js';
import { startWebHost, type WebHost } from '../../electron/web/server.js';
import { captureErrors, isolatedContext, launchChromium } from '../helpers/browser.js';
import { makeCore, signInOfficer, type TestCore } from '../helpers/core.js';

describe('the waiting-room display without its event stream', () => {
  let t: TestCore;
  let host: WebHost;
  let browser: Browser;

  beforeAll(async () => {
    t = makeCore({ mode: 'staff', desk: { counter: 'Quầy 1' } });
    host = await startWebHost({ core: t.core, rendererDir });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await host?.close();
    t?.core.close();
  });

  it('refused (429, “server busy”), it still shows each call within seconds by reading the board, and opens the stream again once the host has room', async () => {
    const context = await isolatedContext(browser, host.url);
    let refusals = 2;
    let streamsOpened = 0;
    await context.route('**/api/events*', async (route) => {
      if (refusals > 0) {
        refusals--;
        return route.fulfill({ status: 429, contentType: 'application/json', body: JSON.stringify({ ok: false, error: { code: 'rate_limited', message: { vi: 'Máy chủ đang bận', en: 'The server is busy' } } }) });
      }
      streamsOpened++;
      return route.continue();
    });
    const page = await context.newPage();
    const errors = captureErrors(page);
    await page.goto('/display');
    await page.getByRole('heading', { level: 1 }).waitFor();
    const officer = await signInOfficer(t.core, 'tiep-nhan-man-hinh', ['receptionist']);
    const first = await t.core.call('queue.issue', { group: 'A' });
    await t.core.call('queue.callNext', { session: officer });
    // No stream yet: the board read every few seconds shows the call.
    await page.getByTestId('serving').filter({ hasText: first.label }).filter({ hasText: 'Quầy 1' }).waitFor({ timeout: 15_000 });
    // The page asked again after 1 s, then 2 s: the third time the host let it through.
    const deadline = Date.now() + 15_000;
    while (streamsOpened === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    if (streamsOpened === 0) throw new Error('the display never opened its event stream again');
    // With the stream back, the next call arrives by event.
    await t.core.call('queue.issue', { group: 'A' });
    await t.core.call('queue.noShow', { session: officer, id: first.id });
    const second = await t.core.call('queue.callNext', { session: officer });
    await page.getByTestId('serving').filter({ hasText: second!.label }).waitFor({ timeout: 3000 });
    // The 429s are the only errors the page logged (the browser's own lines for the refused stream).
    expect(errors.filter((e) => !e.includes('429') && !e.includes('EventSource'))).toEqual([]);
    await context.close();
  });
});
