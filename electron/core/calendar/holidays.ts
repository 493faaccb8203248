/**
 * The per-year table of days off and make-up working days (domain.md). Seeded into the database,
 * where the desk admin and the portal may change it. Years not here (nor delivered by the portal)
 * get the Labor Code's days, computed and marked provisional (statutory.ts).
 */
import { addDays } from '../time.js';

export interface HolidayEntry {
  date: string;
  kind: 'off' | 'workday';
  name: string;
}

const range = (from: string, to: string, name: string): HolidayEntry[] => {
  const out: HolidayEntry[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push({ date: d, kind: 'off', name });
  return out;
};

export const BUNDLED_HOLIDAYS: HolidayEntry[] = [
  { date: '2025-01-01', kind: 'off', name: 'Tết Dương lịch' },
  ...range('2025-01-25', '2025-02-02', 'Tết Nguyên đán Ất Tỵ'),
  { date: '2025-04-07', kind: 'off', name: 'Giỗ Tổ Hùng Vương' },
  { date: '2025-04-30', kind: 'off', name: 'Ngày Giải phóng miền Nam' },
  { date: '2025-05-01', kind: 'off', name: 'Ngày Quốc tế Lao động' },
  ...range('2025-09-01', '2025-09-02', 'Quốc khánh'),
  ...range('2026-01-01', '2026-01-04', 'Tết Dương lịch'),
  { date: '2026-01-10', kind: 'workday', name: 'Làm bù Tết Dương lịch' },
  ...range('2026-02-14', '2026-02-22', 'Tết Nguyên đán Bính Ngọ'),
  { date: '2026-04-27', kind: 'off', name: 'Nghỉ bù Giỗ Tổ Hùng Vương (26/4 là Chủ nhật)' },
  { date: '2026-04-30', kind: 'off', name: 'Ngày Giải phóng miền Nam' },
  { date: '2026-05-01', kind: 'off', name: 'Ngày Quốc tế Lao động' },
  ...range('2026-08-29', '2026-09-02', 'Quốc khánh'),
  { date: '2026-08-22', kind: 'workday', name: 'Làm bù Quốc khánh' },
];
