/** The normalized catalog: what the importer writes and the core serves. Types only. */
import type { ProcedureAnswer } from './answer.js';

export type Level = 'ministry' | 'province' | 'commune' | 'other';
export type ChannelKind = 'in_person' | 'online' | 'post';
export type TimeUnit = 'working_days' | 'days' | 'hours' | 'months' | 'years';

export interface ProcessingTime {
  value: number;
  /** null when the portal gives a number without a unit. */
  unit: TimeUnit | null;
}

export type Fee =
  | { kind: 'free' }
  | { kind: 'amount'; amount: number }
  | { kind: 'unknown' }
  /** A fee the parser could not read: the original text is shown. */
  | { kind: 'text' };

export interface Channel {
  kind: ChannelKind;
  time: ProcessingTime | null;
  /** The original time text ("5 Ngày làm việc", "Không có thông tin"). */
  timeText: string;
  fee: Fee;
  feeText: string;
  /** Remarks the portal adds to the fee and the row (who sets the fee, exceptions…). */
  note: string;
}

export interface DocumentItem {
  group: 'submit' | 'show';
  /** A heading from the portal that groups documents by case, when there is one. */
  caseTitle: string | null;
  name: string;
  /** Form or template file named by the portal ("Mẫu TP-LS-02.docx"). */
  form: string | null;
  originals: number | null;
  copies: number | null;
  quantityText: string;
}

export interface LegalBasis {
  title: string;
  code: string | null;
  /** Filled by the linker: the law document and article cited, when we have its text. */
  lawId?: string | null;
  articleId?: string | null;
}

export interface ResultDocument {
  name: string;
  /** "KQ.G15.000031"; other text the portal shows as a code is kept in codeText. */
  code: string | null;
  codeText: string | null;
}

export interface Step {
  /** 1-based when the text numbers its steps ("Bước 1"), null otherwise. */
  order: number | null;
  title: string | null;
  text: string;
}

export interface Procedure {
  code: string;
  name: string;
  decision: string | null;
  levels: Level[];
  levelText: string;
  type: string | null;
  sector: string;
  ministry: string;
  agency: string | null;
  competentAgency: string | null;
  applicants: string[];
  steps: Step[];
  channels: Channel[];
  documents: DocumentItem[];
  conditions: string | null;
  legalBases: LegalBasis[];
  results: ResultDocument[];
  onlineAvailable: boolean;
  onlineLevel: 'full' | 'partial' | null;
  essential: boolean;
  sourceUrl: string;
  /** Original text of every field the parser could not structure, keyed by field. */
  unparsed: Partial<Record<'channels' | 'documents' | 'legalBases' | 'results' | 'steps', string>>;
}

export interface LawArticle {
  /** Unique within the catalog: "<lawId>/<number>". */
  id: string;
  /** The code number, e.g. "15.3.LQ.16". */
  number: string;
  title: string;
  chapter: string | null;
  text: string;
  /** The source note under the heading: "(Điều 16 Luật số 60/2014/QH13 Hộ tịch …)". */
  source: string;
  /** From the source note: the article of the original act, and the act's code. */
  sourceArticle: number | null;
  sourceCode: string | null;
}

export interface LawChapter {
  title: string;
  articleIds: string[];
}

export interface LawDocument {
  id: string;
  title: string;
  chapters: LawChapter[];
  articles: LawArticle[];
  /** Codes of the acts this topic compiles (60/2014/QH13, 123/2015/NĐ-CP…). */
  codes: string[];
}

export interface LifeEvent {
  id: string;
  name: { vi: string; en: string };
  procedureCodes: string[];
}

export interface CatalogMeta {
  version: string;
  importedAt: string;
  procedures: number;
  laws: number;
  articles: number;
}

export interface CatalogSnapshot {
  meta: CatalogMeta;
  procedures: Procedure[];
  laws: LawDocument[];
  lifeEvents: LifeEvent[];
}

// ---- what the core returns to the UI -------------------------------------

/** [start, end) character offsets of a match in a displayed string. */
export type Range = [number, number];

export interface ProcedureSummary {
  code: string;
  name: string;
  /** A short English name (`english.ts`), where there is one. */
  nameEn?: string;
  sector: string;
  levels: string[];
  essential: boolean;
  online: boolean;
}

export interface ProcedureHit extends ProcedureSummary {
  score: number;
  highlights: Range[];
}

export interface LawHit {
  articleId: string;
  lawId: string;
  lawTitle: string;
  number: string;
  title: string;
  snippet: string;
  highlights: Range[];
  titleHighlights: Range[];
}

export interface ProcedureDetail extends Procedure {
  lifeEvents: { id: string; name: { vi: string; en: string } }[];
  /** Titles of the law topics its legal bases link to, by law id. */
  lawTitles: Record<string, string>;
  /** How long, the fee and what to bring, decided by the core (`catalog/answer.ts`). */
  answer: ProcedureAnswer;
}

/** The procedures the kiosk's home offers as big buttons. */
export interface PopularProcedures {
  items: (ProcedureSummary & { filed: number })[];
  /** `ward`: led by the ward's own dossiers; `default`: too few dossiers yet, the default list. */
  source: 'ward' | 'default';
}

export interface Facets {
  lifeEvents: { id: string; name: { vi: string; en: string }; count: number }[];
  /** Merged spellings, residents' common sectors first (`common`), then in Vietnamese order. */
  sectors: { name: string; count: number; common: boolean }[];
  essentialCount: number;
}

export interface LawSummary {
  id: string;
  title: string;
  articles: number;
}

export interface LawDetail {
  id: string;
  title: string;
  chapters: LawChapter[];
  /** The articles of chapter `page` only, each titled as the law numbers it ("Điều 16 Luật số 60/2014/QH13"). */
  articles: (LawArticle & { heading: string })[];
  /** The chapter shown (0-based). */
  page: number;
  /** Every article's heading and title by id, for the table of contents and the links between chapters. */
  headings: Record<string, { heading: string; title: string }>;
}
