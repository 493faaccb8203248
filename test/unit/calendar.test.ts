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

  it('a Saturday morning the counter opens for reception is not working time: time limits count Monday to Friday (trial-desk 7)', () => {
    const saturdays = new WorkingCalendar(days, { weekday: [['07:30', '11:30'], ['13:00', '17:00']], saturday: [['07:30', '11:30']] });
    expect(due('2026-03-06T15:00:00', 1, saturdays)).toBe('2026-03-09 15:00');
    expect(due('2026-03-06T15:00:00', 1)).toBe('2026-03-09 15:00');
    // The trial's case: Tuesday 1/12/2026 11:50 (lunch: counted from 13:00) + 4 working days = 4 h + Wed–Fri 24 h + 4 h → Monday 7/12 11:30 (not 08:00, which counted Saturday).
    expect(due('2026-12-01T11:50:00', 4, saturdays)).toBe('2026-12-07 11:30');
    // Received on that Saturday morning: counted from Monday's opening.
    expect(due('2026-03-07T09:00:00', 1, saturdays)).toBe('2026-03-09 17:00');
    expect(saturdays.isOpen('2026-03-07')).toBe(true);
    expect(saturdays.isWorkingDay('2026-03-07')).toBe(false);
    // A make-up working Saturday (10/1/2026) is working time.
    expect(saturdays.isWorkingDay('2026-01-10')).toBe(true);
  });
});

describe('the transfer rule: a dossier received after 15:00 reaches the deciding agency at the start of the next working day (Decree 61/2018, art. 19(1)(b))', () => {
  const saturdays = new WorkingCalendar(days, { weekday: [['07:30', '11:30'], ['13:00', '17:00']], saturday: [['08:00', '11:30']] });
  const transfer = (local: string, c = cal) => {
    const t = c.transferBy(at(local));
    const f = formatVn(t.by);
    return `${f.date} ${f.time}${t.nextDay ? ' (next working day)' : ''}`;
  };
  // [received, Vietnam time] → [hand over by]; written from the rule and the 2026 table, not from the code.
  const table: [string, string, string, WorkingCalendar?][] = [
    ['Wednesday 14:59: the same day, by its close', '2026-12-02T14:59:00', '2026-12-02 17:00'],
    ['Wednesday 15:00: not after 15:00, the same day', '2026-12-02T15:00:00', '2026-12-02 17:00'],
    ['15:00 and 40 seconds: the receipt prints 15:00, the same day', '2026-12-02T15:00:40', '2026-12-02 17:00'],
    ['Wednesday 15:01: Thursday at opening', '2026-12-02T15:01:00', '2026-12-03 07:30 (next working day)'],
    ['Friday 15:30: Monday at opening', '2026-12-04T15:30:00', '2026-12-07 07:30 (next working day)'],
    ['before opening (07:00): the same day', '2026-12-02T07:00:00', '2026-12-02 17:00'],
    ['at lunch (12:00): the same day', '2026-12-02T12:00:00', '2026-12-02 17:00'],
    ['after closing (17:30): the next morning', '2026-12-02T17:30:00', '2026-12-03 07:30 (next working day)'],
    ['Wednesday 29/4 16:00, before 30/4 and 1/5: Monday 4/5', '2026-04-29T16:00:00', '2026-05-04 07:30 (next working day)'],
    ['Friday 13/2 15:30, before Tết (14–22/2): Monday 23/2', '2026-02-13T15:30:00', '2026-02-23 07:30 (next working day)'],
    ['Friday 9/1 16:00, before the make-up Saturday 10/1: that Saturday', '2026-01-09T16:00:00', '2026-01-10 07:30 (next working day)'],
    ['a Sunday (a desk opened on a day off): Monday', '2026-03-08T10:00:00', '2026-03-09 07:30 (next working day)'],
    ['Friday 15:30 where the counter opens Saturday mornings: Monday (Saturday is not a working day)', '2026-03-06T15:30:00', '2026-03-09 07:30 (next working day)', saturdays],
    ['received on such a Saturday at 10:00: Monday at opening', '2026-03-07T10:00:00', '2026-03-09 07:30 (next working day)', saturdays],
  ];
  it.each(table)('%s', (_name, received, expected, c) => {
    expect(transfer(received, c)).toBe(expected);
  });
});
