import { useIntervalFn } from '@vueuse/core';
import { computed, ref } from 'vue';
import type { ErrorPayload } from '../../../electron/contract';

/**
 * A refusal for going over a limit, counted down live: `left` is the whole seconds still to wait
 * (from the core's `retryAfter`), ticking each second to 0, when `waiting` turns false and the
 * screen's button works again.
 */
export function useRetryCountdown() {
  const left = ref(0);
  let until = 0;
  const tick = () => {
    left.value = Math.max(0, Math.ceil((until - Date.now()) / 1000));
    if (left.value === 0) pause();
  };
  const { pause, resume } = useIntervalFn(tick, 250, { immediate: false });

  /** Starts counting when `error` is a refusal with a wait; true when it was one. */
  function startFrom(error: ErrorPayload): boolean {
    if (error.code !== 'rate_limited' || !error.retryAfter) return false;
    until = Date.now() + error.retryAfter * 1000;
    left.value = error.retryAfter;
    resume();
    return true;
  }

  return { left, waiting: computed(() => left.value > 0), startFrom };
}
