/**
 * Schema problems in the words an officer or a resident reads next to a field: "Số căn cước gồm 12
 * chữ số (bạn nhập 11)", not "“applicant.idNumber” sai định dạng (regex)". Pure and shared: the core
 * uses it for every refused call, the desk's forms use it to check with the contract's own schema
 * before sending. Fields are named by their last path segment; an unknown field gets a plain
 * generic sentence, never its path.
 */
import type { z } from 'zod';
import type { Bilingual } from './errors.js';

/** Field names as a form labels them. */
export const FIELD_LABELS: Record<string, Bilingual> = {
  fullName: { vi: 'Họ và tên', en: 'Full name' },
  idNumber: { vi: 'Số căn cước', en: 'ID number' },
  birthDate: { vi: 'Ngày sinh', en: 'Date of birth' },
  address: { vi: 'Địa chỉ', en: 'Address' },
  phone: { vi: 'Số điện thoại', en: 'Phone number' },
  email: { vi: 'Thư điện tử', en: 'Email' },
  username: { vi: 'Tên đăng nhập', en: 'Username' },
  displayName: { vi: 'Họ và tên', en: 'Full name' },
  password: { vi: 'Mật khẩu', en: 'Password' },
  counter: { vi: 'Quầy', en: 'Counter' },
  roles: { vi: 'Vai trò', en: 'Role' },
  postAddress: { vi: 'Địa chỉ nhận qua bưu chính', en: 'Delivery address' },
  workingDays: { vi: 'Thời hạn giải quyết', en: 'Processing time' },
  sets: { vi: 'Số bộ hồ sơ', en: 'Number of sets' },
  reason: { vi: 'Lý do', en: 'Reason' },
  noPapersReason: { vi: 'Lý do tiếp nhận không có giấy tờ', en: 'Reason for accepting without papers' },
  missing: { vi: 'Giấy tờ cần bổ sung', en: 'Papers to supplement' },
  extraPapers: { vi: 'Giấy tờ khác', en: 'Other papers' },
  note: { vi: 'Ghi chú', en: 'Note' },
  trackingNumber: { vi: 'Mã vận đơn', en: 'Tracking number' },
  title: { vi: 'Tiêu đề', en: 'Title' },
  body: { vi: 'Nội dung', en: 'Text' },
  text: { vi: 'Nội dung', en: 'Text' },
  name: { vi: 'Tên', en: 'Name' },
  date: { vi: 'Ngày', en: 'Date' },
  from: { vi: 'Từ ngày', en: 'From' },
  to: { vi: 'Đến ngày', en: 'To' },
  query: { vi: 'Nội dung tìm', en: 'Search' },
  procedureCode: { vi: 'Thủ tục', en: 'Procedure' },
};

/** The field's key: the last named segment of the path ("applicant.idNumber" → "idNumber"; "missing.2" → "missing"). */
export function fieldKey(path: readonly PropertyKey[]): string {
  const named = path.filter((p): p is string => typeof p === 'string');
  return named[named.length - 1] ?? '';
}

const label = (key: string): Bilingual => FIELD_LABELS[key] ?? { vi: 'Thông tin này', en: 'This field' };
const vnNumber = (n: unknown) => new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 3 }).format(Number(n));

/** Plain words for one schema issue. */
export function plainIssue(issue: z.core.$ZodIssue): Bilingual {
  const key = fieldKey(issue.path);
  const l = label(key);
  const input = 'input' in issue ? issue.input : undefined;
  switch (issue.code) {
    case 'invalid_type':
      if (input === undefined || input === null || input === '') return { vi: `Hãy nhập ${l.vi.toLowerCase()}.`, en: `${l.en} is required.` };
      if (issue.expected === 'number') return { vi: `${l.vi} phải là một số.`, en: `${l.en} must be a number.` };
      return { vi: `${l.vi} chưa đúng.`, en: `${l.en} is not valid.` };
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1
          ? { vi: `Hãy nhập ${l.vi.toLowerCase()}.`, en: `${l.en} is required.` }
          : { vi: `${l.vi} cần ít nhất ${String(issue.minimum)} ký tự.`, en: `${l.en} needs at least ${String(issue.minimum)} characters.` };
      }
      if (issue.origin === 'array' && Number(issue.minimum) === 1 && FIELD_LABELS[key]) return { vi: `Hãy chọn ít nhất một ${l.vi.toLowerCase()}.`, en: `Choose at least one ${l.en.toLowerCase()}.` };
      if (issue.origin === 'array') return { vi: `Hãy chọn ít nhất ${String(issue.minimum)} mục cho ${l.vi.toLowerCase()}.`, en: `Choose at least ${String(issue.minimum)} for ${l.en.toLowerCase()}.` };
      return { vi: `${l.vi} phải từ ${vnNumber(issue.minimum)} trở lên.`, en: `${l.en} must be at least ${String(issue.minimum)}.` };
    case 'too_big':
      if (issue.origin === 'string') return { vi: `${l.vi} dài quá ${String(issue.maximum)} ký tự.`, en: `${l.en} is longer than ${String(issue.maximum)} characters.` };
      if (issue.origin === 'array') return { vi: `${l.vi}: nhiều nhất ${String(issue.maximum)} mục.`, en: `${l.en}: at most ${String(issue.maximum)} items.` };
      return { vi: `${l.vi} không được quá ${vnNumber(issue.maximum)}.`, en: `${l.en} must be at most ${String(issue.maximum)}.` };
    case 'invalid_format':
      return formatMessage(key, l, typeof input === 'string' ? input : '', issue.format);
    case 'invalid_value':
      return { vi: `${l.vi}: hãy chọn một giá trị trong danh sách.`, en: `${l.en}: choose one of the listed values.` };
    case 'unrecognized_keys':
      return { vi: 'Biểu mẫu gửi thông tin không được nhận. Hãy tải lại trang.', en: 'The form sent something unexpected. Reload the page.' };
    case 'custom': {
      // A rule with its own plain message (text/validators.ts, via the contract's `checked`); for a
      // number typed short or long, what was typed is counted too.
      const own = issue.params?.message as Bilingual | undefined;
      if (!own || typeof own.vi !== 'string' || typeof own.en !== 'string') return { vi: `${l.vi} chưa đúng.`, en: `${l.en} is not valid.` };
      if ((key === 'idNumber' || key === 'phone') && typeof input === 'string' && input.trim()) {
        const digits = input.replace(/\D/g, '').length;
        return { vi: `${own.vi.replace(/\.$/, '')} (bạn nhập ${digits} chữ số).`, en: `${own.en.replace(/\.$/, '')} (you typed ${digits} digits).` };
      }
      return own;
    }
    default:
      return { vi: `${l.vi} chưa đúng.`, en: `${l.en} is not valid.` };
  }
}

function formatMessage(key: string, l: Bilingual, input: string, format: string): Bilingual {
  const digits = input.replace(/\D/g, '').length;
  switch (key) {
    case 'idNumber':
      return { vi: `Số căn cước gồm 12 chữ số (bạn nhập ${digits} chữ số${digits === input.trim().length ? '' : ' và ký tự khác'}).`, en: `An ID number has 12 digits (you typed ${digits}${digits === input.trim().length ? '' : ' and other characters'}).` };
    case 'phone':
      return { vi: `Số điện thoại gồm 10 chữ số, ví dụ 0912 345 678 (bạn nhập ${digits} chữ số).`, en: `A phone number has 10 digits, e.g. 0912 345 678 (you typed ${digits}).` };
    case 'email':
      return { vi: 'Thư điện tử chưa đúng, ví dụ: ten@example.com.', en: 'The email is not valid, e.g. name@example.com.' };
    case 'username':
      return { vi: 'Tên đăng nhập gồm 3–40 chữ cái không dấu, chữ số hoặc . _ -, ví dụ: nguyen.thi.lan.', en: 'A username has 3–40 plain letters, digits or . _ -, e.g. nguyen.thi.lan.' };
    default:
      if (format === 'date' || format === 'datetime') return { vi: `${l.vi}: ngày giờ chưa đúng.`, en: `${l.en}: the date is not valid.` };
      return { vi: `${l.vi} chưa đúng.`, en: `${l.en} is not valid.` };
  }
}

/** Every issue of a failed parse, one per field (the first for each), keyed by the field's path. */
export function plainIssues(issues: readonly z.core.$ZodIssue[]): { field: string; message: Bilingual }[] {
  const out: { field: string; message: Bilingual }[] = [];
  for (const issue of issues) {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys' && issue.keys.length) path.push(issue.keys[0]!);
    const field = path.join('.');
    if (!out.some((o) => o.field === field)) out.push({ field, message: plainIssue(issue) });
  }
  return out;
}
