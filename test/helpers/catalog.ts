import path from 'node:path';
import { manualClock } from '../../electron/core/clock.js';
import { loadConfig } from '../../electron/core/config/load.js';
import type { ConfigLayer } from '../../electron/core/config/schema.js';
import { createCore, type Core } from '../../electron/core/index.js';
import { createLogger } from '../../electron/core/log.js';
import { catalogDir } from '../../electron/paths.js';
import { readSnapshot, writeSnapshot } from '../../electron/core/catalog/snapshot.js';
import { isolatedPlatform, tempDir } from './core.js';

/** A core seeded from the bundled catalog snapshot (resources/catalog), on a fresh SQLite file. */
export function makeCatalogCore(flags: ConfigLayer = {}): { core: Core; dir: string } {
  const dir = tempDir();
  const clock = manualClock('2026-03-02T09:00:00+07:00');
  const loaded = loadConfig({ platform: isolatedPlatform(dir), flags: { dataDir: path.join(dir, 'data'), ...flags } });
  const core = createCore({ loaded, clock, version: 'test', catalogDir, log: createLogger({ dir: null, clock }) });
  return { core, dir };
}

/**
 * A small ward catalog cut from the bundled snapshot: the procedures `codes` with their legal
 * bases linked, the laws they cite, and the life events restricted to them. Starts in milliseconds
 * where the whole catalog takes seconds, and keeps the law reader's links real.
 */
export function wardCatalog(codes: string[]): string {
  const all = readSnapshot(catalogDir);
  const procedures = all.procedures.filter((p) => codes.includes(p.code));
  const cited = new Set(procedures.flatMap((p) => p.legalBases.map((l) => l.lawId).filter((id): id is string => !!id)));
  const out = path.join(tempDir('motcua-ward-catalog-'), 'catalog');
  writeSnapshot(
    out,
    {
      procedures,
      laws: all.laws.filter((l) => cited.has(l.id)),
      lifeEvents: all.lifeEvents.map((e) => ({ ...e, procedureCodes: e.procedureCodes.filter((c) => codes.includes(c)) })),
    },
    all.meta.importedAt,
  );
  return out;
}
