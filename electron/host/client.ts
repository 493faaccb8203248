/**
 * The serving side of a core host: starts the core in its own thread (or, through the Electron
 * shell, its own process), sends it the contract's calls over a MessagePort and hands its events
 * to listeners. The caller's event loop never runs SQLite, so pages, the health check and the
 * event stream are served while the core works. A core that dies or hangs is restarted.
 */
import { MessageChannel, Worker } from 'node:worker_threads';
import type { Caller, InvokeResponse } from '../contract.js';
import { AppError, type ErrorPayload } from '../core/errors.js';
import type { AnyEventListener } from '../core/events.js';
import type { LogLevel } from '../core/log.js';
import type { CoreHealth, CoreHost, CoreHostOptions, FromCore, HostReady, PortLike, ToCore } from './protocol.js';
import { portFromNode } from './protocol.js';
import type { TaskName } from './tasks.js';

/** One running core: its port, and how to learn of and cause its end. */
export interface Spawned {
  port: PortLike;
  onExit(listener: (code: number | null) => void): void;
  kill(): void;
}

export type Spawn = (options: CoreHostOptions) => Spawned;

export interface HostOptions {
  /** A call unanswered this long means the core is stuck: it is restarted. @default 300000 */
  hangMs?: number;
  /** Where the host's own messages go before a core can log them. @default stderr */
  fallbackLog?: (line: string) => void;
}

const stopped: ErrorPayload = {
  code: 'internal',
  message: { vi: 'Lõi ứng dụng vừa dừng và đang khởi động lại. Vui lòng thử lại.', en: 'The app core stopped and is restarting. Please try again.' },
};

/**
 * Starts a core through `spawn` and resolves once it has booted (or explained why it cannot: an
 * invalid config, a database from a newer app — then `ready.ok` is false and nothing restarts).
 */
export function startHost(spawn: Spawn, options: CoreHostOptions, hostOptions: HostOptions = {}): Promise<CoreHost> {
  const hangMs = hostOptions.hangMs ?? 300_000;
  const fallback = hostOptions.fallbackLog ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const pending = new Map<number, { resolve: (r: InvokeResponse<unknown>) => void; at: number; what: string }>();
  const listeners = new Set<AnyEventListener>();
  /** Viewers' subscriptions by id: sent again to a restarted core. */
  const subscriptions = new Map<number, { listener: AnyEventListener; session: string | null }>();
  let nextSub = 1;
  let nextId = 1;
  let current: Spawned | null = null;
  let ready: HostReady | null = null;
  let state: CoreHealth['state'] = 'starting';
  let restarts = 0;
  let restartedAfter: number | null = null;
  let backlog: ToCore[] = [];
  let closing: (() => void) | null = null;
  let firstReady: { resolve: () => void; reject: (err: Error) => void };
  const booted = new Promise<void>((resolve, reject) => (firstReady = { resolve, reject }));

  const send = (m: ToCore) => {
    if (current && state !== 'restarting') current.port.postMessage(m);
    else backlog.push(m);
  };

  const failPending = (error: ErrorPayload) => {
    for (const [id, p] of pending) {
      pending.delete(id);
      p.resolve({ ok: false, error });
    }
  };

  const launch = () => {
    const spawned = spawn(options);
    current = spawned;
    spawned.port.onMessage((raw) => {
      const m = raw as FromCore;
      if (m.type === 'ready') {
        ready = m.info;
        state = m.info.ok ? 'ready' : 'stopped';
        if (m.info.ok) for (const [id, sub] of subscriptions) spawned.port.postMessage({ type: 'subscribe', id, session: sub.session } satisfies ToCore);
        for (const queued of backlog) if (queued.type !== 'subscribe') spawned.port.postMessage(queued);
        backlog = [];
        if (restartedAfter !== null) log('error', 'core host restarted after it stopped', { exitCode: restartedAfter, restarts });
        restartedAfter = null;
        firstReady.resolve();
      } else if (m.type === 'result') {
        const p = pending.get(m.id);
        pending.delete(m.id);
        p?.resolve(m.response);
      } else if (m.type === 'event') {
        const targets = m.sub === undefined ? [...listeners] : [subscriptions.get(m.sub)?.listener].filter((l) => l !== undefined);
        for (const l of targets) {
          try {
            l(m.name, m.payload);
          } catch (err) {
            log('error', 'event listener failed', { err: (err as Error).message });
          }
        }
      }
    });
    spawned.onExit((code) => {
      if (current !== spawned) return;
      current = null;
      if (closing) {
        state = 'stopped';
        failPending(stopped);
        return closing();
      }
      failPending(stopped);
      if (!ready) {
        state = 'stopped';
        return firstReady.reject(new Error(`the core host stopped before it was ready (exit code ${code})`));
      }
      if (!ready.ok) {
        state = 'stopped';
        return;
      }
      // Restart with backoff: 0.5 s, 1 s, 2 s … 30 s.
      state = 'restarting';
      restarts++;
      fallback(`core host exited (code ${code}); restarting`);
      restartedAfter = code;
      setTimeout(() => {
        if (closing) return;
        state = 'starting';
        launch();
      }, Math.min(30_000, 250 * 2 ** Math.min(restarts, 7))).unref();
    });
  };

  const log = (level: LogLevel, msg: string, fields?: Record<string, unknown>) => {
    if (current && state === 'ready') current.port.postMessage({ type: 'log', level, msg, fields } satisfies ToCore);
    else fallback(JSON.stringify({ level, msg, ...fields }));
  };

  // The core's hang watchdog: a call that never returns would hold every call after it.
  const watchdog = setInterval(() => {
    const oldest = oldestCall();
    if (current && state === 'ready' && oldest && Date.now() - oldest.at > hangMs) {
      fallback(`core host unresponsive for ${Date.now() - oldest.at} ms in ${oldest.what}; restarting`);
      current.kill();
    }
  }, Math.min(5000, hangMs));
  watchdog.unref();

  const oldestCall = () => {
    let oldest: { at: number; what: string } | null = null;
    for (const p of pending.values()) if (!oldest || p.at < oldest.at) oldest = p;
    return oldest;
  };

  const request = (what: string, make: (id: number) => ToCore): Promise<InvokeResponse<unknown>> =>
    new Promise((resolve) => {
      if (state === 'stopped') return resolve({ ok: false, error: ready && !ready.ok ? ready.fatal : stopped });
      const id = nextId++;
      pending.set(id, { resolve, at: Date.now(), what });
      send(make(id));
    });

  launch();

  return booted.then(() => {
    const host: CoreHost = {
      get ready() {
        return ready!;
      },
      invoke: (method: string, input: unknown, caller: Caller, bytes?: number) => request(method, (id) => ({ type: 'invoke', id, method, input, caller, bytes })),
      async task(name, args) {
        const response = await request(`task:${name}`, (id) => ({ type: 'task', id, name: name as TaskName, args }));
        if (!response.ok) throw new AppError(response.error.code, response.error.message, { field: response.error.field, file: response.error.file });
        return response.result as never;
      },
      onEvent(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      subscribe(listener, viewer) {
        const id = nextSub++;
        const session = viewer.session ?? null;
        subscriptions.set(id, { listener, session });
        send({ type: 'subscribe', id, session });
        return () => {
          if (subscriptions.delete(id)) send({ type: 'unsubscribe', id });
        };
      },
      log: {
        info: (msg, fields) => log('info', msg, fields),
        warn: (msg, fields) => log('warn', msg, fields),
        error: (msg, fields) => log('error', msg, fields),
      },
      health() {
        const oldest = oldestCall();
        return { state, inFlight: pending.size, oldestCallMs: oldest ? Date.now() - oldest.at : null, restarts };
      },
      close() {
        clearInterval(watchdog);
        if (!current) {
          state = 'stopped';
          return Promise.resolve();
        }
        const spawned = current;
        return new Promise<void>((resolve) => {
          closing = resolve;
          spawned.port.postMessage({ type: 'close' } satisfies ToCore);
          // A core that does not close within 10 s is ended (the database is safe: WAL, transactions).
          setTimeout(() => spawned.kill(), 10_000).unref();
        });
      },
    };
    return host;
  });
}

/** The code a worker thread runs when the host runs from TypeScript sources (tests, `tsx`): TS through tsx, then the entry. */
const fromSourceBootstrap = (entry: string) =>
  `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(entry)}); }).catch((err) => { console.error(err); process.exit(1); });`;

/** Spawns the core in a worker thread of this process, talking over a MessagePort of its own. */
export const spawnWorker: Spawn = (options) => {
  const { port1, port2 } = new MessageChannel();
  const here = import.meta.url;
  const fromSource = here.endsWith('.ts');
  const entry = new URL(fromSource ? './worker.ts' : './worker.js', here).href;
  const workerOptions = { workerData: { port: port2, options }, transferList: [port2], stdout: false, stderr: false };
  const worker = fromSource ? new Worker(fromSourceBootstrap(entry), { ...workerOptions, eval: true }) : new Worker(new URL(entry), workerOptions);
  const exitListeners: ((code: number | null) => void)[] = [];
  let exited = false;
  const exit = (code: number | null) => {
    if (exited) return;
    exited = true;
    port1.close();
    for (const l of exitListeners) l(code);
  };
  worker.on('error', (err) => process.stderr.write(`core host error: ${err.stack ?? err.message}\n`));
  worker.on('exit', (code) => exit(code));
  return {
    port: portFromNode(port1),
    onExit: (l) => void exitListeners.push(l),
    kill: () => void worker.terminate(),
  };
};

/** The core host of the web host and the CLI: the core in a worker thread. */
export function startCoreHost(options: CoreHostOptions, hostOptions?: HostOptions): Promise<CoreHost> {
  return startHost(spawnWorker, options, hostOptions);
}
