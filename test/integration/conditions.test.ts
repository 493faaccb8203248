import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { manualClock } from '../../electron/core/clock.js';
import { loadConfig } from '../../electron/core/config/load.js';
import type { ConfigLayer } from '../../electron/core/config/schema.js';
import { AppError } from '../../electron/core/errors.js';
import { createCore } from '../../electron/core/index.js';
import { createLogger } from '../../electron/core/log.js';
import { PORTAL_MAX_BODY_BYTES } from '../../electron/core/sync/portal-types.js';
import { startWebHost } from '../../electron/web/server.js';
import { isolatedPlatform, makeCore, tempDir } from '../helpers/core.js';
import { birthData, birthFiling, makeDevice, smallCatalog } from '../helpers/sync.js';

const catalogDir = smallCatalog();

async function rejection(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected a rejection');
}

function rendererFixture(): string {
  const dir = tempDir('motcua-renderer-');
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Một Cửa</title>');
  return dir;
}

describe('bad conditions', () => {
  it('a full disk: filings are refused with a clear message and no code; when room returns they go through', async () => {
    const kiosk = makeDevice('', '', { mode: 'kiosk' }, undefined, catalogDir);
    try {
      // SQLite's own "database or disk is full", as a full disk gives it: the file may not grow.
      const pages = kiosk.core.db.pragma('page_count', { simple: true }) as number;
      kiosk.core.db.pragma(`max_page_count = ${pages}`);
      // The guided birth registration with a long note besides its fields.
      const big = { ...birthFiling(1), data: { ...birthData(), note: 'x'.repeat(200_000) } };
      const full = await rejection(kiosk.core.call('dossier.submit', big));
      expect(full.code).toBe('unavailable');
      expect(full.messages.vi).toContain('không còn đủ chỗ trống');
      expect(full.messages.vi).toContain('Những gì đã nhập vẫn còn');
      expect(kiosk.core.db.prepare('SELECT count(*) AS n FROM dossiers').get()).toEqual({ n: 0 });
      // The app keeps running: lookups answer.
      expect((await kiosk.core.call('catalog.get', { code: '1.001193' })).code).toBe('1.001193');
      kiosk.core.db.pragma('max_page_count = 1073741823');
      const filed = await kiosk.core.call('dossier.submit', big);
      expect(filed.code.slice(-4)).toBe('0001');
    } finally {
      kiosk.core.close();
    }
  });

  it('a full disk under the log (ENOSPC) loses log lines, never the web host', async () => {
    const dir = tempDir();
    const logs = path.join(dir, 'logs');
    fs.mkdirSync(logs);
    fs.symlinkSync('/dev/full', path.join(logs, 'motcua.log'));
    const clock = manualClock('2026-03-02T09:00:00+07:00');
    const log = createLogger({ dir: logs, clock });
    expect(() => log.error('nothing fits', { n: 1 })).not.toThrow();
    const loaded = loadConfig({ platform: isolatedPlatform(dir), flags: { dataDir: path.join(dir, 'data'), mode: 'kiosk' } });
    const core = createCore({ loaded, clock, version: 'test', log });
    const host = await startWebHost({ core, rendererDir: rendererFixture() });
    try {
      for (let i = 0; i < 3; i++) {
        const res = await fetch(`${host.url}/api/kiosk.sessionEnded`, { method: 'POST', body: '{}' });
        expect(res.status).toBe(200);
      }
      expect((await fetch(`${host.url}/api/app.info`, { method: 'POST', body: '{}' })).status).toBe(200);
    } finally {
      await host.close();
      core.close();
    }
  });

  it('a malformed URL is a 400 with a plain message, and leaves no stack in the log', async () => {
    const t = makeCore({ mode: 'kiosk' });
    const host = await startWebHost({ core: t.core, rendererDir: rendererFixture() });
    try {
      for (const bad of ['/api/%ZZ', '/api/app.info%', '/%E0%A4%A']) {
        const res = await fetch(`${host.url}${bad}`, { method: 'POST', body: '{}' });
        expect({ bad, status: res.status }).toEqual({ bad, status: 400 });
        expect(await res.json()).toMatchObject({ ok: false, error: { code: 'validation', message: { vi: 'Địa chỉ yêu cầu không hợp lệ.' } } });
      }
      const log = fs.existsSync(t.core.log.file!) ? fs.readFileSync(t.core.log.file!, 'utf8') : '';
      expect(log).not.toContain('URIError');
      expect(log).not.toContain('"stack"');
    } finally {
      await host.close();
      t.core.close();
    }
  });

  it('a filing larger than the portal accepts gets no code: refused before anything is stored, the sequence untouched', async () => {
    const kiosk = makeDevice('', '', { mode: 'kiosk' }, undefined, catalogDir);
    try {
      const huge = { note: 'đ'.repeat(PORTAL_MAX_BODY_BYTES / 2) };
      const e = await rejection(kiosk.core.call('dossier.submit', { ...birthFiling(1), data: { ...birthData(), ...huge } }));
      expect(e.code).toBe('validation');
      expect(e.messages.vi).toContain('quá lớn để gửi lên cổng dịch vụ công');
      expect(kiosk.core.db.prepare('SELECT count(*) AS n FROM dossiers').get()).toEqual({ n: 0 });
      expect((await kiosk.core.call('dossier.submit', birthFiling(2))).code.slice(-4)).toBe('0001');
    } finally {
      kiosk.core.close();
    }
  });

  it('remote portal and update URLs must be https; this machine may stay on http for development', () => {
    const dir = tempDir();
    const load = (flags: ConfigLayer) => loadConfig({ platform: isolatedPlatform(dir), flags: { dataDir: path.join(dir, 'data'), ...flags } });
    for (const flags of [{ portal: { url: 'http://portal.hanoi.gov.vn' } }, { updates: { url: 'http://capnhat.example.vn/motcua' } }, { portal: { nationalUrl: 'http://dichvucong.gov.vn/api' } }]) {
      let error: AppError | null = null;
      try {
        load(flags);
      } catch (err) {
        error = err as AppError;
      }
      expect(error).toBeInstanceOf(AppError);
      expect(error!.code).toBe('config_invalid');
      expect(error!.messages.vi).toContain('https://');
    }
    expect(load({ portal: { url: 'https://portal.hanoi.gov.vn' } }).config.portal.url).toBe('https://portal.hanoi.gov.vn');
    expect(load({ portal: { url: 'http://127.0.0.1:4880' } }).config.portal.url).toBe('http://127.0.0.1:4880');
    expect(load({ portal: { url: 'http://localhost:4880' } }).config.portal.url).toBe('http://localhost:4880');
  });
});
