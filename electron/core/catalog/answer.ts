/**
 * What a resident came to ask about a procedure, answered first: how long at the counter, the fee,
 * and what to bring in the usual case — decided once here, shown by the kiosk's summary card, printed
 * on the 80 mm checklist and read aloud. The portal's tables mix the usual papers with exceptions
 * ("Trường hợp trẻ em bị bỏ rơi…"), online-only items and notes that are not papers at all ("0 bản
 * chính"); this module sorts them, keeping every item's text as the portal wrote it.
 */
import { searchFold } from '../text/fold.js';
import type { Channel, DocumentItem, Fee, Level, Procedure, ProcessingTime, TimeUnit } from './model.js';

/** How long the counter takes, and where the number comes from. */
export interface CounterTime {
  value: number;
  unit: TimeUnit;
  /**
   * `portal`: the portal gives the number and its unit. `assumed_working_days`: the portal gives a
   * number without a unit; it is read as working days, the unit of administrative processing times
   * and the one the counter's appointment (form 01) counts in (`desk/due.ts`).
   */
  source: 'portal' | 'assumed_working_days';
  /** The portal's own text ("1", "05 ngày làm việc"). */
  portalText: string;
}

export interface ChecklistItem {
  name: string;
  /** "1 bản chính", "1 bản chính, 1 bản sao"; null when the portal gives no count (never "0 bản chính"). */
  quantity: string | null;
  /** To hand in (nộp) or to show and take back (xuất trình). */
  group: 'submit' | 'show';
  form: string | null;
}

export interface Checklist {
  /** The papers of the usual case, the declaration (tờ khai / đơn) first, then what is handed in, then what is shown. */
  usual: ChecklistItem[];
  /** Papers only some residents need (a case heading, "Trường hợp…", "(nếu có)", online-only), in the portal's order. */
  cases: (ChecklistItem & { caseTitle: string | null })[];
  /** Notes that are not papers (the portal's "Lưu ý", introductions, items with no count). */
  notes: string[];
}

export interface ProcedureAnswer {
  /** The counter's (in-person) processing time, else the first channel that has one; null when none has. */
  time: CounterTime | null;
  /** The fee at the counter (in person), else the first channel's. */
  fee: { fee: Fee; text: string } | null;
  checklist: Checklist;
  /** The official declaration named among the documents ("Tờ khai đăng ký khai sinh", form "CT01"), or null. */
  declaration: { name: string; form: string | null } | null;
}

/** The channel a resident at the ward's counter uses: in person, else the first with a time. */
export function counterChannel(channels: Channel[]): Channel | null {
  return channels.find((c) => c.kind === 'in_person' && c.time) ?? channels.find((c) => c.time) ?? channels.find((c) => c.kind === 'in_person') ?? channels[0] ?? null;
}

/** The processing time at the counter, with a number the portal left without a unit read as working days. */
export function counterTime(channels: Channel[]): CounterTime | null {
  const c = counterChannel(channels);
  const time: ProcessingTime | null | undefined = c?.time ?? channels.find((x) => x.time)?.time;
  if (!c || !time) return null;
  return time.unit
    ? { value: time.value, unit: time.unit, source: 'portal', portalText: c.timeText }
    : { value: time.value, unit: 'working_days', source: 'assumed_working_days', portalText: c.timeText };
}

const CONDITIONAL_START = /^\(?\s*(trường hợp|nếu|đối với|khi|riêng)\b/iu;
const CONDITIONAL_INSIDE = /(trong trường hợp|\(nếu có\)|nếu có\)|đối với trường hợp)/iu;
const ONLINE = /trực tuyến|môi trường điện tử|cổng dịch vụ công/iu;
const IN_PERSON = /trực tiếp|bưu chính/iu;
const DECLARATION = /^(tờ khai|đơn|phiếu đề nghị|văn bản đề nghị)\b/iu;

/** How many of a paper, as a resident reads it: "1 bản chính, 1 bản sao"; null for no count (never "0 bản chính"). */
export function quantityOf(d: Pick<DocumentItem, 'originals' | 'copies' | 'quantityText'>): string | null {
  const parts: string[] = [];
  if (d.originals) parts.push(`${d.originals} bản chính`);
  if (d.copies) parts.push(`${d.copies} bản sao`);
  if (parts.length) return parts.join(', ');
  if (d.originals === 0 && d.copies === 0) return null;
  const text = d.quantityText.trim();
  return text && !/^0+\s/.test(text) ? text : null;
}

type Kind = 'usual' | 'case' | 'note';

/**
 * "Hồ sơ đăng ký tạm trú gồm", "Giấy tờ phải nộp": the procedure's own dossier (or a part of it), not
 * a variant of it.
 */
const GENERAL_HEADING = /^[*+\-\s]*((thành phần\s+)?hồ sơ\b|(các\s+)?giấy tờ,?\s+(tài liệu\s+)?phải\s+(nộp|xuất trình)|bao gồm\b|thành phần)/iu;

/** The heading given to papers whose own heading the portal lost (see `repairLostHeadings`). */
export const OTHER_CASE = 'Trường hợp khác';

/**
 * The portal sometimes loses a case's heading, and its papers run on under the heading before: in
 * 1.004222 the papers for living on a boat or vehicle open the list under "Đăng ký thường trú vào chỗ
 * ở hợp pháp thuộc quyền sở hữu của mình", whose own papers come last under the same heading again.
 * A heading that comes back after other headings is that case; its earlier run is another case
 * (`OTHER_CASE`), never mixed into it.
 */
export function repairLostHeadings<T extends Pick<DocumentItem, 'caseTitle'>>(documents: T[]): T[] {
  const runs: { title: string; from: number; to: number }[] = [];
  documents.forEach((d, i) => {
    const title = d.caseTitle?.trim() ?? '';
    const last = runs.at(-1);
    if (last && last.title === title) last.to = i;
    else runs.push({ title, from: i, to: i });
  });
  const lost = new Set<number>();
  runs.forEach((r, k) => {
    if (r.title && runs.slice(k + 1).some((later) => later.title === r.title)) for (let i = r.from; i <= r.to; i++) lost.add(i);
  });
  return lost.size ? documents.map((d, i) => (lost.has(i) ? { ...d, caseTitle: OTHER_CASE } : d)) : documents;
}
/** "Đăng ký tạm trú theo danh sách, hồ sơ gồm": another way of doing the procedure, with its own dossier. */
const VARIANT_HEADING = /\S.*\bhồ sơ\s+(bao\s+)?gồm\b/iu;
const isVariant = (title: string | null) => !!title && VARIANT_HEADING.test(title) && !GENERAL_HEADING.test(title.trim());

function classify(d: DocumentItem): Kind {
  const title = d.caseTitle?.trim() ?? '';
  if (/^lưu ý/iu.test(title)) return 'note';
  const name = d.name.trim();
  if (/^lưu ý/iu.test(name)) return 'note';
  // An introduction ("…các giấy tờ sau:") or a line with no paper to count is guidance, not a paper.
  if (name.endsWith(':') || name.length < 3) return 'note';
  if (d.originals === 0 && d.copies === 0) return 'note';
  if (title && (CONDITIONAL_START.test(title) || ONLINE.test(title))) return 'case';
  if (CONDITIONAL_START.test(name) || CONDITIONAL_INSIDE.test(name)) return 'case';
  // "(nếu … trực tiếp hoặc … bưu chính)" is the counter's case; "(… trực tuyến)" alone is online only.
  const aside = name.match(/\((nếu|đối với|trường hợp)[^)]*\)/iu)?.[0];
  if (aside) return IN_PERSON.test(aside) ? 'usual' : 'case';
  if (ONLINE.test(name) && !IN_PERSON.test(name) && /^mẫu .*điện tử/iu.test(name)) return 'case';
  return 'usual';
}

/**
 * Which papers are one paper: the same words (tones, case and punctuation aside), or the same name
 * before its form and asides with the same form ("Tờ khai thay đổi thông tin cư trú (của từng người)
 * (Mẫu CT01…)" and "Tờ khai thay đổi thông tin cư trú (Mẫu CT01…)"). Two papers that only share a form file are not
 * one: portals bundle several forms in one file.
 */
function paperKeys(name: string): string[] {
  const plain = (s: string) => searchFold(s).replace(/[^a-z0-9]+/g, ' ').trim();
  const keys = [plain(name)];
  const form = /mẫu\s+(?:số\s+)?([a-z0-9][a-z0-9./-]*\d)/iu.exec(name)?.[1];
  // The paper's name before its form and asides: "Tờ khai thay đổi thông tin cư trú".
  if (form) keys.push(`${plain(name.replace(/\([^)]*\)/gu, ' ').split(/\s(?:theo\s+)?mẫu\b|[;:]|\.\s/iu)[0]!)}|${form.toLowerCase()}`);
  return keys;
}

/** Keeps the first of each paper (in `within` the same list: the usual case, or one case heading). */
function once<T extends { name: string }>(items: T[], within: (i: T) => string = () => ''): T[] {
  const seen = new Set<string>();
  return items.filter((i) => {
    const keys = paperKeys(i.name).map((k) => `${within(i)}\u0000${k}`);
    if (keys.some((k) => seen.has(k))) return false;
    for (const k of keys) seen.add(k);
    return true;
  });
}

/**
 * The checklist of `documents`: the usual case's papers, the exceptions, and the notes. A paper the
 * portal lists several times (once per variant of the procedure) is shown once; a variant's own
 * dossier ("…theo danh sách, hồ sơ gồm") is a case, when the procedure has a dossier of its own.
 */
export function checklistOf(portalDocuments: DocumentItem[]): Checklist {
  const documents = repairLostHeadings(portalDocuments);
  type Listed = ChecklistItem & { caseTitle: string | null; at: number };
  let usual: Listed[] = [];
  const cases: Listed[] = [];
  const notes: string[] = [];
  for (const [at, d] of documents.entries()) {
    const kind = classify(d);
    const item: Listed = { name: d.name.trim(), quantity: quantityOf(d), group: d.group, form: d.form, caseTitle: d.caseTitle, at };
    if (kind === 'note') notes.push(item.name);
    else if (kind === 'case') cases.push(item);
    else usual.push(item);
  }
  if (usual.some((i) => !isVariant(i.caseTitle))) {
    cases.push(...usual.filter((i) => isVariant(i.caseTitle)));
    usual = usual.filter((i) => !isVariant(i.caseTitle));
  }
  // Only ways of doing it ("…thuộc quyền sở hữu của mình", "…do thuê, mượn, ở nhờ"), no dossier of its
  // own: the first way the portal names is the usual case, the others are cases (never one list of all).
  const general = (i: Listed) => !i.caseTitle || GENERAL_HEADING.test(i.caseTitle.trim());
  // In the order the portal first names them (a heading the portal lost comes first, as in 1.004222).
  const firstNamed = (t: string | null) => portalDocuments.findIndex((d) => d.caseTitle === t);
  const named = [...new Set(usual.filter((i) => !general(i) && i.caseTitle !== OTHER_CASE).map((i) => i.caseTitle))].sort((x, y) => firstNamed(x) - firstNamed(y));
  if (!usual.some(general) && named.length > 1) {
    cases.push(...usual.filter((i) => i.caseTitle !== named[0]));
    usual = usual.filter((i) => i.caseTitle === named[0]);
  }
  const rank = (i: ChecklistItem) => (DECLARATION.test(i.name) ? 0 : i.group === 'submit' ? 1 : 2);
  const paper = ({ name, quantity, group, form }: Listed): ChecklistItem => ({ name, quantity, group, form });
  const sorted = once(usual.map(paper)).sort((a, b) => rank(a) - rank(b));
  // Cases in the portal's order, each heading's papers once.
  const inOrder = once(cases.sort((a, b) => a.at - b.at), (c) => c.caseTitle ?? '');
  return { usual: sorted, cases: inOrder.map((c) => ({ ...paper(c), caseTitle: c.caseTitle })), notes };
}

/** The declaration's name as the catalog gives it, cut before "theo mẫu" and any aside, and its form's number when named ("Mẫu CT01"). */
export function declarationOf(documents: DocumentItem[]): { name: string; form: string | null } | null {
  const d = documents.find((x) => /^tờ khai\b/iu.test(x.name.trim()));
  if (!d) return null;
  const form = /mẫu\s+([A-Z][A-Z0-9./-]*\d)/iu.exec(d.name)?.[1] ?? d.form ?? null;
  return { name: d.name.trim().split(/\s+theo mẫu|\s*\(|[;.:]/u)[0]!.trim(), form };
}

/** Everything the summary card shows, from the procedure's catalog record. */
export function answerFirst(p: Pick<Procedure, 'channels' | 'documents'> & { levels?: Level[] }): ProcedureAnswer {
  const c = counterChannel(p.channels);
  return {
    time: counterTime(p.channels),
    fee: c ? { fee: c.fee, text: c.feeText } : null,
    checklist: checklistOf(p.documents),
    declaration: declarationOf(p.documents),
  };
}
