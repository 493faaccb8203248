import type { Channel, ChannelKind, Fee, ProcessingTime } from '../../../electron/contract';
import { formatVn } from '../../../electron/core/calendar/calendar';

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

const VN = 7 * 3600_000;

/** Parts of an instant in Vietnam's time (UTC+7), whatever the machine's time zone (the core's formatVn). */
export function vnParts(iso: string): { date: string; time: string; day: string; month: string; year: string } {
  const v = formatVn(new Date(iso));
  const [year, month, day] = v.date.split('-') as [string, string, string];
  return { date: `${day}/${month}/${year}`, time: `${v.time.slice(0, 2)} giờ ${v.time.slice(3)}`, day, month, year };
}

/** "09:00 03/09/2026" in Vietnam's time. */
export function formatVnDateTime(iso: string): string {
  return `${formatVn(new Date(iso)).time} ${vnParts(iso).date}`;
}

/**
 * A date or datetime-local input's value, read as Vietnam's time, to an ISO instant; null for an
 * empty or half-typed value (an empty "Đến ngày" is no filter, never an Invalid Date).
 */
export function fromVnLocal(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$/.test(value)) return null;
  const full = value.length === 10 ? `${value}T00:00` : value;
  const ms = Date.parse(`${full}:00Z`);
  return Number.isNaN(ms) ? null : new Date(ms - VN).toISOString();
}

/** The start of a Vietnamese day given as "yyyy-mm-dd", `plusDays` later; null when the field is empty or invalid. */
export function dayStartVn(day: string, plusDays = 0): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) return null;
  const shifted = new Date(Date.parse(`${day}T00:00:00Z`) + plusDays * 86_400_000).toISOString().slice(0, 10);
  return fromVnLocal(shifted);
}

/** The start of a month given as "yyyy-mm", `plusMonths` later; null when the field is empty or invalid. */
export function monthStartVn(month: string, plusMonths = 0): string | null {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1 + plusMonths, 1));
  return fromVnLocal(d.toISOString().slice(0, 10));
}
