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
type HttpBridge = Bridge & { setEventSession(token: string | null): void };

function httpBridge(): HttpBridge {
  const listeners = new Set<(name: string, payload: unknown) => void>();
  let source: EventSource | null = null;
  let eventSession: string | null = null;
  // One stream for every event the contract declares, opened on the first subscription and
  // opened again when the officer signs in or out (EventSource cannot send a header: the query).
  const connect = () => {
    source?.close();
    source = new EventSource(eventSession ? `${HTTP_EVENTS_PATH}?session=${encodeURIComponent(eventSession)}` : HTTP_EVENTS_PATH);
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
    setEventSession(token) {
      if (token === eventSession) return;
      eventSession = token;
      if (source) connect();
    },
  };
}

let bridge: (Bridge & Partial<Pick<HttpBridge, 'setEventSession'>>) | null = null;
function getBridge(): Bridge & Partial<Pick<HttpBridge, 'setEventSession'>> {
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
  /** Listens to one core event; returns the unsubscribe. */
  on<K extends EventName>(name: K, callback: (payload: EventPayload<K>) => void): () => void {
    return getBridge().on((eventName, payload) => {
      if (eventName === name) callback(payload as EventPayload<K>);
    });
  },
};
