/**
 * How deep an input may nest. No method takes more than a few levels (a filing's documents are
 * objects in an array in an object), while a few kilobytes of `[[[[…` make every recursive walker —
 * the structured clone to the core host, text normalization, the schema — overflow its stack. So a
 * transport refuses depth beyond MAX_INPUT_DEPTH as bad input (400), before anything walks it.
 */
import { AppError } from './errors.js';

export const MAX_INPUT_DEPTH = 32;

export const tooDeep = () =>
  new AppError('validation', {
    vi: `Dữ liệu gửi lên lồng nhau quá sâu (tối đa ${MAX_INPUT_DEPTH} tầng).`,
    en: `The input is nested too deeply (${MAX_INPUT_DEPTH} levels at most).`,
  });

/** True when JSON text opens more than `max` arrays or objects inside one another (strings skipped), in one pass. */
export function jsonTextTooDeep(text: string, max = MAX_INPUT_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/** True when a value nests arrays or objects more than `max` deep; walks with its own stack, never recursion. */
export function valueTooDeep(value: unknown, max = MAX_INPUT_DEPTH): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (d > max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v as Record<string, unknown>)) if (typeof child === 'object' && child !== null) stack.push([child, d + 1]);
  }
  return false;
}
