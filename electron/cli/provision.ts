/**
 * `motcua provision`: the IT admin prepares devices for a ward. Each device gets a bundle — an
 * admin-layer config file with its ward, mode, slot, the portal and a one-time enrollment code —
 * that the Windows installer picks up from beside itself (or `/CONFIG=<file>`), or that
 * `motcua provision --apply <file>` writes to the machine's admin config from a USB stick. On its
 * first start the device registers with the portal using the code.
 */
import fs from 'node:fs';
import path from 'node:path';
import { adminConfigPath, type PlatformInfo } from '../core/config/paths.js';
import { validateLayer } from '../core/config/load.js';
import type { ConfigLayer } from '../core/config/schema.js';
import { AppError } from '../core/errors.js';
import { resourcesDir } from '../paths.js';
import { newPin, newSetupCode, normalizeSetupCode } from '../core/device/admin.js';
import { hashPassword } from '../core/staff/password.js';

export const BUNDLE_FILE = 'motcua-config.json';
/** The port the queue desk serves the office LAN on (kiosks' queue.url points to it). */
export const QUEUE_DESK_PORT = 4871;

export interface ProvisionOptions {
  ward: string;
  mode: 'kiosk' | 'staff';
  portal: string;
  out: string;
  count: number;
  firstSlot: number;
  /** Given: used as is (one device). Otherwise each device's code is asked of the portal with the admin token. */
  enrollmentCode?: string;
  adminToken?: string;
  updatesUrl?: string;
  channel?: 'stable' | 'pilot';
  /** For kiosks: the queue desk that issues tickets. */
  queueUrl?: string;
  /** For desks: the counter names, "Quầy 1", "Quầy 2"… follow the slot. */
  counterPrefix?: string;
  /** For the queue desk: its LAN address, where kiosks take tickets and the waiting room's /display reads. */
  webHost?: string;
}

export interface ProvisionedDevice {
  slot: string;
  file: string;
  enrollmentCode: string;
  /** A kiosk's admin PIN (eight digits); only its hash is in the bundle. */
  pin?: string;
  /** A desk's one-time first-run setup code; only its hash is in the bundle. */
  setupCode?: string;
}

/** The printed device sheets, one file for the whole run: kept by the IT admin, never copied with a bundle. */
export const SHEETS_FILE = 'device-sheets.txt';

const invalid = (vi: string, en: string, field?: string) => new AppError('validation', { vi, en }, { field });

/** The ward's name from the 2025 list of administrative units (resources/admin-units/wards.csv). */
export function wardName(code: string): string | null {
  const csv = fs.readFileSync(path.join(resourcesDir, 'admin-units', 'wards.csv'), 'utf8');
  for (const line of csv.split('\n')) {
    if (!line.startsWith(`${code},`)) continue;
    const full = /^[^,]+,"[^"]*","([^"]*)"/.exec(line)?.[1];
    return full ? full.split(',')[0]!.trim() : null;
  }
  return null;
}

async function enrollmentFromPortal(portal: string, token: string, ward: string, mode: string): Promise<string> {
  let res: Response;
  try {
    res = await fetch(new URL('/v1/admin/enrollments', portal), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ wardCode: ward, mode }),
      signal: AbortSignal.timeout(10_000),
    });
  } catch {
    throw invalid(`Không kết nối được cổng dịch vụ công ${portal}.`, `Cannot reach the portal at ${portal}.`, 'portal');
  }
  if (res.status === 401 || res.status === 403) throw invalid('Cổng từ chối mã quản trị (admin token).', 'The portal refused the admin token.', 'admin-token');
  const body = (await res.json().catch(() => null)) as { enrollmentCode?: string } | null;
  if (!res.ok || !body?.enrollmentCode) throw invalid(`Cổng trả lỗi ${res.status} khi tạo mã đăng ký.`, `The portal answered ${res.status} when asked for an enrollment code.`, 'portal');
  return body.enrollmentCode;
}

export async function provision(o: ProvisionOptions): Promise<ProvisionedDevice[]> {
  const name = wardName(o.ward);
  if (!name) throw invalid(`Không có phường/xã mã ${o.ward} trong danh mục đơn vị hành chính 2025.`, `There is no ward ${o.ward} in the 2025 administrative units.`, 'ward');
  if (o.count < 1 || o.count > 200) throw invalid('Số thiết bị phải từ 1 đến 200.', 'The device count must be 1 to 200.', 'count');
  if (o.webHost && (o.mode !== 'staff' || o.count > 1)) {
    throw invalid('--web-host là địa chỉ mạng LAN của một quầy (quầy giữ hàng chờ).', '--web-host is the LAN address of one desk (the queue desk).', 'web-host');
  }
  if (o.enrollmentCode && o.count > 1) throw invalid('Mỗi thiết bị cần mã đăng ký riêng: bỏ --enrollment-code khi tạo nhiều thiết bị.', 'Each device needs its own enrollment code: drop --enrollment-code for several devices.', 'enrollment-code');
  if (!o.enrollmentCode && !o.adminToken) {
    throw invalid(
      'Cần mã đăng ký (--enrollment-code) hoặc mã quản trị cổng (--admin-token hay biến MOTCUA_PORTAL_ADMIN_TOKEN) để cổng cấp mã.',
      'Give an enrollment code (--enrollment-code) or the portal admin token (--admin-token or MOTCUA_PORTAL_ADMIN_TOKEN) so the portal issues codes.',
      'admin-token',
    );
  }
  const letter = o.mode === 'kiosk' ? 'K' : 'Q';
  const devices: ProvisionedDevice[] = [];
  for (let i = 0; i < o.count; i++) {
    const n = o.firstSlot + i;
    const slot = `${letter}${String(n).padStart(2, '0')}`;
    const enrollmentCode = o.enrollmentCode ?? (await enrollmentFromPortal(o.portal, o.adminToken!, o.ward, o.mode));
    // Each device's own secret: a kiosk's admin PIN, a desk's first-run setup code. The bundle (which
    // travels on a USB stick and becomes a world-readable admin file) carries only their hashes.
    const pin = o.mode === 'kiosk' ? newPin() : undefined;
    const setupCode = o.mode === 'staff' ? newSetupCode() : undefined;
    const layer: ConfigLayer = {
      mode: o.mode,
      ward: { code: o.ward, name },
      portal: { url: o.portal, enrollmentCode },
      // The dossier code carries the slot without its letter: the letter comes from the mode.
      device: { slot: String(n).padStart(2, '0') },
      ...(o.updatesUrl ? { updates: { url: o.updatesUrl, channel: o.channel ?? 'stable' } } : {}),
      ...(o.mode === 'kiosk' && o.queueUrl ? { queue: { url: o.queueUrl } } : {}),
      ...(pin ? { kiosk: { adminPinHash: await hashPassword(pin) } } : {}),
      ...(setupCode ? { desk: { counter: `${o.counterPrefix ?? 'Quầy'} ${n}`, setupCodeHash: await hashPassword(normalizeSetupCode(setupCode)) } } : {}),
      ...(o.mode === 'staff' && o.webHost ? { web: { host: o.webHost, port: QUEUE_DESK_PORT } } : {}),
      locked: [
        'mode',
        'ward.code',
        'ward.name',
        'portal.url',
        'device.slot',
        ...(pin ? ['kiosk.adminPinHash', 'kiosk.adminPin'] : []),
        ...(setupCode ? ['desk.setupCodeHash'] : []),
        ...(o.updatesUrl ? ['updates.url'] : []),
      ],
    };
    validateLayer(layer, `${o.ward}-${slot}`);
    const dir = path.join(o.out, `${o.ward}-${slot}`);
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, BUNDLE_FILE);
    fs.writeFileSync(file, `${JSON.stringify(layer, null, 2)}\n`, { mode: 0o600 });
    devices.push({ slot, file, enrollmentCode, ...(pin ? { pin } : {}), ...(setupCode ? { setupCode } : {}) });
  }
  writeSheets(path.join(o.out, SHEETS_FILE), o, name, devices);
  return devices;
}

/** Appends one block per device to the sheets file (readable by the IT admin only), to print and keep. */
function writeSheets(file: string, o: ProvisionOptions, wardName: string, devices: ProvisionedDevice[]): void {
  const blocks = devices.map((d) =>
    [
      `=== ${o.ward}-${d.slot} · ${wardName} · ${o.mode === 'kiosk' ? 'Ki-ốt / Kiosk' : 'Quầy / Desk'} ===`,
      `Mã đăng ký với cổng (dùng một lần) / Enrollment code (once): ${d.enrollmentCode}`,
      ...(d.pin ? [`Mã PIN quản trị ki-ốt / Kiosk admin PIN: ${d.pin}`, '  (chạm 5 lần góc trên bên trái rồi nhập PIN để thoát chế độ ki-ốt / five taps top-left, then the PIN, to leave kiosk mode)'] : []),
      ...(d.setupCode ? [`Mã thiết lập lần đầu / First-run setup code: ${d.setupCode}`, '  (tạo tài khoản quản trị quầy đầu tiên; dùng một lần / creates the first desk admin; once)'] : []),
      `Gói cấu hình / Bundle: ${d.file}`,
      '',
    ].join('\n'),
  );
  fs.appendFileSync(file, `${blocks.join('\n')}\n`, { mode: 0o600 });
}

/** Writes a bundle's config as this machine's admin config, after checking it. */
export function applyBundle(bundle: string, platform: PlatformInfo): string {
  const file = fs.existsSync(bundle) && fs.statSync(bundle).isDirectory() ? path.join(bundle, BUNDLE_FILE) : bundle;
  if (!fs.existsSync(file)) throw invalid(`Không tìm thấy ${file}.`, `${file} not found.`, 'apply');
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    throw invalid(`${file} không phải JSON hợp lệ.`, `${file} is not valid JSON.`, 'apply');
  }
  validateLayer(json, file);
  const target = adminConfigPath(platform);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(`${target}.tmp`, `${JSON.stringify(json, null, 2)}\n`, { mode: 0o644 });
  fs.renameSync(`${target}.tmp`, target);
  return target;
}
