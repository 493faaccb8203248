import type { DossierStatus } from '../sync/portal-types.js';
import type { Role } from '../staff/model.js';

/**
 * Who may move a dossier into each status. Receptionists receive, ask for supplements, refuse and
 * return results; processors carry the processing; supervisors may do everything. The desk admin
 * manages accounts and the calendar, not dossiers.
 */
export const TRANSITION_ROLES: Record<DossierStatus, Role[]> = {
  new: [],
  received: ['receptionist', 'supervisor'],
  refused: ['receptionist', 'supervisor'],
  supplement: ['receptionist', 'processor', 'supervisor'],
  withdrawn: ['receptionist', 'supervisor'],
  processing: ['processor', 'supervisor'],
  payment: ['processor', 'supervisor'],
  stopped: ['processor', 'supervisor'],
  result_ready: ['processor', 'supervisor'],
  returned: ['receptionist', 'supervisor'],
};

