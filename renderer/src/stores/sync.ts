import { useOnline } from '@vueuse/core';
import { defineStore } from 'pinia';
import { ref, watch } from 'vue';
import type { SyncStatus } from '../../../electron/contract';
import { api } from '../api';

/** The sync badge's source: the current status, then every `sync.status` event. */
export const useSyncStore = defineStore('sync', () => {
  const status = ref<SyncStatus | null>(null);
  let unsubscribe: (() => void) | null = null;

  const online = useOnline();
  // When the network comes back, sync at once rather than at the next interval.
  watch(online, (now, before) => {
    if (now && !before) void api.invoke('sync.now', {}).catch(() => undefined);
  });

  async function start() {
    unsubscribe ??= api.on('sync.status', (s) => {
      status.value = s;
    });
    status.value = await api.invoke('sync.status', {});
  }

  return { status, start };
});
