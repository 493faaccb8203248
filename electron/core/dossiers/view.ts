import type { DossierView } from '../../contract.js';
import { isOfficialYear } from '../calendar/store.js';
import type { Db } from '../db/open.js';
import { vnYear } from '../time.js';
import { history, type DossierRecord } from './repo.js';

/** A dossier as every screen gets it: with its history, and its appointment marked provisional where the year's days off are. */
export function dossierView(db: Db, d: DossierRecord): DossierView {
  return {
    ...d,
    history: history(db, d.code),
    ...(d.appointmentAt && !isOfficialYear(db, vnYear(d.appointmentAt)) ? { appointmentProvisional: true } : {}),
  };
}
