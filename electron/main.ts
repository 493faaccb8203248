/**
 * The Electron shell: lifecycle, windows per mode, security policy, IPC, crash recovery, printing.
 * All behaviour lives in the core, which runs in a utility process (./shell/core-process.ts): this
 * main process never touches SQLite, so windows, IPC and the hang watchdog never wait on it.
 * All policy decisions are in ./security.ts.
 */
import { app, BrowserWindow, ipcMain, Menu, MessageChannelMain, protocol, session, utilityProcess, type WebContents } from 'electron';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Mode } from './contract.js';
import { loadConfig } from './core/config/load.js';
import type { ErrorPayload } from './core/errors.js';
import type { CoreHost } from './host/protocol.js';
import { bundledConfigFile, preloadFile, rendererDir } from './paths.js';
import {
  APP_ORIGIN,
  APP_SCHEME,
  SECURITY_HEADERS,
  allowNavigation,
  allowPermission,
  blockInput,
  isLoopbackHost,
  recentCrashCount,
  reloadDelay,
  shouldReload,
  windowOpenAction,
  windowOptions,
} from './security.js';
import { startCoreProcess } from './shell/core-process.js';
import { adminCommand, runAdminCommand } from './shell/commands.js';
import { fromPacAnswer } from './core/net.js';
import { registerIpc, WindowEvents } from './shell/ipc.js';
import { createPrinter, type PrintKind } from './shell/print.js';
import { startUpdater, updateOnce } from './shell/updater.js';
import { installKind, updateRoute } from './shell/install-kind.js';
import { startWatchdog } from './shell/watchdog.js';
import { shouldRelaunch } from './core/watchdog/policy.js';
import { readWindowState, writeWindowState } from './shell/window-state.js';
import { fatalPage } from './web/fatal.js';
import { startWebHost } from './web/server.js';
import { resolveStatic } from './web/static.js';

const argv = process.argv.slice(app.isPackaged ? 1 : 2);
const { values: args } = parseArgs({
  args: argv,
  options: { config: { type: 'string' }, 'data-dir': { type: 'string' }, demo: { type: 'boolean' } },
  strict: false,
});
const coreEntryFile = fileURLToPath(new URL('./host/worker.js', import.meta.url));
// `motcua.exe doctor`, `sudo motcua provision --apply …`: an admin command, answered headless — no
// window, no single-instance lock (the app may be running), the same core host in a utility process.
const command = adminCommand(argv);

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } }]);

function hostOptionsOf(a: typeof args) {
  return {
    configFile: typeof a.config === 'string' ? a.config : undefined,
    flags: typeof a['data-dir'] === 'string' ? { dataDir: a['data-dir'] } : undefined,
  };
}

if (command) {
  app.dock?.hide();
  app
    .whenReady()
    .then(() =>
      runAdminCommand(command, {
        startHost: (options) => startCoreProcess({ utilityProcess, MessageChannelMain }, coreEntryFile, options),
        out: (t) => void process.stdout.write(t),
        err: (t) => void process.stderr.write(t),
        // The SYSTEM scheduled task of a per-machine install: one update run, headless.
        update: async () => {
          const core = await startCoreProcess({ utilityProcess, MessageChannelMain }, coreEntryFile, hostOptionsOf(args));
          try {
            const r = await updateOnce(core, { currentVersion: app.getVersion() });
            process.stdout.write(`${JSON.stringify(r)}\n`);
            return 0;
          } finally {
            await core.close();
          }
        },
      }),
    )
    .then((code) => app.exit(code))
    .catch((err: unknown) => {
      console.error(err);
      app.exit(1);
    });
} else if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.setName('MotCua');
  const isProduction = app.isPackaged;
  const hostOptions = {
    configFile: typeof args.config === 'string' ? args.config : undefined,
    flags: typeof args['data-dir'] === 'string' ? { dataDir: args['data-dir'] } : undefined,
    startSync: true,
  };
  // The data folder is Electron's userData; reading the config files here is cheap and SQLite-free.
  // An invalid config is reported by the core host, which shows it in the window.
  try {
    app.setPath('userData', loadConfig({ bundledFile: bundledConfigFile, ...hostOptions }).config.dataDir);
  } catch {
    // shown by the fatal page
  }
  const coreEntry = coreEntryFile;
  let host: CoreHost | null = null;
  const windows = new Set<BrowserWindow>();
  /** What each window hears: the public events, an officer's while their session lives (a kiosk has none). */
  let windowEvents: WindowEvents | null = null;
  // The last touch or key on any window: updates and restarts wait while someone uses the device.
  let lastInputAt: Date | null = null;
  const stops: (() => void)[] = [];

  app.on('second-instance', () => {
    const [first] = windows;
    if (first) {
      if (first.isMinimized()) first.restore();
      first.focus();
    }
  });

  app
    .whenReady()
    .then(async () => {
      // The system's proxy (Windows' settings, a PAC file) for the portal, unless the config or the
      // environment names one: the core's requests go where the machine's browser would send them.
      const portalUrl = (() => {
        try {
          return loadConfig({ bundledFile: bundledConfigFile, ...hostOptions }).config.portal.url;
        } catch {
          return '';
        }
      })();
      const systemProxy = portalUrl ? fromPacAnswer(await session.defaultSession.resolveProxy(portalUrl)) : null;
      host = await startCoreProcess({ utilityProcess, MessageChannelMain }, coreEntry, { ...hostOptions, systemProxy });
      const { ready } = host;
      return start(ready.ok ? host : null, ready.ok ? undefined : ready.fatal);
    })
    .catch((err: unknown) => {
      console.error(err);
      app.exit(1);
    });

  function serveApp(fatal: ErrorPayload | undefined) {
    protocol.handle(APP_SCHEME, async (request) => {
      const url = new URL(request.url);
      const headers = { ...SECURITY_HEADERS };
      if (fatal) return new Response(fatalPage.html(fatal), { status: 503, headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8' } });
      const file = resolveStatic(rendererDir, url.pathname);
      if (!file) return new Response('Not found', { status: 404, headers });
      return new Response(await fs.promises.readFile(file.file), { headers: { ...headers, 'Content-Type': file.type } });
    });
  }

  function createWindow(mode: Mode, core: CoreHost | null) {
    const saved = mode === 'staff' && core?.ready.ok ? readWindowState(core.ready.config.dataDir) : null;
    const win = new BrowserWindow(windowOptions(mode, { preload: preloadFile, isProduction, saved }));
    windows.add(win);
    const wc = win.webContents;
    wc.on('will-navigate', (event, url) => {
      if (!allowNavigation(url)) event.preventDefault();
    });
    wc.setWindowOpenHandler(({ url }) => windowOpenAction(url));
    wc.on('before-input-event', (event, input) => {
      if (blockInput(mode, isProduction, input)) event.preventDefault();
    });
    // Every touch, click and key (before-input-event sees only keys).
    wc.on('input-event', () => {
      lastInputAt = new Date();
    });
    if (mode === 'kiosk') void wc.setVisualZoomLevelLimits(1, 1);

    // A crashed or hung renderer comes back by itself, with backoff, and the reason is logged;
    // when reloading keeps failing, the whole app restarts.
    const crashes: number[] = [];
    const recover = (reason: string) => {
      const now = Date.now();
      crashes.push(now);
      if (shouldRelaunch(recentCrashCount(crashes, now))) {
        core?.log.error('renderer keeps crashing; restarting the app', { mode, reason });
        app.relaunch();
        app.exit(0);
        return;
      }
      const delay = reloadDelay(recentCrashCount(crashes, now));
      core?.log.error('renderer gone; reloading', { mode, reason, delayMs: delay });
      setTimeout(() => {
        if (!win.isDestroyed()) wc.reload();
      }, delay);
    };
    wc.on('render-process-gone', (_e, details) => {
      if (shouldReload(details.reason)) recover(details.reason);
    });
    let hangTimer: NodeJS.Timeout | undefined;
    win.on('unresponsive', () => {
      hangTimer = setTimeout(() => {
        wc.forcefullyCrashRenderer();
        recover('unresponsive');
      }, 10_000);
    });
    win.on('responsive', () => clearTimeout(hangTimer));

    win.on('close', () => {
      if (mode === 'staff' && core?.ready.ok) writeWindowState(core.ready.config.dataDir, win.getBounds());
    });
    // Public events from the start; an officer's once one signs in in this window.
    windowEvents?.watch(wc, null);
    win.on('closed', () => {
      windows.delete(win);
      windowEvents?.forget(wc);
    });
    win.once('ready-to-show', () => win.show());
    void win.loadURL(`${APP_ORIGIN}/${mode}`);
  }

  /** A hidden window of the app that prints one route (a queue ticket from the desk) and is closed. */
  function printWindow() {
    const win = new BrowserWindow({ ...windowOptions('staff', { preload: preloadFile, isProduction }), show: false });
    win.webContents.setWindowOpenHandler(({ url }) => windowOpenAction(url));
    return win;
  }

  async function start(core: CoreHost | null, fatal: ErrorPayload | undefined) {
    if (isProduction) Menu.setApplicationMenu(null);
    serveApp(fatal);
    const config = core?.ready.ok ? core.ready.config : null;
    const mode: Mode = config?.mode ?? 'staff';
    session.defaultSession.setPermissionRequestHandler((_wc, permission, callback, details) => {
      const mediaTypes = 'mediaTypes' in details ? (details.mediaTypes as string[] | undefined) : undefined;
      callback(allowPermission(mode, { permission, origin: details.requestingUrl ?? '', mediaTypes }));
    });
    session.defaultSession.setPermissionCheckHandler((_wc, permission, origin) => allowPermission(mode, { permission, origin, mediaTypes: ['video'] }));
    if (core && config) {
      windowEvents = new WindowEvents(core);
      const printer = createPrinter({ openWindow: printWindow, origin: APP_ORIGIN, printers: () => config.printers });
      registerIpc(
        ipcMain,
        core,
        { 'print.document': (input, event) => printer.print(event.sender as WebContents, input as { kind: PrintKind; path?: string }) },
        windowEvents,
      );
      // Each window hears what its viewer may (`eventAudience`), as a web page does: the public events,
      // and an officer's while the session signed in in that window lives (WindowEvents). The
      // unfiltered events are for the shell's own reactions only.
      for (const w of windows) if (!w.isDestroyed()) windowEvents.watch(w.webContents, null);
      core.onEvent((name) => {
        // The idle reset also clears what Chromium keeps for the session (cache, IndexedDB…).
        if (name === 'kiosk.sessionEnded') void session.defaultSession.clearStorageData();
        if (name === 'kiosk.exitRequested') app.quit();
      });
      stops.push(startWatchdog(core, { lastInputAt: () => lastInputAt }));
      // The queue desk also answers the office LAN — kiosks taking tickets, the waiting-room
      // /display — when its config names a LAN address in web.host; loopback serves only itself.
      if (mode === 'staff' && !isLoopbackHost(config.web.host)) {
        startWebHost({ core, rendererDir, host: config.web.host, port: config.web.port })
          .then((lan) => {
            stops.push(() => void lan.close());
            core.log.info('serving the office LAN', { url: lan.url });
          })
          .catch((err: unknown) => core.log.error('web host for the office LAN failed to start', { err: (err as Error).message }));
      }
      // Only an install its user may replace updates itself; a per-machine NSIS install is updated by
      // its SYSTEM scheduled task, an MSI by Group Policy / Intune, a deb by apt (install-kind.ts).
      const kind = installKind({ platform: process.platform, isPackaged: app.isPackaged, execPath: process.execPath, env: process.env, productName: 'Một Cửa', exists: fs.existsSync });
      core.log.info('install kind', { kind, updates: updateRoute(kind).by });
      if (updateRoute(kind).inApp) stops.push(startUpdater(core, { currentVersion: app.getVersion(), lastInputAt: () => lastInputAt }));
    }
    // From a clone (`npm start`), --demo shows both a kiosk and a desk on one machine.
    if (args.demo) {
      createWindow('kiosk', core);
      createWindow('staff', core);
    } else {
      createWindow(mode, core);
    }
  }

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    for (const stop of stops) stop();
    void host?.close();
  });
}
