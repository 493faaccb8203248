import { nextTick, onMounted, onUnmounted, ref, type MaybeRefOrGetter } from 'vue';
import { useRoute } from 'vue-router';
import type { ErrorPayload } from '../../../electron/contract';
import type { PrintKind } from '../print';
import { asPayload } from '../stores/catalog';
import { useKioskPrint } from '../stores/print';
import { usePaperSize } from './usePaperSize';

/**
 * How long a slip opened with `?print=1` shows before it prints itself: its QR code (a data URL) is
 * decoded and painted by then. Kept as it was in each page before they shared this composable.
 */
const PRINT_AFTER_MS = 300;

export interface PrintPageOptions {
  /** The paper: an 80 mm roll cut to the content's length, A5 or A4 (see usePaperSize). */
  size: MaybeRefOrGetter<'80mm' | 'a5' | 'a4'>;
  /** Which printer takes it (the shell's printer for this kind of paper). */
  kind: PrintKind;
  /**
   * Loads what the page shows and returns its title (the print job's and the PDF's name), or null
   * when there is nothing to print. A rejection becomes `error`, shown by the page; nothing prints.
   */
  load: () => Promise<string | null>;
}

/**
 * What every printed slip does once: load its data, name the page, fit the paper to the sheet once
 * rendered, print by itself when opened with `?print=1` (a kiosk's slips) once the sheet is
 * painted, and drop its `@page` rule when the page goes. Bind `sheet` to the element that holds the
 * printed content; `print` is the page's own print button.
 */
export function usePrintPage(options: PrintPageOptions) {
  const route = useRoute();
  const sheet = ref<HTMLElement | null>(null);
  const error = ref<ErrorPayload | null>(null);
  const paper = usePaperSize(sheet, options.size);
  const print = useKioskPrint(options.kind);

  onMounted(async () => {
    let title: string | null;
    try {
      title = await options.load();
    } catch (err) {
      error.value = asPayload(err);
      return;
    }
    if (title === null) return;
    document.title = title;
    await nextTick();
    paper.fit();
    if (route.query.print === '1') setTimeout(() => void print(), PRINT_AFTER_MS);
  });
  onUnmounted(() => paper.release());

  return { sheet, error, print };
}
