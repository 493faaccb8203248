/**
 * The Labor Code's days off for any year (art. 112), computed: expected days written by hand from
 * the rules in statutory.ts — 1/1; Tết = the lunar year's last day + mùng 1–4; Giỗ Tổ 10/3 lunar;
 * 30/4; 1/5; 2/9 + 1/9 (2/9 on Tue, Wed, Fri, Sat) or 3/9 (Sun, Mon, Thu); a holiday on Saturday or
 * Sunday made up on the next weekday that is not already off.
 */
import { describe, expect, it } from 'vitest';
import { statutoryDaysOff } from '../../electron/core/calendar/statutory.js';

const days = (year: number) => statutoryDaysOff(year).map((d) => d.date);

describe('statutory days off', () => {
  it('2027 (Tết on Saturday 6/2, 1/5 on Saturday, 2/9 on Thursday)', () => {
    expect(days(2027)).toEqual([
      '2027-01-01', // Friday
      '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', // 30 Tết (Fri) … mùng 4 (Tue)
      '2027-02-10', '2027-02-11', // made up for Saturday 6/2 and Sunday 7/2
      '2027-04-16', // Giỗ Tổ, Friday
      '2027-04-30', '2027-05-01', '2027-05-03', // 1/5 is a Saturday: Monday 3/5
      '2027-09-02', '2027-09-03', // Thursday, so the day after
    ]);
  });

  it('2028 (1/1 on Saturday, Tết Wednesday 26/1, 30/4 on Sunday, 2/9 on Saturday)', () => {
    expect(days(2028)).toEqual([
      '2028-01-01', '2028-01-03', // Saturday, made up Monday
      '2028-01-25', '2028-01-26', '2028-01-27', '2028-01-28', '2028-01-29', '2028-01-31', // mùng 4 is Saturday: Monday 31/1
      '2028-04-04', // Giỗ Tổ, Tuesday
      '2028-04-30', '2028-05-01', '2028-05-02', // 30/4 Sunday; Monday 1/5 is itself a holiday: Tuesday 2/5
      '2028-09-01', '2028-09-02', '2028-09-04', // 2/9 Saturday: Friday 1/9, and made up Monday 4/9
    ]);
  });

  it('2026 computed agrees with the official table where the rule decides (Giỗ Tổ Sunday → Monday 27/4)', () => {
    const d = statutoryDaysOff(2026);
    expect(d.find((x) => x.date === '2026-04-27')?.name).toBe('Nghỉ bù Giỗ Tổ Hùng Vương (26/04 là Chủ nhật)');
    expect(days(2026)).toContain('2026-02-17'); // mùng 1 Tết Bính Ngọ
    expect(d.find((x) => x.date === '2026-02-17')?.name).toBe('Tết Nguyên đán Bính Ngọ');
  });

  it('2030 uses Vietnam’s Tết (2/2), not China’s (3/2)', () => {
    expect(days(2030).slice(1, 6)).toEqual(['2030-02-01', '2030-02-02', '2030-02-03', '2030-02-04', '2030-02-05']);
  });
});
