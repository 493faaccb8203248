/**
 * Vietnam time, the only clock zone of the product: "now" in Vietnam, calendar-day boundaries,
 * reading times typed without an offset, date arithmetic and formatting. Whatever zone the machine
 * is set to (a kiosk left on UTC, a laptop in Kiritimati), every part of the app counts days and
 * prints times as Asia/Ho_Chi_Minh does, from the IANA time-zone database through Temporal
 * (temporal-polyfill): no offset is written by hand anywhere, so a future change of Vietnam's
 * offset (UTC+8 has been debated) is one tzdata update away. Lint forbids hand-computed offsets
 * and the host-zone Date getters everywhere else.
 *
 * Days are ISO strings "YYYY-MM-DD" (a Vietnamese calendar day); instants are `Date`s or UTC ISO
 * strings, the form the database compares as text.
 */
import { Temporal } from 'temporal-polyfill';

export const VN_ZONE = 'Asia/Ho_Chi_Minh';

const HOUR = 3_600_000;
const DAY = 86_400_000;
const WEEKDAY_VI = ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật'] as const;

// The polyfill answers in tens of microseconds; reports and calendars ask millions of times, so
// answers are kept per UTC hour (Vietnam's offsets have all been whole hours since 1906; a
// fractional one is computed every time instead of cached).
const offsetByHour = new Map<number, number>();

/** Vietnam's offset from UTC at an instant, in milliseconds (tzdata: +8 before 13/06/1975, +7 since). */
export function vnOffsetMs(epochMs: number): number {
  const bucket = Math.floor(epochMs / HOUR);
  const cached = offsetByHour.get(bucket);
  if (cached !== undefined) return cached;
  const offset = Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(VN_ZONE).offsetNanoseconds / 1e6;
  if (offset % HOUR === 0) offsetByHour.set(bucket, offset);
  return offset;
}

const epoch = (at: Date | number | string): number => (typeof at === 'number' ? at : typeof at === 'string' ? Date.parse(at) : at.getTime());

/** The instant as Vietnam's wall clock, in a Date whose UTC fields read as Vietnam time (internal). */
const wall = (at: Date | number | string): Date => {
  const ms = epoch(at);
  return new Date(ms + vnOffsetMs(ms));
};

/** Vietnam's wall clock at an instant, ISO without a zone: "2026-03-06T17:00:00.000". */
export function vnLocalIso(at: Date | number | string): string {
  return wall(at).toISOString().slice(0, 23);
}

/** The Vietnamese calendar day ("YYYY-MM-DD") of an instant. */
export function vnDay(at: Date | number | string): string {
  return wall(at).toISOString().slice(0, 10);
}

interface UtcDayTurn {
  /** The UTC hour from which this UTC day is the next Vietnamese day; -1 when the day needs the slow path. */
  flip: number;
  same: string;
  next: string;
}
const turnOfUtcDay = new Map<string, UtcDayTurn>();

function utcDayTurn(day: string): UtcDayTurn {
  const start = Date.parse(`${day}T00:00:00Z`);
  const offset = vnOffsetMs(start);
  // One whole-hour offset, ahead of UTC, all day long (true for Vietnam since 1975): a threshold hour.
  const steady = offset === vnOffsetMs(start + DAY - 1) && offset % HOUR === 0 && offset > 0 && offset < DAY;
  return { flip: steady ? 24 - offset / HOUR : -1, same: day, next: addDays(day, 1) };
}

/**
 * The Vietnamese calendar day of a stored UTC ISO instant ("2026-03-06T17:30:00.000Z" → "2026-03-07").
 * Report loops call it for every row of a million, so it reads the string against a per-day
 * threshold hour derived from the time-zone database (not a hand-written 17).
 */
export function vnDayOfIso(iso: string): string {
  const day = iso.slice(0, 10);
  let turn = turnOfUtcDay.get(day);
  if (!turn) turnOfUtcDay.set(day, (turn = utcDayTurn(day)));
  if (turn.flip < 0 || iso.length < 13 || iso[10] !== 'T') return vnDay(Date.parse(iso));
  const hour = (iso.charCodeAt(11) - 48) * 10 + (iso.charCodeAt(12) - 48);
  return hour < turn.flip ? turn.same : turn.next;
}

/** The Vietnamese month ("YYYY-MM") and year of an instant. */
export const vnMonth = (at: Date | number | string): string => vnDay(at).slice(0, 7);
export const vnYear = (at: Date | number | string): number => Number(vnDay(at).slice(0, 4));

const wallTimes = new Map<string, number>();
/**
 * The instant of a Vietnamese wall-clock time: `vnInstant("2026-03-06", "17:00")` → 10:00 UTC.
 * Cached: the working-time calendar asks it for every office period it walks through.
 */
export function vnInstant(day: string, hhmm = '00:00'): Date {
  const key = `${day}T${hhmm}`;
  let ms = wallTimes.get(key);
  if (ms === undefined) {
    ms = Temporal.PlainDateTime.from(key).toZonedDateTime(VN_ZONE).epochMilliseconds;
    if (wallTimes.size > 50_000) wallTimes.clear();
    wallTimes.set(key, ms);
  }
  return new Date(ms);
}

/** Start of a Vietnamese calendar day, as an instant. */
export const vnDayStart = (day: string): Date => vnInstant(day, '00:00');

/** The first instant of the day after `day` (the end of a [start, end) day range). */
export const vnDayEnd = (day: string): Date => vnDayStart(addDays(day, 1));

// ---- calendar-day arithmetic (no zone involved: a day is a day) --------------------------------

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** `day` plus `n` calendar days. */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
}

/** Days from `a` to `b` (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY);
}

/** ISO weekday of a calendar day: 1 Monday … 6 Saturday, 7 Sunday. */
export function isoWeekday(day: string): number {
  const d = new Date(`${day}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/**
 * `day` plus whole months, the Civil Code's way (Bộ luật Dân sự 2015, art. 148(3)): the same day of
 * the last month, or that month's last day when it has no such day (31/05 + 1 month → 30/06,
 * 29/02/2028 + 1 year → 28/02/2029).
 */
export function addMonths(day: string, months: number): string {
  return Temporal.PlainDate.from(day).add({ months }, { overflow: 'constrain' }).toString();
}

/** `day` plus whole years, with the same end-of-month rule as `addMonths`. */
export function addYears(day: string, years: number): string {
  return Temporal.PlainDate.from(day).add({ years }, { overflow: 'constrain' }).toString();
}

/** True for a real calendar day written "YYYY-MM-DD" (no 31/04, no 29/02 in a common year). */
export function isCalendarDay(text: string): boolean {
  if (!ISO_DAY.test(text)) return false;
  try {
    Temporal.PlainDate.from(text, { overflow: 'reject' });
    return true;
  } catch {
    return false;
  }
}

// ---- reading ---------------------------------------------------------------------------------

const OFFSET = /(Z|[+-]\d{2}(:?\d{2})?)$/i;

/**
 * Reads a date or date-time as people and scripts write it. With an offset ("…+07:00", "…Z") it is
 * that instant; without one ("2026-03-06T16:00", "2026-03-06 16:00", "2026-03-06") it is Vietnam's
 * wall clock, never the machine's zone. Returns null for anything else.
 */
export function parseVn(text: string): Date | null {
  const t = text.trim().replace(' ', 'T');
  try {
    if (ISO_DAY.test(t)) return isCalendarDay(t) ? vnDayStart(t) : null;
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(t)) return null;
    if (OFFSET.test(t.slice(16))) return new Date(Temporal.Instant.from(t).epochMilliseconds);
    return new Date(Temporal.PlainDateTime.from(t, { overflow: 'reject' }).toZonedDateTime(VN_ZONE).epochMilliseconds);
  } catch {
    return null;
  }
}

// ---- formatting ------------------------------------------------------------------------------

/** Parts of an instant in Vietnam time: date "2026-03-03", time "09:00", weekday "Thứ Ba". */
export function formatVn(at: Date | number | string): { date: string; time: string; weekday: string } {
  const iso = wall(at).toISOString();
  const date = iso.slice(0, 10);
  return { date, time: iso.slice(11, 16), weekday: WEEKDAY_VI[isoWeekday(date) - 1]! };
}

/** "09:00 03/03/2026" in Vietnam time. */
export function formatVnDateTime(at: Date | number | string): string {
  const v = formatVn(at);
  return `${v.time} ${formatDay(v.date)}`;
}

/** "03/03/2026" for a calendar day "2026-03-03". */
export function formatDay(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}

/** The instant in ISO with Vietnam's offset, to the minute: "2026-03-06T17:00+07:00". */
export function vnIso(at: Date | number | string): string {
  return Temporal.Instant.fromEpochMilliseconds(epoch(at)).toZonedDateTimeISO(VN_ZONE).toString({ smallestUnit: 'minute', timeZoneName: 'never' });
}

/** A `<input type="date|datetime-local">` value read as Vietnam time, as a UTC ISO instant. */
export function fromVnLocal(value: string): string {
  const at = parseVn(value);
  if (!at) throw new RangeError(`not a date or time: ${value}`);
  return at.toISOString();
}

/** The value a `<input type="datetime-local">` shows for an instant, in Vietnam time. */
export function toVnLocal(at: Date | number | string): string {
  const iso = wall(at).toISOString();
  return iso.slice(0, 16);
}
