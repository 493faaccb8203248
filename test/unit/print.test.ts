/**
 * The shell's printing, driven through stand-ins for a webContents and a hidden BrowserWindow
 * (the Electron binary and a printer are the boundaries we cannot reach here).
 */
import { describe, expect, it } from 'vitest';
import { createPrinter, printContents, printOptions, type PrintOptions, type PrintWindow } from '../../electron/shell/print.js';
import { registerIpc } from '../../electron/shell/ipc.js';
import { makeCore } from '../helpers/core.js';
import { ipcStandIn } from '../helpers/ipc-standin.js';

const printers = { receipt: 'XP-80C', ticket: 'Xprinter Queue', document: '' };

/** A webContents stand-in: records what it was asked to print, and answers as the printer would. */
function contents(id: number, answer: { success: boolean; reason?: string } = { success: true }) {
  const printed: PrintOptions[] = [];
  return {
    id,
    printed,
    print(options: PrintOptions, callback: (success: boolean, reason: string) => void) {
      printed.push(options);
      setTimeout(() => callback(answer.success, answer.reason ?? ''), 1);
    },
  };
}

/** A hidden window stand-in: records the URL it loads. */
function hiddenWindow(id: number) {
  const wc = contents(id);
  const w = { webContents: wc, loaded: [] as string[], destroyed: false, loadURL: async (url: string) => void w.loaded.push(url), destroy: () => void (w.destroyed = true), isDestroyed: () => w.destroyed };
  return w satisfies PrintWindow;
}

describe('silent printing in the Electron shell', () => {
  it('prints each kind of paper on its configured printer, without a dialog; an empty name is the default printer', () => {
    expect(printOptions('receipt', printers)).toEqual({ silent: true, printBackground: true, deviceName: 'XP-80C', margins: { marginType: 'none' } });
    expect(printOptions('ticket', printers).deviceName).toBe('Xprinter Queue');
    expect(printOptions('document', printers)).toEqual({ silent: true, printBackground: true, margins: { marginType: 'default' } });
  });

  it('reports a printer failure in both languages, naming the printer', async () => {
    const wc = contents(1, { success: false, reason: 'Out of paper' });
    await expect(printContents(wc, 'receipt', printers)).rejects.toMatchObject({
      code: 'internal',
      messages: { vi: expect.stringContaining('XP-80C') as unknown as string, en: 'Printing on “XP-80C” failed (Out of paper). Check the paper and the printer\'s connection.' },
    });
  });

  it('prints a route from the desk in a hidden window once the page asks, on the ticket printer, then closes it', async () => {
    const windows: ReturnType<typeof hiddenWindow>[] = [];
    const printer = createPrinter({ openWindow: () => (windows.push(hiddenWindow(100 + windows.length)), windows.at(-1)!), origin: 'app://motcua', printers: () => printers });
    const desk = contents(7);
    const done = printer.print(desk, { kind: 'ticket', path: '/print/ticket/42' });
    await expect.poll(() => windows[0]?.loaded).toEqual(['app://motcua/print/ticket/42?print=1']);
    // The ticket page loaded its data and asks to be printed.
    await expect(printer.print(windows[0]!.webContents, { kind: 'ticket' })).resolves.toEqual({ via: 'silent', printer: 'Xprinter Queue' });
    await expect(done).resolves.toEqual({ via: 'silent', printer: 'Xprinter Queue' });
    expect(windows[0]!.webContents.printed).toHaveLength(1);
    expect(windows[0]!.destroyed).toBe(true);
    expect(desk.printed).toEqual([]);
  });

  it('gives up on a hidden window that never gets ready, and closes it', async () => {
    const w = hiddenWindow(200);
    const printer = createPrinter({ openWindow: () => w, origin: 'app://motcua', printers: () => printers, timeoutMs: 50 });
    await expect(printer.print(contents(8), { kind: 'ticket', path: '/print/ticket/9' })).rejects.toMatchObject({ reason: 'the page did not get ready to print' });
    expect(w.destroyed).toBe(true);
  });

  it('answers print.document over IPC in the shell, with the contract’s validation; the core alone says the browser prints', async () => {
    const t = makeCore();
    const ipc = ipcStandIn();
    const printer = createPrinter({ openWindow: () => hiddenWindow(300), origin: 'app://motcua', printers: () => printers });
    registerIpc(ipc.ipc, t.core, { 'print.document': (input, event) => printer.print(event.sender as ReturnType<typeof contents>, input as { kind: 'receipt' }) });
    const kiosk = contents(9);
    expect(await ipc.invoke('print.document', { kind: 'receipt' }, 'app://motcua/print/receipt/X', kiosk)).toEqual({ ok: true, result: { via: 'silent', printer: 'XP-80C' } });
    expect(kiosk.printed).toHaveLength(1);
    expect(await ipc.invoke('print.document', { kind: 'receipt', path: 'https://evil.example/' }, 'app://motcua/kiosk', kiosk)).toMatchObject({ ok: false, error: { code: 'validation', field: 'path' } });
    expect(await t.core.call('print.document', { kind: 'receipt' })).toEqual({ via: 'browser' });
    t.core.close();
  });
});
