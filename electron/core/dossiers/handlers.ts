import type { DossierView } from '../../contract.js';
import { getProcedure } from '../catalog/repo.js';
import { AppError } from '../errors.js';
import type { CoreDeps, HandlersOf } from '../handlers.js';
import type { SyncEngine } from '../sync/engine.js';
import { formFor } from '../forms/definitions.js';
import { checkForm } from '../forms/validate.js';
import { vnDay, vnYear } from '../time.js';
import { dossierView } from './view.js';
import { storeAttachment } from './attachments.js';
import { fileDossier, getDossier, history, listDossiers, type DossierRecord } from './repo.js';
import { isOfficialYear } from '../calendar/store.js';
import { transition } from '../desk/service.js';
import type { StaffAuth } from '../staff/auth.js';
import { toTracking } from './tracking.js';
import { loadCalendar } from '../calendar/store.js';
import { summarizer } from '../desk/view.js';
import type { DossierStatus } from '../sync/portal-types.js';
import { CLOCK } from './clock.js';

const notFound = (code: string) => new AppError('not_found', { vi: `Không tìm thấy hồ sơ mã ${code}.`, en: `No dossier with code ${code}.` });

export function dossierHandlers(deps: CoreDeps, engine: SyncEngine, auth: StaffAuth): HandlersOf<'dossier.'> {
  const { db, clock, loaded } = deps;
  const { config } = loaded;
  const view = (d: DossierRecord): DossierView => dossierView(db, d);
  return {
    'dossier.submit': ({ procedureCode, applicant, data, documents }) => {
      const procedure = getProcedure(db, procedureCode);
      if (!procedure) {
        throw new AppError('validation', { vi: `Không có thủ tục mã ${procedureCode}.`, en: `There is no procedure ${procedureCode}.` }, { field: 'procedureCode' });
      }
      // A guided form is checked here too: the kiosk's inline checks are a convenience, not the rule.
      const form = formFor(procedureCode);
      if (form && data && Object.keys(data).length > 0) {
        const { errors } = checkForm(form, data, vnDay(clock.now()));
        const [field, message] = Object.entries(errors)[0] ?? [];
        if (field && message) throw new AppError('validation', message, { field: `data.${field}` });
      }
      // Photos and scans are kept as files named by their hash; the dossier keeps their reference.
      const storedDocuments = documents?.map((d) => {
        const { image, ...rest } = d as Record<string, unknown> & { image?: unknown };
        return typeof image === 'string' ? { ...rest, attachment: storeAttachment(config.dataDir, image) } : rest;
      });
      const kiosk = config.mode === 'kiosk';
      const filed = fileDossier(
        db,
        {
          procedureCode,
          procedureName: procedure.name,
          wardCode: config.ward.code,
          agency: `${config.ward.code}.${kiosk ? 'K' : 'Q'}${config.device.slot}`,
          channel: kiosk ? 'kiosk' : 'counter',
          applicant,
          data: data ?? {},
          documents: storedDocuments,
          actor: kiosk ? 'kiosk' : 'counter',
        },
        clock.now(),
      );
      engine.runSoon();
      return view(filed);
    },
    'dossier.get': ({ code }) => {
      const d = getDossier(db, code);
      if (!d) throw notFound(code);
      return view(d);
    },
    'dossier.track': ({ code }) => {
      const d = getDossier(db, code);
      if (!d) throw notFound(code);
      const tracking = toTracking(d, history(db, code));
      return d.appointmentAt && !isOfficialYear(db, vnYear(d.appointmentAt)) ? { ...tracking, appointmentProvisional: true } : tracking;
    },
    'dossier.list': ({ session, status, origin, from, to, query, handler, clock: states, sort, desc, offset = 0, limit = 20 }) => {
      const s = auth.require(session);
      const statuses = states ? (Object.keys(CLOCK) as DossierStatus[]).filter((st) => states.includes(CLOCK[st])) : undefined;
      const found = listDossiers(db, { status, origin, from, to, query, handler: handler === 'me' ? { username: s.username } : handler, statuses, sort, desc, offset, limit });
      const summarize = summarizer({ db, calendar: loadCalendar(db, config.office), now: clock.now() });
      return { items: found.items.map((d) => ({ ...view(d), ...summarize(d) })), total: found.total };
    },
    'dossier.transition': ({ session, ...input }) => {
      const moved = transition({ db, config, now: clock.now() }, auth.require(session), input);
      engine.runSoon();
      return view(moved);
    },
  };
}
