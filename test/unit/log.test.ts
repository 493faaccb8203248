import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { manualClock } from '../../electron/core/clock.js';
import { createLogger, redact } from '../../electron/core/log.js';
import { tempDir } from '../helpers/core.js';

describe('logger', () => {
  it('writes structured JSON lines with the clock\'s time', async () => {
    const dir = tempDir();
    const log = createLogger({ dir, clock: manualClock('2026-04-30T10:00:00Z') });
    log.info('sync done', { moved: 3 });
    log.debug('not written at info level');
    await log.flush();
    const lines = fs.readFileSync(path.join(dir, 'motcua.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual([{ t: '2026-04-30T10:00:00.000Z', level: 'info', msg: 'sync done', moved: 3 }]);
  });

  it('rotates by size and keeps at most maxFiles files', async () => {
    const dir = tempDir();
    const log = createLogger({ dir, clock: manualClock(), maxBytes: 2000, maxFiles: 3 });
    for (let i = 0; i < 200; i++) log.warn('line', { i, pad: 'x'.repeat(50) });
    await log.flush();
    const files = fs.readdirSync(dir).sort();
    expect(files).toEqual(['motcua.log', 'motcua.log.1', 'motcua.log.2']);
    for (const f of files) expect(fs.statSync(path.join(dir, f)).size).toBeLessThanOrEqual(2000);
    const last = fs.readFileSync(path.join(dir, 'motcua.log'), 'utf8').trim().split('\n').pop()!;
    expect(JSON.parse(last).i).toBe(199);
  });

  it('records errors with their message and stack', async () => {
    const dir = tempDir();
    const log = createLogger({ dir, clock: manualClock() });
    log.error('failed', { err: new Error('boom') });
    await log.flush();
    const line = JSON.parse(fs.readFileSync(path.join(dir, 'motcua.log'), 'utf8')) as { err: { message: string; stack: string } };
    expect(line.err.message).toBe('boom');
    expect(line.err.stack).toContain('log.test.ts');
  });

  it('masks ID numbers, phone numbers and email addresses in every line', async () => {
    const dir = tempDir();
    const log = createLogger({ dir, clock: manualClock() });
    log.warn('portal refused 001090123456', { applicant: { idNumber: '001090123456', oldId: '012345678', phone: '0912 345 678', email: 'an.nguyen@example.vn' }, err: new Error('duplicate 079190001234') });
    await log.flush();
    const text = fs.readFileSync(path.join(dir, 'motcua.log'), 'utf8');
    for (const secret of ['001090123456', '012345678', '0912 345 678', 'an.nguyen@example.vn', '079190001234']) expect(text).not.toContain(secret);
    expect(text).toContain('*********456');
    expect(redact('mã hồ sơ 00324.K01-261123-0001, 2026-11-23T09:00:00Z')).toBe('mã hồ sơ 00324.K01-261123-0001, 2026-11-23T09:00:00Z');
  });

  it('masks names and addresses under the fields that carry them, ours and the national portal’s', async () => {
    const dir = tempDir();
    const log = createLogger({ dir, clock: manualClock() });
    log.info('filed', { applicant: { fullName: 'Nguyễn Thị "Hoa"', address: 'Số 5 Phố Kim Mã' }, staff: { displayName: 'Trần Văn Lãnh' }, national: { ChuHoSo: 'Lê Văn Tám', DiaChi: 'Ba Đình' }, procedureName: 'Đăng ký khai sinh' });
    await log.flush();
    const text = fs.readFileSync(path.join(dir, 'motcua.log'), 'utf8');
    for (const secret of ['Nguyễn Thị', 'Kim Mã', 'Trần Văn Lãnh', 'Lê Văn Tám', '"Ba Đình"']) expect(text).not.toContain(secret);
    expect(JSON.parse(text)).toMatchObject({ applicant: { fullName: '[đã ẩn]', address: '[đã ẩn]' }, national: { ChuHoSo: '[đã ẩn]' }, procedureName: 'Đăng ký khai sinh' });
  });

  it('returns before the line is on disk, so a call never waits for the log file', async () => {
    const dir = tempDir();
    const log = createLogger({ dir, clock: manualClock() });
    log.info('first');
    expect(fs.existsSync(path.join(dir, 'motcua.log')) ? fs.readFileSync(path.join(dir, 'motcua.log'), 'utf8') : '').toBe('');
    await log.flush();
    expect(fs.readFileSync(path.join(dir, 'motcua.log'), 'utf8')).toContain('"msg":"first"');
  });

  it('on a full disk drops lines without throwing, and says how many were lost once it can write again', async () => {
    const dir = tempDir();
    // Linux's /dev/full answers every write with ENOSPC, as a full disk does.
    fs.symlinkSync('/dev/full', path.join(dir, 'motcua.log'));
    const log = createLogger({ dir, clock: manualClock() });
    for (let i = 0; i < 50; i++) log.error('cannot be written', { i });
    await expect(log.flush()).resolves.toBeUndefined();
    fs.unlinkSync(path.join(dir, 'motcua.log')); // space is freed
    log.info('after');
    await log.flush();
    const lines = fs.readFileSync(path.join(dir, 'motcua.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { msg: string; dropped?: number });
    expect(lines.map((l) => l.msg)).toEqual(['log lines dropped: the disk was full or the log folder unwritable', 'after']);
    expect(lines[0]!.dropped).toBe(50);
  });
});
