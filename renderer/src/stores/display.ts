import { defineStore } from 'pinia';
import { computed, ref } from 'vue';

/**
 * How the kiosk shows itself for this visit: text size and high contrast (gone with the reset). The
 * classes go on a layout's root: `text-large` / `text-xlarge` scale every size by --text-scale (tokens.css).
 */
export const useDisplayStore = defineStore('display', () => {
  const textSize = ref<'normal' | 'large' | 'xlarge'>('normal');
  const contrast = ref(false);
  const classes = computed(() => ({ 'text-large': textSize.value === 'large', 'text-xlarge': textSize.value === 'xlarge', 'theme-contrast': contrast.value }));
  return { textSize, contrast, classes };
});
