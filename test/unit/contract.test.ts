import { afterEach, describe, expect, it } from 'vitest';
import { eventNames, isMethodName, methodNames, methods } from '../../electron/contract.js';
import { AppError } from '../../electron/core/errors.js';
import { parseOrThrow } from '../../electron/core/validate.js';
import { makeCore, seedAnnouncement, signInOfficer, TEST_CALLER, type TestCore } from '../helpers/core.js';
import { hashPassword } from '../../electron/core/staff/password.js';

function validationOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected a validation error');
}

describe('contract', () => {
  it('declares every method, named domain.verb, with a strict input schema: a field it does not know is refused by name', () => {
    expect(methodNames.length).toBeGreaterThan(40);
    for (const name of methodNames) {
      expect(name).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
      const parsed = methods[name].input.safeParse({ notAField: 1 });
      expect(parsed.success, name).toBe(false);
      const unknown = parsed.error?.issues.find((i) => i.code === 'unrecognized_keys');
      expect(unknown && 'keys' in unknown ? unknown.keys : [], name).toEqual(['notAField']);
    }
    expect(eventNames).toContain('sync.status');
    expect(isMethodName('app.info')).toBe(true);
    expect(isMethodName('toString')).toBe(false);
  });

  it('accepts good input and trims text', () => {
    expect(parseOrThrow(methods['announcements.create'].input, { session: 's'.repeat(32), title: '  Lịch tiếp dân  ', body: 'Thứ Năm hằng tuần' })).toEqual({
      session: 's'.repeat(32),
      title: 'Lịch tiếp dân',
      body: 'Thứ Năm hằng tuần',
    });
    expect(parseOrThrow(methods['announcements.list'].input, {})).toEqual({});
  });

  it('names the missing field in Vietnamese and English', () => {
    const err = validationOf(() => parseOrThrow(methods['announcements.create'].input, { session: 's'.repeat(32), body: 'x' }));
    expect(err.code).toBe('validation');
    expect(err.field).toBe('title');
    expect(err.messages.vi).toContain('Thiếu trường “title”');
    expect(err.messages.en).toContain('“title” is required');
  });

  it('refuses empty text, wrong types, out-of-range numbers and unknown keys, naming the field', () => {
    expect(validationOf(() => parseOrThrow(methods['announcements.create'].input, { session: 's'.repeat(32), title: '   ', body: 'x' })).messages.vi).toContain('không được để trống');
    const wrongType = validationOf(() => parseOrThrow(methods['announcements.list'].input, { limit: 'ten' }));
    expect(wrongType.field).toBe('limit');
    expect(wrongType.messages.vi).toContain('sai kiểu');
    expect(validationOf(() => parseOrThrow(methods['announcements.list'].input, { limit: 1000 })).messages.en).toContain('maximum 100');
    const unknown = validationOf(() => parseOrThrow(methods['app.info'].input, { evil: true }));
    expect(unknown.field).toBe('evil');
    expect(unknown.messages.vi).toContain('Không nhận trường “evil”');
    expect(validationOf(() => parseOrThrow(methods['announcements.create'].input, { session: 's'.repeat(32), title: 'a', body: 'b', expiresAt: 'tomorrow' })).field).toBe('expiresAt');
  });
});

describe('core dispatch', () => {
  let t: TestCore;
  afterEach(() => t.core.close());

  it('answers an unknown method with a typed error, never a throw', async () => {
    t = makeCore();
    const res = await t.core.invoke('dossier.delete', {}, TEST_CALLER);
    expect(res).toEqual({ ok: false, error: { code: 'unknown_method', message: { vi: 'Không có chức năng “dossier.delete”.', en: 'There is no method “dossier.delete”.' } } });
    expect((await t.core.invoke('__proto__', {}, TEST_CALLER)).ok).toBe(false);
  });

  it('answers invalid input with a validation error naming the field', async () => {
    t = makeCore({ mode: 'staff' });
    const session = await signInOfficer(t.core, 'lanh.dao', ['supervisor']);
    const res = await t.core.invoke('announcements.create', { session, title: 'x', body: 42 }, TEST_CALLER);
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.error.code).toBe('validation');
      expect(res.error.field).toBe('body');
    }
  });

  it('stores an announcement in SQLite, lists it, emits a change event and records who posted it', async () => {
    t = makeCore({ mode: 'staff' });
    const session = await signInOfficer(t.core, 'lanh.dao', ['supervisor']);
    const seen: string[] = [];
    t.core.onEvent((name) => seen.push(name));
    const created = await t.core.call('announcements.create', { session, title: 'Lịch làm việc thứ Bảy', body: 'Bộ phận Một cửa làm việc sáng thứ Bảy.' });
    expect(created.publishedAt).toBe('2026-03-02T02:00:00.000Z');
    expect(seen).toEqual(['announcements.changed']);
    const row = t.core.db.prepare('SELECT title FROM announcements WHERE id = ?').get(created.id) as { title: string };
    expect(row.title).toBe('Lịch làm việc thứ Bảy');
    expect(await t.core.call('announcements.list', {})).toHaveLength(1);
    const audit = t.core.db.prepare("SELECT actor, after FROM audit_log WHERE action = 'announcement.create'").get() as { actor: string; after: string };
    expect(audit.actor).toBe('lanh.dao');
    expect(JSON.parse(audit.after)).toMatchObject({ id: created.id, title: 'Lịch làm việc thứ Bảy' });
  });

  it('hides announcements once they expire, by the injected clock', async () => {
    t = makeCore({ mode: 'staff' });
    const session = await signInOfficer(t.core, 'lanh.dao', ['supervisor']);
    await t.core.call('announcements.create', { session, title: 'Tạm ngưng', body: 'Hệ thống bảo trì', expiresAt: '2026-03-02T12:00:00+07:00' });
    expect(await t.core.call('announcements.list', {})).toHaveLength(1);
    t.clock.advance(4 * 3600_000);
    expect(await t.core.call('announcements.list', {})).toHaveLength(0);
  });

  it('lets several cores live side by side with their own data', async () => {
    t = makeCore();
    const other = makeCore({ mode: 'staff' });
    seedAnnouncement(t.core, { title: 'A', body: 'a' });
    expect(await t.core.call('announcements.list', {})).toHaveLength(1);
    expect(await other.core.call('announcements.list', {})).toHaveLength(0);
    expect((await other.core.call('app.info', {})).mode).toBe('staff');
    other.core.close();
  });
});

describe('errors in background work', () => {
  it('reach the UI as a typed core.error event with a readable message, and the log', async () => {
    const t = makeCore();
    const seen: unknown[] = [];
    t.core.onEvent((name, payload) => seen.push({ name, payload }));
    t.core.reportError('sync', new Error('ECONNRESET at socket'));
    expect(seen).toEqual([
      {
        name: 'core.error',
        payload: { source: 'sync', code: 'internal', message: { vi: 'Đã có lỗi trong hệ thống. Vui lòng thử lại hoặc báo cán bộ hỗ trợ.', en: 'Something went wrong. Please try again or ask staff for help.' } },
      },
    ]);
    const fs = await import('node:fs');
    await t.core.log.flush();
    expect(fs.readFileSync(t.core.log.file!, 'utf8')).toContain('ECONNRESET at socket');
    t.core.close();
  });
});

describe('kiosk admin exit', () => {
  it('locks for five minutes after five wrong PINs, by the clock; the PIN is kept only as its hash', async () => {
    const t = makeCore({ kiosk: { adminPinHash: await hashPassword('13579024') } });
    for (let i = 0; i < 4; i++) expect(await rejection(t.core.call('kiosk.adminExit', { pin: '0000' }))).toMatchObject({ code: 'unauthorized', messages: { vi: 'Mã PIN không đúng.' } });
    expect(await rejection(t.core.call('kiosk.adminExit', { pin: '0000' }))).toMatchObject({ code: 'rate_limited', messages: { vi: 'Nhập sai mã PIN nhiều lần: đã khóa 5 phút.' } });
    // Even the right PIN waits out the hold.
    expect((await rejection(t.core.call('kiosk.adminExit', { pin: '13579024' }))).code).toBe('rate_limited');
    t.clock.advance(5 * 60_000);
    expect(await t.core.call('kiosk.adminExit', { pin: '13579024' })).toEqual({ ok: true, lockedUntil: null });
    t.core.close();
  });

  it('has no default PIN: a kiosk that was never given one refuses the admin exit and says why', async () => {
    const t = makeCore({ mode: 'kiosk' });
    for (const pin of ['000000', '0000', '12345678']) {
      const e = await rejection(t.core.call('kiosk.adminExit', { pin }));
      expect(e.code).toBe('forbidden');
      expect(e.messages.vi).toContain('chưa có mã PIN quản trị');
    }
    t.core.close();
  });

  it('does not exist on a desk', async () => {
    const t = makeCore({ mode: 'staff', kiosk: { adminPinHash: await hashPassword('13579024') } });
    expect((await rejection(t.core.call('kiosk.adminExit', { pin: '13579024' }))).code).toBe('unknown_method');
    t.core.close();
  });
});

async function rejection(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected a rejection');
}
