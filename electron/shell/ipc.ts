import { IPC_INVOKE, type InvokeResponse } from '../contract.js';
import type { Core } from '../core/index.js';
import { isTrustedSender } from '../security.js';

/** The part of Electron's ipcMain we use; tests pass an in-process stand-in. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: { senderFrame: { url: string } | null; sender?: { id: number } }, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

/**
 * Registers the one invoke channel. Every call is checked for its sender frame and then goes
 * through the core's validating dispatch, exactly as the web host's POST /api/<method> does.
 */
export function registerIpc(ipc: IpcMainLike, core: Core): () => void {
  ipc.handle(IPC_INVOKE, async (event, method, input): Promise<InvokeResponse<unknown>> => {
    const frameUrl = event.senderFrame?.url;
    if (!isTrustedSender(frameUrl)) {
      core.log.warn('ipc refused: untrusted sender', { frameUrl });
      return { ok: false, error: { code: 'forbidden', message: { vi: 'Nguồn gọi không được phép.', en: 'Untrusted sender.' } } };
    }
    if (typeof method !== 'string') {
      return { ok: false, error: { code: 'validation', field: 'method', message: { vi: 'Tên chức năng phải là chuỗi.', en: 'Method name must be a string.' } } };
    }
    // The window is the client: rate limits and sign-in throttling count per window.
    return core.invoke(method, input, { transport: 'ipc', client: `window:${event.sender?.id ?? 0}` });
  });
  return () => ipc.removeHandler(IPC_INVOKE);
}
