import ExcelJS from 'exceljs';
import { vnLocalIso } from '../time.js';
import type { RegisterRow, ReportRow, ReportSummary } from './model.js';

/** The report as a file a supervisor can open in Excel or LibreOffice: CSV (UTF-8 with BOM) or XLSX. */
const HEADERS = ['Đã nhận', 'Đã giải quyết', 'Trước hạn', 'Đúng hạn', 'Quá hạn', 'Đang giải quyết', 'Đang giải quyết quá hạn', 'Tạm dừng', 'Đã trả kết quả'];
const values = (r: ReportRow) => [r.received, r.resolved, r.early, r.onTime, r.late, r.inProgress, r.inProgressLate, r.paused, r.returned];

const SECTIONS: [string, (s: ReportSummary) => ReportRow[]][] = [
  ['Tổng hợp', (s) => [{ ...s.totals, key: 'Tất cả' }]],
  ['Theo lĩnh vực', (s) => s.bySector],
  ['Theo thủ tục', (s) => s.byProcedure],
  ['Theo cán bộ', (s) => s.byOfficer],
  ['Theo tháng', (s) => s.byMonth],
];

/** Form 06's columns (Circular 01/2018), then the desk's own: status and receiving officer. */
const REGISTER_HEADERS = [
  'Số thứ tự',
  'Mã hồ sơ',
  'Tên thủ tục hành chính',
  'Số lượng hồ sơ (bộ)',
  'Tên cá nhân, tổ chức',
  'Địa chỉ, số điện thoại',
  'Cơ quan chủ trì giải quyết',
  'Nhận hồ sơ',
  'Hẹn trả kết quả',
  'Chuyển hồ sơ đến cơ quan giải quyết',
  'Nhận kết quả từ cơ quan giải quyết',
  'Trả kết quả cho cá nhân, tổ chức',
  'Ghi chú',
  'Trạng thái',
  'Cán bộ tiếp nhận',
];
/** "2026-11-23 16:00" in Vietnam's time: a value a spreadsheet reads as a date and time. */
export const vnTime = (iso: string | null) => (iso ? vnLocalIso(iso).slice(0, 16).replace('T', ' ') : '');
const registerValues = (r: RegisterRow) => [
  r.registerNo ?? '',
  r.code,
  r.procedureName,
  r.sets,
  r.applicant,
  [r.address, r.phone].filter(Boolean).join(' — '),
  r.agency,
  vnTime(r.receivedAt),
  vnTime(r.appointmentAt),
  vnTime(r.sentAt),
  vnTime(r.resultAt),
  vnTime(r.returnedAt),
  r.note,
  r.status,
  r.officer ?? '',
];

function csvCell(v: string | number): string {
  const s = String(v);
  // A leading =, +, - or @ would be read as a formula by a spreadsheet.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Rows as a CSV file a spreadsheet opens in Vietnamese: UTF-8 with BOM, CRLF, formula-safe cells. */
export function csvFile(rows: (string | number)[][]): string {
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

export function reportCsv(summary: ReportSummary, rows: RegisterRow[]): string {
  const lines: string[] = [];
  for (const [title, pick] of SECTIONS) {
    lines.push([title, ...HEADERS].map(csvCell).join(','));
    for (const r of pick(summary)) lines.push([r.key, ...values(r)].map(csvCell).join(','));
    lines.push('');
  }
  lines.push(REGISTER_HEADERS.map(csvCell).join(','));
  for (const r of rows) lines.push(registerValues(r).map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export async function reportXlsx(summary: ReportSummary, rows: RegisterRow[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Một Cửa';
  for (const [title, pick] of SECTIONS) {
    const sheet = book.addWorksheet(title);
    sheet.addRow([title === 'Tổng hợp' ? '' : title, ...HEADERS]).font = { bold: true };
    for (const r of pick(summary)) sheet.addRow([r.key, ...values(r)]);
    sheet.getColumn(1).width = 48;
  }
  const reg = book.addWorksheet('Sổ theo dõi hồ sơ');
  reg.addRow(REGISTER_HEADERS).font = { bold: true };
  for (const r of rows) reg.addRow(registerValues(r));
  return Buffer.from(await book.xlsx.writeBuffer());
}
