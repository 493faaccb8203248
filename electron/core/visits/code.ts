/** Booking codes as residents carry them: pure, shared by the core and the kiosk's scanner. */

/** A code as typed or scanned ("lh 7k3q9p", "LH7K3Q9P"): the stored form, or null when it is not one. */
export function normalizeBookingCode(text: string): string | null {
  const m = /^LH[-\s.]?([2-9A-HJ-NP-Z]{6})$/.exec(text.trim().toUpperCase().replace(/\s+/g, ''));
  return m ? `LH-${m[1]}` : null;
}

