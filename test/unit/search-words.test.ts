/**
 * The pure parts of finding a procedure in residents' words: glued words split against a
 * vocabulary, English stems, English-mode matching, the as-you-type prefix the bench measures at.
 */
import { describe, expect, it } from 'vitest';
import { englishStem, searchEnglish } from '../../electron/core/catalog/english.js';
import { sectorKey } from '../../electron/core/catalog/resident-view.js';
import { splitGlued, Vocabulary } from '../../electron/core/catalog/search.js';
import { typingPrefix } from '../helpers/resident-queries.js';

const vocab = new Vocabulary(['ho', 'khau', 'khai', 'sinh', 'tam', 'tru', 'thuong', 'dang', 'ki']);

describe('words glued together', () => {
  it('splits a word made of two or three index words, fewest parts first', () => {
    expect(splitGlued('hokhau', vocab, false)).toEqual(['ho', 'khau']);
    expect(splitGlued('khaisinh', vocab, false)).toEqual(['khai', 'sinh']);
    expect(splitGlued('dangkitamtru', vocab, false)).toBeNull(); // four parts: not guessed
    expect(splitGlued('dangkitam', vocab, false)).toEqual(['dang', 'ki', 'tam']);
  });
  it('lets the last part be a prefix only while it is being typed', () => {
    expect(splitGlued('hokha', vocab, true)).toEqual(['ho', 'kha']);
    expect(splitGlued('hokha', vocab, false)).toBeNull();
  });
  it('leaves short words, numbers and words of no index parts alone', () => {
    expect(splitGlued('hok', vocab, true)).toBeNull();
    expect(splitGlued('ho14', vocab, false)).toBeNull();
    expect(splitGlued('xyzqu', vocab, false)).toBeNull();
  });
});

describe('English mode', () => {
  it('stems so that the forms people type meet', () => {
    expect(englishStem('registering')).toBe(englishStem('registration'));
    expect(englishStem('married')).toBe(englishStem('marry'));
    expect(englishStem('renting')).toBe('rent');
    expect(englishStem('Cards')).toBe('card');
    expect(englishStem('address')).toBe('addres');
  });
  it('needs every meaningful word, the last one a prefix while typing', () => {
    expect(searchEnglish('temporary residence').codes[0]).toBe('1.004194');
    expect(searchEnglish('how do I get a birth certificate').codes[0]).toBe('1.001193');
    expect(searchEnglish('temporary resid').codes[0]).toBe('1.004194');
    // Finished typing (a space after it), "resid" is a word no entry has: the best partial fits only.
    expect(searchEnglish('temporary resid ').complete).toBe(false);
    expect(searchEnglish('zzz')).toEqual({ codes: [], complete: false });
  });
});

describe('sector keys', () => {
  it('are one for spellings that differ in punctuation, case or “và”', () => {
    expect(sectorKey('Thi đua – Khen thưởng')).toBe(sectorKey('Thi đua khen thưởng'));
    expect(sectorKey('Khoa học và Công nghệ')).toBe(sectorKey('Khoa học công nghệ'));
    expect(sectorKey('Hộ tịch')).not.toBe(sectorKey('Hộ kinh doanh'));
  });
});

describe('the as-you-type prefix', () => {
  it('cuts the last word mid-word, half of it rounded up', () => {
    expect(typingPrefix('khai sinh')).toBe('khai si');
    expect(typingPrefix('CCCD')).toBe('CC');
    expect(typingPrefix('tạm trú')).toBe('tạm tr');
    expect(typingPrefix('temporary residence')).toBe('temporary resid');
  });
});
