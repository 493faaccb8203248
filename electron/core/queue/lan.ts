/**
 * The ward's queue over the office LAN. One desk — the queue desk — holds the queue; kiosks take
 * tickets from it and the other desks call, recall, transfer and finish tickets on it, each with the
 * officer signed in at that desk. The queue desk tells an enrolled kiosk or desk from anyone else on
 * the LAN by its LAN key (given by the portal at registration; the queue desk learns each device's
 * key hash from the portal's devices feed), so it limits each enrolled device on its own and anyone
 * else by address: one LAN address can no longer spend a kiosk's tickets for every resident at it.
 *
 * On the wire the key itself never travels (plain HTTP on the office LAN: whoever sniffs a request
 * must not be able to call the queue as that desk, nor as any officer it likes): each request is
 * signed, `Authorization: MotCua-Device-Sig <deviceId>:<time ms>:<nonce>:<mac>`, the mac an
 * HMAC-SHA256 under SHA-256(lanKey) — what the portal's devices feed gives the queue desk — of the
 * method, the time, the nonce, the body's SHA-256 and the `X-MotCua-Officer` header (base64 JSON of
 * the officer a desk vouches for). The queue desk takes a signature within two minutes of its own
 * time, once. Still no TLS: the bodies (tickets, no names) are readable; keep that LAN closed (see
 * the admin guide).
 */
import crypto from 'node:crypto';
import type { Caller } from '../../contract.js';
import type { Db } from '../db/open.js';
import { parseSection, type FeedHandler } from '../sync/feeds.js';
import { deviceChanges, type DeviceChanges } from '../sync/portal-types.js';
import { ROLES, type Role } from '../staff/model.js';

/** An enrolled device of the ward, once its key checked out. */
export interface LanDevice {
  deviceId: string;
  slot: string;
  mode: 'kiosk' | 'staff';
}

/** The officer a desk vouches for: who calls tickets there, at which counter. */
export interface LanOfficer {
  username: string;
  displayName: string;
  roles: Role[];
  counter: string;
}

export const DEVICE_AUTH_SCHEME = 'MotCua-Device-Sig';
export const OFFICER_HEADER = 'x-motcua-officer';
/** How far a signature's time may be from the queue desk's, either way. */
export const SIGNATURE_WINDOW_MS = 120_000;
/** The method name a stream of events is signed under. */
export const EVENTS_METHOD = 'events';

/** What a device signs: one request, for one method, at one time, once. */
function signedText(method: string, at: number, nonce: string, bodySha256: string, officerHeader: string): string {
  return `${method}\n${at}\n${nonce}\n${bodySha256}\n${officerHeader}`;
}

const sha256 = (data: string | Buffer) => crypto.createHash('sha256').update(data).digest();
export const bodyDigest = (body: string | Buffer) => sha256(body).toString('hex');

function mac(secret: Buffer, text: string): string {
  return crypto.createHmac('sha256', secret).update(text).digest('base64url');
}

/** The portal's devices feed (desks only): who may call the queue over the LAN. */
export function lanDevicesFeed(deps: { db: Db; now: () => string }): FeedHandler<DeviceChanges> {
  return {
    name: 'devices',
    parse: parseSection(deviceChanges, 'devices'),
    apply(page) {
      const upsert = deps.db.prepare(
        `INSERT INTO lan_devices (device_id, slot, mode, lan_key_hash, revoked, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (device_id) DO UPDATE SET slot = excluded.slot, mode = excluded.mode, lan_key_hash = excluded.lan_key_hash, revoked = excluded.revoked, updated_at = excluded.updated_at`,
      );
      const at = deps.now();
      for (const d of page.items) upsert.run(d.deviceId, d.slot, d.mode, d.lanKeyHash, d.revoked ? 1 : 0, at);
      return { changes: page.items.length };
    },
  };
}

/** Reads the device's signature and the vouched-for officer from a LAN request's headers (the body's digest is added once it is read). */
export function lanCredentials(headers: { authorization?: string; [OFFICER_HEADER]?: string | string[] }): Pick<Caller, 'device' | 'officer'> {
  const m = new RegExp(`^${DEVICE_AUTH_SCHEME} ([^:\\s]{1,64}):(\\d{1,15}):([A-Za-z0-9_-]{8,64}):([A-Za-z0-9_-]{43})$`).exec(headers.authorization ?? '');
  if (!m) return {};
  const raw = headers[OFFICER_HEADER];
  const officerHeader = typeof raw === 'string' && raw.length < 2000 ? raw : '';
  const out: Pick<Caller, 'device' | 'officer'> = { device: { id: m[1]!, at: Number(m[2]), nonce: m[3]!, mac: m[4]!, officerHeader, bodySha256: bodyDigest('') } };
  if (officerHeader) {
    try {
      const o = JSON.parse(Buffer.from(officerHeader, 'base64').toString('utf8')) as Partial<LanOfficer>;
      if (typeof o.username === 'string' && typeof o.displayName === 'string' && typeof o.counter === 'string' && Array.isArray(o.roles)) {
        out.officer = { username: o.username.slice(0, 64), displayName: o.displayName.slice(0, 120), counter: o.counter.slice(0, 40), roles: o.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r)) };
      }
    } catch {
      // not an officer: the call is the device's own
    }
  }
  return out;
}

/** The headers a kiosk or desk sends the queue desk for one request: its signature, and the officer it vouches for. */
export function lanHeaders(device: { id: string; key: string } | null, request: { method: string; body: string }, officer?: LanOfficer, at = Date.now()): Record<string, string> {
  if (!device) return {};
  const officerHeader = officer ? Buffer.from(JSON.stringify(officer)).toString('base64') : '';
  const nonce = crypto.randomBytes(12).toString('base64url');
  const signature = mac(sha256(device.key), signedText(request.method, at, nonce, bodyDigest(request.body), officerHeader));
  return {
    Authorization: `${DEVICE_AUTH_SCHEME} ${device.id}:${at}:${nonce}:${signature}`,
    ...(officerHeader ? { [OFFICER_HEADER]: officerHeader } : {}),
  };
}

/**
 * Checks LAN devices' signatures on the queue desk: the enrolled, unrevoked device whose key signed
 * this request for `method`, within SIGNATURE_WINDOW_MS of now, with a nonce not seen before — or null.
 * Times are the machines' own (a network matter, not the office's clock).
 */
export class LanVerifier {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  verify(device: NonNullable<Caller['device']>, method: string): LanDevice | null {
    const now = this.now();
    if (Math.abs(now - device.at) > SIGNATURE_WINDOW_MS) return null;
    const row = this.db.prepare<[string], { slot: string; mode: 'kiosk' | 'staff'; lan_key_hash: string; revoked: number }>('SELECT slot, mode, lan_key_hash, revoked FROM lan_devices WHERE device_id = ?').get(device.id);
    if (!row || row.revoked) return null;
    const expected = Buffer.from(mac(Buffer.from(row.lan_key_hash, 'hex'), signedText(method, device.at, device.nonce, device.bodySha256, device.officerHeader)));
    const given = Buffer.from(device.mac);
    if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
    // Once: a request heard on the LAN cannot be sent again.
    const key = `${device.id}:${device.nonce}`;
    if (this.seen.has(key)) return null;
    if (this.seen.size > 20_000) for (const [k, at] of this.seen) if (now - at > 2 * SIGNATURE_WINDOW_MS) this.seen.delete(k);
    this.seen.set(key, now);
    return { deviceId: device.id, slot: row.slot, mode: row.mode };
  }
}
