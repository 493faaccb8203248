/**
 * Working time: office hours per office, weekends, days off and make-up working days. Due dates
 * are counted in working hours (8 hours = 1 working day) in Vietnam time; a filing after closing,
 * or on a day off, counts from the next working morning. Periods in calendar days, months and
 * years follow the Civil Code (`deadline`).
 */
import { addDays, addMonths, addYears, isoWeekday, vnDay, vnInstant } from '../time.js';

export { formatVn } from '../time.js';

export interface OfficeHours {
  /** Monday to Friday, and make-up working days: [start, end] periods as "HH:MM". */
  weekday: [string, string][];
  /** Saturday mornings, where an office works them; empty otherwise. */
  saturday: [string, string][];
}

export const DEFAULT_HOURS: OfficeHours = { weekday: [['07:30', '11:30'], ['13:00', '17:00']], saturday: [] };

export type DayKind = 'off' | 'workday';

export type DaySource = 'bundled' | 'portal' | 'local' | 'statutory';

/** A marked day as the admin page and `calendar.list` show it. */
export interface CalendarDay {
  date: string;
  kind: DayKind;
  name: string;
  /** bundled (shipped table), portal (published), local (the desk admin), statutory (computed). */
  source: DaySource;
  /** Computed from the Labor Code because the year has no official table yet. */
  provisional: boolean;
}

/** One year's table: marked days, and whether it is only computed from the Labor Code so far. */
export interface YearTable {
  days: ReadonlyMap<string, DayKind>;
  provisional: boolean;
}

export class WorkingCalendar {
  private readonly years = new Map<number, YearTable>();
  private readonly source: (year: number) => YearTable;

  /**
   * `days` is either a fixed table (every year official, unmarked days ordinary — tests and
   * policies) or a function giving each year's table, asked once per year.
   */
  constructor(
    days: ReadonlyMap<string, DayKind> | ((year: number) => YearTable),
    private readonly hours: OfficeHours = DEFAULT_HOURS,
  ) {
    this.source = typeof days === 'function' ? days : () => ({ days, provisional: false });
  }

  private table(day: string): YearTable {
    const year = Number(day.slice(0, 4));
    let t = this.years.get(year);
    if (!t) this.years.set(year, (t = this.source(year)));
    return t;
  }

  /** True when `day`'s year has no official table yet: its days off are computed, not announced. */
  isProvisional(day: string): boolean {
    return this.table(day).provisional;
  }

  /** Office periods of a Vietnamese calendar day, as UTC instants (ms). */
  periods(day: string): [number, number][] {
    const weekday = isoWeekday(day);
    const marked = this.table(day).days.get(day);
    let list: [string, string][];
    if (marked === 'off') list = [];
    else if (marked === 'workday') list = this.hours.weekday;
    else if (weekday === 7) list = [];
    else if (weekday === 6) list = this.hours.saturday;
    else list = this.hours.weekday;
    return list.map(([s, e]) => [vnInstant(day, s).getTime(), vnInstant(day, e).getTime()]);
  }

  isWorkingDay(day: string): boolean {
    return this.periods(day).length > 0;
  }

  /** `from` plus `hours` of office time. */
  addWorkingHours(from: Date, hours: number): Date {
    let remaining = hours * 3600_000;
    let cursor = from.getTime();
    let day = vnDay(cursor);
    for (let i = 0; i < 3660; i++) {
      for (const [start, end] of this.periods(day)) {
        if (cursor >= end) continue;
        const begin = Math.max(cursor, start);
        if (remaining <= end - begin) return new Date(begin + remaining);
        remaining -= end - begin;
        cursor = end;
      }
      day = addDays(day, 1);
    }
    throw new Error('no working time within ten years');
  }

  /** The appointment for a processing time of `workingDays` from a receipt at `from`. */
  due(from: Date, workingDays: number): Date {
    return this.addWorkingHours(from, workingDays * 8);
  }

  /** The close of office on `day` or, when it is a day off, on the next working day. */
  closeOfWorkingDay(day: string): Date {
    let d = day;
    for (let i = 0; i < 366 && !this.isWorkingDay(d); i++) d = addDays(d, 1);
    const periods = this.periods(d);
    if (!periods.length) throw new Error(`no working day within a year of ${day}`);
    return new Date(periods[periods.length - 1]![1]);
  }

  /**
   * The end of a period counted in calendar days, months or years from `from` — the Civil Code's
   * rules (Bộ luật Dân sự 2015, art. 147–148): the day it starts is not counted; a period in months
   * or years ends on the same day of the last month, or on that month's last day when the month
   * has no such day (31/05 + 1 month → 30/06; 29/02 + 1 year → 28/02); a period that ends on a day
   * off ends at the close of the next working day. Fractions round up to a whole unit.
   * @param from the instant the period starts (a receipt); its Vietnamese day is day 0.
   * @returns the instant of the office's close on the last day.
   */
  deadline(from: Date, amount: number, unit: 'days' | 'months' | 'years'): Date {
    const start = vnDay(from);
    const n = Math.ceil(amount);
    const last = unit === 'days' ? addDays(start, n) : unit === 'months' ? addMonths(start, n) : addYears(start, n);
    return this.closeOfWorkingDay(last);
  }
}
