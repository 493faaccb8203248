/**
 * Work the CLI and the Electron shell ask of the core host that is not a UI method of the
 * contract: diagnostics, the support bundle, backups, a due-date check, credentials, what the updater
 * needs. They run next to the core, in its thread or process, so no SQLite call ever runs where a UI waits.
 *
 * Diagnostics (`doctor`, `supportBundle`) and `restore` run on a host started without a core
 * (`noCore`): they must never create or migrate a database, so nothing opens one for writing.
 */
import { doctor } from '../cli/doctor.js';
import { supportBundle } from '../cli/support-bundle.js';
import { restore } from '../core/backup.js';
import type { LoadedConfig } from '../core/config/load.js';
import { formatVn, vnIso } from '../core/time.js';
import { loadCalendar } from '../core/calendar/store.js';
import { AppError } from '../core/errors.js';
import type { Core } from '../core/index.js';
import { installDecision } from '../core/update/policy.js';
import { rotateCredentials } from '../core/device/rotate.js';

/** What a task runs with: the config, and the core unless the host was started without one. */
export interface TaskHost {
  loaded: LoadedConfig;
  core: Core | null;
  version: string;
  systemProxy?: string | null;
}

function needCore(h: TaskHost): Core {
  if (!h.core) throw new AppError('internal', { vi: 'Việc này cần ứng dụng đã khởi động.', en: 'This task needs a started core.' });
  return h.core;
}

export const tasks = {
  doctor: (h: TaskHost) => doctor(h.loaded, { version: h.version, systemProxy: h.systemProxy }),
  supportBundle: (h: TaskHost, { out }: { out: string }) => supportBundle(h.loaded, { version: h.version, systemProxy: h.systemProxy }, out),
  /** Restores a backup folder into this config's (empty) data dir. */
  restore: (h: TaskHost, { from }: { from: string }) => restore(from, h.loaded.config.dataDir),
  /** A backup now, into `to` or `backup.dir`. */
  backup: async (h: TaskHost, { to }: { to?: string }) => {
    const r = await needCore(h).backup(to);
    return { dir: r.dir, attachments: r.manifest.attachments, copied: r.copied, linked: r.linked, removed: r.removed, createdAt: r.manifest.createdAt };
  },
  /**
   * `motcua sync`: one cycle for the machine's admin, on a kiosk or a desk alike (the contract's
   * `sync.now` needs a signed-in officer at a desk, which a command line has not).
   */
  syncNow: async (h: TaskHost) => {
    const core = needCore(h);
    const report = await core.sync.runOnce();
    return { report, status: core.sync.status() };
  },
  /** New credentials for this device from the portal; the old token and LAN key stop working. */
  rotateCredentials: (h: TaskHost) => rotateCredentials(needCore(h)),
  /**
   * When a period from `from` (ISO) ends by this install's calendar: working days by office hours,
   * or days, months, years by the Civil Code (art. 147–148); `provisional` when that year has no
   * official days-off table yet.
   */
  calendarDue: (h: TaskHost, { from, amount, unit }: { from: string; amount: number; unit: 'working-days' | 'days' | 'months' | 'years' }) => {
    const core = needCore(h);
    const calendar = loadCalendar(core.db, core.config.office);
    const due = unit === 'working-days' ? calendar.due(new Date(from), amount) : calendar.deadline(new Date(from), amount, unit);
    const vn = formatVn(due);
    return { due: due.toISOString(), dueLocal: vnIso(due), ...vn, provisional: calendar.isProvisional(vn.date) };
  },
  /** The id staged rollouts are bucketed by: the portal's device id. */
  deviceId: (h: TaskHost) => needCore(h).device.get().deviceId,
  /** A new desk's one-time setup code, for the machine's admin at the console (null once an account exists). */
  setupCode: (h: TaskHost) => needCore(h).setupCode(),
  /** Whether an update may install now (outside office hours, nobody using the device). */
  installDecision: (h: TaskHost, { lastInputAt, idleSeconds }: { lastInputAt: string | null; idleSeconds: number }) => {
    const core = needCore(h);
    return installDecision({
      mode: core.config.mode,
      now: core.clock.now(),
      calendar: loadCalendar(core.db, core.config.office),
      lastInputAt: lastInputAt ? new Date(lastInputAt) : null,
      idleSeconds,
    });
  },
};

export type TaskName = keyof typeof tasks;
type TaskFn<K extends TaskName> = (typeof tasks)[K];
export type TaskArgs<K extends TaskName> = Parameters<TaskFn<K>> extends [TaskHost, infer A] ? A : Record<string, never>;
export type TaskResult<K extends TaskName> = Awaited<ReturnType<TaskFn<K>>>;

/** Runs a task by name with its arguments (as they arrived over the port). */
export function runTask(host: TaskHost, name: TaskName, args: unknown): Promise<unknown> {
  const fn = tasks[name] as (host: TaskHost, args: unknown) => unknown;
  return Promise.resolve().then(() => fn(host, args));
}

export function isTaskName(name: string): name is TaskName {
  return Object.prototype.hasOwnProperty.call(tasks, name);
}
