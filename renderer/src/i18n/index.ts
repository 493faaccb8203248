import { createI18n } from 'vue-i18n';
import type { Bilingual } from '../../../electron/core/errors';
import { VN_ZONE } from '../../../electron/core/time';
import en from './en';
import vi from './vi';

export type Locale = 'vi' | 'en';

export function createAppI18n(locale: Locale = 'vi') {
  const datetimeFormats = {
    // Vietnam time whatever the machine's zone: a kiosk left on UTC prints 30/11 for 01/12 otherwise.
    date: { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: VN_ZONE },
    short: { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: VN_ZONE },
    long: { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone: VN_ZONE },
  } as const;
  return createI18n({ legacy: false, locale, fallbackLocale: 'vi', messages: { vi, en }, datetimeFormats: { vi: datetimeFormats, en: datetimeFormats } });
}

/** Picks the current language's half of a bilingual message from the core. */
export function pick(message: Bilingual, locale: string): string {
  return locale === 'en' ? message.en : message.vi;
}
