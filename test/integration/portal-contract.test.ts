/**
 * The hand-written client and its zod schemas against resources/portal-openapi.json: same routes,
 * and every answer the reference portal gives (checked by the document) parses in the client.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_ROUTES, PortalClient } from '../../electron/core/sync/portal-client.js';
import { nationalDate, toNationalDossier, nationalPortalAdapter, NATIONAL_STATUS } from '../../electron/core/sync/national-adapter.js';
import { loadOpenApi } from '../portal/openapi.js';
import { startReferencePortal, type ReferencePortal } from '../portal/server.js';
import { tempDir } from '../helpers/core.js';
import { applicant, smallCatalog } from '../helpers/sync.js';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

describe('the portal client follows the OpenAPI document', () => {
  const { doc, routes } = loadOpenApi();
  let portal: ReferencePortal;
  beforeAll(async () => {
    portal = await startReferencePortal({ dataDir: tempDir(), catalogDir: smallCatalog(), validateResponses: true });
  });
  afterAll(() => portal.close());

  it('is OpenAPI 3.1 and every client route is in the document', () => {
    expect((doc as unknown as { openapi: string }).openapi).toBe('3.1.0');
    const documented = new Set(routes.map((r) => `${r.method.toLowerCase()} ${r.template}`));
    for (const [method, path] of CLIENT_ROUTES) expect(documented.has(`${method} ${path}`), `${method} ${path}`).toBe(true);
    // Every device-facing route is used by the client; the rest are the admin's.
    const deviceRoutes = routes.filter((r) => !r.template.startsWith('/v1/admin')).map((r) => `${r.method.toLowerCase()} ${r.template}`);
    expect(deviceRoutes.sort()).toEqual(CLIENT_ROUTES.map(([m, p]) => `${m} ${p}`).sort());
    // Errors are problem+json everywhere.
    for (const r of routes) for (const [status, resp] of Object.entries(r.operation.responses)) if (Number(status) >= 400) expect(Object.keys((resp as { content: object }).content)).toEqual(['application/problem+json']);
  });

  it('parses every documented answer of the reference portal (which checks its answers against the document)', async () => {
    let token: string | null = null;
    const client = new PortalClient({ baseUrl: portal.url, token: () => token });
    const reg = await client.register({ enrollmentCode: portal.createEnrollment('00324', 'staff'), wardCode: '00324', mode: 'staff', deviceId: 'device-0000-1111', appVersion: '1.0.0' });
    token = reg.deviceToken;
    await client.heartbeat({ status: 'ok', outboxLength: 0, lastSyncAt: null, freeDiskBytes: 1000, lastError: null, appVersion: '1.0.0' });
    const catalog = await client.catalogChanges(null, null, 10);
    expect(catalog.notModified).toBe(false);
    if (!catalog.notModified) expect(catalog.body.full).toBe(true);
    const ack = await client.submitDossier({ clientKey: 'client-key-001', code: '00324.Q01-261123-0001', procedureCode: '1.001193', wardCode: '00324', channel: 'counter', applicant: applicant(1), filedAt: new Date().toISOString() }, 'client-key-001');
    expect(ack.status).toBe('new');
    const replay = await client.submitDossier({ clientKey: 'client-key-001', code: '00324.Q01-261123-0001', procedureCode: '1.001193', wardCode: '00324', channel: 'counter', applicant: applicant(1), filedAt: new Date().toISOString() }, 'client-key-001');
    expect(replay).toMatchObject({ code: ack.code, replayed: true });
    const t = await client.sendTransition(ack.code, { clientKey: 'transition-0001', from: 'new', to: 'received', at: new Date().toISOString(), actor: 'a' }, 'transition-0001');
    expect(t.status).toBe('received');
    const changes = await client.dossierChanges(null, null);
    expect(changes.notModified).toBe(false);
    if (!changes.notModified) {
      expect(changes.body.items.map((i) => i.status)).toEqual(['new', 'received']);
      const again = await client.dossierChanges(changes.body.cursor, changes.etag);
      expect(again.notModified).toBe(true);
    }
    const tracked = await client.trackDossier(ack.code);
    expect(tracked).toMatchObject({ code: ack.code, status: 'received', applicantMasked: 'N*** V*** 1***', rated: false });
    expect(tracked.timeline.map((h) => h.status)).toEqual(['new', 'received']);
    expect((await client.sendFeedback({ clientKey: 'feedback-0001', category: 'Thái độ phục vụ', text: 'Cán bộ nhiệt tình', createdAt: new Date().toISOString(), trackingCode: 'PA-00324.Q01-261123-0001' }, 'feedback-0001')).trackingCode).toMatch(/^PAKN-/);
    expect(await client.trackFeedback('PA-00324.Q01-261123-0001')).toMatchObject({ trackingCode: 'PA-00324.Q01-261123-0001', portalCode: expect.stringMatching(/^PAKN-/) as unknown as string, category: 'Thái độ phục vụ' });
    expect((await client.sendRating({ clientKey: 'rating-00001', level: 'very_satisfied', criteria: { '1': 2 }, createdAt: new Date().toISOString() }, 'rating-00001')).accepted).toBe(true);
    const staff = await client.staffChanges(null, null);
    expect(staff.notModified).toBe(false);
  });
});

describe('the national-portal adapter', () => {
  const submission = {
    clientKey: 'client-key-xyz',
    code: '00324.K01-261123-0007',
    procedureCode: '1.001193',
    procedureName: 'Đăng ký khai sinh',
    wardCode: '00324',
    channel: 'kiosk' as const,
    applicant: { fullName: 'Trần Thị Bình', idNumber: '001190012345', address: 'Số 1 Đội Cấn, Ba Đình', phone: '0912345678' },
    documents: [{ code: 'TP01', name: 'Giấy chứng sinh', scanned: true }],
    filedAt: '2026-11-23T08:30:05.000Z',
  };

  it('maps a dossier to the national JSON: MaHoSo, MaTTHC, NgayTiepNhan as yyyyMMddHHmmss (Vietnam time), TaiLieuNop…', () => {
    const n = toNationalDossier(submission, { sector: 'Hộ tịch', appointmentAt: '2026-11-24T09:00:00.000Z' });
    expect(n).toMatchObject({
      MaHoSo: '00324.K01-261123-0007',
      MaTTHC: '1.001193',
      TenTTHC: 'Đăng ký khai sinh',
      MaLinhVuc: 'Hộ tịch',
      KenhThucHien: 2,
      ChuHoSo: 'Trần Thị Bình',
      SoGiayToChuHoSo: '001190012345',
      NgayTiepNhan: '20261123153005',
      NgayHenTra: '20261124160000',
      TrangThaiHoSo: 1,
      TaiLieuNop: [{ MaThanhPhanHoSo: 'TP01', TenTepDinhKem: 'Giấy chứng sinh', DuocSoHoa: true, DuocTaiSuDung: false }],
    });
    expect(n.QuaTrinhXuLy[0]).toMatchObject({ ThoiDiemXuLy: '20261123153005', TrangThai: 1 });
    expect(nationalDate('2026-12-31T17:00:00.000Z')).toBe('20270101000000');
    expect(Object.values(NATIONAL_STATUS)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('posts the mapped JSON with the idempotency key to the integrator’s endpoint', async () => {
    const received: { headers: http.IncomingHttpHeaders; body: unknown }[] = [];
    const server = http.createServer((req, res) => {
      let text = '';
      req.on('data', (c: Buffer) => (text += c.toString()));
      req.on('end', () => {
        received.push({ headers: req.headers, body: JSON.parse(text) as unknown });
        res.writeHead(received.length === 1 ? 200 : 422);
        res.end('{}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const adapter = nationalPortalAdapter({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hoso`, token: 't', now: () => new Date('2026-11-23T09:00:00Z') });
    const ack = await adapter.submitDossier(submission, 'key-123456');
    expect(ack).toEqual({ code: submission.code, receivedAt: '2026-11-23T09:00:00.000Z', status: 'new' });
    expect(received[0]!.headers['idempotency-key']).toBe('key-123456');
    expect(received[0]!.body).toMatchObject({ MaHoSo: submission.code, NgayTiepNhan: '20261123153005' });
    await expect(adapter.submitDossier(submission, 'key-2')).rejects.toMatchObject({ kind: 'refused', status: 422 });
    server.close();
  });
});
