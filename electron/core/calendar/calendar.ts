/**
 * Working time: office hours per office, weekends, days off and make-up working days. Due dates
 * are counted in working hours (8 hours = 1 working day), in Vietnam's time (UTC+7); a filing after
 * closing, or on a day off, counts from the next working morning.
 */
export interface OfficeHours {
  /** Monday to Friday, and make-up working days: [start, end] periods as "HH:MM". */
  weekday: [string, string][];
  /** Saturday mornings, where an office works them; empty otherwise. */
  saturday: [string, string][];
}

export const DEFAULT_HOURS: OfficeHours = { weekday: [['07:30', '11:30'], ['13:00', '17:00']], saturday: [] };
const VN = 7 * 3600_000;
const DAY = 86_400_000;

const minutes = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
};

export class WorkingCalendar {
  constructor(
    private readonly days: ReadonlyMap<string, 'off' | 'workday'>,
    private readonly hours: OfficeHours = DEFAULT_HOURS,
  ) {}

  /** Office periods of a Vietnamese calendar day, as UTC instants. */
  periods(day: string): [number, number][] {
    const midnight = Date.parse(`${day}T00:00:00Z`) - VN;
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 Sunday
    const marked = this.days.get(day);
    let list: [string, string][];
    if (marked === 'off') list = [];
    else if (marked === 'workday') list = this.hours.weekday;
    else if (weekday === 0) list = [];
    else if (weekday === 6) list = this.hours.saturday;
    else list = this.hours.weekday;
    return list.map(([s, e]) => [midnight + minutes(s) * 60_000, midnight + minutes(e) * 60_000]);
  }

  isWorkingDay(day: string): boolean {
    return this.periods(day).length > 0;
  }

  /** `from` plus `hours` of office time. */
  addWorkingHours(from: Date, hours: number): Date {
    let remaining = hours * 3600_000;
    let cursor = from.getTime();
    let day = new Date(cursor + VN).toISOString().slice(0, 10);
    for (let i = 0; i < 3660; i++) {
      for (const [start, end] of this.periods(day)) {
        if (cursor >= end) continue;
        const begin = Math.max(cursor, start);
        if (remaining <= end - begin) return new Date(begin + remaining);
        remaining -= end - begin;
        cursor = end;
      }
      day = new Date(Date.parse(`${day}T00:00:00Z`) + DAY).toISOString().slice(0, 10);
    }
    throw new Error('no working time within ten years');
  }

  /** The appointment for a processing time of `workingDays` from a receipt at `from`. */
  due(from: Date, workingDays: number): Date {
    return this.addWorkingHours(from, workingDays * 8);
  }
}

/** "2026-03-03 09:00 (Thứ Ba)" in Vietnam's time. */
export function formatVn(at: Date): { date: string; time: string; weekday: string } {
  const local = new Date(at.getTime() + VN);
  const names = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];
  return { date: local.toISOString().slice(0, 10), time: local.toISOString().slice(11, 16), weekday: names[local.getUTCDay()]! };
}
