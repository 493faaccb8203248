/**
 * Whether a dossier's processing time is being counted — the one definition the lifecycle, the
 * deadline board, the reports, the dossier view and the reference portal all read.
 *
 * - running: received or being processed; the appointment is a promise the office keeps.
 * - paused: waiting on the citizen (a supplement, a financial obligation) or stopped; the time the
 *   citizen takes is not the office's (Decree 61/2018, art. 19; the financial obligation is not
 *   counted in the processing time). A completed supplement restarts the clock from zero.
 * - waiting: filed but not yet received at the counter; no clock yet.
 * - ended: result ready, returned, refused or withdrawn.
 */
import type { DossierStatus } from '../sync/portal-types.js';

export type ClockState = 'waiting' | 'running' | 'paused' | 'ended';

export const CLOCK: Record<DossierStatus, ClockState> = {
  new: 'waiting',
  received: 'running',
  processing: 'running',
  supplement: 'paused',
  payment: 'paused',
  stopped: 'paused',
  result_ready: 'ended',
  returned: 'ended',
  refused: 'ended',
  withdrawn: 'ended',
};

const having = (state: ClockState) => (Object.keys(CLOCK) as DossierStatus[]).filter((s) => CLOCK[s] === state);

/** received, processing */
export const RUNNING_STATUSES: readonly DossierStatus[] = having('running');
/** supplement, payment, stopped */
export const PAUSED_STATUSES: readonly DossierStatus[] = having('paused');

export const isRunning = (status: DossierStatus) => CLOCK[status] === 'running';

/**
 * A late dossier gets one new appointment, with an apology (form 04), while its appointment still
 * stands: while running, or while it waits for a payment (the result is still promised for a date).
 */
export const APPOINTMENT_MOVABLE: readonly DossierStatus[] = [...RUNNING_STATUSES, 'payment'];

/** SQL list of statuses, for `status IN (…)`. The values are our own constants, never input. */
export const sqlList = (statuses: readonly DossierStatus[]) => statuses.map((s) => `'${s}'`).join(', ');
