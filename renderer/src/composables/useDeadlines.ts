import { useIntervalFn } from '@vueuse/core';
import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import type { DeadlineBoard } from '../../../electron/contract';
import { useStaffStore } from '../stores/staff';
import { vnToday } from './format';

const NOTIFIED_KEY = 'motcua.deadlineNotified';
type Section = 'overdue' | 'today' | 'tomorrow';

/**
 * The deadline counts shown in the desk's header, refreshed every few minutes (counts only: one
 * indexed query in the core), the board's pages for the deadlines screen, and a desktop
 * notification once a day when dossiers are due tomorrow (the day-before warning of the rules).
 */
export function useDeadlines() {
  const staff = useStaffStore();
  const { t } = useI18n();
  const counts = ref<DeadlineBoard['counts'] | null>(null);
  const board = ref<DeadlineBoard | null>(null);

  /** The header's counts. */
  async function refresh() {
    if (!staff.session) return;
    try {
      counts.value = (await staff.call('desk.deadlines', { limit: 0 })).counts;
      notify(counts.value.tomorrow);
    } catch {
      // The header keeps its last counts; the pages show their own errors.
    }
  }

  /** The board's first page of each section (the deadlines screen). */
  async function loadBoard() {
    if (!staff.session) return;
    board.value = await staff.call('desk.deadlines', {});
    counts.value = board.value.counts;
  }

  /** The next page of one section, added below what is shown. */
  async function more(section: Section) {
    const current = board.value;
    const after = current?.next[section];
    if (!current || !after) return;
    const page = await staff.call('desk.deadlines', { section, after });
    board.value = { ...current, counts: page.counts, [section]: [...current[section], ...page[section]], next: { ...current.next, [section]: page.next[section] } };
    counts.value = page.counts;
  }

  function notify(n: number) {
    const today = vnToday();
    if (n === 0 || localStorage.getItem(NOTIFIED_KEY) === today || typeof Notification === 'undefined') return;
    const show = () => {
      new Notification(t('desk.deadlines.notify_title'), { body: t('desk.deadlines.notify_body', { n }), tag: 'motcua-deadlines' });
      localStorage.setItem(NOTIFIED_KEY, today);
    };
    if (Notification.permission === 'granted') show();
    else if (Notification.permission === 'default') void Notification.requestPermission().then((p) => p === 'granted' && show());
  }

  useIntervalFn(() => void refresh(), 5 * 60_000);
  return { counts, board, refresh, loadBoard, more };
}
