/**
 * Periods in calendar days, months and years (Civil Code 2015, art. 147–148): the day it starts is
 * not counted; months and years end on the same day of the last month, or that month's last day;
 * an end on a day off moves to the close (17:00) of the next working day. Expected values by hand.
 */
import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../../electron/core/calendar/calendar.js';
import { BUNDLED_HOLIDAYS } from '../../electron/core/calendar/holidays.js';
import { appointmentFor } from '../../electron/core/desk/due.js';
import { formatVn } from '../../electron/core/time.js';

const cal = new WorkingCalendar(new Map(BUNDLED_HOLIDAYS.map((h) => [h.date, h.kind])));
const show = (d: Date) => {
  const f = formatVn(d);
  return `${f.date} ${f.time}`;
};

const CASES: [received: string, amount: number, unit: 'days' | 'months' | 'years', due: string, rule: string][] = [
  ['2026-05-31T09:00+07:00', 1, 'months', '2026-06-30 17:00', '31/05 + 1 month: June has no 31st, so its last day (art. 148)'],
  ['2026-05-31T00:30+07:00', 1, 'months', '2026-06-30 17:00', 'just after midnight in Vietnam it is already 31/05 (17:30 UTC on 30/05)'],
  ['2026-01-31T10:00+07:00', 1, 'months', '2026-03-02 17:00', '28/02/2026 is a Saturday: Monday 02/03'],
  ['2026-03-31T10:00+07:00', 1, 'months', '2026-05-04 17:00', '30/04 is off (Ngày Giải phóng), 01/05 too, then the weekend: Monday 04/05'],
  ['2026-08-31T10:00+07:00', 1, 'months', '2026-09-30 17:00', 'September has 30 days'],
  ['2026-11-30T10:00+07:00', 3, 'months', '2027-03-01 17:00', '28/02/2027 is a Sunday: Monday 01/03'],
  ['2026-12-31T10:00+07:00', 1, 'months', '2027-02-01 17:00', 'over the year end: 31/01/2027 is a Sunday'],
  ['2026-07-15T10:00+07:00', 0.5, 'months', '2026-08-17 17:00', 'half a month counts as a whole one: 15/08 is a Saturday'],
  ['2028-02-29T10:00+07:00', 1, 'years', '2029-02-28 17:00', 'a leap day + 1 year: 28/02'],
  ['2025-12-31T10:00+07:00', 1, 'years', '2026-12-31 17:00', 'year end to year end'],
  ['2026-01-15T10:00+07:00', 10, 'days', '2026-01-26 17:00', 'day 0 not counted; 25/01 is a Sunday'],
  ['2026-02-10T10:00+07:00', 5, 'days', '2026-02-23 17:00', '15/02 is in Tết (14–22/02): Monday 23/02'],
  ['2026-04-29T16:30+07:00', 1, 'days', '2026-05-04 17:00', '30/04, 01/05 off, then the weekend'],
];

describe('Civil-Code deadlines', () => {
  it.each(CASES)('received %s + %d %s → %s (%s)', (received, amount, unit, due) => {
    expect(show(cal.deadline(new Date(received), amount, unit))).toBe(due);
  });

  it('the desk’s appointment reads the catalog’s unit the same way', () => {
    const a = appointmentFor(cal, { value: 1, unit: 'months' }, new Date('2026-05-31T09:00+07:00'));
    expect(show(a.at)).toBe('2026-06-30 17:00');
    expect(a.text).toBe('1 tháng');
    expect(a.provisional).toBe(false);
  });
});
