import path from 'node:path';
import { manualClock } from '../../electron/core/clock.js';
import { loadConfig } from '../../electron/core/config/load.js';
import type { ConfigLayer } from '../../electron/core/config/schema.js';
import { createCore, type Core } from '../../electron/core/index.js';
import { createLogger } from '../../electron/core/log.js';
import { catalogDir } from '../../electron/paths.js';
import { isolatedPlatform, tempDir } from './core.js';

/** A core seeded from the bundled catalog snapshot (resources/catalog), on a fresh SQLite file. */
export function makeCatalogCore(flags: ConfigLayer = {}): { core: Core; dir: string } {
  const dir = tempDir();
  const clock = manualClock('2026-03-02T09:00:00+07:00');
  const loaded = loadConfig({ platform: isolatedPlatform(dir), flags: { dataDir: path.join(dir, 'data'), ...flags } });
  const core = createCore({ loaded, clock, version: 'test', catalogDir, log: createLogger({ dir: null, clock }) });
  return { core, dir };
}
