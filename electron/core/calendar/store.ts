import type { Db } from '../db/open.js';
import { WorkingCalendar, type OfficeHours } from './calendar.js';
import { BUNDLED_HOLIDAYS } from './holidays.js';

/** Puts the bundled table in the database once; what the portal or the desk admin set stays. */
export function seedHolidays(db: Db): void {
  const insert = db.prepare("INSERT OR IGNORE INTO holidays (date, kind, name, source) VALUES (?, ?, ?, 'bundled')");
  db.transaction(() => {
    for (const h of BUNDLED_HOLIDAYS) insert.run(h.date, h.kind, h.name);
  })();
}

/** The calendar as the database has it now (bundled, synced and local days). */
export function loadCalendar(db: Db, hours: OfficeHours): WorkingCalendar {
  const days = new Map(db.prepare<[], { date: string; kind: 'off' | 'workday' }>('SELECT date, kind FROM holidays').all().map((r) => [r.date, r.kind]));
  return new WorkingCalendar(days, hours);
}
