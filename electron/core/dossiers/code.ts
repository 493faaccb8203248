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
