import { parseArgs } from 'node:util';
import type { ConfigLayer } from '../core/config/schema.js';

/** Options every command accepts for where its config and data come from. */
export const commonOptions = {
  config: { type: 'string' },
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export function parse<O extends Record<string, { type: 'string' | 'boolean'; short?: string }>>(args: string[], options: O) {
  return parseArgs({ args, options: { ...commonOptions, ...configFlags, ...options }, allowPositionals: true, strict: true });
}

/** Flags every app-running command accepts, mapped to config keys. */
export const configFlags = {
  mode: { type: 'string' },
  'portal-url': { type: 'string' },
  'enrollment-code': { type: 'string' },
  slot: { type: 'string' },
} as const;

/** Command-line flags that map to config keys: the highest layer. */
export function flagsLayer(values: {
  'data-dir'?: string;
  port?: string;
  host?: string;
  mode?: string;
  'portal-url'?: string;
  'enrollment-code'?: string;
  slot?: string;
}): ConfigLayer {
  const layer: ConfigLayer = {};
  if (values['data-dir']) layer.dataDir = values['data-dir'];
  if (values.mode) layer.mode = values.mode as ConfigLayer['mode'];
  if (values['portal-url'] !== undefined || values['enrollment-code'] !== undefined) {
    layer.portal = {};
    if (values['portal-url'] !== undefined) layer.portal.url = values['portal-url'];
    if (values['enrollment-code'] !== undefined) layer.portal.enrollmentCode = values['enrollment-code'];
  }
  if (values.slot) layer.device = { slot: values.slot };
  if (values.port !== undefined || values.host !== undefined) {
    layer.web = {};
    if (values.port !== undefined) layer.web.port = Number(values.port);
    if (values.host !== undefined) layer.web.host = values.host;
  }
  return layer;
}
