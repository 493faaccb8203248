import crypto from 'node:crypto';
import { vnDay } from '../time.js';
import type { CoreDeps, HandlersOf } from '../handlers.js';
import type { SyncEngine } from '../sync/engine.js';
import { enqueue } from '../sync/outbox.js';
import { AppError } from '../errors.js';

/**
 * Feedback (phản ánh – kiến nghị) and satisfaction ratings: stored here and queued for the portal
 * in one transaction. Feedback gets a tracking code at once, offline or not.
 */
export function feedbackHandlers({ db, clock, loaded, sequences, audit }: CoreDeps, engine: SyncEngine): HandlersOf<'feedback.' | 'rating.'> {
  const { config } = loaded;
  return {
    'feedback.send': ({ category, text, contact }) => {
      const now = clock.now();
      const at = now.toISOString();
      const key = `feedback-${crypto.randomUUID()}`;
      const trackingCode = db.transaction(() => {
        const seq = sequences.next(`fb:${vnDay(now)}`);
        const code = `PA-${config.ward.code}.${config.mode === 'kiosk' ? 'K' : 'Q'}${config.device.slot}-${vnDay(now).replace(/-/g, '').slice(2)}-${String(seq).padStart(4, '0')}`;
        db.prepare('INSERT INTO feedback (client_key, category, text, contact, created_at, tracking_code) VALUES (?, ?, ?, ?, ?, ?)').run(key, category, text, contact ?? null, at, code);
        enqueue(db, { kind: 'feedback', idempotencyKey: key, stream: key, payload: { clientKey: key, category, text, ...(contact ? { contact } : {}), wardCode: config.ward.code, createdAt: at }, now: at });
        return code;
      })();
      engine.runSoon();
      return { trackingCode };
    },
    'rating.send': ({ dossierCode, level, criteria }, { session }) => {
      const at = clock.now().toISOString();
      const key = `rating-${crypto.randomUUID()}`;
      db.transaction(() => {
        // One rating per dossier: a code is printed on a receipt anyone may hold, so a second is refused.
        if (dossierCode && db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM ratings WHERE dossier_code = ?').get(dossierCode)!.n > 0) {
          throw new AppError('forbidden', { vi: 'Hồ sơ này đã được đánh giá.', en: 'This dossier has already been rated.' }, { field: 'dossierCode' });
        }
        if (session) audit.append({ at, actor: session.username, action: 'rating.record', dossierCode: dossierCode ?? null, after: { level } });
        db.prepare('INSERT INTO ratings (client_key, dossier_code, level, criteria, created_at) VALUES (?, ?, ?, ?, ?)').run(key, dossierCode ?? null, level, criteria ? JSON.stringify(criteria) : null, at);
        enqueue(db, { kind: 'rating', idempotencyKey: key, stream: key, payload: { clientKey: key, ...(dossierCode ? { dossierCode } : {}), level, ...(criteria ? { criteria } : {}), wardCode: config.ward.code, createdAt: at }, now: at });
      })();
      engine.runSoon();
      return { ok: true as const };
    },
  };
}
