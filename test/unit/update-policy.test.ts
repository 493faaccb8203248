import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../../electron/core/calendar/calendar.js';
import { BUNDLED_HOLIDAYS } from '../../electron/core/calendar/holidays.js';
import { chooseUpdate, compareVersions, inRollout, installDecision, type Release } from '../../electron/core/update/policy.js';
import { isScreenOff, nextNightlyRestart, shouldRelaunch } from '../../electron/core/watchdog/policy.js';

const calendar = new WorkingCalendar(new Map(BUNDLED_HOLIDAYS.map((h) => [h.date, h.kind])), { weekday: [['07:30', '11:30'], ['13:00', '17:00']], saturday: [] });
const at = (iso: string) => new Date(iso);
const releases: Release[] = [
  { version: '1.2.0', channel: 'stable' },
  { version: '1.3.0', channel: 'pilot' },
  { version: '1.1.0', channel: 'stable' },
];

describe('update choice', () => {
  it('compares versions, pre-releases before releases', () => {
    expect(compareVersions('1.10.0', '1.9.9')).toBe(1);
    expect(compareVersions('1.2.0', '1.2.0')).toBe(0);
    expect(compareVersions('1.2.0-rc.1', '1.2.0')).toBe(-1);
    expect(compareVersions('2.0.0', '10.0.0')).toBe(-1);
  });

  it('compares pre-release numbers as numbers (Semantic Versioning): rc.10 is newer than rc.9', () => {
    expect(compareVersions('1.2.0-rc.10', '1.2.0-rc.9')).toBe(1);
    expect(compareVersions('1.2.0-rc.9', '1.2.0-rc.10')).toBe(-1);
    expect(compareVersions('1.2.0-alpha', '1.2.0-beta')).toBe(-1);
    expect(compareVersions('1.2.0-beta.2', '1.2.0-beta.11')).toBe(-1);
    // A pilot device on rc.9 takes rc.10.
    expect(chooseUpdate('1.2.0-rc.9', [{ version: '1.2.0-rc.10', channel: 'pilot' }], { channel: 'pilot', pinVersion: '' }, 'kiosk-1')).toEqual({ action: 'download', version: '1.2.0-rc.10', downgrade: false });
    expect(chooseUpdate('1.2.0-rc.10', [{ version: '1.2.0-rc.9', channel: 'pilot' }], { channel: 'pilot', pinVersion: '' }, 'kiosk-1')).toEqual({ action: 'none', reason: 'up_to_date' });
  });

  it('stable devices take the newest stable release; pilot devices the newest of either', () => {
    expect(chooseUpdate('1.1.0', releases, { channel: 'stable', pinVersion: '' }, 'kiosk-1')).toEqual({ action: 'download', version: '1.2.0', downgrade: false });
    expect(chooseUpdate('1.1.0', releases, { channel: 'pilot', pinVersion: '' }, 'kiosk-1')).toEqual({ action: 'download', version: '1.3.0', downgrade: false });
    expect(chooseUpdate('1.2.0', releases, { channel: 'stable', pinVersion: '' }, 'kiosk-1')).toEqual({ action: 'none', reason: 'up_to_date' });
  });

  it('a staged rollout reaches about its share of devices, each device always in or always out', () => {
    const devices = Array.from({ length: 2000 }, (_, i) => `device-${i}`);
    const inShare = devices.filter((d) => inRollout(d, '1.2.0', 25)).length;
    expect(inShare / devices.length).toBeGreaterThan(0.21);
    expect(inShare / devices.length).toBeLessThan(0.29);
    // Always in or always out: a device's bucket is the first 4 bytes of SHA-256("<device>:<version>")
    // modulo 100 — nothing else (no time, no randomness), so restarts and app versions agree. The
    // buckets below were computed with Python's hashlib, not with this code.
    const buckets: [string, string, number][] = [
      ['kiosk-00324-01', '1.2.0', 82],
      ['kiosk-00324-01', '1.3.0', 52],
      ['kiosk-00324-02', '1.3.0', 13],
      ['7f3c2a9e-1b4d-4c8e-9a51-0d2f6e8b7c13', '1.2.0', 81],
    ];
    for (const [device, version, bucket] of buckets) {
      expect(inRollout(device, version, bucket)).toBe(false);
      expect(inRollout(device, version, bucket + 1)).toBe(true);
    }
    // Raising the share only adds devices.
    for (const d of devices) if (inRollout(d, '1.2.0', 25)) expect(inRollout(d, '1.2.0', 50)).toBe(true);
    const staged = [{ version: '1.2.0', channel: 'stable' as const, stagingPercentage: 0 }];
    expect(chooseUpdate('1.1.0', staged, { channel: 'stable', pinVersion: '' }, 'kiosk-1')).toEqual({ action: 'none', reason: 'not_in_rollout' });
  });

  it('a pinned version is installed exactly, even when older, and nothing else is', () => {
    expect(chooseUpdate('1.2.0', releases, { channel: 'stable', pinVersion: '1.1.0' }, 'd')).toEqual({ action: 'download', version: '1.1.0', downgrade: true });
    expect(chooseUpdate('1.1.0', releases, { channel: 'pilot', pinVersion: '1.1.0' }, 'd')).toEqual({ action: 'none', reason: 'pinned' });
    expect(chooseUpdate('1.1.0', releases, { channel: 'stable', pinVersion: '1.0.5' }, 'd')).toEqual({ action: 'none', reason: 'pinned_not_available' });
  });
});

describe('install timing', () => {
  const kiosk = { mode: 'kiosk' as const, calendar, idleSeconds: 60 };

  it('a kiosk never installs in office hours (with half an hour either side), and waits for the evening', () => {
    const d = installDecision({ ...kiosk, now: at('2026-11-24T10:00:00+07:00'), lastInputAt: null });
    expect(d).toEqual({ install: false, reason: 'office_hours', retryAt: at('2026-11-24T12:00:00+07:00') });
    expect(installDecision({ ...kiosk, now: at('2026-11-24T07:10:00+07:00'), lastInputAt: null }).install).toBe(false); // opening soon
    expect(installDecision({ ...kiosk, now: at('2026-11-24T17:20:00+07:00'), lastInputAt: null }).install).toBe(false); // just closed
    expect(installDecision({ ...kiosk, now: at('2026-11-24T20:00:00+07:00'), lastInputAt: null })).toEqual({ install: true });
    expect(installDecision({ ...kiosk, now: at('2026-11-24T12:10:00+07:00'), lastInputAt: null })).toEqual({ install: true }); // lunch break
  });

  it('weekends and holidays count as outside office hours; a make-up Saturday does not', () => {
    expect(installDecision({ ...kiosk, now: at('2026-11-28T10:00:00+07:00'), lastInputAt: null }).install).toBe(true); // Saturday
    expect(installDecision({ ...kiosk, now: at('2026-09-02T10:00:00+07:00'), lastInputAt: null }).install).toBe(true); // National Day
    expect(installDecision({ ...kiosk, now: at('2026-08-22T10:00:00+07:00'), lastInputAt: null }).install).toBe(false); // make-up Saturday
  });

  it('never during a resident’s session: it waits until the idle reset would have happened', () => {
    const d = installDecision({ ...kiosk, now: at('2026-11-24T20:00:00+07:00'), lastInputAt: at('2026-11-24T19:59:30+07:00') });
    expect(d).toEqual({ install: false, reason: 'in_use', retryAt: at('2026-11-24T20:00:30+07:00') });
    expect(installDecision({ ...kiosk, now: at('2026-11-24T20:00:00+07:00'), lastInputAt: at('2026-11-24T19:58:30+07:00') }).install).toBe(true);
  });
});

describe('watchdog schedules', () => {
  it('the nightly restart is the next 03:00 in Hà Nội', () => {
    expect(nextNightlyRestart(at('2026-11-24T22:00:00+07:00'), '03:00')).toEqual(at('2026-11-25T03:00:00+07:00'));
    expect(nextNightlyRestart(at('2026-11-24T02:00:00+07:00'), '03:00')).toEqual(at('2026-11-24T03:00:00+07:00'));
    expect(nextNightlyRestart(at('2026-11-24T03:00:00+07:00'), '03:00')).toEqual(at('2026-11-25T03:00:00+07:00'));
    expect(nextNightlyRestart(at('2026-11-24T03:00:00+07:00'), '')).toBeNull();
  });

  it('screen-off hours may cross midnight', () => {
    expect(isScreenOff(at('2026-11-24T23:00:00+07:00'), '22:00', '06:00')).toBe(true);
    expect(isScreenOff(at('2026-11-24T05:59:00+07:00'), '22:00', '06:00')).toBe(true);
    expect(isScreenOff(at('2026-11-24T06:00:00+07:00'), '22:00', '06:00')).toBe(false);
    expect(isScreenOff(at('2026-11-24T12:30:00+07:00'), '12:00', '13:00')).toBe(true);
    expect(isScreenOff(at('2026-11-24T23:00:00+07:00'), '', '')).toBe(false);
  });

  it('many crashes in a row restart the app instead of reloading the page', () => {
    expect(shouldRelaunch(4)).toBe(false);
    expect(shouldRelaunch(5)).toBe(true);
  });
});
