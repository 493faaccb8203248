/**
 * The way to the ward's queue desk from a kiosk (tickets) or from a desk that is not the queue desk
 * (every queue method, for the officer signed in here): the queue desk's contract over the office LAN,
 * with this device's LAN key. Its answers are told as they are — "too many requests, try again in
 * 40 s", "the queue desk does not know this kiosk" — never all as "unreachable". A desk also listens
 * to the queue desk's events, so its board moves when another desk calls.
 */
import type { InvokeResponse } from '../../contract.js';
import { AppError, isErrorPayload } from '../errors.js';
import type { EventBus } from '../events.js';
import type { Logger } from '../log.js';
import { lanFetch, type HttpFetch } from '../net.js';
import { EVENTS_METHOD, lanHeaders, type LanOfficer } from './lan.js';

/** A session token stand-in for calls a desk forwards: the queue desk reads the officer from the header. */
export const LAN_SESSION = 'lan-desk-officer';

export interface QueueLinkOptions {
  url: string;
  /** This device's id and LAN key (null before it registered: then it calls as anyone on the LAN). */
  credential: () => { id: string; key: string } | null;
  fetch?: HttpFetch;
  timeoutMs?: number;
  /** Where the address and the reason of a failed call go (the screen gets plain words only). */
  log?: Logger;
  /** This device is a desk: when the queue desk cannot be reached, officers are told, not residents. */
  desk?: boolean;
}

/**
 * What a resident (or an officer) is told when the queue desk cannot answer, in plain words for what
 * they were doing; the queue desk's address and the reason go to the log (and `motcua doctor`), never
 * to a screen in the lobby.
 */
export function queueDeskUnavailable(method: string, officer = false): AppError {
  if (officer) {
    return new AppError('unavailable', {
      vi: 'Không kết nối được quầy giữ hàng chờ của phường: hàng chờ, lịch hẹn và yêu cầu gọi cán bộ ở máy đó. Kiểm tra mạng nội bộ hoặc máy đó; tiếp nhận hồ sơ vẫn làm được.',
      en: 'The ward’s queue desk cannot be reached: the queue, bookings and calls for an officer are kept there. Check the office network or that machine; receiving dossiers still works.',
    });
  }
  if (method === 'queue.issue' || method === 'booking.checkIn') {
    return new AppError('unavailable', {
      vi: 'Chưa lấy được số thứ tự. Vui lòng hỏi cán bộ tại quầy tiếp nhận.',
      en: 'A queue number could not be given just now. Please ask the staff at the reception counter.',
    });
  }
  if (method.startsWith('booking.')) {
    return new AppError('unavailable', {
      vi: 'Chưa đặt được lịch lúc này. Vui lòng hỏi cán bộ tại quầy tiếp nhận.',
      en: 'A visit cannot be booked just now. Please ask the staff at the reception counter.',
    });
  }
  if (method.startsWith('help.')) {
    return new AppError('unavailable', {
      vi: 'Chưa báo được cán bộ. Vui lòng đến quầy tiếp nhận để được hỗ trợ.',
      en: 'The staff could not be called just now. Please go to the reception counter for help.',
    });
  }
  return new AppError('unavailable', {
    vi: 'Chưa xem được thông tin tại quầy lúc này. Vui lòng hỏi cán bộ tại quầy tiếp nhận.',
    en: 'The counters’ information cannot be shown just now. Please ask the staff at the reception counter.',
  });
}

export class QueueLink {
  private readonly fetch: HttpFetch;
  private stream: AbortController | null = null;

  constructor(private readonly o: QueueLinkOptions) {
    this.fetch = o.fetch ?? lanFetch;
  }

  /** Calls `method` on the queue desk; throws the queue desk's own error (in both languages), or `unavailable`. */
  async call<R>(method: string, input: Record<string, unknown>, officer?: LanOfficer): Promise<R> {
    let res: Response;
    const sent = JSON.stringify(officer ? { ...input, session: LAN_SESSION } : input);
    try {
      res = await this.fetch(new URL(`/api/${method}`, this.o.url), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...lanHeaders(this.o.credential(), { method, body: sent }, officer) },
        body: sent,
        signal: AbortSignal.timeout(this.o.timeoutMs ?? 5000),
      });
    } catch (err) {
      this.o.log?.warn('queue desk unreachable', { url: this.o.url, method, err: (err as Error).message });
      throw queueDeskUnavailable(method, !!officer || this.o.desk === true);
    }
    const body = (await res.json().catch(() => null)) as InvokeResponse<R> | null;
    if (body?.ok) return body.result;
    // The queue desk's refusal, as it said it: rate limited, not known, not allowed, bad input.
    if (body && !body.ok && isErrorPayload(body.error)) {
      const e = body.error;
      if (e.code === 'unauthorized' && !officer) {
        // Staff find why in the log and in doctor; the resident is told what to do.
        this.o.log?.warn('queue desk does not know this kiosk (run motcua sync on the queue desk)', { url: this.o.url, method });
        throw queueDeskUnavailable(method);
      }
      throw new AppError(e.code, e.message, { field: e.field, ...(e.retryAfter !== undefined ? { retryAfter: e.retryAfter } : {}) });
    }
    this.o.log?.warn('queue desk answered without a contract reply', { url: this.o.url, method, status: res.status });
    throw queueDeskUnavailable(method, !!officer || this.o.desk === true);
  }

  /**
   * Listens to the queue desk's public events and passes its `queue.changed`, `help.changed` and
   * `booking.changed` on to this device's screens; reconnects with backoff (1 s … 30 s) until `stop`.
   */
  listen(events: EventBus, log: Logger): void {
    if (this.stream) return;
    const controller = new AbortController();
    this.stream = controller;
    let failures = 0;
    const connect = async () => {
      while (!controller.signal.aborted) {
        try {
          const res = await this.fetch(new URL('/api/events', this.o.url), { headers: { Accept: 'text/event-stream', ...lanHeaders(this.o.credential(), { method: EVENTS_METHOD, body: '' }) }, signal: controller.signal });
          if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
          failures = 0;
          const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
          let buffer = '';
          for (;;) {
            const { done, value } = await reader.read();
            if (done) break;
            buffer += value;
            let end: number;
            while ((end = buffer.indexOf('\n\n')) >= 0) {
              const frame = buffer.slice(0, end);
              buffer = buffer.slice(end + 2);
              const name = /^event: (.+)$/m.exec(frame)?.[1];
              const data = /^data: (.+)$/m.exec(frame)?.[1];
              if (!data) continue;
              if (name === 'queue.changed') events.emit('queue.changed', JSON.parse(data) as { call?: { label: string; counter: string; calls: number } });
              // The office's bookings and calls for an officer live on the queue desk too.
              else if (name === 'help.changed') events.emit('help.changed', JSON.parse(data) as { id: number });
              else if (name === 'booking.changed') events.emit('booking.changed', JSON.parse(data) as { day: string });
            }
          }
        } catch (err) {
          if (controller.signal.aborted) return;
          if (failures === 0) log.warn('queue desk events lost; reconnecting', { url: this.o.url, err: (err as Error).message });
        }
        failures++;
        await new Promise((resolve) => setTimeout(resolve, Math.min(30_000, 1000 * 2 ** Math.min(failures, 5))).unref());
      }
    };
    void connect();
  }

  stop(): void {
    this.stream?.abort();
    this.stream = null;
  }
}
