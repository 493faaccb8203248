import type { InvokeResponse } from '../../contract.js';
import { AppError, isErrorPayload } from '../errors.js';
import { queueDeskUnavailable } from '../queue/remote.js';
import type { QueueDeskLink } from './handlers.js';

/** The queue desk's contract over HTTP on the office LAN; its refusals are told as it said them. */
export function httpQueueDesk(url: string): QueueDeskLink {
  return {
    async call<R>(method: string, input: Record<string, unknown>): Promise<R> {
      let res: Response;
      try {
        res = await fetch(new URL(`/api/${method}`, url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(input), signal: AbortSignal.timeout(5000) });
      } catch {
        throw queueDeskUnavailable(method);
      }
      const body = (await res.json().catch(() => null)) as InvokeResponse<R> | null;
      if (body?.ok) return body.result;
      if (body && !body.ok && isErrorPayload(body.error)) throw new AppError(body.error.code, body.error.message, { field: body.error.field });
      throw queueDeskUnavailable(method);
    },
  };
}
