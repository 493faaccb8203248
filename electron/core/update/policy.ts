import crypto from 'node:crypto';
import semver from 'semver';
import type { WorkingCalendar } from '../calendar/calendar.js';
import { vnDay } from '../time.js';

/**
 * When a device takes an update and when it installs it — pure decisions, so they are tested
 * without Electron. The shell (electron/shell/updater.ts) feeds them what electron-updater reports.
 */
export interface Release {
  version: string;
  channel: 'stable' | 'pilot';
  /** Staged rollout: the share of devices (0–100) that take this release now. */
  stagingPercentage?: number;
}

export interface UpdateSettings {
  channel: 'stable' | 'pilot';
  /** Empty: follow the channel. Otherwise exactly this version, older or newer. */
  pinVersion: string;
}

/**
 * Compares versions by Semantic Versioning 2.0.0 (the `semver` package): a pre-release comes
 * before its release, and pre-release numbers compare as numbers (1.2.0-rc.10 is after rc.9).
 * A tag that is not a version at all sorts before every real one, so it is never "newer".
 */
export function compareVersions(a: string, b: string): number {
  const parse = (v: string) => semver.valid(v) ?? semver.coerce(v, { includePrerelease: true })?.version ?? null;
  const x = parse(a);
  const y = parse(b);
  if (!x || !y) return x ? 1 : y ? -1 : 0;
  return semver.compare(x, y);
}

/**
 * Whether this device is in a staged rollout's share. The bucket comes from a hash of the device
 * and the version, so it is stable across checks (a device does not flip in and out) and differs
 * from one release to the next (the same devices are not always first).
 */
export function inRollout(deviceId: string, version: string, percentage = 100): boolean {
  if (percentage >= 100) return true;
  if (percentage <= 0) return false;
  const bucket = crypto.createHash('sha256').update(`${deviceId}:${version}`).digest().readUInt32BE(0) % 100;
  return bucket < percentage;
}

export type UpdateChoice = { action: 'none'; reason: 'pinned' | 'up_to_date' | 'not_in_rollout' | 'pinned_not_available' } | { action: 'download'; version: string; downgrade: boolean };

/** Which release, if any, this device downloads now. Downloading is always allowed; installing is not. */
export function chooseUpdate(current: string, available: Release[], settings: UpdateSettings, deviceId: string): UpdateChoice {
  if (settings.pinVersion) {
    if (settings.pinVersion === current) return { action: 'none', reason: 'pinned' };
    const pinned = available.find((r) => r.version === settings.pinVersion);
    return pinned ? { action: 'download', version: pinned.version, downgrade: compareVersions(pinned.version, current) < 0 } : { action: 'none', reason: 'pinned_not_available' };
  }
  const eligible = available
    .filter((r) => r.channel === 'stable' || settings.channel === 'pilot')
    .filter((r) => compareVersions(r.version, current) > 0)
    .sort((a, b) => compareVersions(b.version, a.version));
  if (!eligible.length) return { action: 'none', reason: 'up_to_date' };
  const take = eligible.find((r) => inRollout(deviceId, r.version, r.stagingPercentage));
  return take ? { action: 'download', version: take.version, downgrade: false } : { action: 'none', reason: 'not_in_rollout' };
}

export interface InstallContext {
  mode: 'kiosk' | 'staff';
  now: Date;
  calendar: WorkingCalendar;
  /** Last touch or key on this device. */
  lastInputAt: Date | null;
  /** A kiosk's idle reset time; a desk's lock minutes. */
  idleSeconds: number;
}

export type InstallDecision = { install: true } | { install: false; reason: 'office_hours' | 'in_use'; retryAt: Date };

const MARGIN = 30 * 60_000;

/**
 * A downloaded update installs (the app restarts) only outside office hours — with half an hour's
 * margin either side, holidays and weekends counting as outside — and never while someone is using
 * the device: a kiosk mid-way through a resident's session, a desk with an officer at it.
 */
export function installDecision(c: InstallContext): InstallDecision {
  const t = c.now.getTime();
  const day = vnDay(t);
  const periods = c.calendar.periods(day);
  const busyUntil = periods.find(([start, end]) => t >= start - MARGIN && t < end + MARGIN);
  if (busyUntil) return { install: false, reason: 'office_hours', retryAt: new Date(busyUntil[1] + MARGIN) };
  if (c.lastInputAt && t - c.lastInputAt.getTime() < c.idleSeconds * 1000) {
    return { install: false, reason: 'in_use', retryAt: new Date(c.lastInputAt.getTime() + c.idleSeconds * 1000) };
  }
  return { install: true };
}
