import { defineStore } from 'pinia';
import { ref } from 'vue';

export interface Toast {
  id: number;
  kind: 'info' | 'success' | 'error';
  text: string;
}

/** Short messages at the edge of the screen; errors stay until dismissed. */
export const useToastStore = defineStore('toasts', () => {
  const toasts = ref<Toast[]>([]);
  let next = 1;

  function dismiss(id: number) {
    toasts.value = toasts.value.filter((t) => t.id !== id);
  }

  function push(kind: Toast['kind'], text: string, timeoutMs = kind === 'error' ? 0 : 5000) {
    const id = next++;
    toasts.value.push({ id, kind, text });
    if (timeoutMs > 0) setTimeout(() => dismiss(id), timeoutMs);
    return id;
  }

  function clear() {
    toasts.value = [];
  }

  return { toasts, push, dismiss, clear };
});
