import { useOnline } from '@vueuse/core';
import { defineStore } from 'pinia';
import { ref, watch } from 'vue';
import { ruleFor, type SyncStatus } from '../../../electron/contract';
import { api } from '../api';
import { useAppStore } from './app';
import { useStaffStore } from './staff';

/** The sync badge's source: the current status, then every `sync.status` event. */
export const useSyncStore = defineStore('sync', () => {
  const status = ref<SyncStatus | null>(null);
  let unsubscribe: (() => void) | null = null;
  // Whether this device lets this page call a method now, as the contract's table says: at a desk
  // the sync state is for signed-in officers, a kiosk shows it to everyone.
  const staff = useStaffStore();
  const app = useAppStore();
  const session = () => (staff.session ? { session: staff.session.token } : {});
  const allowed = (method: 'sync.status' | 'sync.now') => {
    const who = app.info ? ruleFor(method, app.info.mode) : undefined;
    return who?.kind === 'public' || (who?.kind === 'officer' && !!staff.session);
  };

  const online = useOnline();
  // When the network comes back, sync at once rather than at the next interval.
  watch(online, (now, before) => {
    if (now && !before && allowed('sync.now')) void api.invoke('sync.now', session()).catch(() => undefined);
  });

  async function load() {
    status.value = allowed('sync.status') ? await api.invoke('sync.status', session()).catch(() => null) : null;
  }
  // Asked again once the device's mode is known (whether this page may ask at all) and when an officer signs in or out.
  watch([() => staff.session?.token, () => app.info?.mode], () => void load());

  async function start() {
    unsubscribe ??= api.on('sync.status', (s) => {
      status.value = s;
    });
    await load();
  }

  return { status, start };
});
