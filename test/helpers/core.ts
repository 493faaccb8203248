import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { manualClock, type ManualClock } from '../../electron/core/clock.js';
import { loadConfig, type LoadOptions } from '../../electron/core/config/load.js';
import type { ConfigLayer } from '../../electron/core/config/schema.js';
import type { PlatformInfo } from '../../electron/core/config/paths.js';
import { createCore, type Core } from '../../electron/core/index.js';
import { createLogger } from '../../electron/core/log.js';

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
export function makeCore(flags: ConfigLayer = {}, options: Partial<LoadOptions> = {}): TestCore {
  const dir = tempDir();
  const clock = manualClock('2026-03-02T09:00:00+07:00');
  const loaded = loadConfig({ platform: isolatedPlatform(dir), flags: { dataDir: path.join(dir, 'data'), ...flags }, ...options });
  const core = createCore({ loaded, clock, version: 'test', log: createLogger({ dir: path.join(dir, 'logs'), clock }) });
  return { core, clock, dir };
}

export const TEST_PASSWORD = 'matkhau-2026';

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
    const first = await core.call('staff.setup', { username: 'quantri', displayName: 'Quản trị quầy', password: TEST_PASSWORD });
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
