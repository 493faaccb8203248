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

/** Days off and make-up days published by the portal: they replace the bundled or local entry for that date. */
export function upsertPortalHolidays(db: Db, days: { date: string; kind: 'off' | 'workday'; name: string }[]): void {
  const upsert = db.prepare("INSERT INTO holidays (date, kind, name, source) VALUES (?, ?, ?, 'portal') ON CONFLICT (date) DO UPDATE SET kind = excluded.kind, name = excluded.name, source = 'portal'");
  for (const h of days) upsert.run(h.date, h.kind, h.name);
}
