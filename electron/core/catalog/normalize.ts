import { z } from 'zod';
import type { Level, Procedure } from './model.js';
import { parseChannels } from './parse/channels.js';
import { parseDocuments } from './parse/documents.js';
import { parseLegalBases } from './parse/legal.js';
import { parseResults } from './parse/results.js';
import { parseSteps } from './parse/steps.js';
import { clean, cleanBlock } from './parse/text.js';

/** One line of the national portal's export (shared/data/tthc/procedures.jsonl). */
export const portalRecordSchema = z.object({
  ma_thu_tuc: z.string().min(1),
  detail_url: z.string(),
  ten_thu_tuc: z.string().min(1),
  so_quyet_dinh: z.string().default(''),
  cap_thuc_hien: z.string().default(''),
  loai_thu_tuc: z.string().default(''),
  linh_vuc: z.string().default(''),
  doi_tuong_thuc_hien: z.string().default(''),
  co_quan_co_tham_quyen: z.string().default(''),
  trinh_tu_thuc_hien: z.string().default(''),
  cach_thuc_thuc_hien: z.string().default(''),
  thanh_phan_ho_so: z.string().default(''),
  can_cu_phap_ly: z.string().default(''),
  co_quan_thuc_hien: z.string().default(''),
  yeu_cau_dieu_kien: z.string().default(''),
  ket_qua_xu_ly: z.string().default(''),
  raw_text: z.string().default(''),
  bo_nganh_slug: z.string().default(''),
});

export type PortalRecord = z.infer<typeof portalRecordSchema>;

const LEVELS: Record<string, Level> = { 'cấp bộ': 'ministry', 'cấp tỉnh': 'province', 'cấp xã': 'commune', 'cơ quan khác': 'other' };

function parseLevels(text: string): Level[] {
  return text
    .split(',')
    .map((s) => LEVELS[s.trim().toLowerCase()])
    .filter((l): l is Level => l !== undefined);
}

/** "Thủ tục đăng ký khai sinh" reads better on a kiosk as "Đăng ký khai sinh". */
function displayName(name: string): string {
  const t = name.replace(/\s+/g, ' ').trim();
  const stripped = t.replace(/^Thủ tục\s+/i, '');
  return stripped.charAt(0).toUpperCase() + stripped.slice(1);
}

function onlineLevel(text: string): Procedure['onlineLevel'] {
  const t = text.toLowerCase();
  if (/trực tuyến toàn trình/.test(t)) return 'full';
  if (/trực tuyến một phần/.test(t)) return 'partial';
  return null;
}

/** The portal mixes composed and decomposed Vietnamese; everything becomes NFC first. */
function nfc(record: PortalRecord): PortalRecord {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, typeof v === 'string' ? v.normalize('NFC') : v])) as PortalRecord;
}

/** Normalizes one portal record; what cannot be structured is kept as text in `unparsed`. */
export function normalizeRecord(input: PortalRecord): Procedure {
  const record = nfc(input);
  const unparsed: Procedure['unparsed'] = {};
  const keep = <T>(field: keyof Procedure['unparsed'], raw: string, parsed: T | null): T | null => {
    if (parsed === null && clean(raw)) unparsed[field] = raw.trim();
    return parsed;
  };
  const channels = keep('channels', record.cach_thuc_thuc_hien, parseChannels(record.cach_thuc_thuc_hien)) ?? [];
  const documents = keep('documents', record.thanh_phan_ho_so, parseDocuments(record.thanh_phan_ho_so)) ?? [];
  const legalBases = keep('legalBases', record.can_cu_phap_ly, parseLegalBases(record.can_cu_phap_ly)) ?? [];
  const results = keep('results', record.ket_qua_xu_ly, parseResults(record.ket_qua_xu_ly)) ?? [];
  const steps = keep('steps', record.trinh_tu_thuc_hien, parseSteps(record.trinh_tu_thuc_hien)) ?? [];
  return {
    code: record.ma_thu_tuc.trim(),
    name: displayName(record.ten_thu_tuc),
    decision: clean(record.so_quyet_dinh),
    levels: parseLevels(record.cap_thuc_hien),
    levelText: record.cap_thuc_hien.trim(),
    type: clean(record.loai_thu_tuc),
    sector: clean(record.linh_vuc) ?? 'Khác',
    ministry: record.bo_nganh_slug,
    agency: clean(record.co_quan_thuc_hien),
    competentAgency: clean(record.co_quan_co_tham_quyen),
    applicants: (clean(record.doi_tuong_thuc_hien) ?? '').split(/,\s*(?=[\p{Lu}])/u).map((s) => s.trim()).filter(Boolean),
    steps,
    channels,
    documents,
    conditions: cleanBlock(record.yeu_cau_dieu_kien),
    legalBases,
    results,
    onlineAvailable: channels.some((c) => c.kind === 'online'),
    onlineLevel: onlineLevel(`${record.cach_thuc_thuc_hien} ${record.trinh_tu_thuc_hien}`),
    essential: false,
    sourceUrl: record.detail_url,
    unparsed,
  };
}
