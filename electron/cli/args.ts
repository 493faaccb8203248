import type { ConfigLayer } from '../core/config/schema.js';

/** Flags every app-running command accepts, mapped to config keys. */
export const configFlags = {
  mode: { type: 'string' },
  'portal-url': { type: 'string' },
  'enrollment-code': { type: 'string' },
  slot: { type: 'string' },
} as const;

/** Command-line flags that map to config keys: the highest layer. */
export function flagsLayer(values: {
  'data-dir'?: string | boolean;
  port?: string | boolean;
  host?: string | boolean;
  mode?: string | boolean;
  'portal-url'?: string | boolean;
  'enrollment-code'?: string | boolean;
  slot?: string | boolean;
}): ConfigLayer {
  const s = (v: string | boolean | undefined) => (typeof v === 'string' ? v : undefined);
  const layer: ConfigLayer = {};
  if (s(values['data-dir'])) layer.dataDir = s(values['data-dir']);
  if (s(values.mode)) layer.mode = s(values.mode) as ConfigLayer['mode'];
  if (s(values['portal-url']) !== undefined || s(values['enrollment-code']) !== undefined) {
    layer.portal = {};
    if (s(values['portal-url']) !== undefined) layer.portal.url = s(values['portal-url']);
    if (s(values['enrollment-code']) !== undefined) layer.portal.enrollmentCode = s(values['enrollment-code']);
  }
  if (s(values.slot)) layer.device = { slot: s(values.slot)! };
  if (s(values.port) !== undefined || s(values.host) !== undefined) {
    layer.web = {};
    if (s(values.port) !== undefined) layer.web.port = Number(s(values.port));
    if (s(values.host) !== undefined) layer.web.host = s(values.host);
  }
  return layer;
}
