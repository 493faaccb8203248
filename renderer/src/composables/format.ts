import type { Channel, ChannelKind, Fee, ProcessingTime } from '../../../electron/contract';
import { addDays, addMonths, formatVn, isCalendarDay, parseVn, vnDay, vnDayStart } from '../../../electron/core/time';

type T = (key: string, named?: Record<string, unknown>) => string;

export function formatTime(t: T, time: ProcessingTime | null, original: string): string {
  if (!time) return original || t('catalog.no_info');
  if (!time.unit) return t('catalog.time_no_unit', { value: time.value });
  return t(`catalog.unit.${time.unit}`, { n: time.value });
}

export function formatFee(t: T, fee: Fee, original: string, locale: string): string {
  switch (fee.kind) {
    case 'free':
      return t('catalog.fee_free');
    case 'amount':
      return `${new Intl.NumberFormat(locale === 'en' ? 'en-US' : 'vi-VN').format(fee.amount)} đ`;
    case 'unknown':
      return t('catalog.no_info');
    default:
      return original || t('catalog.no_info');
  }
}

export const channelKey = (kind: ChannelKind) => `catalog.channel.${kind}`;

/** The shortest processing time across channels, for the summary card. */
export function fastest(channels: Channel[]): Channel | null {
  const timed = channels.filter((c) => c.time);
  return timed.sort((a, b) => a.time!.value - b.time!.value)[0] ?? channels[0] ?? null;
}

/** Parts of an instant in Vietnam time, whatever the machine's zone (the core's time module). */
export function vnParts(iso: string): { date: string; time: string; day: string; month: string; year: string } {
  const v = formatVn(iso);
  const [year, month, day] = v.date.split('-') as [string, string, string];
  return { date: `${day}/${month}/${year}`, time: `${v.time.slice(0, 2)} giờ ${v.time.slice(3)}`, day, month, year };
}

/** Today in Vietnam ("2026-03-06"), whatever the machine's zone: a kiosk left on UTC is not a day behind before 07:00. */
export const vnToday = (): string => vnDay(Date.now());

/** "03/09/2026" in Vietnam's time. */
export function formatVnDate(iso: string): string {
  return vnParts(iso).date;
}

export { formatVnDateTime } from '../../../electron/core/time';

/**
 * A date or datetime-local input's value, read as Vietnam's time, to an ISO instant; null for an
 * empty or half-typed value (an empty "Đến ngày" is no filter, never an Invalid Date).
 */
export function fromVnLocal(value: string): string | null {
  return parseVn(value)?.toISOString() ?? null;
}

/** The start of a Vietnamese day given as "yyyy-mm-dd", `plusDays` later; null when the field is empty or invalid. */
export function dayStartVn(day: string, plusDays = 0): string | null {
  return isCalendarDay(day) ? vnDayStart(addDays(day, plusDays)).toISOString() : null;
}

/** The start of a month given as "yyyy-mm", `plusMonths` later; null when the field is empty or invalid. */
export function monthStartVn(month: string, plusMonths = 0): string | null {
  const first = `${month}-01`;
  return /^\d{4}-\d{2}$/.test(month) && isCalendarDay(first) ? vnDayStart(addMonths(first, plusMonths)).toISOString() : null;
}
