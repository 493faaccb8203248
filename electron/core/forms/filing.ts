/**
 * Where and how a resident files a procedure, decided once for the kiosk's screen and for the
 * core's check of every filing. A kiosk files only through a guided form (so the dossier carries
 * what the law asks, checked field by field) and only procedures the ward's one-stop office
 * receives (commune level). Everything else is explained: who receives it and by which channels.
 */
import type { Channel, Level } from '../catalog/model.js';
import { formFor } from './definitions.js';

/** The parts of a catalog procedure this decision reads. */
export interface FilingFacts {
  code: string;
  levels: Level[];
  agency: string | null;
  competentAgency: string | null;
  levelText: string;
  channels: Pick<Channel, 'kind'>[];
  onlineAvailable: boolean;
  sourceUrl: string;
}

export interface HowToApply {
  /** This kiosk files it through a guided form. */
  atKiosk: boolean;
  /** The ward's one-stop counter receives it (a commune-level procedure). */
  atWardCounter: boolean;
  /** Who receives it, as the catalog names it (may be null: then `levelText` says the level). */
  agency: string | null;
  levelText: string;
  /** The channels the law allows: in person, online (on the national portal), by post. */
  inPerson: boolean;
  online: boolean;
  byPost: boolean;
  /** The procedure's page on the National Public Service Portal (for "continue on your phone"). */
  sourceUrl: string;
}

/** How a resident files `p`: at this kiosk, at the ward's counter, or elsewhere and how. */
export function howToApply(p: FilingFacts): HowToApply {
  const kinds = new Set(p.channels.map((c) => c.kind));
  const atWardCounter = p.levels.includes('commune');
  return {
    atKiosk: atWardCounter && formFor(p.code) !== undefined,
    atWardCounter,
    agency: p.agency ?? p.competentAgency,
    levelText: p.levelText,
    inPerson: kinds.has('in_person') || kinds.size === 0,
    online: kinds.has('online') || p.onlineAvailable,
    byPost: kinds.has('post'),
    sourceUrl: p.sourceUrl,
  };
}
