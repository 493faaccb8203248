import { defineStore } from 'pinia';
import { computed, ref } from 'vue';

/** How the kiosk shows itself for this visit: text size and high contrast (gone with the reset). */
export const useDisplayStore = defineStore('display', () => {
  const textSize = ref<'normal' | 'large' | 'xlarge'>('normal');
  const contrast = ref(false);
  const classes = computed(() => ({ 'text-large': textSize.value === 'large', 'text-xlarge': textSize.value === 'xlarge', 'theme-contrast': contrast.value }));
  /** How much every size on the kiosk's screen grows (A, A+, A++): the CSS variable --text-scale. */
  const scale = computed(() => ({ normal: 1, large: 1.2, xlarge: 1.4 })[textSize.value]);
  const style = computed(() => ({ '--text-scale': String(scale.value) }));
  return { textSize, contrast, classes, scale, style };
});
