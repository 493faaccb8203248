import type { DossierView } from '../../contract.js';
import { isOfficialYear } from '../calendar/store.js';
import type { Db } from '../db/open.js';
import { vnYear } from '../time.js';
import { histories, history, type DossierRecord } from './repo.js';

/** A dossier as every screen gets it: with its history, and its appointment marked provisional where the year's days off are. */
export function dossierView(db: Db, d: DossierRecord): DossierView {
  return {
    ...d,
    history: history(db, d.code),
    ...(d.appointmentAt && !isOfficialYear(db, vnYear(d.appointmentAt)) ? { appointmentProvisional: true } : {}),
  };
}

/** A page of a list as views: the histories in one query, each appointment year's calendar looked up once. */
export function dossierViews(db: Db, records: DossierRecord[]): DossierView[] {
  const steps = histories(db, records.map((d) => d.code));
  const official = new Map<number, boolean>();
  const isOfficial = (year: number) => {
    let known = official.get(year);
    if (known === undefined) official.set(year, (known = isOfficialYear(db, year)));
    return known;
  };
  return records.map((d) => ({
    ...d,
    history: steps.get(d.code) ?? [],
    ...(d.appointmentAt && !isOfficial(vnYear(d.appointmentAt)) ? { appointmentProvisional: true } : {}),
  }));
}
