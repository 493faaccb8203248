import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Announcement, ErrorPayload } from '../../../electron/contract';
import { api, ApiError } from '../api';
import type { Status } from './app';
import { useStaffStore } from './staff';

const asPayload = (err: unknown): ErrorPayload =>
  err instanceof ApiError ? err.payload : { code: 'internal', message: { vi: String(err), en: String(err) } };

/** Announcements for residents: listed on kiosks, posted from the desk, refreshed on every change. */
export const useAnnouncementsStore = defineStore('announcements', () => {
  const items = ref<Announcement[]>([]);
  const status = ref<Status>('idle');
  const error = ref<ErrorPayload | null>(null);
  let unsubscribe: (() => void) | null = null;

  async function load() {
    status.value = 'loading';
    try {
      items.value = await api.invoke('announcements.list', { limit: 20 });
      status.value = 'done';
      error.value = null;
    } catch (err) {
      error.value = asPayload(err);
      status.value = 'error';
    }
  }

  function watchChanges() {
    unsubscribe ??= api.on('announcements.changed', () => void load());
  }

  /** Throws ApiError (with the field) when the core refuses the input, so the form can show it. */
  async function create(input: { title: string; body: string }): Promise<Announcement> {
    const created = await useStaffStore().call('announcements.create', input);
    await load();
    return created;
  }

  return { items, status, error, load, watchChanges, create };
});
