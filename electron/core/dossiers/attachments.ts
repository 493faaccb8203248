import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors.js';

const DATA_URL = /^data:(image\/jpeg|image\/png|application\/pdf);base64,([A-Za-z0-9+/=]+)$/;
const MAX_BYTES = 8_000_000;

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

export interface StoredAttachment {
  sha256: string;
  mime: string;
  bytes: number;
  file: string;
}

/**
 * Keeps a scanned or photographed document in the data dir, named by its SHA-256, so the same page
 * is stored once and any change to it shows.
 */
export function storeAttachment(dataDir: string, dataUrl: string): StoredAttachment {
  const m = DATA_URL.exec(dataUrl);
  if (!m) throw new AppError('validation', { vi: 'Tệp đính kèm phải là ảnh JPEG, PNG hoặc PDF.', en: 'An attachment must be a JPEG, PNG or PDF.' }, { field: 'documents' });
  const bytes = Buffer.from(m[2]!, 'base64');
  if (bytes.length > MAX_BYTES) throw new AppError('validation', { vi: 'Tệp đính kèm quá lớn (tối đa 8 MB).', en: 'The attachment is too large (8 MB at most).' }, { field: 'documents' });
  if (sniffMime(bytes) !== m[1]) {
    throw new AppError('validation', { vi: 'Tệp đính kèm không phải ảnh JPEG, PNG hoặc PDF thật (nội dung tệp không khớp).', en: 'The attachment is not a real JPEG, PNG or PDF (its content does not match).' }, { field: 'documents' });
  }
  const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
  const ext = m[1] === 'application/pdf' ? 'pdf' : m[1] === 'image/png' ? 'png' : 'jpg';
  const dir = path.join(dataDir, 'attachments');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${sha256}.${ext}`);
  if (!fs.existsSync(file)) {
    const tmp = `${file}.tmp`;
    fs.writeFileSync(tmp, bytes);
    fs.renameSync(tmp, file);
  }
  return { sha256, mime: m[1]!, bytes: bytes.length, file: path.basename(file) };
}
