/**
 * The reference portal's fleet view for IT admins — kept thin and separate from the API so the
 * production server can take it over: how healthy each device is (pure: `deviceHealth`), the page
 * (`/admin/fleet`, behind the admin's sign-in), the city's monitoring (`/metrics`, Prometheus text
 * format) and alerts when a device turns red (a webhook and an e-mail).
 *
 * A device is listed by ward and slot with its hostname, address and version; a slot that was
 * provisioned and never registered is listed too. Red: not heard from for `silentMinutes`, an outbox
 * whose oldest item has waited `stuckMinutes`, items the portal refused (parked), a damaged outbox,
 * an audit log cut or changed, a database recovered after corruption. Amber: not heard from for
 * `lateMinutes`, or no backup for `backupHours`. The thresholds are the fleet's, set on the page.
 */
import { Gauge, Registry } from 'prom-client';
import nodemailer from 'nodemailer';

export interface FleetRow {
  device_id: string;
  ward_code: string;
  mode: string;
  slot: string | null;
  hostname: string | null;
  last_ip: string | null;
  app_version: string | null;
  revoked: number;
  revoked_reason: string | null;
  last_seen_at: string | null;
  heartbeat: string | null;
}

/** A slot provisioned (an enrollment code made) whose device never registered. */
export interface ExpectedRow {
  ward_code: string;
  mode: string;
  slot: string | null;
  created_at: string;
  expires_at: string | null;
}

export interface FleetThresholds {
  /** Amber after this long without a request. @default 15 */
  lateMinutes: number;
  /** Red after this long without a request. @default 30 */
  silentMinutes: number;
  /** Red when the oldest unsent item has waited this long. @default 30 */
  stuckMinutes: number;
  /** Amber when the last backup is older (for devices that report backups). @default 36 */
  backupHours: number;
}

export const DEFAULT_THRESHOLDS: FleetThresholds = { lateMinutes: 15, silentMinutes: 30, stuckMinutes: 30, backupHours: 36 };

export interface Heartbeat {
  status?: string;
  outboxLength?: number;
  parkedLength?: number;
  oldestPendingAt?: string | null;
  lastSyncAt?: string | null;
  lastBackupAt?: string | null;
  printer?: string;
  freeDiskBytes?: number | null;
  lastError?: string | null;
  appVersion?: string;
  outbox?: 'ok' | 'corrupt';
  auditChain?: 'ok' | 'broken' | 'truncated';
  /** Set by the portal when the head a device reports goes back or changes. */
  auditProblem?: string;
  recovery?: { at: string; salvaged: number; unreadable: number };
  calendarProvisional?: number[];
}

export type Level = 'ok' | 'late' | 'red' | 'revoked';

export interface Health {
  level: Level;
  /** Why, in both languages: what the admin must act on. */
  reasons: string[];
}

const minutes = (from: string | null | undefined, now: Date) => (from ? (now.getTime() - Date.parse(from)) / 60_000 : Infinity);

function ago(iso: string | null | undefined, now: Date): string {
  if (!iso) return 'chưa bao giờ / never';
  const min = Math.round(minutes(iso, now));
  if (min < 60) return `${min} phút trước / ${min} min ago`;
  const h = Math.round(min / 60);
  return h < 48 ? `${h} giờ trước / ${h} h ago` : `${Math.round(h / 24)} ngày trước / ${Math.round(h / 24)} days ago`;
}

/** How one device is doing, by the fleet's thresholds. */
export function deviceHealth(r: FleetRow, now: Date, t: FleetThresholds): Health {
  if (r.revoked) return { level: 'revoked', reasons: [`Đã thu hồi / revoked${r.revoked_reason ? `: ${r.revoked_reason}` : ''}`] };
  const hb = (r.heartbeat ? JSON.parse(r.heartbeat) : {}) as Heartbeat;
  const red: string[] = [];
  const amber: string[] = [];
  const silent = minutes(r.last_seen_at, now);
  if (silent >= t.silentMinutes) red.push(`Mất liên lạc / silent: ${ago(r.last_seen_at, now)}`);
  else if (silent >= t.lateMinutes) amber.push(`Chậm báo / late: ${ago(r.last_seen_at, now)}`);
  if (hb.outbox === 'corrupt') red.push('Hàng đợi gửi hỏng / outbox damaged: chạy motcua doctor / run motcua doctor');
  if (hb.oldestPendingAt && minutes(hb.oldestPendingAt, now) >= t.stuckMinutes) red.push(`Hồ sơ kẹt chưa gửi / outbox stuck: ${hb.outboxLength ?? '?'} mục, cũ nhất / oldest ${ago(hb.oldestPendingAt, now)}`);
  if (hb.parkedLength) red.push(`${hb.parkedLength} mục bị cổng từ chối đang chờ xử lý / parked items wait`);
  if (hb.auditProblem) red.push(`Nhật ký bị cắt hoặc sửa / audit log cut or changed: ${hb.auditProblem}`);
  else if (hb.auditChain && hb.auditChain !== 'ok') red.push(`Nhật ký không toàn vẹn / audit chain ${hb.auditChain}`);
  if (hb.recovery) red.push(`CSDL hỏng đã được thay lúc / database recovered at ${hb.recovery.at}: ${hb.recovery.salvaged} mục chưa gửi được cứu / unsent items salvaged, ${hb.recovery.unreadable} không đọc được / unreadable`);
  if (hb.lastBackupAt !== undefined && minutes(hb.lastBackupAt, now) >= t.backupHours * 60) amber.push(`Sao lưu cũ / backup old: ${ago(hb.lastBackupAt, now)}`);
  if (red.length) return { level: 'red', reasons: [...red, ...amber] };
  if (amber.length) return { level: 'late', reasons: amber };
  return { level: 'ok', reasons: [] };
}

const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const LABEL: Record<Level, string> = { ok: 'Hoạt động / OK', late: 'Cần chú ý / attention', red: 'Cần xử lý / act now', revoked: 'Đã thu hồi / revoked' };
const bySlot = (a: { ward_code: string; slot: string | null }, b: { ward_code: string; slot: string | null }) => a.ward_code.localeCompare(b.ward_code) || (a.slot ?? '~').localeCompare(b.slot ?? '~');

/** The page: devices by ward and slot, the slots expected and never seen, the thresholds (a form). */
export function fleetPage(rows: FleetRow[], expected: ExpectedRow[], now: Date, t: FleetThresholds, csrf: string): string {
  const counts: Record<Level, number> = { ok: 0, late: 0, red: 0, revoked: 0 };
  const body = [...rows]
    .sort(bySlot)
    .map((r) => {
      const hb = (r.heartbeat ? JSON.parse(r.heartbeat) : {}) as Heartbeat;
      const h = deviceHealth(r, now, t);
      counts[h.level]++;
      const disk = typeof hb.freeDiskBytes === 'number' ? `${(hb.freeDiskBytes / 1e9).toFixed(1)} GB` : '—';
      return `<tr class="${h.level}" data-device="${esc(r.device_id)}" data-slot="${esc(r.slot ?? '')}">
  <td>${esc(r.ward_code)}</td><td><b>${esc(r.slot ?? '—')}</b></td><td>${r.mode === 'kiosk' ? 'Ki-ốt' : 'Quầy'}</td>
  <td>${esc(r.hostname ?? '—')}<br><small>${esc(r.last_ip ?? '')}</small><br><small><code>${esc(r.device_id)}</code></small></td>
  <td>${esc(hb.appVersion ?? r.app_version ?? '')}</td><td>${LABEL[h.level]} · ${esc(ago(r.last_seen_at, now))}</td>
  <td>${esc(hb.outboxLength ?? '—')}${hb.oldestPendingAt ? ` (cũ nhất / oldest ${esc(ago(hb.oldestPendingAt, now))})` : ''}${hb.parkedLength ? ` · ${esc(hb.parkedLength)} bị từ chối / parked` : ''}</td>
  <td>${esc(hb.printer || '—')}</td><td>${disk}</td><td>${hb.lastBackupAt !== undefined ? esc(ago(hb.lastBackupAt, now)) : '—'}</td>
  <td>${esc(hb.lastError ?? '')}${hb.calendarProvisional?.length ? ` Lịch nghỉ tạm tính / provisional days off: ${esc(hb.calendarProvisional.join(', '))}` : ''}</td>
  <td class="alerts">${h.reasons.map(esc).join('<br>')}</td>
</tr>`;
    })
    .join('\n');
  const waiting = [...expected]
    .sort(bySlot)
    .map((e) => {
      const expired = e.expires_at !== null && Date.parse(e.expires_at) < now.getTime();
      return `<tr class="expected" data-slot="${esc(e.slot ?? '')}"><td>${esc(e.ward_code)}</td><td><b>${esc(e.slot ?? '—')}</b></td><td>${e.mode === 'kiosk' ? 'Ki-ốt' : 'Quầy'}</td>
  <td colspan="9">Chưa từng kết nối / never seen — mã đăng ký tạo ${esc(ago(e.created_at, now))}${expired ? ', ĐÃ HẾT HẠN: tạo gói mới / EXPIRED: make a new bundle' : e.expires_at ? `, hết hạn / expires ${esc(e.expires_at.slice(0, 10))}` : ''}</td></tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta http-equiv="refresh" content="60">
<title>Thiết bị Một Cửa / Một Cửa fleet</title>
<style>
body{font-family:system-ui,sans-serif;margin:24px;color:#1b1b1b}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ccc;padding:6px 8px;text-align:left;vertical-align:top}
tr.ok td:first-child{border-left:8px solid #146c2e}tr.late td:first-child{border-left:8px solid #b26a00}tr.red td:first-child{border-left:8px solid #b3261e}
tr.red{background:#fdecea}tr.late{background:#fff4d6}tr.expected{color:#555;font-style:italic}tr.revoked{color:#777}
form.inline{display:inline}
</style></head>
<body>
<h1>Thiết bị Một Cửa / Một Cửa fleet</h1>
<form class="inline" method="post" action="/admin/logout"><input type="hidden" name="csrf" value="${esc(csrf)}"><button>Đăng xuất / Sign out</button></form>
<p id="summary">${rows.length} thiết bị / devices: ${counts.ok} hoạt động / OK, ${counts.late} cần chú ý / attention, ${counts.red} cần xử lý / act now, ${counts.revoked} đã thu hồi / revoked; ${expected.length} chưa từng kết nối / never seen.</p>
<table>
<thead><tr><th>Phường / Ward</th><th>Vị trí / Slot</th><th>Loại / Mode</th><th>Máy / Host</th><th>Phiên bản / Version</th><th>Trạng thái / Status</th><th>Hàng chờ gửi / Outbox</th><th>Máy in / Printer</th><th>Đĩa trống / Free disk</th><th>Sao lưu / Backup</th><th>Lỗi gần nhất / Last error</th><th>Cần làm / To act on</th></tr></thead>
<tbody>
${body}
${waiting}
</tbody></table>
<h2>Ngưỡng / Thresholds</h2>
<form id="thresholds" method="post" action="/admin/fleet/thresholds">
<input type="hidden" name="csrf" value="${esc(csrf)}">
<label>Chậm báo sau (phút) / late after (min) <input name="lateMinutes" type="number" min="1" value="${t.lateMinutes}"></label>
<label>Mất liên lạc sau (phút) / silent after (min) <input name="silentMinutes" type="number" min="1" value="${t.silentMinutes}"></label>
<label>Hồ sơ kẹt sau (phút) / outbox stuck after (min) <input name="stuckMinutes" type="number" min="1" value="${t.stuckMinutes}"></label>
<label>Sao lưu cũ sau (giờ) / backup old after (h) <input name="backupHours" type="number" min="1" value="${t.backupHours}"></label>
<button>Lưu / Save</button>
</form>
</body></html>`;
}

export function loginPage(error?: string): string {
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Đăng nhập quản trị / Admin sign-in</title>
<style>body{font-family:system-ui,sans-serif;margin:48px;max-width:480px}label,input,button{display:block;margin:8px 0;font-size:1rem}input{width:100%;padding:8px}</style></head>
<body><h1>Thiết bị Một Cửa / Một Cửa fleet</h1>
${error ? `<p role="alert">${esc(error)}</p>` : ''}
<form method="post" action="/admin/login">
<label for="token">Mã quản trị cổng / Portal admin token</label>
<input id="token" name="token" type="password" autocomplete="current-password" required>
<button>Đăng nhập / Sign in</button>
</form></body></html>`;
}

/** The fleet as Prometheus gauges (text format 0.0.4), one registry per scrape. */
export async function fleetMetrics(rows: FleetRow[], expected: ExpectedRow[], now: Date, t: FleetThresholds): Promise<{ contentType: string; text: string }> {
  const registry = new Registry();
  const labels = ['ward', 'slot', 'mode', 'hostname'] as const;
  const up = new Gauge({ name: 'motcua_device_up', help: '1 when the device was heard from within the fleet’s silent threshold', labelNames: labels, registers: [registry] });
  const level = new Gauge({ name: 'motcua_device_health', help: 'Device health: 0 ok, 1 attention, 2 act now', labelNames: labels, registers: [registry] });
  const seen = new Gauge({ name: 'motcua_device_last_seen_seconds', help: 'Seconds since the device’s last request', labelNames: labels, registers: [registry] });
  const pending = new Gauge({ name: 'motcua_device_outbox_pending', help: 'Items waiting in the device’s outbox', labelNames: labels, registers: [registry] });
  const parked = new Gauge({ name: 'motcua_device_outbox_parked', help: 'Items the portal refused, waiting for an admin', labelNames: labels, registers: [registry] });
  const oldest = new Gauge({ name: 'motcua_device_outbox_oldest_seconds', help: 'Age of the oldest unsent item', labelNames: labels, registers: [registry] });
  const never = new Gauge({ name: 'motcua_expected_devices_never_seen', help: 'Slots provisioned whose device never registered', labelNames: ['ward'], registers: [registry] });
  for (const r of rows) {
    if (r.revoked) continue;
    const l = { ward: r.ward_code, slot: r.slot ?? '', mode: r.mode, hostname: r.hostname ?? '' };
    const hb = (r.heartbeat ? JSON.parse(r.heartbeat) : {}) as Heartbeat;
    const h = deviceHealth(r, now, t);
    const since = r.last_seen_at ? (now.getTime() - Date.parse(r.last_seen_at)) / 1000 : NaN;
    up.set(l, since < t.silentMinutes * 60 ? 1 : 0);
    level.set(l, h.level === 'red' ? 2 : h.level === 'late' ? 1 : 0);
    if (!Number.isNaN(since)) seen.set(l, Math.round(since));
    pending.set(l, hb.outboxLength ?? 0);
    parked.set(l, hb.parkedLength ?? 0);
    oldest.set(l, hb.oldestPendingAt ? Math.round((now.getTime() - Date.parse(hb.oldestPendingAt)) / 1000) : 0);
  }
  const wards = new Map<string, number>();
  for (const e of expected) wards.set(e.ward_code, (wards.get(e.ward_code) ?? 0) + 1);
  for (const [ward, n] of wards) never.set({ ward }, n);
  return { contentType: registry.contentType, text: await registry.metrics() };
}

export interface AlertSettings {
  /** POSTed a JSON body for every alert. */
  webhookUrl?: string;
  /** An e-mail for every alert, through this SMTP server. */
  email?: { host: string; port: number; secure?: boolean; from: string; to: string[]; auth?: { user: string; pass: string } };
}

export interface Alert {
  kind: 'red' | 'recovered';
  deviceId: string;
  wardCode: string;
  slot: string | null;
  hostname: string | null;
  reasons: string[];
  at: string;
}

/** Sends each alert to the webhook and by e-mail; a failed channel is logged, the other still goes. */
export function createAlerter(settings: AlertSettings, log: (msg: string) => void = () => undefined) {
  const mailer = settings.email
    ? nodemailer.createTransport({ host: settings.email.host, port: settings.email.port, secure: settings.email.secure ?? false, ...(settings.email.auth ? { auth: settings.email.auth } : {}), ignoreTLS: !settings.email.secure && !settings.email.auth })
    : null;
  return {
    async send(a: Alert): Promise<void> {
      const title = a.kind === 'red' ? `[Một Cửa] ${a.wardCode}-${a.slot ?? a.deviceId} cần xử lý / needs action` : `[Một Cửa] ${a.wardCode}-${a.slot ?? a.deviceId} đã ổn / recovered`;
      const jobs: Promise<unknown>[] = [];
      if (settings.webhookUrl) {
        jobs.push(
          fetch(settings.webhookUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ title, ...a }), signal: AbortSignal.timeout(10_000) }).then(async (res) => {
            await res.body?.cancel();
            if (!res.ok) throw new Error(`webhook answered ${res.status}`);
          }),
        );
      }
      if (mailer && settings.email) {
        jobs.push(mailer.sendMail({ from: settings.email.from, to: settings.email.to, subject: title, text: [`${a.wardCode} ${a.slot ?? ''} ${a.hostname ?? ''} (${a.deviceId})`, `${a.at}`, '', ...a.reasons].join('\n') }));
      }
      for (const r of await Promise.allSettled(jobs)) if (r.status === 'rejected') log(`alert not sent: ${(r.reason as Error).message}`);
    },
    close: () => mailer?.close(),
  };
}
