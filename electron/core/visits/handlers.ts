import { loadCalendar } from '../calendar/store.js';
import { getProcedure } from '../catalog/repo.js';
import { AppError } from '../errors.js';
import { howToApply } from '../forms/filing.js';
import type { CoreDeps, HandlersOf } from '../handlers.js';
import { ANONYMOUS_BOOKINGS_PER_GROUP_DAY, AnonymousBudget, anonymousNetwork } from '../lan-budget.js';
import type { Queue } from '../queue/queue.js';
import { vnDay } from '../time.js';
import { Bookings, groupForSector } from './booking.js';
import { HelpRequests } from './help.js';
import type { BookingDay, BookingView, HelpRequestView } from './model.js';
import type { QueueGroup, TicketView } from '../desk/model.js';
import type { LanOfficer } from '../queue/lan.js';
import type { StaffSession } from '../staff/model.js';

/**
 * The queue desk as a kiosk or another desk of the ward reaches it: the contract's method on the
 * queue desk's host; `officer`: the officer signed in at the calling desk, vouched for by its LAN key.
 */
export interface QueueDeskLink {
  call<R>(method: string, input: Record<string, unknown>, officer?: LanOfficer): Promise<R>;
}

const notReceivedHere = (code: string) =>
  new AppError('validation', { vi: `Thủ tục ${code} không nộp tại Bộ phận Một cửa của phường, nên không đặt lịch ở đây được.`, en: `Procedure ${code} is not filed at the ward’s office, so it cannot be booked here.` }, { field: 'procedureCode' });

/**
 * Counter visits and calls for an officer. The queue desk (a desk with no `queue.url`) keeps them;
 * a kiosk asks it over the office LAN (`link`), sending nothing about the resident — a booking is a
 * procedure, a day and a slot; a call for help is the kiosk's name. Every desk of the ward sees the
 * day's bookings and the calls and answers them: a desk with `queue.url` asks the queue desk for the
 * officer signed in here, as it does for the queue. While the queue desk cannot be reached such a desk
 * shows no bookings or calls and says so (`unavailable`); nothing is kept or queued on it, since a
 * booking or a call only means something on the desk whose queue the resident stands in.
 */
export function visitHandlers({ db, clock, loaded, events, audit }: CoreDeps, queue: Queue, link: QueueDeskLink | null): HandlersOf<'booking.'> & HandlersOf<'help.'> {
  const { config } = loaded;
  const kioskName = config.kiosk.name || `Ki-ốt ${config.device.slot}`;
  const noDesk = () => {
    throw new AppError('unavailable', { vi: 'Ki-ốt này chưa nối với quầy giữ hàng chờ. Vui lòng hỏi tại quầy.', en: 'This kiosk is not connected to the queue desk. Please ask at the counter.' });
  };

  if (config.mode === 'kiosk') {
    const via = <R>(method: string, input: Record<string, unknown>): Promise<R> => (link ? link.call<R>(method, input) : noDesk());
    const deskOnly = () => {
      throw new AppError('unknown_method', { vi: 'Chỉ quầy mới xem được.', en: 'Only a desk can see this.' });
    };
    return {
      'booking.days': (input) => via('booking.days', input),
      'booking.create': (input) => via('booking.create', input),
      'booking.checkIn': (input) => via('booking.checkIn', input),
      'booking.list': deskOnly,
      'help.request': () => via('help.request', { kiosk: kioskName }),
      'help.status': (input) => via('help.status', input),
      'help.list': deskOnly,
      'help.acknowledge': deskOnly,
    };
  }

  if (link) {
    // A desk of the ward that is not the queue desk: the office's bookings and calls live there.
    const officer = (s: StaffSession): LanOfficer => ({ username: s.username, displayName: s.displayName, roles: s.roles, counter: s.counter });
    return {
      'booking.days': (input) => link.call('booking.days', input),
      'booking.create': (input) => link.call('booking.create', input),
      'booking.checkIn': (input) => link.call('booking.checkIn', input),
      'booking.list': ({ day }, { session }) => link.call('booking.list', day ? { day } : {}, officer(session)),
      'help.request': (input) => link.call('help.request', input),
      'help.status': (input) => link.call('help.status', input),
      'help.list': (_input, { session }) => link.call('help.list', {}, officer(session)),
      'help.acknowledge': async ({ id }, { session }) => {
        const r = await link.call<HelpRequestView>('help.acknowledge', { id }, officer(session));
        // This desk's record too: its officer answered, through the queue desk.
        audit.append({ at: clock.now().toISOString(), actor: session.username, action: 'help.acknowledge', dossierCode: null, after: { kiosk: r.kiosk, counter: r.counter, via: 'queue desk' } });
        return r;
      },
    };
  }

  const bookings = new Bookings(db, () => loadCalendar(db, config.office), config.booking, config.queue.groups);
  const help = new HelpRequests(db);
  /** The procedure a booking is for: one the ward's office receives. */
  const wardProcedure = (code: string) => {
    const p = getProcedure(db, code);
    if (!p) throw new AppError('not_found', { vi: `Không tìm thấy thủ tục mã ${code}.`, en: `No procedure with code ${code}.` }, { field: 'procedureCode' });
    if (!howToApply(p).atWardCounter) throw notReceivedHere(code);
    return p;
  };
  const anonymousBookings = new AnonymousBudget(ANONYMOUS_BOOKINGS_PER_GROUP_DAY);
  const record = (actor: string, action: string, after: Record<string, unknown>) => audit.append({ at: clock.now().toISOString(), actor, action, dossierCode: null, after });

  return {
    'booking.days': ({ procedureCode }) => {
      const p = wardProcedure(procedureCode);
      const group: QueueGroup = groupForSector(p.sector, config.queue.groups);
      const days: BookingDay[] = bookings.days(group, clock.now());
      return { procedure: { code: p.code, name: p.name }, group, days };
    },
    'booking.create': ({ procedureCode, day, slot }, ctx) => {
      const { caller } = ctx;
      const p = wardProcedure(procedureCode);
      anonymousBookings.spend(ctx, `${groupForSector(p.sector, config.queue.groups).code}|${day}`, {
        vi: 'Các máy chưa đăng ký với phường đã đặt đủ lịch cho ngày này. Vui lòng đặt lịch tại ki-ốt hoặc hỏi tại quầy.',
        en: 'Machines not registered with the ward have booked all they may for this day. Please book at a kiosk or ask at the counter.',
      });
      const booking: BookingView = bookings.book(p, day, slot, caller.client, clock.now());
      events.emit('booking.changed', { day });
      return booking;
    },
    'booking.checkIn': ({ code }) => {
      const out: { booking: BookingView; ticket: TicketView } = bookings.checkIn(code, queue, clock.now());
      events.emit('booking.changed', { day: out.booking.day });
      events.emit('queue.changed', {});
      return out;
    },
    'booking.list': ({ day }) => bookings.list(day ?? vnDay(clock.now())),
    // Who calls is told by the device, never by whoever types a name: an enrolled kiosk by its own
    // (its key checked), the desk's own screen as it says, anyone else as an unregistered machine.
    'help.request': ({ kiosk }, ctx) => {
      const { caller, lanDevice } = ctx;
      const name = lanDevice ? kiosk || `Ki-ốt ${lanDevice.slot}` : anonymousNetwork(ctx) ? `Máy không đăng ký ${caller.client}` : kiosk || caller.client;
      const r: HelpRequestView = help.request(name, clock.now());
      events.emit('help.changed', { id: r.id });
      return r;
    },
    // Ids are sequential: a machine nobody enrolled learns whether someone is coming, and from which
    // counter — not which officer by name.
    'help.status': ({ id }, ctx) => {
      const r: HelpRequestView = help.get(id);
      return anonymousNetwork(ctx) ? { ...r, officer: null } : r;
    },
    'help.list': () => help.list(clock.now()),
    'help.acknowledge': ({ id }, { session, lanDevice }) => {
      const r = help.acknowledge(id, session.displayName, session.counter, clock.now());
      record(session.username, 'help.acknowledge', { kiosk: r.kiosk, counter: r.counter, ...(lanDevice ? { via: lanDevice.slot } : {}) });
      events.emit('help.changed', { id });
      return r;
    },
  };
}
