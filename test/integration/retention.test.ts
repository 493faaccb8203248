import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startReferencePortal, type ReferencePortal } from '../portal/server.js';
import { tempDir } from '../helpers/core.js';
import { birthData, makeDevice, smallCatalog, type Device } from '../helpers/sync.js';

const catalogDir = smallCatalog();

/** A tiny JPEG-typed photo of a paper (its bytes are all the test needs to find again). */
/** A JPEG by its first bytes (the core checks them), the rest a marker to look for on disk. */
const PHOTO = `data:image/jpeg;base64,${Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('ANH-GIAY-CHUNG-SINH-CUA-PHAM-THI-LOAN-001192076543')]).toString('base64')}`;

const RESIDENT = {
  fullName: 'Phạm Thị Loan',
  idNumber: '001192076543',
  phone: '0987654321',
  address: 'Số 9 ngõ 12 phố Kim Mã',
};

/** Every file SQLite keeps for the database: the file itself, its WAL and its shared memory. */
function databaseBytes(core: Device['core']): Buffer {
  return Buffer.concat(['', '-wal', '-shm'].map((s) => core.dbFile + s).filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));
}

describe('a kiosk keeps a resident’s personal data only until the portal has it plus the retention', () => {
  let portal: ReferencePortal;
  let kiosk: Device;

  beforeEach(async () => {
    portal = await startReferencePortal({ dataDir: tempDir(), catalogDir });
    kiosk = makeDevice(portal.url, portal.createEnrollment('00324', 'kiosk'), { mode: 'kiosk', kiosk: { retentionDays: 7 } }, undefined, catalogDir);
  });
  afterEach(async () => {
    kiosk.core.close();
    await portal.close();
  });

  it('file, deliver, 7 days pass: the database file, its WAL, the outbox and the attachments hold none of it; tracking still works', async () => {
    const filed = await kiosk.core.call('dossier.submit', {
      procedureCode: '1.001193',
      applicant: RESIDENT,
      data: birthData(),
      documents: [{ name: 'Giấy chứng sinh', image: PHOTO }],
    });
    const attachments = path.join(kiosk.core.config.dataDir, 'attachments');
    expect(fs.readdirSync(attachments)).toHaveLength(1);
    // Before delivery and during the retention, it is all there (the resident may come back for the receipt).
    expect(databaseBytes(kiosk.core).includes(Buffer.from(RESIDENT.idNumber))).toBe(true);

    expect((await kiosk.core.sync.runOnce()).errors).toEqual([]);
    const outbox = kiosk.core.db.prepare("SELECT payload FROM outbox WHERE kind = 'dossier.submit'").get() as { payload: string };
    // Delivered: the outbox keeps no payload.
    expect(outbox.payload).toBe('null');

    kiosk.clock.advance(6 * 86_400_000);
    await kiosk.core.sync.runOnce();
    expect((kiosk.core.db.prepare('SELECT applicant FROM dossiers WHERE code = ?').get(filed.code) as { applicant: string }).applicant).toContain(RESIDENT.fullName);

    kiosk.clock.advance(2 * 86_400_000);
    await kiosk.core.sync.runOnce();

    // What remains: the code, the procedure, the status and its dates — tracking still answers.
    const track = await kiosk.core.call('dossier.track', { code: filed.code });
    expect(track).toMatchObject({ code: filed.code, procedureCode: '1.001193', status: 'new', applicantMasked: '' });
    expect(kiosk.core.db.prepare('SELECT applicant, data, desk, purged_at FROM dossiers WHERE code = ?').get(filed.code)).toEqual({
      applicant: '{"fullName":""}',
      data: '{}',
      desk: null,
      purged_at: kiosk.clock.now().toISOString(),
    });
    expect(fs.readdirSync(attachments)).toEqual([]);

    // The raw bytes of the database file and its WAL: no name, no CCCD, no phone, no address, no photo.
    const bytes = databaseBytes(kiosk.core);
    for (const needle of [RESIDENT.fullName, RESIDENT.idNumber, RESIDENT.phone, RESIDENT.address, 'ANH-GIAY-CHUNG-SINH']) {
      expect({ needle, found: bytes.includes(Buffer.from(needle, 'utf8')) }).toEqual({ needle, found: false });
    }
    // The log never had them either.
    const log = fs.readFileSync(kiosk.core.log.file!, 'utf8');
    expect(log).not.toContain(RESIDENT.idNumber);
    expect(log).not.toContain(RESIDENT.fullName);
  });

  it('feedback keeps its text and contact only as long, counted from its delivery', async () => {
    const { trackingCode } = await kiosk.core.call('feedback.send', { category: 'staff', text: 'Cán bộ quầy 2 hướng dẫn rất tận tình', contact: '0911222333' });
    await kiosk.core.sync.runOnce();
    kiosk.clock.advance(8 * 86_400_000);
    await kiosk.core.sync.runOnce();
    expect(kiosk.core.db.prepare('SELECT text, contact, tracking_code FROM feedback').get()).toEqual({ text: '', contact: null, tracking_code: trackingCode });
    const bytes = databaseBytes(kiosk.core);
    expect(bytes.includes(Buffer.from('0911222333'))).toBe(false);
    expect(bytes.includes(Buffer.from('hướng dẫn rất tận tình'))).toBe(false);
  });

  it('a filing the portal has not acknowledged is kept, however old: nothing is lost before it is delivered', async () => {
    const offline = makeDevice('', '', { mode: 'kiosk' }, undefined, catalogDir);
    try {
      const filed = await offline.core.call('dossier.submit', { procedureCode: '1.001193', applicant: RESIDENT, data: birthData() });
      offline.clock.advance(60 * 86_400_000);
      await offline.core.sync.runOnce();
      expect((offline.core.db.prepare('SELECT applicant FROM dossiers WHERE code = ?').get(filed.code) as { applicant: string }).applicant).toContain(RESIDENT.idNumber);
    } finally {
      offline.core.close();
    }
  });
});

describe('files at rest are the app user’s only', () => {
  it('the database, its WAL, the logs, the attachments and the device folder are not readable by other users', async () => {
    if (process.platform === 'win32') return; // the per-user profile folder restricts access there
    const kiosk = makeDevice('', '', { mode: 'kiosk' }, undefined, catalogDir);
    try {
      await kiosk.core.call('dossier.submit', { procedureCode: '1.001193', applicant: RESIDENT, data: birthData(), documents: [{ name: 'Giấy chứng sinh', image: PHOTO }] });
      const dataDir = kiosk.core.config.dataDir;
      const mode = (f: string) => (fs.statSync(f).mode & 0o777).toString(8);
      expect(mode(dataDir)).toBe('700');
      expect(mode(kiosk.core.dbFile)).toBe('600');
      expect(mode(`${kiosk.core.dbFile}-wal`)).toBe('600');
      expect(mode(path.join(dataDir, 'attachments'))).toBe('700');
      for (const f of fs.readdirSync(path.join(dataDir, 'attachments'))) expect(mode(path.join(dataDir, 'attachments', f))).toBe('600');
      expect(mode(path.join(dataDir, 'device'))).toBe('700');
      expect(mode(path.join(dataDir, 'device', 'device.json'))).toBe('600');
      expect(mode(path.dirname(kiosk.core.log.file!))).toBe('700');
      expect(mode(kiosk.core.log.file!)).toBe('600');
    } finally {
      kiosk.core.close();
    }
  });
});
