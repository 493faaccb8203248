import type { Bilingual } from '../errors.js';
import type { Db } from '../db/open.js';
import { isoWeekday, vnDay } from '../time.js';
import { WorkingCalendar, type CalendarDay, type DayKind, type OfficeHours, type YearTable } from './calendar.js';

export type { CalendarDay } from './calendar.js';
import { BUNDLED_HOLIDAYS } from './holidays.js';
import { LUNAR_YEARS } from './lunar.js';
import { statutoryDaysOff } from './statutory.js';

/** Puts the bundled table in the database once; what the portal or the desk admin set stays. */
export function seedHolidays(db: Db): void {
  const insert = db.prepare("INSERT OR IGNORE INTO holidays (date, kind, name, source) VALUES (?, ?, ?, 'bundled')");
  db.transaction(() => {
    for (const h of BUNDLED_HOLIDAYS) insert.run(h.date, h.kind, h.name);
  })();
}

/** Names a local entry that cancels a computed day off in a provisional year. */
export const CANCELLED_DAY_OFF = 'Đi làm bình thường (bỏ ngày nghỉ tạm tính)';

/**
 * A year has an official table once the bundled table or the portal has any day of it. Until then
 * its days off are the Labor Code's, computed (statutory.ts) and provisional, with the desk admin's
 * own entries laid over them day by day.
 */
export function isOfficialYear(db: Db, year: number): boolean {
  return !!db.prepare<[string, string], { x: number }>("SELECT 1 AS x FROM holidays WHERE date >= ? AND date < ? AND source IN ('bundled', 'portal') LIMIT 1").get(`${year}-01-01`, `${year + 1}-01-01`);
}

/** The marked days of `year`, official or provisional, in date order. */
export function yearDays(db: Db, year: number): { provisional: boolean; days: CalendarDay[] } {
  const rows = db
    .prepare<[string, string], { date: string; kind: DayKind; name: string; source: 'bundled' | 'portal' | 'local' }>('SELECT date, kind, name, source FROM holidays WHERE date >= ? AND date < ? ORDER BY date')
    .all(`${year}-01-01`, `${year + 1}-01-01`);
  if (isOfficialYear(db, year)) return { provisional: false, days: rows.map((r) => ({ ...r, provisional: false })) };
  const byDate = new Map<string, CalendarDay>();
  if (year >= LUNAR_YEARS.from && year <= LUNAR_YEARS.to) {
    for (const s of statutoryDaysOff(year)) byDate.set(s.date, { date: s.date, kind: 'off', name: s.name, source: 'statutory', provisional: true });
  }
  for (const r of rows) byDate.set(r.date, { ...r, provisional: true });
  return { provisional: true, days: [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)) };
}

/** The calendar as the database has it now: official tables, and the Labor Code's days where none has come. */
export function loadCalendar(db: Db, hours: OfficeHours): WorkingCalendar {
  return new WorkingCalendar((year): YearTable => {
    const t = yearDays(db, year);
    return { provisional: t.provisional, days: new Map(t.days.map((d) => [d.date, d.kind])) };
  }, hours);
}

/**
 * What the desk admin is told about the days-off table: the current year, and from 1 October the
 * next one, when it has no official table yet (the Ministry's notice usually comes in the autumn).
 */
export function calendarWarnings(db: Db, now: Date): { year: number; message: Bilingual }[] {
  const today = vnDay(now);
  const year = Number(today.slice(0, 4));
  const years = today.slice(5) >= '10-01' ? [year, year + 1] : [year];
  return years
    .filter((y) => !isOfficialYear(db, y))
    .map((y) => ({
      year: y,
      message: {
        vi: `Năm ${y} chưa có lịch nghỉ chính thức: ngày nghỉ đang tạm tính theo Bộ luật Lao động, mọi ngày hẹn trong năm ${y} là tạm tính. Hãy đồng bộ với cổng hoặc nhập lịch nghỉ được công bố.`,
        en: `${y} has no official days-off table yet: its days off are provisional, computed from the Labor Code, and so is every appointment in ${y}. Sync with the portal or enter the published table.`,
      },
    }));
}

/** Years with no official table among this one and the next: what a heartbeat reports. */
export function provisionalYears(db: Db, now: Date): number[] {
  return calendarWarnings(db, now).map((w) => w.year);
}

/**
 * The desk admin's change to one day. "normal" removes a local entry; on a computed day off of a
 * provisional year it records a working day instead, since there is no row to remove.
 */
export function saveDay(db: Db, date: string, kind: DayKind | 'normal', name: string): void {
  const year = Number(date.slice(0, 4));
  if (kind === 'normal') {
    db.prepare('DELETE FROM holidays WHERE date = ?').run(date);
    const computed = isOfficialYear(db, year) ? undefined : yearDays(db, year).days.find((d) => d.date === date && d.kind === 'off');
    if (computed && isoWeekday(date) <= 5) db.prepare("INSERT INTO holidays (date, kind, name, source) VALUES (?, 'workday', ?, 'local')").run(date, CANCELLED_DAY_OFF);
    return;
  }
  db.prepare("INSERT INTO holidays (date, kind, name, source) VALUES (?, ?, ?, 'local') ON CONFLICT (date) DO UPDATE SET kind = excluded.kind, name = excluded.name, source = 'local'").run(date, kind, name);
}

/** Days off and make-up days published by the portal: they replace the bundled or local entry for that date. */
export function upsertPortalHolidays(db: Db, days: { date: string; kind: 'off' | 'workday'; name: string }[]): void {
  const upsert = db.prepare("INSERT INTO holidays (date, kind, name, source) VALUES (?, ?, ?, 'portal') ON CONFLICT (date) DO UPDATE SET kind = excluded.kind, name = excluded.name, source = 'portal'");
  for (const h of days) upsert.run(h.date, h.kind, h.name);
}
