import type { CoreDeps, HandlersOf } from '../handlers.js';
import type { SyncEngine } from './engine.js';
import { counts, listParked, requeue } from './outbox.js';

export function syncHandlers({ db, clock, audit }: CoreDeps, engine: SyncEngine): HandlersOf<'sync.'> {
  return {
    'sync.status': () => engine.status(),
    'sync.now': () => engine.runOnce(),
    'sync.outbox': () => ({
      pending: counts(db).pending,
      parked: listParked(db).map((i) => ({ id: i.id, kind: i.kind, stream: i.stream, attempts: i.attempts, lastError: i.lastError, createdAt: i.createdAt })),
    }),
    'sync.retryParked': ({ id }, { session }) => {
      const at = clock.now().toISOString();
      const requeued = db.transaction(() => {
        const done = requeue(db, id, at);
        if (done) audit.append({ at, actor: session.username, action: 'sync.retryParked', after: { outboxId: id } });
        return done;
      })();
      if (requeued) engine.runSoon(0);
      return { requeued };
    },
  };
}
