import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { CccdData } from '../../../electron/core/text/cccd';

/** What the scanner last read from a citizen ID card, waiting for the resident to confirm it. */
export const useScanStore = defineStore('scan', () => {
  const cccd = ref<CccdData | null>(null);
  const error = ref<{ vi: string; en: string } | null>(null);
  return { cccd, error };
});
