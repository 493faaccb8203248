/**
 * Finding a dossier at the desk by what an officer has in hand: a name (typed with or without
 * tones), a CCCD number, a phone number, or a dossier code. Names and numbers are indexed in the
 * `dossier_search` FTS5 table (migration 007), kept by triggers through `motcua_dossier_terms`.
 */
import type { Db } from '../db/open.js';
import { foldName, words } from '../text/fold.js';
import { checkPhone } from '../text/validators.js';

/**
 * A name as search compares it: spaces of any kind, look-alike letters, case and marks folded away
 * (text/fold.ts foldName), and y → i (kí/ký).
 */
const nameKey = (text: string) => foldName(text).replace(/y/g, 'i');

/** The SQL function the index triggers call; registered on every connection (db/open.ts). */
export const DOSSIER_TERMS_FN = 'motcua_dossier_terms';

/** A number as search compares it: a whole phone number in its stored form (text/validators.ts: +84 read as 0), else its digits. */
const numberKey = (text: string) => {
  const phone = checkPhone(text);
  return phone.ok ? phone.value : text.normalize('NFKC').replace(/\D/g, '');
};

/**
 * The words a dossier is found by: the applicant's name folded (no tones, any case, đ → d,
 * y → i), the CCCD number and the phone number as digits. Input: the `applicant` JSON column.
 */
export function dossierTerms(applicantJson: string | null): string {
  if (!applicantJson) return '';
  let a: { fullName?: unknown; idNumber?: unknown; phone?: unknown };
  try {
    a = JSON.parse(applicantJson) as typeof a;
  } catch {
    return '';
  }
  const parts: string[] = [];
  if (typeof a.fullName === 'string') parts.push(words(nameKey(a.fullName)).join(' '));
  if (typeof a.idNumber === 'string') parts.push(a.idNumber.replace(/\D/g, ''));
  if (typeof a.phone === 'string') parts.push(numberKey(a.phone));
  return parts.filter(Boolean).join(' ');
}

export function registerDossierSearch(db: Db): void {
  db.function(DOSSIER_TERMS_FN, { deterministic: true }, (applicant: unknown) => dossierTerms(typeof applicant === 'string' ? applicant : null));
}

export type DossierQuery = { kind: 'code'; prefix: string } | { kind: 'terms'; match: string };

/**
 * What the officer typed, as a search: a number (CCCD or phone, spaces and dots allowed, +84 read
 * as 0) is a prefix of the digits; a dossier code (letters, digits, dots and dashes, like
 * 00324.K01-260302-0001) a prefix of codes; anything else the words of a name, the last one a
 * prefix while typing. Null when nothing searchable is left.
 */
export function parseDossierQuery(text: string): DossierQuery | null {
  const q = text.normalize('NFC').trim();
  if (!q) return null;
  if (/^\+?[\d\s.-]+$/.test(q) && /\d/.test(q)) {
    const digits = numberKey(q);
    return digits ? { kind: 'terms', match: `"${digits}"*` } : null;
  }
  if (/^[\dA-Za-z]+[.-][\dA-Za-z.-]*$/.test(q) && /\d/.test(q)) return { kind: 'code', prefix: q.toUpperCase() };
  const ws = words(nameKey(q));
  if (!ws.length) return null;
  return { kind: 'terms', match: ws.map((w, i) => (i === ws.length - 1 ? `"${w}"*` : `"${w}"`)).join(' ') };
}

/**
 * Rewrites the search index without what was deleted from it. FTS5 keeps a removed row's words in
 * older segments until they are merged: after personal data is dropped (a kiosk's retention), the
 * index is merged so the names and numbers are gone from the file too (`secure_delete` zeroes the
 * freed pages).
 */
export function compactDossierSearch(db: Db): void {
  db.prepare("INSERT INTO dossier_search (dossier_search) VALUES ('optimize')").run();
}
