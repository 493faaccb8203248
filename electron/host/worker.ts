/**
 * Entry of the core host's thread or process. In a worker thread (web host, CLI) the port and the
 * options come in `workerData`; in an Electron utility process (the app) they come as the first
 * message on `process.parentPort`, the port transferred with it.
 */
import { workerData } from 'node:worker_threads';
import type { CoreHostOptions } from './protocol.js';
import { portFromElectron, portFromNode } from './protocol.js';
import { serveCore } from './serve.js';

type NodePort = Parameters<typeof portFromNode>[0];
type ElectronPort = Parameters<typeof portFromElectron>[0];

/** Electron adds `parentPort` to a utility process; Node's types do not know it. */
interface UtilityParentPort {
  once(event: 'message', listener: (event: { data: { options: CoreHostOptions }; ports: ElectronPort[] }) => void): void;
}

const data = workerData as { port?: NodePort; options?: CoreHostOptions } | null;
const parentPort = (process as unknown as { parentPort?: UtilityParentPort }).parentPort;

if (data?.port && data.options) {
  serveCore(portFromNode(data.port), data.options);
} else if (parentPort) {
  parentPort.once('message', (event) => {
    const [port] = event.ports;
    if (!port) throw new Error('core host started without a port');
    serveCore(portFromElectron(port), event.data.options, () => process.exit(0));
  });
} else {
  throw new Error('electron/host/worker is started by startCoreHost or the Electron shell, not directly');
}
