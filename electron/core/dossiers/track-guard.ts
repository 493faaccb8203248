/**
 * Misses when looking up by code, on top of the authorization table's limits (per client, and for
 * all network clients together). Codes are sequential, and guessing shows as lookups of codes that
 * do not exist: each network client has a small budget of misses, and all of them together one more.
 * Once a budget is spent the client (or every network client) waits the window out, whatever it asks.
 * The kiosk's own screen (its window, or the page on its loopback) is never held back by them:
 * residents at the device keep the table's 12 a minute whatever happens on the LAN.
 */
import type { Caller, RateLimit } from '../../contract.js';
import { isLocal, rateLimited, type RateLimiter } from '../access.js';

/** Lookups of codes that do not exist: from all network clients together, and from one. */
export const NETWORK_MISSES: RateLimit = { max: 20, perSeconds: 600 };
export const CLIENT_MISSES: RateLimit = { max: 5, perSeconds: 600 };

export class TrackGuard {
  constructor(private readonly limiter: RateLimiter) {}

  /** Before a lookup: throws `rate_limited` when the client's or the network's budget of misses is spent. */
  before(caller: Caller): void {
    if (isLocal(caller)) return;
    const wait = this.limiter.over('track-miss|network', NETWORK_MISSES) ?? this.limiter.over(`track-miss|${caller.client}`, CLIENT_MISSES);
    if (wait !== null) throw rateLimited(wait);
  }

  /** A lookup found nothing: counted against the client and all network clients. */
  miss(caller: Caller): void {
    if (isLocal(caller)) return;
    this.limiter.count(`track-miss|${caller.client}`, CLIENT_MISSES);
    this.limiter.count('track-miss|network', NETWORK_MISSES);
  }
}
