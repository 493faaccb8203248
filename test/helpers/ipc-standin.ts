import { IPC_INVOKE } from '../../electron/contract.js';
import type { IpcMainLike } from '../../electron/shell/ipc.js';

type Listener = Parameters<IpcMainLike['handle']>[1];

/** An in-process stand-in for Electron's ipcMain (the Electron binary is the boundary we cannot reach here). */
export function ipcStandIn() {
  const handlers = new Map<string, Listener>();
  const ipc: IpcMainLike = {
    handle: (channel, listener) => void handlers.set(channel, listener),
    removeHandler: (channel) => void handlers.delete(channel),
  };
  return {
    ipc,
    /** What the preload's invoke would get, from a frame at `frameUrl`. */
    invoke: async (method: unknown, input: unknown, frameUrl: string | null = 'app://motcua/kiosk', sender?: unknown) => {
      const handler = handlers.get(IPC_INVOKE);
      if (!handler) throw new Error('no handler registered');
      return handler({ senderFrame: frameUrl === null ? null : { url: frameUrl }, sender }, method, input);
    },
    channels: () => [...handlers.keys()],
  };
}
