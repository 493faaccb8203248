/**
 * Retry delay for an outbox item: exponential from 2 s, capped at 10 min, with full jitter so 126
 * wards coming back online do not all knock at once. `random` is injectable for tests.
 */
export function retryDelayMs(attempts: number, random: () => number = Math.random, base = 2000, cap = 600_000): number {
  const ceiling = Math.min(cap, base * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
