import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { manualClock, type ManualClock } from '../../electron/core/clock.js';
import { loadConfig, type LoadOptions } from '../../electron/core/config/load.js';
import type { ConfigLayer } from '../../electron/core/config/schema.js';
import type { PlatformInfo } from '../../electron/core/config/paths.js';
import { createCore, type Core } from '../../electron/core/index.js';
import { createLogger } from '../../electron/core/log.js';
import type { Caller } from '../../electron/contract.js';
import { fileDossier, getDossier, history } from '../../electron/core/dossiers/repo.js';
import { insertWardAnnouncement } from '../../electron/core/announcements/repo.js';

export function tempDir(prefix = 'motcua-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A platform with no admin or user file unless the test writes one, and an empty environment. */
export function isolatedPlatform(dir: string, env: Record<string, string> = {}): PlatformInfo {
  return {
    platform: 'linux',
    home: dir,
    env: { MOTCUA_ADMIN_CONFIG: path.join(dir, 'admin.json'), MOTCUA_USER_CONFIG: path.join(dir, 'user.json'), ...env },
  };
}

export interface TestCore {
  core: Core;
  clock: ManualClock;
  dir: string;
}

/** A real core on a real SQLite file in a fresh temp dir, with a manual clock. */
export function makeCore(flags: ConfigLayer = {}, options: Partial<LoadOptions> = {}, dir = tempDir()): TestCore {
  const clock = manualClock('2026-03-02T09:00:00+07:00');
  const loaded = loadConfig({ platform: isolatedPlatform(dir), flags: { dataDir: path.join(dir, 'data'), ...flags }, ...options });
  const core = createCore({ loaded, clock, version: 'test', log: createLogger({ dir: path.join(dir, 'logs'), clock }) });
  return { core, clock, dir };
}

/** An in-process caller, as the CLI's reads and the tests are: checked like anyone, never rate-limited. */
export const TEST_CALLER: Caller = { transport: 'internal', client: 'test' };

export const TEST_PASSWORD = 'la-sen-xanh-2026';

/**
 * Signs an officer in on `core` (creating the desk admin and the account first when needed) and
 * returns the session token the desk's methods take.
 */
export async function signInOfficer(
  core: Core,
  username = 'can-bo-a',
  roles: ('receptionist' | 'processor' | 'supervisor' | 'desk_admin')[] = ['receptionist', 'processor'],
  displayName = 'Trần Thị Cán Bộ',
): Promise<string> {
  if ((await core.call('staff.status', {})).needsSetup) {
    // The one-time code only the machine's admin can read (motcua doctor prints it from the device file).
    const first = await core.call('staff.setup', { setupCode: core.setupCode()!, username: 'quantri', displayName: 'Quản trị quầy', password: TEST_PASSWORD });
    await core.call('staff.signOut', { session: first.token });
  }
  const admin = await core.call('staff.signIn', { username: 'quantri', password: TEST_PASSWORD });
  if (username !== 'quantri') {
    await core.call('staff.save', { session: admin.token, username, displayName, roles, active: true, password: TEST_PASSWORD });
    // The admin leaves: a signed-in officer holds a counter.
    await core.call('staff.signOut', { session: admin.token });
  }
  return (await core.call('staff.signIn', { username, password: TEST_PASSWORD })).token;
}

/** Test data a desk officer would have posted: written through the repository, on any device (a kiosk has no officer). */
export function seedAnnouncement(core: Core, a: { title: string; body: string; expiresAt?: string }) {
  return insertWardAnnouncement(core.db, { title: a.title, body: a.body, publishedAt: core.clock.now().toISOString(), expiresAt: a.expiresAt ? new Date(a.expiresAt).toISOString() : null });
}

/**
 * A dossier as a kiosk of the ward files it, arriving in a desk's inbox (the portal feed's doing in
 * production): written through the repository, since a desk has no `dossier.submit`.
 */
export function fileAsKiosk(core: Core, applicant: { fullName: string; idNumber?: string; phone?: string }, procedureCode = '1.001193') {
  const next = (key: string) =>
    (core.db.prepare('INSERT INTO daily_sequences (day, last) VALUES (?, 1) ON CONFLICT (day) DO UPDATE SET last = last + 1 RETURNING last').get(key) as { last: number }).last;
  const name = (core.db.prepare('SELECT name FROM procedures WHERE code = ?').get(procedureCode) as { name: string } | undefined)?.name ?? procedureCode;
  return fileDossier(
    core.db,
    { procedureCode, procedureName: name, wardCode: core.config.ward.code, agency: `${core.config.ward.code}.K09`, channel: 'kiosk', applicant, data: {}, actor: 'kiosk' },
    core.clock.now(),
    { next },
  );
}

/** What a device holds of a dossier, read from its database (for assertions about stored state, not what a caller sees). */
export function stored(core: Core, code: string) {
  const d = getDossier(core.db, code);
  return d ? { ...d, history: history(core.db, code) } : null;
}
