/**
 * Sandboxed preload: exposes exactly two functions as window.motcua, never ipcRenderer itself.
 * Method names are checked in main against the contract; this file only carries messages.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { IPC_EVENT, IPC_INVOKE, type Bridge, type InvokeResponse } from './contract';

const bridge: Bridge = {
  invoke: (method, input) => ipcRenderer.invoke(IPC_INVOKE, method, input) as Promise<InvokeResponse<unknown>>,
  on: (listener) => {
    const wrapped = (_event: Electron.IpcRendererEvent, name: string, payload: unknown) => listener(name, payload);
    ipcRenderer.on(IPC_EVENT, wrapped);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('motcua', bridge);
