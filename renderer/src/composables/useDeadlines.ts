import { useIntervalFn } from '@vueuse/core';
import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import type { DeadlineBoard } from '../../../electron/contract';
import { useStaffStore } from '../stores/staff';
import { vnParts, vnToday } from './format';

const NOTIFIED_KEY = 'motcua.deadlineNotified';

/**
 * The deadline counts shown in the desk's header (the core counts them in working time), refreshed
 * every few minutes, and a desktop notification once a day when dossiers are due by the close of the
 * next working day — on a Friday before a long weekend, that is the Tuesday after it.
 */
export function useDeadlines() {
  const staff = useStaffStore();
  const { t } = useI18n();
  const board = ref<DeadlineBoard | null>(null);

  /** The header's counts. */
  async function refresh() {
    if (!staff.session) return;
    try {
      // Counts only (no bucket): a few index ranges in the core.
      board.value = await staff.call('desk.deadlines', { limit: 0 });
      notify(board.value.counts.next, board.value.nextEnd);
    } catch {
      // The header keeps its last counts; the pages show their own errors.
    }
  }

  function notify(n: number, nextEnd: string) {
    const today = vnToday();
    if (n === 0 || localStorage.getItem(NOTIFIED_KEY) === today || typeof Notification === 'undefined') return;
    const show = () => {
      new Notification(t('desk.deadlines.notify_title'), { body: t('desk.deadlines.notify_body', { n, day: vnParts(nextEnd).date }), tag: 'motcua-deadlines' });
      localStorage.setItem(NOTIFIED_KEY, today);
    };
    if (Notification.permission === 'granted') show();
    else if (Notification.permission === 'default') void Notification.requestPermission().then((p) => p === 'granted' && show());
  }

  useIntervalFn(() => void refresh(), 5 * 60_000);
  return { board, refresh };
}
