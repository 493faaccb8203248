import type { Bilingual, FieldDef, FormDefinition } from './types.js';

export interface FieldCheck {
  error?: Bilingual;
  warning?: Bilingual;
}

const DAY = 86_400_000;

/** dd/mm/yyyy as residents type it → yyyy-mm-dd, or null. */
export function parseDate(text: string): string | null {
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text.trim());
  if (!m) return null;
  const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? null : iso;
}

/** One field, as the law expects it; messages in plain Vietnamese and English. */
export function checkField(field: FieldDef, raw: unknown, today: string): FieldCheck {
  const value = typeof raw === 'string' ? raw.trim() : raw === undefined || raw === null ? '' : String(raw);
  if (!value) return field.required ? { error: { vi: `Vui lòng nhập ${field.label.vi.toLowerCase()}.`, en: `Please enter ${field.label.en.toLowerCase()}.` } } : {};
  switch (field.type) {
    case 'cccd':
      return /^\d{12}$/.test(value) ? {} : { error: { vi: 'Số căn cước công dân gồm đúng 12 chữ số.', en: 'A citizen ID number has exactly 12 digits.' } };
    case 'phone':
      return /^(0|\+84)\d{9,10}$/.test(value.replace(/[\s.]/g, '')) ? {} : { error: { vi: 'Số điện thoại chưa đúng (ví dụ 0912345678).', en: 'This phone number is not valid (e.g. 0912345678).' } };
    case 'email':
      return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) ? {} : { error: { vi: 'Địa chỉ email chưa đúng.', en: 'This email address is not valid.' } };
    case 'number': {
      const n = Number(value);
      if (!Number.isFinite(n)) return { error: { vi: 'Vui lòng nhập một số.', en: 'Please enter a number.' } };
      if ((field.min !== undefined && n < field.min) || (field.max !== undefined && n > field.max)) {
        return { error: { vi: `Giá trị phải từ ${field.min} đến ${field.max}.`, en: `The value must be between ${field.min} and ${field.max}.` } };
      }
      return {};
    }
    case 'select':
      return field.options?.some((o) => o.value === value) ? {} : { error: { vi: 'Vui lòng chọn một mục.', en: 'Please choose one.' } };
    case 'date': {
      const iso = parseDate(value);
      if (!iso) return { error: { vi: 'Ngày chưa đúng, hãy nhập theo dạng ngày/tháng/năm (ví dụ 05/03/2026).', en: 'Enter the date as day/month/year (e.g. 05/03/2026).' } };
      if (field.notFuture && iso > today) return { error: { vi: 'Ngày này chưa tới. Vui lòng kiểm tra lại.', en: 'This date is in the future. Please check.' } };
      if (field.warnIfOlderThanDays !== undefined) {
        const days = Math.floor((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${iso}T00:00:00Z`)) / DAY);
        if (days > field.warnIfOlderThanDays) {
          return {
            warning: {
              vi: `Đã quá ${field.warnIfOlderThanDays} ngày kể từ ngày này: việc đăng ký là quá hạn, cán bộ có thể hỏi thêm lý do.`,
              en: `More than ${field.warnIfOlderThanDays} days have passed: this is a late registration and the officer may ask why.`,
            },
          };
        }
      }
      return {};
    }
    default:
      return value.length > 500 ? { error: { vi: 'Nội dung quá dài.', en: 'Too long.' } } : {};
  }
}

/** The whole form: errors and warnings by field id. */
export function checkForm(def: FormDefinition, values: Record<string, unknown>, today: string): { errors: Record<string, Bilingual>; warnings: Record<string, Bilingual> } {
  const errors: Record<string, Bilingual> = {};
  const warnings: Record<string, Bilingual> = {};
  for (const step of def.steps) {
    for (const field of step.fields) {
      const c = checkField(field, values[field.id], today);
      if (c.error) errors[field.id] = c.error;
      if (c.warning) warnings[field.id] = c.warning;
    }
  }
  return { errors, warnings };
}
