/**
 * The app's own watchdog, beyond reloading a crashed or hung renderer (main.ts): a nightly restart
 * and the kiosk's screen-off hours, scheduled by ../core/watchdog/policy.ts. A restart waits while
 * someone is using the device.
 */
import { app, powerSaveBlocker } from 'electron';
import { systemClock } from '../core/clock.js';
import { isScreenOff, nextNightlyRestart } from '../core/watchdog/policy.js';
import type { CoreHost } from '../host/protocol.js';

export function startWatchdog(core: CoreHost, opts: { lastInputAt: () => Date | null; clock?: typeof systemClock }): () => void {
  if (!core.ready.ok) return () => undefined;
  const { watchdog, mode, kiosk } = core.ready.config;
  const clock = opts.clock ?? systemClock;
  const timers: NodeJS.Timeout[] = [];

  const scheduleRestart = () => {
    const at = nextNightlyRestart(clock.now(), watchdog.nightlyRestart);
    if (!at) return;
    timers.push(
      setTimeout(function restart() {
        const last = opts.lastInputAt();
        if (last && clock.now().getTime() - last.getTime() < kiosk.idleSeconds * 1000) {
          timers.push(setTimeout(restart, 5 * 60_000)); // someone is using it: try again shortly
          return;
        }
        core.log.info('nightly restart');
        app.relaunch();
        app.exit(0);
      }, at.getTime() - clock.now().getTime()),
    );
  };

  // A kiosk keeps its display awake in opening hours; in its screen-off hours the OS's own display
  // sleep (set by the admin guide) turns the panel off, and a touch wakes it.
  let blocker: number | null = null;
  const screen = () => {
    const off = isScreenOff(clock.now(), watchdog.screenOffFrom, watchdog.screenOffTo);
    if (!off && blocker === null) blocker = powerSaveBlocker.start('prevent-display-sleep');
    if (off && blocker !== null) {
      powerSaveBlocker.stop(blocker);
      blocker = null;
    }
  };
  if (mode === 'kiosk') {
    screen();
    timers.push(setInterval(screen, 60_000));
  }
  scheduleRestart();
  return () => {
    for (const t of timers) clearTimeout(t);
    if (blocker !== null) powerSaveBlocker.stop(blocker);
  };
}
