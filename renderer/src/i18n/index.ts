import { createI18n } from 'vue-i18n';
import type { Bilingual } from '../../../electron/core/errors';
import en from './en';
import vi from './vi';

export type Locale = 'vi' | 'en';

export function createAppI18n(locale: Locale = 'vi') {
  // Dates are always shown in Vietnam's time, whatever zone the machine's clock is set to.
  const datetimeFormats = {
    short: { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Ho_Chi_Minh' },
    long: { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone: 'Asia/Ho_Chi_Minh' },
  } as const;
  return createI18n({ legacy: false, locale, fallbackLocale: 'vi', messages: { vi, en }, datetimeFormats: { vi: datetimeFormats, en: datetimeFormats } });
}

/** Picks the current language's half of a bilingual message from the core. */
export function pick(message: Bilingual, locale: string): string {
  return locale === 'en' ? message.en : message.vi;
}
