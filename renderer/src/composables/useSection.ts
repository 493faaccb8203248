import { computed } from 'vue';
import { useRoute } from 'vue-router';

/** Which tree the current screen belongs to ("/kiosk" or "/staff"), so shared screens link within it. */
export function useSection() {
  const route = useRoute();
  const base = computed(() => (route.path.startsWith('/staff') ? '/staff' : '/kiosk'));
  return { base, isKiosk: computed(() => base.value === '/kiosk') };
}
