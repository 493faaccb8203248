/** Typed errors that cross the boundary: a code, an optional field and a message in both languages. */
export type ErrorCode =
  | 'validation'
  | 'unknown_method'
  | 'not_found'
  | 'config_invalid'
  | 'db_too_new'
  | 'forbidden'
  | 'unauthorized'
  | 'rate_limited'
  /** Something this needs (the city portal) cannot be reached right now; try again later. */
  | 'unavailable'
  /** Already done and may be done only once (a dossier's rating). */
  | 'conflict'
  | 'internal';

export interface Bilingual {
  vi: string;
  en: string;
}

export interface ErrorPayload {
  code: ErrorCode;
  message: Bilingual;
  /** Dotted path of the offending field, for validation errors. */
  field?: string;
  /** File the error is about (config errors). */
  file?: string;
  /** Every bad field at once, each with its own message (validation errors). */
  fields?: FieldError[];
  /** Seconds until a refused call may be tried again (rate_limited), so a screen can count them down. */
  retryAfter?: number;
}

export interface FieldError {
  field: string;
  message: Bilingual;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly messages: Bilingual;
  readonly field?: string;
  readonly file?: string;
  readonly fields?: FieldError[];
  readonly retryAfter?: number;

  constructor(code: ErrorCode, message: Bilingual, extra: { field?: string; file?: string; fields?: FieldError[]; retryAfter?: number } = {}) {
    super(message.en);
    this.name = 'AppError';
    this.code = code;
    this.messages = message;
    this.field = extra.field;
    this.file = extra.file;
    this.fields = extra.fields;
    this.retryAfter = extra.retryAfter;
  }

  toPayload(): ErrorPayload {
    const payload: ErrorPayload = { code: this.code, message: this.messages };
    if (this.field !== undefined) payload.field = this.field;
    if (this.file !== undefined) payload.file = this.file;
    if (this.fields?.length) payload.fields = this.fields;
    if (this.retryAfter !== undefined) payload.retryAfter = this.retryAfter;
    return payload;
  }
}

/** Anything thrown becomes a payload the UI can show; internal details stay in the log. */
export function toErrorPayload(err: unknown): ErrorPayload {
  if (err instanceof AppError) return err.toPayload();
  return {
    code: 'internal',
    message: {
      vi: 'Đã có lỗi trong hệ thống. Vui lòng thử lại hoặc báo cán bộ hỗ trợ.',
      en: 'Something went wrong. Please try again or ask staff for help.',
    },
  };
}

export function isErrorPayload(value: unknown): value is ErrorPayload {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === 'string' && typeof v.message === 'object' && v.message !== null;
}

/** One validation error naming every bad field; its message and `field` are the first one's. */
export function fieldErrors(fields: FieldError[]): AppError {
  return new AppError('validation', fields[0]!.message, { field: fields[0]!.field, fields });
}
