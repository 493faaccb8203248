import { useEventListener } from '@vueuse/core';
import { useRouter } from 'vue-router';
import { readTrackingCode } from '../../../electron/core/dossiers/code';
import { parseCccdQr } from '../../../electron/core/text/cccd';
import { normalizeScan } from '../../../electron/core/text/normalize';
import { normalizeBookingCode } from '../../../electron/core/visits/code';
import { useScanStore } from '../stores/scan';

export interface ScannerOptions {
  /** A scanner types much faster than a person: keys closer than this belong to one scan. @default 35 */
  gapMs?: number;
  /** Shortest text taken as a scan. @default 8 */
  minLength?: number;
}

/**
 * A USB scanner that types like a keyboard: a burst of keys ending with Enter is a scan. A receipt
 * QR opens the dossier's status; a CCCD QR goes to the scan store for the open form to offer.
 * What the burst typed into a focused field is taken back out of it.
 */
/** Where any scanned text goes — a receipt code opens its status, a CCCD waits for the form. */
export function useScanResult(): (text: string) => void {
  const router = useRouter();
  const store = useScanStore();
  return (text: string) => {
    // Scanners frame what they read (STX/ETX, an AIM prefix, GS): the text boundary removes it.
    const trimmed = normalizeScan(text);
    // A receipt's or a feedback slip's QR: its status, read by the core's one reading of a code.
    const tracking = readTrackingCode(trimmed);
    if (tracking) {
      void router.push({ path: '/kiosk/track', query: { code: tracking.code } });
      return;
    }
    // A booking slip's QR: the resident has arrived.
    const booking = normalizeBookingCode(trimmed);
    if (booking) {
      void router.push({ path: '/kiosk/checkin', query: { code: booking } });
      return;
    }
    const cccd = parseCccdQr(trimmed);
    if (cccd.ok) {
      store.cccd = cccd.data;
      store.error = null;
    } else store.error = cccd.message;
  };
}

export function useScanner(options: ScannerOptions = {}) {
  const { gapMs = 35, minLength = 8 } = options;
  const handle = useScanResult();
  let buffer = '';
  let last = 0;
  let field: HTMLInputElement | HTMLTextAreaElement | null = null;
  let valueBefore = '';

  useEventListener(
    window,
    'keydown',
    (e: KeyboardEvent) => {
      const now = performance.now();
      const fast = now - last < gapMs;
      last = now;
      if (e.key === 'Enter') {
        const text = buffer;
        buffer = '';
        if (!fast || text.length < minLength) return;
        e.preventDefault();
        if (field) {
          field.value = valueBefore;
          field.dispatchEvent(new Event('input', { bubbles: true }));
        }
        handle(text);
        return;
      }
      if (e.key.length !== 1) return;
      if (!fast) {
        // A new burst may start here: remember the field as it was.
        buffer = '';
        const target = document.activeElement;
        field = target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement ? target : null;
        valueBefore = field?.value ?? '';
      }
      buffer += e.key;
    },
    { capture: true },
  );
}
