import { isLocal } from '../access.js';
import type { DeviceAdmin } from '../device/admin.js';
import { adminCommand } from '../device/admin-command.js';
import { csvFile, vnTime } from '../desk/export.js';
import { AppError } from '../errors.js';
import type { CoreDeps, HandlersOf } from '../handlers.js';
import { iterateAudit, queryAudit, type AuditFilter } from './audit-query.js';
import { AUDIT_KINDS, auditLine } from './audit-view.js';
import type { StaffAuth } from './auth.js';
import { staffNames } from './names.js';
import { vnDay } from '../time.js';

export function staffHandlers({ db, clock, loaded, audit }: CoreDeps, auth: StaffAuth, admin: DeviceAdmin): HandlersOf<'staff.' | 'audit.'> {
  const { config } = loaded;
  return {
    'staff.status': () => ({ needsSetup: auth.needsSetup(), counter: config.desk.counter, lockMinutes: config.desk.lockMinutes, groups: config.queue.groups, doctorCommand: adminCommand('doctor') }),
    // The setup code was checked before this runs (the contract's `setup` rule); it is spent now.
    'staff.setup': async ({ username, displayName, password }, { caller }) => {
      const session = await auth.setup({ username, displayName, password }, caller.client, isLocal(caller));
      admin.setupDone();
      return session;
    },
    'staff.signIn': ({ username, password, counter, preferCounter, resume }, { caller }) => auth.signIn(username, password, caller.client, isLocal(caller), counter, preferCounter, resume),
    'staff.signOut': ({ session, lock }) => {
      auth.signOut(session, lock);
      return { ok: true as const };
    },
    'staff.me': (_input, { session }) => session,
    'staff.list': () => auth.list(),
    'staff.save': ({ username, displayName, roles, active, password }, { session }) => auth.save(session.username, { username, displayName, roles, active, password }),
    'staff.changePassword': async ({ current, next }, { session, caller }) => {
      await auth.changePassword(session, current, next, caller.client, isLocal(caller));
      return { ok: true as const };
    },
    'staff.checkPassword': ({ username, displayName, password }) => ({ problem: auth.passwordProblem(password, username, displayName) }),
    'staff.resetAdmin': ({ username, displayName }) => auth.resetAdmin(username, displayName),
    'audit.list': ({ offset = 0, limit = 50, ...filter }) => {
      checkRange(filter);
      // Only a dossier asked for: the log's own paging, every row shown checked against its seal.
      const plain = !filter.actor && !filter.kind && !filter.from && !filter.to;
      const found = plain ? audit.list({ dossierCode: filter.dossierCode, offset, limit }) : queryAudit(db, filter, { offset, limit });
      const names = staffNames(db);
      const name = (u: string) => names(u) ?? u;
      return { ...found, lines: found.items.map((e) => auditLine(e, name)), chain: audit.state() };
    },
    'audit.export': ({ ...filter }, { session }) => {
      checkRange(filter);
      const names = staffNames(db);
      const name = (u: string) => names(u) ?? u;
      const rows: (string | number)[][] = [['Thời điểm', 'Người thực hiện', 'Tài khoản', 'Hồ sơ', 'Nội dung', 'Mã thao tác']];
      for (const e of iterateAudit(db, filter)) {
        const line = auditLine(e, name);
        rows.push([vnTime(e.at), line.actorName, e.actor, e.dossierCode ?? '', line.sentence.vi, e.action]);
      }
      // The log leaves the app with what officers did to whose dossier: the export is on record too.
      audit.append({ at: clock.now().toISOString(), actor: session.username, action: 'audit.export', after: { ...filter, rows: rows.length - 1 } });
      const span = filter.from || filter.to ? `-${filter.from ? vnDay(new Date(filter.from)) : ''}_${filter.to ? vnDay(new Date(Date.parse(filter.to) - 1)) : ''}` : '';
      return { filename: `nhat-ky-${config.ward.code}${span}.csv`, mime: 'text/csv; charset=utf-8', base64: Buffer.from(csvFile(rows), 'utf8').toString('base64') };
    },
    'audit.facets': () => {
      const actors = db
        .prepare<[], { username: string; displayName: string }>(
          'SELECT DISTINCT a.actor AS username, coalesce(s.display_name, a.actor) AS displayName FROM audit_log a LEFT JOIN staff_accounts s ON s.username = a.actor ORDER BY displayName',
        )
        .all();
      return { actors, kinds: Object.entries(AUDIT_KINDS).map(([kind, k]) => ({ kind, label: k.label })) };
    },
  };
}

function checkRange(f: AuditFilter): void {
  if (f.from && f.to && f.to <= f.from) {
    throw new AppError('validation', { vi: 'Ngày kết thúc phải sau ngày bắt đầu.', en: 'The end date must be after the start date.' }, { field: 'to' });
  }
}
