import type { LegalBasis } from '../model.js';
import { clean } from './text.js';

const HEADER = 'Tên văn bản pháp lýMã văn bản';
/**
 * A Vietnamese legal code: number/year/kind, e.g. 60/2014/QH13, 123/2015/NĐ-CP, 66.7/2025/NQ-CP,
 * 72/2011/TTLT-BTC-BGTVT, 06/2021/QĐ-TTg. The portal glues the next title to it, so a kind may not
 * run into a lower-case letter (that capital starts the next title), and QH takes exactly two digits.
 */
export const LEGAL_CODE = /(?<!(?<!(?:QH|UBTVQH)\d|\s(?:19|20)\d)\d)\d{1,4}(?:\.\d+)?\/\d{4}\/(?:(?:UBTVQH|QH)\d{2}|(?:TTg|[A-ZĐ]+)(?:-(?:TTg|[A-ZĐ]+))*)/gu;

/** Issuing bodies, so a capital glued from the next title ("…TT-BCASỬA ĐỔI") can be cut off. */
const AGENCIES = new Set(['CP', 'TTg', 'BTC', 'BTP', 'BCA', 'BXD', 'NHNN', 'BNNMT', 'BNNPTNT', 'BYT', 'BLĐTBXH', 'BGTVT', 'BTNMT', 'BNV', 'BKHĐT', 'BCT', 'BQP', 'BTTTT', 'VPCP', 'BGDĐT', 'BVHTTDL', 'TANDTC', 'VKSNDTC', 'KTNN', 'UBDT', 'HĐND', 'BNG', 'TTCP', 'HĐTP', 'UBTVQH', 'BKHCN', 'BDTTG', 'UBND', 'CTN']);

/**
 * Trims a glued capital off the last part of a code: to the known body it starts with, or, when a
 * lower-case letter follows ("L-CTNNghị"), by the one capital that begins the next word.
 */
function trimGlued(code: string, next = ''): string {
  const i = code.lastIndexOf('-');
  if (i < 0) return code;
  const last = code.slice(i + 1);
  if (AGENCIES.has(last)) return code;
  for (let n = last.length - 1; n >= 2; n--) if (AGENCIES.has(last.slice(0, n))) return code.slice(0, i + 1 + n);
  if (/^\p{Ll}/u.test(next) && last.length >= 3 && /[A-ZĐ]$/.test(last)) return code.slice(0, -1);
  return code;
}

const KINDS = '(?:Luật|Bộ luật|Nghị định|Nghị quyết|Thông tư liên tịch|Thông tư|Quyết định|Pháp lệnh|Chỉ thị|Văn bản hợp nhất)';
/** The next row's first words glued to the end of a title ("…Bộ Tư phápThông tư số"): nothing of this row. */
const DANGLING = new RegExp(`\\s*${KINDS}(?:\\s+số)?\\s*$`, 'u');

/**
 * A legal basis's title as a resident reads it: the portal glues cells together ("Bộ Tư phápThông tư
 * số"), so a lower-case letter running into a capitalised word gets its space back, and a dangling
 * start of the next row's title ("Thông tư số" with nothing after) is dropped. Codes are untouched:
 * "QĐ-TTg" has no lower-case letter before its capital.
 */
export function cleanLegalTitle(title: string): string {
  const spaced = title.replace(/(\p{Ll})(\p{Lu}\p{Ll})/gu, '$1 $2').replace(/\s+/g, ' ').trim();
  const cut = spaced.replace(DANGLING, '').trim();
  return cut.length >= 8 ? cut : spaced;
}

/**
 * Parses the legal-basis table ("Tên văn bản pháp lýMã văn bản" then title+code pairs glued).
 * A code closes a row when it is followed by the end, a capital letter or a space and a
 * capital (the next title); codes inside a title are followed by " ngày", " của", a digit…
 */
export function parseLegalBases(raw: string): LegalBasis[] | null {
  // Some pages run on into the agency list: "…Cơ quan thực hiệnTòa án nhân dân…".
  const body = raw.split('Cơ quan thực hiện')[0]!;
  if (!clean(body)) return null;
  const text = body.startsWith(HEADER) ? body.slice(HEADER.length) : body;
  const rows: LegalBasis[] = [];
  let last = 0;
  for (const m of text.matchAll(LEGAL_CODE)) {
    const code = trimGlued(m[0], text.charAt(m.index + m[0].length));
    const end = m.index + code.length;
    const after = text.slice(end, end + 2);
    // "TT-BC" + "Angày" is "TT-BCA" missing its space, inside a title: not the end of a row.
    const lastPart = code.slice(code.lastIndexOf('-') + 1);
    const truncated = !AGENCIES.has(lastPart) && AGENCIES.has(lastPart + after.charAt(0));
    // A code glued to the end of its title ("…dân dụng15/2024/NĐ-CP") is the code column even when
    // the next title starts in lower case ("về kinh doanh…"); one after a space is inside a title.
    const leftGlued = /[\p{L})\].,;]/u.test(text.charAt(m.index - 1));
    const closesRow = !truncated && (after === '' || /^\s*\p{Lu}/u.test(after) || (leftGlued && /^\p{Ll}/u.test(after)));
    if (!closesRow) continue;
    const title = text.slice(last, m.index).replace(/\s+/g, ' ').trim();
    last = end;
    // "73/2025/TT-NHNNSố 73/2025/TT-NHNN": the same code again with only "Số" for a title.
    const previous = rows[rows.length - 1];
    if (previous?.code === code && /^(số)?$/i.test(title)) continue;
    rows.push({ title: cleanLegalTitle(title) || code, code });
  }
  const tail = clean(text.slice(last));
  if (tail) rows.push({ title: cleanLegalTitle(tail), code: null });
  return rows.length ? rows : null;
}

/** Every legal code mentioned in a text (for linking procedures to laws). */
export function legalCodesIn(text: string): string[] {
  return [...new Set([...text.matchAll(LEGAL_CODE)].map((m) => trimGlued(m[0])))];
}
