/**
 * `npm run portal`: the reference city portal on 127.0.0.1, for demos and development.
 *
 *   npm run portal -- [--port 4880] [--data-dir .data/portal] [--ward 00324]
 *   npm run portal -- admin enroll <ward> [kiosk|staff]
 *   npm run portal -- admin announce "<title>" "<body>"
 *   npm run portal -- admin holiday <yyyy-mm-dd> off|workday "<name>"
 *   npm run portal -- admin rename <procedure code> "<new name>"
 *   npm run portal -- admin status <dossier code> <status> ["<note>"]
 *   npm run portal -- admin devices
 *
 * Admin commands talk to the running portal (PORTAL_URL, default http://127.0.0.1:4880) with the
 * admin token it keeps in its data dir.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { catalogDir } from '../../electron/paths.js';
import { startReferencePortal } from './server.js';

const argv = process.argv.slice(2);
const { values, positionals } = parseArgs({
  args: argv,
  options: { port: { type: 'string' }, 'data-dir': { type: 'string' }, ward: { type: 'string' }, json: { type: 'boolean' } },
  allowPositionals: true,
});
const dataDir = path.resolve(values['data-dir'] ?? '.data/portal');
const tokenFile = path.join(dataDir, 'admin-token');

async function admin(cmd: string, args: string[]): Promise<number> {
  const url = process.env.PORTAL_URL ?? `http://127.0.0.1:${values.port ?? 4880}`;
  const token = fs.readFileSync(tokenFile, 'utf8').trim();
  const call = async (method: string, p: string, body?: unknown) => {
    const res = await fetch(url + p, { method, headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    process.stdout.write(`${res.status} ${text}\n`);
    return res.ok ? 0 : 1;
  };
  switch (cmd) {
    case 'enroll':
      return call('POST', '/v1/admin/enrollments', { wardCode: args[0], ...(args[1] ? { mode: args[1] } : {}) });
    case 'announce':
      return call('POST', '/v1/admin/announcements', { title: args[0], body: args[1] });
    case 'holiday':
      return call('POST', '/v1/admin/holidays', { date: args[0], kind: args[1], name: args[2] });
    case 'rename':
      return call('POST', '/v1/admin/procedures', { code: args[0], name: args[1] });
    case 'status':
      return call('POST', `/v1/admin/dossiers/${encodeURIComponent(args[0] ?? '')}/status`, { status: args[1], ...(args[2] ? { note: args[2] } : {}) });
    case 'devices':
      return call('GET', '/v1/admin/devices');
    default:
      process.stderr.write('Lệnh quản trị / admin commands: enroll, announce, holiday, rename, status, devices\n');
      return 2;
  }
}

if (positionals[0] === 'admin') {
  process.exitCode = await admin(positionals[1] ?? '', positionals.slice(2));
} else {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (!fs.existsSync(tokenFile)) fs.writeFileSync(tokenFile, crypto.randomBytes(16).toString('hex'), { mode: 0o600 });
  const portal = await startReferencePortal({ dataDir, catalogDir, adminToken: fs.readFileSync(tokenFile, 'utf8').trim(), port: Number(values.port ?? 4880) });
  const ward = values.ward ?? '00324';
  const kiosk = portal.createEnrollment(ward, 'kiosk');
  const staff = portal.createEnrollment(ward, 'staff');
  if (values.json) process.stdout.write(`${JSON.stringify({ url: portal.url, ward, enrollment: { kiosk, staff } })}\n`);
  else {
    process.stdout.write(
      [
        `Cổng dịch vụ công tham chiếu / reference portal: ${portal.url}`,
        `Mã đăng ký thiết bị (phường ${ward}) / enrollment codes: ki-ốt ${kiosk}, quầy ${staff}`,
        `Quản trị / admin: npm run portal -- admin announce "Tiêu đề" "Nội dung"`,
        `Thiết bị / fleet: ${portal.url}/admin/fleet (đăng nhập bằng mã quản trị / sign in with the admin token in ${tokenFile})`,
      ].join('\n') + '\n',
    );
  }
  const stop = () => void portal.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
