/**
 * What a resident came to ask about a procedure, answered first: how long at the counter, the fee,
 * and what to bring in the usual case — decided once here, shown by the kiosk's summary card, printed
 * on the 80 mm checklist and read aloud. The portal's tables mix the usual papers with exceptions
 * ("Trường hợp trẻ em bị bỏ rơi…"), online-only items and notes that are not papers at all ("0 bản
 * chính"); this module sorts them, keeping every item's text as the portal wrote it.
 */
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

function classify(d: DocumentItem): Kind {
  const title = d.caseTitle?.trim() ?? '';
  if (/^lưu ý/iu.test(title)) return 'note';
  const name = d.name.trim();
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

/** The checklist of `documents`: the usual case's papers, the exceptions, and the notes. */
export function checklistOf(documents: DocumentItem[]): Checklist {
  const usual: ChecklistItem[] = [];
  const cases: Checklist['cases'] = [];
  const notes: string[] = [];
  for (const d of documents) {
    const kind = classify(d);
    const item: ChecklistItem = { name: d.name.trim(), quantity: quantityOf(d), group: d.group, form: d.form };
    if (kind === 'note') notes.push(item.name);
    else if (kind === 'case') cases.push({ ...item, caseTitle: d.caseTitle });
    else usual.push(item);
  }
  const rank = (i: ChecklistItem) => (DECLARATION.test(i.name) ? 0 : i.group === 'submit' ? 1 : 2);
  usual.sort((a, b) => rank(a) - rank(b));
  return { usual, cases, notes };
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
