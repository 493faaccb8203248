import type { HttpFetch } from '../net.js';
import { PortalError, errorKind, retryAfterMs } from './portal-client.js';
import { vnLocalIso } from '../time.js';
import type { DossierAdapter } from './adapter.js';
import type { DossierStatus, DossierSubmission } from './portal-types.js';

/** The national portal's status numbers (domain.md). */
export const NATIONAL_STATUS: Record<DossierStatus, number> = {
  new: 1,
  received: 2,
  refused: 3,
  processing: 4,
  supplement: 5,
  payment: 6,
  withdrawn: 7,
  stopped: 8,
  result_ready: 9,
  returned: 10,
};

const CHANNEL: Record<DossierSubmission['channel'], number> = { counter: 1, online: 2, kiosk: 2 };

/** yyyyMMddHHmmss in Vietnam time, as real provincial systems send it. */
export function nationalDate(iso: string): string {
  return vnLocalIso(iso).replace(/\D/g, '').slice(0, 14);
}

export interface NationalDossier {
  MaHoSo: string;
  MaTTHC: string;
  TenTTHC: string;
  MaLinhVuc: string;
  KenhThucHien: number;
  ChuHoSo: string;
  SoGiayToChuHoSo: string;
  DiaChiChuHoSo: string;
  SoDienThoai: string;
  Email: string;
  NgayTiepNhan: string;
  NgayHenTra: string;
  TrangThaiHoSo: number;
  DonViXuLy: string;
  TaiLieuNop: { MaThanhPhanHoSo: string; TenTepDinhKem: string; DuocSoHoa: boolean; DuocTaiSuDung: boolean }[];
  DanhSachLePhi: { TenPhiLePhi: string; MucPhi: number }[];
  DanhSachHoSoBoSung: unknown[];
  DanhSachGiayToKetQua: unknown[];
  QuaTrinhXuLy: { NguoiXuLy: string; ThoiDiemXuLy: string; TrangThai: number; NgayBatDau: string; NgayKetThucTheoQuyDinh: string }[];
}

/** Maps an outbound dossier to the national portal's dossier JSON. */
export function toNationalDossier(d: DossierSubmission, extra: { sector?: string; appointmentAt?: string; unit?: string; status?: DossierStatus } = {}): NationalDossier {
  const status = NATIONAL_STATUS[extra.status ?? 'new'];
  const documents = (d.documents ?? []) as { code?: string; name?: string; scanned?: boolean; reused?: boolean }[];
  return {
    MaHoSo: d.code,
    MaTTHC: d.procedureCode,
    TenTTHC: d.procedureName ?? '',
    MaLinhVuc: extra.sector ?? '',
    KenhThucHien: CHANNEL[d.channel],
    ChuHoSo: d.applicant.fullName,
    SoGiayToChuHoSo: d.applicant.idNumber ?? '',
    DiaChiChuHoSo: d.applicant.address ?? '',
    SoDienThoai: d.applicant.phone ?? '',
    Email: d.applicant.email ?? '',
    NgayTiepNhan: nationalDate(d.filedAt),
    NgayHenTra: extra.appointmentAt ? nationalDate(extra.appointmentAt) : '',
    TrangThaiHoSo: status,
    DonViXuLy: extra.unit ?? d.wardCode,
    TaiLieuNop: documents.map((doc, i) => ({
      MaThanhPhanHoSo: doc.code ?? String(i + 1),
      TenTepDinhKem: doc.name ?? '',
      DuocSoHoa: doc.scanned ?? false,
      DuocTaiSuDung: doc.reused ?? false,
    })),
    DanhSachLePhi: [],
    DanhSachHoSoBoSung: [],
    DanhSachGiayToKetQua: [],
    QuaTrinhXuLy: [
      {
        NguoiXuLy: d.channel === 'kiosk' ? 'Ki-ốt tự phục vụ' : 'Bộ phận Một cửa',
        ThoiDiemXuLy: nationalDate(d.filedAt),
        TrangThai: status,
        NgayBatDau: nationalDate(d.filedAt),
        NgayKetThucTheoQuyDinh: extra.appointmentAt ? nationalDate(extra.appointmentAt) : '',
      },
    ],
  };
}

/** An adapter that posts the national JSON to an integrator's endpoint. */
export function nationalPortalAdapter(options: { url: string; token?: string; timeoutMs?: number; now?: () => Date; fetch?: HttpFetch }): DossierAdapter {
  const doFetch = options.fetch ?? fetch;
  return {
    name: 'national-portal',
    async submitDossier(d, key) {
      let res: Response;
      try {
        res = await doFetch(options.url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key, ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}) },
          body: JSON.stringify(toNationalDossier(d)),
          signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
        });
      } catch (err) {
        throw new PortalError('network', `national portal unreachable: ${(err as Error).message}`);
      }
      await res.body?.cancel();
      if (res.status >= 400) {
        // The national endpoint sends no problem+json: a 409 there is the integrator's own conflict.
        const kind = res.status === 409 ? 'refused' : errorKind(res.status, false);
        throw new PortalError(kind, kind === 'refused' ? `national portal refused the dossier (HTTP ${res.status})` : `national portal error ${res.status}`, res.status, undefined, retryAfterMs(res.headers.get('retry-after')));
      }
      return { code: d.code, receivedAt: (options.now?.() ?? new Date()).toISOString(), status: 'new' };
    },
  };
}
