import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors.js';
import { restrict } from '../modes.js';

const DATA_URL = /^data:(image\/jpeg|image\/png|application\/pdf);base64,([A-Za-z0-9+/=]+)$/;
const MAX_BYTES = 8_000_000;

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
  const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
  const ext = m[1] === 'application/pdf' ? 'pdf' : m[1] === 'image/png' ? 'png' : 'jpg';
  const dir = path.join(dataDir, 'attachments');
  // Papers of residents: readable by the app's user only.
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  restrict(dir, 0o700);
  const file = path.join(dir, `${sha256}.${ext}`);
  if (!fs.existsSync(file)) {
    const tmp = `${file}.tmp`;
    fs.writeFileSync(tmp, bytes, { mode: 0o600 });
    restrict(tmp, 0o600);
    fs.renameSync(tmp, file);
  }
  return { sha256, mime: m[1]!, bytes: bytes.length, file: path.basename(file) };
}
