/** Working-day rules on real 2026 dates (times in Vietnam, UTC+7). */
import { describe, expect, it } from 'vitest';
import { BUNDLED_HOLIDAYS } from '../../electron/core/calendar/holidays.js';
import { formatVn, WorkingCalendar } from '../../electron/core/calendar/calendar.js';

const days = new Map(BUNDLED_HOLIDAYS.map((h) => [h.date, h.kind]));
const cal = new WorkingCalendar(days);
const at = (local: string) => new Date(`${local}+07:00`);
const due = (local: string, n: number, c = cal) => {
  const f = formatVn(c.due(at(local), n));
  return `${f.date} ${f.time}`;
};

describe('working-time calendar, 2026', () => {
  it('an ordinary Monday: one working day later, same time', () => {
    expect(due('2026-03-02T09:00:00', 1)).toBe('2026-03-03 09:00');
    expect(due('2026-03-02T09:00:00', 3)).toBe('2026-03-05 09:00');
  });

  it('a filing after hours counts from the next working morning', () => {
    expect(due('2026-03-02T18:00:00', 1)).toBe('2026-03-03 17:00');
    expect(due('2026-03-02T12:00:00', 1)).toBe('2026-03-03 11:30'); // filed at lunch: counted from 13:00
  });

  it('a filing on a weekend counts from Monday morning', () => {
    expect(due('2026-03-07T10:00:00', 1)).toBe('2026-03-09 17:00');
  });

  it('Tết Bính Ngọ (14–22/2) is skipped', () => {
    expect(due('2026-02-13T16:00:00', 1)).toBe('2026-02-23 16:00');
  });

  it('the Monday after Giỗ Tổ (Sunday 26/4) is off', () => {
    expect(due('2026-04-24T09:00:00', 1)).toBe('2026-04-28 09:00');
  });

  it('30/4 and 1/5 (Thursday, Friday) are off', () => {
    expect(due('2026-04-29T09:00:00', 1)).toBe('2026-05-04 09:00');
  });

  it('National Day 29/8–2/9 is off, and Saturday 22/8 is a make-up working day', () => {
    expect(due('2026-08-28T09:00:00', 1)).toBe('2026-09-03 09:00');
    expect(due('2026-08-21T09:00:00', 1)).toBe('2026-08-22 09:00');
  });

  it('New Year 1–4/1 is off, and Saturday 10/1 is a make-up working day', () => {
    expect(due('2025-12-31T09:00:00', 1)).toBe('2026-01-05 09:00');
    expect(due('2026-01-09T09:00:00', 1)).toBe('2026-01-10 09:00');
    expect(cal.isWorkingDay('2026-01-10')).toBe(true);
    expect(cal.isWorkingDay('2026-01-03')).toBe(false);
  });

  it('an office that works Saturday mornings counts them', () => {
    const saturdays = new WorkingCalendar(days, { weekday: [['07:30', '11:30'], ['13:00', '17:00']], saturday: [['07:30', '11:30']] });
    expect(due('2026-03-06T15:00:00', 1, saturdays)).toBe('2026-03-09 09:30');
    expect(due('2026-03-06T15:00:00', 1)).toBe('2026-03-09 15:00');
  });
});
