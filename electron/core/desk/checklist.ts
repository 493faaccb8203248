/**
 * The counter's checklist of papers, built from the catalog's documents table. The portal's table
 * mixes papers with guidance sentences ("Cá nhân có quyền lựa chọn…", "0 bản chính"), papers needed
 * only in a particular case, alternatives ("Hộ chiếu/Thẻ căn cước/…") and whole cases (a permit for
 * a detached house, for a religious building…). The officer needs the papers of the citizen's case,
 * one box each, with the rest shown as text. Pure: the kiosk and tests can use it too.
 *
 * Papers keep their index in the catalog ("d12") as their id, so what the desk records points back
 * to the catalog entry; names are shortened for the box and the receipt, the full text is kept.
 */
import { OTHER_CASE, repairLostHeadings } from '../catalog/answer.js';
import type { DocumentItem, ProcedureDetail } from '../catalog/model.js';

export interface ChecklistPaper {
  /** "d<index in the catalog's documents>". */
  id: string;
  /** A short name for the box and form 01 (at most SHORT_NAME characters). */
  name: string;
  /** The catalog's whole text when the name shortens it; null when the name is the whole text. */
  detail: string | null;
  group: 'submit' | 'show';
  /** "1 bản chính, 1 bản sao"; empty when the catalog gives none. */
  quantityText: string;
  /** Any one of these is enough ("Hộ chiếu", "Thẻ căn cước"…); null for a single paper. */
  alternatives: string[] | null;
  /** Of the alternatives, the one the desk starts with (usualOf); null: none stands out. */
  usual: string | null;
}

export interface ChecklistCase {
  /** "c1", "c2"… in the order the catalog first names them; the first is the main case. */
  id: string;
  title: string;
  papers: ChecklistPaper[];
}

export interface Checklist {
  procedureCode: string;
  /** Papers every case needs (the catalog's papers without a case heading). */
  common: ChecklistPaper[];
  /** Cases to choose from, main case first; empty when the procedure has one case. */
  cases: ChecklistCase[];
  /** Papers needed only in some situations ("Trường hợp trẻ em bị bỏ rơi…", "…nếu có"). */
  conditional: ChecklistPaper[];
  /** Notes for the officer, shown as text, never as boxes. */
  guidance: { title: string | null; text: string }[];
}

export const SHORT_NAME = 160;

const GUIDANCE_TITLE = /^(lưu ý|ghi chú|chú ý)\b/i;
const CONDITIONAL_START = /^(trường hợp|nếu|đối với|khi|riêng)\b/i;
const CONDITIONAL_INSIDE = /\b(trong trường hợp|(?:nếu|\(nếu) có\b|nếu người (?:có )?yêu cầu lựa chọn nộp hồ sơ (?:theo hình thức )?trực tuyến)/i;

/** Zero originals and zero copies: the portal's way of writing a sentence into the table. */
const isQuantityless = (d: DocumentItem) => (d.originals ?? 0) === 0 && (d.copies ?? 0) === 0;

function sentenceCase(s: string): string {
  const t = s.trim().replace(/[.;:,]+$/, '');
  return t ? t[0]!.toUpperCase() + t.slice(1) : t;
}

/** The first clause of a long text, cut at a word boundary: what fits a checkbox and a receipt line. */
export function shortName(text: string, max = SHORT_NAME): string {
  // "(nếu người có yêu cầu lựa chọn nộp hồ sơ theo hình thức trực tiếp…)": at the counter it goes without saying.
  const t = text.replace(/\s+/g, ' ').replace(/^[.\s]+/, '').replace(/\s*\(nếu người (?:có )?yêu cầu lựa chọn[^)]*trực tiếp[^)]*\)/i, '').trim();
  if (t.length <= max) return t;
  // The brackets a cut leaves open are closed within `max`: cut a little shorter until they fit.
  for (let room = max; ; room--) {
    const out = cutAt(t, room);
    if (out.length <= max || room <= 10) return out;
  }
}

function cutAt(t: string, max: number): string {
  // A sentence or a clause that ends early is the paper's name; what follows explains it.
  const cut = /^(.{40,}?[^\d\s][.;])\s/.exec(t.slice(0, max + 1));
  if (cut) return closeBrackets(cut[1]!.replace(/[.;]$/, ''));
  const space = t.lastIndexOf(' ', max - 1);
  return closeBrackets(`${t.slice(0, space > 40 ? space : max - 1).replace(/[,;:]$/, '')}…`);
}

/** A name cut inside "(…" gets its brackets closed: a printed receipt never leaves one open. */
function closeBrackets(text: string): string {
  // A bracket opened just before the cut says nothing: drop it ("Giấy chứng sinh (…" → "Giấy chứng sinh…").
  const t = text.replace(/\s*\(\s*…$/, '…');
  let open = 0;
  for (const ch of t) {
    if (ch === '(') open++;
    else if (ch === ')' && open > 0) open--;
  }
  return t + ')'.repeat(open);
}

/**
 * A paper as the receipt (form 01) and the confirmation name it: the kind the officer chose among the
 * paper's alternatives stands alone when the checklist's name is itself the list of alternatives
 * ("Giấy chứng sinh (hoặc văn bản…; hoặc giấy cam đoan…)" → "Giấy chứng sinh"); a short heading is kept
 * beside it ("Thẻ căn cước (Giấy tờ tùy thân)").
 */
export function receiptPaperName(name: string, choice?: string): string {
  if (!choice) return name;
  const folded = (x: string) => x.toLocaleLowerCase('vi');
  return folded(name).startsWith(folded(choice)) || name.length > 40 ? choice : `${choice} (${name})`;
}

/**
 * "Hộ chiếu/Thẻ căn cước công dân/…/Giấy chứng nhận căn cước hoặc các giấy tờ khác…" and "Giấy
 * chứng sinh; trường hợp không có Giấy chứng sinh thì nộp văn bản…; nếu không có … thì phải có
 * giấy cam đoan…": the papers any one of which will do.
 */
export function alternativesOf(text: string): string[] | null {
  const lead = text.split(/[,(;]| để | do | còn /)[0]!;
  if ((lead.match(/\//g) ?? []).length >= 2 && lead.length < 200) {
    const parts = lead.split('/').flatMap((p, i, all) => (i === all.length - 1 ? p.split(/ hoặc /) : [p]));
    const alts = parts.map((p) => sentenceCase(p.replace(/^các /, ''))).filter((p) => p.length >= 3 && p.length <= 80);
    if (alts.length >= 2) return alts;
  }
  const instead = /^([^;]{3,80});\s*trường hợp không có [^;]+? thì (?:phải )?(?:nộp |có )?([^;]{3,}?)(?:;\s*nếu không có [^;]+? thì (?:phải )?(?:nộp |có )?([^;]{3,}?))?\.?$/i.exec(text.trim());
  if (instead) return [instead[1], instead[2], instead[3]].filter((p): p is string => !!p).map((p) => sentenceCase(shortName(p, 80)));
  return null;
}

/**
 * The alternative almost every citizen brings, which the desk's choice starts at: among identity
 * papers the căn cước card — "Thẻ căn cước công dân" (CCCD, issued since 2016 and still what most
 * carry), else "Thẻ căn cước" (Luật Căn cước 2023). Null elsewhere: a paper with fallbacks ("Giấy
 * chứng sinh; trường hợp không có … thì …") is already named by its usual paper, and a list of
 * drawings or permits has no usual one.
 */
export function usualOf(alternatives: string[] | null): string | null {
  if (!alternatives) return null;
  return [/^thẻ căn cước công dân/i, /^thẻ căn cước/i].map((re) => alternatives.find((a) => re.test(a))).find(Boolean) ?? null;
}

const lowerFirst = (s: string) => s[0]!.toLowerCase() + s.slice(1);

/**
 * The name on the box and the receipt. A paper the text itself names for short ("…(sau đây gọi tắt
 * là giấy tờ tùy thân)") takes that name; a paper with a fallback ("Giấy chứng sinh; trường hợp không
 * có … thì …") is named with its alternatives; anything else is its first clause.
 */
function nameOf(text: string, alternatives: string[] | null): string {
  const alias = /gọi tắt là ([^),;.]{3,60})/i.exec(text);
  if (alias) return sentenceCase(alias[1]!);
  if (alternatives && !text.split(/[,(;]/)[0]!.includes('/')) return shortName(`${alternatives[0]} (hoặc ${alternatives.slice(1).map(lowerFirst).join('; hoặc ')})`);
  return shortName(text);
}

function paperOf(d: DocumentItem, index: number): ChecklistPaper {
  const alternatives = alternativesOf(d.name);
  const name = nameOf(d.name, alternatives);
  return {
    id: `d${index}`,
    name,
    detail: name === d.name.replace(/\s+/g, ' ').trim() ? null : d.name,
    group: d.group,
    quantityText: d.quantityText.replace(/,(\S)/g, ', $1'),
    alternatives,
    usual: usualOf(alternatives),
  };
}

/** The checklist of `procedure`'s papers: common, per case (main first), conditional, and guidance. */
export function buildChecklist(procedure: Pick<ProcedureDetail, 'code' | 'documents'>): Checklist {
  const common: ChecklistPaper[] = [];
  const cases = new Map<string, ChecklistCase>();
  const conditional: ChecklistPaper[] = [];
  const guidance: Checklist['guidance'] = [];
  const seen = new Set<string>();
  // A case whose heading the portal lost is another case, not the main one (catalog/answer.ts).
  repairLostHeadings(procedure.documents).forEach((d, i) => {
    const title = d.caseTitle?.trim() || null;
    const text = d.name.replace(/\s+/g, ' ').trim();
    if (!text) return;
    if ((title && GUIDANCE_TITLE.test(title)) || GUIDANCE_TITLE.test(text) || isQuantityless(d) || /:\s*$/.test(text)) {
      guidance.push({ title, text });
      return;
    }
    const paper = paperOf(d, i);
    if (CONDITIONAL_START.test(text) || CONDITIONAL_INSIDE.test(text)) {
      conditional.push(paper);
      return;
    }
    if (!title) {
      // The same paper listed twice (under "nộp" and "xuất trình") is one box.
      if (!seen.has(paper.name)) common.push(paper);
      seen.add(paper.name);
      return;
    }
    let c = cases.get(title);
    if (!c) cases.set(title, (c = { id: `c${cases.size + 1}`, title, papers: [] }));
    if (!c.papers.some((p) => p.name === paper.name)) c.papers.push(paper);
  });
  // A single case heading is not a choice: its papers are simply the papers. The main case is the
  // first the portal names; papers whose heading it lost come last.
  const firstNamed = (title: string) => (title === OTHER_CASE ? Infinity : procedure.documents.findIndex((d) => d.caseTitle?.trim() === title));
  const caseList = [...cases.values()].sort((a, b) => firstNamed(a.title) - firstNamed(b.title));
  if (caseList.length === 1) {
    common.push(...caseList[0]!.papers);
    caseList.length = 0;
  }
  return { procedureCode: procedure.code, common, cases: caseList, conditional, guidance };
}

/** The papers the citizen must bring in `caseId` (common ones and the case's own); the main case when none is given. */
export function requiredPapers(list: Checklist, caseId?: string | null): ChecklistPaper[] {
  const chosen = list.cases.find((c) => c.id === caseId) ?? list.cases[0];
  return [...list.common, ...(chosen?.papers ?? [])];
}

/** Every paper of the checklist, by id. */
export function papersById(list: Checklist): Map<string, ChecklistPaper> {
  return new Map([...list.common, ...list.cases.flatMap((c) => c.papers), ...list.conditional].map((p) => [p.id, p]));
}
