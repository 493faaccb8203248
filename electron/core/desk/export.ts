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

const REGISTER_HEADERS = ['Số thứ tự', 'Mã hồ sơ', 'Thủ tục', 'Người nộp', 'Địa chỉ', 'Tiếp nhận', 'Hẹn trả', 'Có kết quả', 'Đã trả', 'Trạng thái', 'Cán bộ', 'Đánh giá'];
const TIMELINESS_VI = { early: 'Trước hạn', on_time: 'Đúng hạn', late: 'Quá hạn' } as const;
const vnTime = (iso: string | null) => (iso ? vnLocalIso(iso).slice(0, 16).replace('T', ' ') : '');
const registerValues = (r: RegisterRow) => [
  r.registerNo ?? '',
  r.code,
  r.procedureName,
  r.applicant,
  r.address,
  vnTime(r.receivedAt),
  vnTime(r.appointmentAt),
  vnTime(r.resultAt),
  vnTime(r.returnedAt),
  r.status,
  r.officer ?? '',
  r.timeliness ? TIMELINESS_VI[r.timeliness] : '',
];

function csvCell(v: string | number): string {
  const s = String(v);
  // A leading =, +, - or @ would be read as a formula by a spreadsheet.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
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
