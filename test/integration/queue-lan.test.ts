import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../electron/contract.js';
import type { QueueBoard, TicketView } from '../../electron/core/desk/model.js';
import type { BookingDay, BookingView, HelpRequestView } from '../../electron/core/visits/model.js';
import { rendererDir } from '../../electron/paths.js';
import { lanHeaders } from '../../electron/core/queue/lan.js';
import { startWebHost, type WebHost } from '../../electron/web/server.js';
import { startReferencePortal, type ReferencePortal } from '../portal/server.js';
import { signInOfficer, tempDir } from '../helpers/core.js';
import { makeDevice, smallCatalog, type Device } from '../helpers/sync.js';

/**
 * One ward's office: the queue desk (Q01) holds the queue and serves the office LAN; desks Q02 and
 * Q03 work the same queue through it, each for the officer signed in there; kiosks K01 and K02 take
 * tickets from it. Every device is registered with the reference portal; the queue desk knows the
 * others by the LAN keys the portal lists. Real HTTP on 127.0.0.1 between all of them.
 */
describe('the ward’s queue across three desks and two kiosks', () => {
  const catalogDir = smallCatalog();
  let portal: ReferencePortal;
  let q1: Device, q2: Device, q3: Device, k1: Device, k2: Device;
  let queueHost: WebHost;
  let kioskHost: WebHost;
  const sessions: Record<string, string> = {};
  const screen = (n: number): Caller => ({ transport: 'ipc', client: `kiosk-window-${n}` });

  const desk = (slot: string, extra: object = {}) => makeDevice(portal.url, portal.createEnrollment('00324', 'staff', `Q${slot}`), { mode: 'staff', device: { slot }, desk: { counter: `Quầy ${Number(slot)}` }, ...extra }, undefined, catalogDir);
  const kiosk = (slot: string) => makeDevice(portal.url, portal.createEnrollment('00324', 'kiosk', `K${slot}`), { mode: 'kiosk', device: { slot }, queue: { url: queueHost.url } }, undefined, catalogDir);
  const ok = async <R>(d: Device, method: string, input: unknown, caller: Caller): Promise<R> => {
    const r = await d.core.invoke(method, input, caller);
    if (!r.ok) throw new Error(`${method}: ${r.error.message.en}`);
    return r.result as R;
  };

  beforeAll(async () => {
    portal = await startReferencePortal({ dataDir: tempDir(), catalogDir });
    q1 = desk('01');
    queueHost = await startWebHost({ core: q1.core, rendererDir });
    q2 = desk('02', { queue: { url: queueHost.url } });
    q3 = desk('03', { queue: { url: queueHost.url } });
    k1 = kiosk('01');
    k2 = kiosk('02');
    kioskHost = await startWebHost({ core: k1.core, rendererDir });
    for (const d of [q1, q2, q3, k1, k2]) expect((await d.core.sync.runOnce()).errors).toEqual([]);
    // The queue desk learns the ward's devices (their LAN keys' hashes) from the portal.
    expect((await q1.core.sync.runOnce()).errors).toEqual([]);
    for (const [name, d] of [['q1', q1], ['q2', q2], ['q3', q3]] as const) sessions[name] = await signInOfficer(d.core, `tiepnhan-${name}`, ['receptionist'], `Cán bộ ${name.toUpperCase()}`);
    // Five devices registered and synced with a portal: seconds alone, more on a loaded 2-core machine.
  }, 60_000);
  afterAll(async () => {
    await kioskHost?.close();
    await queueHost?.close();
    for (const d of [q1, q2, q3, k1, k2]) d?.core.close();
    await portal?.close();
  });

  it('kiosks issue, and every desk calls, recalls, transfers and finishes on the one queue; the display shows each desk’s counter', async () => {
    expect((await ok<TicketView>(k1, 'queue.issue', { group: 'A' }, screen(1))).label).toBe('A001');
    expect((await ok<TicketView>(k2, 'queue.issue', { group: 'A' }, screen(2))).label).toBe('A002');
    expect((await ok<TicketView>(k2, 'queue.issue', { group: 'B' }, screen(2))).label).toBe('B001');

    // Desk 2 hears the queue desk's events: its board moves when another desk calls.
    const heard: unknown[] = [];
    const off = q2.core.onEvent((name, payload) => {
      if (name === 'queue.changed') heard.push(payload);
    });

    const a1 = await q2.core.call('queue.callNext', { session: sessions.q2! });
    expect(a1).toMatchObject({ label: 'A001', counter: 'Quầy 2', status: 'called' });
    const a2 = await q3.core.call('queue.callNext', { session: sessions.q3! });
    expect(a2).toMatchObject({ label: 'A002', counter: 'Quầy 3' });
    const b1 = await q1.core.call('queue.callNext', { session: sessions.q1! });
    expect(b1).toMatchObject({ label: 'B001', counter: 'Quầy 1' });

    // What the waiting room's /display reads, on the queue desk — and the same from desk 2.
    const board = await q1.core.call('queue.board', {});
    expect(board.serving.map((s) => [s.counter, s.label])).toEqual([
      ['Quầy 1', 'B001'],
      ['Quầy 2', 'A001'],
      ['Quầy 3', 'A002'],
    ]);
    expect((await ok<QueueBoard>(q2, 'queue.board', {}, { transport: 'http', client: '10.0.0.22' })).serving).toEqual(board.serving);

    expect(await q2.core.call('queue.recall', { session: sessions.q2!, id: a1!.id })).toMatchObject({ label: 'A001', calls: 2 });
    expect((await q2.core.call('queue.current', { session: sessions.q2! })).ticket).toMatchObject({ label: 'A001', counter: 'Quầy 2' });
    // Desk 2 sends the citizen to counter 3; counter 3 finishes its own, then calls the transferred one first.
    await q2.core.call('queue.transfer', { session: sessions.q2!, id: a1!.id, counter: 'Quầy 3' });
    await q3.core.call('queue.finish', { session: sessions.q3!, id: a2!.id });
    expect(await q3.core.call('queue.callNext', { session: sessions.q3! })).toMatchObject({ label: 'A001', counter: 'Quầy 3' });
    // A desk works only its own counter's tickets, wherever it calls from.
    await expect(q2.core.call('queue.finish', { session: sessions.q2!, id: a1!.id })).rejects.toMatchObject({ messages: { en: 'A001 is not called by this counter, or is finished.' } });
    expect(await q3.core.call('queue.finish', { session: sessions.q3!, id: a1!.id })).toMatchObject({ label: 'A001', status: 'done' });

    await expect.poll(() => heard.length, { timeout: 5000 }).toBeGreaterThanOrEqual(3);
    expect(heard).toContainEqual({ call: { label: 'A002', counter: 'Quầy 3', calls: 1 } });
    off();

    // On the queue desk's record: which officer, at which counter, from which desk.
    const audit = q1.core.db.prepare("SELECT actor, action, after FROM audit_log WHERE action LIKE 'queue.%' ORDER BY id").all() as { actor: string; action: string; after: string }[];
    expect(audit.map((a) => [a.actor, a.action, JSON.parse(a.after) as { via?: string; counter: string }]).slice(0, 2)).toEqual([
      ['tiepnhan-q2', 'queue.callNext', { ticket: 'A001', counter: 'Quầy 2', status: 'called', via: 'Q02' }],
      ['tiepnhan-q3', 'queue.callNext', { ticket: 'A002', counter: 'Quầy 3', status: 'called', via: 'Q03' }],
    ]);
  });

  it('a ticket goes only to a counter at work, chosen from the ones signed in; one sent to a counter that closed is its group’s again (trial-desk 1: B001 stranded at “Quầy 9”)', async () => {
    const held = (await q1.core.call('queue.current', { session: sessions.q1! })).ticket;
    if (held) await q1.core.call('queue.finish', { session: sessions.q1!, id: held.id });
    const b = await ok<TicketView>(k1, 'queue.issue', { group: 'B' }, screen(1));
    const called = await q1.core.call('queue.callNext', { session: sessions.q1! });
    expect(called).toMatchObject({ label: b.label, counter: 'Quầy 1' });
    // The counters at work: this desk's officer's, and those desks 2 and 3 worked the queue from.
    expect((await q1.core.call('queue.current', { session: sessions.q1! })).board.counters).toEqual(['Quầy 1', 'Quầy 2', 'Quầy 3']);
    await expect(q1.core.call('queue.transfer', { session: sessions.q1!, id: b.id, counter: 'Quầy 9' })).rejects.toMatchObject({
      code: 'validation',
      field: 'counter',
      messages: { vi: 'Không có ai làm việc tại “Quầy 9” lúc này. Các quầy đang làm việc: Quầy 2, Quầy 3.' },
    });
    // Typed in another case, it is that counter; the display shows no call without a counter meanwhile.
    expect(await q1.core.call('queue.transfer', { session: sessions.q1!, id: b.id, counter: 'quầy 3' })).toMatchObject({ status: 'waiting' });
    expect((await q1.core.call('queue.board', {})).recent.every((r) => r.counter !== '')).toBe(true);
    // Quầy 3 closes (nobody works it past the idle limit): the ticket is group B's again, called by Quầy 1.
    q1.clock.set(new Date(q1.clock.now().getTime() + 11 * 60_000));
    sessions.q1 = await signInOfficer(q1.core, 'tiepnhan-q1', ['receptionist'], 'Cán bộ Q1');
    expect(await q1.core.call('queue.callNext', { session: sessions.q1 })).toMatchObject({ label: b.label, counter: 'Quầy 1' });
    await q1.core.call('queue.finish', { session: sessions.q1, id: b.id });
  });

  it('one LAN address can no longer stop a kiosk’s residents getting tickets: the kiosk limits each of its clients, the queue desk each kiosk on its own', async () => {
    // An attacker on the LAN, against the kiosk's web host: 20 a minute, then refused — told as such.
    const attack = [];
    for (let i = 0; i < 22; i++) {
      const res = await fetch(`${kioskHost.url}/api/queue.issue`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"group":"C"}' });
      attack.push({ status: res.status, body: (await res.json()) as { ok: boolean; error?: { code: string; message: { vi: string; en: string } } } });
    }
    expect(attack.filter((a) => a.status === 200)).toHaveLength(20);
    expect(attack.slice(20).map((a) => a.status)).toEqual([429, 429]);
    expect(attack[21]!.body.error).toMatchObject({ code: 'rate_limited', message: { en: expect.stringMatching(/^Too many requests in a short time\. Please try again in \d+ seconds\.$/) as unknown as string } });

    // Meanwhile thirty residents at that kiosk's screen still get their tickets: at the queue desk the
    // kiosk has its own allowance, not its address's.
    for (let i = 0; i < 30; i++) expect((await ok<TicketView>(k1, 'queue.issue', { group: 'D' }, screen(100 + i))).group.code).toBe('D');
    // And the other kiosk is untouched.
    expect((await ok<TicketView>(k2, 'queue.issue', { group: 'D' }, screen(2))).label).toBe('D031');

    // Anyone else on the LAN, straight at the queue desk, is limited by address, and told so.
    const direct: number[] = [];
    for (let i = 0; i < 21; i++) direct.push((await fetch(`${queueHost.url}/api/queue.issue`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"group":"D"}' })).status);
    expect(direct.slice(0, 20).every((s) => s === 200)).toBe(true);
    expect(direct[20]).toBe(429);
    // A kiosk's resident after that address was held: still served.
    expect((await ok<TicketView>(k1, 'queue.issue', { group: 'A' }, screen(999))).group.code).toBe('A');
    // A request signed with a made-up key does not buy a device's allowance: it is anyone on the LAN (and this address is held).
    const signedWrong = lanHeaders({ id: k1.core.device.get().deviceId, key: 'x'.repeat(32) }, { method: 'queue.issue', body: '{"group":"D"}' });
    const forged = await fetch(`${queueHost.url}/api/queue.issue`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...signedWrong }, body: '{"group":"D"}' });
    expect(forged.status).toBe(429);
  });

  it('a desk the queue desk does not know (not yet synced, or revoked) is refused with what to do', async () => {
    const q4 = desk('04', { queue: { url: queueHost.url } });
    try {
      expect((await q4.core.sync.runOnce()).errors).toEqual([]);
      const session = await signInOfficer(q4.core, 'tiepnhan-q4', ['receptionist'], 'Cán bộ Q04');
      await expect(q4.core.call('queue.callNext', { session })).rejects.toMatchObject({
        code: 'unauthorized',
        messages: { en: expect.stringContaining('motcua sync on the queue desk') as unknown as string },
      });
      expect((await q1.core.sync.runOnce()).errors).toEqual([]);
      expect(await q4.core.call('queue.callNext', { session })).toMatchObject({ counter: 'Quầy 4' });
      // Revoked at the portal: once the queue desk hears of it, the desk's calls are refused again.
      const r = await fetch(`${portal.url}/v1/admin/devices/${q4.core.device.get().deviceId}/revoke`, { method: 'POST', headers: { Authorization: `Bearer ${portal.adminToken}` } });
      expect(r.status).toBe(204);
      expect((await q1.core.sync.runOnce()).errors).toEqual([]);
      await expect(q4.core.call('queue.current', { session })).rejects.toMatchObject({ code: 'unauthorized' });
    } finally {
      q4.core.close();
    }
  });

  it('every desk of the office sees and answers the bookings and calls for an officer that kiosks make on the queue desk', async () => {
    const heard: string[] = [];
    const off = q2.core.onEvent((name) => {
      if (name === 'help.changed' || name === 'booking.changed') heard.push(name);
    });
    // A resident at kiosk 1 books a counter visit, another calls an officer.
    const { days } = await ok<{ days: BookingDay[] }>(k1, 'booking.days', { procedureCode: '2.000635' }, screen(1));
    const day = days.find((d) => d.slots.length)!;
    const booking = await ok<BookingView>(k1, 'booking.create', { procedureCode: '2.000635', day: day.day, slot: day.slots[0]!.time }, screen(1));
    const call = await ok<HelpRequestView>(k1, 'help.request', {}, screen(1));
    expect(call).toMatchObject({ status: 'waiting' });

    // Desk 2 (not the queue desk) sees both, as the queue desk does, and hears them arrive.
    const onDesk2 = await q2.core.call('booking.list', { session: sessions.q2!, day: day.day });
    expect(onDesk2.map((b) => [b.code, b.procedureCode, b.slot])).toEqual([[booking.code, '2.000635', day.slots[0]!.time]]);
    expect(await q1.core.call('booking.list', { session: sessions.q1!, day: day.day })).toEqual(onDesk2);
    expect((await q2.core.call('help.list', { session: sessions.q2! })).filter((r) => r.status === 'waiting').map((r) => r.id)).toEqual([call.id]);
    await expect.poll(() => heard, { timeout: 5000 }).toEqual(expect.arrayContaining(['booking.changed', 'help.changed']));

    // The officer at desk 3 answers; the kiosk tells its resident who is coming from which counter.
    expect(await q3.core.call('help.acknowledge', { session: sessions.q3!, id: call.id })).toMatchObject({ status: 'coming', officer: 'Cán bộ Q3', counter: 'Quầy 3' });
    expect(await ok<HelpRequestView>(k1, 'help.status', { id: call.id }, screen(1))).toMatchObject({ status: 'coming', officer: 'Cán bộ Q3', counter: 'Quầy 3' });
    expect((await q1.core.call('help.list', { session: sessions.q1! })).find((r) => r.id === call.id)).toMatchObject({ status: 'coming', counter: 'Quầy 3' });
    // On record at both desks: who answered, and through which desk.
    const answered = (d: Device) => (d.core.db.prepare("SELECT actor, after FROM audit_log WHERE action = 'help.acknowledge'").all() as { actor: string; after: string }[]).map((r) => [r.actor, JSON.parse(r.after) as object]);
    expect(answered(q1)).toEqual([['tiepnhan-q3', { kiosk: 'Ki-ốt 01', counter: 'Quầy 3', via: 'Q03' }]]);
    expect(answered(q3)).toEqual([['tiepnhan-q3', { kiosk: 'Ki-ốt 01', counter: 'Quầy 3', via: 'queue desk' }]]);

    // A booked resident arriving is checked in at desk 2 by the code on their slip: the ticket is in the one queue.
    const before = q1.clock.now();
    q1.clock.set(new Date(new Date(`${day.day}T${day.slots[0]!.time}:00+07:00`).getTime() - 10 * 60_000)); // ten minutes early
    const { ticket } = await q2.core.call('booking.checkIn', { code: booking.code });
    q1.clock.set(before);
    expect(ticket.group.code).toBe('A');
    expect((await q1.core.call('booking.list', { session: sessions.q1!, day: day.day }))[0]).toMatchObject({ code: booking.code, status: 'checked_in', ticket: { label: ticket.label } });
    off();
  });

  it('a desk whose queue desk is out of reach says so to its officer, in plain words, and its own work goes on', async () => {
    const closed = await startWebHost({ core: q1.core, rendererDir });
    const url = closed.url;
    await closed.close();
    const q5 = desk('05', { queue: { url } });
    try {
      const session = await signInOfficer(q5.core, 'tiepnhan-q5', ['receptionist'], 'Cán bộ Q5');
      for (const [method, input] of [['help.list', {}], ['booking.list', {}], ['queue.callNext', {}]] as const) {
        await expect(q5.core.call(method, { session, ...input })).rejects.toMatchObject({
          code: 'unavailable',
          messages: { vi: 'Không kết nối được quầy giữ hàng chờ của phường: hàng chờ, lịch hẹn và yêu cầu gọi cán bộ ở máy đó. Kiểm tra mạng nội bộ hoặc máy đó; tiếp nhận hồ sơ vẫn làm được.' },
        });
      }
      // Nothing was kept on desk 5 meanwhile: a booking or a call means something only where the queue is.
      expect(q5.core.db.prepare('SELECT (SELECT COUNT(*) FROM counter_bookings) + (SELECT COUNT(*) FROM help_requests) AS n').get()).toEqual({ n: 0 });
      expect((await q5.core.call('desk.checklist', { session, procedureCode: '2.000635' })).procedureCode).toBe('2.000635');
    } finally {
      q5.core.close();
    }
  });
});
