/**
 * The ward's queue over the office LAN. One desk — the queue desk — holds the queue; kiosks take
 * tickets from it and the other desks call, recall, transfer and finish tickets on it, each with the
 * officer signed in at that desk. The queue desk tells an enrolled kiosk or desk from anyone else on
 * the LAN by its LAN key (given by the portal at registration; the queue desk learns each device's
 * key hash from the portal's devices feed), so it limits each enrolled device on its own and anyone
 * else by address: one LAN address can no longer spend a kiosk's tickets for every resident at it.
 *
 * On the wire: `Authorization: MotCua-Device <deviceId>:<lanKey>`, and from a desk the officer it
 * vouches for in `X-MotCua-Officer` (base64 JSON). Plain HTTP on the office LAN, as the web host is:
 * keep that LAN closed (see the admin guide).
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

export const DEVICE_AUTH_SCHEME = 'MotCua-Device';
export const OFFICER_HEADER = 'x-motcua-officer';

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

/** Reads the device credential and the vouched-for officer from a LAN request's headers. */
export function lanCredentials(headers: { authorization?: string; [OFFICER_HEADER]?: string | string[] }): Pick<Caller, 'device' | 'officer'> {
  const m = new RegExp(`^${DEVICE_AUTH_SCHEME} ([^:\\s]{1,64}):(\\S{16,128})$`).exec(headers.authorization ?? '');
  if (!m) return {};
  const out: Pick<Caller, 'device' | 'officer'> = { device: { id: m[1]!, key: m[2]! } };
  const raw = headers[OFFICER_HEADER];
  if (typeof raw === 'string' && raw.length < 2000) {
    try {
      const o = JSON.parse(Buffer.from(raw, 'base64').toString('utf8')) as Partial<LanOfficer>;
      if (typeof o.username === 'string' && typeof o.displayName === 'string' && typeof o.counter === 'string' && Array.isArray(o.roles)) {
        out.officer = { username: o.username.slice(0, 64), displayName: o.displayName.slice(0, 120), counter: o.counter.slice(0, 40), roles: o.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r)) };
      }
    } catch {
      // not an officer: the call is the device's own
    }
  }
  return out;
}

/** The headers a kiosk or desk sends the queue desk. */
export function lanHeaders(device: { id: string; key: string } | null, officer?: LanOfficer): Record<string, string> {
  if (!device) return {};
  return {
    Authorization: `${DEVICE_AUTH_SCHEME} ${device.id}:${device.key}`,
    ...(officer ? { [OFFICER_HEADER]: Buffer.from(JSON.stringify(officer)).toString('base64') } : {}),
  };
}

/** The enrolled, unrevoked device whose key this is, or null. */
export function verifyLanDevice(db: Db, device: { id: string; key: string } | undefined): LanDevice | null {
  if (!device) return null;
  const row = db.prepare<[string], { slot: string; mode: 'kiosk' | 'staff'; lan_key_hash: string; revoked: number }>('SELECT slot, mode, lan_key_hash, revoked FROM lan_devices WHERE device_id = ?').get(device.id);
  if (!row || row.revoked) return null;
  const given = crypto.createHash('sha256').update(device.key).digest();
  const known = Buffer.from(row.lan_key_hash, 'hex');
  return given.length === known.length && crypto.timingSafeEqual(given, known) ? { deviceId: device.id, slot: row.slot, mode: row.mode } : null;
}
