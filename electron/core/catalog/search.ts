import type { Db } from '../db/open.js';
import { composeWord } from '../text/ime.js';
import { normalizeTonePlacement, searchFold, words } from '../text/fold.js';
import { procedureAudience, type Audience } from './audience.js';
import type { LawHit, ProcedureHit, Range } from './model.js';
import { toSummary } from './repo.js';
import { ABBREVIATIONS, EVERYDAY_WORDS, FILLER_WORDS } from './synonyms.js';

type Row = { code: string; name: string; sector: string; levels: string; commune: number; essential: number; online: number; name_words: string; name_exact: string; bm25: number };

export interface ProcedureSearch {
  hits: ProcedureHit[];
  total: number;
  parsed: ParsedQuery;
  /** Words left out because no procedure has them all (as typed). */
  relaxed: string[];
  match: 'good' | 'weak' | 'none';
}

export interface SearchOptions {
  /** Leave out what never reaches a resident (internal notices, other provinces' items). */
  residents?: boolean;
  limit?: number;
  offset?: number;
  /** Boosts for a ward's kiosk: commune-level and essential procedures rise. 0 = no boost. */
  communeBoost?: number;
  essentialBoost?: number;
}

/**
 * One alternative for a group: folded terms, as an exact phrase (abbreviations) or all of them in
 * any order (everyday words → official wording); a single term may be a prefix.
 */
interface Alternative {
  terms: string[];
  prefix: boolean;
  anyOrder?: boolean;
}

export interface ParsedQuery {
  /** Every group must match (one of its alternatives). */
  groups: Alternative[][];
  /** Each group's words as typed, for saying which were left out when a query is relaxed. */
  groupWords: string[];
  /** Filler words ("xin", "thủ tục"…) as typed: never required. */
  fillers: string[];
  /** The query was filler words only, taken as they are. */
  literal?: boolean;
  /** Words dropped because nothing in the catalog resembles them. */
  ignored: string[];
  /** Query words as typed (lower case, tones normalized) for the exact-diacritic bonus. */
  exactWords: string[];
  /** Every term that may match, for highlighting. */
  terms: string[];
  prefixes: string[];
}

const MAX_QUERY = 200;
const CANDIDATES = 100;
/** Below this many name matches, matches elsewhere in the record are looked at too. */
const FEW_NAME_MATCHES = 10;

const foldedTable = (table: Record<string, string[]>) =>
  new Map(Object.entries(table).map(([k, v]) => [words(searchFold(k)).join(' '), v.map((p) => words(searchFold(p)))]));

/** A vocabulary of indexed terms with prefix lookup and one-typo neighbours. */
export class Vocabulary {
  private readonly terms: Set<string>;
  private readonly sorted: string[];
  private deletes: Map<string, string[]> | null = null;

  constructor(terms: Iterable<string>) {
    this.terms = new Set(terms);
    this.sorted = [...this.terms].sort();
  }

  has(term: string): boolean {
    return this.terms.has(term);
  }

  hasPrefix(prefix: string): boolean {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sorted[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.sorted.length && this.sorted[lo]!.startsWith(prefix);
  }

  private static deletions(term: string): string[] {
    const out: string[] = [];
    for (let i = 0; i < term.length; i++) out.push(term.slice(0, i) + term.slice(i + 1));
    return out;
  }

  /** Terms at one edit (insert, delete, substitute) from `term`, by symmetric deletion. */
  neighbours(term: string): string[] {
    if (!this.deletes) {
      this.deletes = new Map();
      for (const t of this.terms) {
        if (t.length < 4) continue;
        for (const d of [t, ...Vocabulary.deletions(t)]) {
          const list = this.deletes.get(d);
          if (list) list.push(t);
          else this.deletes.set(d, [t]);
        }
      }
    }
    const found = new Set<string>();
    for (const d of [term, ...Vocabulary.deletions(term)]) {
      for (const t of this.deletes.get(d) ?? []) if (Math.abs(t.length - term.length) <= 1 && t !== term) found.add(t);
    }
    if (this.terms.has(term)) found.add(term);
    return [...found];
  }
}

/**
 * A word glued from two or three index words ("hokhau", "dangkikhaisinh" is too long to guess), each
 * part two letters or more; the last part may be a prefix while typing. Fewest parts win.
 */
export function splitGlued(word: string, vocab: Vocabulary, lastIsPrefix: boolean): string[] | null {
  if (word.length < 4 || word.length > 16 || /\d/.test(word)) return null;
  const fits = (part: string, last: boolean) => vocab.has(part) || (last && lastIsPrefix && part.length >= 2 && vocab.hasPrefix(part));
  for (let a = 2; a <= word.length - 2; a++) {
    const head = word.slice(0, a);
    if (vocab.has(head) && vocab.has(word.slice(a))) return [head, word.slice(a)];
  }
  for (let a = 2; a <= word.length - 2; a++) {
    const head = word.slice(0, a);
    if (!vocab.has(head)) continue;
    if (fits(word.slice(a), true)) return [head, word.slice(a)];
    for (let b = a + 2; b <= word.length - 2; b++) {
      if (vocab.has(word.slice(a, b)) && fits(word.slice(b), true)) return [head, word.slice(a, b), word.slice(b)];
    }
  }
  return null;
}

/** Terms are folded letters and digits only, so quoting them is safe. */
function alternativeExpr(a: Alternative): string {
  if (a.anyOrder && a.terms.length > 1) return `(${a.terms.map((t) => `"${t}"`).join(' AND ')})`;
  const phrase = `"${a.terms.join(' ')}"`;
  return a.prefix ? `${phrase}*` : phrase;
}

export function ftsExpression(groups: Alternative[][]): string {
  return groups.map((g) => `(${g.map(alternativeExpr).join(' OR ')})`).join(' AND ');
}

/** Finds word-start matches of terms (and prefixes) in `text`; ranges index into `text`. */
export function highlight(text: string, terms: string[], prefixes: string[]): Range[] {
  const folded = searchFold(text);
  const ranges: Range[] = [];
  const re = /[\p{L}\p{N}]+/gu;
  for (const m of folded.matchAll(re)) {
    const w = m[0];
    let len = 0;
    if (terms.includes(w)) len = w.length;
    else {
      const p = prefixes.find((pre) => w.startsWith(pre));
      if (p) len = p.length;
    }
    if (len > 0) ranges.push([m.index, m.index + len]);
  }
  return ranges;
}

/** The search engine over one database: procedures and law articles. */
const PROCEDURE_CODE = /^\d\.\d{6}(\.[0-9A-Za-z.]+)?$/;

export class CatalogSearch {
  private procVocab: Vocabulary;
  private audience: Map<string, Audience> | null = null;
  private lawVocab: Vocabulary;
  private readonly abbreviations = foldedTable(ABBREVIATIONS);
  private readonly everyday = foldedTable(EVERYDAY_WORDS);
  private readonly fillers = foldedTable(FILLER_WORDS);
  /** Filler keys folded → as written (tone placement normalized), to match words typed with tones. */
  private readonly fillerExact = new Map(Object.keys(FILLER_WORDS).map((k) => [words(searchFold(k)).join(' '), normalizeTonePlacement(k)]));
  private readonly maxPhrase = Math.max(...[...this.everyday.keys(), ...this.fillers.keys()].map((k) => k.split(' ').length));

  constructor(private readonly db: Db) {
    this.procVocab = this.loadVocab('procedures_vocab');
    this.lawVocab = this.loadVocab('law_vocab');
  }

  private loadVocab(table: string): Vocabulary {
    return new Vocabulary(this.db.prepare<[], { term: string }>(`SELECT term FROM ${table}`).all().map((r) => r.term));
  }

  /** Call after the catalog was replaced. */
  reload(): void {
    this.procVocab = this.loadVocab('procedures_vocab');
    this.lawVocab = this.loadVocab('law_vocab');
    this.audience = null;
    this.generation++;
  }

  /** Counts up each time the catalog is replaced: what is computed from the catalog is kept until then. */
  generation = 0;

  /**
   * Words as typed → words as the index has them: a word glued from two or three index words is
   * split ("hokhau" → "ho khau", "khaisinh"), two pieces that make one known word are joined
   * ("pass port", "cc cd"). Raw and folded stay in step.
   */
  private mendWords(raw: string[], folded: string[], vocab: Vocabulary, endsInWord: boolean): void {
    const known = (f: string) => vocab.has(f) || this.abbreviations.has(f) || this.everyday.has(f) || this.fillers.has(f);
    for (let i = 0; i < folded.length; i++) {
      const f = folded[i]!;
      const isLast = i === folded.length - 1 && endsInWord;
      if (known(f) || (isLast && vocab.hasPrefix(f))) continue;
      const telex = searchFold(composeWord(raw[i]!, { method: 'telex' }));
      if (telex !== f && (vocab.has(telex) || (isLast && vocab.hasPrefix(telex)))) continue;
      const next = folded[i + 1];
      if (next !== undefined && !vocab.has(next) && known(f + next)) {
        raw.splice(i, 2, raw[i]! + raw[i + 1]!);
        folded.splice(i, 2, f + next);
        continue;
      }
      // A word one typo away from an index word is that word mistyped, not two glued.
      if (f.length >= 5 && vocab.neighbours(f).length > 0) continue;
      const parts = splitGlued(f, vocab, isLast);
      if (parts) {
        raw.splice(i, 1, ...parts);
        folded.splice(i, 1, ...parts);
        i += parts.length - 1;
      }
    }
  }

  /** Turns what a resident typed into groups of alternatives over the index vocabulary. */
  parse(query: string, vocab: Vocabulary): ParsedQuery {
    const q = query.normalize('NFC').slice(0, MAX_QUERY);
    const raw = q.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    const endsInWord = /[\p{L}\p{N}]$/u.test(q);
    const folded = raw.map(searchFold);
    this.mendWords(raw, folded, vocab, endsInWord);
    const groups: Alternative[][] = [];
    const groupWords: string[] = [];
    const optional: Alternative[][] = [];
    const fillerWords: string[] = [];
    const ignored: string[] = [];
    const terms = new Set<string>();
    const prefixes = new Set<string>();
    const known = (phrase: string[]) => phrase.every((t) => vocab.has(t));
    // A filler counts as typed: with tones it must be that word ("lâm" is not "làm"), without tones any.
    const isFiller = (i: number, n: number) => {
      const key = folded.slice(i, i + n).join(' ');
      const exact = this.fillerExact.get(key);
      if (!exact) return false;
      const typed = raw.slice(i, i + n).join(' ');
      return typed === key || normalizeTonePlacement(typed) === exact;
    };

    let i = 0;
    while (i < raw.length) {
      // Longest everyday phrase, abbreviation or filler starting here.
      let matched = false;
      for (let n = Math.min(this.maxPhrase, raw.length - i); n >= 1 && !matched; n--) {
        const key = folded.slice(i, i + n).join(' ');
        const typed = raw.slice(i, i + n).join(' ');
        // A filler phrase being typed ("mất bao lâ") is a filler too.
        const fillerTyped = i + n === raw.length && endsInWord && n > 1 && folded[i + n - 1]!.length >= 2 && [...this.fillers.keys()].some((k) => k.startsWith(key) && k.split(' ').length === n);
        if (fillerTyped || isFiller(i, n)) {
          const alts = (this.fillers.get(key) ?? []).filter(known).map((t) => ({ terms: t, prefix: false }));
          optional.push(alts);
          fillerWords.push(typed);
          i += n;
          matched = true;
          continue;
        }
        const everyday = this.everyday.get(key);
        const expansions = everyday ?? (n === 1 ? this.abbreviations.get(key) : undefined);
        // While typing, the phrase whose last word starts with the last letters ("nhap ho kh" → nhập hộ khẩu).
        const completing = !expansions && i + n === raw.length && endsInWord && (n > 1 || folded[i]!.length >= 2) ? this.completions(folded.slice(i, i + n)) : null;
        if (!expansions && !completing) continue;
        const alts: Alternative[] = (expansions ?? completing!).filter(known).map((t) => ({ terms: t, prefix: false, anyOrder: everyday !== undefined || completing !== null }));
        const original = folded.slice(i, i + n);
        if (known(original)) alts.push({ terms: original, prefix: false });
        else if (completing && known(original.slice(0, -1)) && vocab.hasPrefix(original[n - 1]!)) alts.push({ terms: original, prefix: true });
        if (alts.length === 0) continue;
        for (const a of alts) (a.prefix ? a.terms.slice(0, -1) : a.terms).forEach((t) => terms.add(t));
        for (const a of alts) if (a.prefix) prefixes.add(a.terms[a.terms.length - 1]!);
        groups.push(alts);
        groupWords.push(typed);
        i += n;
        matched = true;
      }
      if (matched) continue;

      const word = raw[i]!;
      const f = folded[i]!;
      const isLast = i === raw.length - 1 && endsInWord;
      const alts: Alternative[] = [];
      const add = (t: string, prefix = false) => {
        if (!alts.some((a) => a.terms[0] === t && a.prefix === prefix)) alts.push({ terms: [t], prefix });
      };
      if (vocab.has(f)) add(f);
      // Telex typed with the input method off: "ddawng" → "đăng", "kys" → "ký".
      const telex = searchFold(composeWord(word, { method: 'telex' }));
      if (telex !== f && vocab.has(telex)) add(telex);
      // While typing, the last word is a prefix of two letters or more; a first letter alone says
      // too little to narrow anything (and costs the most), so it waits for the next key.
      if (isLast && f.length === 1 && groups.length > 0) {
        i++;
        continue;
      }
      if (isLast && f.length >= 2 && vocab.hasPrefix(f)) add(f, true);
      if (isLast && telex !== f && telex.length >= 2 && vocab.hasPrefix(telex)) add(telex, true);
      // One typo in a word of five letters or more.
      if (alts.length === 0) {
        for (const candidate of new Set([f, telex])) {
          if (candidate.length >= 5) for (const t of vocab.neighbours(candidate).slice(0, 6)) add(t);
        }
      }
      if (alts.length === 0) ignored.push(word);
      else {
        for (const a of alts) (a.prefix ? prefixes : terms).add(a.terms[0]!);
        groups.push(alts);
        groupWords.push(word);
      }
      i++;
    }
    // Only filler words: then they are what the resident is looking for.
    if (groups.length === 0 && fillerWords.length > 0) return this.parseLiteral(raw, folded, vocab, endsInWord);
    for (const g of optional) for (const a of g) a.terms.forEach((t) => terms.add(t));
    const exactWords = raw.filter((w) => w !== searchFold(w)).map(normalizeTonePlacement);
    return { groups, groupWords, ignored, fillers: fillerWords, exactWords, terms: [...terms], prefixes: [...prefixes] };
  }

  /** Every word as it is, required: for a query made of filler words only ("giấy tờ"). */
  private parseLiteral(raw: string[], folded: string[], vocab: Vocabulary, endsInWord: boolean): ParsedQuery {
    const groups: Alternative[][] = [];
    const groupWords: string[] = [];
    const ignored: string[] = [];
    const terms = new Set<string>();
    const prefixes = new Set<string>();
    folded.forEach((f, i) => {
      const isLast = i === folded.length - 1 && endsInWord;
      if (vocab.has(f)) {
        groups.push([{ terms: [f], prefix: false }]);
        terms.add(f);
      } else if (isLast && vocab.hasPrefix(f)) {
        groups.push([{ terms: [f], prefix: true }]);
        prefixes.add(f);
      } else {
        ignored.push(raw[i]!);
        return;
      }
      groupWords.push(raw[i]!);
    });
    const exactWords = raw.filter((w) => w !== searchFold(w)).map(normalizeTonePlacement);
    return { groups, groupWords, ignored, fillers: [], exactWords, terms: [...terms], prefixes: [...prefixes], literal: true };
  }

  /** Everyday phrases and abbreviations that `typed` begins, its last word cut short (as-you-type). */
  private completions(typed: string[]): string[][] | null {
    const head = typed.slice(0, -1).join(' ');
    const last = typed[typed.length - 1]!;
    const out: string[][] = [];
    for (const table of [this.everyday, this.abbreviations]) {
      for (const [key, expansions] of table) {
        const words = key.split(' ');
        if (words.length !== typed.length || words.slice(0, -1).join(' ') !== head || !words[words.length - 1]!.startsWith(last)) continue;
        // A single word completes only an abbreviation typed at least half-way ("ccc" → cccd).
        if (words.length === 1 && last.length * 2 < key.length) continue;
        out.push(...expansions);
      }
    }
    return out.length ? out : null;
  }

  /** Who each procedure is for (`audience.ts`), computed once per catalog, on first use. */
  audienceOf(code: string): Audience {
    if (!this.audience) {
      const rows = this.db
        .prepare<[], { code: string; name: string; levels: string; essential: number; applicants: string | null }>(
          "SELECT code, name, levels, essential, json_extract(data, '$.applicants') AS applicants FROM procedures",
        )
        .all();
      this.audience = new Map(
        rows.map((r) => [r.code, procedureAudience({ name: r.name, levels: r.levels ? r.levels.split(',') : [], applicants: r.applicants ? (JSON.parse(r.applicants) as string[]) : [], essential: r.essential === 1 })]),
      );
    }
    return this.audience.get(code) ?? 'other';
  }

  /**
   * Procedures for what a resident typed, best first. `match` says how well the best one answers:
   * `good` (its name has every word that means something), `weak` (only loosely: the words are
   * elsewhere in the record, or some had to be left out — `relaxed` names them), `none`.
   * `residents` leaves out what never reaches a resident (internal notices, other provinces' items).
   */
  searchProcedures(query: string, opts: SearchOptions = {}): ProcedureSearch {
    const { limit = 20, offset = 0, communeBoost = 0, essentialBoost = 0, residents = false } = opts;
    const columns = 'p.code, p.name, p.sector, p.levels, p.commune, p.essential, p.online, p.name_words, p.name_exact';
    // A procedure code (1.001193, or with a province's suffix) is looked up as a code, not as words:
    // officers and residents read it off a form or a receipt.
    const code = query.trim();
    if (PROCEDURE_CODE.test(code)) {
      const rows = this.db.prepare<[string, string], Row>(`SELECT ${columns}, 0 AS bm25 FROM procedures p WHERE p.code = ? OR p.code LIKE ? ORDER BY length(p.code), p.code LIMIT 50`).all(code, `${code}.%`);
      const none: ParsedQuery = { groups: [], groupWords: [], fillers: [], ignored: [], exactWords: [], terms: [], prefixes: [] };
      if (rows.length) return { hits: rows.slice(offset, offset + limit).map((r) => ({ ...toSummary(r), score: 1, highlights: [] })), total: rows.length, parsed: none, relaxed: [], match: 'good' };
    }
    const parsed = this.parse(query, this.procVocab);
    if (parsed.groups.length === 0) return { hits: [], total: 0, parsed, relaxed: [], match: 'none' };
    const keep = (r: Row) => !residents || this.audienceOf(r.code) !== 'internal';
    let groups = parsed.groups;
    let groupWords = parsed.groupWords;
    const judge = (g: Alternative[][], namesOnly = false) => {
      const rows = this.candidates(g, offset, namesOnly).filter(keep);
      const ctx = relevanceContext({ ...parsed, groups: g });
      let covered = 0;
      let top = 0;
      for (const r of rows) {
        covered = Math.max(covered, groupsInName(r.name_words, ctx));
        top = Math.max(top, nameRelevance(r.name_words, r.name_exact, ctx));
      }
      return { rows, covered, top };
    };
    let current = judge(groups);
    // Words that cannot all match: leave out the one whose absence gives the best-fitting names,
    // rather than return nothing (or names that have only some of the words), and say which. A third
    // of the words at most may go, unless nothing at all matches them together.
    // A word still being typed may always go: the next key may well fit.
    const typing = groups[groups.length - 1]!.every((a) => a.prefix);
    let mayDrop = Math.floor(groups.length / 3) + (typing ? 1 : 0);
    // Each try is a look-up in the index: a long question gets a bounded number of them.
    let tries = 12;
    while (groups.length > 1 && tries > 0 && (current.rows.length === 0 || (current.covered < 1 && mayDrop > 0))) {
      const someMatch = current.rows.length > 0;
      const attempt = (namesOnly: boolean) => {
        let found: { k: number; judged: ReturnType<typeof judge> } | null = null;
        for (let k = 0; k < groups.length; k++) {
          // While some procedures match every word, only a word at either end may go: the middle of
          // "người cao tuổi" is what it means.
          if (someMatch && k !== 0 && k !== groups.length - 1) continue;
          if (tries-- <= 0) break;
          const judged = judge(groups.filter((_, j) => j !== k), namesOnly);
          if (!judged.rows.length) continue;
          if (!found || judged.covered > found.judged.covered || (judged.covered === found.judged.covered && judged.top > found.judged.top)) found = { k, judged };
        }
        return found;
      };
      // A shorter query is tried on names first (what "covered" measures), on the whole record only
      // when no name has the words left; the one chosen is then read whole.
      const best = someMatch ? (attempt(true) ?? attempt(false)) : attempt(false);
      if (current.rows.length > 0 && (!best || best.judged.covered <= current.covered)) break;
      const k = best?.k ?? groups.length - 1;
      groups = groups.filter((_, j) => j !== k);
      groupWords = groupWords.filter((_, j) => j !== k);
      current = best && !(current.rows.length > 0) ? best.judged : judge(groups);
      mayDrop--;
    }
    const rows = current.rows;
    const relaxed = parsed.groupWords.filter((w) => !groupWords.includes(w));
    const used: ParsedQuery = groups === parsed.groups ? parsed : { ...parsed, groups, groupWords };
    const context = relevanceContext(used);
    // The name decides the order (bm25 only nudges it), and a ward's commune-level and essential
    // procedures rise.
    const ranked = rows
      .map((r) => ({
        ...r,
        score: -(nameRelevance(r.name_words, r.name_exact, context) * (1 + communeBoost * r.commune + essentialBoost * r.essential) + 0.05 * Math.log1p(-r.bm25)),
      }))
      .sort((a, b) => a.score - b.score || a.bm25 - b.bm25 || a.code.localeCompare(b.code));
    const hits = ranked.slice(offset, offset + limit).map((r) => ({
      ...toSummary(r),
      score: Math.round(-r.score * 1000) / 1000,
      highlights: highlight(r.name, parsed.terms, parsed.prefixes),
    }));
    // A good answer has every word left in its name; a long question may miss one in three.
    const top = ranked[0];
    const covered = top ? groupsInName(top.name_words, context) : 0;
    const match = !top ? 'none' : covered === 1 || (groups.length >= 3 && covered >= 2 / 3) ? 'good' : 'weak';
    return { hits, total: rows.length, parsed: used, relaxed, match };
  }

  /** The best candidate rows for all of `groups`: names first, the whole record when names give few. */
  private candidates(groups: Alternative[][], offset: number, namesOnly = false): Row[] {
    const expr = ftsExpression(groups);
    const columns = 'p.code, p.name, p.sector, p.levels, p.commune, p.essential, p.online, p.name_words, p.name_exact';
    // Rank inside the index first and look up only the best rows (a join per match is what costs
    // at 100,000 procedures).
    const window = (table: string, rank: string) =>
      this.db
        .prepare<[string, number], Row>(
          `SELECT ${columns}, f.bm25 FROM (SELECT rowid, ${rank} AS bm25 FROM ${table} WHERE ${table} MATCH ? ORDER BY bm25 LIMIT ?) f
           JOIN procedures p ON p.id = f.rowid`,
        )
        .all(expr, CANDIDATES);
    // Procedures whose name holds every word come first; only when there are too few of them are
    // matches in the rest of the record (documents, results, legal bases…) looked at too.
    const byCode = new Map<string, Row>();
    for (const r of window('procedure_names_fts', 'bm25(procedure_names_fts)')) byCode.set(r.code, r);
    // A word of one or two letters still being typed matches too much of the whole record to be worth
    // reading it: the names answer until the next key.
    const shortPrefix = groups.some((g) => g.some((a) => a.prefix && a.terms[a.terms.length - 1]!.length < 3));
    if (!namesOnly && !shortPrefix && byCode.size < Math.max(FEW_NAME_MATCHES, offset + 1)) {
      for (const r of window('procedures_fts', 'bm25(procedures_fts, 4.0, 2.0, 1.0)')) if (!byCode.has(r.code)) byCode.set(r.code, r);
    }
    return [...byCode.values()];
  }

  searchLaws(query: string, opts: { limit?: number; lawId?: string } = {}): { hits: LawHit[]; parsed: ParsedQuery } {
    const { limit = 10, lawId } = opts;
    const parsed = this.parse(query, this.lawVocab);
    // Filler words alone, or a word of one or two letters still being typed, find every article: wait.
    const waiting = parsed.literal || parsed.groups.some((g) => g.every((a) => a.prefix && a.terms[a.terms.length - 1]!.length < 3));
    if (parsed.groups.length === 0 || waiting) return { hits: [], parsed };
    type LawRow = { article_id: string; law_id: string; law_title: string; number: string; title: string; text: string };
    const expr = ftsExpression(parsed.groups);
    let rows: LawRow[];
    if (lawId) {
      rows = this.db
        .prepare<[string, string, number], LawRow>(
          `SELECT a.article_id, a.law_id, l.title AS law_title, a.number, a.title, a.text
           FROM law_fts JOIN law_articles a ON a.id = law_fts.rowid JOIN laws l ON l.id = a.law_id
           WHERE law_fts MATCH ? AND a.law_id = ?
           ORDER BY bm25(law_fts, 5.0, 1.0) LIMIT ?`,
        )
        .all(expr, lawId, limit);
    } else {
      // Ranked inside the index, then only the best rows joined; articles whose title has the words
      // first, the text only when titles give too few (a common word is in thousands of articles).
      const ranked = (match: string, n: number) =>
        this.db
          .prepare<[string, number], LawRow>(
            `SELECT a.article_id, a.law_id, l.title AS law_title, a.number, a.title, a.text
             FROM (SELECT rowid, bm25(law_fts, 5.0, 1.0) AS rank FROM law_fts WHERE law_fts MATCH ? ORDER BY rank LIMIT ?) f
             JOIN law_articles a ON a.id = f.rowid JOIN laws l ON l.id = a.law_id ORDER BY f.rank`,
          )
          .all(match, n);
      rows = ranked(`title : (${expr})`, limit);
      if (rows.length < limit) {
        const seen = new Set(rows.map((r) => r.article_id));
        rows.push(...ranked(expr, limit).filter((r) => !seen.has(r.article_id)).slice(0, limit - rows.length));
      }
    }
    const hits = rows.map((r) => {
      const snippet = makeSnippet(r.text, parsed.terms, parsed.prefixes);
      return {
        articleId: r.article_id,
        lawId: r.law_id,
        lawTitle: r.law_title,
        number: r.number,
        title: r.title,
        snippet: snippet.text,
        highlights: snippet.highlights,
        titleHighlights: highlight(r.title, parsed.terms, parsed.prefixes),
      };
    });
    return { hits, parsed };
  }
}

/** Names that start by issuing or registering something: what a resident usually comes for. */
const PRIMARY_ACTIONS = ['dang ki', 'cap'];
const SECONDARY_ACTIONS = ['lai', 'gia han', 'dieu chinh', 'thu hoi', 'huy', 'xoa', 'tam ngung', 'cham dut', 'trinh bao mat', 'thay doi noi dung', 'cap nhat', 'dung thuc hien', 'hieu dinh'];

interface RelevanceContext {
  parsed: ParsedQuery;
  terms: Set<string>;
  prefixes: string[];
  sequence: string;
  exactWords: string[];
  /** Secondary actions the query did not ask for, as one pattern over " name words ". */
  unwanted: RegExp | null;
}

/** What every candidate is compared with, computed once per query. */
export function relevanceContext(parsed: ParsedQuery): RelevanceContext {
  const queryWords = new Set(parsed.groups.flatMap((g) => g.flatMap((a) => a.terms)));
  return {
    parsed,
    terms: new Set(parsed.terms),
    prefixes: parsed.prefixes,
    sequence: parsed.groups.map((g) => g[0]!.terms.join(' ')).join(' '),
    exactWords: parsed.exactWords,
    unwanted: (() => {
      const words = SECONDARY_ACTIONS.filter((w) => !w.split(' ').every((x) => queryWords.has(x)));
      return words.length ? new RegExp(` (?:${words.join('|')}) `) : null;
    })(),
  };
}

/**
 * How well a procedure's name answers the query, from its precomputed folded words and its words
 * with tones: every query word found in the name, the name mostly made of query words, the words
 * side by side as typed, the same tone marks as typed; a renewal or withdrawal the resident did not
 * ask for counts less, a first registration or issue more.
 */
export function nameRelevance(nameWords: string, nameExact: string, ctx: RelevanceContext): number {
  const list = nameWords.split(' ');
  if (list.length === 0 || !nameWords) return 1;
  const joined = ` ${nameWords} `;
  const matches = nameMatcher(list, joined);
  const groups = ctx.parsed.groups;
  const groupCoverage = groups.filter((g) => g.some(matches)).length / groups.length;
  // The first alternative is what the resident meant (the official wording of an everyday word).
  const intended = groups.filter((g) => matches(g[0]!)).length / groups.length;
  const covered = list.filter((w) => ctx.terms.has(w) || ctx.prefixes.some((p) => w.startsWith(p))).length;
  const nameCoverage = covered / list.length;
  const phrase = ctx.sequence.includes(' ') && joined.includes(` ${ctx.sequence}`) ? 1 : 0;
  const secondary = ctx.unwanted !== null && ctx.unwanted.test(joined);
  const primary = PRIMARY_ACTIONS.some((w) => joined.startsWith(` ${w} `)) ? 1.15 : 1;
  let exact = 0;
  if (ctx.exactWords.length) {
    const exactJoined = ` ${nameExact} `;
    exact = ctx.exactWords.filter((w) => exactJoined.includes(` ${w} `)).length / ctx.exactWords.length;
  }
  return (1 + 3 * groupCoverage + intended + 2 * nameCoverage + 3 * phrase) * (1 + 0.5 * exact) * (secondary ? 0.7 : 1) * primary;
}

/** Whether a name (its folded words, and the same joined with spaces around) has an alternative. */
function nameMatcher(list: string[], joined: string): (a: Alternative) => boolean {
  const has = (w: string) => joined.includes(` ${w} `);
  return (a) =>
    a.anyOrder ? a.terms.every(has) : a.terms.length > 1 ? (a.prefix ? joined.includes(` ${a.terms.join(' ')}`) : has(a.terms.join(' '))) : a.prefix ? list.some((w) => w.startsWith(a.terms[0]!)) : has(a.terms[0]!);
}

/** The share of the query's groups (any alternative) that a name has. */
export function groupsInName(nameWords: string, ctx: RelevanceContext): number {
  const matches = nameMatcher(nameWords.split(' '), ` ${nameWords} `);
  const groups = ctx.parsed.groups;
  return groups.length ? groups.filter((g) => g.some(matches)).length / groups.length : 0;
}

/** A window of text around the first match, with its highlights. */
function makeSnippet(text: string, terms: string[], prefixes: string[], width = 220): { text: string; highlights: Range[] } {
  const all = highlight(text, terms, prefixes);
  const first = all[0]?.[0] ?? 0;
  let start = Math.max(0, first - 60);
  while (start > 0 && !/\s/.test(text[start - 1]!)) start--;
  const end = Math.min(text.length, start + width);
  const prefix = start > 0 ? '…' : '';
  const suffix = end < text.length ? '…' : '';
  const body = text.slice(start, end).replace(/\n/g, ' ');
  const highlights = all.filter(([s, e]) => s >= start && e <= end).map(([s, e]): Range => [s - start + prefix.length, e - start + prefix.length]);
  return { text: prefix + body + suffix, highlights };
}
