import type { InvokeResponse } from '../../contract.js';
import { AppError, isErrorPayload } from '../errors.js';
import type { QueueDeskLink } from './handlers.js';

/** The queue desk's contract over HTTP on the office LAN; its refusals are told as it said them. */
export function httpQueueDesk(url: string): QueueDeskLink {
  const unreachable = new AppError('unavailable', { vi: `Không kết nối được quầy giữ hàng chờ (${url}). Vui lòng hỏi tại quầy.`, en: `The queue desk (${url}) cannot be reached. Please ask at the counter.` });
  return {
    async call<R>(method: string, input: Record<string, unknown>): Promise<R> {
      let res: Response;
      try {
        res = await fetch(new URL(`/api/${method}`, url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(input), signal: AbortSignal.timeout(5000) });
      } catch {
        throw unreachable;
      }
      const body = (await res.json().catch(() => null)) as InvokeResponse<R> | null;
      if (body?.ok) return body.result;
      if (body && !body.ok && isErrorPayload(body.error)) throw new AppError(body.error.code, body.error.message, { field: body.error.field });
      throw unreachable;
    },
  };
}
