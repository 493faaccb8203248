/** What kind of file a scan is, read from its first bytes. Pure: the desk checks a file before sending it, the core again before storing it. */

/**
 * The first bytes each accepted kind of file starts with: a file is what its content says, not what
 * its name or the browser claims (2 KB of random bytes named .png is not a scan).
 */
const SIGNATURES: Record<string, number[][]> = {
  'image/jpeg': [[0xff, 0xd8, 0xff]],
  'image/png': [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  'application/pdf': [[0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
};

/** The kind of file `bytes` is, by its content; null when it is none we accept. */
export function sniffMime(bytes: Uint8Array): string | null {
  for (const [mime, sigs] of Object.entries(SIGNATURES)) if (sigs.some((sig) => sig.every((b, i) => bytes[i] === b))) return mime;
  return null;
}
