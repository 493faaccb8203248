import { defineStore } from 'pinia';
import { onUnmounted, ref, shallowRef } from 'vue';
import { usePrint, type PrintKind } from '../print';

/**
 * Printing a page the kiosk opened (a receipt, a ticket, a feedback slip): the page prints, the
 * layout then takes the kiosk home by itself, so no resident's slip stays on the screen.
 */
export const usePrintStore = defineStore('print', () => {
  /** Set once the print job was handed over (to the printer, or the browser's print returned). */
  const printed = ref(false);
  /** Prints the page on screen again ("In lại", for a slip that did not come out). */
  const again = shallowRef<(() => Promise<void>) | null>(null);
  return { printed, again };
});

/** Prints the page through the app's one printing path, then lets the kiosk go home by itself. */
export function useKioskPrint(kind: PrintKind) {
  const { printPage } = usePrint();
  const store = usePrintStore();
  const print = async () => {
    if (await printPage(kind)) store.printed = true;
  };
  store.again = print;
  onUnmounted(() => {
    if (store.again === print) store.again = null;
  });
  return print;
}
