import { IPC_INVOKE, methods, isMethodName, type InvokeResponse, type MethodName } from '../contract.js';
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

/** Methods the shell answers itself (printing needs the calling window), with their validated input. */
export type ShellMethods = Partial<{ [K in MethodName]: (input: unknown, event: IpcEventLike) => Promise<unknown> }>;

/**
 * Registers the one invoke channel. Every call is checked for its sender frame and then goes
 * through the core's validating dispatch, exactly as the web host's POST /api/<method> does —
 * except the few methods the shell answers itself, validated by the same schema.
 */
export function registerIpc(ipc: IpcMainLike, core: CoreLink, shell: ShellMethods = {}): () => void {
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
    return core.invoke(method, input, { transport: 'ipc', client: `window:${(event.sender as { id?: number } | undefined)?.id ?? 0}` });
  });
  return () => ipc.removeHandler(IPC_INVOKE);
}
