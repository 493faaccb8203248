/**
 * Every vowel cluster that carries ư, ơ, â, ê, ô or ă, and where the mark and the tone land, in
 * Telex and VNI; the onset rules (gi, qu) against their neighbours; and the on-screen keyboard's
 * composing buffer following a field changed from elsewhere. Expected words written by hand.
 */
import { describe, expect, it } from 'vitest';
import { bufferText, composeWord, emptyBuffer, followField, typeKey, type ImeOptions } from '../../electron/core/text/ime.js';

const telex: ImeOptions = { method: 'telex', style: 'new' };
const vni: ImeOptions = { method: 'vni', style: 'new' };

const CLUSTERS: [telex: string, vni: string, expected: string, rule: string][] = [
  // horn on both u and o: ươ, ươi, ươu — the mark key may come at the end of the word
  ['huouw', 'huou7', 'hươu', 'ươu: horn on u and o'],
  ['ruouwj', 'ruou75', 'rượu', 'ươu: tone on ơ'],
  ['nguoiwf', 'nguoi72', 'người', 'ươi: horn on both, tone on ơ'],
  ['tuoiwr', 'tuoi73', 'tưởi', 'ươi with hỏi'],
  ['duongwf', 'duong72', 'dường', 'ương: w after the final consonant'],
  ['thuowr', 'thuo73', 'thuở', 'uơ: nothing after the ơ, the u stays'],
  ['muaw', 'mua7', 'mưa', 'ưa: horn on u'],
  ['huuw', 'huu7', 'hưu', 'ưu: horn on the first u'],
  ['cuwus', 'cu7u1', 'cứu', 'ưu typed in order'],
  ['guiwr', 'gui73', 'gửi', 'ưi: horn on u'],
  ['moiws', 'moi71', 'mới', 'ơi: horn on o'],
  ['hoawcj', 'hoa8c5', 'hoặc', 'oă: breve on a'],
  ['quaw', 'qua8', 'quă', 'qu + ă: the u of qu is the onset'],
  // circumflex, also when the key comes after the cluster
  ['hieuer', 'hieu63', 'hiểu', 'iêu: circumflex on e after u'],
  ['yeue', 'yeu6', 'yêu', 'yêu'],
  ['khuyeen', 'khuye6n', 'khuyên', 'uyê'],
  ['tuoio', 'tuoi6', 'tuôi', 'uôi: circumflex after the i'],
  ['muoons', 'muo6n1', 'muốn', 'uô: tone on ô'],
  ['tuaan', 'tua6n', 'tuân', 'uâ'],
  ['khuaays', 'khua6y1', 'khuấy', 'uây: tone on â'],
  ['thuees', 'thue61', 'thuế', 'uê: tone on ê'],
  ['caaus', 'ca6u1', 'cấu', 'âu'],
  ['maay', 'ma6y', 'mây', 'ây'],
  ['neeu', 'ne6u', 'nêu', 'êu'],
  ['toio', 'toi6', 'tôi', 'ôi: circumflex after the i'],
];

describe('vowel clusters with ư/ơ/â/ê/ô/ă', () => {
  it.each(CLUSTERS)('telex %s / vni %s → %s (%s)', (t, v, expected) => {
    expect(composeWord(t, telex)).toBe(expected);
    expect(composeWord(v, vni)).toBe(expected);
  });

  it('a second w takes the horns off both letters and types w', () => {
    expect(composeWord('huouww', telex)).toBe('huouw');
  });
});

describe('onset rules against their neighbours', () => {
  const ONSETS: [keys: string, expected: string, rule: string][] = [
    ['ngias', 'ngía', '"ng" + ia: the i is a vowel, ia takes the tone on i'],
    ['nghiax', 'nghĩa', 'ngh + ia'],
    ['gias', 'giá', 'gi at the start is the onset: the tone goes on a'],
    ['gif', 'gì', 'gi alone: i is the vowel'],
    ['giuwx', 'giữ', 'gi + ư'],
    ['gioongs', 'giống', 'gi + ô'],
    ['quys', 'quý', 'qu + y'],
    ['quoocs', 'quốc', 'qu + ô'],
    ['khuyr', 'khuỷ', 'kh + uy'],
    ['ghes', 'ghé', 'gh is a consonant pair'],
  ];
  it.each(ONSETS)('%s → %s (%s)', (keys, expected) => {
    expect(composeWord(keys, telex)).toBe(expected);
  });
});

describe('the composing buffer follows the field', () => {
  it('type "Ng", a scan fills the field, then Space: the scanned name and a space', () => {
    let buffer = emptyBuffer('');
    for (const k of 'Ng') buffer = typeKey(buffer, k, telex);
    expect(bufferText(buffer, telex)).toBe('Ng');
    // The CCCD scan writes the field from elsewhere.
    buffer = followField(buffer, 'Trần Thị Bích', telex);
    buffer = typeKey(buffer, ' ', telex);
    expect(bufferText(buffer, telex)).toBe('Trần Thị Bích ');
  });

  it('a field cleared from elsewhere starts empty; an unchanged field keeps the word being composed', () => {
    let buffer = typeKey(emptyBuffer(''), 'a', telex);
    expect(bufferText(typeKey(followField(buffer, '', telex), 's', telex), telex)).toBe('s');
    buffer = followField(buffer, 'a', telex);
    expect(bufferText(typeKey(buffer, 's', telex), telex)).toBe('á');
  });
});
