/**
 * Vietnam time whatever the machine's zone: this file runs under TZ=UTC, Asia/Ho_Chi_Minh and
 * Pacific/Kiritimati (vitest projects time-*), and every expected value is the same in all three.
 */
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, addYears, formatVn, formatVnDateTime, isCalendarDay, isoWeekday, parseVn, vnDay, vnDayOfIso, vnDayStart, vnInstant, vnIso, vnLocalIso, vnOffsetMs } from '../../electron/core/time.js';
import { nationalDate } from '../../electron/core/sync/national-adapter.js';
import { isScreenOff, nextNightlyRestart } from '../../electron/core/watchdog/policy.js';

describe('the machine zone this run is under', () => {
  it('is the zone the project set (so the other tests mean something)', () => {
    const expected: Record<string, number> = { UTC: 0, 'Asia/Ho_Chi_Minh': -420, 'Pacific/Kiritimati': -840 };
    const tz = process.env.TZ;
    if (tz && tz in expected) {
      // The host-zone offset read on purpose, to prove the run's zone: the only place it is read.
      expect(new Date(Date.UTC(2026, 2, 6, 12)).getTimezoneOffset()).toBe(expected[tz]);
    }
  });
});

describe('reading times as people and scripts write them (Vietnam time unless an offset is given)', () => {
  const CASES: [input: string, utc: string | null, rule: string][] = [
    ['2026-03-06T16:00', '2026-03-06T09:00:00.000Z', 'no offset: Vietnam wall clock, not the host zone'],
    ['2026-03-06 16:00', '2026-03-06T09:00:00.000Z', 'a space instead of T'],
    ['2026-03-06T16:00:30', '2026-03-06T09:00:30.000Z', 'with seconds'],
    ['2026-03-06', '2026-03-05T17:00:00.000Z', 'a day alone: its start in Vietnam'],
    ['2026-03-06T16:00+07:00', '2026-03-06T09:00:00.000Z', 'an explicit offset is that instant'],
    ['2026-03-06T16:00Z', '2026-03-06T16:00:00.000Z', 'Z is UTC'],
    ['2026-03-06T16:00-05:00', '2026-03-06T21:00:00.000Z', 'any offset'],
    ['2026-02-30T10:00', null, 'no such day'],
    ['2026-02-29', null, 'not a leap year'],
    ['hôm qua', null, 'not a date'],
    ['06/03/2026', null, 'day/month/year is for forms (parseDate), not this reader'],
  ];
  it.each(CASES)('%s → %s (%s)', (input, utc) => {
    expect(parseVn(input)?.toISOString() ?? null).toBe(utc);
  });
});

describe('Vietnamese calendar days of instants', () => {
  const CASES: [utc: string, day: string, rule: string][] = [
    ['2026-03-06T16:59:59.999Z', '2026-03-06', 'before 17:00 UTC it is still the same day in Vietnam'],
    ['2026-03-06T17:00:00.000Z', '2026-03-07', 'midnight in Vietnam is 17:00 UTC'],
    ['2026-11-30T18:00:00.000Z', '2026-12-01', 'the kiosk receipt case: 01:00 on 1/12 in Vietnam, 30/11 in UTC'],
    ['2026-12-31T17:30:00.000Z', '2027-01-01', 'a new year starts at 17:00 UTC'],
    ['1975-06-01T16:30:00.000Z', '1975-06-02', 'tzdata: Saigon was UTC+8 until 13/06/1975 (a fixed +7 would say 01/06)'],
  ];
  it.each(CASES)('%s is %s (%s)', (utc, day) => {
    expect(vnDay(new Date(utc))).toBe(day);
    expect(vnDayOfIso(utc)).toBe(day);
  });

  it('offsets come from the time-zone database: +8 before 13/06/1975, +7 since', () => {
    expect(vnOffsetMs(Date.parse('1970-01-01T00:00:00Z')) / 3_600_000).toBe(8);
    expect(vnOffsetMs(Date.parse('2026-03-06T00:00:00Z')) / 3_600_000).toBe(7);
  });

  it('day boundaries and wall-clock instants', () => {
    expect(vnDayStart('2026-03-07').toISOString()).toBe('2026-03-06T17:00:00.000Z');
    expect(vnInstant('2026-03-06', '07:30').toISOString()).toBe('2026-03-06T00:30:00.000Z');
    expect(vnInstant('2026-03-06', '17:00').toISOString()).toBe('2026-03-06T10:00:00.000Z');
  });
});

describe('formatting in Vietnam time', () => {
  it('date, time and weekday of an instant', () => {
    expect(formatVn(new Date('2026-03-06T10:00:00Z'))).toEqual({ date: '2026-03-06', time: '17:00', weekday: 'Thứ Sáu' });
    expect(formatVn('2026-03-06T17:30:00Z')).toEqual({ date: '2026-03-07', time: '00:30', weekday: 'Thứ Bảy' });
    expect(formatVnDateTime('2026-11-30T18:05:00Z')).toBe('01:05 01/12/2026');
    expect(vnIso(new Date('2026-03-06T10:00:00Z'))).toBe('2026-03-06T17:00+07:00');
    expect(vnLocalIso('2026-03-06T10:00:00Z')).toBe('2026-03-06T17:00:00.000');
  });

  it('the national portal shape yyyyMMddHHmmss is Vietnam time', () => {
    expect(nationalDate('2026-12-31T17:05:09.000Z')).toBe('20270101000509');
  });
});

describe('calendar-day arithmetic', () => {
  const MONTHS: [day: string, n: number, expected: string, rule: string][] = [
    ['2026-05-31', 1, '2026-06-30', 'no 31 June: the month’s last day (Civil Code art. 148)'],
    ['2026-01-31', 1, '2026-02-28', 'February of a common year'],
    ['2028-01-31', 1, '2028-02-29', 'February of a leap year'],
    ['2026-03-31', -1, '2026-02-28', 'backwards too'],
    ['2026-12-31', 1, '2027-01-31', 'over the year end'],
    ['2026-08-31', 6, '2027-02-28', 'six months over the year end'],
    ['2026-06-15', 1, '2026-07-15', 'a day every month has'],
  ];
  it.each(MONTHS)('%s + %i month(s) → %s (%s)', (day, n, expected) => {
    expect(addMonths(day, n)).toBe(expected);
  });

  it('years, days and weekdays', () => {
    expect(addYears('2028-02-29', 1)).toBe('2029-02-28');
    expect(addYears('2028-02-29', 4)).toBe('2032-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(isoWeekday('2027-01-01')).toBe(5);
    expect(isoWeekday('2026-03-08')).toBe(7);
    expect(isCalendarDay('2026-04-31')).toBe(false);
    expect(isCalendarDay('2028-02-29')).toBe(true);
  });
});

describe('watchdog schedules in Vietnam time', () => {
  it('the nightly restart at 03:00 Vietnam time, whatever the host zone', () => {
    expect(nextNightlyRestart(new Date('2026-03-06T10:00:00Z'), '03:00')!.toISOString()).toBe('2026-03-06T20:00:00.000Z');
    expect(nextNightlyRestart(new Date('2026-03-06T20:00:00Z'), '03:00')!.toISOString()).toBe('2026-03-07T20:00:00.000Z');
  });
  it('the screen is off 22:00–06:00 Vietnam time', () => {
    expect(isScreenOff(new Date('2026-03-06T15:30:00Z'), '22:00', '06:00')).toBe(true); // 22:30
    expect(isScreenOff(new Date('2026-03-06T23:30:00Z'), '22:00', '06:00')).toBe(false); // 06:30
  });
});
