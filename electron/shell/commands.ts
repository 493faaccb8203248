/**
 * The installed app answers the admin commands itself: `motcua.exe doctor`, `motcua sync`,
 * `motcua support-bundle`, `sudo motcua provision --apply …`, `motcua config check`, `motcua staff
 * reset-admin`, `motcua backup` / `restore`. The shell sees a command before it opens any window, runs
 * it headless through the same core host as the app (its utility process), prints, and exits with the
 * command's status. The `runAsNode` fuse stays off: the binary is never a Node runtime, it only
 * answers its own commands. Written against the few Electron calls it uses, so the dispatch is tested
 * as a function here (the Electron binary is the boundary we cannot reach).
 */
import { commandWords, main, type CliEnv } from '../cli/main.js';
import type { CoreHost, CoreHostOptions } from '../host/protocol.js';

/** Commands only the installed app has: `update install`, which the SYSTEM scheduled task runs. */
const SHELL_COMMANDS = ['update'];

const UPDATE_HELP = `Cách dùng / Usage: motcua update install
      Kiểm tra, tải và cài bản cập nhật nếu chính sách cho phép (ngoài giờ làm việc). Tác vụ theo lịch
      "MotCua\\Update" (quyền SYSTEM) do bộ cài Windows tạo chạy lệnh này hằng đêm.
      Check, download and install an update if the policy allows (outside office hours). The scheduled
      task "MotCua\\Update" (SYSTEM) that the Windows installer registers runs it nightly.
`;

/** The app's own flags that take a value and may come before the command (`motcua --data-dir D doctor`). */
const APP_VALUE_FLAGS = new Set(['--config', '--data-dir']);

/**
 * The CLI's arguments when `argv` (the process's, after the executable) is an admin command, else null
 * (the app starts its windows). Chromium's switches before the command are dropped; the app's own
 * `--config`/`--data-dir` are passed on to the command.
 */
export function adminCommand(argv: string[]): string[] | null {
  const carried: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--help' || a === '-h' || a === '--version' || a === '-v') return [a, ...argv.slice(i + 1)];
    if (APP_VALUE_FLAGS.has(a)) {
      carried.push(a, argv[i + 1] ?? '');
      i++;
      continue;
    }
    if (a.startsWith('-')) continue; // a Chromium or Electron switch (--no-sandbox, --enable-logging…)
    return [...commandWords(), ...SHELL_COMMANDS].includes(a) ? [...argv.slice(i), ...carried] : null;
  }
  return null;
}

export interface CommandDeps {
  /** Starts the core host the way the app does: its utility process. */
  startHost(options: CoreHostOptions): Promise<CoreHost>;
  out(text: string): void;
  err(text: string): void;
  /** A question to the admin at the terminal; null when there is none. */
  ask?(question: string): Promise<string | null>;
  vars?: Record<string, string | undefined>;
  /** `motcua update install`: one update run of the app's updater (the shell's, Electron's). */
  update?(): Promise<number>;
}

/** Runs one admin command headless and resolves with its exit status. */
export function runAdminCommand(args: string[], deps: CommandDeps): Promise<number> {
  if (args[0] === 'update') {
    if (args.includes('--help') || args.includes('-h')) {
      deps.out(UPDATE_HELP);
      return Promise.resolve(0);
    }
    if (args[1] !== 'install' || args.length > 2 || !deps.update) {
      deps.err(UPDATE_HELP);
      return Promise.resolve(2);
    }
    return deps.update();
  }
  const env: CliEnv = {
    out: deps.out,
    err: deps.err,
    startHost: deps.startHost,
    ask: deps.ask ?? (() => Promise.resolve(null)),
    installed: true,
    vars: deps.vars ?? process.env,
  };
  return main(args, env).catch((err: unknown) => {
    deps.err(`Lỗi / Error: ${(err as Error).stack ?? String(err)}\n`);
    return 1;
  });
}
