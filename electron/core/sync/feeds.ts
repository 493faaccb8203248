/**
 * What the sync engine asks of the domains. The engine moves pages, cursors and the outbox; each
 * domain parses its own feed pages and outbox payloads with the portal schemas and applies them
 * through its own repository (dossiers/feed.ts, catalog/feed.ts, staff/feed.ts, feedback/outbox.ts).
 */
import type { z } from 'zod';
import type { DossierAdapter } from './adapter.js';
import type { OutboxKind } from './outbox.js';
import { PortalError, type PortalClient } from './portal-client.js';
import type { FeedName } from './portal-types.js';

export interface FeedPage {
  cursor: string;
  hasMore: boolean;
}

/** One feed of the portal, as its domain reads it. */
export interface FeedHandler<Page extends FeedPage = FeedPage> {
  readonly name: FeedName;
  /** The section of the portal's answer, parsed; throws PortalError('bad_response') when it does not fit. */
  parse(section: unknown): Page;
  /** Stores the page; runs in the engine's transaction, which also saves the feed's cursor. */
  apply(page: Page): { changes: number; afterCommit?: () => void };
}

/** One kind of outbox item, as its domain sends it and learns the answer. */
export interface OutboxHandler<Payload = unknown> {
  readonly kind: OutboxKind;
  /** The stored payload, parsed; throws when it cannot be (the row is parked as undecodable). */
  parse(payload: unknown): Payload;
  send(portal: { client: PortalClient; adapter: DossierAdapter | null }, payload: Payload, idempotencyKey: string): Promise<unknown>;
  /** The portal has it; runs in the transaction that marks the item done. */
  delivered?(payload: Payload): void;
  /** The portal refused it; runs in the transaction that parks the item. */
  refused?(payload: Payload, error: string): void;
}

/** A parser that refuses what does not fit `schema`, naming the feed and the place. */
export function parseSection<S extends z.ZodType>(schema: S, feed: string): (section: unknown) => z.output<S> {
  return (section) => {
    const parsed = schema.safeParse(section);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0]!;
    throw new PortalError('bad_response', `${feed} feed: unexpected answer at ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  };
}

/** A payload parser for outbox rows written by this app: a row that does not fit is poisoned. */
export function parsePayload<S extends z.ZodType>(schema: S, kind: string): (payload: unknown) => z.output<S> {
  return (payload) => {
    const parsed = schema.safeParse(payload);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0]!;
    throw new Error(`${kind} item does not fit its schema at ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  };
}
