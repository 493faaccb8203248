import { isLocal } from '../access.js';
import type { DeviceAdmin } from '../device/admin.js';
import type { CoreDeps, HandlersOf } from '../handlers.js';
import type { StaffAuth } from './auth.js';

export function staffHandlers({ loaded, audit }: CoreDeps, auth: StaffAuth, admin: DeviceAdmin): HandlersOf<'staff.' | 'audit.'> {
  const { config } = loaded;
  return {
    'staff.status': () => ({ needsSetup: auth.needsSetup(), counter: config.desk.counter, lockMinutes: config.desk.lockMinutes, groups: config.queue.groups }),
    // The setup code was checked before this runs (the contract's `setup` rule); it is spent now.
    'staff.setup': async ({ username, displayName, password }, { caller }) => {
      const session = await auth.setup({ username, displayName, password }, caller.client);
      admin.setupDone();
      return session;
    },
    'staff.signIn': ({ username, password }, { caller }) => auth.signIn(username, password, caller.client, isLocal(caller)),
    'staff.signOut': ({ session }) => {
      auth.signOut(session);
      return { ok: true as const };
    },
    'staff.me': (_input, { session }) => session,
    'staff.list': () => auth.list(),
    'staff.save': ({ username, displayName, roles, active, password }, { session }) => auth.save(session.username, { username, displayName, roles, active, password }),
    'staff.changePassword': async ({ current, next }, { session }) => {
      await auth.changePassword(session, current, next);
      return { ok: true as const };
    },
    'staff.resetAdmin': ({ username, displayName }) => auth.resetAdmin(username, displayName),
    'audit.list': ({ dossierCode, offset = 0, limit = 50 }) => ({ ...audit.list({ dossierCode, offset, limit }), chain: audit.state() }),
  };
}
