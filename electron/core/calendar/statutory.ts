/**
 * The days off that follow from the Labor Code by rule, for any year (Bộ luật Lao động 2019,
 * art. 112): 1/1; Tết Âm lịch, 5 days; Giỗ Tổ Hùng Vương 10/3 lunar; 30/4; 1/5; 2/9 and one day
 * next to it. A holiday that falls on a weekly day off (Saturday or Sunday for public offices) is
 * made up on the next working day (art. 112(3)).
 *
 * What the law leaves to each year's decision — which five days Tết spans, which day joins 2/9,
 * swapped days with make-up Saturdays — is guessed here the way recent years went, and every day
 * computed here is *provisional* until the portal's table (the Ministry of Home Affairs' notice)
 * or the desk admin's own entries replace it:
 * - Tết: the last day of the old lunar year and the first four of the new (2023, 2025 went so).
 * - 2/9's extra day: the day before when that is Monday–Friday (2/9 on Tuesday, Wednesday, Friday or
 *   Saturday: 1/9), else the day after (2/9 on Sunday, Monday or Thursday: 3/9), so it never falls
 *   on a weekend and Thursday's joins the weekend (2024: Monday 2/9 → Tuesday 3/9).
 * - No swapped days, no make-up Saturdays: only the Government decides those.
 */
import { addDays, formatDay, isoWeekday } from '../time.js';
import { canChi, lunarToSolar } from './lunar.js';

export interface StatutoryDay {
  date: string;
  name: string;
}

const isWeekend = (day: string) => isoWeekday(day) >= 6;

/** The statutory days off of `year`, in date order, with the make-up days for those on a weekend. */
export function statutoryDaysOff(year: number): StatutoryDay[] {
  const tet = lunarToSolar(year, 1, 1);
  const tetName = `Tết Nguyên đán ${canChi(year)}`;
  const nationalDay = `${year}-09-02`;
  const extra = [2, 3, 5, 6].includes(isoWeekday(nationalDay)) ? addDays(nationalDay, -1) : addDays(nationalDay, 1);
  const holidays: StatutoryDay[] = [
    { date: `${year}-01-01`, name: 'Tết Dương lịch' },
    ...[-1, 0, 1, 2, 3].map((n) => ({ date: addDays(tet, n), name: tetName })),
    { date: lunarToSolar(year, 3, 10), name: 'Giỗ Tổ Hùng Vương' },
    { date: `${year}-04-30`, name: 'Ngày Giải phóng miền Nam' },
    { date: `${year}-05-01`, name: 'Ngày Quốc tế Lao động' },
    { date: nationalDay, name: 'Quốc khánh' },
    { date: extra, name: 'Quốc khánh' },
  ].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));

  const taken = new Set(holidays.map((h) => h.date));
  const out: StatutoryDay[] = [];
  for (const h of holidays) {
    out.push(h);
    if (!isWeekend(h.date)) continue;
    let d = addDays(h.date, 1);
    while (isWeekend(d) || taken.has(d)) d = addDays(d, 1);
    taken.add(d);
    out.push({ date: d, name: `Nghỉ bù ${h.name} (${formatDay(h.date).slice(0, 5)} là ${isoWeekday(h.date) === 6 ? 'Thứ Bảy' : 'Chủ nhật'})` });
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
