import { describe, expect, it } from 'vitest';
import { MAX_INPUT_DEPTH, jsonTextTooDeep, valueTooDeep } from '../../electron/core/depth.js';

const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('input nesting depth', () => {
  it('counts arrays and objects in JSON text, not brackets inside strings (escaped quotes too)', () => {
    expect(jsonTextTooDeep(nested(MAX_INPUT_DEPTH))).toBe(false);
    expect(jsonTextTooDeep(nested(MAX_INPUT_DEPTH + 1))).toBe(true);
    expect(jsonTextTooDeep(JSON.stringify({ note: '['.repeat(500), quoted: 'a \\" [[[[ "' }))).toBe(false);
    expect(jsonTextTooDeep(`{"a":${nested(20)},"b":{"c":${nested(20)}}}`)).toBe(false);
    expect(jsonTextTooDeep(`{"a":{"b":${nested(MAX_INPUT_DEPTH - 1)}}}`)).toBe(true);
  });

  it('walks a value without recursion, 100,000 levels deep included', () => {
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(valueTooDeep(deep)).toBe(true);
    expect(valueTooDeep(JSON.parse(nested(MAX_INPUT_DEPTH)))).toBe(false);
    expect(valueTooDeep({ documents: [{ name: 'Giấy chứng sinh', image: 'x'.repeat(1000) }], data: { a: { b: { c: 1 } } } })).toBe(false);
    expect(valueTooDeep('a string')).toBe(false);
  });
});
