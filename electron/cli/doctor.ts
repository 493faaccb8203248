/**
 * `motcua doctor`: what an IT admin needs to know about a device, read without changing anything — the
 * database is opened read-only and never created or migrated, the device file is read and never made,
 * no log file is started. A machine where the app never ran says so plainly.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { leafKeys } from '../core/config/schema.js';
import type { LoadedConfig } from '../core/config/load.js';
import { DB_FILE } from '../core/index.js';
import { latestVersion } from '../core/db/migrations/index.js';
import { readDeviceFile, deviceDir, type RecoveryRecord } from '../core/device/store.js';
import { checkOutbox, counts } from '../core/sync/outbox.js';
import { calendarWarnings } from '../core/calendar/store.js';
import { inspectChain } from '../core/staff/audit.js';
import { createNetwork, problemText, type Network } from '../core/net.js';
import { lastBackup } from '../core/backup.js';
import type { Bilingual } from '../core/errors.js';

export interface DoctorReport {
  app: { version: string; hostname: string };
  config: { key: string; value: unknown; layer: string; origin: string }[];
  layers: LoadedConfig['layers'];
  lockedOverrides: LoadedConfig['lockedOverrides'];
  dataDir: { path: string; exists: boolean; mode: string | null; problem: Bilingual | null };
  /** `state`: missing (the app never started with this data dir), ok, older (upgraded at the next start), newer (from a newer app), unreadable. */
  database: { file: string; state: 'missing' | 'ok' | 'older' | 'newer' | 'unreadable'; version: number | null; expected: number; sizeBytes: number; detail: string | null };
  logFile: string;
  portal: { url: string; reachable: boolean | null; detail: string; proxy: string | null; skewSeconds: number | null; problem: Bilingual | null };
  queueDesk: { url: string; reachable: boolean; detail: string } | null;
  sync: { lastSyncAt: string | null };
  /** The outbox's pages checked: a damaged outbox can hold filings that never reach the portal. */
  outbox: { ok: boolean; problems: string[]; pending: number | null; parked: number | null; oldestPendingAt: string | null };
  warnings: { code: string; message: Bilingual; detail?: string }[];
  /** The device file: identity with the portal, and what happened to this device. */
  device: { id: string | null; slot: string; registered: boolean; file: string; recoveries: RecoveryRecord[] };
  /** The device admin's secrets: the kiosk PIN's state, the desk's first-run setup code (for the machine's admin only). */
  admin: { kioskPin: 'hash' | 'plain' | 'none' | null; setupCode: string | null; setupCodeProvisioned: boolean };
  audit: { ok: boolean; head: { seq: number; hash: string } | null; problem: Bilingual | null } | null;
  /** Years whose days off are still provisional, with the admin's message. */
  calendar: { year: number; message: Bilingual }[];
  backup: { dir: string; last: string | null } | null;
}

function valueAt(obj: object, key: string): unknown {
  return key.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);
}

const SECRET_KEYS = new Set(['kiosk.adminPin', 'kiosk.adminPinHash', 'desk.setupCodeHash', 'portal.enrollmentCode']);

/**
 * Probes the portal with a short timeout, through the device's proxy and trusted CAs: reachable or
 * why not ("certificate not trusted: <issuer>", "proxy refused"), and how far this machine's clock is
 * from the portal's (its Date header). An empty URL means the install is offline by design.
 */
export async function probePortal(url: string, network: Network, now: () => Date = () => new Date(), timeoutMs = 5000): Promise<DoctorReport['portal']> {
  if (!url) return { url, reachable: null, detail: 'chưa cấu hình (chạy ngoại tuyến) / not configured (offline)', proxy: null, skewSeconds: null, problem: null };
  const proxy = network.proxyFor(url);
  try {
    const sent = now().getTime();
    const res = await network.fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    const received = now().getTime();
    await res.body?.cancel();
    const date = Date.parse(res.headers.get('date') ?? '');
    // The Date header has whole seconds: the skew is known to about a second, which is what matters.
    const skewSeconds = Number.isNaN(date) ? null : Math.round(((sent + received) / 2 - date) / 1000);
    return { url, reachable: true, detail: `HTTP ${res.status}`, proxy, skewSeconds, problem: null };
  } catch (err) {
    const p = await network.describe(err, url);
    const problem = problemText(p, { vi: 'cổng dịch vụ công', en: 'the portal' });
    return { url, reachable: false, detail: problem.en, proxy, skewSeconds: null, problem };
  }
}

async function probeQueueDesk(url: string): Promise<DoctorReport['queueDesk']> {
  if (!url) return null;
  try {
    const res = await fetch(new URL('/api/health', url), { signal: AbortSignal.timeout(3000) });
    await res.body?.cancel();
    return { url, reachable: res.ok, detail: `HTTP ${res.status}` };
  } catch (err) {
    return { url, reachable: false, detail: ((err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message) || 'fetch failed' };
  }
}

function dataDirState(dir: string): DoctorReport['dataDir'] {
  let st: fs.Stats;
  try {
    st = fs.statSync(dir);
  } catch {
    return { path: dir, exists: false, mode: null, problem: null };
  }
  const mode = (st.mode & 0o7777).toString(8).padStart(4, '0');
  // Whoever is not the app's account or group must not read dossiers, scans or the device's keys.
  const open = process.platform !== 'win32' && (st.mode & 0o007) !== 0;
  return {
    path: dir,
    exists: true,
    mode,
    problem: open
      ? { vi: `Thư mục dữ liệu ai cũng đọc được (quyền ${mode}): chạy chmod o-rwx ${dir}.`, en: `The data dir is readable by anyone (mode ${mode}): run chmod o-rwx ${dir}.` }
      : null,
  };
}

/** Everything doctor reports; reads only. `version` is this app's. */
export async function doctor(loaded: LoadedConfig, o: { version: string; systemProxy?: string | null; now?: () => Date }): Promise<DoctorReport> {
  const { config } = loaded;
  const now = o.now ?? (() => new Date());
  const dbFile = path.join(config.dataDir, DB_FILE);
  const secrets = readDeviceFile(config.dataDir);
  const slot = `${config.mode === 'kiosk' ? 'K' : 'Q'}${config.device.slot}`;
  const warnings: DoctorReport['warnings'] = [];
  let network: Network | null = null;
  let portal: DoctorReport['portal'];
  try {
    network = createNetwork({ proxy: config.network.proxy, caFile: config.network.caFile, systemProxy: o.systemProxy });
    portal = await probePortal(config.portal.url, network, now);
  } catch (err) {
    const message = (err as { messages?: Bilingual }).messages ?? { vi: (err as Error).message, en: (err as Error).message };
    portal = { url: config.portal.url, reachable: false, detail: message.en, proxy: null, skewSeconds: null, problem: message };
  } finally {
    await network?.close();
  }
  if (portal.skewSeconds !== null && Math.abs(portal.skewSeconds) >= 60) {
    warnings.push({
      code: 'clock_skew',
      message: {
        vi: `Đồng hồ máy lệch ${portal.skewSeconds} giây so với cổng: giờ tiếp nhận và ngày hẹn sẽ sai. Bật đồng bộ giờ (NTP).`,
        en: `This machine's clock is ${portal.skewSeconds} s off the portal's: receipt times and appointments will be wrong. Turn on time sync (NTP).`,
      },
    });
  }
  for (const f of fs.existsSync(config.dataDir) ? fs.readdirSync(config.dataDir) : []) {
    if (/^motcua\.db\.corrupt-[^.]+$/.test(f) || /^motcua\.db\.corrupt-.*[^lm]$/.test(f)) {
      if (f.endsWith('-wal') || f.endsWith('-shm')) continue;
      warnings.push({ code: 'db_corrupt_moved', message: { vi: 'Một tệp dữ liệu hỏng đã được chuyển sang một bên (không xóa).', en: 'A corrupt data file was moved aside (not deleted).' }, detail: path.join(config.dataDir, f) });
    }
  }

  const report: DoctorReport = {
    app: { version: o.version, hostname: os.hostname() },
    config: leafKeys(config).map((key) => ({
      key,
      value: SECRET_KEYS.has(key) ? '••••' : valueAt(config, key),
      layer: loaded.sources[key]?.layer ?? 'default',
      origin: loaded.sources[key]?.origin ?? 'built-in',
    })),
    layers: loaded.layers,
    lockedOverrides: loaded.lockedOverrides,
    dataDir: dataDirState(config.dataDir),
    database: { file: dbFile, state: 'missing', version: null, expected: latestVersion, sizeBytes: 0, detail: null },
    logFile: path.join(config.dataDir, 'logs', 'motcua.log'),
    portal,
    queueDesk: await probeQueueDesk(config.queue.url),
    sync: { lastSyncAt: null },
    outbox: { ok: true, problems: [], pending: null, parked: null, oldestPendingAt: null },
    warnings,
    device: { id: secrets?.deviceId ?? null, slot, registered: !!secrets?.deviceToken, file: path.join(deviceDir(config.dataDir), 'device.json'), recoveries: secrets?.recoveries ?? [] },
    admin: {
      kioskPin: config.mode === 'kiosk' ? (config.kiosk.adminPinHash ? 'hash' : config.kiosk.adminPin ? 'plain' : 'none') : null,
      setupCode: config.mode === 'staff' ? (secrets?.setupCode ?? null) : null,
      setupCodeProvisioned: config.mode === 'staff' && config.desk.setupCodeHash !== '',
    },
    audit: null,
    calendar: [],
    backup: config.backup.dir ? { dir: config.backup.dir, last: lastBackup(config.backup.dir) } : null,
  };
  if (!fs.existsSync(dbFile)) return report;

  const size = ['', '-wal'].reduce((n, s) => n + (fs.existsSync(dbFile + s) ? fs.statSync(dbFile + s).size : 0), 0);
  report.database.sizeBytes = size;
  let db: Database.Database | null = null;
  try {
    // Read-only: no migration, no journal mode change, nothing written to the file.
    db = new Database(dbFile, { readonly: true, fileMustExist: true, timeout: 5000 });
    const version = db.pragma('user_version', { simple: true }) as number;
    report.database.version = version;
    report.database.state = version === latestVersion ? 'ok' : version < latestVersion ? 'older' : 'newer';
    if (version > latestVersion) return report;
    const setting = (key: string) => {
      try {
        return db!.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?').get(key)?.value ?? null;
      } catch {
        return null;
      }
    };
    report.sync.lastSyncAt = setting('sync.lastSyncAt');
    const check = checkOutbox(db);
    try {
      const c = counts(db);
      const oldest = db.prepare<[], { at: string | null }>("SELECT min(created_at) AS at FROM outbox WHERE state = 'pending'").get()?.at ?? null;
      report.outbox = { ok: check.ok, problems: check.problems.slice(0, 20), pending: c.pending, parked: c.parked, oldestPendingAt: oldest };
    } catch (err) {
      report.outbox = { ok: false, problems: [...check.problems, (err as Error).message].slice(0, 20), pending: null, parked: null, oldestPendingAt: null };
    }
    if (secrets) {
      try {
        report.audit = inspectChain(db, secrets);
      } catch (err) {
        report.audit = { ok: false, head: null, problem: { vi: `Không đọc được nhật ký: ${(err as Error).message}`, en: `The audit log cannot be read: ${(err as Error).message}` } };
      }
    }
    try {
      report.calendar = calendarWarnings(db, now());
    } catch {
      // a database from before the calendar: nothing to warn of
    }
  } catch (err) {
    report.database.state = 'unreadable';
    report.database.detail = (err as Error).message;
  } finally {
    db?.close();
  }
  return report;
}

const DB_STATE: Record<DoctorReport['database']['state'], string> = {
  missing: 'CHƯA CÓ — ứng dụng chưa chạy trên máy này với thư mục dữ liệu này / NONE YET — the app has not run on this machine with this data dir',
  ok: 'tốt / ok',
  older: 'phiên bản cũ, sẽ được nâng cấp khi ứng dụng khởi động / older, upgraded when the app starts',
  newer: 'do phiên bản ứng dụng MỚI HƠN tạo, hãy cập nhật ứng dụng / written by a NEWER app: update the app',
  unreadable: 'KHÔNG ĐỌC ĐƯỢC / UNREADABLE',
};

export function formatDoctor(r: DoctorReport): string {
  const lines = [`Một Cửa ${r.app.version} trên máy / on ${r.app.hostname}`, 'Cấu hình / Configuration (khóa = giá trị  ← nguồn):'];
  for (const c of r.config) lines.push(`  ${c.key} = ${JSON.stringify(c.value)}  ← ${c.layer} (${c.origin})`);
  lines.push('Các lớp / Layers:');
  for (const l of r.layers) lines.push(`  ${l.layer.padEnd(8)} ${l.present ? 'có    ' : 'không '} ${l.origin}`);
  for (const o of r.lockedOverrides) lines.push(`  ! ${o.key}: bị quản trị viên khóa, bỏ qua giá trị từ ${o.origin} / locked by admin, ignored`);
  lines.push(`Thư mục dữ liệu / Data dir: ${r.dataDir.path}${r.dataDir.exists ? ` (quyền / mode ${r.dataDir.mode})` : ' — chưa có / does not exist yet'}`);
  if (r.dataDir.problem) lines.push(`  ! ${r.dataDir.problem.vi} / ${r.dataDir.problem.en}`);
  const db = r.database;
  lines.push(`Cơ sở dữ liệu / Database: ${db.file} — ${DB_STATE[db.state]}${db.version !== null ? ` (phiên bản/version ${db.version}, ứng dụng/app ${db.expected}, ${(db.sizeBytes / 1024).toFixed(0)} KB)` : ''}${db.detail ? `: ${db.detail}` : ''}`);
  lines.push(`Nhật ký / Log: ${r.logFile}`);
  lines.push(`Thiết bị / Device: ${r.device.slot} · ${r.device.id ?? 'chưa có mã / no id yet'} — ${r.device.registered ? 'đã đăng ký với cổng / registered' : 'chưa đăng ký / not registered'} (${r.device.file})`);
  const reach = r.portal.reachable === null ? '—' : r.portal.reachable ? 'kết nối được / reachable' : 'KHÔNG kết nối được / NOT reachable';
  lines.push(`Cổng dịch vụ công / Portal: ${r.portal.url || '—'} ${reach}${r.portal.proxy ? ` qua proxy / via proxy ${r.portal.proxy}` : ''}`);
  if (r.portal.problem) lines.push(`  ! ${r.portal.problem.vi}`, `    ${r.portal.problem.en}`);
  else if (r.portal.reachable) lines.push(`  ${r.portal.detail}`);
  if (r.portal.skewSeconds !== null) lines.push(`Lệch giờ so với cổng / Clock skew against the portal: ${r.portal.skewSeconds} s`);
  if (r.queueDesk) lines.push(`Quầy giữ hàng chờ / Queue desk: ${r.queueDesk.url} ${r.queueDesk.reachable ? 'kết nối được / reachable' : `KHÔNG kết nối được / NOT reachable (${r.queueDesk.detail})`}`);
  lines.push(`Đồng bộ lần cuối / Last sync: ${r.sync.lastSyncAt ?? 'chưa bao giờ / never'}`);
  if (db.state === 'ok' || db.state === 'older') {
    lines.push(
      r.outbox.ok
        ? `Hàng đợi gửi / Outbox: tốt / ok (chờ gửi / pending ${r.outbox.pending}, giữ lại / parked ${r.outbox.parked}${r.outbox.oldestPendingAt ? `, cũ nhất / oldest ${r.outbox.oldestPendingAt}` : ''})`
        : `Hàng đợi gửi / Outbox: HỎNG — có thể còn hồ sơ chưa gửi; sao lưu motcua.db trước khi sửa / DAMAGED — unsent filings may be stuck; back up motcua.db before repairing: ${r.outbox.problems.slice(0, 3).join('; ')}`,
    );
  }
  for (const c of r.calendar) lines.push(`Cảnh báo lịch nghỉ / Calendar warning: ${c.message.vi} / ${c.message.en}`);
  for (const w of r.warnings) lines.push(`Cảnh báo / Warning: ${w.message.vi} / ${w.message.en}${w.detail ? ` [${w.detail}]` : ''}`);
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
  if (r.audit) {
    lines.push(r.audit.ok ? `Nhật ký kiểm tra / Audit log: toàn vẹn đến dòng ${r.audit.head?.seq ?? 0} / intact to row ${r.audit.head?.seq ?? 0}` : `! Nhật ký kiểm tra / Audit log: ${r.audit.problem?.vi ?? ''} / ${r.audit.problem?.en ?? ''}`);
  }
  if (r.backup) lines.push(`Sao lưu / Backup: ${r.backup.dir} — lần cuối / last ${r.backup.last ?? 'chưa có / none yet'}`);
  return lines.join('\n');
}
