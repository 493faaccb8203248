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

/**
 * The transfer rule's cut-off, Vietnam time: a dossier received in person after it reaches the deciding
 * agency at the start of the next working day (Decree 61/2018/NĐ-CP art. 19(1)(b)).
 */
export const TRANSFER_CUTOFF = '15:00';

/** When a received dossier must reach the agency that decides it (`WorkingCalendar.transferBy`). */
export interface TransferDue {
  /** The latest instant of the hand-over: the close of the day received, or the next working day's opening. */
  by: Date;
  /** True when it goes on the next working day: received after 15:00, after closing, or on a day off. */
  nextDay: boolean;
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

  /**
   * Office hours of a Vietnamese calendar day, as UTC instants (ms): when the counter is open —
   * Saturday mornings included where the office opens them (bookings, appointments, updates).
   */
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

  /**
   * Working time of `day`, the time legal limits are counted in: the office hours of a working day.
   * A Saturday the counter opens for reception is not a working day (officers work a 40-hour week,
   * Monday to Friday: Decision 188/1999/QĐ-TTg), unless the table makes it a make-up working day.
   */
  workingPeriods(day: string): [number, number][] {
    if (isoWeekday(day) === 6 && this.table(day).days.get(day) !== 'workday') return [];
    return this.periods(day);
  }

  /** A working day: one whose hours count toward time limits (Monday to Friday, make-up days; no day off). */
  isWorkingDay(day: string): boolean {
    return this.workingPeriods(day).length > 0;
  }

  /** The counter is open on `day` (a working day, or a Saturday morning the office opens). */
  isOpen(day: string): boolean {
    return this.periods(day).length > 0;
  }

  /** `from` plus `hours` of office time. */
  addWorkingHours(from: Date, hours: number): Date {
    let remaining = hours * 3600_000;
    let cursor = from.getTime();
    let day = vnDay(cursor);
    for (let i = 0; i < 3660; i++) {
      for (const [start, end] of this.workingPeriods(day)) {
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
    const periods = this.workingPeriods(d);
    if (!periods.length) throw new Error(`no working day within a year of ${day}`);
    return new Date(periods[periods.length - 1]![1]);
  }

  /**
   * When a dossier received at `receivedAt` must be handed to the agency that decides it — Decree
   * 61/2018/NĐ-CP art. 19(1)(b) (the practice Decree 118/2025 keeps): the same working day, or at the
   * start of the next working day when it was received after 15:00. Vietnam time, to the minute the
   * receipt prints: 15:00 is not after 15:00, 15:01 is. A receipt after the office closed, or on a day
   * off, goes on the next working morning too; one before opening, the same day.
   */
  transferBy(receivedAt: Date): TransferDue {
    const day = vnDay(receivedAt);
    const periods = this.workingPeriods(day);
    const afterCutoff = receivedAt.getTime() >= vnInstant(day, TRANSFER_CUTOFF).getTime() + 60_000;
    const close = periods.at(-1)?.[1];
    if (!afterCutoff && close !== undefined && receivedAt.getTime() < close) return { by: new Date(close), nextDay: false };
    let d = addDays(day, 1);
    for (let i = 0; i < 366 && !this.isWorkingDay(d); i++) d = addDays(d, 1);
    const opening = this.workingPeriods(d)[0];
    if (!opening) throw new Error(`no working day within a year of ${day}`);
    return { by: new Date(opening[0]), nextDay: true };
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
