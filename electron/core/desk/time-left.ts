/**
 * Time left to an appointment, counted the way the office counts it: in office hours of working
 * days (8 hours = 1 working day), so a Friday evening does not burn a long weekend. The deadline
 * board's buckets follow the calendar too: "due today" ends at today's close, "due next" at the
 * close of the next working day — whatever days off lie between.
 */
import type { Bilingual } from '../errors.js';
import { formatVn, type WorkingCalendar } from '../calendar/calendar.js';
import { addDays, isoWeekday, vnDay, vnDayStart } from '../time.js';

const MINUTES_PER_DAY = 8 * 60;
const nextDay = (day: string) => addDays(day, 1);

export type DueBucket = 'overdue' | 'today' | 'next' | 'later';

export interface TimeLeft {
  /** Office minutes from now to the appointment; negative once it has passed. */
  minutes: number;
  bucket: DueBucket;
  /** "còn 1 ngày 2 giờ làm việc", "quá hạn 3 giờ làm việc". */
  text: Bilingual;
  /** The same for a table's narrow column, under a header that says it is working time: "còn 1 ngày 2 giờ". */
  short: Bilingual;
}

/**
 * Whole office days' minutes, summed from a first day: built once per calendar over the span asked
 * for, so a page of dossiers overdue by a year costs two lookups each, not a walk over every day.
 */
interface Cumulative {
  first: string;
  /** Day → its position from `first`. */
  index: Map<string, number>;
  /** sums[i]: office ms of the days before position i. */
  sums: number[];
}
const cumulative = new WeakMap<WorkingCalendar, Cumulative>();
/** Ten years either way is the longest span counted; beyond it, the count stops there. */
const MAX_SPAN_DAYS = 3660;

function cumulativeFor(calendar: WorkingCalendar, fromDay: string, toDay: string): Cumulative {
  const known = cumulative.get(calendar);
  if (known && known.index.has(fromDay) && known.index.has(toDay)) return known;
  // Cover what was asked and what was covered before, with a margin, so a page's rows share one build.
  let first = addDays(fromDay, -31);
  let last = addDays(toDay, 31);
  if (known) {
    if (known.first < first) first = known.first;
    const knownLast = addDays(known.first, known.sums.length - 2);
    if (knownLast > last) last = knownLast;
  }
  const built: Cumulative = { first, index: new Map(), sums: [0] };
  let day = first;
  for (let i = 0; i <= MAX_SPAN_DAYS * 2 && day <= last; i++) {
    built.index.set(day, i);
    built.sums.push(built.sums[i]! + calendar.workingPeriods(day).reduce((sum, [s, e]) => sum + (e - s), 0));
    day = nextDay(day);
  }
  cumulative.set(calendar, built);
  return built;
}

/** Office ms of `day` between the instants a and b. */
function within(calendar: WorkingCalendar, day: string, a: number, b: number): number {
  let total = 0;
  for (const [start, end] of calendar.workingPeriods(day)) {
    const s = Math.max(start, a);
    const e = Math.min(end, b);
    if (e > s) total += e - s;
  }
  return total;
}

/** Office minutes between two instants (negative when `to` is before `from`). */
export function workingMinutesBetween(calendar: WorkingCalendar, from: Date, to: Date): number {
  if (to.getTime() < from.getTime()) return -workingMinutesBetween(calendar, to, from);
  const a = from.getTime();
  const b = to.getTime();
  const fromDay = vnDay(from);
  let toDay = vnDay(to);
  if (fromDay === toDay) return Math.round(within(calendar, fromDay, a, b) / 60_000);
  const span = cumulativeFor(calendar, fromDay, toDay);
  if (!span.index.has(toDay)) toDay = addDays(span.first, span.sums.length - 2);
  const i = span.index.get(fromDay)!;
  const j = span.index.get(toDay)!;
  // The first day from `from` on, the whole days between, the last day up to `to`.
  const total = within(calendar, fromDay, a, Infinity) + (span.sums[j]! - span.sums[i + 1]!) + within(calendar, toDay, -Infinity, b);
  return Math.round(total / 60_000);
}

/** The close of the office day `day`; its midnight when it is not a working day. */
function closeOf(calendar: WorkingCalendar, day: string): number {
  const periods = calendar.workingPeriods(day);
  return periods.length ? periods[periods.length - 1]![1] : vnDayStart(day).getTime();
}

/**
 * The bounds of the board's buckets at `now`: due today = by today's close; due next = by the close
 * of the next working day after today (Tuesday, on the Friday before a Monday holiday).
 */
export function dueBounds(calendar: WorkingCalendar, now: Date): { todayEnd: Date; nextEnd: Date } {
  const today = vnDay(now);
  let day = nextDay(today);
  for (let i = 0; i < 366 && !calendar.isWorkingDay(day); i++) day = nextDay(day);
  return { todayEnd: new Date(Math.max(closeOf(calendar, today), now.getTime())), nextEnd: new Date(closeOf(calendar, day)) };
}

export function bucketOf(appointmentAt: string, now: Date, bounds: { todayEnd: Date; nextEnd: Date }): DueBucket {
  const at = Date.parse(appointmentAt);
  if (at < now.getTime()) return 'overdue';
  if (at <= bounds.todayEnd.getTime()) return 'today';
  if (at <= bounds.nextEnd.getTime()) return 'next';
  return 'later';
}

/** "1 ngày 2 giờ 30 phút" in working time. */
export function describeWorking(minutes: number): Bilingual {
  const m = Math.abs(minutes);
  const days = Math.floor(m / MINUTES_PER_DAY);
  const hours = Math.floor((m % MINUTES_PER_DAY) / 60);
  const mins = m % 60;
  const vi: string[] = [];
  const en: string[] = [];
  const add = (v: string, e: string) => {
    vi.push(v);
    en.push(e);
  };
  if (days) add(`${days} ngày`, `${days} day${days > 1 ? 's' : ''}`);
  if (hours) add(`${hours} giờ`, `${hours} h`);
  if (mins && !days) add(`${mins} phút`, `${mins} min`);
  if (!vi.length) add('0 phút', '0 min');
  return { vi: vi.join(' '), en: en.join(' ') };
}

export function timeLeft(calendar: WorkingCalendar, now: Date, appointmentAt: string, bounds = dueBounds(calendar, now)): TimeLeft {
  const minutes = workingMinutesBetween(calendar, now, new Date(appointmentAt));
  const span = describeWorking(minutes);
  const overdue = Date.parse(appointmentAt) < now.getTime();
  return {
    minutes: overdue ? Math.min(minutes, -1) : minutes,
    bucket: bucketOf(appointmentAt, now, bounds),
    text: overdue ? { vi: `quá hạn ${span.vi} làm việc`, en: `${span.en} of working time overdue` } : { vi: `còn ${span.vi} làm việc`, en: `${span.en} of working time left` },
    short: overdue ? { vi: `quá hạn ${span.vi}`, en: `${span.en} overdue` } : { vi: `còn ${span.vi}`, en: `${span.en} left` },
  };
}

/**
 * The first office instant at or after `at`: itself within office hours, the next opening otherwise
 * (Sunday 03:00 → Monday 07:30; 12:00 → 13:00). A moved appointment is snapped to it.
 */
export function snapToOfficeHours(calendar: WorkingCalendar, at: Date): Date {
  const t = at.getTime();
  let day = vnDay(at);
  for (let i = 0; i < 366; i++) {
    for (const [start, end] of calendar.periods(day)) {
      if (t <= end) return new Date(Math.max(start, t));
    }
    day = nextDay(day);
  }
  throw new Error('no office hours within a year');
}

/** Whether `at` falls within the office hours of a working day. */
export function inOfficeHours(calendar: WorkingCalendar, at: Date): boolean {
  return calendar.periods(vnDay(at)).some(([s, e]) => at.getTime() >= s && at.getTime() <= e);
}

const WEEKDAYS_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** "08:00 Thứ Hai 30/11/2026" (Vietnam time), for messages. */
export function formatVnShort(at: Date): Bilingual {
  const v = formatVn(at);
  const [y, m, d] = v.date.split('-');
  const day = `${d}/${m}/${y}`;
  return { vi: `${v.time} ${v.weekday} ${day}`, en: `${v.time} ${WEEKDAYS_EN[isoWeekday(v.date) % 7]} ${day}` };
}
