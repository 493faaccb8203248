/**
 * Text as it enters the product, made one form once, at the boundary: every contract call's input
 * (core/index.ts, before the schema), scanner and QR input (cccd.ts, useScanner), the portal's feeds
 * (sync/portal-client.ts) and the catalog import (catalog/importer.ts). Handlers never normalize.
 *
 * - Unicode NFC: a Mac, an iPhone or a scanner may send "Nữ" decomposed (u + horn + tilde); stored
 *   and compared, it must be the one composed letter.
 * - Control characters removed: scanners wrap codes in STX/ETX, separate fields with GS/RS, put an
 *   AIM symbology prefix ("]Q1") in front; none of it is text.
 * - Spaces: non-breaking, narrow, ideographic and other Unicode spaces become a plain space,
 *   zero-width characters and the BOM vanish, runs of spaces become one, ends are trimmed. Line
 *   breaks survive in multi-line text (notes, announcements), with trailing spaces removed.
 * - Secrets (passwords, PINs) get NFC only, so the same password typed on a Mac and on Windows is
 *   the same password (NIST SP 800-63B 5.1.1.2), but a space in it stays a space.
 */

// C0 and C1 controls except tab and line breaks, which are whitespace handled below.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
const ODD_SPACES = /[\t\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;
const LINE_BREAKS = /\r\n?|[\u2028\u2029\u0085]/g;

/** One line of text: NFC, no controls, one space between words, trimmed. */
export function normalizeLine(text: string): string {
  return text
    .normalize('NFC')
    .replace(LINE_BREAKS, ' ')
    .replace(/\n/g, ' ')
    .replace(CONTROLS, '')
    .replace(ZERO_WIDTH, '')
    .replace(ODD_SPACES, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/** Multi-line text: as `normalizeLine` for each line, keeping the line breaks (at most one blank line). */
export function normalizeText(text: string): string {
  const lines = text.normalize('NFC').replace(LINE_BREAKS, '\n').split('\n').map(normalizeLine);
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

/**
 * Long structured text (the catalog's glued tables, law articles): NFC, controls and zero-width
 * characters dropped, odd spaces made plain — but its layout (line breaks, runs of spaces the
 * parsers read) kept.
 */
export function cleanText(text: string): string {
  return text.normalize('NFC').replace(LINE_BREAKS, '\n').replace(CONTROLS, '').replace(ZERO_WIDTH, '').replace(ODD_SPACES, (c) => (c === '\t' ? c : ' '));
}

/** A secret as typed: NFC only. */
export const normalizeSecret = (text: string): string => text.normalize('NFC');

/** Which keys of a value hold secrets, multi-line prose, or opaque data (base64): the rest is one line. */
export interface TextKeys {
  secret?: readonly string[];
  multiline?: readonly string[];
  opaque?: readonly string[];
}

/**
 * Every string in a value (an input object, a feed page), normalized by what its key says it is.
 * Returns a new value; the input is not changed.
 */
export function normalizeDeep<T>(value: T, keys: TextKeys = {}, key = ''): T {
  if (typeof value === 'string') {
    if (keys.secret?.includes(key)) return normalizeSecret(value) as T;
    if (keys.opaque?.includes(key)) return value;
    return (keys.multiline?.includes(key) ? normalizeText(value) : normalizeLine(value)) as T;
  }
  if (Array.isArray(value)) return value.map((v) => normalizeDeep(v, keys, key)) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = normalizeDeep(v, keys, k);
    return out as T;
  }
  return value;
}

/**
 * What a scanner typed, as text: the AIM symbology identifier ("]Q1" QR, "]d2" DataMatrix, …)
 * removed from the front, NFC, control characters (STX, ETX, GS, RS, EOT, CR/LF) dropped. The
 * field separators of the payload itself ("|" on a CCCD) are kept.
 */
export function normalizeScan(text: string): string {
  return text
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- a scanner's framing characters are what is removed
    .replace(/^[\u0000-\u001F]*\][A-Za-z][0-9A-Za-z]/, '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001F\u007F-\u009F]/g, '')
    .replace(ZERO_WIDTH, '')
    .trim();
}
