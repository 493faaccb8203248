/**
 * A controlled clock for running the sync engine on its own schedule without waiting: the clock
 * follows real time (requests take what they take) plus every wait the schedule skipped, and the
 * engine's timers fire by jumping the clock to their time.
 */
import type { Clock } from '../../electron/core/clock.js';
import type { Timers } from '../../electron/core/sync/engine.js';

export interface VirtualTime {
  clock: Clock;
  timers: Timers;
  /** Fires the earliest timer, moving the clock to its time; false when none is set. */
  fireNext(): boolean;
  /** When the earliest timer would fire (ms on `clock`), or null. */
  nextAt(): number | null;
}

export function virtualTime(): VirtualTime {
  let offset = 0;
  const clock: Clock = { now: () => new Date(Date.now() + offset) };
  const pending = new Map<number, { at: number; fn: () => void }>();
  let nextId = 1;
  const earliest = () => {
    let first: [number, { at: number; fn: () => void }] | null = null;
    for (const e of pending) if (!first || e[1].at < first[1].at) first = e;
    return first;
  };
  return {
    clock,
    timers: {
      setTimeout(fn, ms) {
        const id = nextId++;
        pending.set(id, { at: clock.now().getTime() + ms, fn });
        return id;
      },
      clearTimeout(handle) {
        pending.delete(handle as number);
      },
    },
    fireNext() {
      const first = earliest();
      if (!first) return false;
      pending.delete(first[0]);
      const wait = first[1].at - clock.now().getTime();
      if (wait > 0) offset += wait;
      first[1].fn();
      return true;
    },
    nextAt: () => earliest()?.[1].at ?? null,
  };
}
