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
import { lanHeaders, type LanOfficer } from './lan.js';

/** A session token stand-in for calls a desk forwards: the queue desk reads the officer from the header. */
export const LAN_SESSION = 'lan-desk-officer';

export interface QueueLinkOptions {
  url: string;
  /** This device's id and LAN key (null before it registered: then it calls as anyone on the LAN). */
  credential: () => { id: string; key: string } | null;
  fetch?: HttpFetch;
  timeoutMs?: number;
}

const unreachable = (url: string) =>
  new AppError('unavailable', {
    vi: `Không kết nối được quầy giữ hàng chờ (${url}). Vui lòng lấy số tại quầy.`,
    en: `The queue desk (${url}) cannot be reached. Please ask at the counter.`,
  });

export class QueueLink {
  private readonly fetch: HttpFetch;
  private stream: AbortController | null = null;

  constructor(private readonly o: QueueLinkOptions) {
    this.fetch = o.fetch ?? lanFetch;
  }

  /** Calls `method` on the queue desk; throws the queue desk's own error (in both languages), or `unavailable`. */
  async call<R>(method: string, input: Record<string, unknown>, officer?: LanOfficer): Promise<R> {
    let res: Response;
    try {
      res = await this.fetch(new URL(`/api/${method}`, this.o.url), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...lanHeaders(this.o.credential(), officer) },
        body: JSON.stringify(officer ? { ...input, session: LAN_SESSION } : input),
        signal: AbortSignal.timeout(this.o.timeoutMs ?? 5000),
      });
    } catch {
      throw unreachable(this.o.url);
    }
    const body = (await res.json().catch(() => null)) as InvokeResponse<R> | null;
    if (body?.ok) return body.result;
    // The queue desk's refusal, as it said it: rate limited, not known, not allowed, bad input.
    if (body && !body.ok && isErrorPayload(body.error)) {
      const e = body.error;
      if (e.code === 'unauthorized' && !officer) {
        throw new AppError('unavailable', {
          vi: 'Quầy giữ hàng chờ chưa nhận ra ki-ốt này. Vui lòng lấy số tại quầy và báo cán bộ.',
          en: 'The queue desk does not recognise this kiosk yet. Please ask at the counter and tell the staff.',
        });
      }
      throw new AppError(e.code, e.message, { field: e.field, ...(e.retryAfter !== undefined ? { retryAfter: e.retryAfter } : {}) });
    }
    throw unreachable(this.o.url);
  }

  /**
   * Listens to the queue desk's public events and passes its `queue.changed` on to this device's
   * screens; reconnects with backoff (1 s … 30 s) until `stop`.
   */
  listen(events: EventBus, log: Logger): void {
    if (this.stream) return;
    const controller = new AbortController();
    this.stream = controller;
    let failures = 0;
    const connect = async () => {
      while (!controller.signal.aborted) {
        try {
          const res = await this.fetch(new URL('/api/events', this.o.url), { headers: { Accept: 'text/event-stream' }, signal: controller.signal });
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
              if (name === 'queue.changed' && data) events.emit('queue.changed', JSON.parse(data) as { call?: { label: string; counter: string; calls: number } });
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
