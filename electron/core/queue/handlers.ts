import type { TicketView, QueueBoard } from '../desk/model.js';
import { AppError } from '../errors.js';
import type { CoreDeps, HandlersOf } from '../handlers.js';
import { ANONYMOUS_TICKETS_PER_GROUP_DAY, AnonymousBudget } from '../lan-budget.js';
import { vnDay } from '../time.js';
import type { StaffSession } from '../staff/model.js';
import type { LanDevice, LanOfficer } from './lan.js';
import type { Queue } from './queue.js';
import type { QueueLink } from './remote.js';

/**
 * The queue's methods. The queue desk (a desk with no `queue.url`) holds the ward's queue; a kiosk
 * takes tickets from it, and a desk with `queue.url` calls, recalls, transfers and finishes tickets on
 * it for the officer signed in here (`link`: the queue desk over the LAN).
 */
export function queueHandlers({ clock, loaded, events, audit }: CoreDeps, queue: Queue, link: QueueLink | null, liveCounters: () => string[] = () => []): HandlersOf<'queue.'> {
  const { config } = loaded;
  /**
   * The counters at work now, where a ticket may be sent: those of officers signed in here, and those
   * other desks' officers worked the queue from within the idle limit (each call says its counter).
   */
  const lanSeen = new Map<string, number>();
  const working = (): string[] => {
    const since = clock.now().getTime() - config.desk.lockMinutes * 60_000;
    return [...new Set([...liveCounters(), ...[...lanSeen].filter(([, at]) => at >= since).map(([c]) => c)])];
  };
  const seen = (ctx: { session: StaffSession; lanDevice?: LanDevice | null }) => {
    if (ctx.lanDevice && ctx.session.counter) lanSeen.set(ctx.session.counter, clock.now().getTime());
  };
  /**
   * The counter an officer works; one with none (a supervisor signed in without one) calls no
   * tickets. Not an authorization refusal — the role may — but a missing piece of the sign-in.
   */
  const counterOf = (session: StaffSession): string => {
    if (!session.counter) {
      throw new AppError('validation', { vi: 'Bạn chưa làm việc tại quầy nào: hãy đăng nhập lại và ghi tên quầy để gọi số.', en: 'You work at no counter: sign in again with a counter to call tickets.' }, { field: 'counter' });
    }
    return session.counter;
  };
  /** Every officer's move of the queue is on record (the ticket, not the citizen: tickets carry no name); `via`: the desk it came from. */
  const record = (actor: string, action: string, t: TicketView | null, via?: string | null) => {
    audit.append({ at: clock.now().toISOString(), actor, action, dossierCode: t?.dossierCode ?? null, after: t ? { ticket: t.label, counter: t.counter, status: t.status, ...(via ? { via } : {}) } : null });
    return t;
  };
  const changed = (call?: TicketView) => {
    events.emit('queue.changed', call ? { call: { label: call.label, counter: call.counter ?? '', calls: call.calls } } : {});
    return call;
  };

  if (config.mode === 'kiosk') {
    const unsupported = () => {
      throw new AppError('unknown_method', { vi: 'Ki-ốt không có hàng chờ riêng.', en: 'A kiosk keeps no queue.' });
    };
    return {
      // A kiosk has no queue of its own: it takes tickets from the queue desk, with its LAN key.
      'queue.issue': async ({ group }) => {
        if (!link) throw new AppError('forbidden', { vi: 'Ki-ốt này chưa nối với hệ thống xếp hàng.', en: 'This kiosk is not connected to a queue.' });
        return link.call<TicketView>('queue.issue', { group });
      },
      'queue.ticket': async ({ id }) => (link ? link.call<TicketView>('queue.ticket', { id }) : unsupported()),
      // What is happening at the counters, from the queue desk (home and the attract screen).
      'queue.board': async () => {
        if (!link) throw new AppError('unavailable', { vi: 'Ki-ốt này chưa nối với hệ thống xếp hàng.', en: 'This kiosk is not connected to a queue.' });
        return link.call<QueueBoard>('queue.board', {});
      },
      'queue.current': unsupported,
      'queue.callNext': unsupported,
      'queue.recall': unsupported,
      'queue.serve': unsupported,
      'queue.noShow': unsupported,
      'queue.finish': unsupported,
      'queue.transfer': unsupported,
    };
  }

  if (link) {
    // A desk of the ward that is not the queue desk: the officer signed in here works the one queue.
    const officer = (s: StaffSession): LanOfficer => ({ username: s.username, displayName: s.displayName, roles: s.roles, counter: s.counter });
    const forward = async (method: string, input: Record<string, unknown>, session: StaffSession) => {
      const t = await link.call<TicketView | null>(method, input, officer(session));
      if (t && method !== 'queue.current') record(session.username, method, t, 'queue desk');
      return t;
    };
    // The desk's own session token stays here: the queue desk is told the officer, not the token.
    const strip = (input: object) => Object.fromEntries(Object.entries(input).filter(([k]) => k !== 'session'));
    return {
      'queue.issue': ({ group }) => link.call<TicketView>('queue.issue', { group }),
      'queue.ticket': ({ id }) => link.call<TicketView>('queue.ticket', { id }),
      'queue.board': () => link.call<QueueBoard>('queue.board', {}),
      'queue.current': (_input, { session }) => link.call<{ ticket: TicketView | null; board: QueueBoard }>('queue.current', {}, officer(session)),
      'queue.callNext': async (_input, { session }) => (await forward('queue.callNext', {}, session)) ?? null,
      'queue.recall': async (input, { session }) => (await forward('queue.recall', strip(input), session))!,
      'queue.serve': async (input, { session }) => (await forward('queue.serve', strip(input), session))!,
      'queue.noShow': async (input, { session }) => (await forward('queue.noShow', strip(input), session))!,
      'queue.finish': async (input, { session }) => (await forward('queue.finish', strip(input), session))!,
      'queue.transfer': async (input, { session }) => (await forward('queue.transfer', strip(input), session))!,
    };
  }

  const via = (ctx: { lanDevice?: LanDevice | null }) => ctx.lanDevice?.slot ?? null;
  const anonymousTickets = new AnonymousBudget(ANONYMOUS_TICKETS_PER_GROUP_DAY);
  return {
    'queue.issue': ({ group }, ctx) => {
      anonymousTickets.spend(ctx, `${group}|${vnDay(clock.now())}`, {
        vi: 'Hôm nay đã phát đủ số cho các máy chưa đăng ký với phường. Vui lòng lấy số tại ki-ốt hoặc hỏi tại quầy.',
        en: 'Today’s tickets for machines not registered with the ward have all been given. Please take a ticket at a kiosk or ask at the counter.',
      });
      const ticket = queue.issue(group, ctx.lanDevice?.mode === 'kiosk' ? 'kiosk' : 'desk', clock.now());
      changed();
      return ticket;
    },
    // Public (the printed ticket), but ids are sequential: which dossier a ticket became is for the
    // officers' own methods (queue.current…), not for whoever counts ids.
    'queue.ticket': ({ id }) => ({ ...queue.get(id), dossierCode: null }),
    // A kiosk shows what is happening at the counters: the queue desk's board.
    'queue.board': () => queue.board(clock.now()),
    'queue.current': (_input, ctx) => {
      seen(ctx);
      const { session } = ctx;
      return { ticket: session.counter ? queue.current(session.counter, clock.now()) : null, board: queue.board(clock.now(), working()) };
    },
    'queue.callNext': (_input, ctx) => {
      seen(ctx);
      const { session } = ctx;
      const ticket = record(session.username, 'queue.callNext', queue.callNext(counterOf(session), config.desk.groups, session.username, clock.now(), working()), via(ctx));
      return ticket ? changed(ticket)! : null;
    },
    'queue.recall': ({ id }, ctx) => changed(record(ctx.session.username, 'queue.recall', queue.recall(id, counterOf(ctx.session), clock.now()), via(ctx))!)!,
    'queue.serve': ({ id }, ctx) => {
      const t = record(ctx.session.username, 'queue.serve', queue.serve(id, counterOf(ctx.session), clock.now()), via(ctx))!;
      changed();
      return t;
    },
    'queue.noShow': ({ id }, ctx) => {
      const t = record(ctx.session.username, 'queue.noShow', queue.noShow(id, counterOf(ctx.session), clock.now()), via(ctx))!;
      changed();
      return t;
    },
    'queue.finish': ({ id, dossierCode }, ctx) => {
      const t = record(ctx.session.username, 'queue.finish', queue.finish(id, counterOf(ctx.session), clock.now(), dossierCode), via(ctx))!;
      changed();
      return t;
    },
    'queue.transfer': ({ id, group, counter }, ctx) => {
      seen(ctx);
      const t = record(ctx.session.username, 'queue.transfer', queue.transfer(id, counterOf(ctx.session), { group, counter }, working()), via(ctx))!;
      changed();
      return t;
    },
  };
}
