import type { ProcessingTime } from '../catalog/model.js';
import type { WorkingCalendar } from '../calendar/calendar.js';
import { vnDay } from '../dossiers/code.js';

const DAY = 86_400_000;
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + DAY).toISOString().slice(0, 10);

/**
 * The end of the office day `day` or, when it is a day off, of the next working day — the
 * civil-code rule for a deadline counted in calendar days or months.
 */
function closeOfWorkingDay(calendar: WorkingCalendar, day: string): Date {
  let d = day;
  for (let i = 0; i < 366 && !calendar.isWorkingDay(d); i++) d = nextDay(d);
  const periods = calendar.periods(d);
  return new Date(periods[periods.length - 1]![1]);
}

/** A number as Vietnamese writes it: 0,5 — not 0.5. */
const vi = (n: number) => new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 3 }).format(n);

export interface Appointment {
  at: Date;
  /** How the processing time was read, for the receipt ("1 ngày làm việc"). */
  text: string;
}

/**
 * The appointment for a dossier received at `from`. Working days and hours are counted in office
 * time (a receipt after hours counts from the next working morning); calendar days and months do
 * not count the day of receipt and land at the close of a working day. A number without a unit in
 * the portal's data is read as working days, the unit nearly all procedures use.
 */
export function appointmentFor(calendar: WorkingCalendar, time: ProcessingTime, from: Date): Appointment {
  const { value } = time;
  switch (time.unit ?? 'working_days') {
    case 'working_days':
      return { at: calendar.due(from, value), text: `${vi(value)} ngày làm việc` };
    case 'hours':
      return { at: calendar.addWorkingHours(from, value), text: `${vi(value)} giờ làm việc` };
    case 'days': {
      const day = new Date(Date.parse(`${vnDay(from)}T00:00:00Z`) + Math.ceil(value) * DAY).toISOString().slice(0, 10);
      return { at: closeOfWorkingDay(calendar, day), text: `${vi(value)} ngày` };
    }
    case 'months':
    case 'years': {
      const months = time.unit === 'years' ? value * 12 : value;
      const d = new Date(`${vnDay(from)}T00:00:00Z`);
      d.setUTCMonth(d.getUTCMonth() + Math.ceil(months));
      return { at: closeOfWorkingDay(calendar, d.toISOString().slice(0, 10)), text: time.unit === 'years' ? `${vi(value)} năm` : `${vi(value)} tháng` };
    }
  }
}
