import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { AppInfo } from '../../../electron/contract';
import { api, ApiError } from '../api';
import type { ErrorPayload } from '../../../electron/contract';

export type Status = 'idle' | 'loading' | 'error' | 'done';

/** What the core says about this install: mode, ward, warnings. */
export const useAppStore = defineStore('app', () => {
  const info = ref<AppInfo | null>(null);
  const status = ref<Status>('idle');
  const error = ref<ErrorPayload | null>(null);

  async function load() {
    status.value = 'loading';
    try {
      info.value = await api.invoke('app.info', {});
      status.value = 'done';
      error.value = null;
    } catch (err) {
      error.value = err instanceof ApiError ? err.payload : { code: 'internal', message: { vi: String(err), en: String(err) } };
      status.value = 'error';
    }
  }

  return { info, status, error, load };
});
