/**
 * The messages between a core host (the worker thread, child or Electron utility process that
 * owns the core and its SQLite file) and whoever serves the UI (the web host, Electron's main
 * process, the CLI). Everything here is plain data: it crosses a MessagePort by structured clone.
 */
import type { Caller, EventName, InvokeResponse, Warning } from '../contract.js';
import type { Config, ConfigLayer } from '../core/config/schema.js';
import type { ErrorPayload } from '../core/errors.js';
import type { AnyEventListener } from '../core/events.js';
import type { LogLevel } from '../core/log.js';
import type { TaskArgs, TaskName, TaskResult } from './tasks.js';

/** How the core host boots its core: the same layers `motcua` reads, as plain data. */
export interface CoreHostOptions {
  configFile?: string;
  flags?: ConfigLayer;
  /** Run the sync schedule (the app does; one-off CLI commands do not). */
  startSync?: boolean;
  /** Calls slower than this are logged with their method and duration. @default 50 */
  slowCallMs?: number;
  /**
   * Load the config only, start no core: for diagnostics and restore, which must never create or
   * migrate a database (`doctor`, `supportBundle`, `restore`). Contract calls are refused.
   */
  noCore?: boolean;
  /** The system's proxy for the portal, as the Electron shell resolved it ("http://host:port"). */
  systemProxy?: string | null;
}

export type HostReady = { ok: true; config: Config; warnings: Warning[] } | { ok: false; fatal: ErrorPayload; config?: Config };

export type ToCore =
  | { type: 'invoke'; id: number; method: string; input: unknown; caller: Caller; bytes?: number }
  | { type: 'subscribe'; id: number; session: string | null }
  | { type: 'unsubscribe'; id: number }
  | { type: 'task'; id: number; name: TaskName; args: unknown }
  | { type: 'log'; level: LogLevel; msg: string; fields?: Record<string, unknown> }
  | { type: 'close' };

export type FromCore =
  | { type: 'ready'; info: HostReady }
  | { type: 'result'; id: number; response: InvokeResponse<unknown> }
  /** An event: for every listener of the host (`sub` absent), or for one viewer's subscription. */
  | { type: 'event'; name: EventName; payload: unknown; sub?: number }
  | { type: 'closed' };

/** The one thing a transport (web host, IPC registration) needs of a core: in-process or behind a port. */
export interface CoreLink {
  /** The contract's call; `caller` is what the transport saw, `bytes` the input's size when it measured it. */
  invoke(method: string, input: unknown, caller: Caller, bytes?: number): Promise<InvokeResponse<unknown>>;
  /** Every event, unfiltered: for the app's own listeners (the shell), never for a network client. */
  onEvent(listener: AnyEventListener): () => void;
  /** The events one viewer may hear, as the core decides (the contract's `eventAudience`). */
  subscribe(listener: AnyEventListener, viewer: { session?: string | null }): () => void;
  readonly log: { info(msg: string, fields?: Record<string, unknown>): void; warn(msg: string, fields?: Record<string, unknown>): void; error(msg: string, fields?: Record<string, unknown>): void };
  /** How the core is doing, answered without asking it (absent for an in-process core). */
  health?(): CoreHealth;
}

export interface CoreHealth {
  state: 'starting' | 'ready' | 'restarting' | 'stopped';
  /** Calls sent and not yet answered, and how long the oldest has waited. */
  inFlight: number;
  oldestCallMs: number | null;
  restarts: number;
}

/** A core host as its users see it: the contract's calls and events, a few admin tasks, its health. */
export interface CoreHost extends CoreLink {
  readonly ready: HostReady;
  task<K extends TaskName>(name: K, args: TaskArgs<K>): Promise<TaskResult<K>>;
  health(): CoreHealth;
  /** Closes the core (the database, the log) and ends its thread or process. */
  close(): Promise<void>;
}

/**
 * The two ends of a MessagePort as we use them. Node's worker_threads ports hand over the value
 * itself; Electron's MessagePortMain hands over an event with `.data` — `portFrom*` level that.
 */
export interface PortLike {
  postMessage(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
  close(): void;
}

/** A worker_threads MessagePort (or anything with the same shape). */
export function portFromNode(port: { postMessage(m: unknown): void; on(e: 'message', l: (m: unknown) => void): unknown; close(): void; unref?(): void }): PortLike {
  return {
    postMessage: (m) => port.postMessage(m),
    onMessage: (l) => void port.on('message', l),
    close: () => port.close(),
  };
}

/** Electron's MessagePortMain: messages arrive as `{ data }` and the port must be started. */
export function portFromElectron(port: { postMessage(m: unknown): void; on(e: 'message', l: (ev: { data: unknown }) => void): unknown; start(): void; close(): void }): PortLike {
  return {
    postMessage: (m) => port.postMessage(m),
    onMessage: (l) => {
      port.on('message', (ev) => l(ev.data));
      port.start();
    },
    close: () => port.close(),
  };
}
