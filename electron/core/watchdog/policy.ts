/**
 * The app's own watchdog schedules, as pure functions of the time (Vietnam's): the nightly
 * restart and the kiosk's screen-off hours. No Node or DOM here: the renderer uses them too.
 */
import { addDays, formatVn, vnDay, vnInstant } from '../time.js';

const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
};

/** The next time it is `hhmm` in Vietnam, strictly after `now`; null when no restart is set. */
export function nextNightlyRestart(now: Date, hhmm: string): Date | null {
  if (!hhmm) return null;
  const today = vnDay(now);
  const at = vnInstant(today, hhmm);
  return at > now ? at : vnInstant(addDays(today, 1), hhmm);
}

/** Whether the kiosk's screen should be off now; the span may cross midnight (22:00 → 06:00). */
export function isScreenOff(now: Date, from: string, to: string): boolean {
  if (!from || !to || from === to) return false;
  const m = minutesOf(formatVn(now).time);
  const a = minutesOf(from);
  const b = minutesOf(to);
  return a < b ? m >= a && m < b : m >= a || m < b;
}

/**
 * After repeated renderer crashes a reload no longer helps: restart the whole app (a fresh GPU
 * process, fresh memory) when the renderer went away this many times within the window.
 */
export function shouldRelaunch(recentCrashes: number, threshold = 5): boolean {
  return recentCrashes >= threshold;
}
