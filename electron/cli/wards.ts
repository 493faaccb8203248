/**
 * The communes and wards provisioning may name. The ward code goes into every dossier code, so the
 * admin sees the ward's full name and province before a bundle is made, a code outside the province
 * being deployed is refused, and the official code table (GSO's list, as CSV or XLSX) can replace the
 * bundled one — whose codes are a community list's own, which provisioning says whenever it is used.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { AppError } from '../core/errors.js';
import { fold } from '../core/text/fold.js';
import { resourcesDir } from '../paths.js';

export interface Ward {
  code: string;
  /** "Phường Ba Đình" */
  name: string;
  provinceCode: string;
  /** "Thành phố Hà Nội" */
  provinceName: string;
}

export interface WardTable {
  /** Where the table came from, and whether it is the official one the admin loaded. */
  source: string;
  official: boolean;
  wards: Map<string, Ward>;
  provinces: Map<string, string>;
}

const invalid = (vi: string, en: string, field: string) => new AppError('validation', { vi, en }, { field });

/** Splits one CSV line (RFC 4180 quotes). */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      if (row.some((x) => x !== '')) rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  row.push(cell);
  if (row.some((x) => x !== '')) rows.push(row);
  return rows;
}

/** Column headers as GSO's lists and ours name them, folded (no tones, lower case). */
const HEADERS = {
  code: ['code', 'ma xa', 'ma phuong xa', 'ma px', 'ma dvhc', 'ma don vi'],
  name: ['fullname', 'ten day du', 'name', 'ten xa', 'ten phuong xa', 'phuong xa', 'ten don vi'],
  level: ['type', 'cap', 'loai'],
  provinceCode: ['provincecode', 'ma tinh', 'ma tp', 'ma tinh thanh pho'],
  provinceName: ['provincename', 'ten tinh', 'tinh thanh pho', 'tinh / thanh pho'],
} as const;

function findColumn(header: string[], names: readonly string[]): number {
  const folded = header.map((h) => fold(h).replace(/\s+/g, ' ').trim());
  for (const n of names) {
    const i = folded.indexOf(n);
    if (i >= 0) return i;
  }
  return -1;
}

const LEVEL_WORD: Record<string, string> = { ward: 'Phường', commune: 'Xã', 'special-zone': 'Đặc khu', phuong: 'Phường', xa: 'Xã', 'dac khu': 'Đặc khu' };

function tableFromRows(rows: string[][], source: string, official: boolean, provinces: Map<string, string>): WardTable {
  const [header, ...body] = rows;
  if (!header) throw invalid(`Bảng mã ${source} trống.`, `The code table ${source} is empty.`, 'ward-table');
  const col = Object.fromEntries(Object.entries(HEADERS).map(([k, names]) => [k, findColumn(header, names)])) as Record<keyof typeof HEADERS, number>;
  if (col.code < 0 || col.name < 0 || col.provinceCode < 0) {
    throw invalid(
      `Bảng mã ${source} cần các cột mã xã, tên xã và mã tỉnh (ví dụ “Mã xã”, “Tên xã”, “Mã tỉnh”).`,
      `The code table ${source} needs columns for the commune code, its name and the province code (e.g. “Mã xã”, “Tên xã”, “Mã tỉnh”).`,
      'ward-table',
    );
  }
  const wards = new Map<string, Ward>();
  for (const r of body) {
    const code = (r[col.code] ?? '').trim();
    const provinceCode = (r[col.provinceCode] ?? '').trim().padStart(2, '0');
    let name = (r[col.name] ?? '').trim();
    if (!code || !name) continue;
    // "Phường Ba Đình, Thành phố Hà Nội" (our list's full name) → "Phường Ba Đình".
    name = name.split(',')[0]!.trim();
    const level = col.level >= 0 ? LEVEL_WORD[fold(r[col.level] ?? '').trim()] : undefined;
    if (level && !fold(name).startsWith(fold(level))) name = `${level} ${name}`;
    const provinceName = (col.provinceName >= 0 ? (r[col.provinceName] ?? '').trim() : '') || provinces.get(provinceCode) || provinceCode;
    if (!provinces.has(provinceCode) && provinceName) provinces.set(provinceCode, provinceName);
    wards.set(code, { code, name, provinceCode, provinceName });
  }
  if (wards.size === 0) throw invalid(`Bảng mã ${source} không có dòng nào đọc được.`, `The code table ${source} has no readable row.`, 'ward-table');
  return { source, official, wards, provinces };
}

function bundledProvinces(): Map<string, string> {
  const rows = csvRows(fs.readFileSync(path.join(resourcesDir, 'admin-units', 'provinces.csv'), 'utf8'));
  const [header, ...body] = rows;
  const code = findColumn(header!, ['code']);
  const full = findColumn(header!, ['fullname']);
  return new Map(body.map((r) => [r[code]!.padStart(2, '0'), r[full]!]));
}

/** The table bundled with the app (a community list, not GSO's codes). */
export function bundledWards(): WardTable {
  const file = path.join(resourcesDir, 'admin-units', 'wards.csv');
  return tableFromRows(csvRows(fs.readFileSync(file, 'utf8')), file, false, bundledProvinces());
}

/** An official table the admin loads: GSO's list as CSV (UTF-8) or XLSX, columns found by their names. */
export async function loadWardTable(file: string): Promise<WardTable> {
  if (!fs.existsSync(file)) throw invalid(`Không tìm thấy bảng mã ${file}.`, `Code table ${file} not found.`, 'ward-table');
  let rows: string[][];
  if (/\.xlsx$/i.test(file)) {
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const sheet = book.worksheets[0];
    rows = [];
    sheet?.eachRow({ includeEmpty: false }, (row) => {
      const values = (row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : typeof v === 'object' && 'text' in (v as object) ? String((v as { text: unknown }).text) : String(v)));
      rows.push(values);
    });
  } else {
    rows = csvRows(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  }
  return tableFromRows(rows, file, true, bundledProvinces());
}

/**
 * The ward `code` in `table`, checked against the province being deployed: an unknown code, or one
 * in another province, is refused with the name it has there.
 */
export function checkWard(table: WardTable, code: string, province: string): Ward {
  // A province the table does not know would make every ward "not in" it: say what is wrong instead.
  if (!table.provinces.has(province.padStart(2, '0'))) {
    throw invalid(
      `Không có tỉnh/thành mã ${province} trong ${table.official ? 'bảng mã đã nạp' : 'danh mục đơn vị hành chính 2025'} (${table.source}): kiểm tra --province.`,
      `There is no province ${province} in ${table.official ? 'the loaded code table' : 'the 2025 administrative units'} (${table.source}): check --province.`,
      'province',
    );
  }
  const ward = table.wards.get(code);
  if (!ward) {
    throw invalid(
      `Không có phường/xã mã ${code} trong ${table.official ? 'bảng mã đã nạp' : 'danh mục đơn vị hành chính 2025'} (${table.source}).`,
      `There is no ward ${code} in ${table.official ? 'the loaded code table' : 'the 2025 administrative units'} (${table.source}).`,
      'ward',
    );
  }
  const want = province.padStart(2, '0');
  if (ward.provinceCode !== want) {
    const target = table.provinces.get(want) ?? want;
    throw invalid(
      `Mã ${code} là ${ward.name}, ${ward.provinceName} — không thuộc ${target} (--province ${want}). Kiểm tra lại mã phường/xã.`,
      `Code ${code} is ${ward.name}, ${ward.provinceName} — not in ${target} (--province ${want}). Check the ward code.`,
      'ward',
    );
  }
  return ward;
}
