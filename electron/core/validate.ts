import type { z } from 'zod';
import { AppError, fieldErrors, type Bilingual } from './errors.js';
import { plainIssues } from './field-messages.js';

/** Plain-language message for one schema issue, in Vietnamese and English. */
function describeIssue(issue: z.core.$ZodIssue, field: string): Bilingual {
  const name = field || 'dữ liệu';
  const nameEn = field || 'input';
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) {
        return { vi: `Thiếu trường “${name}”.`, en: `“${nameEn}” is required.` };
      }
      return {
        vi: `Trường “${name}” sai kiểu: cần ${issue.expected}.`,
        en: `“${nameEn}” has the wrong type: expected ${issue.expected}.`,
      };
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) <= 1) {
        return { vi: `Trường “${name}” không được để trống.`, en: `“${nameEn}” must not be empty.` };
      }
      return {
        vi: `Trường “${name}” quá nhỏ hoặc quá ngắn (tối thiểu ${String(issue.minimum)}).`,
        en: `“${nameEn}” is too small or too short (minimum ${String(issue.minimum)}).`,
      };
    case 'too_big':
      return {
        vi: `Trường “${name}” quá lớn hoặc quá dài (tối đa ${String(issue.maximum)}).`,
        en: `“${nameEn}” is too large or too long (maximum ${String(issue.maximum)}).`,
      };
    case 'unrecognized_keys':
      return {
        vi: `Không nhận trường “${issue.keys.join('”, “')}”${field ? ` trong “${field}”` : ''}.`,
        en: `Unknown field “${issue.keys.join('”, “')}”${field ? ` in “${field}”` : ''}.`,
      };
    case 'invalid_value':
      return {
        vi: `Giá trị của “${name}” không hợp lệ; được phép: ${issue.values.map(String).join(', ')}.`,
        en: `“${nameEn}” is not one of the allowed values: ${issue.values.map(String).join(', ')}.`,
      };
    case 'invalid_format':
      return {
        vi: `Trường “${name}” sai định dạng (${issue.format}).`,
        en: `“${nameEn}” is not in the expected format (${issue.format}).`,
      };
    case 'custom': {
      // A rule with its own plain message (text/validators.ts via the contract's `checked`).
      const own = issue.params?.message as Bilingual | undefined;
      if (own && typeof own.vi === 'string' && typeof own.en === 'string') return own;
      return { vi: `Trường “${name}” không hợp lệ.`, en: `“${nameEn}” is not valid.` };
    }
    default:
      return { vi: `Trường “${name}” không hợp lệ.`, en: `“${nameEn}” is not valid.` };
  }
}

/** Parses `value` with `schema`, or throws a validation AppError naming the first bad field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, prefix = ''): z.output<S> {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  let path = issue.path.map(String);
  // An unknown key names the key itself, so the message points at it.
  if (issue.code === 'unrecognized_keys' && issue.keys.length > 0) path = [...path, issue.keys[0]!];
  const field = [prefix, ...path].filter(Boolean).join('.');
  const messageField = issue.code === 'unrecognized_keys' ? [prefix, ...issue.path.map(String)].filter(Boolean).join('.') : field;
  return throwValidation(describeIssue(issue, messageField), field);
}

function throwValidation(message: Bilingual, field: string): never {
  throw new AppError('validation', message, { field });
}

/**
 * Parses a method's input for the people who typed it: one validation error naming every bad field
 * at once, each in plain words next to its field (field-messages.ts), never a path or a pattern.
 * `field` and the message are the first field's. (Config files keep `parseOrThrow`'s wording, which
 * names the key and the expected type for the IT admin.)
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  throw fieldErrors(plainIssues(result.error.issues));
}
