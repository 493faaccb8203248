import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import { useAppStore } from '../stores/app';

const periods = (p: [string, string][]) => p.map(([a, b]) => `${a}–${b}`).join(', ');

/** The ward's one-stop office as residents need it: name, address, hotline and the opening hours as lines. */
export function useOffice() {
  const appStore = useAppStore();
  const { t } = useI18n();
  const office = computed(() => appStore.info?.office ?? null);
  const hours = computed(() => {
    const o = office.value;
    if (!o) return [];
    return [
      o.weekday.length ? t('office.weekdays', { periods: periods(o.weekday) }) : '',
      o.saturday.length ? t('office.saturday', { periods: periods(o.saturday) }) : t('office.saturday_closed'),
      o.saturday.length ? t('office.sunday_closed') : '',
    ].filter(Boolean);
  });
  return { office, hours };
}
