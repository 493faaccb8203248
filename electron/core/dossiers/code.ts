/**
 * Dossier codes: agency identifier + receipt date + 4-digit daily sequence (domain.md), e.g.
 * "00324.K01-261123-0007". The agency part names the ward and the device's slot, so kiosks of one
 * ward never collide; the sequence restarts every day, counted in Vietnam's time.
 */
import { vnDay } from '../time.js';

export function dossierCode(agency: string, at: Date, sequence: number): string {
  const day = vnDay(at).replace(/-/g, '').slice(2);
  return `${agency}-${day}-${String(sequence).padStart(4, '0')}`;
}

export const DOSSIER_CODE = /^[0-9A-Za-z.]+-\d{6}-\d{4}$/;

/**
 * The longest tracking code a resident types: "PA-", an agency identifier of up to 20 characters
 * ("000.00.06.H56"), the date and the daily number, with a separator or a space between each part.
 */
export const TRACKING_CODE_MAX = 40;

/** Feedback (phản ánh – kiến nghị) tracking codes are a dossier-shaped code behind "PA-". */
export const FEEDBACK_PREFIX = 'PA-';

/**
 * A dossier code however a resident typed or a scanner read it — lower case, spaces instead of
 * dashes, no dashes at all, a dropped dot ("00324k01 261123 0001"), en dashes from a phone's
 * keyboard — in its one written form ("00324.K01-261123-0001"); null when it cannot be one.
 * The dot between the ward's digits and the device letter is restored only for our own codes
 * (digits then a letter); agency identifiers with dots of their own keep them as typed.
 */
export function normalizeDossierCode(text: string): string | null {
  const compact = text
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\u2010-\u2015\u2212_/]/g, '-')
    .replace(/\s+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  if (!compact || !/^[0-9A-Z.-]+$/.test(compact)) return null;
  // The date (6 digits) and the daily number (4 digits) end every code, with or without dashes.
  const tail = /^(.*?)-?(\d{6})-?(\d{4})$/.exec(compact);
  if (!tail) return null;
  let agency = tail[1]!.replace(/-/g, '.');
  // Every agency identifier names its unit with a letter (K01, Q02, H56): a bare number is not a code
  // (a scanned CCCD number must not open a dossier).
  if (!/[A-Z]/.test(agency)) return null;
  agency = agency.replace(/\.{2,}/g, '.').replace(/^\.|\.$/g, '');
  if (/^\d+[A-Z][0-9A-Z]*$/.test(agency)) agency = agency.replace(/^(\d+)([A-Z])/, '$1.$2');
  const code = `${agency}-${tail[2]}-${tail[3]}`;
  return code.length <= 60 && DOSSIER_CODE.test(code) ? code : null;
}

/** What a resident is told when what they typed cannot be a code (shared by the core and the kiosk). */
export const NOT_A_CODE = {
  vi: 'Mã hồ sơ chưa đúng. Mã có dạng 00324.K01-261123-0001, in trên biên nhận; hãy kiểm tra lại.',
  en: 'This is not a dossier code. It looks like 00324.K01-261123-0001, as printed on the receipt; please check it.',
};

/** What a typed or scanned tracking code is: a dossier, or a feedback (its "PA-" prefix). */
export type TrackingCode = { kind: 'dossier' | 'feedback'; code: string };

/**
 * Reads a tracking code as typed or scanned: a dossier code, or a feedback code ("PA-" and a
 * dossier-shaped code, "pa 00324 k01 261201 0001" too); null when it is neither.
 */
export function readTrackingCode(text: string): TrackingCode | null {
  const feedback = /^\s*PA[\s\-\u2010-\u2015_]*(\d.*)$/i.exec(text.normalize('NFKC'));
  if (feedback) {
    const code = normalizeDossierCode(feedback[1]!);
    if (code) return { kind: 'feedback', code: `${FEEDBACK_PREFIX}${code}` };
  }
  const code = normalizeDossierCode(text);
  return code ? { kind: 'dossier', code } : null;
}
