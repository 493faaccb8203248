/**
 * The Vietnamese lunar calendar (âm lịch), as the statutory days off need it: the solar day of a
 * lunar date. Vietnam's calendar is reckoned on the UTC+7 meridian (since 1968), so it differs from
 * the Chinese one whenever a new moon falls between 16:00 and 17:00 UTC — Tết 2030 is 2/2 in
 * Vietnam and 3/2 in China, Giỗ Tổ 2037 is 24/4 here and 25/4 there. @dqcai/vn-lunar computes for
 * Vietnam's meridian (Hồ Ngọc Đức's tables, 1200–2199); test/unit/lunar.test.ts checks it against
 * known Tết days and, for two centuries, against new moons computed by astronomy-engine.
 */
import { getSolarDate } from '@dqcai/vn-lunar';

export const LUNAR_YEARS = { from: 1200, to: 2199 } as const;

/** The solar day ("YYYY-MM-DD") of lunar day/month of lunar year `year` (not a leap month). */
export function lunarToSolar(year: number, month: number, day: number): string {
  if (!Number.isInteger(year) || year < LUNAR_YEARS.from || year > LUNAR_YEARS.to) throw new RangeError(`lunar calendar covers ${LUNAR_YEARS.from}–${LUNAR_YEARS.to}, not ${year}`);
  const s = getSolarDate(day, month, year, false);
  return `${String(s.year).padStart(4, '0')}-${String(s.month).padStart(2, '0')}-${String(s.day).padStart(2, '0')}`;
}

/** Lunar new year's day (mùng 1 Tết) of the lunar year that starts in solar year `year`. */
export const tetDay = (year: number): string => lunarToSolar(year, 1, 1);

const CAN = ['Canh', 'Tân', 'Nhâm', 'Quý', 'Giáp', 'Ất', 'Bính', 'Đinh', 'Mậu', 'Kỷ'];
const CHI = ['Thân', 'Dậu', 'Tuất', 'Hợi', 'Tý', 'Sửu', 'Dần', 'Mão', 'Thìn', 'Tỵ', 'Ngọ', 'Mùi'];
/**
 * The lunar year's name in the sexagenary cycle: 2026 → "Bính Ngọ". Our own two lists: the
 * library's spells the third stem "Bình".
 */
export const canChi = (year: number): string => `${CAN[year % 10]} ${CHI[year % 12]}`;
