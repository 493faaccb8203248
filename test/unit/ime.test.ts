/** Our Vietnamese input engine: Telex and VNI, every vowel form, tone placement, undo, case. */
import { describe, expect, it } from 'vitest';
import { backspace, bufferText, composeWord, convertText, emptyBuffer, typeKey, type ImeOptions } from '../../electron/core/text/ime.js';

const telex: ImeOptions = { method: 'telex', style: 'new' };
const telexOld: ImeOptions = { method: 'telex', style: 'old' };
const vni: ImeOptions = { method: 'vni', style: 'new' };

const TELEX: [keys: string, expected: string, note: string][] = [
  // vowel forms
  ['aa', 'â', 'circumflex a'], ['aw', 'ă', 'breve'], ['ee', 'ê', 'circumflex e'], ['oo', 'ô', 'circumflex o'],
  ['ow', 'ơ', 'horn o'], ['uw', 'ư', 'horn u'], ['w', 'ư', 'w alone'], ['dd', 'đ', 'stroke d'],
  ['uow', 'uơ', 'uo + w with nothing after: uơ'], ['uowi', 'ươi', 'uo + w then i: ươ'], ['uwow', 'ươ', 'ư then ơ'], ['nguwowif', 'người', 'ươi'], ['truwowngf', 'trường', 'ương'],
  ['tw', 'tư', 'w after consonant'], ['tuwf', 'từ', 'ư with tone'], ['thuowr', 'thuở', 'uơ'], ['quowr', 'quở', 'qu + ơ'],
  ['huwu', 'hưu', 'ưu'], ['cuwsu', 'cứu', 'ứu'], ['khuyeen', 'khuyên', 'uyê'], ['chuyeenr', 'chuyển', 'uyể'],
  ['yeeu', 'yêu', 'yê'], ['tieeng', 'tiêng', 'iê'], ['muoons', 'muốn', 'uô'], ['ruowuj', 'rượu', 'ượu'],
  // tones at the end of the word
  ['as', 'á', 'sắc'], ['af', 'à', 'huyền'], ['ar', 'ả', 'hỏi'], ['ax', 'ã', 'ngã'], ['aj', 'ạ', 'nặng'],
  ['tieengs', 'tiếng', 'tone at end, on ê'], ['vieetj', 'việt', 'nặng on ê'], ['ddoongf', 'đồng', 'đ + ô + huyền'],
  ['nhaf', 'nhà', 'à'], ['khoor', 'khổ', 'ổ'], ['ddaays', 'đấy', 'ấ'], ['hocj', 'học', 'ọ'], ['hoocj', 'hộc', 'ộ'],
  // tones typed in the middle of the word
  ['tiesng', 'tiéng', 'tone before the final, no circumflex'], ['tieesng', 'tiếng', 'tone mid-word lands on ê'],
  ['vieejt', 'việt', 'tone before final consonant'], ['dduwowfng', 'đường', 'tone mid-word lands on ơ'],
  ['khasch', 'khách', 'tone before ch'], ['nghiax', 'nghĩa', 'ia: tone on i'], ['muaf', 'mùa', 'ua: tone on u'],
  ['cuar', 'của', 'ủa'], ['quas', 'quá', 'qu + a'], ['gias', 'giá', 'gi + a'], ['gif', 'gì', 'gi alone'],
  ['hoir', 'hỏi', 'oi: tone on o'], ['maif', 'mài', 'ai'], ['caos', 'cáo', 'ao'], ['ngayf', 'ngày', 'ay'],
  ['hieeur', 'hiểu', 'iêu'], ['khoeo', 'khoeo', 'oeo no tone'], ['ngoaif', 'ngoài', 'oai: tone on a'], ['xoays', 'xoáy', 'oay'],
  ['tuoir', 'tuỏi', 'uoi without marks: middle'], ['tuooir', 'tuổi', 'uôi: tone on ô'], ['tuwowir', 'tưởi', 'ươi: tone on ơ'],
  // oa / oe / uy: new and old placement
  ['hoaf', 'hoà', 'new style'], ['khoer', 'khoẻ', 'new style oe'], ['thuyr', 'thuỷ', 'new style uy'],
  ['hoans', 'hoán', 'oa + final: always on a'], ['khoangr', 'khoảng', 'oang'], ['thuyeenf', 'thuyền', 'uyê + final'],
  ['quyeets', 'quyết', 'qu + yê'], ['huyr', 'huỷ', 'uy new'], ['tuyf', 'tuỳ', 'uy new'],
  // the last tone key wins
  ['asf', 'à', 'sắc then huyền'], ['tieengfs', 'tiếng', 'huyền then sắc'], ['vieetsj', 'việt', 'sắc then nặng'],
  ['ajr', 'ả', 'nặng then hỏi'],
  // a doubled key undoes
  ['ass', 'as', 'ss undoes sắc'], ['aff', 'af', 'ff undoes huyền'], ['aaa', 'aa', 'aaa'], ['aww', 'aw', 'ww after ă'],
  ['ddd', 'dd', 'ddd'], ['ooo', 'oo', 'ooo'], ['eee', 'ee', 'eee'], ['ww', 'w', 'ww'], ['uww', 'uw', 'uww'],
  ['tiengss', 'tiengs', 'ss at the end'], ['asss', 'ass', 'after undo, typed literally'],
  // z removes the tone
  ['asz', 'a', 'z removes'], ['tieengfz', 'tiêng', 'z after huyền'],
  // consonant-only and literal letters
  ['s', 's', 's with no vowel'], ['str', 'str', 'no vowel: letters stay'], ['xin', 'xin', 'x as consonant'],
  ['rau', 'rau', 'r as consonant'], ['jj', 'jj', 'no vowel'], ['fb', 'fb', 'no vowel'],
  // upper case
  ['DDAWNG', 'ĐĂNG', 'all caps'], ['Vieetj', 'Việt', 'capitalised'], ['VIEETJ', 'VIỆT', 'caps with tone'],
  ['Nguwowif', 'Người', 'capital N'], ['HAf', 'HÀ', 'upper vowel lower tone key'], ['DDoongf', 'Đồng', 'Đ'],
  ['hOAF', 'hOÀ', 'mixed case keeps case per letter'],
  // words of forms
  ['ddawng', 'đăng', 'đăng'], ['kys', 'ký', 'ký'], ['khai', 'khai', 'no marks'], ['sinh', 'sinh', 's first is a letter'],
  ['hooj', 'hộ', 'hộ'], ['tichj', 'tịch', 'tịch'], ['cuw', 'cư', 'cư'], ['truss', 'trus', 'undo on u'],
  ['thuwowngf', 'thường', 'thường'], ['trus', 'trú', 'trú'], ['taji', 'tại', 'tone before the last vowel'],
];

const OLD_STYLE: [string, string][] = [
  ['hoaf', 'hòa'], ['khoer', 'khỏe'], ['thuyr', 'thủy'], ['huyr', 'hủy'], ['hoans', 'hoán'], ['thuyeenf', 'thuyền'],
];

const VNI: [string, string, string][] = [
  ['a6', 'â', 'circumflex'], ['a8', 'ă', 'breve'], ['o7', 'ơ', 'horn'], ['u7', 'ư', 'horn u'], ['d9', 'đ', 'stroke'],
  ['a1', 'á', 'sắc'], ['a2', 'à', 'huyền'], ['a3', 'ả', 'hỏi'], ['a4', 'ã', 'ngã'], ['a5', 'ạ', 'nặng'],
  ['vie65t', 'việt', 'marks mid-word'], ['vie6t5', 'việt', 'tone at end'], ['tru7o72ng', 'trường', 'ươ'],
  ['d9a8ng', 'đăng', 'đăng'], ['ky1', 'ký', 'ký'], ['a11', 'a1', 'doubled tone undoes'], ['a12', 'à', 'last tone wins'],
  ['a10', 'a', '0 removes'], ['hoa2', 'hoà', 'new style'], ['Vie65t', 'Việt', 'case'], ['123', '123', 'digits without vowels'],
];

describe('Telex', () => {
  it('has an exhaustive table (at least 100 cases)', () => {
    expect(TELEX.length + OLD_STYLE.length + VNI.length).toBeGreaterThanOrEqual(100);
  });
  for (const [keys, expected, note] of TELEX) {
    it(`${keys} → ${expected} (${note})`, () => {
      expect(composeWord(keys, telex)).toBe(expected);
    });
  }
  for (const [keys, expected] of OLD_STYLE) {
    it(`${keys} → ${expected} (old tone placement)`, () => {
      expect(composeWord(keys, telexOld)).toBe(expected);
    });
  }
});

describe('VNI', () => {
  for (const [keys, expected, note] of VNI) {
    it(`${keys} → ${expected} (${note})`, () => {
      expect(composeWord(keys, vni)).toBe(expected);
    });
  }
});

describe('typing into a field', () => {
  it('converts a whole sentence typed with the input method off', () => {
    expect(convertText('ddawng kys khai sinh cho con', telex)).toBe('đăng ký khai sinh cho con');
    expect(convertText('Tooi ddi hocj.', telex)).toBe('Tôi đi học.');
  });

  it('types key by key, commits words at a space, and backspace removes the last letter shown', () => {
    let b = emptyBuffer();
    for (const k of 'vieetj nam') b = typeKey(b, k, telex);
    expect(bufferText(b, telex)).toBe('việt nam');
    b = backspace(b, telex);
    expect(bufferText(b, telex)).toBe('việt na');
    for (const k of 'm') b = typeKey(b, k, telex);
    expect(bufferText(b, telex)).toBe('việt nam');
    b = emptyBuffer('tiếng');
    b = backspace(b, telex);
    expect(bufferText(b, telex)).toBe('tiến');
  });

  it('keeps marks when typing continues after a backspace', () => {
    let b = emptyBuffer();
    for (const k of 'tieengs') b = typeKey(b, k, telex);
    b = backspace(b, telex); // tiến
    b = typeKey(b, 'g', telex);
    expect(bufferText(b, telex)).toBe('tiếng');
    b = typeKey(b, 'f', telex); // change the tone of a word already shown with marks
    expect(bufferText(b, telex)).toBe('tiềng');
  });
});
