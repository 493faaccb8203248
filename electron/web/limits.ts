/**
 * What one network client of the web host may hold open at once: event streams, and large bodies
 * being read. Rate limits per method live in the core (access.ts); these are the host's own
 * resources — sockets and memory — which a client on the LAN could otherwise pile up before the core
 * sees a call. The device's own screen (loopback) is not counted, so the LAN cannot use them up for it.
 */
import { access, type MethodName, type Rule, type Who } from '../contract.js';

/**
 * Connections (sockets) a network client may hold open at once, and all network clients together.
 * A kiosk or desk keeps a few (its calls, one event stream); a browser six per host plus its streams;
 * 64 leaves room for a desk's thin client with several tabs. Beyond them a new connection is closed
 * at once, before a byte is read: slow or idle connections from one machine cannot take the process's
 * file descriptors (the newcomer's trial reached 20,000 from four addresses and the host went dark).
 */
export const MAX_SOCKETS_PER_CLIENT = 64;
export const MAX_NETWORK_SOCKETS = 1024;
/**
 * How long a connection may take to send its request head, and its whole request (a 30 MB filing
 * over a slow Wi-Fi fits in two minutes); how long an idle kept-alive connection stays open; how
 * often the host looks for connections past those times. On a LAN a head arrives in milliseconds.
 */
export const HEADERS_TIMEOUT_MS = 10_000;
export const REQUEST_TIMEOUT_MS = 120_000;
export const KEEP_ALIVE_TIMEOUT_MS = 5_000;
export const TIMEOUT_CHECK_MS = 1_000;

/** Open event streams of signed-in officers per client address (a page opens one; a desk and a few tabs fit), and in all. */
export const MAX_STREAMS_PER_CLIENT = 8;
export const MAX_STREAMS = 500;
/**
 * Streams without a session — a waiting-room display, a kiosk's page, another desk hearing the
 * queue, or anyone — per address and in all: a separate, smaller pool, so clients nobody signed in
 * cannot take the officers' streams. A page refused one reopens it later (and the display polls).
 */
export const MAX_ANONYMOUS_STREAMS_PER_CLIENT = 4;
export const MAX_ANONYMOUS_STREAMS = 64;
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

  /** What `client` holds now. */
  count(client: string): number {
    return this.held.get(client) ?? 0;
  }

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
