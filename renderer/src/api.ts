/**
 * The renderer's only way to the core. Inside Electron it uses the preload bridge (IPC);
 * in a browser it uses the web host (POST /api/<method> and a server-sent-events stream).
 */
import {
  HTTP_API_PREFIX,
  HTTP_EVENTS_PATH,
  HTTP_SESSION_HEADER,
  eventNames,
  type Bridge,
  type ErrorPayload,
  type EventName,
  type EventPayload,
  type InvokeResponse,
  type MethodInput,
  type MethodName,
  type MethodResult,
} from '../../electron/contract';

export class ApiError extends Error {
  constructor(readonly payload: ErrorPayload) {
    super(payload.message.en);
    this.name = 'ApiError';
  }
}

const unreachable: ErrorPayload = {
  code: 'internal',
  message: { vi: 'Không kết nối được với ứng dụng. Vui lòng thử lại.', en: 'Cannot reach the app. Please try again.' },
};

/** The web host's bridge, plus the officer's session for the event stream (officer events need it). */
type HttpBridge = Bridge & { setEventSession(token: string | null): void; eventsLive(): boolean; eventsOpened(): number };

function httpBridge(): HttpBridge {
  const listeners = new Set<(name: string, payload: unknown) => void>();
  let source: EventSource | null = null;
  let eventSession: string | null = null;
  // One stream for every event the contract declares, opened on the first subscription and
  // opened again when the officer signs in or out (EventSource cannot send a header: the query).
  // A browser gives up on a stream the host refused (429 when its pools are full) or that broke:
  // it is opened again after 1 s, 2 s … 30 s. `live` says whether events arrive now (the display
  // polls the board while they do not).
  let failures = 0;
  let retry: ReturnType<typeof setTimeout> | null = null;
  let live = false;
  let opens = 0;
  const connect = () => {
    source?.close();
    if (retry) clearTimeout(retry);
    retry = null;
    live = false;
    const opened = new EventSource(eventSession ? `${HTTP_EVENTS_PATH}?session=${encodeURIComponent(eventSession)}` : HTTP_EVENTS_PATH);
    source = opened;
    opened.onopen = () => {
      failures = 0;
      live = true;
      opens++;
    };
    opened.onerror = () => {
      live = false;
      // CONNECTING: the browser retries by itself; CLOSED: it gave up, so we try again later.
      if (opened.readyState !== EventSource.CLOSED || source !== opened) return;
      failures++;
      retry = setTimeout(connect, Math.min(30_000, 1000 * 2 ** Math.min(failures - 1, 5)));
    };
    for (const name of eventNames) {
      source.addEventListener(name, (e) => {
        const payload: unknown = JSON.parse((e as MessageEvent<string>).data);
        for (const l of listeners) l(name, payload);
      });
    }
  };
  return {
    async invoke(method, input) {
      try {
        // An officer's session goes in a header too: the host checks it before reading a large body.
        const session = typeof input === 'object' && input !== null ? (input as { session?: unknown }).session : undefined;
        const res = await fetch(`${HTTP_API_PREFIX}${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...(typeof session === 'string' ? { [HTTP_SESSION_HEADER]: session } : {}) },
          body: JSON.stringify(input ?? {}),
        });
        return (await res.json()) as InvokeResponse<unknown>;
      } catch {
        return { ok: false, error: unreachable };
      }
    },
    on(listener) {
      if (!source) connect();
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    eventsLive() {
      return live;
    },
    eventsOpened() {
      return opens;
    },
    setEventSession(token) {
      if (token === eventSession) return;
      eventSession = token;
      if (source) connect();
    },
  };
}

let bridge: (Bridge & Partial<Pick<HttpBridge, 'setEventSession' | 'eventsLive' | 'eventsOpened'>>) | null = null;
function getBridge(): Bridge & Partial<Pick<HttpBridge, 'setEventSession' | 'eventsLive' | 'eventsOpened'>> {
  bridge ??= window.motcua ?? httpBridge();
  return bridge;
}

export const api = {
  /** Calls a core method; resolves with its result or rejects with an ApiError carrying a bilingual message. */
  async invoke<K extends MethodName>(method: K, input: MethodInput<K>): Promise<MethodResult<K>> {
    const response = await getBridge().invoke(method, input);
    if (!response.ok) throw new ApiError(response.error);
    return response.result as MethodResult<K>;
  },
  /** The signed-in officer's session for the event stream (the Electron window's events come over IPC). */
  setEventSession(token: string | null): void {
    getBridge().setEventSession?.(token);
  },
  /** Whether events arrive now: always over IPC; over HTTP while the stream is open (not while refused or broken). */
  eventsLive(): boolean {
    return getBridge().eventsLive?.() ?? true;
  },
  /** How many times the event stream has opened (1 over IPC): a new count means events may have been missed meanwhile. */
  eventsOpened(): number {
    return getBridge().eventsOpened?.() ?? 1;
  },
  /** Listens to one core event; returns the unsubscribe. */
  on<K extends EventName>(name: K, callback: (payload: EventPayload<K>) => void): () => void {
    return getBridge().on((eventName, payload) => {
      if (eventName === name) callback(payload as EventPayload<K>);
    });
  },
};
