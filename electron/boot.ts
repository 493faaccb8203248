import type { Clock } from './core/clock.js';
import { loadConfig, type LoadedConfig, type LoadOptions } from './core/config/load.js';
import { AppError, toErrorPayload, type ErrorPayload } from './core/errors.js';
import { createCore, type Core } from './core/index.js';
import { appVersion, bundledConfigFile, catalogDir } from './paths.js';

export type Booted = { ok: true; core: Core; loaded: LoadedConfig } | { ok: false; fatal: ErrorPayload; loaded?: LoadedConfig };

/**
 * Loads the config and starts a core, or explains why it cannot: an invalid config or a
 * database from a newer app never yields a half-running app.
 */
export function boot(options: Omit<LoadOptions, 'bundledFile'> & { clock?: Clock; bundledFile?: string; startSync?: boolean; systemProxy?: string | null }): Booted {
  let loaded: LoadedConfig | undefined;
  try {
    loaded = loadConfig({ bundledFile: bundledConfigFile, ...options });
    const core = createCore({ loaded, clock: options.clock, version: appVersion(), catalogDir, startSync: options.startSync, systemProxy: options.systemProxy });
    return { ok: true, core, loaded };
  } catch (err) {
    if (err instanceof AppError) return { ok: false, fatal: err.toPayload(), loaded };
    throw err;
  }
}

/** The config alone, for a host that starts no core (diagnostics, restore). */
export function loadOnly(options: Omit<LoadOptions, 'bundledFile'>): { ok: true; loaded: LoadedConfig } | { ok: false; fatal: ErrorPayload } {
  try {
    return { ok: true, loaded: loadConfig({ bundledFile: bundledConfigFile, ...options }) };
  } catch (err) {
    if (err instanceof AppError) return { ok: false, fatal: err.toPayload() };
    throw err;
  }
}

export { appVersion, toErrorPayload };
