import { searchFold } from '../../electron/core/text/fold.js';

/** What residents type: the relevance suite's queries plus, for each sampled name, the ways it gets typed. */
const RESIDENT = [
  'dang ky khai sinh', 'đăng ký khai sinh', 'ddawng kys khai sinh', 'khai sinh', 'làm giấy khai sinh', 'khai sinnh', 'dang ki khai sinh',
  'dang ky ket hon', 'kết hôn', 'keets hoon', 'khai tu', 'báo tử', 'trich luc ho tich', 'độc thân', 'tạm trú', 'thường trú', 'nhập hộ khẩu',
  'tam vang', 'CCCD', 'lam can cuoc', 'ho chieu', 'bằng lái', 'GPLX', 'lý lịch tư pháp', 'LLTP', 'sổ đỏ', 'so do', 'hộ kinh doanh', 'HKD',
  'mở quán', 'GPXD', 'xin giay phep xay dung', 'bhyt', 'đổi tên', 'con nuoi', 'sao y ban chinh', 'dang k', 'giay phep', 'thue', 'dat dai',
];

/** Ways a name gets typed: the first words without tones, a prefix while typing, a typo, upper case. */
export function queriesFor(names: string[], count: number): string[] {
  const out = [...RESIDENT];
  let i = 0;
  while (out.length < count && names.length) {
    const name = names[(i * 7919) % names.length]!;
    const words = name.split(/\s+/).filter((w) => /\p{L}/u.test(w));
    const folded = searchFold(words.slice(0, 4).join(' '));
    switch (i % 4) {
      case 0: out.push(folded); break;
      case 1: out.push(words.slice(0, 3).join(' ').slice(0, -2)); break; // still typing
      case 2: out.push(folded.replace(/(\w{5,}?)(\w)/, '$1$2$2')); break; // one doubled letter
      default: out.push(words.slice(0, 3).join(' ').toUpperCase());
    }
    i++;
  }
  return out;
}
