import fs from 'node:fs';
import { leafKeys } from '../core/config/schema.js';
import type { LoadedConfig } from '../core/config/load.js';
import type { Core } from '../core/index.js';
import { checkOutbox, counts } from '../core/sync/outbox.js';
import type { RecoveryRecord } from '../core/device/store.js';
import { calendarWarnings } from '../core/calendar/store.js';

export interface DoctorReport {
  config: { key: string; value: unknown; layer: string; origin: string }[];
  layers: LoadedConfig['layers'];
  lockedOverrides: LoadedConfig['lockedOverrides'];
  dataDir: string;
  database: { file: string; version: number; sizeBytes: number };
  logFile: string | null;
  portal: { url: string; reachable: boolean | null; detail: string };
  /** The outbox's pages checked: a damaged outbox can hold filings that never reach the portal. */
  outbox: { ok: boolean; problems: string[]; pending: number | null; parked: number | null };
  warnings: Core['warnings'];
  /** The device file: identity with the portal, and what happened to this device. */
  device: { id: string; registered: boolean; file: string; recoveries: RecoveryRecord[] };
  /** The device admin's secrets: the kiosk PIN's state, the desk's first-run setup code (for the machine's admin only). */
  admin: { kioskPin: 'hash' | 'plain' | 'none' | null; setupCode: string | null; setupCodeProvisioned: boolean };
  audit: { ok: boolean; head: { seq: number; hash: string } | null; problem: { vi: string; en: string } | null };
  /** Years whose days off are still provisional, with the admin's message. */
  calendar: ReturnType<typeof calendarWarnings>;
}

function valueAt(obj: object, key: string): unknown {
  return key.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);
}

const SECRET_KEYS = new Set(['kiosk.adminPin', 'kiosk.adminPinHash', 'desk.setupCodeHash', 'portal.enrollmentCode']);

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
  const secrets = core.device.get();
  const chain = core.audit.state();
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
    outbox: outboxReport(core),
    warnings: core.warnings,
    device: { id: secrets.deviceId, registered: secrets.deviceToken !== null, file: core.device.file, recoveries: secrets.recoveries },
    admin: {
      kioskPin: loaded.config.mode === 'kiosk' ? (loaded.config.kiosk.adminPinHash ? 'hash' : loaded.config.kiosk.adminPin ? 'plain' : 'none') : null,
      setupCode: core.setupCode(),
      setupCodeProvisioned: loaded.config.mode === 'staff' && loaded.config.desk.setupCodeHash !== '',
    },
    audit: { ok: chain.ok, head: chain.head, problem: chain.problem },
    calendar: calendarWarnings(core.db, core.clock.now()),
  };
}

function outboxReport(core: Core): DoctorReport['outbox'] {
  const check = checkOutbox(core.db);
  let c: { pending: number; parked: number } | null = null;
  try {
    c = counts(core.db);
  } catch (err) {
    check.problems.push((err as Error).message);
  }
  return { ok: check.ok && c !== null, problems: check.problems.slice(0, 20), pending: c?.pending ?? null, parked: c?.parked ?? null };
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
  lines.push(
    r.outbox.ok
      ? `Hàng đợi gửi / Outbox: tốt / ok (chờ gửi / pending ${r.outbox.pending}, giữ lại / parked ${r.outbox.parked})`
      : `Hàng đợi gửi / Outbox: HỎNG — có thể còn hồ sơ chưa gửi; sao lưu motcua.db trước khi sửa / DAMAGED — unsent filings may be stuck; back up motcua.db before repairing: ${r.outbox.problems.slice(0, 3).join('; ')}`,
  );
  for (const c of r.calendar) lines.push(`Cảnh báo lịch nghỉ / Calendar warning: ${c.message.vi} / ${c.message.en}`);
  for (const w of r.warnings) lines.push(`Cảnh báo / Warning: ${w.message.vi} / ${w.message.en}${w.detail ? ` [${w.detail}]` : ''}`);
  lines.push(`Thiết bị / Device: ${r.device.id} — ${r.device.registered ? 'đã đăng ký với cổng / registered' : 'chưa đăng ký / not registered'} (${r.device.file})`);
  for (const rec of r.device.recoveries) {
    lines.push(
      `! CSDL hỏng đã được chuyển sang một bên lúc ${rec.at}: ${rec.movedAside}; đã cứu ${rec.salvaged} mục chưa gửi${rec.unreadable ? `, ${rec.unreadable === -1 ? 'không mở được tệp' : `${rec.unreadable} dòng không đọc được`}` : ''}.`,
      `  Database found corrupt at ${rec.at}, moved aside to ${rec.movedAside}; ${rec.salvaged} unsent items salvaged${rec.unreadable ? `, ${rec.unreadable === -1 ? 'the file could not be opened' : `${rec.unreadable} rows unreadable`}` : ''}.`,
    );
  }
  if (r.admin.kioskPin === 'none') {
    lines.push(
      '! Ki-ốt chưa có mã PIN quản trị: không thoát được chế độ ki-ốt. Tạo gói cấu hình bằng motcua provision rồi áp dụng (motcua provision --apply).',
      '  This kiosk has no admin PIN: the admin exit is refused. Make a bundle with motcua provision and apply it (motcua provision --apply).',
    );
  } else if (r.admin.kioskPin === 'plain') {
    lines.push('! Mã PIN quản trị đang để dạng rõ trong cấu hình (kiosk.adminPin): hãy cấp lại bằng motcua provision. / The admin PIN is in plain text (kiosk.adminPin): provision again.');
  } else if (r.admin.kioskPin === 'hash') lines.push('Mã PIN quản trị / Kiosk admin PIN: đã cấu hình (lưu dạng băm) / set (stored as a hash)');
  if (r.admin.setupCode) {
    lines.push(`Mã thiết lập lần đầu / First-run setup code: ${r.admin.setupCode}  (chỉ dùng một lần để tạo tài khoản quản trị quầy / once, to create the desk admin)`);
  } else if (r.admin.setupCodeProvisioned) lines.push('Mã thiết lập lần đầu / First-run setup code: trên phiếu thiết bị / on the device sheet');
  lines.push(r.audit.ok ? `Nhật ký / Audit log: toàn vẹn đến dòng ${r.audit.head?.seq ?? 0} / intact to row ${r.audit.head?.seq ?? 0}` : `! Nhật ký / Audit log: ${r.audit.problem?.vi ?? ''} / ${r.audit.problem?.en ?? ''}`);
  return lines.join('\n');
}
