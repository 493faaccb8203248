/**
 * As-you-type search: the relevance suite's real queries (Vietnamese and English) typed one key at
 * a time through `catalog.search`. Relevance: at the prefix cut mid-word (`typingPrefix`), is the
 * full query's answer already in the top 3? Latency: every keystroke from the second letter on.
 */
import type { Core } from '../../electron/core/index.js';
import { RESIDENT_QUERIES, typingPrefix } from '../helpers/resident-queries.js';
import { atLeast, summary, time, verdict, type Row } from './stats.js';

export async function asYouTypeRows(core: Core): Promise<{ rows: Row[]; misses: string[] }> {
  // Procedure codes are read off a form, not typed word by word.
  const typed = RESIDENT_QUERIES.filter((q) => !/^\d\.\d{6}$/.test(q.query));
  let found = 0;
  const misses: string[] = [];
  for (const q of typed) {
    const prefix = typingPrefix(q.query);
    const result = await core.call('catalog.search', { query: prefix, limit: 3, lang: q.lang });
    if (result.procedures.some((p) => p.code === q.code)) found++;
    else misses.push(`${prefix} → ${q.code}`);
  }
  const latencies: number[] = [];
  const keystrokes = () => {
    for (const q of typed) {
      const chars = [...q.query];
      for (let n = 2; n <= chars.length; n++) {
        const query = chars.slice(0, n).join('');
        latencies.push(time(() => core.call('catalog.search', { query, limit: 20, laws: true, lang: q.lang })).ms);
      }
    }
  };
  keystrokes(); // warm up
  latencies.length = 0;
  keystrokes();
  const share = Math.round((found / typed.length) * 1000) / 10;
  return {
    rows: [
      atLeast(`as you type: full query's answer in the top 3 at a mid-word prefix (${typed.length} queries)`, share, 90, '%'),
      ...verdict('as you type: each keystroke through catalog.search (with laws)', summary(latencies), { p95: 10 }),
    ],
    misses,
  };
}
