/**
 * The core's side of a core host: boots the core, answers the contract's calls and the host's
 * tasks arriving on a port, and sends the core's events back on the same port. Runs in a worker
 * thread (web host, CLI) or an Electron utility process — never where a window or a request waits.
 */
import { appVersion, boot, loadOnly } from '../boot.js';
import type { LoadedConfig } from '../core/config/load.js';
import { toErrorPayload, type ErrorPayload } from '../core/errors.js';
import type { Core } from '../core/index.js';
import type { CoreHostOptions, FromCore, PortLike, ToCore } from './protocol.js';
import { isTaskName, runTask, type TaskHost } from './tasks.js';

/** Task results travel as an invoke-shaped answer: the value, or the error payload. */
async function settle(run: () => Promise<unknown>) {
  try {
    return { ok: true as const, result: await run() };
  } catch (err) {
    return { ok: false as const, error: toErrorPayload(err) };
  }
}

/** Serves one core on `port` until told to close; `onClosed` runs after the database and the log are closed. */
export function serveCore(port: PortLike, options: CoreHostOptions, onClosed: () => void = () => undefined): void {
  const post = (m: FromCore) => port.postMessage(m);
  const slowMs = options.slowCallMs ?? 50;
  let core: Core | null = null;
  let closing = false;
  const subscriptions = new Map<number, () => void>();

  let loaded: LoadedConfig | null = null;
  let fatal: ErrorPayload | undefined;
  let fatalConfig: LoadedConfig['config'] | undefined;
  if (options.noCore) {
    const only = loadOnly({ configFile: options.configFile, flags: options.flags });
    if (only.ok) loaded = only.loaded;
    else fatal = only.fatal;
  } else {
    const booted = boot({ configFile: options.configFile, flags: options.flags, startSync: options.startSync, systemProxy: options.systemProxy });
    if (booted.ok) {
      const c = booted.core;
      core = c;
      loaded = booted.loaded;
      c.onEvent((name, payload) => post({ type: 'event', name, payload }));
    } else {
      fatal = booted.fatal;
      fatalConfig = booted.loaded?.config;
    }
  }
  post({ type: 'ready', info: loaded ? { ok: true, config: loaded.config, warnings: core?.warnings ?? [] } : { ok: false, fatal: fatal!, config: fatalConfig } });
  const taskHost = (): TaskHost | null => (loaded ? { loaded, core, version: appVersion(), systemProxy: options.systemProxy } : null);

  const close = async () => {
    if (closing) return;
    closing = true;
    if (core) {
      core.close();
      await core.log.flush();
    }
    post({ type: 'closed' });
    port.close();
    onClosed();
  };

  port.onMessage((raw) => {
    const m = raw as ToCore;
    if (m.type === 'close') return void close();
    const host = taskHost();
    if (m.type === 'task' && host) {
      const name = m.name;
      void settle(() => {
        if (!isTaskName(name)) throw new Error(`unknown task ${String(name)}`);
        return runTask(host, name, m.args);
      }).then((response) => {
        if (!response.ok) core?.log.error('host task failed', { task: name, err: response.error.message.en });
        post({ type: 'result', id: m.id, response });
      });
      return;
    }
    if (!core) {
      if (m.type === 'invoke' || m.type === 'task') post({ type: 'result', id: m.id, response: { ok: false, error: fatal ?? { code: 'internal', message: { vi: 'Ứng dụng chưa sẵn sàng.', en: 'The app is not ready.' } } } });
      return;
    }
    const c = core;
    if (m.type === 'log') return c.log[m.level](m.msg, m.fields);
    if (m.type === 'subscribe') {
      // The core decides per event who hears it (officer events only while the session lives).
      subscriptions.set(m.id, c.subscribe((name, payload) => post({ type: 'event', name, payload, sub: m.id }), { session: m.session }));
      return;
    }
    if (m.type === 'unsubscribe') {
      subscriptions.get(m.id)?.();
      subscriptions.delete(m.id);
      return;
    }
    if (m.type === 'invoke') {
      const started = performance.now();
      void c.invoke(m.method, m.input, m.caller, m.bytes).then((response) => {
        const ms = performance.now() - started;
        // Slow calls are what freeze a desk; their method and time say where to look.
        if (ms > slowMs) c.log.warn('slow call', { method: m.method, ms: Math.round(ms), transport: m.caller?.transport });
        post({ type: 'result', id: m.id, response });
      });
      return;
    }
  });
}
