/**
 * The reference portal's fleet page for IT admins (/admin/fleet): every device's last heartbeat —
 * when, version, ward, mode, outbox, printer, disk, last error — coloured by how long ago it was.
 */
export interface FleetRow {
  device_id: string;
  ward_code: string;
  mode: string;
  app_version: string | null;
  revoked: number;
  last_seen_at: string | null;
  heartbeat: string | null;
}

interface Heartbeat {
  status?: string;
  outboxLength?: number;
  parkedLength?: number;
  lastSyncAt?: string | null;
  printer?: string;
  freeDiskBytes?: number | null;
  lastError?: string | null;
  appVersion?: string;
  auditChain?: 'ok' | 'broken' | 'truncated';
  /** Set by the portal when the head a device reports goes back or changes. */
  auditProblem?: string;
  recovery?: { at: string; salvaged: number; unreadable: number };
  calendarProvisional?: number[];
}

/** What the IT admin must act on: an audit log cut or changed, a database recovered after corruption. */
function alerts(hb: Heartbeat): string[] {
  const out: string[] = [];
  if (hb.auditProblem) out.push(`Nhật ký bị cắt hoặc sửa / audit log cut or changed: ${hb.auditProblem}`);
  else if (hb.auditChain && hb.auditChain !== 'ok') out.push(`Nhật ký không toàn vẹn / audit chain ${hb.auditChain}`);
  if (hb.recovery) out.push(`CSDL hỏng đã được thay lúc / database recovered at ${hb.recovery.at}: ${hb.recovery.salvaged} mục chưa gửi được cứu / unsent items salvaged, ${hb.recovery.unreadable} không đọc được / unreadable`);
  return out;
}

export type Freshness = 'fresh' | 'late' | 'silent';

/** Heard from within 15 minutes (three sync intervals); within 2 hours; or longer ago / never. */
export function freshness(lastSeen: string | null, now: Date): Freshness {
  if (!lastSeen) return 'silent';
  const age = now.getTime() - Date.parse(lastSeen);
  return age <= 15 * 60_000 ? 'fresh' : age <= 2 * 3600_000 ? 'late' : 'silent';
}

const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function ago(iso: string | null, now: Date): string {
  if (!iso) return 'chưa bao giờ / never';
  const min = Math.round((now.getTime() - Date.parse(iso)) / 60_000);
  if (min < 60) return `${min} phút trước / ${min} min ago`;
  const h = Math.round(min / 60);
  return h < 48 ? `${h} giờ trước / ${h} h ago` : `${Math.round(h / 24)} ngày trước / ${Math.round(h / 24)} days ago`;
}

const LABEL: Record<Freshness, string> = { fresh: 'Hoạt động / OK', late: 'Chậm báo / late', silent: 'Mất liên lạc / silent' };

export function fleetPage(rows: FleetRow[], now: Date): string {
  const counts = { fresh: 0, late: 0, silent: 0 };
  const body = rows
    .map((r) => {
      const hb = (r.heartbeat ? JSON.parse(r.heartbeat) : {}) as Heartbeat;
      const f = r.revoked ? 'silent' : freshness(r.last_seen_at, now);
      counts[f]++;
      const disk = typeof hb.freeDiskBytes === 'number' ? `${(hb.freeDiskBytes / 1e9).toFixed(1)} GB` : '—';
      return `<tr class="${f}" data-device="${esc(r.device_id)}">
  <td>${esc(r.ward_code)}</td><td>${r.mode === 'kiosk' ? 'Ki-ốt' : 'Quầy'}</td><td><code>${esc(r.device_id)}</code>${r.revoked ? ' (thu hồi / revoked)' : ''}</td>
  <td>${esc(hb.appVersion ?? r.app_version ?? '')}</td><td>${LABEL[f]} · ${esc(ago(r.last_seen_at, now))}</td>
  <td>${esc(hb.outboxLength ?? '—')}${hb.parkedLength ? ` (${esc(hb.parkedLength)} bị từ chối / parked)` : ''}</td>
  <td>${esc(hb.printer || '—')}</td><td>${disk}</td><td>${esc(hb.lastError ?? '')}${hb.calendarProvisional?.length ? ` Lịch nghỉ tạm tính / provisional days off: ${esc(hb.calendarProvisional.join(', '))}` : ''}</td><td class="alerts">${alerts(hb).map(esc).join('<br>')}</td>
</tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta http-equiv="refresh" content="60">
<title>Thiết bị Một Cửa / Một Cửa fleet</title>
<style>
body{font-family:system-ui,sans-serif;margin:24px;color:#1b1b1b}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ccc;padding:6px 8px;text-align:left;vertical-align:top}
tr.fresh td:first-child{border-left:8px solid #146c2e}tr.late td:first-child{border-left:8px solid #b26a00}tr.silent td:first-child{border-left:8px solid #b3261e}
tr.silent{background:#fdecea}tr.late{background:#fff4d6}
</style></head>
<body>
<h1>Thiết bị Một Cửa / Một Cửa fleet</h1>
<p id="summary">${rows.length} thiết bị / devices: ${counts.fresh} hoạt động / OK, ${counts.late} chậm báo / late, ${counts.silent} mất liên lạc / silent.</p>
<table>
<thead><tr><th>Phường / Ward</th><th>Loại / Mode</th><th>Thiết bị / Device</th><th>Phiên bản / Version</th><th>Lần cuối / Last seen</th><th>Hàng chờ gửi / Outbox</th><th>Máy in / Printer</th><th>Đĩa trống / Free disk</th><th>Lỗi gần nhất / Last error</th><th>Cảnh báo / Alerts</th></tr></thead>
<tbody>
${body}
</tbody></table>
</body></html>`;
}
