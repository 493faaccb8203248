import { daysBetween, isCalendarDay } from '../time.js';
import { checkCccd, checkEmail, checkPhone } from '../text/validators.js';
import type { Bilingual, FieldDef, FormDefinition } from './types.js';

export interface FieldCheck {
  error?: Bilingual;
  warning?: Bilingual;
}

/** dd/mm/yyyy as residents type it → yyyy-mm-dd, or null. */
export function parseDate(text: string): string | null {
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text.trim());
  if (!m) return null;
  const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return isCalendarDay(iso) ? iso : null;
}

const FIELD_CHECKS = { cccd: checkCccd, phone: checkPhone, email: checkEmail } as const;

/**
 * A field's value in the form it is stored: a CCCD's 12 digits, a phone's "0912345678", an email
 * with its domain in lower case; other fields as typed. Call after `checkField` passed.
 */
export function storedValue(field: FieldDef, raw: string): string {
  if (field.type === 'cccd' || field.type === 'phone' || field.type === 'email') {
    const c = FIELD_CHECKS[field.type](raw);
    return c.ok ? c.value : raw;
  }
  return raw;
}

/** A date on a form is within this many years before today (the oldest people living are about 120). */
export const MAX_YEARS_BACK = 125;

/** Text fields hold at most this many characters (the filing's data is kept small: one paper's worth). */
export const TEXT_MAX = 500;

/**
 * How many characters a field can hold as a resident types it — the kiosk's text boxes stop there:
 * a CCCD's 12 digits with spaces between groups, a phone with its country code and separators
 * ("(+84) 912 345 678"), a date dd/mm/yyyy, a number as long as its largest value, an email (RFC 5321:
 * 254), any other text `TEXT_MAX`.
 */
export function fieldMaxLength(field: FieldDef): number {
  switch (field.type) {
    case 'cccd':
      return 15;
    case 'phone':
      return 20;
    case 'date':
      return 10;
    case 'number':
      return String(field.max ?? 999_999).length;
    case 'email':
      return 254;
    default:
      return TEXT_MAX;
  }
}

/** One field, as the law expects it; messages in plain Vietnamese and English. */
export function checkField(field: FieldDef, raw: unknown, today: string): FieldCheck {
  const value = typeof raw === 'string' ? raw.trim() : raw === undefined || raw === null ? '' : String(raw);
  if (!value) return field.required ? { error: { vi: `Vui lòng nhập ${field.label.vi.toLowerCase()}.`, en: `Please enter ${field.label.en.toLowerCase()}.` } } : {};
  switch (field.type) {
    case 'cccd':
    case 'phone':
    case 'email': {
      const c = FIELD_CHECKS[field.type](value);
      return c.ok ? {} : { error: c.message };
    }
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
      // No one living was born, and no record a resident files dates from, that long ago: a mistyped year.
      const earliest = Number(today.slice(0, 4)) - MAX_YEARS_BACK;
      if (Number(iso.slice(0, 4)) < earliest) {
        return { error: { vi: `Năm ${iso.slice(0, 4)} quá xa (trước năm ${earliest}). Vui lòng kiểm tra lại năm.`, en: `The year ${iso.slice(0, 4)} is too long ago (before ${earliest}). Please check the year.` } };
      }
      if (field.warnIfOlderThanDays !== undefined) {
        const days = daysBetween(iso, today);
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
      return value.length > TEXT_MAX ? { error: { vi: 'Nội dung quá dài.', en: 'Too long.' } } : {};
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
