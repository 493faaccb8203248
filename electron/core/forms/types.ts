/** Guided filing forms as data: one definition per procedure. Pure, shared by the kiosk and the core. */
export interface Bilingual {
  vi: string;
  en: string;
}

export type FieldType = 'text' | 'date' | 'cccd' | 'phone' | 'email' | 'select' | 'number';

export interface FieldDef {
  id: string;
  label: Bilingual;
  type: FieldType;
  required?: boolean;
  options?: { value: string; label: Bilingual }[];
  help?: Bilingual;
  /** Dates: not after today; a warning when older than this many days (late registration). */
  notFuture?: boolean;
  warnIfOlderThanDays?: number;
  min?: number;
  max?: number;
}

export interface FormStep {
  id: string;
  title: Bilingual;
  fields: FieldDef[];
}

export interface EligibilityQuestion {
  id: string;
  question: Bilingual;
  /** The answer that lets the resident file here. */
  mustBe: boolean;
  /** What to do otherwise. */
  explain: Bilingual;
  /**
   * Another answer is explained, not refused: the resident may still file here (the ward must
   * help residents file online wherever they live); the explanation says what changes.
   */
  guideOnly?: boolean;
  /** The procedure to use instead, when another answer means another procedure (its page is linked). */
  seeProcedure?: string;
}

export interface FormDefinition {
  procedureCode: string;
  title: Bilingual;
  eligibility: EligibilityQuestion[];
  steps: FormStep[];
  documents: { id: string; name: Bilingual; required: boolean }[];
}
