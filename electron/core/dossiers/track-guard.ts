/**
 * Budgets on tracking by code beyond the per-client limit of the authorization table. Codes are
 * sequential, so someone with many LAN addresses could walk a day's codes, each address within its
 * own limit. So clients that reach the kiosk over the network share budgets: lookups (hits too —
 * walking sequential codes mostly hits) and misses (guessing), and each such client has its own
 * budget of misses. The kiosk's own screen (its window, or the page on its loopback) is never held
 * back by them: residents at the device keep the table's 12 a minute whatever happens on the LAN.
 */
import type { Caller, RateLimit } from '../../contract.js';
import { isLocal, rateLimited, type RateLimiter } from '../access.js';

/** All network clients together: lookups, and lookups of codes that do not exist. */
export const REMOTE_LOOKUPS: RateLimit = { max: 60, perSeconds: 600 };
export const REMOTE_MISSES: RateLimit = { max: 20, perSeconds: 600 };
/** One network client's misses. */
export const CLIENT_MISSES: RateLimit = { max: 5, perSeconds: 600 };

export class TrackGuard {
  constructor(private readonly limiter: RateLimiter) {}

  /** Before a lookup: throws `rate_limited` when a budget of network clients is spent, and counts the lookup. */
  before(caller: Caller): void {
    if (isLocal(caller)) return;
    const wait = this.limiter.over('track-miss|remote', REMOTE_MISSES) ?? this.limiter.over(`track-miss|${caller.client}`, CLIENT_MISSES);
    if (wait !== null) throw rateLimited(wait);
    const over = this.limiter.count('track|remote', REMOTE_LOOKUPS);
    if (over !== null) throw rateLimited(over);
  }

  /** A lookup found nothing: counted against the client and all network clients. */
  miss(caller: Caller): void {
    if (isLocal(caller)) return;
    this.limiter.count(`track-miss|${caller.client}`, CLIENT_MISSES);
    this.limiter.count('track-miss|remote', REMOTE_MISSES);
  }
}
