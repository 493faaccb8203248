import { IPC_EVENT, IPC_INVOKE, methods, isMethodName, type InvokeResponse, type MethodName } from '../contract.js';
import type { CoreLink } from '../host/protocol.js';
import { isTrustedSender } from '../security.js';
import { parseOrThrow } from '../core/validate.js';
import { toErrorPayload } from '../core/errors.js';

/** The part of an IPC event we use: the frame that called, and its webContents. */
export interface IpcEventLike {
  senderFrame: { url: string } | null;
  sender?: unknown;
}

/** The part of Electron's ipcMain we use; tests pass an in-process stand-in. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

/** The part of a window's webContents the events need; tests pass a stand-in. */
export interface EventTarget {
  send(channel: string, name: string, payload: unknown): void;
  isDestroyed(): boolean;
}

/**
 * The events each window hears, decided by the core per viewer exactly as for a web page's event
 * stream: a window starts with the public events, and hears an officer's (new dossier codes, sync
 * status) only while the session signed in *in that window* is alive — the core re-checks it at each
 * event. The shell learns the session from the calls it brokers (sign-in, first-run setup, sign-out):
 * the preload stays two functions, and a page cannot claim a session it was not given.
 */
export class WindowEvents {
  private readonly subs = new Map<EventTarget, () => void>();

  constructor(private readonly core: Pick<CoreLink, 'subscribe'>) {}

  /** From now on `target` hears what a viewer with `session` may (null: the public events). */
  watch(target: EventTarget, session: string | null): void {
    this.subs.get(target)?.();
    const off = this.core.subscribe((name, payload) => {
      if (target.isDestroyed()) return this.forget(target);
      target.send(IPC_EVENT, name, payload);
    }, { session });
    this.subs.set(target, off);
  }

  forget(target: EventTarget): void {
    this.subs.get(target)?.();
    this.subs.delete(target);
  }

  /** After a brokered call: a sign-in or setup gives the window its session, a sign-out takes it back. */
  afterCall(target: unknown, method: string, response: InvokeResponse<unknown>): void {
    if (!response.ok || !isEventTarget(target) || !this.subs.has(target)) return;
    if (method === 'staff.signIn' || method === 'staff.setup') this.watch(target, (response.result as { token: string }).token);
    else if (method === 'staff.signOut') this.watch(target, null);
  }
}

const isEventTarget = (t: unknown): t is EventTarget => typeof t === 'object' && t !== null && typeof (t as EventTarget).send === 'function' && typeof (t as EventTarget).isDestroyed === 'function';

/** Methods the shell answers itself (printing needs the calling window), with their validated input. */
export type ShellMethods = Partial<{ [K in MethodName]: (input: unknown, event: IpcEventLike) => Promise<unknown> }>;

/**
 * Registers the one invoke channel. Every call is checked for its sender frame and then goes
 * through the core's validating dispatch, exactly as the web host's POST /api/<method> does —
 * except the few methods the shell answers itself, validated by the same schema.
 */
export function registerIpc(ipc: IpcMainLike, core: CoreLink, shell: ShellMethods = {}, events?: WindowEvents): () => void {
  ipc.handle(IPC_INVOKE, async (event, method, input): Promise<InvokeResponse<unknown>> => {
    const frameUrl = event.senderFrame?.url;
    if (!isTrustedSender(frameUrl)) {
      core.log.warn('ipc refused: untrusted sender', { frameUrl });
      return { ok: false, error: { code: 'forbidden', message: { vi: 'Nguồn gọi không được phép.', en: 'Untrusted sender.' } } };
    }
    if (typeof method !== 'string') {
      return { ok: false, error: { code: 'validation', field: 'method', message: { vi: 'Tên chức năng phải là chuỗi.', en: 'Method name must be a string.' } } };
    }
    const own = isMethodName(method) ? shell[method] : undefined;
    if (own) {
      try {
        return { ok: true, result: await own(parseOrThrow(methods[method as MethodName].input, input ?? {}), event) };
      } catch (err) {
        core.log.error('shell method failed', { method, err: (err as Error).message });
        return { ok: false, error: toErrorPayload(err) };
      }
    }
    // The window is the client: rate limits and sign-in throttling count per window.
    const response = await core.invoke(method, input, { transport: 'ipc', client: `window:${(event.sender as { id?: number } | undefined)?.id ?? 0}` });
    events?.afterCall(event.sender, method, response);
    return response;
  });
  return () => ipc.removeHandler(IPC_INVOKE);
}
