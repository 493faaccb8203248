/**
 * The supervisor's side of the LAN trial: many wrong passwords for one officer, sent over HTTP from
 * many other addresses (127.0.x.y loopback sources stand for LAN machines), show as one alert on the
 * accounts page — and the officer still signs in at the desk's own screen.
 */
import http from 'node:http';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendererDir } from '../../electron/paths.js';
import { startWebHost, type WebHost } from '../../electron/web/server.js';
import { captureErrors, expectNoAxeViolations, isolatedContext, launchChromium } from '../helpers/browser.js';
import { makeCore, signInOfficer, TEST_PASSWORD, type TestCore } from '../helpers/core.js';

function signInFrom(host: WebHost, from: string, username: string, password: string): Promise<number> {
  const body = JSON.stringify({ username, password });
  const u = new URL(host.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, path: '/api/staff.signIn', method: 'POST', localAddress: from, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode!));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('failed sign-ins from the LAN, as a supervisor sees them (Chromium, 1366×768)', () => {
  let browser: Browser;
  let t: TestCore;
  let host: WebHost;

  beforeAll(async () => {
    t = makeCore({ mode: 'staff', ward: { code: '00324', name: 'Phường Ba Đình' } });
    await signInOfficer(t.core, 'nguyen.van.a', ['receptionist'], 'Nguyễn Văn A');
    await signInOfficer(t.core, 'lanh.dao', ['supervisor'], 'Trần Văn Lãnh');
    host = await startWebHost({ core: t.core, rendererDir });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await host?.close();
    t?.core.close();
  });

  it('shows "many failed sign-ins" on the accounts page, and the officer signs in at the desk all the same', async () => {
    for (let a = 1; a <= 10; a++) for (let k = 0; k < 2; k++) expect(await signInFrom(host, `127.0.30.${a}`, 'nguyen.van.a', `doan-sai-${a}-${k}`)).toBe(401);
    const context = await isolatedContext(browser, host.url);
    const page = await context.newPage();
    const errors = captureErrors(page);
    const signIn = async (username: string) => {
      await page.getByRole('heading', { name: 'Đăng nhập quầy tiếp nhận' }).waitFor();
      await page.getByLabel('Tên đăng nhập').click();
      await page.keyboard.type(username);
      await page.getByLabel('Mật khẩu').click();
      await page.keyboard.type(TEST_PASSWORD);
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
    };
    await page.goto('/staff');
    // The desk's own screen (127.0.0.1) is not held back by the guesses from elsewhere.
    await signIn('nguyen.van.a');
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await signIn('lanh.dao');
    await page.getByRole('link', { name: 'Quản trị' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Nhiều lần đăng nhập sai cho tài khoản nguyen.van.a' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('15 lần từ 8 địa chỉ');
    expect(await alert.textContent()).toContain('tại quầy vẫn đăng nhập bình thường');
    expect(await page.getByRole('alert').filter({ hasText: 'lanh.dao' }).count()).toBe(0);
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
    await context.close();
  });
});
