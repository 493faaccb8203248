import type { PortalClient } from './portal-client.js';
import type { DossierStatus, DossierSubmission } from './portal-types.js';

/**
 * The seam for integrators: how an outbound dossier leaves this device. The default sends it to
 * our city portal API; `national-adapter.ts` maps it to the national portal's dossier JSON.
 */
export interface DossierAdapter {
  readonly name: string;
  submitDossier(dossier: DossierSubmission, idempotencyKey: string): Promise<{ code: string; receivedAt: string; status: DossierStatus }>;
}

export function cityPortalAdapter(client: PortalClient): DossierAdapter {
  return { name: 'city-portal', submitDossier: (d, key) => client.submitDossier(d, key) };
}
