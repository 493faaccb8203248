/** Small helpers for the portal's text. */

const EMPTY = new Set(['', 'không có thông tin', 'không', 'không có', 'không quy định', 'đang cập nhật']);

/** The portal writes "Không có thông tin" for empty; this returns null for those. */
export function clean(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const t = text.replace(/\s+/g, ' ').trim();
  return EMPTY.has(t.toLowerCase().replace(/[.:]$/, '')) ? null : t;
}

/** Like clean(), but keeps line breaks (for multi-paragraph text). */
export function cleanBlock(text: string | null | undefined): string | null {
  if (!clean(text)) return null;
  return text!
    .split('\n')
    .map((l) => l.replace(/[ \t\u00a0]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

/** Parses "1,200,000", "1.200.000" or "8000" as an integer number of đồng. */
export function parseAmount(text: string): number | null {
  const digits = text.replace(/[.,\s]/g, '');
  if (!/^\d+$/.test(digits)) return null;
  return Number(digits);
}
