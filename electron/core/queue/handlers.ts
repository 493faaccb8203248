import type { TicketView } from '../desk/model.js';
import { AppError } from '../errors.js';
import type { CoreDeps, HandlersOf } from '../handlers.js';
import type { StaffAuth } from '../staff/auth.js';
import type { Queue } from './queue.js';

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

export function queueHandlers({ clock, loaded, events }: CoreDeps, auth: StaffAuth, queue: Queue): HandlersOf<'queue.'> {
  const { config } = loaded;
  const counterOf = (session: string) => {
    const s = auth.require(session, ['receptionist', 'supervisor']);
    if (!s.counter) {
      throw new AppError('forbidden', { vi: 'Bạn chưa làm việc tại quầy nào: hãy đăng nhập lại và ghi tên quầy để gọi số.', en: 'You work at no counter: sign in again with a counter to call tickets.' });
    }
    return s;
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
    'queue.ticket': ({ id }) => queue.get(id),
    'queue.board': () => queue.board(clock.now()),
    'queue.current': ({ session }) => {
      const s = counterOf(session);
      return { ticket: queue.current(s.counter, clock.now()), board: queue.board(clock.now()) };
    },
    'queue.callNext': ({ session }) => {
      const s = counterOf(session);
      const ticket = queue.callNext(s.counter, config.desk.groups, s.username, clock.now());
      return ticket ? changed(ticket)! : null;
    },
    'queue.recall': ({ session, id }) => changed(queue.recall(id, counterOf(session).counter, clock.now()))!,
    'queue.serve': ({ session, id }) => {
      const t = queue.serve(id, counterOf(session).counter, clock.now());
      changed();
      return t;
    },
    'queue.noShow': ({ session, id }) => {
      const t = queue.noShow(id, counterOf(session).counter, clock.now());
      changed();
      return t;
    },
    'queue.finish': ({ session, id, dossierCode }) => {
      const t = queue.finish(id, counterOf(session).counter, clock.now(), dossierCode);
      changed();
      return t;
    },
    'queue.transfer': ({ session, id, group, counter }) => {
      const t = queue.transfer(id, counterOf(session).counter, { group, counter });
      changed();
      return t;
    },
  };
}
