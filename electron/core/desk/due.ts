import type { ProcessingTime } from '../catalog/model.js';
import type { WorkingCalendar } from '../calendar/calendar.js';
import { vnDay } from '../time.js';

/** A number as Vietnamese writes it: 0,5 — not 0.5. */
const vi = (n: number) => new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 3 }).format(n);

export interface Appointment {
  at: Date;
  /** How the processing time was read, for the receipt ("1 ngày làm việc"). */
  text: string;
  /** The appointment's year has no official days-off table yet: the date may still move. */
  provisional: boolean;
  /** The catalog's legal time, when the officer set another one ("1 ngày làm việc" beside their "3 ngày làm việc"). */
  ruleText?: string;
}

/**
 * The appointment for a dossier received at `from`. Working days and hours are counted in office
 * time (a receipt after hours counts from the next working morning); calendar days, months and
 * years follow the Civil Code (`WorkingCalendar.deadline`). A number without a unit in the
 * portal's data is read as working days, the unit nearly all procedures use.
 */
export function appointmentFor(calendar: WorkingCalendar, time: ProcessingTime, from: Date): Appointment {
  const { value } = time;
  const make = (at: Date, text: string): Appointment => ({ at, text, provisional: calendar.isProvisional(vnDay(at)) });
  switch (time.unit ?? 'working_days') {
    case 'working_days':
      return make(calendar.due(from, value), `${vi(value)} ngày làm việc`);
    case 'hours':
      return make(calendar.addWorkingHours(from, value), `${vi(value)} giờ làm việc`);
    case 'days':
      return make(calendar.deadline(from, value, 'days'), `${vi(value)} ngày`);
    case 'months':
      return make(calendar.deadline(from, value, 'months'), `${vi(value)} tháng`);
    case 'years':
      return make(calendar.deadline(from, value, 'years'), `${vi(value)} năm`);
  }
}
