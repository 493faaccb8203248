/**
 * What a device must never lose with its database: its identity with the portal, the key that seals
 * its audit chain, the highest number each sequence has given, and what happened to it (a database
 * recovered). Kept in `<dataDir>/device/device.json`, outside the SQLite file, so a corrupt database
 * moved aside takes none of it; the folder and the file are readable by the app's user only.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { restrict } from '../modes.js';

export interface RecoveryRecord {
  /** When the corrupt file was found and moved aside (ISO). */
  at: string;
  movedAside: string;
  /** Unsent outbox items copied into the new database, and those that could not be read. */
  salvaged: number;
  unreadable: number;
}

export interface DeviceSecrets {
  /** The id this device registered with at the portal; made once, kept for life. */
  deviceId: string;
  /** The portal's bearer token for this device, once registered. */
  deviceToken: string | null;
  /** SHA-256 of the enrollment code the token came from: a bundle with another code registers again. */
  enrolledWith: string | null;
  /** The device's credential on the office LAN (the queue desk knows its hash from the portal). */
  lanKey: string | null;
  /** 32 random bytes (base64): the HMAC key of the audit chain. */
  auditKey: string;
  /** Audit rows up to this id were written before the chain was keyed (plain SHA-256); 0 for a new install. */
  auditLegacyUntil: number | null;
  /** The newest audit head this device has seen verified, sealed with the audit key (the local anchor). */
  auditAnchor: { seq: number; hash: string; seal: string } | null;
  /** The newest audit head the portal keeps for this device, as its last heartbeat answer said. */
  portalAnchor: { seq: number; hash: string; at: string } | null;
  /** Numbers reserved in each sequence (dossier codes per day, register numbers per year…): none above is given yet. */
  sequences: Record<string, number>;
  /** The database (its `db.id`) that counted up to those reservations; another one starts after them. */
  sequencesDb: string | null;
  /** The one-time setup code of a desk that has no account yet (plain: only the machine's admin reads this file). */
  setupCode: string | null;
  recoveries: RecoveryRecord[];
}

const FILE = 'device.json';

/** The folder that holds the device's secrets. */
export function deviceDir(dataDir: string): string {
  return path.join(dataDir, 'device');
}

function fresh(): DeviceSecrets {
  return {
    deviceId: crypto.randomUUID(),
    deviceToken: null,
    enrolledWith: null,
    lanKey: null,
    auditKey: crypto.randomBytes(32).toString('base64'),
    auditLegacyUntil: null,
    auditAnchor: null,
    portalAnchor: null,
    sequences: {},
    sequencesDb: null,
    setupCode: null,
    recoveries: [],
  };
}

/** Reads the device file without creating anything; null when there is none (doctor on a machine never started). */
export function readDeviceFile(dataDir: string): DeviceSecrets | null {
  try {
    return { ...fresh(), ...(JSON.parse(fs.readFileSync(path.join(deviceDir(dataDir), FILE), 'utf8')) as Partial<DeviceSecrets>) };
  } catch {
    return null;
  }
}

/**
 * The device file of one data dir. Every update re-reads the file and writes it whole through a
 * temporary file and a rename, so a crash leaves the old or the new version, never half of one, and
 * the CLI and the app may both update it.
 */
export class DeviceStore {
  readonly dir: string;
  readonly file: string;
  private current: DeviceSecrets;
  private mtime = 0;
  /** True when this start created the file (a new install, or a lost device folder). */
  readonly created: boolean;

  constructor(dataDir: string) {
    this.dir = deviceDir(dataDir);
    this.file = path.join(this.dir, FILE);
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    restrict(this.dir, 0o700);
    const existing = readDeviceFile(dataDir);
    this.created = existing === null;
    this.current = existing ?? fresh();
    if (this.created) this.write(this.current);
  }

  /** The secrets; read again when another process (`motcua provision --rotate`, a restore) changed the file. */
  get(): Readonly<DeviceSecrets> {
    try {
      const mtime = fs.statSync(this.file).mtimeMs;
      if (mtime !== this.mtime) {
        const latest = readDeviceFile(path.dirname(this.dir));
        if (latest) this.current = latest;
        this.mtime = mtime;
      }
    } catch {
      // the file is gone (a data dir cleared under the app): what this process knows stands
    }
    return this.current;
  }

  /** Applies `change` to the file's latest content and writes it. */
  update(change: (s: DeviceSecrets) => void): DeviceSecrets {
    const latest = readDeviceFile(path.dirname(this.dir)) ?? this.current;
    change(latest);
    this.write(latest);
    this.current = latest;
    return latest;
  }

  /** The audit key as bytes. */
  auditKey(): Buffer {
    return Buffer.from(this.current.auditKey, 'base64');
  }

  private write(value: DeviceSecrets): void {
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
    restrict(tmp, 0o600);
    fs.renameSync(tmp, this.file);
    this.mtime = fs.statSync(this.file).mtimeMs;
  }
}

export { restrict } from '../modes.js';
