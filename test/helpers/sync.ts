import path from 'node:path';
import { manualClock, type ManualClock } from '../../electron/core/clock.js';
import { loadConfig } from '../../electron/core/config/load.js';
import type { ConfigLayer } from '../../electron/core/config/schema.js';
import { createCore, type Core } from '../../electron/core/index.js';
import { createLogger } from '../../electron/core/log.js';
import { importCatalog } from '../../electron/core/catalog/importer.js';
import { isolatedPlatform, tempDir } from './core.js';

export interface Device {
  core: Core;
  clock: ManualClock;
  dir: string;
}

/**
 * A kiosk or desk core talking to `portalUrl`, on its own SQLite file. The clock follows real time
 * (retries become due) unless a test moves it.
 */
/** A small real catalog (the 31 fixture records), so sync tests start in milliseconds. */
export function smallCatalog(): string {
  const out = path.join(tempDir('motcua-catalog-'), 'catalog');
  importCatalog({ proceduresFile: path.resolve('test/fixtures/portal-records.jsonl'), outDir: out, clock: manualClock('2026-01-01T00:00:00Z') });
  return out;
}

export function makeDevice(portalUrl: string, enrollmentCode: string, layer: ConfigLayer = {}, dir = tempDir(), catalogDir = smallCatalogDir()): Device {
  const clock = manualClock(new Date());
  const loaded = loadConfig({
    platform: isolatedPlatform(dir),
    flags: { dataDir: path.join(dir, 'data'), ward: { code: '00324', name: 'Phường Ba Đình' }, portal: { url: portalUrl, enrollmentCode }, ...layer },
  });
  const core = createCore({ loaded, clock, version: 'test', catalogDir, log: createLogger({ dir: path.join(dir, 'logs'), clock }), random: () => 0 });
  return { core, clock, dir };
}

let cached: string | null = null;
function smallCatalogDir(): string {
  cached ??= smallCatalog();
  return cached;
}

export const applicant = (n: number) => ({ fullName: `Nguyễn Văn ${n}`, idNumber: String(1090000000 + n).padStart(12, '0'), phone: '0912345678' });

/** The fleet page as the IT admin sees it: signed in with the admin token (a cookie), never the token in a URL. */
export async function fleetPageOf(portal: { url: string; adminToken: string }): Promise<string> {
  const login = await fetch(`${portal.url}/admin/login`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token: portal.adminToken }), redirect: 'manual' });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const res = await fetch(`${portal.url}/admin/fleet`, { headers: { cookie }, redirect: 'manual' });
  if (res.status !== 200) throw new Error(`fleet page answered ${res.status}`);
  return res.text();
}

/** What the guided birth registration (1.001193) asks, filled in: a kiosk files nothing less. */
export const birthData = (childName = 'Nguyễn Văn Bé') => ({
  childName,
  childBirthDate: '01/02/2026',
  childSex: 'Nam',
  birthPlace: 'Bệnh viện Xanh Pôn',
  motherName: 'Trần Thị Hoa',
  motherId: '001192012345',
  relationship: 'cha-me',
});

/** A complete kiosk filing of 1.001193 by applicant `n`. */
export const birthFiling = (n: number) => ({ procedureCode: '1.001193', applicant: applicant(n), data: birthData() });
