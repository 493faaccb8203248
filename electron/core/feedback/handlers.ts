import crypto from 'node:crypto';
import { normalizeDossierCode, readTrackingCode } from '../dossiers/code.js';
import { getDossier } from '../dossiers/repo.js';
import { AppError } from '../errors.js';
import { vnDay } from '../time.js';
import type { CoreDeps, HandlersOf } from '../handlers.js';
import type { SyncEngine } from '../sync/engine.js';
import { enqueue } from '../sync/outbox.js';
import { PortalError, type PortalClient } from '../sync/portal-client.js';
import { replyDue, type FeedbackTracking } from './tracking.js';
import { RateLimiter } from '../access.js';
import { TrackGuard } from '../dossiers/track-guard.js';

const cannotCheck = new AppError('unavailable', {
  vi: 'Chưa kiểm tra được lúc này: ki-ốt đang mất kết nối với cổng dịch vụ công. Vui lòng thử lại sau ít phút, hoặc hỏi cán bộ tại quầy.',
  en: 'This cannot be checked right now: the kiosk has lost its connection to the public service portal. Please try again in a few minutes, or ask at the counter.',
});

/** The portal could not be asked (down, unreachable, this device not registered yet). */
const unreachable = (err: unknown) => err instanceof PortalError && err.kind !== 'refused';

/**
 * Feedback (phản ánh – kiến nghị) and satisfaction ratings: stored here and queued for the portal
 * in one transaction. Feedback gets a tracking code at once, offline or not, and can be followed
 * up by that code at any kiosk of the ward. A dossier is rated once, after its result was returned.
 */
export function feedbackHandlers({ db, clock, loaded, sequences, audit }: CoreDeps, engine: SyncEngine, portal: PortalClient | null = null): HandlersOf<'feedback.' | 'rating.'> {
  const { config } = loaded;
  // Feedback codes are sequential too: the same budgets as tracking a dossier.
  const guard = new TrackGuard(new RateLimiter(clock));
  const ratedHere = (code: string) => db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM ratings WHERE dossier_code = ?').get(code)!.n > 0;
  return {
    'feedback.send': ({ category, text, contact }) => {
      const now = clock.now();
      const at = now.toISOString();
      const key = `feedback-${crypto.randomUUID()}`;
      const trackingCode = db.transaction(() => {
        const seq = sequences.next(`fb:${vnDay(now)}`);
        const code = `PA-${config.ward.code}.${config.mode === 'kiosk' ? 'K' : 'Q'}${config.device.slot}-${vnDay(now).replace(/-/g, '').slice(2)}-${String(seq).padStart(4, '0')}`;
        db.prepare('INSERT INTO feedback (client_key, category, text, contact, created_at, tracking_code) VALUES (?, ?, ?, ?, ?, ?)').run(key, category, text, contact ?? null, at, code);
        enqueue(db, { kind: 'feedback', idempotencyKey: key, stream: key, payload: { clientKey: key, category, text, ...(contact ? { contact } : {}), wardCode: config.ward.code, createdAt: at, trackingCode: code }, now: at });
        return code;
      })();
      engine.runSoon();
      return { trackingCode };
    },
    /**
     * A feedback by its tracking code, typed however ("pa 00324 k01 …"): this device's record, else
     * the portal's. Errors: validation (not a feedback code), not_found, unavailable (offline).
     */
    'feedback.track': async ({ code: typed }, { caller }) => {
      const read = readTrackingCode(typed);
      if (read?.kind !== 'feedback') {
        throw new AppError('validation', { vi: 'Mã phản ánh chưa đúng. Mã có dạng PA-00324.K01-261201-0001, in trên phiếu phản ánh.', en: 'This is not a feedback code. It looks like PA-00324.K01-261201-0001, as printed on the feedback slip.' }, { field: 'code' });
      }
      guard.before(caller);
      const row = db
        .prepare<[string], { category: string; created_at: string; done_at: string | null }>(
          "SELECT f.category, f.created_at, o.done_at FROM feedback f LEFT JOIN outbox o ON o.idempotency_key = f.client_key AND o.state = 'done' WHERE f.tracking_code = ?",
        )
        .get(read.code);
      if (row) return { code: read.code, category: row.category, createdAt: row.created_at, receivedAt: row.done_at, portalCode: null, replyBy: replyDue(row.created_at), source: 'device' } satisfies FeedbackTracking;
      if (!portal) {
        guard.miss(caller);
        throw notFoundFeedback(read.code);
      }
      try {
        const v = await portal.trackFeedback(read.code);
        return { code: v.trackingCode, category: v.category, createdAt: v.createdAt, receivedAt: v.receivedAt, portalCode: v.portalCode, replyBy: replyDue(v.createdAt), source: 'portal' } satisfies FeedbackTracking;
      } catch (err) {
        if (err instanceof PortalError && err.status === 404) {
          guard.miss(caller);
          throw notFoundFeedback(read.code);
        }
        if (unreachable(err)) throw cannotCheck;
        throw err;
      }
    },
    /**
     * A satisfaction rating: of the service in general (a kiosk, anyone), or of one dossier — then
     * recorded by the officer at the counter where its result is returned, once, only after the return
     * (Circular 01/2018 rates the handling of a dossier). A code alone proves nothing — codes are
     * sequential — so a kiosk takes no dossier's rating: no one can rate someone else's dossier, nor
     * spend the one rating its resident will give. Errors: forbidden (a dossier's rating without an
     * officer), not_found, validation (not returned yet), conflict (already rated), unavailable.
     */
    'rating.send': async ({ dossierCode, level, criteria }, { session }) => {
      let code: string | undefined;
      if (dossierCode !== undefined && !session) {
        throw new AppError(
          'forbidden',
          {
            vi: 'Việc giải quyết một hồ sơ được đánh giá tại quầy khi nhận kết quả. Tại ki-ốt, bạn có thể đánh giá chung về dịch vụ.',
            en: 'A dossier’s handling is rated at the counter when its result is returned. At a kiosk you can rate the service in general.',
          },
          { field: 'dossierCode' },
        );
      }
      if (dossierCode !== undefined) {
        code = normalizeDossierCode(dossierCode) ?? undefined;
        if (!code) throw new AppError('validation', { vi: 'Mã hồ sơ chưa đúng.', en: 'This dossier code is not valid.' }, { field: 'dossierCode' });
        const local = getDossier(db, code);
        let status = local?.status;
        let rated = ratedHere(code);
        if (!local) {
          if (!portal) throw new AppError('not_found', { vi: `Không tìm thấy hồ sơ mã ${code}.`, en: `No dossier with code ${code}.` });
          try {
            const seen = await portal.trackDossier(code);
            status = seen.status;
            rated ||= seen.rated;
          } catch (err) {
            if (err instanceof PortalError && err.status === 404) throw new AppError('not_found', { vi: `Không tìm thấy hồ sơ mã ${code}.`, en: `No dossier with code ${code}.` });
            if (unreachable(err)) throw cannotCheck;
            throw err;
          }
        }
        if (status !== 'returned') {
          throw new AppError('validation', { vi: 'Bạn có thể đánh giá khi đã nhận kết quả của hồ sơ này.', en: 'You can rate the service once you have received the result of this dossier.' }, { field: 'dossierCode' });
        }
        if (rated) throw alreadyRated();
      }
      const at = clock.now().toISOString();
      const key = `rating-${crypto.randomUUID()}`;
      db.transaction(() => {
        // Checked again inside the write: two taps at once still make one rating.
        if (code && ratedHere(code)) throw alreadyRated();
        // At the desk, the officer records the citizen's rating: on the audit record.
        if (session) audit.append({ at, actor: session.username, action: 'rating.record', dossierCode: code ?? null, after: { level } });
        db.prepare('INSERT INTO ratings (client_key, dossier_code, level, criteria, created_at) VALUES (?, ?, ?, ?, ?)').run(key, code ?? null, level, criteria ? JSON.stringify(criteria) : null, at);
        // A dossier's rating follows its moves to the portal (its stream): the portal takes it once the return is there.
        enqueue(db, { kind: 'rating', idempotencyKey: key, stream: code ?? key, payload: { clientKey: key, ...(code ? { dossierCode: code } : {}), level, ...(criteria ? { criteria } : {}), wardCode: config.ward.code, createdAt: at }, now: at });
      })();
      engine.runSoon();
      return { ok: true as const };
    },
  };
}

const notFoundFeedback = (code: string) => new AppError('not_found', { vi: `Không tìm thấy phản ánh mã ${code}.`, en: `No feedback with code ${code}.` });
const alreadyRated = () => new AppError('conflict', { vi: 'Hồ sơ này đã được đánh giá. Cảm ơn bạn!', en: 'This dossier has already been rated. Thank you!' });
