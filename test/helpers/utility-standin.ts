/**
 * A stand-in for Electron's `utilityProcess` and `MessageChannelMain` (the Electron binary is the
 * boundary we cannot reach here): `fork` runs the module in a worker thread whose
 * `process.parentPort` and ports behave like Electron's — messages arrive as `{ data, ports }`,
 * ports hand over `{ data }` and must be started.
 */
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import type { UtilityApi } from '../../electron/shell/core-process.js';

/** A Node MessagePort dressed as Electron's MessagePortMain. */
function electronPort(port: MessagePort) {
  return {
    postMessage: (m: unknown) => port.postMessage(m),
    on: (_event: 'message', l: (ev: { data: unknown }) => void) => port.on('message', (data: unknown) => l({ data })),
    start: () => port.start(),
    close: () => port.close(),
  };
}

/** Runs in the worker before the entry: gives it Electron's `process.parentPort`. */
const bootstrap = (entry: string) => `
const { parentPort } = require('node:worker_threads');
const wrap = (port) => ({ postMessage: (m) => port.postMessage(m), on: (e, l) => port.on('message', (data) => l({ data })), start: () => port.start(), close: () => port.close() });
process.parentPort = { once: (event, l) => parentPort.once('message', (m) => l({ data: m.data, ports: m.ports.map(wrap) })) };
import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(entry)}); }).catch((err) => { console.error(err); process.exit(1); });
`;

export function utilityStandIn() {
  const children: Worker[] = [];
  const api: UtilityApi = {
    utilityProcess: {
      fork(modulePath) {
        const worker = new Worker(bootstrap(new URL(`file://${modulePath}`).href), { eval: true, stdout: false, stderr: false });
        children.push(worker);
        return {
          postMessage: (message: unknown, transfer: unknown[] = []) => worker.postMessage({ data: message, ports: transfer }, transfer as MessagePort[]),
          on: (_event: 'exit', listener: (code: number) => void) => worker.on('exit', listener),
          kill: () => {
            void worker.terminate();
            return true;
          },
        };
      },
    },
    MessageChannelMain: class {
      port1: ReturnType<typeof electronPort>;
      port2: MessagePort;
      constructor() {
        const { port1, port2 } = new MessageChannel();
        this.port1 = electronPort(port1);
        this.port2 = port2;
      }
    },
  };
  return { api, children };
}
