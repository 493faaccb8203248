import { describe, expect, it } from 'vitest';
import { maskName, papersToBring, statusTimeline, toTracking } from '../../electron/core/dossiers/tracking.js';
import type { DossierRecord, HistoryEntry } from '../../electron/core/dossiers/model.js';

describe('a dossier code alone shows status, never personal data', () => {
  it('masks every word of a name but the last', () => {
    expect(maskName('Nguyễn Thị Mai')).toBe('N*** T*** M***');
    expect(maskName('  Đỗ   văn  An ')).toBe('Đ*** V*** A***');
    expect(maskName('Mai')).toBe('M***');
    expect(maskName('')).toBe('');
  });

  it('the tracking view carries no CCCD, phone, address, birth date, form data or officer', () => {
    const d: DossierRecord = {
      code: '00324.K01-261201-0001',
      procedureCode: '1.001193',
      procedureName: 'Đăng ký khai sinh',
      wardCode: '00324',
      channel: 'kiosk',
      applicant: { fullName: 'Nguyễn Thị Mai', idNumber: '001190012345', birthDate: '1990-01-01', address: '12/3 Phố Huế', phone: '0912345678', email: 'mai@example.vn' },
      data: { child: { fullName: 'Trần Văn Bé' }, motherIdNumber: '001190099999' },
      status: 'supplement',
      statusAt: '2026-12-02T03:00:00.000Z',
      appointmentAt: null,
      filedAt: '2026-12-01T02:00:00.000Z',
      origin: 'local',
      ackedAt: '2026-12-01T02:00:05.000Z',
      syncedAt: null,
      sector: 'Hộ tịch',
      officer: 'tiepnhan1',
      handler: null,
      receivedAt: null,
      resultAt: null,
      returnedAt: null,
      appointmentOriginal: null,
      desk: null,
    };
    const history: HistoryEntry[] = [
      { status: 'new', at: '2026-12-01T02:00:00.000Z', actor: 'kiosk', note: null, source: 'local', state: 'acked', error: null },
      { status: 'new', at: '2026-12-01T02:00:04.000Z', actor: 'portal', note: null, source: 'portal', state: 'official', error: null },
      { status: 'supplement', at: '2026-12-02T03:00:00.000Z', actor: 'tiepnhan1', note: 'Giấy chứng sinh (bản chính); Văn bản ủy quyền', source: 'portal', state: 'official', error: null },
    ];
    const t = toTracking(d, history);
    expect(t.applicantMasked).toBe('N*** T*** M***');
    expect(t.timeline.map((h) => h.status)).toEqual(['new', 'supplement']);
    expect(t.bring).toEqual(['Giấy chứng sinh (bản chính)', 'Văn bản ủy quyền']);
    expect(t).toMatchObject({ source: 'device', processingTime: null });
    // Tracking carries no rating state: a dossier is rated at the counter of its return, not by its code.
    expect(Object.keys(t)).not.toContain('rateable');
    const text = JSON.stringify(t);
    for (const secret of ['001190012345', '0912345678', 'Phố Huế', '1990-01-01', 'mai@example.vn', 'Trần Văn Bé', '001190099999', 'tiepnhan1', 'Nguyễn']) {
      expect(text).not.toContain(secret);
    }
  });

  it('while new, what to bring is the papers the resident chose to bring, not those photographed', () => {
    expect(
      papersToBring('new', {
        documents: [
          { code: 'a', name: 'Giấy chứng sinh (bản chính)', bringPaper: true },
          { code: 'b', name: 'Văn bản ủy quyền', bringPaper: false, attachment: { file: 'x' } },
          { code: 'c', bringPaper: true },
        ],
      }),
    ).toEqual(['Giấy chứng sinh (bản chính)']);
    expect(papersToBring('received', { documents: [{ name: 'Giấy chứng sinh', bringPaper: true }] })).toEqual([]);
    expect(papersToBring('supplement', { deskMissing: ['Tờ khai'], supplementNote: 'khác' })).toEqual(['Tờ khai']);
  });

  it('a status reported twice in a row (a move of the appointment) is one timeline entry; a refused move is none', () => {
    expect(
      statusTimeline([
        { status: 'new', at: '2026-12-01T02:00:00.000Z', state: 'official' },
        { status: 'received', at: '2026-12-01T03:00:00.000Z', state: 'official' },
        { status: 'received', at: '2026-12-03T03:00:00.000Z', state: 'official' },
        { status: 'processing', at: '2026-12-04T03:00:00.000Z', state: 'refused' },
        { status: 'supplement', at: '2026-12-05T03:00:00.000Z', state: 'official' },
        { status: 'received', at: '2026-12-06T03:00:00.000Z', state: 'official' },
      ]).map((h) => h.status),
    ).toEqual(['new', 'received', 'supplement', 'received']);
  });
});
