/**
 * The renderer's one way to print. In the Electron app the shell prints silently to the printer
 * configured for the kind of paper (electron/shell/print.ts); on the web host the core answers
 * `via: 'browser'` and the browser prints — the page on screen with its print dialog, a route
 * (a queue ticket from the desk) in a new tab that prints itself (`?print=1`).
 */
import { useI18n } from 'vue-i18n';
import { api } from './api';
import { pick } from './i18n';
import { asPayload } from './stores/catalog';
import { useToastStore } from './stores/toasts';

export type PrintKind = 'receipt' | 'ticket' | 'document';

/** Printing for a view: failures (no paper, printer offline) become an error toast, never a lost screen. */
export function usePrint() {
  const toasts = useToastStore();
  const { locale } = useI18n();
  const report = (err: unknown) => void toasts.push('error', pick(asPayload(err).message, locale.value));
  return {
    /** Prints the page on screen (a receipt, a desk form, the register); whether it went to the printer. */
    async printPage(kind: PrintKind): Promise<boolean> {
      try {
        const how = await api.invoke('print.document', { kind });
        if (how.via === 'browser') window.print();
        return true;
      } catch (err) {
        report(err);
        return false;
      }
    },
    /** Prints a print route without leaving the current screen (the desk's queue ticket). */
    async printRoute(path: string, kind: PrintKind): Promise<void> {
      try {
        const how = await api.invoke('print.document', { kind, path });
        if (how.via === 'browser') window.open(`${path}${path.includes('?') ? '&' : '?'}print=1`, '_blank', 'noopener');
      } catch (err) {
        report(err);
      }
    },
  };
}
