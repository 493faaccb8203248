/**
 * Our Vietnamese input engine (Telex and VNI): pure functions, no DOM. The kiosk keyboard uses
 * it to type, and search uses it to read Telex residue ("ddawng kys" → "đăng ký").
 *
 * A word is kept as the keys typed since its first letter and recomposed on every key, so tone
 * and mark keys may come anywhere in the word, the last tone key wins and a doubled key undoes.
 */

export type InputMethod = 'telex' | 'vni';
/** Where the tone goes in oa/oe/uy without a final consonant: old "hòa", new "hoà". */
export type ToneStyle = 'old' | 'new';

export interface ImeOptions {
  method: InputMethod;
  style?: ToneStyle;
}

// Tone marks: 0 none, 1 sắc, 2 huyền, 3 hỏi, 4 ngã, 5 nặng.
const TONE_MARK = ['', '\u0301', '\u0300', '\u0309', '\u0303', '\u0323'];
const TELEX_TONES: Record<string, number> = { s: 1, f: 2, r: 3, x: 4, j: 5 };
const VNI_TONES: Record<string, number> = { '1': 1, '2': 2, '3': 3, '4': 4, '5': 5 };

const VOWELS = new Set(['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y']);
const MARKED = new Set(['ă', 'â', 'ê', 'ô', 'ơ', 'ư']);
const CIRCUMFLEX: Record<string, string> = { a: 'â', ă: 'â', e: 'ê', o: 'ô', ơ: 'ô' };
const BASE_OF: Record<string, string> = { ă: 'a', â: 'a', ê: 'e', ô: 'o', ơ: 'o', ư: 'u', đ: 'd' };

interface Letter {
  ch: string; // lower case, with vowel mark but no tone
  upper: boolean;
  /** An ư made by horning "uo": it stays u when nothing follows the ơ ("thuở", "huơ"). */
  autoHorn?: boolean;
}

interface Word {
  letters: Letter[];
  tone: number;
  /** After a doubled key undid something, that key is typed literally from then on. */
  literal: Set<string>;
  /** Index of an ư made by a bare w (so a second w gives back "w"). */
  bareW: number;
}

const isVowel = (l: Letter | undefined) => l !== undefined && VOWELS.has(l.ch);
const base = (ch: string) => BASE_OF[ch] ?? ch;

/**
 * Indices of the syllable's vowel cluster, treating the u of "qu" and the i of the onset "gi" as
 * consonants. "gi" is an onset only at the start of the word: in "ngia" the g belongs to "ng" and
 * the i is a vowel (ngía), as in "nghĩa"; "q" is always an onset, so "qu" is wherever it is.
 */
function vowelCluster(letters: Letter[]): number[] {
  let start = letters.findIndex(isVowel);
  if (start < 0) return [];
  const prev = letters[start - 1]?.ch;
  const next = letters[start + 1];
  const quOnset = prev === 'q' && letters[start]!.ch === 'u';
  const giOnset = prev === 'g' && start === 1 && letters[start]!.ch === 'i';
  if ((quOnset || giOnset) && isVowel(next)) start++;
  const cluster: number[] = [];
  for (let i = start; i < letters.length && isVowel(letters[i]); i++) cluster.push(i);
  return cluster;
}

/** The letter that carries the tone, by the rules of Vietnamese spelling. */
export function toneIndex(letters: Letter[], style: ToneStyle): number {
  const cluster = vowelCluster(letters);
  if (cluster.length === 0) return -1;
  const marked = cluster.filter((i) => MARKED.has(letters[i]!.ch));
  if (marked.length > 0) return marked[marked.length - 1]!; // ươ → ơ, iê → ê, uô → ô
  if (cluster.length === 1) return cluster[0]!;
  const last = cluster[cluster.length - 1]!;
  const hasFinal = last < letters.length - 1;
  if (cluster.length === 2) {
    if (hasFinal) return cluster[1]!;
    const pair = cluster.map((i) => letters[i]!.ch).join('');
    if (pair === 'oa' || pair === 'oe' || pair === 'uy') return style === 'old' ? cluster[0]! : cluster[1]!;
    return cluster[0]!;
  }
  return hasFinal ? last : cluster[1]!;
}

function render(word: Word, style: ToneStyle): string {
  const last = word.letters.length - 1;
  const letters = word.letters.map((l, i) =>
    // No syllable ends in "ươ": with nothing after the ơ it is "uơ" (thuở).
    l.autoHorn && i === last - 1 && word.letters[last]!.ch === 'ơ' ? { ...l, ch: 'u' } : l,
  );
  const at = word.tone ? toneIndex(letters, style) : -1;
  return letters
    .map((l, i) => {
      const ch = (i === at ? l.ch + TONE_MARK[word.tone] : l.ch).normalize('NFC');
      return l.upper ? ch.toUpperCase() : ch;
    })
    .join('');
}

/** Splits a precomposed character (ế) into its letter (ê) and tone (1). */
function decompose(ch: string): { letter: string; tone: number } {
  const nfd = ch.normalize('NFD');
  let tone = 0;
  let rest = '';
  for (const c of nfd) {
    const t = TONE_MARK.indexOf(c);
    if (t > 0) tone = t;
    else rest += c;
  }
  return { letter: rest.normalize('NFC'), tone };
}

function lastIndexWhere(letters: Letter[], indices: number[], test: (ch: string) => boolean): number {
  for (let k = indices.length - 1; k >= 0; k--) if (test(letters[indices[k]!]!.ch)) return indices[k]!;
  return -1;
}

function setTone(word: Word, tone: number, key: string): void {
  if (word.tone === tone) {
    word.tone = 0; // doubled tone key: undo, and type the key itself
    word.letters.push({ ch: key.toLowerCase(), upper: key !== key.toLowerCase() });
    word.literal.add(key.toLowerCase());
  } else word.tone = tone;
}

function append(word: Word, key: string): void {
  word.letters.push({ ch: key.toLowerCase(), upper: key !== key.toLowerCase() });
}

/** Circumflex on the last a/e/o of the cluster matching `want` (or any, for VNI 6); a second press undoes. */
function circumflex(word: Word, key: string, want: string | null): boolean {
  if (markCluster(word, key, CIRCUMFLEX_CLUSTERS, want)) return true;
  const cluster = vowelCluster(word.letters);
  const i = lastIndexWhere(word.letters, cluster, (ch) => (want ? base(ch) === want : ['a', 'e', 'o'].includes(base(ch))) && ch !== 'ư');
  // Only the last vowel of the cluster takes the mark ("khoeo" stays as typed).
  if (i < 0 || i !== cluster[cluster.length - 1]) return false;
  const l = word.letters[i]!;
  if (l.ch === 'â' || l.ch === 'ê' || l.ch === 'ô') {
    l.ch = base(l.ch);
    append(word, key);
    word.literal.add(key.toLowerCase());
  } else l.ch = CIRCUMFLEX[l.ch] ?? l.ch;
  return true;
}

/**
 * Where the horn (ư, ơ) and breve (ă) land in each vowel cluster that takes them, by the cluster's
 * plain letters: both u and o in "uo" (ươ, ươi, ươu — hươu, người, rượu), the u of "ua", "uu" and
 * "ui" (mưa, hưu, gửi), the o of "oi" (mới), the a of "oa" (hoặc). A cluster not listed takes the mark
 * on its last letter that can carry it.
 */
const HORN_CLUSTERS: Readonly<Record<string, string>> = {
  uo: 'ươ', uoi: 'ươi', uou: 'ươu', ua: 'ưa', uu: 'ưu', ui: 'ưi', oi: 'ơi', u: 'ư', o: 'ơ',
};
const BREVE_CLUSTERS: Readonly<Record<string, string>> = { a: 'ă', oa: 'oă' };
/**
 * Where the circumflex lands: â, ê, ô alone and in every cluster that has one — iê/yê (tiếng, yên),
 * iêu/yêu (hiểu, yêu), uyê (khuyên), uô/uôi (muốn, tuổi), uâ/uây (tuân, khuấy), uê (thuế), âu/ây
 * (câu, mây), êu (nêu), ôi (tôi). The key must name the letter (Telex aa, ee, oo); VNI's 6 any.
 */
const CIRCUMFLEX_CLUSTERS: Readonly<Record<string, string>> = {
  a: 'â', e: 'ê', o: 'ô', ie: 'iê', ye: 'yê', ieu: 'iêu', yeu: 'yêu', uye: 'uyê', uo: 'uô', uoi: 'uôi',
  ua: 'uâ', uay: 'uây', ue: 'uê', au: 'âu', ay: 'ây', eu: 'êu', oi: 'ôi',
};

/**
 * Applies a cluster table; true when the cluster was in it (marked, or unmarked by a second press).
 * `want` limits it to clusters whose marked letter is that plain letter (Telex "aa", "ee", "oo").
 */
function markCluster(word: Word, key: string, table: Readonly<Record<string, string>>, want: string | null = null): boolean {
  const letters = word.letters;
  const cluster = vowelCluster(letters);
  const plain = cluster.map((i) => base(letters[i]!.ch)).join('');
  const marked = table[plain];
  if (!marked) return false;
  const current = cluster.map((i) => letters[i]!.ch).join('');
  const targets = [...marked].map((ch, k) => (ch !== plain[k] ? cluster[k]! : -1)).filter((i) => i >= 0);
  if (want && !targets.every((i) => base(letters[i]!.ch) === want)) return false;
  if (current === marked) {
    // A second press undoes the mark and types the key itself.
    for (const i of targets) letters[i]!.ch = base(letters[i]!.ch);
    append(word, key);
    word.literal.add(key.toLowerCase());
    return true;
  }
  // Another mark (ô from "oo") on a target letter is replaced; untouched letters keep theirs.
  [...marked].forEach((ch, k) => {
    if (targets.includes(cluster[k]!)) letters[cluster[k]!]!.ch = ch;
  });
  const uo = plain.indexOf('uo');
  if (uo >= 0 && table === HORN_CLUSTERS && current[uo] === 'u') letters[cluster[uo]!]!.autoHorn = true;
  return true;
}

/** Telex w / VNI 7 and 8: breve on a, horn on o and u (uo → ươ); a second press undoes. */
function hornOrBreve(word: Word, key: string, allow: { breve: boolean; horn: boolean }): boolean {
  if (allow.horn && markCluster(word, key, HORN_CLUSTERS)) return true;
  if (allow.breve && markCluster(word, key, BREVE_CLUSTERS)) return true;
  const letters = word.letters;
  const cluster = vowelCluster(letters);
  const i = lastIndexWhere(letters, cluster, (ch) => (allow.breve && (ch === 'a' || ch === 'ă')) || (allow.horn && ['o', 'ơ', 'u', 'ư', 'ô'].includes(ch)));
  if (i < 0) return false;
  const l = letters[i]!;
  const undo = l.ch === 'ă' || l.ch === 'ơ' || l.ch === 'ư';
  if (undo) {
    l.ch = base(l.ch);
    if (l.ch === 'o' && letters[i - 1]?.ch === 'ư') letters[i - 1]!.ch = 'u';
    append(word, key);
    word.literal.add(key.toLowerCase());
    return true;
  }
  if (l.ch === 'a') l.ch = 'ă';
  else if (l.ch === 'o' || l.ch === 'ô') {
    l.ch = 'ơ';
    const before = letters[i - 1];
    if (before?.ch === 'u' && cluster.includes(i - 1)) {
      before.ch = 'ư';
      before.autoHorn = true;
    }
  } else if (l.ch === 'u') {
    l.ch = 'ư';
    // "ưo" typed as u, w, o then w again is handled above; "uơ" after q stays uơ (quở).
  }
  return true;
}

function dStroke(word: Word, key: string): boolean {
  const first = word.letters[0];
  if (!first || (first.ch !== 'd' && first.ch !== 'đ')) return false;
  if (first.ch === 'd' && word.letters.length >= 1) {
    if (word.letters.length === 1 || word.letters.some((l, i) => i > 0 && l.ch !== 'd')) {
      first.ch = 'đ';
      return true;
    }
  }
  if (first.ch === 'đ') {
    first.ch = 'd';
    append(word, key);
    word.literal.add(key.toLowerCase());
    return true;
  }
  return false;
}

function typeTelex(word: Word, key: string): void {
  const k = key.toLowerCase();
  if (word.literal.has(k)) return append(word, key);
  const hasVowel = word.letters.some(isVowel);
  if (k in TELEX_TONES && hasVowel) return setTone(word, TELEX_TONES[k]!, key);
  if (k === 'z' && hasVowel && word.tone) {
    word.tone = 0;
    return;
  }
  if (k === 'd' && dStroke(word, key)) return;
  if ((k === 'a' || k === 'e' || k === 'o') && circumflex(word, key, k)) return;
  if (k === 'w') {
    // w alone makes ư (Telex shorthand: "tw" → "tư"); "ww" gives back w.
    const lastIndex = word.letters.length - 1;
    if (word.bareW === lastIndex && lastIndex >= 0) {
      word.letters[lastIndex]!.ch = 'w';
      word.literal.add('w');
      return;
    }
    if (hornOrBreve(word, key, { breve: true, horn: true })) return;
    word.letters.push({ ch: 'ư', upper: key !== k });
    word.bareW = word.letters.length - 1;
    return;
  }
  append(word, key);
}

function typeVni(word: Word, key: string): void {
  const k = key.toLowerCase();
  if (word.literal.has(k)) return append(word, key);
  const hasVowel = word.letters.some(isVowel);
  if (k in VNI_TONES && hasVowel) return setTone(word, VNI_TONES[k]!, key);
  if (k === '0' && hasVowel && word.tone) {
    word.tone = 0;
    return;
  }
  if (k === '6' && circumflex(word, key, null)) return;
  if (k === '7' && hornOrBreve(word, key, { breve: false, horn: true })) return;
  if (k === '8' && hornOrBreve(word, key, { breve: true, horn: false })) return;
  if (k === '9' && dStroke(word, key)) return;
  append(word, key);
}

/** Composes one word from the keys typed (which may already contain Vietnamese letters). */
export function composeWord(keys: string, { method, style = 'new' }: ImeOptions): string {
  const word: Word = { letters: [], tone: 0, literal: new Set(), bareW: -1 };
  for (const ch of keys.normalize('NFC')) {
    const { letter, tone } = decompose(ch);
    if (letter.length === 1 && (tone > 0 || MARKED.has(letter.toLowerCase()) || letter.toLowerCase() === 'đ')) {
      word.letters.push({ ch: letter.toLowerCase(), upper: letter !== letter.toLowerCase() });
      if (tone) word.tone = tone;
      continue;
    }
    if (method === 'telex') typeTelex(word, ch);
    else typeVni(word, ch);
  }
  return render(word, style);
}

const WORD_KEY = /[\p{L}0-9]/u;

/** Converts a whole text typed with an input method turned off ("ddawng kys") to Vietnamese. */
export function convertText(text: string, options: ImeOptions): string {
  let out = '';
  let word = '';
  for (const ch of text) {
    const inWord = options.method === 'vni' ? WORD_KEY.test(ch) : /\p{L}/u.test(ch);
    if (inWord) word += ch;
    else {
      out += composeWord(word, options) + ch;
      word = '';
    }
  }
  return out + composeWord(word, options);
}

/**
 * Editing state of a text field typed on the on-screen keyboard: the committed text and the
 * keys of the word being typed. Backspace removes the last letter of what is shown.
 */
export interface ImeBuffer {
  committed: string;
  word: string;
}

export const emptyBuffer = (text = ''): ImeBuffer => ({ committed: text, word: '' });

export function bufferText(buffer: ImeBuffer, options: ImeOptions): string {
  return buffer.committed + composeWord(buffer.word, options);
}

/**
 * The buffer for a field whose value may have changed from elsewhere since the keyboard last wrote
 * it (a scanned CCCD filled it, autofill, a clear button): the same buffer while the field still
 * shows what it composes; otherwise the field's value, committed, with no word being composed.
 */
export function followField(buffer: ImeBuffer, fieldValue: string, options: ImeOptions): ImeBuffer {
  return bufferText(buffer, options) === fieldValue ? buffer : emptyBuffer(fieldValue);
}

export function typeKey(buffer: ImeBuffer, key: string, options: ImeOptions): ImeBuffer {
  const inWord = options.method === 'vni' ? WORD_KEY.test(key) : /\p{L}/u.test(key);
  if (key.length === 1 && inWord) return { committed: buffer.committed, word: buffer.word + key };
  return { committed: bufferText(buffer, options) + key, word: '' };
}

export function backspace(buffer: ImeBuffer, options: ImeOptions): ImeBuffer {
  if (buffer.word) {
    const shown = composeWord(buffer.word, options);
    // Keep the composed letters (with their marks) and drop the last one.
    return { committed: buffer.committed, word: [...shown].slice(0, -1).join('') };
  }
  return { committed: [...buffer.committed].slice(0, -1).join(''), word: '' };
}
