/**
 * Resident-style queries against the real catalog: with and without tones, Telex typed with the
 * input method off, abbreviations, everyday words, typos, whole questions and English (in English
 * mode). The expected procedure must be in the top 3.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/index.js';
import { makeCatalogCore } from '../helpers/catalog.js';
import { RESIDENT_QUERIES } from '../helpers/resident-queries.js';

describe('search relevance: what residents type', () => {
  let core: Core;
  beforeAll(() => {
    core = makeCatalogCore().core;
  });
  afterAll(() => core.close());

  it('has at least 90 queries of every kind, 40 of them everyday questions and English', () => {
    expect(RESIDENT_QUERIES.length).toBeGreaterThanOrEqual(90);
    for (const kind of ['no tones', 'telex', 'abbreviation', 'everyday', 'typo', 'i/y', 'filler', 'glued', 'everyday verb', 'question', 'english']) {
      expect(RESIDENT_QUERIES.some((q) => q.kind === kind)).toBe(true);
    }
    expect(RESIDENT_QUERIES.filter((q) => /filler|glued|verb|question|english/.test(q.kind) || q.lang === 'en').length).toBeGreaterThanOrEqual(40);
  });

  for (const { query, code, kind, lang } of RESIDENT_QUERIES) {
    it(`“${query}” (${kind}) finds ${code} in the top 3`, async () => {
      const result = await core.call('catalog.search', { query, limit: 3, lang });
      expect(result.procedures.map((p) => `${p.code} ${p.name}`).join('\n')).toContain(code);
    });
  }
});
