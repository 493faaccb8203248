import { createI18n } from 'vue-i18n';
import type { Bilingual } from '../../../electron/core/errors';
import en from './en';
import vi from './vi';

export type Locale = 'vi' | 'en';

export function createAppI18n(locale: Locale = 'vi') {
  return createI18n({ legacy: false, locale, fallbackLocale: 'vi', messages: { vi, en } });
}

/** Picks the current language's half of a bilingual message from the core. */
export function pick(message: Bilingual, locale: string): string {
  return locale === 'en' ? message.en : message.vi;
}
