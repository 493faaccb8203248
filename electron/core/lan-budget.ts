/**
 * What machines nobody enrolled may take from the queue desk over the office LAN, per day. Enrolled
 * kiosks and desks show their LAN key and have their own allowance (access.ts); the device's own
 * screen is not counted. Anyone else on the LAN — a browser, a script, a kiosk not yet known — shares
 * one small budget: per-address rate limits alone multiply with the addresses a LAN client has, and
 * the newcomer's trial issued a thousand tickets and booked a week of counter visits in minutes.
 */
import { isLocal } from './access.js';
import type { Caller } from '../contract.js';
import { AppError } from './errors.js';
import type { LanDevice } from './queue/lan.js';

/** Queue tickets per queue group per day for all non-enrolled network clients together. */
export const ANONYMOUS_TICKETS_PER_GROUP_DAY = 30;
/** Counter-visit bookings per queue group per booked day for all non-enrolled network clients together. */
export const ANONYMOUS_BOOKINGS_PER_GROUP_DAY = 6;

/** Whether a call comes from the network and from no enrolled device of the ward. */
export function anonymousNetwork(ctx: { caller: Caller; lanDevice?: LanDevice | null }): boolean {
  return ctx.caller.transport === 'http' && !isLocal(ctx.caller) && !ctx.lanDevice;
}

export class AnonymousBudget {
  private readonly spent = new Map<string, number>();

  constructor(private readonly cap: number) {}

  /**
   * Spends one of the budget under `key` (a group and a day) when the call is anonymous; throws
   * `rate_limited` with `refusal` when it is spent. Kept in memory: a restart gives a new budget.
   */
  spend(ctx: { caller: Caller; lanDevice?: LanDevice | null }, key: string, refusal: { vi: string; en: string }): void {
    if (!anonymousNetwork(ctx)) return;
    const n = this.spent.get(key) ?? 0;
    if (n >= this.cap) throw new AppError('rate_limited', refusal);
    if (this.spent.size > 1000) this.spent.clear();
    this.spent.set(key, n + 1);
  }
}
