import type { DossierView } from '../../contract.js';
import { getProcedure } from '../catalog/repo.js';
import { assertRoom } from '../disk.js';
import { AppError } from '../errors.js';
import type { CoreDeps, HandlersOf } from '../handlers.js';
import type { SyncEngine } from '../sync/engine.js';
import { formFor } from '../forms/definitions.js';
import { checkForm } from '../forms/validate.js';
import { NOT_A_CODE, normalizeDossierCode } from './code.js';
import { vnDay, vnYear } from '../time.js';
import { dossierView, dossierViews } from './view.js';
import { storeAttachment } from './attachments.js';
import { assertPortalSize, fileDossier, getDossier, history, listDossiers, type DossierRecord } from './repo.js';
import { isOfficialYear, loadCalendar } from '../calendar/store.js';
import { transition } from '../desk/service.js';
import { summarizer } from '../desk/view.js';
import type { DossierStatus } from '../sync/portal-types.js';
import { CLOCK } from './clock.js';
import { toTracking, type DossierTracking } from './tracking.js';
import { howToApply } from '../forms/filing.js';
import type { ProcedureDetail } from '../catalog/model.js';
import { PortalError, type PortalClient } from '../sync/portal-client.js';
import { RateLimiter } from '../access.js';
import { TrackGuard } from './track-guard.js';

const notFound = (code: string) => new AppError('not_found', { vi: `Không tìm thấy hồ sơ mã ${code}.`, en: `No dossier with code ${code}.` });

/**
 * The processing time by law a resident can expect: the in-person channel's, else any given. A
 * number the portal gives without a unit is read as working days, as the desk reads it for the
 * appointment.
 */
function processingTime(p: ProcedureDetail | null): DossierTracking['processingTime'] {
  if (!p) return null;
  const timed = p.channels.filter((c) => c.time);
  const time = (timed.find((c) => c.kind === 'in_person') ?? timed[0])?.time ?? null;
  return time && { value: time.value, unit: time.unit ?? 'working_days' };
}

export function dossierHandlers(deps: CoreDeps, engine: SyncEngine, portal: PortalClient | null = null): HandlersOf<'dossier.'> {
  const { db, clock, loaded, audit, sequences } = deps;
  const { config } = loaded;
  const view = (d: DossierRecord): DossierView => dossierView(db, d);
  const guard = new TrackGuard(new RateLimiter(clock));
  /** Reading citizens' personal data is recorded: who looked at whose data (Decree 13/2023/NĐ-CP). */
  const read = (actor: string, action: string, dossierCode: string | null, after?: unknown) =>
    db.transaction(() => audit.append({ at: clock.now().toISOString(), actor, action, dossierCode, after }))();
  /** An appointment in a year whose days off are not official yet is shown as provisional. */
  const provisional = (t: DossierTracking): DossierTracking => (t.appointmentAt && !isOfficialYear(db, vnYear(t.appointmentAt)) ? { ...t, appointmentProvisional: true } : t);
  return {
    // A kiosk's filing for the resident before it (the contract has no desk rule: the desk receives).
    'dossier.submit': ({ procedureCode, applicant, data, documents }) => {
      const procedure = getProcedure(db, procedureCode);
      if (!procedure) {
        throw new AppError('validation', { vi: `Không có thủ tục mã ${procedureCode}.`, en: `There is no procedure ${procedureCode}.` }, { field: 'procedureCode' });
      }
      // Filing here goes through a guided form of a procedure the ward receives; the rest is
      // received at its own office (the kiosk says where and how).
      const form = formFor(procedureCode);
      if (!form || !howToApply(procedure).atKiosk) {
        throw new AppError(
          'validation',
          { vi: 'Thủ tục này không nộp được tại ki-ốt. Xem hướng dẫn nơi nộp và cách nộp trên trang thủ tục.', en: 'This procedure cannot be filed at the kiosk. See where and how to apply on the procedure’s page.' },
          { field: 'procedureCode' },
        );
      }
      // The guided form is checked here too, whole: the kiosk's inline checks are a convenience, not the rule.
      const { errors } = checkForm(form, data ?? {}, vnDay(clock.now()));
      const [field, message] = Object.entries(errors)[0] ?? [];
      if (field && message) throw new AppError('validation', message, { field: `data.${field}` });
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
    /**
     * Any dossier of the ward by its code, typed however (spaces, no dashes, lower case): this
     * device's record when it has one, else the portal's status-only view. Errors: validation (not
     * a dossier code), not_found, unavailable (the portal cannot be asked right now).
     */
    'dossier.track': async ({ code: typed }, { caller }) => {
      const code = normalizeDossierCode(typed);
      if (!code) {
        throw new AppError('validation', NOT_A_CODE, { field: 'code' });
      }
      guard.before(caller);
      const d = getDossier(db, code);
      if (d) return provisional(toTracking(d, history(db, code), { processingTime: processingTime(getProcedure(db, d.procedureCode)) }));
      if (!portal) {
        guard.miss(caller);
        throw notFound(code);
      }
      try {
        const v = await portal.trackDossier(code);
        // The portal says whether the dossier was rated; tracking does not show it (a dossier is rated at the counter).
        const seen: Omit<typeof v, 'rated'> & { rated?: boolean } = { ...v };
        delete seen.rated;
        return provisional({ ...seen, processingTime: processingTime(getProcedure(db, v.procedureCode)), syncedAt: clock.now().toISOString(), source: 'portal' });
      } catch (err) {
        if (err instanceof PortalError && err.status === 404) {
          guard.miss(caller);
          throw notFound(code);
        }
        if (err instanceof PortalError && err.kind !== 'refused') {
          throw new AppError('unavailable', {
            vi: 'Chưa kiểm tra được hồ sơ lúc này: ki-ốt đang mất kết nối với cổng dịch vụ công. Vui lòng thử lại sau ít phút, hoặc hỏi cán bộ tại quầy.',
            en: 'The dossier cannot be checked right now: the kiosk has lost its connection to the public service portal. Please try again in a few minutes, or ask at the counter.',
          });
        }
        throw err;
      }
    },
    'dossier.list': ({ status, origin, from, to, query, handler, clock: states, sort, desc, offset = 0, limit = 20, after }, { session }) => {
      const statuses = states ? (Object.keys(CLOCK) as DossierStatus[]).filter((st) => states.includes(CLOCK[st])) : undefined;
      const found = listDossiers(db, { status, origin, from, to, query, handler: handler === 'me' ? { username: session.username } : handler, statuses, sort, desc, offset, limit, after });
      // A search for a person (a name or a code) is recorded with what it found; browsing the inbox is not.
      if (query?.trim()) read(session.username, 'dossier.search', null, { query: query.trim(), codes: found.items.map((d) => d.code) });
      const summarize = summarizer({ db, calendar: loadCalendar(db, config.office), now: clock.now() });
      // A list shows what a list row needs: the applicant's name, no CCCD, birth date, phone, address,
      // e-mail or form data, and no history — opening the dossier (desk.dossier) shows them, on record.
      // The list must not be a silent bulk export of the ward's personal data.
      return { ...found, items: dossierViews(db, found.items).map((d) => ({ ...d, applicant: { fullName: d.applicant.fullName }, data: {}, history: [], ...summarize(d) })) };
    },
    'dossier.transition': ({ session: _token, ...input }, { session }) => {
      const moved = transition({ db, config, now: clock.now(), sequences, audit }, session, input);
      engine.runSoon();
      return view(moved);
    },
  };
}
