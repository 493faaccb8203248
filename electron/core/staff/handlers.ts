import { AppError } from '../errors.js';
import type { CoreDeps, HandlersOf } from '../handlers.js';
import { listAudit, verifyAudit } from './audit.js';
import type { StaffAuth } from './auth.js';

export function staffHandlers({ db, loaded }: CoreDeps, auth: StaffAuth): HandlersOf<'staff.' | 'audit.'> {
  const { config } = loaded;
  return {
    'staff.status': () => ({ needsSetup: auth.needsSetup(), counter: config.desk.counter, lockMinutes: config.desk.lockMinutes, groups: config.queue.groups }),
    'staff.setup': (input) => {
      // A kiosk has no officers: its screens are public, so no account may be made there.
      if (config.mode === 'kiosk') throw new AppError('forbidden', { vi: 'Ki-ốt không có tài khoản cán bộ.', en: 'A kiosk has no staff accounts.' });
      return auth.setup(input);
    },
    'staff.signIn': ({ username, password }) => auth.signIn(username, password),
    'staff.signOut': ({ session }) => {
      auth.signOut(session);
      return { ok: true as const };
    },
    'staff.me': ({ session }) => auth.require(session),
    'staff.list': ({ session }) => {
      auth.require(session, ['desk_admin', 'supervisor']);
      return auth.list();
    },
    'staff.save': ({ session, ...account }) => auth.save(auth.require(session, ['desk_admin']).username, account),
    'staff.changePassword': async ({ session, current, next }) => {
      await auth.changePassword(auth.require(session), current, next);
      return { ok: true as const };
    },
    'audit.list': ({ session, dossierCode, offset = 0, limit = 50 }) => {
      auth.require(session, ['supervisor']);
      return { ...listAudit(db, { dossierCode, offset, limit }), chain: verifyAudit(db) };
    },
  };
}
