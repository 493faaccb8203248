import { watchEffect } from 'vue';
import { useI18n } from 'vue-i18n';

/** The UI language: Vietnamese first, English second; keeps <html lang> in step for screen readers. */
export function useLocale() {
  const { locale } = useI18n();
  watchEffect(() => {
    document.documentElement.lang = locale.value;
  });
  return {
    locale,
    toggle: () => {
      locale.value = locale.value === 'vi' ? 'en' : 'vi';
    },
    set: (value: 'vi' | 'en') => {
      locale.value = value;
    },
  };
}
