/**
 * Tracking at any kiosk of the ward, against the reference portal on 127.0.0.1: a dossier filed at
 * another kiosk or at the counter, the code typed however, the status-only view and nothing more;
 * "cannot check right now" when the portal is down; one rating per returned dossier, at the desk; feedback
 * followed up by its code; filing at a kiosk only through a guided form of a ward procedure.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppError } from '../../electron/core/errors.js';
import { startReferencePortal, type ReferencePortal } from '../portal/server.js';
import { signInOfficer, tempDir } from '../helpers/core.js';
import { applicant, birthData, birthFiling, makeDevice, receiveFiled, smallCatalog, type Device } from '../helpers/sync.js';

async function rejection(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    return err as AppError;
  }
  throw new Error('expected a rejection');
}

describe('tracking any dossier of the ward', () => {
  const catalogDir = smallCatalog();
  let portal: ReferencePortal;
  let kioskA: Device;
  let kioskB: Device;
  let desk: Device;
  let otherWard: Device;

  beforeAll(async () => {
    portal = await startReferencePortal({ dataDir: tempDir(), catalogDir, validateResponses: true });
    kioskA = makeDevice(portal.url, portal.createEnrollment('00324', 'kiosk'), { mode: 'kiosk', device: { slot: '01' } }, undefined, catalogDir);
    kioskB = makeDevice(portal.url, portal.createEnrollment('00324', 'kiosk'), { mode: 'kiosk', device: { slot: '02' } }, undefined, catalogDir);
    desk = makeDevice(portal.url, portal.createEnrollment('00324', 'staff'), { mode: 'staff', device: { slot: '01' } }, undefined, catalogDir);
    otherWard = makeDevice(portal.url, portal.createEnrollment('00327', 'kiosk'), { mode: 'kiosk', ward: { code: '00327', name: 'Phường Ngọc Hà' } }, undefined, catalogDir);
    for (const d of [kioskA, kioskB, desk, otherWard]) expect((await d.core.sync.runOnce()).errors).toEqual([]);
  });
  afterAll(async () => {
    for (const d of [kioskA, kioskB, desk, otherWard]) d?.core.close();
    await portal?.close();
  });

  it('a kiosk that did not file it finds it from the portal, however the code was typed, and shows no personal data', async () => {
    const filed = await kioskA.core.call('dossier.submit', {
      ...birthFiling(1),
      applicant: { fullName: 'Nguyễn Thị Mai', idNumber: '001190012345', phone: '0912345678', email: 'mai@example.vn', address: '12/3 Phố Huế' },
      documents: [
        { code: 'birthCertificate', name: 'Giấy chứng sinh (bản chính)', bringPaper: true, confirmed: true },
        { code: 'authorisation', name: 'Văn bản ủy quyền (nếu nộp thay)', bringPaper: false, confirmed: false },
      ],
    });
    await kioskA.core.sync.runOnce();
    const [ward, device, day, seq] = /^(\d+)\.(K\d+)-(\d{6})-(\d{4})$/.exec(filed.code)!.slice(1);
    const typings = [filed.code, `${ward}.${device!.toLowerCase()}-${day}-${seq}`, `${ward} ${device} ${day} ${seq}`, `${ward}${device}${day}${seq}`, ` ${ward}.${device} ${day}${seq} `];
    for (const typed of typings) {
      const seen = await kioskB.core.call('dossier.track', { code: typed });
      expect(seen).toMatchObject({ code: filed.code, source: 'portal', status: 'new', procedureCode: '1.001193', procedureName: 'Đăng ký khai sinh', applicantMasked: 'N*** T*** M***' });
    }
    const seen = await kioskB.core.call('dossier.track', { code: filed.code });
    expect(seen.timeline.map((h) => h.status)).toEqual(['new']);
    // What to bring next: the paper chosen to bring to the counter, not the one left out.
    expect(seen.bring).toEqual(['Giấy chứng sinh (bản chính)']);
    // 1.001193's in-person time from the catalog: 1, with no unit — read as working days, as the desk does.
    expect(seen.processingTime).toEqual({ value: 1, unit: 'working_days' });
    const text = JSON.stringify(seen);
    for (const secret of ['Nguyễn', '001190012345', '0912345678', 'mai@example.vn', 'Phố Huế', 'Trần Thị Hoa', '001192012345', 'Bệnh viện']) expect(text).not.toContain(secret);
    // The filing kiosk answers from its own record, with the same view.
    expect(await kioskA.core.call('dossier.track', { code: `${ward}${device}${day}${seq}`.toLowerCase() })).toMatchObject({ code: filed.code, source: 'device', applicantMasked: 'N*** T*** M***', bring: ['Giấy chứng sinh (bản chính)'] });
  });

  it('a counter filing is tracked at a kiosk, status changes follow, and another ward’s kiosk does not find it', async () => {
    const session = await signInOfficer(desk.core);
    const received = await desk.core.call('desk.receive', {
      session,
      procedureCode: '1.001193',
      applicant: { fullName: 'Phạm Văn Bình', idNumber: '001090123456', phone: '0912345678' },
      papers: [],
      noPapersReason: 'Giấy tờ đã kiểm tra tại quầy',
      attachments: [],
      sets: 1,
      collect: 'counter',
      outcome: 'accept',
    });
    await desk.core.sync.runOnce();
    const seen = await kioskB.core.call('dossier.track', { code: received.code.toLowerCase() });
    expect(seen).toMatchObject({ code: received.code, status: 'received', applicantMasked: 'P*** V*** B***', appointmentAt: received.appointmentAt, source: 'portal' });
    expect(seen.receivedAt).not.toBeNull();
    await desk.core.call('dossier.transition', { session, code: received.code, to: 'supplement', note: 'Tờ khai đăng ký khai sinh; Giấy chứng sinh (bản chính)' });
    await desk.core.sync.runOnce();
    const asked = await kioskB.core.call('dossier.track', { code: received.code });
    expect(asked.status).toBe('supplement');
    expect(asked.bring).toEqual(['Tờ khai đăng ký khai sinh', 'Giấy chứng sinh (bản chính)']);
    expect(asked.timeline.map((h) => h.status)).toEqual(['new', 'received', 'supplement']);

    const elsewhere = await rejection(otherWard.core.call('dossier.track', { code: received.code }));
    expect(elsewhere.code).toBe('not_found');
    expect(elsewhere.messages.vi).toBe(`Không tìm thấy hồ sơ mã ${received.code}.`);
  });

  it('what is not a code is told in plain words; an unknown code is not found', async () => {
    const bad = await rejection(kioskB.core.call('dossier.track', { code: 'abc' }));
    expect(bad).toMatchObject({ code: 'validation', field: 'code' });
    expect(bad.messages.vi).toContain('Mã có dạng 00324.K01-261123-0001');
    const empty = await rejection(kioskB.core.call('dossier.track', { code: '' }));
    expect(empty.code).toBe('validation');
    expect((await rejection(kioskB.core.call('dossier.track', { code: '00324.K09-261130-0042' }))).code).toBe('not_found');
  });

  it('a dossier is rated once, at the counter after its result was returned; a kiosk rates only the service in general', async () => {
    const filed = await kioskA.core.call('dossier.submit', birthFiling(2));
    await kioskA.core.sync.runOnce();
    await desk.core.sync.runOnce();
    const session = await signInOfficer(desk.core);
    const early = await rejection(desk.core.call('rating.send', { session, dossierCode: filed.code, level: 'satisfied' }));
    expect(early).toMatchObject({ code: 'validation', field: 'dossierCode' });
    expect(early.messages.vi).toBe('Bạn có thể đánh giá khi đã nhận kết quả của hồ sơ này.');
    await receiveFiled(desk.core, session, filed.code);
    for (const to of ['processing', 'result_ready', 'returned'] as const) await desk.core.call('dossier.transition', { session, code: filed.code, to });
    await desk.core.sync.runOnce();
    await kioskA.core.sync.runOnce();
    // A code alone proves nothing: no kiosk takes a dossier's rating, so no one can spend the resident's.
    const atKiosk = await rejection(kioskB.core.call('rating.send', { dossierCode: filed.code, level: 'unsatisfied' }));
    expect(atKiosk).toMatchObject({ code: 'forbidden', field: 'dossierCode' });
    expect(atKiosk.messages.vi).toContain('tại quầy khi nhận kết quả');
    expect(await kioskB.core.call('dossier.track', { code: filed.code })).toMatchObject({ status: 'returned', source: 'portal' });

    await desk.core.call('rating.send', { session, dossierCode: filed.code.toLowerCase(), level: 'very_satisfied', criteria: { '1': 2 } });
    const again = await rejection(desk.core.call('rating.send', { session, dossierCode: filed.code, level: 'unsatisfied' }));
    expect(again.code).toBe('conflict');
    expect(again.messages.vi).toBe('Hồ sơ này đã được đánh giá. Cảm ơn bạn!');
    await desk.core.sync.runOnce();
    // The kiosk's tracking says nothing of ratings (no field a screen could misuse to offer one).
    expect(Object.keys(await kioskB.core.call('dossier.track', { code: filed.code }))).not.toContain('rateable');
    const portalRatings = portal.db.prepare("SELECT json_extract(data, '$.level') AS level FROM ratings WHERE json_extract(data, '$.dossierCode') = ?").all(filed.code);
    expect(portalRatings).toEqual([{ level: 'very_satisfied' }]);
    // A rating of the service in general needs no dossier.
    expect(await kioskB.core.call('rating.send', { level: 'satisfied' })).toEqual({ ok: true });
  });

  it('feedback is followed up by its code at the kiosk that took it and at any other, never showing its text', async () => {
    const { trackingCode } = await kioskA.core.call('feedback.send', { category: 'staff', text: 'Cán bộ Nguyễn Văn X hướng dẫn tận tình.', contact: '0912345678' });
    const here = await kioskA.core.call('feedback.track', { code: trackingCode.toLowerCase().replace(/-/g, ' ') });
    expect(here).toMatchObject({ code: trackingCode, category: 'staff', receivedAt: null, source: 'device' });
    await kioskA.core.sync.runOnce();
    expect((await kioskA.core.call('feedback.track', { code: trackingCode })).receivedAt).not.toBeNull();
    const there = await kioskB.core.call('feedback.track', { code: trackingCode });
    expect(there).toMatchObject({ code: trackingCode, category: 'staff', source: 'portal', portalCode: expect.stringMatching(/^PAKN-/) as unknown as string });
    // A reply is due 20 days after it was given (Vietnam's date).
    const given = new Date(Date.parse(there.createdAt) + 7 * 3600_000);
    const due = new Date(Date.UTC(given.getUTCFullYear(), given.getUTCMonth(), given.getUTCDate() + 20)).toISOString().slice(0, 10);
    expect(there.replyBy).toBe(due);
    for (const secret of ['Nguyễn Văn X', '0912345678', 'tận tình']) expect(JSON.stringify(there) + JSON.stringify(here)).not.toContain(secret);
    expect((await rejection(kioskB.core.call('feedback.track', { code: 'PA-00324.K01-261130-0999' }))).code).toBe('not_found');
  });

  it('a kiosk files only through a guided form of a procedure the ward receives', async () => {
    // A ministry-level procedure (no guided form, not received by the ward): refused, and the resident is told where to look.
    const passport = await rejection(kioskB.core.call('dossier.submit', { procedureCode: '1.000178', applicant: applicant(5) }));
    expect(passport).toMatchObject({ code: 'validation', field: 'procedureCode' });
    expect(passport.messages.vi).toContain('không nộp được tại ki-ốt');
    // A death registration with no deceased person: the guided form is checked whole.
    const death = await rejection(kioskB.core.call('dossier.submit', { procedureCode: '1.000656', applicant: applicant(6) }));
    expect(death.code).toBe('validation');
    expect(death.field).toMatch(/^data\./);
    expect(death.messages.vi).toMatch(/^Vui lòng nhập /);
    expect((await kioskB.core.call('dossier.submit', { procedureCode: '1.001193', applicant: applicant(7), data: birthData('Lê Văn Cường') })).status).toBe('new');
  });

  it('when the portal cannot be reached, the kiosk says it cannot check right now — and still answers for its own dossiers', async () => {
    const filed = await kioskA.core.call('dossier.submit', birthFiling(8));
    await kioskA.core.sync.runOnce();
    await portal.close();
    const down = await rejection(kioskB.core.call('dossier.track', { code: filed.code }));
    expect(down.code).toBe('unavailable');
    expect(down.messages.vi).toContain('Chưa kiểm tra được hồ sơ lúc này');
    expect(down.messages.en).toContain('cannot be checked right now');
    expect((await kioskA.core.call('dossier.track', { code: filed.code })).status).toBe('new');
    portal = await startReferencePortal({ dataDir: tempDir(), catalogDir, validateResponses: true });
  });
});
