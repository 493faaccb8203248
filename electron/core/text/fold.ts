/**
 * Vietnamese text folding for search. Pure: used by the core's index and by anything that
 * highlights matches. Every function maps one input character to one output character, so
 * positions in the folded text are positions in the original.
 */

import { normalizeLine } from './normalize.js';

const COMBINING = /[\u0300-\u036f]/g;

/**
 * Letters that look like Vietnamese ones and arrive from other keyboards, fonts and OCR: the
 * Icelandic eth and African D typed for "Đ", Cyrillic and Greek capitals and vowels pasted into
 * names. A resident reads them as the Latin letter, so search and name comparison do too.
 */
const LOOKALIKES: Readonly<Record<string, string>> = {
  ð: 'd', Ð: 'd', ɖ: 'd', Ɖ: 'd',
  а: 'a', в: 'b', е: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', і: 'i', ј: 'j', ѕ: 's',
  А: 'a', В: 'b', Е: 'e', К: 'k', М: 'm', Н: 'h', О: 'o', Р: 'p', С: 'c', Т: 't', У: 'y', Х: 'x', І: 'i', Ј: 'j', Ѕ: 's',
  α: 'a', ο: 'o', ι: 'i', κ: 'k', ν: 'v', ρ: 'p', τ: 't', υ: 'u', χ: 'x',
  Α: 'a', Β: 'b', Ε: 'e', Ζ: 'z', Η: 'h', Ι: 'i', Κ: 'k', Μ: 'm', Ν: 'n', Ο: 'o', Ρ: 'p', Τ: 't', Υ: 'y', Χ: 'x',
};
/** Spaces that are not U+0020 but read as one. */
const ODD_SPACE = /^[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t]$/;

function foldSlow(ch: string): string {
  const look = LOOKALIKES[ch];
  if (look) return look;
  if (ODD_SPACE.test(ch)) return ' ';
  // Full-width letters and digits (Ａ, １) are their ASCII selves.
  const compat = ch.normalize('NFKC');
  if (compat !== ch && compat.length === 1) return foldSlow(compat);
  const lower = ch.toLowerCase();
  if (lower === 'đ') return 'd';
  const base = lower.normalize('NFD').replace(COMBINING, '');
  return base.length === 1 ? base : lower;
}

/** Every Latin letter with marks (Latin-1, Extended-A/B, Vietnamese) and the look-alikes, folded once at load: search folds a lot. */
const FOLDED: ReadonlyMap<string, string> = (() => {
  const table = new Map<string, string>();
  for (const [from, to] of [[0x41, 0x5a], [0xa0, 0x24f], [0x370, 0x3ff], [0x400, 0x45f], [0x1e00, 0x1eff], [0x2000, 0x200a], [0xff01, 0xff5e]] as const) {
    for (let cp = from; cp <= to; cp++) {
      const ch = String.fromCodePoint(cp);
      table.set(ch, foldSlow(ch));
    }
  }
  return table;
})();

/** Lower case, no tone or vowel marks, đ → d. "Đăng ký" → "dang ky". Length-preserving. */
export function foldChar(ch: string): string {
  return FOLDED.get(ch) ?? (ch.length === 1 && ch < '\u0080' ? ch : foldSlow(ch));
}

export function fold(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) out += foldChar(ch);
  return out;
}

/**
 * Two names compare equal when their keys do: spaces of any kind, zero-width characters,
 * decomposed letters, look-alike letters, case and marks all fold away ("Nguyễn  Văn\u00a0A",
 * "NGUYEN VAN A" and "Nguyễn Văn А" with a Cyrillic А are one name). Not length-preserving.
 */
export function foldName(text: string): string {
  return fold(normalizeLine(text));
}

/**
 * The search key: folded, and y → i, because Vietnamese allows both spellings in many words
 * (kí/ký, lí/lý, quí/quý). Length-preserving like `fold`.
 */
export function searchFold(text: string): string {
  return fold(text).replace(/y/g, 'i');
}

/** Words of a folded text (letters and digits), as used by the index tokenizer. */
export function words(folded: string): string[] {
  return folded.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/**
 * Normalizes tone placement to the "new" style (hoà, thuỷ, khoẻ), lower case, so two spellings
 * of the same word compare equal with their diacritics.
 */
export function normalizeTonePlacement(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/([òóỏõọ])a/g, (_m, o: string) => `o${moveTone(o, 'a')}`)
    .replace(/([òóỏõọ])e/g, (_m, o: string) => `o${moveTone(o, 'e')}`)
    .replace(/([ùúủũụ])y/g, (_m, u: string) => `u${moveTone(u, 'y')}`);
}

const TONES = ['\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];

function moveTone(from: string, to: string): string {
  const mark = from.normalize('NFD').split('').find((c) => TONES.includes(c)) ?? '';
  return (to + mark).normalize('NFC');
}
