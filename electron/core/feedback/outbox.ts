/** Feedback and ratings as outbox items: parsed with the portal's schemas, sent idempotently. */
import { parsePayload, type OutboxHandler } from '../sync/feeds.js';
import { feedback, rating } from '../sync/portal-types.js';

export function feedbackOutbox(): OutboxHandler[] {
  const send: OutboxHandler<ReturnType<typeof feedback.parse>> = {
    kind: 'feedback',
    parse: parsePayload(feedback, 'feedback'),
    send: ({ client }, payload, key) => client.sendFeedback(payload, key),
  };
  const rate: OutboxHandler<ReturnType<typeof rating.parse>> = {
    kind: 'rating',
    parse: parsePayload(rating, 'rating'),
    send: ({ client }, payload, key) => client.sendRating(payload, key),
  };
  return [send, rate] as OutboxHandler[];
}
