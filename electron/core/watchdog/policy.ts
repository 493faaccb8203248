/**
 * The app's own watchdog schedules, as pure functions of the time (Vietnam's, UTC+7): the nightly
 * restart and the kiosk's screen-off hours. No Node or DOM here: the renderer uses them too.
 */
const VN = 7 * 3600_000;
const DAY = 86_400_000;

const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
};

/** The next time it is `hhmm` in Vietnam, strictly after `now`; null when no restart is set. */
export function nextNightlyRestart(now: Date, hhmm: string): Date | null {
  if (!hhmm) return null;
  const local = now.getTime() + VN;
  const midnight = local - (local % DAY);
  let at = midnight + minutesOf(hhmm) * 60_000;
  if (at <= local) at += DAY;
  return new Date(at - VN);
}

/** Whether the kiosk's screen should be off now; the span may cross midnight (22:00 → 06:00). */
export function isScreenOff(now: Date, from: string, to: string): boolean {
  if (!from || !to || from === to) return false;
  const local = new Date(now.getTime() + VN);
  const m = local.getUTCHours() * 60 + local.getUTCMinutes();
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
