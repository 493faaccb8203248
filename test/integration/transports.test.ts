import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IPC_INVOKE, methodNames } from '../../electron/contract.js';
import { registerIpc } from '../../electron/shell/ipc.js';
import { startWebHost, type WebHost } from '../../electron/web/server.js';
import { makeCore, seedAnnouncement, tempDir, type TestCore } from '../helpers/core.js';
import { ipcStandIn } from '../helpers/ipc-standin.js';

function rendererFixture(): string {
  const dir = tempDir('motcua-renderer-');
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Một Cửa</title>');
  return dir;
}

async function post(host: WebHost, method: string, input: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${host.url}/api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(input) });
  return { status: res.status, body: (await res.json()) as unknown, headers: res.headers };
}

describe('one contract, two transports', () => {
  let t: TestCore;
  let host: WebHost;
  let ipc: ReturnType<typeof ipcStandIn>;

  beforeEach(async () => {
    t = makeCore({ ward: { code: '00324', name: 'Phường Ba Đình' } });
    host = await startWebHost({ core: t.core, rendererDir: rendererFixture() });
    ipc = ipcStandIn();
    registerIpc(ipc.ipc, t.core);
  });
  afterEach(async () => {
    await host.close();
    t.core.close();
  });

  it('gives the same result for the same method over HTTP and over IPC', async () => {
    seedAnnouncement(t.core, { title: 'Lịch tiếp công dân', body: 'Sáng thứ Năm' });
    for (const [method, input] of [['app.info', {}], ['announcements.list', { limit: 5 }], ['sync.status', {}]] as const) {
      const http = await post(host, method, input);
      const viaIpc = await ipc.invoke(method, input);
      expect(http.status).toBe(200);
      expect(http.body).toEqual(viaIpc);
      expect(viaIpc).toMatchObject({ ok: true });
    }
    expect(ipc.channels()).toEqual([IPC_INVOKE]);
  });

  it('gives the same validation error, naming the field, over both', async () => {
    const http = await post(host, 'catalog.get', { code: '' });
    const viaIpc = await ipc.invoke('catalog.get', { code: '' });
    expect(http.status).toBe(400);
    expect(http.body).toEqual(viaIpc);
    expect(viaIpc).toMatchObject({ ok: false, error: { code: 'validation', field: 'code' } });
  });

  it('gives the same typed error for an unknown method over both', async () => {
    const http = await post(host, 'catalog.dropAll', {});
    expect(http.status).toBe(404);
    expect(http.body).toEqual(await ipc.invoke('catalog.dropAll', {}));
    expect(http.body).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  });

  it('refuses IPC from a frame that is not the app', async () => {
    expect(await ipc.invoke('app.info', {}, 'https://evil.example/')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await ipc.invoke('app.info', {}, null)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await ipc.invoke(42, {})).toMatchObject({ ok: false, error: { code: 'validation', field: 'method' } });
  });

  it('refuses a foreign Origin and a foreign Host, and sends the CSP', async () => {
    const foreign = await post(host, 'app.info', {}, { Origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    expect(foreign.body).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const own = await post(host, 'app.info', {}, { Origin: host.url });
    expect(own.status).toBe(200);
    expect(own.headers.get('content-security-policy')).toContain("script-src 'self'");
    const page = await fetch(`${host.url}/kiosk`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
  });

  it('answers malformed JSON and oversized bodies with a clear error', async () => {
    const bad = await fetch(`${host.url}/api/app.info`, { method: 'POST', body: '{not json' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ ok: false, error: { code: 'validation', message: { vi: 'Dữ liệu gửi lên không phải JSON hợp lệ.' } } });
    const big = await fetch(`${host.url}/api/announcements.create`, { method: 'POST', body: JSON.stringify({ title: 'x', body: 'y'.repeat(31_000_000) }) });
    expect(big.status).toBe(413);
    // Each method reads no more than its own limit: a lookup is not a place for 300 KB.
    const lookup = await fetch(`${host.url}/api/dossier.track`, { method: 'POST', body: JSON.stringify({ code: 'x'.repeat(300_000) }) });
    expect(lookup.status).toBe(413);
    expect(await lookup.json()).toMatchObject({ ok: false, error: { code: 'validation', message: { vi: 'Dữ liệu gửi lên quá lớn.' } } });
    const get = await fetch(`${host.url}/api/app.info`);
    expect(get.status).toBe(405);
  });

  it('streams core events over server-sent events', async () => {
    const controller = new AbortController();
    const res = await fetch(`${host.url}/api/events`, { signal: controller.signal });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    await reader.read(); // ": connected"
    await t.core.call('kiosk.sessionEnded', {});
    let text = '';
    while (!text.includes('\n\n')) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toBe('event: kiosk.sessionEnded\ndata: {"at":"2026-03-02T02:00:00.000Z"}\n\n');
    controller.abort();
  });

  it('publishes the contract with a JSON schema per method', async () => {
    const res = await fetch(`${host.url}/api/contract`);
    const body = (await res.json()) as { methods: { name: string; input: { type: string } }[]; events: string[] };
    expect(body.methods.map((m) => m.name)).toEqual(methodNames);
    expect(body.methods.find((m) => m.name === 'announcements.create')!.input).toMatchObject({ type: 'object', required: ['session', 'title', 'body'] });
    expect(body.events).toContain('sync.status');
  });
});

describe('web host without a runnable core', () => {
  it('shows a clear page naming the file and the key instead of the app', async () => {
    const host = await startWebHost({
      core: null,
      fatal: { code: 'config_invalid', file: '/etc/motcua/config.json', field: 'kiosk.idleSeconds', message: { vi: 'Cấu hình không hợp lệ', en: 'Invalid configuration' } },
      rendererDir: rendererFixture(),
    });
    const page = await fetch(`${host.url}/kiosk`);
    expect(page.status).toBe(503);
    const html = await page.text();
    expect(html).toContain('/etc/motcua/config.json');
    expect(html).toContain('kiosk.idleSeconds');
    expect(html).toContain('Cấu hình không hợp lệ');
    const api = await fetch(`${host.url}/api/app.info`, { method: 'POST', body: '{}' });
    expect(api.status).toBe(503);
    await host.close();
  });
});
