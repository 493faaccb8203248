import { searchFold } from '../text/fold.js';
import type { Procedure } from './model.js';

/** The text each procedure is found by: folded name, sector, and a body of its main fields. */
export function procedureIndexText(p: Procedure, lifeEventNames: string[]): { name: string; sector: string; body: string } {
  const body = [
    ...lifeEventNames,
    p.levelText,
    ...p.applicants,
    p.agency ?? '',
    p.competentAgency ?? '',
    ...p.documents.map((d) => d.name),
    ...p.results.map((r) => r.name),
    ...p.legalBases.map((l) => `${l.title} ${l.code ?? ''}`),
    p.conditions ?? '',
  ].join('\n');
  return { name: searchFold(p.name), sector: searchFold(p.sector), body: searchFold(body) };
}
