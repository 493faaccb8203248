/**
 * In the Electron app the core runs in a utility process, never on the main thread that owns the
 * windows, IPC and the hang watchdog. The main process only brokers: it forwards each IPC call over
 * a MessagePort and the core's events back to the windows. Written against the few Electron calls
 * it uses, so a test can drive it with a stand-in (the Electron binary is the boundary we cannot reach here).
 */
import { startHost, type HostOptions, type Spawn } from '../host/client.js';
import { portFromElectron, type CoreHost, type CoreHostOptions } from '../host/protocol.js';

type ElectronPort = Parameters<typeof portFromElectron>[0];

/** What we use of Electron's `utilityProcess` and `MessageChannelMain`. */
export interface UtilityApi {
  utilityProcess: {
    fork(modulePath: string, args?: string[], options?: { serviceName?: string }): {
      postMessage(message: unknown, transfer?: unknown[]): void;
      on(event: 'exit', listener: (code: number) => void): unknown;
      kill(): boolean;
    };
  };
  MessageChannelMain: new () => { port1: ElectronPort; port2: unknown };
}

/** Forks `entry` (dist/electron/host/worker.js) as a utility process and hands it one end of a new port. */
export function spawnUtility(electron: UtilityApi, entry: string): Spawn {
  return (options) => {
    const { port1, port2 } = new electron.MessageChannelMain();
    const child = electron.utilityProcess.fork(entry, [], { serviceName: 'Một Cửa core' });
    child.postMessage({ options }, [port2]);
    const exits: ((code: number | null) => void)[] = [];
    child.on('exit', (code) => {
      port1.close();
      for (const l of exits) l(code);
    });
    return { port: portFromElectron(port1), onExit: (l) => void exits.push(l), kill: () => void child.kill() };
  };
}

/** The app's core host: the core in a utility process, restarted if it dies or hangs. */
export function startCoreProcess(electron: UtilityApi, entry: string, options: CoreHostOptions, hostOptions?: HostOptions): Promise<CoreHost> {
  return startHost(spawnUtility(electron, entry), options, hostOptions);
}
