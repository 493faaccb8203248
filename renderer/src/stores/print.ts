import { defineStore } from 'pinia';
import { ref } from 'vue';

/**
 * Printing a page the kiosk opened (a receipt, a ticket, a feedback slip): the page prints, the
 * layout then takes the kiosk home by itself, so no resident's slip stays on the screen.
 */
export const usePrintStore = defineStore('print', () => {
  /** Set once the print job was handed over (window.print returned, or afterprint fired). */
  const printed = ref(false);
  function print() {
    window.print();
    printed.value = true;
  }
  return { printed, print };
});
