import { csvFile, vnTime } from '../desk/export.js';
import { AppError } from '../errors.js';
import type { CoreDeps, HandlersOf } from '../handlers.js';
import { verifyAudit } from './audit.js';
import { iterateAudit, queryAudit, type AuditFilter } from './audit-query.js';
import { AUDIT_KINDS, auditLine } from './audit-view.js';
import type { StaffAuth } from './auth.js';
import { staffNames } from './names.js';
import { vnDay } from '../time.js';

export function staffHandlers({ db, loaded }: CoreDeps, auth: StaffAuth): HandlersOf<'staff.' | 'audit.'> {
  const { config } = loaded;
  return {
    'staff.status': () => ({ needsSetup: auth.needsSetup(), counter: config.desk.counter, lockMinutes: config.desk.lockMinutes, groups: config.queue.groups }),
    'staff.setup': (input) => {
      // A kiosk has no officers: its screens are public, so no account may be made there.
      if (config.mode === 'kiosk') throw new AppError('forbidden', { vi: 'Ki-ốt không có tài khoản cán bộ.', en: 'A kiosk has no staff accounts.' });
      return auth.setup(input);
    },
    'staff.signIn': ({ username, password, counter, preferCounter }) => auth.signIn(username, password, counter, preferCounter),
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
    'staff.changePassword': ({ session, current, next }) => {
      auth.changePassword(auth.require(session), current, next);
      return { ok: true as const };
    },
    'audit.list': ({ session, offset = 0, limit = 50, ...filter }) => {
      auth.require(session, ['supervisor']);
      checkRange(filter);
      const found = queryAudit(db, filter, { offset, limit });
      const names = staffNames(db);
      const name = (u: string) => names(u) ?? u;
      return { ...found, lines: found.items.map((e) => auditLine(e, name)), chain: verifyAudit(db) };
    },
    'audit.export': ({ session, ...filter }) => {
      auth.require(session, ['supervisor']);
      checkRange(filter);
      const names = staffNames(db);
      const name = (u: string) => names(u) ?? u;
      const rows: (string | number)[][] = [['Thời điểm', 'Người thực hiện', 'Tài khoản', 'Hồ sơ', 'Nội dung', 'Mã thao tác']];
      for (const e of iterateAudit(db, filter)) {
        const line = auditLine(e, name);
        rows.push([vnTime(e.at), line.actorName, e.actor, e.dossierCode ?? '', line.sentence.vi, e.action]);
      }
      const span = filter.from || filter.to ? `-${filter.from ? vnDay(new Date(filter.from)) : ''}_${filter.to ? vnDay(new Date(Date.parse(filter.to) - 1)) : ''}` : '';
      return { filename: `nhat-ky-${config.ward.code}${span}.csv`, mime: 'text/csv; charset=utf-8', base64: Buffer.from(csvFile(rows), 'utf8').toString('base64') };
    },
    'audit.facets': ({ session }) => {
      auth.require(session, ['supervisor']);
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
