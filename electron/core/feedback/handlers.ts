import crypto from 'node:crypto';
import { vnDay } from '../time.js';
import type { CoreDeps, HandlersOf } from '../handlers.js';
import type { SyncEngine } from '../sync/engine.js';
import { enqueue } from '../sync/outbox.js';

/**
 * Feedback (phản ánh – kiến nghị) and satisfaction ratings: stored here and queued for the portal
 * in one transaction. Feedback gets a tracking code at once, offline or not.
 */
export function feedbackHandlers({ db, clock, loaded }: CoreDeps, engine: SyncEngine): HandlersOf<'feedback.' | 'rating.'> {
  const { config } = loaded;
  return {
    'feedback.send': ({ category, text, contact }) => {
      const now = clock.now();
      const at = now.toISOString();
      const key = `feedback-${crypto.randomUUID()}`;
      const trackingCode = db.transaction(() => {
        const day = `fb:${vnDay(now)}`;
        const seq = db.prepare<[string], { last: number }>('INSERT INTO daily_sequences (day, last) VALUES (?, 1) ON CONFLICT (day) DO UPDATE SET last = last + 1 RETURNING last').get(day)!.last;
        const code = `PA-${config.ward.code}.${config.mode === 'kiosk' ? 'K' : 'Q'}${config.device.slot}-${vnDay(now).replace(/-/g, '').slice(2)}-${String(seq).padStart(4, '0')}`;
        db.prepare('INSERT INTO feedback (client_key, category, text, contact, created_at, tracking_code) VALUES (?, ?, ?, ?, ?, ?)').run(key, category, text, contact ?? null, at, code);
        enqueue(db, { kind: 'feedback', idempotencyKey: key, stream: key, payload: { clientKey: key, category, text, ...(contact ? { contact } : {}), wardCode: config.ward.code, createdAt: at }, now: at });
        return code;
      })();
      engine.runSoon();
      return { trackingCode };
    },
    'rating.send': ({ dossierCode, level, criteria }) => {
      const at = clock.now().toISOString();
      const key = `rating-${crypto.randomUUID()}`;
      db.transaction(() => {
        db.prepare('INSERT INTO ratings (client_key, dossier_code, level, criteria, created_at) VALUES (?, ?, ?, ?, ?)').run(key, dossierCode ?? null, level, criteria ? JSON.stringify(criteria) : null, at);
        enqueue(db, { kind: 'rating', idempotencyKey: key, stream: key, payload: { clientKey: key, ...(dossierCode ? { dossierCode } : {}), level, ...(criteria ? { criteria } : {}), wardCode: config.ward.code, createdAt: at }, now: at });
      })();
      engine.runSoon();
      return { ok: true as const };
    },
  };
}
