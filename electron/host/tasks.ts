/**
 * Work the CLI and the Electron shell ask of the core host that is not a UI method of the
 * contract: diagnostics, the support bundle, a due-date check, what the updater needs. They run
 * next to the core, in its thread or process, so no SQLite call ever runs where a UI waits.
 */
import { doctor } from '../cli/doctor.js';
import { supportBundle } from '../cli/support-bundle.js';
import { formatVn, vnIso } from '../core/time.js';
import { loadCalendar } from '../core/calendar/store.js';
import type { Core } from '../core/index.js';
import { installDecision } from '../core/update/policy.js';

export const tasks = {
  doctor: (core: Core) => doctor(core),
  supportBundle: (core: Core, { out }: { out: string }) => supportBundle(core, out),
  /**
   * When a period from `from` (ISO) ends by this install's calendar: working days by office hours,
   * or days, months, years by the Civil Code (art. 147–148); `provisional` when that year has no
   * official days-off table yet.
   */
  calendarDue: (core: Core, { from, amount, unit }: { from: string; amount: number; unit: 'working-days' | 'days' | 'months' | 'years' }) => {
    const calendar = loadCalendar(core.db, core.config.office);
    const due = unit === 'working-days' ? calendar.due(new Date(from), amount) : calendar.deadline(new Date(from), amount, unit);
    const vn = formatVn(due);
    return { due: due.toISOString(), dueLocal: vnIso(due), ...vn, provisional: calendar.isProvisional(vn.date) };
  },
  /** The id staged rollouts are bucketed by: the portal's device id. */
  deviceId: (core: Core) => core.device.get().deviceId,
  /** A new desk's one-time setup code, for the machine's admin at the console (null once an account exists). */
  setupCode: (core: Core) => core.setupCode(),
  /** Whether an update may install now (outside office hours, nobody using the device). */
  installDecision: (core: Core, { lastInputAt, idleSeconds }: { lastInputAt: string | null; idleSeconds: number }) =>
    installDecision({
      mode: core.config.mode,
      now: core.clock.now(),
      calendar: loadCalendar(core.db, core.config.office),
      lastInputAt: lastInputAt ? new Date(lastInputAt) : null,
      idleSeconds,
    }),
};

export type TaskName = keyof typeof tasks;
type TaskFn<K extends TaskName> = (typeof tasks)[K];
export type TaskArgs<K extends TaskName> = Parameters<TaskFn<K>> extends [Core, infer A] ? A : Record<string, never>;
export type TaskResult<K extends TaskName> = Awaited<ReturnType<TaskFn<K>>>;

/** Runs a task by name with its arguments (as they arrived over the port). */
export function runTask(core: Core, name: TaskName, args: unknown): Promise<unknown> {
  const fn = tasks[name] as (core: Core, args: unknown) => unknown;
  return Promise.resolve().then(() => fn(core, args));
}

export function isTaskName(name: string): name is TaskName {
  return Object.prototype.hasOwnProperty.call(tasks, name);
}
