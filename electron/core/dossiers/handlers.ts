import type { DossierView } from '../../contract.js';
import { getProcedure } from '../catalog/repo.js';
import { assertRoom } from '../disk.js';
import { AppError } from '../errors.js';
import type { CoreDeps, HandlersOf } from '../handlers.js';
import type { SyncEngine } from '../sync/engine.js';
import { formFor } from '../forms/definitions.js';
import { checkForm } from '../forms/validate.js';
import { vnDay, vnYear } from '../time.js';
import { dossierView, dossierViews } from './view.js';
import { storeAttachment } from './attachments.js';
import { assertPortalSize, fileDossier, getDossier, history, listDossiers, type DossierRecord } from './repo.js';
import { isOfficialYear, loadCalendar } from '../calendar/store.js';
import { transition } from '../desk/service.js';
import { toTracking } from './tracking.js';
import { summarizer } from '../desk/view.js';
import type { DossierStatus } from '../sync/portal-types.js';
import { CLOCK } from './clock.js';

const notFound = (code: string) => new AppError('not_found', { vi: `Không tìm thấy hồ sơ mã ${code}.`, en: `No dossier with code ${code}.` });

export function dossierHandlers(deps: CoreDeps, engine: SyncEngine): HandlersOf<'dossier.'> {
  const { db, clock, loaded, audit, sequences } = deps;
  const { config } = loaded;
  const view = (d: DossierRecord): DossierView => dossierView(db, d);
  /** Reading citizens' personal data is recorded: who looked at whose data (Decree 13/2023/NĐ-CP). */
  const read = (actor: string, action: string, dossierCode: string | null, after?: unknown) =>
    db.transaction(() => audit.append({ at: clock.now().toISOString(), actor, action, dossierCode, after }))();
  return {
    // A kiosk's filing for the resident before it (the contract has no desk rule: the desk receives).
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
      // What the portal would refuse gets no code: checked before anything is stored.
      const images = (documents ?? []).reduce((n, d) => n + (typeof d.image === 'string' ? d.image.length : 0), 0);
      assertPortalSize({ applicant, data, documents: documents?.map(({ image: _image, ...rest }) => rest) });
      assertRoom(config.dataDir, images);
      // Photos and scans are kept as files named by their hash; the dossier keeps their reference.
      const storedDocuments = documents?.map((d) => {
        const { image, ...rest } = d as Record<string, unknown> & { image?: unknown };
        return typeof image === 'string' ? { ...rest, attachment: storeAttachment(config.dataDir, image) } : rest;
      });
      const filed = fileDossier(
        db,
        {
          procedureCode,
          procedureName: procedure.name,
          wardCode: config.ward.code,
          agency: `${config.ward.code}.K${config.device.slot}`,
          channel: 'kiosk',
          applicant,
          data: data ?? {},
          documents: storedDocuments,
          actor: 'kiosk',
        },
        clock.now(),
        sequences,
      );
      engine.runSoon();
      return view(filed);
    },
    'dossier.get': ({ code }, { session }) => {
      const d = getDossier(db, code);
      if (!d) throw notFound(code);
      read(session.username, 'dossier.read', code);
      return view(d);
    },
    'dossier.track': ({ code }) => {
      const d = getDossier(db, code);
      if (!d) throw notFound(code);
      const tracking = toTracking(d, history(db, code));
      return d.appointmentAt && !isOfficialYear(db, vnYear(d.appointmentAt)) ? { ...tracking, appointmentProvisional: true } : tracking;
    },
    'dossier.list': ({ status, origin, from, to, query, handler, clock: states, sort, desc, offset = 0, limit = 20, after }, { session }) => {
      const statuses = states ? (Object.keys(CLOCK) as DossierStatus[]).filter((st) => states.includes(CLOCK[st])) : undefined;
      const found = listDossiers(db, { status, origin, from, to, query, handler: handler === 'me' ? { username: session.username } : handler, statuses, sort, desc, offset, limit, after });
      // A search for a person (a name or a code) is recorded with what it found; browsing the inbox is not.
      if (query?.trim()) read(session.username, 'dossier.search', null, { query: query.trim(), codes: found.items.map((d) => d.code) });
      const summarize = summarizer({ db, calendar: loadCalendar(db, config.office), now: clock.now() });
      return { ...found, items: dossierViews(db, found.items).map((d) => ({ ...d, ...summarize(d) })) };
    },
    'dossier.transition': ({ session: _token, ...input }, { session }) => {
      const moved = transition({ db, config, now: clock.now(), sequences, audit }, session, input);
      engine.runSoon();
      return view(moved);
    },
  };
}
