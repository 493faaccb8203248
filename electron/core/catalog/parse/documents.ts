import type { DocumentItem } from '../model.js';
import { clean } from './text.js';

const TABLE_HEADER = 'Tên giấy tờMẫu đơn, tờ khaiSố lượng';
// "1 bản chính", "0 bản chính,1 bản sao", "2 bản sao". A count glued to a year ("20231 bản chính")
// takes only the last digit.
const QUANTITY = /(?:(?<=\D|^)(\d{1,2})|(\d))\s?(bản chính|bản sao)(?:\s*,\s*(\d{1,2})\s?bản sao)?/gi;
const FORM = /((?:Mẫu(?: số)?\s?)?[\p{L}\p{N}_.-]+\.(?:docx?|pdf|xlsx?|zip|rar))$/iu;
// A form name with spaces ("Phu lục II NĐ 66.doc") after the end of the document's description.
const SPACED_FORM = /[;)][.;]?\s*([^;()\s.][^;()]{0,39}\.(?:docx?|pdf|xlsx?))$/iu;

function groupOf(preamble: string, current: DocumentItem['group']): DocumentItem['group'] {
  if (/phải xuất trình|^[\s*-]*xuất trình/i.test(preamble)) return 'show';
  if (/phải nộp/i.test(preamble)) return 'submit';
  return current;
}

/** A case heading like "(i) Đối với hồ sơ …:" once the group markers are removed. */
function caseTitleOf(preamble: string): string | null {
  // "* Giấy tờ phải nộp:" is only a group marker; "Giấy tờ phải nộp để lưu giữ…" is a real heading.
  const t = clean(preamble.replace(/\*?\s*Giấy tờ phải (nộp|xuất trình)\s*(:|$)/gi, '').replace(/^[-\s]+|[-\s]+$/g, ''));
  const title = t?.replace(/^[*\s]+/, '').replace(/:\s*$/, '').trim();
  return title && title.length > 3 ? title : null;
}

function splitNameForm(text: string): { name: string; form: string | null } {
  const t = text.trim();
  const spaced = SPACED_FORM.exec(t);
  if (spaced) return { name: t.slice(0, t.length - spaced[1]!.length).trim(), form: spaced[1]!.trim() };
  const m = FORM.exec(t);
  if (!m || m.index === 0) return { name: t, form: null };
  let start = m.index;
  let form = m[1]!;
  // The file name is glued to the last word: "theo quy địnhMauon.docx" → "Mauon.docx".
  const glue = /\p{Ll}(?=\p{Lu})/u.exec(form);
  if (glue && !form.startsWith('Mẫu')) {
    start += glue.index + 1;
    form = form.slice(glue.index + 1);
  }
  return { name: t.slice(0, start).trim(), form: form.trim() };
}

function cleanName(name: string): string {
  return name.replace(/^[-+•*\s]+/, '').replace(/\s+/g, ' ').replace(/[;,]\s*$/, '').trim();
}

/**
 * Parses the portal's glued documents table: groups ("phải nộp" / "phải xuất trình"), case
 * headings, and per document its name, form file and quantity. Null when nothing parses.
 */
export function parseDocuments(raw: string): DocumentItem[] | null {
  if (!clean(raw)) return null;
  const sections = raw.split(TABLE_HEADER);
  if (sections.length < 2) return null;
  const items: DocumentItem[] = [];
  let group: DocumentItem['group'] = 'submit';
  let preamble = sections[0]!;
  for (const section of sections.slice(1)) {
    group = groupOf(preamble, group);
    const caseTitle = caseTitleOf(preamble);
    let last = 0;
    for (const m of section.matchAll(QUANTITY)) {
      const { name, form } = splitNameForm(section.slice(last, m.index));
      last = m.index + m[0].length;
      const count = Number(m[1] ?? m[2]);
      const isCopy = m[3]!.toLowerCase() === 'bản sao';
      const copies = isCopy ? count : m[4] !== undefined ? Number(m[4]) : 0;
      const cleaned = cleanName(name);
      if (!cleaned) continue;
      items.push({ group, caseTitle, name: cleaned, form, originals: isCopy ? 0 : count, copies, quantityText: m[0].replace(/(\d)\s?bản/g, '$1 bản') });
    }
    preamble = section.slice(last);
  }
  return items.length ? items : null;
}
