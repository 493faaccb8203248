/**
 * The Vietnamese lunar calendar behind Tết and Giỗ Tổ: known dates written by hand, and for every
 * year 1968–2199 the check that each lunar month we use starts on the day of a new moon on the
 * UTC+7 meridian Vietnam's calendar is reckoned on (Decision of 8/8/1967), the new moons computed by
 * astronomy-engine. The Chinese calendar (UTC+8) differs in some years; 2030 is one of them.
 */
import * as Astronomy from 'astronomy-engine';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { canChi, lunarToSolar, tetDay } from '../../electron/core/calendar/lunar.js';

// Lunar new year's day in Vietnam, from the published calendars.
const TET: [year: number, day: string][] = [
  [1968, '1968-01-29'], // China: 30/01
  [1985, '1985-01-21'], // China: 20/02 — a whole month apart
  [2007, '2007-02-17'], // China: 18/02
  [2020, '2020-01-25'],
  [2021, '2021-02-12'],
  [2022, '2022-02-01'],
  [2023, '2023-01-22'],
  [2024, '2024-02-10'],
  [2025, '2025-01-29'],
  [2026, '2026-02-17'],
  [2027, '2027-02-06'],
  [2028, '2028-01-26'],
  [2029, '2029-02-13'],
  // The new moon is at 16:08 UTC on 2/2/2030: 23:08 in Hà Nội, 00:08 on 3/2 in Beijing. Tables
  // copied from Chinese sources say 3/2; Vietnam's Tết Canh Tuất is 2/2.
  [2030, '2030-02-02'],
];

// Giỗ Tổ Hùng Vương (10/3 lunar) as the official holiday tables gave it.
const GIO_TO: [year: number, day: string][] = [
  [2020, '2020-04-02'],
  [2021, '2021-04-21'],
  [2022, '2022-04-10'],
  [2023, '2023-04-29'],
  [2024, '2024-04-18'],
  [2025, '2025-04-07'],
  [2026, '2026-04-26'],
];

/** The first new moon at or after `from`: its solar day on the UTC+7 meridian, and minutes from that day's nearest midnight. */
function newMoonUtc7(from: string): { day: string; minutesFromMidnight: number } {
  const t = Astronomy.SearchMoonPhase(0, new Date(`${from}T00:00:00Z`), 40)!;
  const local = Temporal.Instant.fromEpochMilliseconds(t.date.getTime()).toZonedDateTimeISO('+07:00');
  const minutes = local.hour * 60 + local.minute + local.second / 60;
  return { day: local.toPlainDate().toString(), minutesFromMidnight: Math.min(minutes, 1440 - minutes) };
}

describe('the Vietnamese lunar calendar', () => {
  it.each(TET)('Tết %i is %s', (year, day) => {
    expect(tetDay(year)).toBe(day);
  });

  it.each(GIO_TO)('Giỗ Tổ %i is %s', (year, day) => {
    expect(lunarToSolar(year, 3, 10)).toBe(day);
  });

  it('names the year in the sexagenary cycle', () => {
    expect(canChi(2025)).toBe('Ất Tỵ');
    expect(canChi(2026)).toBe('Bính Ngọ');
    expect(canChi(2027)).toBe('Đinh Mùi');
    expect(canChi(2030)).toBe('Canh Tuất');
  });

  it('month 1 and month 3 start on a new moon in Vietnam (UTC+7), every year 1968–2199', () => {
    const wrong: string[] = [];
    const tooClose: string[] = [];
    for (let y = 1968; y <= 2199; y++) {
      for (const month of [1, 3]) {
        const first = lunarToSolar(y, month, 1);
        // Search from a few days before: the new moon must fall on `first` itself.
        const nm = newMoonUtc7(Temporal.PlainDate.from(first).subtract({ days: 3 }).toString());
        if (nm.day === first) continue;
        // Within minutes of midnight a century or more ahead, Earth's rotation (ΔT) is not known
        // well enough to decide the day: such a month is noted, not counted wrong.
        if (y > 2100 && nm.minutesFromMidnight < 10) tooClose.push(`${y}/${month}`);
        else wrong.push(`${y} month ${month}: ${first}, new moon ${nm.day}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(tooClose).toEqual(['2175/1']); // new moon 17:00:07 UTC on 22/01/2175
  });

  it('refuses years outside the tables rather than guessing', () => {
    expect(() => tetDay(2300)).toThrow(RangeError);
  });
});
