import { describe, expect, it } from 'vitest';
import { DOSSIER_STATUSES } from '../../electron/contract.js';
import { TRANSITION_ROLES } from '../../electron/core/desk/roles.js';
import { isLegalTransition } from '../../electron/core/dossiers/lifecycle.js';

/** The legal moves, written out by hand from domain.md's status list: everything else is refused. */
const LEGAL = new Set([
  'new>received', 'new>refused', 'new>supplement', 'new>withdrawn',
  'received>processing', 'received>supplement', 'received>refused', 'received>withdrawn',
  'processing>supplement', 'processing>payment', 'processing>stopped', 'processing>result_ready', 'processing>withdrawn',
  'supplement>received', 'supplement>refused', 'supplement>withdrawn',
  'payment>processing', 'payment>result_ready', 'payment>stopped', 'payment>withdrawn',
  'stopped>processing',
  'result_ready>returned',
]);

describe('dossier lifecycle', () => {
  it('refuses every one of the 78 illegal moves and allows the 22 legal ones', () => {
    let refused = 0;
    for (const from of DOSSIER_STATUSES) {
      for (const to of DOSSIER_STATUSES) {
        const legal = LEGAL.has(`${from}>${to}`);
        expect(isLegalTransition(from, to), `${from} → ${to}`).toBe(legal);
        if (!legal) refused++;
      }
    }
    expect(refused).toBe(78);
  });

  it('refused, withdrawn and returned are final; nothing goes back to new', () => {
    for (const end of ['refused', 'withdrawn', 'returned'] as const) for (const to of DOSSIER_STATUSES) expect(isLegalTransition(end, to)).toBe(false);
    for (const from of DOSSIER_STATUSES) expect(isLegalTransition(from, 'new')).toBe(false);
  });

  it('each move belongs to the roles that make it at a one-stop desk; the desk admin makes none', () => {
    expect(TRANSITION_ROLES.received).toEqual(['receptionist', 'supervisor']);
    expect(TRANSITION_ROLES.result_ready).toEqual(['processor', 'supervisor']);
    for (const roles of Object.values(TRANSITION_ROLES)) expect(roles).not.toContain('desk_admin');
  });
});
