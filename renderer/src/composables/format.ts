import type { Channel, ChannelKind, Fee, ProcessingTime } from '../../../electron/contract';
import { formatVn, vnDay } from '../../../electron/core/time';

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

export { formatVnDateTime, fromVnLocal } from '../../../electron/core/time';
