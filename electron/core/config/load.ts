import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../errors.js';
import { parseOrThrow } from '../validate.js';
import { builtInDefaults, configSchema, layerSchema, leafKeys, type Config, type ConfigLayer } from './schema.js';
import { adminConfigPath, defaultDataDir, userConfigPath, type PlatformInfo } from './paths.js';

export type LayerName = 'default' | 'bundled' | 'admin' | 'user' | 'file' | 'env' | 'flags';

export interface LayerSource {
  layer: LayerName;
  /** The file, or the environment variable, the layer came from. */
  origin: string;
  present: boolean;
}

export interface LockedOverride {
  key: string;
  layer: LayerName;
  origin: string;
}

export interface LoadedConfig {
  config: Config;
  /** For each leaf key, the layer that set its final value. */
  sources: Record<string, LayerSource>;
  layers: LayerSource[];
  /** Values a lower layer tried to set on admin-locked keys; ignored. */
  lockedOverrides: LockedOverride[];
}

export interface LoadOptions {
  /** resources/config.default.json of this install. */
  bundledFile?: string;
  /** --config <file>. */
  configFile?: string;
  /** Explicit command-line flags, the highest layer. */
  flags?: ConfigLayer;
  platform?: PlatformInfo;
}

/** Environment variables and the key each one sets. */
const ENV_KEYS: Record<string, { key: string; type: 'string' | 'number' }> = {
  MOTCUA_MODE: { key: 'mode', type: 'string' },
  MOTCUA_WARD_CODE: { key: 'ward.code', type: 'string' },
  MOTCUA_WARD_NAME: { key: 'ward.name', type: 'string' },
  MOTCUA_PORTAL_URL: { key: 'portal.url', type: 'string' },
  MOTCUA_ENROLLMENT_CODE: { key: 'portal.enrollmentCode', type: 'string' },
  MOTCUA_DEVICE_SLOT: { key: 'device.slot', type: 'string' },
  MOTCUA_LOCALE: { key: 'locale', type: 'string' },
  MOTCUA_KIOSK_IDLE_SECONDS: { key: 'kiosk.idleSeconds', type: 'number' },
  MOTCUA_DATA_DIR: { key: 'dataDir', type: 'string' },
  MOTCUA_WEB_HOST: { key: 'web.host', type: 'string' },
  MOTCUA_WEB_PORT: { key: 'web.port', type: 'number' },
};

export function currentPlatform(): PlatformInfo {
  return { platform: process.platform, env: process.env, home: os.homedir() };
}

/** Reads one layer file; a missing file is an empty layer, a broken one an error naming the file and key. */
export function readLayerFile(file: string): ConfigLayer | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new AppError(
      'config_invalid',
      { vi: `Không đọc được tệp cấu hình ${file}: ${(err as Error).message}`, en: `Cannot read config file ${file}: ${(err as Error).message}` },
      { file },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new AppError(
      'config_invalid',
      { vi: `Tệp cấu hình ${file} không phải JSON hợp lệ: ${(err as Error).message}`, en: `Config file ${file} is not valid JSON: ${(err as Error).message}` },
      { file },
    );
  }
  return validateLayer(json, file);
}

/** Validates a layer's content, naming the file and the key on error. */
export function validateLayer(json: unknown, origin: string): ConfigLayer {
  try {
    return parseOrThrow(layerSchema, json);
  } catch (err) {
    if (err instanceof AppError) {
      throw new AppError(
        'config_invalid',
        {
          vi: `Cấu hình không hợp lệ trong ${origin}, khóa “${err.field ?? ''}”: ${err.messages.vi}`,
          en: `Invalid configuration in ${origin}, key “${err.field ?? ''}”: ${err.messages.en}`,
        },
        { file: origin, field: err.field },
      );
    }
    throw err;
  }
}

function envLayer(env: Record<string, string | undefined>): { layer: ConfigLayer; origins: Record<string, string> } {
  const layer: Record<string, unknown> = {};
  const origins: Record<string, string> = {};
  for (const [name, { key, type }] of Object.entries(ENV_KEYS)) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    let value: unknown = raw;
    if (type === 'number') {
      value = Number(raw);
      if (!Number.isFinite(value)) {
        throw new AppError(
          'config_invalid',
          { vi: `Biến môi trường ${name} phải là số (đang là “${raw}”).`, en: `Environment variable ${name} must be a number (got “${raw}”).` },
          { file: name, field: key },
        );
      }
    }
    setPath(layer, key, value);
    origins[key] = name;
  }
  return { layer: validateLayer(layer, 'environment'), origins };
}

function setPath(target: Record<string, unknown>, dotted: string, value: unknown): void {
  const parts = dotted.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    if (typeof node[part] !== 'object' || node[part] === null) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1]!] = value;
}

function getPath(source: object, dotted: string): unknown {
  let node: unknown = source;
  for (const part of dotted.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

function isLocked(key: string, locked: string[]): boolean {
  return locked.some((l) => key === l || key.startsWith(`${l}.`));
}

/**
 * Loads the layered config: built-in defaults < bundled file < admin file < user file
 * < --config file < environment < flags. Keys the admin file lists in `locked`
 * keep the admin value whatever the layers above it say. Throws on any invalid layer
 * or an invalid merged result: the app never runs on a half-valid config.
 */
export function loadConfig(options: LoadOptions = {}): LoadedConfig {
  const platform = options.platform ?? currentPlatform();
  const layers: { source: LayerSource; values: ConfigLayer; origins?: Record<string, string> }[] = [];

  const fileLayer = (layer: LayerName, file: string | undefined) => {
    if (!file) return;
    const values = readLayerFile(file);
    layers.push({ source: { layer, origin: file, present: values !== undefined }, values: values ?? {} });
  };

  layers.push({ source: { layer: 'default', origin: 'built-in', present: true }, values: builtInDefaults });
  fileLayer('bundled', options.bundledFile);
  fileLayer('admin', adminConfigPath(platform));
  fileLayer('user', userConfigPath(platform));
  if (options.configFile) {
    const values = readLayerFile(options.configFile);
    if (values === undefined) {
      throw new AppError(
        'config_invalid',
        { vi: `Không tìm thấy tệp cấu hình ${options.configFile}.`, en: `Config file ${options.configFile} not found.` },
        { file: options.configFile },
      );
    }
    layers.push({ source: { layer: 'file', origin: options.configFile, present: true }, values });
  }
  const env = envLayer(platform.env);
  layers.push({ source: { layer: 'env', origin: 'environment', present: Object.keys(env.origins).length > 0 }, values: env.layer, origins: env.origins });
  if (options.flags) layers.push({ source: { layer: 'flags', origin: 'command line', present: true }, values: validateLayer(options.flags, 'command line') });

  const merged: Record<string, unknown> = {};
  const sources: Record<string, LayerSource> = {};
  const lockedOverrides: LockedOverride[] = [];
  const adminIndex = layers.findIndex((l) => l.source.layer === 'admin');
  const locked = layers[adminIndex]?.values.locked ?? [];

  layers.forEach(({ source, values, origins }, index) => {
    for (const key of leafKeys(values)) {
      const origin = origins?.[key] ?? source.origin;
      // Only the admin file may lock keys, and what it locks stays as it set it.
      if (key === 'locked' && index !== adminIndex && source.layer !== 'default') continue;
      if (index > adminIndex && isLocked(key, locked)) {
        lockedOverrides.push({ key, layer: source.layer, origin });
        continue;
      }
      setPath(merged, key, getPath(values, key));
      sources[key] = { ...source, origin };
    }
  });

  let config: Config;
  try {
    config = parseOrThrow(configSchema, merged);
  } catch (err) {
    const field = err instanceof AppError ? err.field ?? '' : '';
    const from = sources[field]?.origin ?? 'built-in';
    throw new AppError(
      'config_invalid',
      { vi: `Cấu hình không hợp lệ ở khóa “${field}” (từ ${from}).`, en: `Invalid configuration at key “${field}” (from ${from}).` },
      { file: from, field },
    );
  }
  if (!config.dataDir) {
    config = { ...config, dataDir: defaultDataDir(platform) };
    sources.dataDir = { layer: 'default', origin: 'per-OS default', present: true };
  } else {
    config = { ...config, dataDir: path.resolve(config.dataDir) };
  }
  return { config, sources, layers: layers.map((l) => l.source), lockedOverrides };
}
