import fs from 'node:fs';
import { leafKeys } from '../core/config/schema.js';
import type { LoadedConfig } from '../core/config/load.js';
import type { Core } from '../core/index.js';
import { calendarWarnings } from '../core/calendar/store.js';

export interface DoctorReport {
  config: { key: string; value: unknown; layer: string; origin: string }[];
  layers: LoadedConfig['layers'];
  lockedOverrides: LoadedConfig['lockedOverrides'];
  dataDir: string;
  database: { file: string; version: number; sizeBytes: number };
  logFile: string | null;
  portal: { url: string; reachable: boolean | null; detail: string };
  warnings: Core['warnings'];
  /** Years whose days off are still provisional, with the admin's message. */
  calendar: ReturnType<typeof calendarWarnings>;
}

function valueAt(obj: object, key: string): unknown {
  return key.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);
}

const SECRET_KEYS = new Set(['kiosk.adminPin', 'portal.enrollmentCode']);

/** Probes the portal with a short timeout; an empty URL means the install is offline by design. */
export async function probePortal(url: string, timeoutMs = 3000): Promise<DoctorReport['portal']> {
  if (!url) return { url, reachable: null, detail: 'chưa cấu hình (chạy ngoại tuyến) / not configured (offline)' };
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    return { url, reachable: true, detail: `HTTP ${res.status}` };
  } catch (err) {
    return { url, reachable: false, detail: (err as Error).message };
  }
}

export async function doctor(core: Core): Promise<DoctorReport> {
  const { loaded } = core;
  const size = ['', '-wal'].reduce((n, s) => n + (fs.existsSync(core.dbFile + s) ? fs.statSync(core.dbFile + s).size : 0), 0);
  return {
    config: leafKeys(loaded.config).map((key) => ({
      key,
      value: SECRET_KEYS.has(key) ? '••••' : valueAt(loaded.config, key),
      layer: loaded.sources[key]?.layer ?? 'default',
      origin: loaded.sources[key]?.origin ?? 'built-in',
    })),
    layers: loaded.layers,
    lockedOverrides: loaded.lockedOverrides,
    dataDir: loaded.config.dataDir,
    database: { file: core.dbFile, version: core.dbVersion, sizeBytes: size },
    logFile: core.log.file,
    portal: await probePortal(loaded.config.portal.url),
    warnings: core.warnings,
    calendar: calendarWarnings(core.db, core.clock.now()),
  };
}

export function formatDoctor(r: DoctorReport): string {
  const lines = ['Cấu hình / Configuration (khóa = giá trị  ← nguồn):'];
  for (const c of r.config) lines.push(`  ${c.key} = ${JSON.stringify(c.value)}  ← ${c.layer} (${c.origin})`);
  lines.push('Các lớp / Layers:');
  for (const l of r.layers) lines.push(`  ${l.layer.padEnd(8)} ${l.present ? 'có    ' : 'không '} ${l.origin}`);
  for (const o of r.lockedOverrides) lines.push(`  ! ${o.key}: bị quản trị viên khóa, bỏ qua giá trị từ ${o.origin} / locked by admin, ignored`);
  lines.push(`Thư mục dữ liệu / Data dir: ${r.dataDir}`);
  lines.push(`Cơ sở dữ liệu / Database: ${r.database.file} (phiên bản/version ${r.database.version}, ${(r.database.sizeBytes / 1024).toFixed(0)} KB)`);
  lines.push(`Nhật ký / Log: ${r.logFile ?? '—'}`);
  const reach = r.portal.reachable === null ? '—' : r.portal.reachable ? 'kết nối được / reachable' : 'không kết nối được / unreachable';
  lines.push(`Cổng dịch vụ công / Portal: ${r.portal.url || '—'} ${reach} (${r.portal.detail})`);
  for (const c of r.calendar) lines.push(`Cảnh báo lịch nghỉ / Calendar warning: ${c.message.vi} / ${c.message.en}`);
  for (const w of r.warnings) lines.push(`Cảnh báo / Warning: ${w.message.vi} / ${w.message.en}${w.detail ? ` [${w.detail}]` : ''}`);
  return lines.join('\n');
}
