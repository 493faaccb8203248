/**
 * The dossier domain's side of sync: the portal's dossier feed applied through the repository,
 * and the outbox items it writes (a filing, a transition, a moved appointment), each parsed with
 * the portal's schema before it is sent.
 */
import { z } from 'zod';
import type { Db } from '../db/open.js';
import type { EventBus } from '../events.js';
import { parsePayload, parseSection, type FeedHandler, type OutboxHandler } from '../sync/feeds.js';
import { appointmentChange, dossierChanges, dossierSubmission, transition, type DossierChanges } from '../sync/portal-types.js';
import { applyPortalChange, markFilingAcked, markTransitionAcked, markTransitionRefused } from './repo.js';

export function dossierFeed(deps: { db: Db; events: EventBus; now: () => string }): FeedHandler<DossierChanges> {
  return {
    name: 'dossiers',
    parse: parseSection(dossierChanges, 'dossiers'),
    apply(page) {
      const now = deps.now();
      const stored = page.items.filter((change) => applyPortalChange(deps.db, change, now)).map((c) => c.code);
      return {
        changes: page.items.length,
        afterCommit: stored.length ? () => deps.events.emit('dossiers.changed', { codes: stored }) : undefined,
      };
    },
  };
}

const transitionItem = z.object({ code: z.string(), body: transition });
const appointmentItem = z.object({ code: z.string(), body: appointmentChange });

export function dossierOutbox(deps: { db: Db; events: EventBus; now: () => string }): OutboxHandler[] {
  const submit: OutboxHandler<z.output<typeof dossierSubmission>> = {
    kind: 'dossier.submit',
    parse: parsePayload(dossierSubmission, 'dossier.submit'),
    send: ({ client, adapter }, d, key) => (adapter ?? { submitDossier: client.submitDossier.bind(client) }).submitDossier(d, key),
    delivered: (d) => markFilingAcked(deps.db, d.code, deps.now()),
  };
  const move: OutboxHandler<z.output<typeof transitionItem>> = {
    kind: 'dossier.transition',
    parse: parsePayload(transitionItem, 'dossier.transition'),
    send: ({ client }, t, key) => client.sendTransition(t.code, t.body, key),
    delivered: (t) => markTransitionAcked(deps.db, t.code, t.body.to),
    // Shown to the officer who made it: the portal's status wins.
    refused: (t, error) => {
      markTransitionRefused(deps.db, t.code, t.body.to, error);
      deps.events.emit('dossier.transitionRefused', { code: t.code, to: t.body.to, actor: t.body.actor, error });
    },
  };
  const appointment: OutboxHandler<z.output<typeof appointmentItem>> = {
    kind: 'dossier.appointment',
    parse: parsePayload(appointmentItem, 'dossier.appointment'),
    send: ({ client }, a, key) => client.moveAppointment(a.code, a.body, key),
  };
  return [submit, move, appointment] as OutboxHandler[];
}
