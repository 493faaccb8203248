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
import { loadConfig, readLayerFile, validateLayer } from '../core/config/load.js';
import { leafKeys, type ConfigLayer } from '../core/config/schema.js';
import { AppError } from '../core/errors.js';
import { newPin, newSetupCode, normalizeSetupCode } from '../core/device/admin.js';
import { readDeviceFile } from '../core/device/store.js';
import { hashPassword } from '../core/staff/password.js';
import { createNetwork } from '../core/net.js';
import { formatVnDateTime } from '../core/time.js';
import type { Ward } from './wards.js';

export const BUNDLE_FILE = 'motcua-config.json';
/** The port the queue desk serves the office LAN on (kiosks' queue.url points to it). */
export const QUEUE_DESK_PORT = 4871;

export interface ProvisionOptions {
  /** The ward, as the admin confirmed it (code, full name, province). */
  ward: Ward;
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
  /** The queue desk's port on the LAN. @default 4871 */
  webPort?: number;
  /** Days each enrollment code stays valid. @default 14 */
  expiresDays?: number;
  /** The bundles replace the devices that hold these slots now (revoked when the new ones register). */
  replace?: boolean;
  /** Proxy and CA for reaching the portal from this workstation (`network.*` of the workstation's config). */
  network?: { proxy: string; caFile: string };
}

export interface ProvisionedDevice {
  slot: string;
  file: string;
  enrollmentCode: string;
  /** A kiosk's admin PIN (eight digits); only its hash is in the bundle. */
  pin?: string;
  /** A desk's one-time first-run setup code; only its hash is in the bundle. */
  setupCode?: string;
  /** When the enrollment code stops working (ISO), when the portal said. */
  expiresAt?: string;
}

/**
 * Keys every provisioned device has locked besides those its bundle sets: whoever sits at the device
 * must not point it at another portal, proxy, CA or queue, nor change its PIN, idle reset or update
 * channel. (`dataDir` stays open to the machine's admin's `--data-dir`; its default is per machine.)
 */
export const ALWAYS_LOCKED = ['mode', 'ward', 'portal', 'device', 'network', 'updates', 'backup', 'web', 'queue.url', 'kiosk.idleSeconds', 'kiosk.adminPin', 'kiosk.adminPinHash', 'desk.setupCodeHash'];

/** The printed device sheets, one file for the whole run: kept by the IT admin, never copied with a bundle. */
export const SHEETS_FILE = 'device-sheets.txt';

const invalid = (vi: string, en: string, field?: string) => new AppError('validation', { vi, en }, { field });

/**
 * One enrollment code from the portal, bound to the ward, the mode and the slot, valid `expiresDays`;
 * `replace` makes it a replacement's (the slot's current device is revoked when it registers).
 */
async function enrollmentFromPortal(o: ProvisionOptions, slot: string): Promise<{ code: string; expiresAt?: string }> {
  const network = createNetwork({ proxy: o.network?.proxy ?? '', caFile: o.network?.caFile ?? '' });
  let res: Response;
  try {
    res = await network.fetch(new URL('/v1/admin/enrollments', o.portal), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${o.adminToken!}` },
      body: JSON.stringify({ wardCode: o.ward.code, mode: o.mode, slot, expiresInDays: o.expiresDays ?? 14, ...(o.replace ? { replace: true } : {}) }),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (err) {
    const p = await network.describe(err, o.portal);
    throw invalid(
      `Không kết nối được cổng dịch vụ công ${o.portal}: ${p.kind === 'unreachable' ? p.detail : p.kind === 'certificate' ? `chứng chỉ không được tin cậy: ${p.issuer ?? p.code}` : `proxy từ chối: ${p.proxy}`}.`,
      `Cannot reach the portal at ${o.portal}: ${p.kind === 'unreachable' ? p.detail : p.kind === 'certificate' ? `certificate not trusted: ${p.issuer ?? p.code}` : `proxy refused: ${p.proxy}`}.`,
      'portal',
    );
  } finally {
    void network.close();
  }
  if (res.status === 401 || res.status === 403) throw invalid('Cổng từ chối mã quản trị (admin token).', 'The portal refused the admin token.', 'admin-token');
  const body = (await res.json().catch(() => null)) as { enrollmentCode?: string; expiresAt?: string; title?: string } | null;
  if (res.status === 409) {
    throw invalid(
      `Vị trí ${slot} của phường ${o.ward.code} đã có thiết bị đang hoạt động. Nếu đây là máy thay thế, thêm --replace (máy cũ sẽ bị thu hồi khi máy mới đăng ký).`,
      `Slot ${slot} of ward ${o.ward.code} already has an active device. If this is a replacement, add --replace (the old one is revoked when the new one registers).`,
      'replace',
    );
  }
  if (!res.ok || !body?.enrollmentCode) throw invalid(`Cổng trả lỗi ${res.status} khi tạo mã đăng ký${body?.title ? `: ${body.title}` : ''}.`, `The portal answered ${res.status} when asked for an enrollment code${body?.title ? `: ${body.title}` : ''}.`, 'portal');
  return { code: body.enrollmentCode, ...(body.expiresAt ? { expiresAt: body.expiresAt } : {}) };
}

export async function provision(o: ProvisionOptions): Promise<ProvisionedDevice[]> {
  const name = o.ward.name;
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
    const enrollment = o.enrollmentCode ? { code: o.enrollmentCode } : await enrollmentFromPortal(o, slot);
    const enrollmentCode = enrollment.code;
    // Each device's own secret: a kiosk's admin PIN, a desk's first-run setup code. The bundle (which
    // travels on a USB stick and becomes a world-readable admin file) carries only their hashes.
    const pin = o.mode === 'kiosk' ? newPin() : undefined;
    const setupCode = o.mode === 'staff' ? newSetupCode() : undefined;
    const layer: ConfigLayer = {
      mode: o.mode,
      ward: { code: o.ward.code, name },
      portal: { url: o.portal, enrollmentCode },
      // The dossier code carries the slot without its letter: the letter comes from the mode.
      device: { slot: String(n).padStart(2, '0') },
      ...(o.updatesUrl ? { updates: { url: o.updatesUrl, channel: o.channel ?? 'stable' } } : {}),
      // Kiosks take tickets from the queue desk; the other desks call its queue.
      ...(o.queueUrl ? { queue: { url: o.queueUrl } } : {}),
      ...(pin ? { kiosk: { adminPinHash: await hashPassword(pin) } } : {}),
      ...(setupCode ? { desk: { counter: `${o.counterPrefix ?? 'Quầy'} ${n}`, setupCodeHash: await hashPassword(normalizeSetupCode(setupCode)) } } : {}),
      ...(o.mode === 'staff' && o.webHost ? { web: { host: o.webHost, port: o.webPort ?? QUEUE_DESK_PORT } } : {}),
    };
    // Every key the admin set, and the ones nobody at the device may change whether set or not.
    layer.locked = [...new Set([...ALWAYS_LOCKED, ...leafKeys(layer).filter((k) => !ALWAYS_LOCKED.some((l) => k.startsWith(`${l}.`)))])];
    validateLayer(layer, `${o.ward.code}-${slot}`);
    const dir = path.join(o.out, `${o.ward.code}-${slot}`);
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, BUNDLE_FILE);
    fs.writeFileSync(file, `${JSON.stringify(layer, null, 2)}\n`, { mode: 0o600 });
    devices.push({ slot, file, enrollmentCode, ...(enrollment.expiresAt ? { expiresAt: enrollment.expiresAt } : {}), ...(pin ? { pin } : {}), ...(setupCode ? { setupCode } : {}) });
  }
  writeSheets(path.join(o.out, SHEETS_FILE), o, name, devices);
  return devices;
}

/** Appends one block per device to the sheets file (readable by the IT admin only), to print and keep. */
function writeSheets(file: string, o: ProvisionOptions, wardName: string, devices: ProvisionedDevice[]): void {
  const blocks = devices.map((d) =>
    [
      `=== ${o.ward.code}-${d.slot} · ${wardName} · ${o.mode === 'kiosk' ? 'Ki-ốt / Kiosk' : 'Quầy / Desk'}${o.replace ? ' · THAY THẾ / REPLACEMENT' : ''} ===`,
      `Mã đăng ký với cổng (dùng một lần) / Enrollment code (once): ${d.enrollmentCode}${d.expiresAt ? ` — hết hạn / expires ${formatVnDateTime(d.expiresAt)}` : ''}`,
      ...(d.pin ? [`Mã PIN quản trị ki-ốt / Kiosk admin PIN: ${d.pin}`, '  (chạm 5 lần góc trên bên trái rồi nhập PIN để thoát chế độ ki-ốt / five taps top-left, then the PIN, to leave kiosk mode)'] : []),
      ...(d.setupCode ? [`Mã thiết lập lần đầu / First-run setup code: ${d.setupCode}`, '  (tạo tài khoản quản trị quầy đầu tiên; dùng một lần / creates the first desk admin; once)'] : []),
      `Gói cấu hình / Bundle: ${d.file}`,
      '',
    ].join('\n'),
  );
  fs.appendFileSync(file, `${blocks.join('\n')}\n`, { mode: 0o600 });
}

/** A device as its config names it: "00324-K01". */
function identityOf(layer: { mode?: string; ward?: { code?: string }; device?: { slot?: string } }): string {
  return `${layer.ward?.code ?? '?'}-${layer.mode === 'staff' ? 'Q' : 'K'}${layer.device?.slot ?? '01'}`;
}

/**
 * Writes a bundle's config as this machine's admin config, after checking it. A machine registered
 * with the portal as another device (another ward, mode or slot) is refused unless `replace` says so:
 * applying the wrong stick would otherwise silently move its slot.
 */
export function applyBundle(bundle: string, platform: PlatformInfo, o: { replace?: boolean; dataDir?: string } = {}): { target: string; identity: string; previous: string | null } {
  const file = fs.existsSync(bundle) && fs.statSync(bundle).isDirectory() ? path.join(bundle, BUNDLE_FILE) : bundle;
  if (!fs.existsSync(file)) throw invalid(`Không tìm thấy ${file}.`, `${file} not found.`, 'apply');
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    throw invalid(`${file} không phải JSON hợp lệ.`, `${file} is not valid JSON.`, 'apply');
  }
  const layer = validateLayer(json, file);
  const target = adminConfigPath(platform);
  const identity = identityOf(layer);
  let previous: string | null = null;
  try {
    const current = loadConfig({ platform, flags: o.dataDir ? { dataDir: o.dataDir } : undefined });
    const secrets = readDeviceFile(current.config.dataDir);
    if (secrets?.deviceToken && readLayerFile(target) !== undefined) previous = identityOf(current.config);
  } catch {
    // the machine's current config is unreadable: nothing registered can be told apart, the bundle replaces it
  }
  if (previous && previous !== identity && !o.replace) {
    throw new AppError(
      'forbidden',
      {
        vi: `Máy này đã đăng ký với cổng là ${previous}; gói cấu hình này là của ${identity}. Nếu đúng là muốn đổi máy này thành ${identity}, chạy lại với --replace (máy sẽ đăng ký lại bằng mã mới).`,
        en: `This machine is registered with the portal as ${previous}; this bundle is for ${identity}. If you do mean to make it ${identity}, run again with --replace (it registers again with the new code).`,
      },
      { field: 'replace' },
    );
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(`${target}.tmp`, `${JSON.stringify(json, null, 2)}\n`, { mode: 0o644 });
  fs.renameSync(`${target}.tmp`, target);
  return { target, identity, previous };
}
