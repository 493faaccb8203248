/**
 * Vietnamese text folding for search. Pure: used by the core's index and by anything that
 * highlights matches. Every function maps one input character to one output character, so
 * positions in the folded text are positions in the original.
 */

const COMBINING = /[\u0300-\u036f]/g;

function foldSlow(ch: string): string {
  const lower = ch.toLowerCase();
  if (lower === 'đ') return 'd';
  const base = lower.normalize('NFD').replace(COMBINING, '');
  return base.length === 1 ? base : lower;
}

/** Every Latin letter with marks (Latin-1, Extended-A/B, Vietnamese), folded once at load: search folds a lot. */
const FOLDED: ReadonlyMap<string, string> = (() => {
  const table = new Map<string, string>();
  for (const [from, to] of [[0x41, 0x5a], [0xc0, 0x24f], [0x1e00, 0x1eff]] as const) {
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
