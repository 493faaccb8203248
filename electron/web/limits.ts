/**
 * What one network client of the web host may hold open at once: event streams, and large bodies
 * being read. Rate limits per method live in the core (access.ts); these are the host's own
 * resources — sockets and memory — which a client on the LAN could otherwise pile up before the core
 * sees a call. The device's own screen (loopback) is not counted, so the LAN cannot use them up for it.
 */
import { access, type MethodName, type Rule, type Who } from '../contract.js';

/** Open event streams per client address (a page opens one; a display, a desk and a few tabs fit), and in all. */
export const MAX_STREAMS_PER_CLIENT = 8;
export const MAX_STREAMS = 500;
/** Bodies larger than the default limit (filings with photos) being read at once: per client, and their bytes in all. */
export const MAX_LARGE_BODIES_PER_CLIENT = 2;
export const MAX_LARGE_BODY_BYTES = 96_000_000;

/** Counts per client, with a cap per client and one in all; `take` returns the release, or null when over. */
export class PerClient {
  private readonly held = new Map<string, number>();
  private total = 0;

  constructor(
    private readonly perClient: number,
    private readonly inAll: number,
  ) {}

  take(client: string, amount = 1, weight = amount): (() => void) | null {
    const mine = this.held.get(client) ?? 0;
    if (mine + amount > this.perClient || this.total + weight > this.inAll) return null;
    this.held.set(client, mine + amount);
    this.total += weight;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.total -= weight;
      const left = (this.held.get(client) ?? amount) - amount;
      if (left > 0) this.held.set(client, left);
      else this.held.delete(client);
    };
  }
}

/**
 * A method that takes large bodies from signed-in officers only (a desk's receiving with scans):
 * the page sends its session in a header too, checked before the body is read, so a made-up session
 * never gets megabytes buffered.
 */
export function officerOnly(name: MethodName): boolean {
  const rule = access[name] as Rule;
  const whos = [rule.kiosk, rule.staff].filter((w): w is Who => !!w);
  return whos.length > 0 && whos.every((w) => w.kind === 'officer');
}
