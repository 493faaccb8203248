import type { TicketView } from '../desk/model.js';
import { AppError } from '../errors.js';
import type { CoreDeps, HandlersOf } from '../handlers.js';
import type { Queue } from './queue.js';
import { httpQueueDesk } from '../visits/link.js';

/** A kiosk has no queue of its own: it takes tickets from the queue desk's web host. */
async function issueRemote(url: string, group: string): Promise<TicketView> {
  const unreachable = new AppError('internal', {
    vi: 'Chưa lấy được số thứ tự: không kết nối được hệ thống xếp hàng. Vui lòng lấy số tại quầy.',
    en: 'Could not get a ticket: the queue system is unreachable. Please ask at the counter.',
  });
  let res: Response;
  try {
    res = await fetch(new URL('/api/queue.issue', url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ group }), signal: AbortSignal.timeout(5000) });
  } catch {
    throw unreachable;
  }
  const body = (await res.json().catch(() => null)) as { ok: boolean; result?: TicketView } | null;
  if (!body?.ok || !body.result) throw unreachable;
  return body.result;
}

export function queueHandlers({ clock, loaded, events, audit }: CoreDeps, queue: Queue): HandlersOf<'queue.'> {
  const { config } = loaded;
  /** Every officer's move of the queue is on record (the ticket, not the citizen: tickets carry no name). */
  const record = (actor: string, action: string, t: TicketView | null) => {
    audit.append({ at: clock.now().toISOString(), actor, action, dossierCode: t?.dossierCode ?? null, after: t ? { ticket: t.label, counter: t.counter, status: t.status } : null });
    return t;
  };
  const changed = (call?: TicketView) => {
    events.emit('queue.changed', call ? { call: { label: call.label, counter: call.counter ?? '', calls: call.calls } } : {});
    return call;
  };
  return {
    'queue.issue': async ({ group }) => {
      if (config.mode === 'kiosk') {
        if (!config.queue.url) {
          throw new AppError('forbidden', { vi: 'Ki-ốt này chưa nối với hệ thống xếp hàng.', en: 'This kiosk is not connected to a queue.' });
        }
        return issueRemote(config.queue.url, group);
      }
      const ticket = queue.issue(group, 'desk', clock.now());
      changed();
      return ticket;
    },
    // Public (the printed ticket), but ids are sequential: which dossier a ticket became is for the
    // officers' own methods (queue.current…), not for whoever counts ids.
    'queue.ticket': ({ id }) => ({ ...queue.get(id), dossierCode: null }),
    // A kiosk shows what is happening at the counters: the queue desk's board.
    'queue.board': () => {
      if (config.mode !== 'kiosk') return queue.board(clock.now());
      if (!config.queue.url) throw new AppError('unavailable', { vi: 'Ki-ốt này chưa nối với hệ thống xếp hàng.', en: 'This kiosk is not connected to a queue.' });
      return httpQueueDesk(config.queue.url).call('queue.board', {});
    },
    'queue.current': (_input, { session }) => ({ ticket: queue.current(session.counter, clock.now()), board: queue.board(clock.now()) }),
    'queue.callNext': (_input, { session }) => {
      const ticket = record(session.username, 'queue.callNext', queue.callNext(session.counter, config.desk.groups, session.username, clock.now()));
      return ticket ? changed(ticket)! : null;
    },
    'queue.recall': ({ id }, { session }) => changed(record(session.username, 'queue.recall', queue.recall(id, session.counter, clock.now()))!)!,
    'queue.serve': ({ id }, { session }) => {
      const t = record(session.username, 'queue.serve', queue.serve(id, session.counter, clock.now()))!;
      changed();
      return t;
    },
    'queue.noShow': ({ id }, { session }) => {
      const t = record(session.username, 'queue.noShow', queue.noShow(id, session.counter, clock.now()))!;
      changed();
      return t;
    },
    'queue.finish': ({ id, dossierCode }, { session }) => {
      const t = record(session.username, 'queue.finish', queue.finish(id, session.counter, clock.now(), dossierCode))!;
      changed();
      return t;
    },
    'queue.transfer': ({ id, group, counter }, { session }) => {
      const t = record(session.username, 'queue.transfer', queue.transfer(id, session.counter, { group, counter }))!;
      changed();
      return t;
    },
  };
}
