import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { storeAttachment } from '../../electron/core/dossiers/attachments.js';
import { tempDir } from '../helpers/core.js';

describe('attachments', () => {
  it('stores a scan once, named by its SHA-256, and refuses what is not an image or PDF', () => {
    const dir = tempDir();
    const bytes = Buffer.from('%PDF-1.4 a scanned page');
    const url = `data:application/pdf;base64,${bytes.toString('base64')}`;
    const a = storeAttachment(dir, url);
    expect(a).toEqual({ sha256: crypto.createHash('sha256').update(bytes).digest('hex'), mime: 'application/pdf', bytes: bytes.length, file: `${a.sha256}.pdf` });
    expect(fs.readFileSync(path.join(dir, 'attachments', a.file))).toEqual(bytes);
    expect(storeAttachment(dir, url)).toEqual(a);
    expect(fs.readdirSync(path.join(dir, 'attachments'))).toHaveLength(1);
    expect(() => storeAttachment(dir, 'data:text/html;base64,PGI+')).toThrow(/JPEG, PNG or PDF/);
  });
});
