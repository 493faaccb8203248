/**
 * What residents type at a kiosk, each with the procedure that answers it: official wording with and
 * without tones, Telex typed with the input method off, abbreviations, everyday words, typos, and
 * (issue 16) whole questions in everyday Vietnamese and in English, written from how residents speak.
 * Used by the relevance suite (top 3) and by the bench's as-you-type figure.
 */
export interface ResidentQuery {
  query: string;
  code: string;
  kind: string;
  lang?: 'vi' | 'en';
}

const q = (query: string, code: string, kind: string, lang: 'vi' | 'en' = 'vi'): ResidentQuery => ({ query, code, kind, lang });

export const RESIDENT_QUERIES: ResidentQuery[] = [
  q('dang ky khai sinh', '1.001193', 'no tones'),
  q('đăng ký khai sinh', '1.001193', 'tones'),
  q('ĐĂNG KÝ KHAI SINH', '1.001193', 'upper case'),
  q('ddawng kys khai sinh', '1.001193', 'telex'),
  q('khai sinh', '1.001193', 'short'),
  q('1.001193', '1.001193', 'a procedure code, read off a form'),
  q('1.004222', '1.004222', 'another code'),
  q('làm giấy khai sinh', '1.001193', 'everyday'),
  q('khai sinnh', '1.001193', 'typo'),
  q('dang ki khai sinh', '1.001193', 'i/y'),
  q('dang ky ket hon', '1.000894', 'no tones'),
  q('kết hôn', '1.000894', 'tones'),
  q('keets hoon', '1.000894', 'telex'),
  q('dang ki ket hon', '1.000894', 'i/y'),
  q('ket hon co yeu to nuoc ngoai', '2.000806', 'no tones'),
  q('khai tu', '1.000656', 'no tones'),
  q('báo tử', '1.000656', 'everyday'),
  q('giay chung tu', '1.000656', 'everyday, no tones'),
  q('trich luc ho tich', '2.000635', 'no tones'),
  q('ban sao giay khai sinh', '2.000635', 'no tones'),
  q('dang ky lai khai sinh', '1.004884', 'no tones'),
  q('độc thân', '1.004873', 'everyday'),
  q('giay doc than', '1.004873', 'everyday, no tones'),
  q('xac nhan tinh trang hon nhan', '1.004873', 'no tones'),
  q('tạm trú', '1.004194', 'tones'),
  q('đăng kí tạm trú', '1.004194', 'i/y'),
  q('thường trú', '1.004222', 'tones'),
  q('nhập hộ khẩu', '1.004222', 'everyday'),
  q('nhap ho khau', '1.004222', 'everyday, no tones'),
  q('thuongg tru', '1.004222', 'typo'),
  q('tam vang', '1.003677', 'no tones'),
  q('CCCD', '1.014063', 'abbreviation'),
  q('lam can cuoc', '1.014061', 'everyday, no tones'),
  q('xac nhan so cmnd', '1.012566', 'abbreviation'),
  q('ho chieu', '1.001456', 'no tones'),
  q('làm hộ chiếu', '1.001456', 'everyday'),
  q('bằng lái', '3.000347', 'everyday'),
  q('GPLX', '3.000347', 'abbreviation'),
  q('giay phep lai xe quoc te', '3.000353', 'no tones'),
  q('lý lịch tư pháp', '3.000333', 'tones'),
  q('LLTP', '3.000333', 'abbreviation'),
  q('ly lich tu phap', '3.000333', 'no tones'),
  q('sổ đỏ', '1.013978', 'everyday'),
  q('so do', '1.013978', 'everyday, no tones'),
  q('hộ kinh doanh', '1.001612', 'tones'),
  q('HKD', '1.001612', 'abbreviation'),
  q('mở quán', '1.001612', 'everyday'),
  q('xin giay phep xay dung', '1.013225', 'everyday, no tones'),
  q('GPXD', '1.013225', 'abbreviation'),
  q('cấp thẻ bảo hiểm y tế', '2.000639', 'tones'),
  q('đổi tên', '1.004859', 'everyday'),
  q('con nuoi', '2.001263', 'everyday, no tones'),
  q('sao y ban chinh', '2.000815', 'everyday, no tones'),
  // Issue 16: how residents actually ask — filler words, glued words, everyday verbs, whole questions.
  q('xin cấp lại cccd', '1.014064', 'filler'),
  q('lam the can cuoc', '1.014061', 'filler, no tones'),
  q('lam cccd', '1.014061', 'filler, abbreviation'),
  q('tôi muốn làm thẻ căn cước cho con dưới 14 tuổi', '1.014062', 'question'),
  q('bị mất căn cước', '1.014064', 'everyday verb'),
  q('mat cccd', '1.014064', 'everyday verb, no tones'),
  q('căn cước hết hạn', '1.014063', 'everyday verb'),
  q('đổi thẻ căn cước', '1.014063', 'everyday verb'),
  q('hokhau', '1.004222', 'glued'),
  q('khaisinh', '1.001193', 'glued'),
  q('tamtru', '1.004194', 'glued'),
  q('thủ tục đăng ký tạm trú', '1.004194', 'filler'),
  q('xin đăng ký tạm trú cho người thuê trọ', '1.004194', 'question'),
  q('thuê trọ', '1.004194', 'everyday'),
  q('làm giấy khai sinh cho con', '1.001193', 'filler'),
  q('sinh con', '1.001193', 'everyday'),
  q('vợ mới sinh em bé làm giấy tờ gì', '1.001193', 'question'),
  q('thủ tục kết hôn', '1.000894', 'filler'),
  q('lấy vợ', '1.000894', 'everyday'),
  q('giấy đăng ký kết hôn', '1.000894', 'everyday'),
  q('xin giấy xác nhận độc thân', '1.004873', 'filler'),
  q('bố mất làm giấy chứng tử', '1.000656', 'question'),
  q('người nhà mất', '1.000656', 'everyday'),
  q('chuyển hộ khẩu về nhà mới', '1.004222', 'question'),
  q('đi vắng lâu ngày', '1.003677', 'everyday'),
  q('khách ở qua đêm', '2.001159', 'everyday'),
  q('xin giấy xác nhận cư trú', '1.010041', 'filler'),
  q('công chứng giấy tờ', '2.000815', 'everyday'),
  q('chứng thực chữ ký', '2.000884', 'tones'),
  q('làm di chúc', '2.001019', 'everyday'),
  q('xin phiếu lý lịch tư pháp', '3.000333', 'filler'),
  q('đổi bằng lái xe', '3.000347', 'everyday verb'),
  q('sang tên xe máy', '1.013076', 'everyday'),
  q('cấp sổ đỏ lần đầu', '1.013978', 'everyday'),
  q('tranh chấp đất với hàng xóm', '1.012812', 'question'),
  q('xin phép sửa nhà', '1.013229', 'question'),
  q('đăng ký hộ kinh doanh mở tiệm tạp hóa', '1.001612', 'question'),
  q('nhận con nuôi', '2.001263', 'everyday'),
  q('làm hộ chiếu mất bao lâu', '1.001456', 'question'),
  // English, as foreign residents type it (English mode).
  q('birth registration', '1.001193', 'english', 'en'),
  q('temporary residence', '1.004194', 'english', 'en'),
  q('marriage', '1.000894', 'english', 'en'),
  q('land certificate', '1.013978', 'english', 'en'),
  q('register my baby', '1.001193', 'english', 'en'),
  q('how to get married in vietnam', '1.000894', 'english', 'en'),
  q('marry a foreigner', '2.000806', 'english', 'en'),
  q('death certificate', '1.000656', 'english', 'en'),
  q('lost id card', '1.014064', 'english', 'en'),
  q('passport', '1.001456', 'english', 'en'),
  q('driving license', '3.000347', 'english', 'en'),
  q('criminal record', '3.000333', 'english', 'en'),
  q('police check', '3.000333', 'english', 'en'),
  q('certified copy', '2.000815', 'english', 'en'),
  q('single status certificate', '1.004873', 'english', 'en'),
  q('renting a room where do I register', '1.004194', 'english', 'en'),
  q('household registration', '1.004222', 'english', 'en'),
  q('building permit', '1.013225', 'english', 'en'),
  q('open a shop', '1.001612', 'english', 'en'),
  q('visa extension', '1.001146', 'english', 'en'),
];

/**
 * What a resident has typed a few letters into the query: every word but the last, and the last
 * cut mid-word (half of it, rounded up). Single-letter last words cut the word before instead.
 */
export function typingPrefix(query: string): string {
  const parts = query.trim().split(/\s+/);
  let i = parts.length - 1;
  while (i > 0 && [...parts[i]!].length < 2) i--;
  const word = [...parts[i]!];
  if (word.length < 2) return parts.slice(0, i + 1).join(' ');
  return [...parts.slice(0, i), word.slice(0, Math.ceil(word.length / 2)).join('')].join(' ');
}
