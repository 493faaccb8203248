/**
 * Printing in the Electron app: silently, to the printer the config names for the kind of paper
 * (`printers.receipt` for kiosk receipts, `printers.ticket` for queue tickets, `printers.document`
 * for the desk's A5/A4 forms; empty = the system's default printer). A page prints itself
 * (`print.document` without a path); a route printed from elsewhere — the desk's queue ticket — is
 * loaded in a hidden window, which prints itself once its data is on screen and is then closed.
 * The web host has no printer of its own: there the browser prints (renderer/src/print.ts).
 * Written against the few Electron calls it uses, so it is tested with stand-ins.
 */
import type { Config } from '../core/config/schema.js';
import { AppError } from '../core/errors.js';

export type PrintKind = 'receipt' | 'ticket' | 'document';

export type PrintResult = { via: 'silent'; printer: string } | { via: 'browser' };

/** What we use of a webContents: `print` with Electron's callback. */
export interface PrintableContents {
  id: number;
  print(options: PrintOptions, callback: (success: boolean, failureReason: string) => void): void;
}

export interface PrintOptions {
  silent: true;
  printBackground: true;
  /** The OS's printer name; absent = the default printer. */
  deviceName?: string;
  margins: { marginType: 'none' | 'default' };
}

/** The hidden window a route is printed from. */
export interface PrintWindow {
  webContents: PrintableContents;
  loadURL(url: string): Promise<void>;
  destroy(): void;
  isDestroyed(): boolean;
}

/** Options for webContents.print: no dialog, the configured printer, the page's own margins on forms. */
export function printOptions(kind: PrintKind, printers: Config['printers']): PrintOptions {
  const deviceName = printers[kind].trim();
  return { silent: true, printBackground: true, ...(deviceName ? { deviceName } : {}), margins: { marginType: kind === 'document' ? 'default' : 'none' } };
}

/** A print error in both languages, for the toast the renderer shows. */
export class PrintError extends AppError {
  constructor(readonly printer: string, readonly reason: string) {
    super('internal', { vi: `Không in được trên máy in “${printer}” (${reason}). Kiểm tra giấy và kết nối máy in.`, en: `Printing on “${printer}” failed (${reason}). Check the paper and the printer's connection.` });
  }
}

/** Prints a page silently; resolves with the printer used, rejects with a PrintError. */
export function printContents(contents: PrintableContents, kind: PrintKind, printers: Config['printers']): Promise<PrintResult> {
  const options = printOptions(kind, printers);
  const printer = options.deviceName ?? 'mặc định / default';
  return new Promise((resolve, reject) => {
    contents.print(options, (success, failureReason) => (success ? resolve({ via: 'silent', printer }) : reject(new PrintError(printer, failureReason || 'unknown'))));
  });
}

/**
 * The shell's printing: pages that print themselves, and routes printed through a hidden window.
 * `openWindow` makes a hidden, sandboxed window of the app (main.ts); `origin` is app://motcua.
 */
export function createPrinter(deps: { openWindow: () => PrintWindow; origin: string; printers: () => Config['printers']; timeoutMs?: number }) {
  /** Hidden windows waiting to print, by webContents id. */
  const waiting = new Map<number, { window: PrintWindow; kind: PrintKind; done: (r: PrintResult | Error) => void }>();

  return {
    /**
     * `print.document` from a page: with `path`, that route is printed in a hidden window and the
     * call resolves once it printed; without, the calling page prints itself.
     */
    async print(sender: PrintableContents, input: { kind: PrintKind; path?: string }): Promise<PrintResult> {
      const hidden = waiting.get(sender.id);
      if (!input.path) {
        if (!hidden) return printContents(sender, input.kind, deps.printers());
        waiting.delete(sender.id);
        try {
          const r = await printContents(sender, hidden.kind, deps.printers());
          hidden.done(r);
          return r;
        } catch (err) {
          hidden.done(err as Error);
          throw err;
        } finally {
          if (!hidden.window.isDestroyed()) hidden.window.destroy();
        }
      }
      const window = deps.openWindow();
      const id = window.webContents.id;
      return new Promise<PrintResult>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(id);
          if (!window.isDestroyed()) window.destroy();
          reject(new PrintError(deps.printers()[input.kind] || 'mặc định / default', 'the page did not get ready to print'));
        }, deps.timeoutMs ?? 30_000);
        waiting.set(id, {
          window,
          kind: input.kind,
          done: (r) => {
            clearTimeout(timer);
            if (r instanceof Error) reject(r);
            else resolve(r);
          },
        });
        const sep = input.path!.includes('?') ? '&' : '?';
        window.loadURL(`${deps.origin}${input.path}${sep}print=1`).catch((err: Error) => {
          waiting.delete(id);
          clearTimeout(timer);
          if (!window.isDestroyed()) window.destroy();
          reject(new PrintError(deps.printers()[input.kind] || 'mặc định / default', err.message));
        });
      });
    },
  };
}
