#!/usr/bin/env node
/** `motcua` — the command line for IT admins and scripts. */
import path from 'node:path';
import { AppError, type ErrorPayload } from '../core/errors.js';
import type { Caller, SearchResult, SyncReport, SyncStatus } from '../contract.js';
import { importCatalog } from '../core/catalog/importer.js';
import { systemClock } from '../core/clock.js';
import { startCoreHost } from '../host/client.js';
import type { CoreHost } from '../host/protocol.js';
import { formatDay, parseVn, vnLocalIso } from '../core/time.js';
import { catalogDir, rendererDir } from '../paths.js';
import { startWebHost } from '../web/server.js';
import { flagsLayer, parse } from './args.js';
import { formatDoctor } from './doctor.js';
import fs from 'node:fs';
import { adminConfigPath } from '../core/config/paths.js';
import { applyBundle, provision, SHEETS_FILE } from './provision.js';
import { currentPlatform, readLayerFile } from '../core/config/load.js';

const HELP = `Một Cửa — dòng lệnh / command line

Cách dùng / Usage: motcua <lệnh/command> [tùy chọn/options]

  web [--port N] [--host H] [--data-dir D] [--config F]
        Chạy ứng dụng qua web host (in ra địa chỉ) / serve the app over HTTP and print its URL.
        --host mặc định 127.0.0.1. Đặt địa chỉ LAN chỉ khi cần máy trạm mỏng: ai trong mạng
        cũng mở được giao diện. / Defaults to loopback; a LAN address exposes the UI to the network.
  doctor [--json] [--data-dir D] [--config F]
        Chẩn đoán: nguồn của từng khóa cấu hình, thư mục dữ liệu, cơ sở dữ liệu, cổng dịch vụ công.
        Diagnostics: where each config key came from, data dir, database, portal reachability.
  config check <file>
        Kiểm tra một tệp cấu hình / validate a config file.
  catalog import <procedures.jsonl> [--laws <dir>] [--out <dir>]
        Nhập danh mục thủ tục từ bản xuất của Cổng DVCQG (mặc định ghi vào resources/catalog).
        Import the national portal's procedure export (and the law code) into a catalog snapshot.
  search "<câu tìm>" [--limit N] [--json]
        Tìm thủ tục như người dân gõ / search procedures as a resident types.
  calendar due --from <date-time> (--working-days N | --days N | --months N | --years N) [--json]
        Hạn trả kết quả theo ngày làm việc (giờ hành chính, ngày nghỉ, ngày làm bù).
        The due date and time by the working-time calendar, to check the holiday table.
  sync [--json]
        Đồng bộ một lượt với cổng dịch vụ công và in những gì đã gửi/nhận.
        Run one sync cycle with the city portal and print what moved.
  provision --ward <mã> --mode kiosk|staff --portal <url> [--count N] [--first-slot N] [--out <dir>]
            [--admin-token T | --enrollment-code C] [--updates-url URL] [--channel stable|pilot] [--queue-url URL]
            [--web-host <LAN IP>]  (quầy giữ hàng chờ / the queue desk, served on port 4871)
        Tạo gói cấu hình cho từng thiết bị (mã đăng ký riêng, khóa các khóa quản trị); bộ cài đặt
        đọc tệp motcua-config.json đặt cạnh nó. / Make a config bundle per device for the installer.
  provision --apply <gói/bundle>
        Ghi gói cấu hình thành cấu hình quản trị của máy này (cần quyền quản trị).
        Write a bundle as this machine's admin config (needs admin rights).
  staff reset-admin <tên đăng nhập/username> [--display-name "Họ tên"]
        Khôi phục quầy bị khóa: tài khoản thành quản trị quầy với mật khẩu tạm (cần quyền quản trị máy).
        Recover a locked-out desk: the account becomes a desk admin with a one-time password (machine admin only).
  support-bundle [--out <tệp.tar.gz>]
        Gói chẩn đoán và nhật ký để gửi hỗ trợ, đã ẩn thông tin cá nhân.
        Doctor report and logs for support, with personal data redacted.

Tùy chọn chung / Common options:
  --config F     tệp cấu hình bổ sung (lớp cao nhất trừ biến môi trường) / extra config layer
  --data-dir D   thư mục dữ liệu / data directory
  --mode kiosk|staff, --portal-url URL, --enrollment-code C, --slot K01
                 ghi đè cấu hình / override those config keys
  --json         xuất JSON / print JSON
  -h, --help     trợ giúp / this help
`;

/** The command line runs as the machine's admin: the only caller the contract's `machine` rule admits. */
const CLI: Caller = { transport: 'cli', client: 'cli' };

function printError(e: ErrorPayload): void {
  process.stderr.write(`Lỗi: ${e.message.vi}\nError: ${e.message.en}\n`);
  if (e.file) process.stderr.write(`  tệp/file: ${e.file}\n`);
  if (e.field) process.stderr.write(`  khóa/key: ${e.field}\n`);
}


/**
 * Starts the web host as `motcua web` would; resolves once it listens. The core runs in its own
 * thread (the core host): this thread only serves files, the API's messages and the event stream.
 */
export async function serve(args: string[]): Promise<{ url: string; stop(): Promise<void> }> {
  const { values } = parse(args, { port: { type: 'string' }, host: { type: 'string' } });
  const core = await startCoreHost({ configFile: values.config, flags: flagsLayer(values), startSync: true });
  const { ready } = core;
  if (!ready.ok) printError(ready.fatal);
  const config = ready.config;
  const options = {
    core: ready.ok ? core : null,
    fatal: ready.ok ? undefined : ready.fatal,
    rendererDir,
    host: values.host ?? config?.web.host ?? '127.0.0.1',
  };
  const port = values.port !== undefined ? Number(values.port) : (config?.web.port ?? 4870);
  const host = await startWebHost({ ...options, port })
    .catch((err: NodeJS.ErrnoException) => {
      // The default port may be taken by another copy; an explicit --port is respected or fails.
      if (err.code === 'EADDRINUSE' && values.port === undefined) return startWebHost({ ...options, port: 0 });
      throw err;
    })
    .catch(async (err: unknown) => {
      await core.close(); // no page will be served: the core's thread must not keep the process alive
      throw err;
    });
  // The console is the machine's admin's: a new desk's one-time setup code is shown here (and by doctor).
  const setupCode = ready.ok ? await core.task('setupCode', {}) : null;
  process.stdout.write(`Một Cửa đang chạy / running at ${host.url}\n  Kiosk: ${host.url}/kiosk\n  Staff: ${host.url}/staff\n`);
  if (setupCode) process.stdout.write(`  Mã thiết lập lần đầu / First-run setup code: ${setupCode}\n`);
  return {
    url: host.url,
    stop: async () => {
      await host.close();
      await core.close();
    },
  };
}

async function cmdWeb(args: string[]): Promise<number> {
  const { stop } = await serve(args);
  const onSignal = () => void stop().then(() => process.exit(0));
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return new Promise<number>(() => {}); // runs until stopped
}

/** Starts the core host from the command's flags, runs `run`, and always closes it (the database, the log). */
async function withCore(values: Parameters<typeof flagsLayer>[0] & { config?: string }, run: (core: CoreHost) => number | Promise<number>): Promise<number> {
  const core = await startCoreHost({ configFile: values.config, flags: flagsLayer(values) });
  try {
    if (!core.ready.ok) {
      printError(core.ready.fatal);
      return 1;
    }
    return await run(core);
  } finally {
    await core.close();
  }
}

/** A contract call from the command line; an error is printed in both languages and ends the command. */
async function call<R>(core: CoreHost, method: string, input: unknown): Promise<R> {
  const response = await core.invoke(method, input, CLI);
  if (!response.ok) throw new AppError(response.error.code, response.error.message, { field: response.error.field, file: response.error.file });
  return response.result as R;
}

async function cmdDoctor(args: string[]): Promise<number> {
  const { values } = parse(args, {});
  return reportingErrors(() => withCore(values, async (core) => {
    const report = await core.task('doctor', {});
    process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatDoctor(report)}\n`);
    return 0;
  }));
}

/** Runs a command; an AppError (bad input, a bad file, a refusal) is printed in both languages, exit 1. */
async function reportingErrors(run: () => number | Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof AppError) {
      printError(err.toPayload());
      return 1;
    }
    throw err;
  }
}

function cmdConfig(args: string[]): Promise<number> {
  const { positionals } = parse(args, {});
  const [sub, file] = positionals;
  if (sub !== 'check' || !file) {
    process.stderr.write('Cách dùng / Usage: motcua config check <file>\n');
    return Promise.resolve(2);
  }
  return reportingErrors(() => {
    const layer = readLayerFile(file);
    if (layer === undefined) {
      process.stderr.write(`Không tìm thấy tệp / File not found: ${file}\n`);
      return 1;
    }
    process.stdout.write(`Hợp lệ / Valid: ${file}\n`);
    return 0;
  });
}

function cmdCatalog(args: string[]): number {
  const { values, positionals } = parse(args, { laws: { type: 'string' }, out: { type: 'string' } });
  const [sub, file] = positionals;
  if (sub !== 'import' || !file) {
    process.stderr.write('Cách dùng / Usage: motcua catalog import <procedures.jsonl> [--laws <dir>] [--out <dir>]\n');
    return 2;
  }
  const started = Date.now();
  const summary = importCatalog({ proceduresFile: file, lawsDir: values.laws, outDir: values.out ?? catalogDir, clock: systemClock });
  if (values.json) {
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    return 0;
  }
  const m = summary.meta;
  const lines = [
    `Đã nhập / Imported: ${m.procedures} thủ tục/procedures, ${m.laws} văn bản/laws, ${m.articles} điều/articles (${((Date.now() - started) / 1000).toFixed(1)} s)`,
    `Phiên bản / Version: ${m.version}, ngày nhập / imported ${m.importedAt}${summary.written ? '' : ' — không đổi, giữ nguyên tệp / unchanged, files kept'}`,
    `Căn cứ pháp lý liên kết được tới văn bản / legal bases linked to a law: ${summary.linkedBases}/${summary.totalBases}`,
    'Trường giữ nguyên văn bản gốc vì không phân tích được / fields kept as original text:',
    ...Object.entries(summary.unparsed).map(([k, n]) => `  ${k.padEnd(12)} ${n}`),
  ];
  if (summary.duplicates.length) lines.push(`Mã trùng, bỏ qua / duplicate codes skipped: ${summary.duplicates.join(', ')}`);
  for (const r of summary.rejected.slice(0, 20)) lines.push(`Dòng / line ${r.line} bị bỏ qua / skipped: ${r.reason}`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

async function cmdSearch(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { limit: { type: 'string' } });
  const query = positionals.join(' ');
  return withCore(values, async (core) => {
    const limit = values.limit ? Number(values.limit) : 10;
    const response = await core.invoke('catalog.search', { query, limit }, CLI);
    if (!response.ok) {
      printError(response.error);
      return 1;
    }
    const result = response.result as SearchResult;
    if (values.json) {
      process.stdout.write(`${JSON.stringify(result.procedures.map(({ code, name, sector, score }) => ({ code, name, sector, score })), null, 2)}\n`);
      return 0;
    }
    if (result.procedures.length === 0) process.stdout.write('Không tìm thấy thủ tục nào / no procedure found\n');
    for (const h of result.procedures) process.stdout.write(`${h.code.padEnd(10)} ${h.score.toFixed(2).padStart(7)}  ${h.name}  [${h.sector}]\n`);
    if (result.ignored.length) process.stdout.write(`(bỏ qua / ignored: ${result.ignored.join(', ')})\n`);
    return 0;
  });
}

async function cmdSync(args: string[]): Promise<number> {
  const { values } = parse(args, {});
  return reportingErrors(() => withCore(values, async (core) => {
    if (!core.ready.config?.portal.url) {
      process.stderr.write('Chưa cấu hình cổng dịch vụ công (portal.url) / No portal configured (portal.url).\n');
      return 1;
    }
    const report = await call<SyncReport>(core, 'sync.now', {});
    const status = await call<SyncStatus>(core, 'sync.status', {});
    if (values.json) process.stdout.write(`${JSON.stringify({ report, status }, null, 2)}\n`);
    else {
      process.stdout.write(
        [
          `Đã gửi / pushed: ${report.pushed}, bị từ chối (giữ lại) / parked: ${report.parked}, chờ gửi lại / retry: ${report.retried}`,
          `Nhận về / pulled: ${report.dossierChanges} thay đổi hồ sơ / dossier changes, ${report.catalogChanges} thay đổi danh mục / catalog changes`,
          `Không đổi / unchanged: ${report.notModified.join(', ') || '—'}; ${report.roundTrips} lượt gọi / round trips, ${report.bytes} bytes`,
          `Trạng thái / status: ${status.state}${status.subtype ? ` (${status.subtype})` : ''}; còn chờ / pending ${status.pending ?? 0}, giữ lại / parked ${status.parked ?? 0}`,
          ...report.errors.map((e) => `Lỗi / error: ${e}`),
        ].join('\n') + '\n',
      );
    }
    return status.state === 'error' ? 1 : 0;
  }));
}

async function cmdCalendar(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { from: { type: 'string' }, 'working-days': { type: 'string' }, days: { type: 'string' }, months: { type: 'string' }, years: { type: 'string' } });
  // A time without an offset is Vietnam's wall clock, whatever zone this machine is set to.
  const from = values.from ? parseVn(values.from) : null;
  const units = (['working-days', 'days', 'months', 'years'] as const).filter((u) => values[u] !== undefined);
  const amount = units.length === 1 ? Number(values[units[0]!]) : NaN;
  if (positionals[0] !== 'due' || !from || !Number.isInteger(amount) || amount < 0 || amount > 1000) {
    process.stderr.write('Cách dùng / Usage: motcua calendar due --from <date-time, Vietnam time unless it has an offset, e.g. 2026-04-24T09:00> (--working-days N | --days N | --months N | --years N) [--json]\n');
    return 2;
  }
  const unit = units[0]!;
  return withCore(values, async (core) => {
    const vn = await core.task('calendarDue', { from: from.toISOString(), amount, unit });
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ from: from.toISOString(), [unit === 'working-days' ? 'workingDays' : unit]: amount, due: vn.due, dueLocal: vn.dueLocal, weekday: vn.weekday, provisional: vn.provisional })}\n`);
    } else {
      process.stdout.write(`Hạn / due: ${vn.weekday}, ${formatDay(vn.date)} ${vn.time} (giờ Việt Nam / Vietnam time)\n`);
      if (vn.provisional) process.stdout.write(`Tạm tính / provisional: năm ${vn.date.slice(0, 4)} chưa có lịch nghỉ chính thức, ngày nghỉ tính theo Bộ luật Lao động / no official days-off table for ${vn.date.slice(0, 4)} yet\n`);
    }
    return 0;
  });
}

async function cmdProvision(args: string[]): Promise<number> {
  const { values } = parse(args, {
    ward: { type: 'string' },
    portal: { type: 'string' },
    count: { type: 'string' },
    'first-slot': { type: 'string' },
    out: { type: 'string' },
    'admin-token': { type: 'string' },
    'updates-url': { type: 'string' },
    channel: { type: 'string' },
    'queue-url': { type: 'string' },
    'web-host': { type: 'string' },
    apply: { type: 'string' },
  });
  return reportingErrors(async () => {
    if (values.apply) {
      const target = applyBundle(values.apply, currentPlatform());
      process.stdout.write(`Đã ghi cấu hình quản trị / admin config written: ${target}\nKhởi động lại ứng dụng để thiết bị đăng ký với cổng. / Restart the app; the device registers with the portal.\n`);
      return 0;
    }
    if (!values.ward || (values.mode !== 'kiosk' && values.mode !== 'staff') || !values.portal) {
      process.stderr.write('Cách dùng / Usage: motcua provision --ward <mã/code> --mode kiosk|staff --portal <url> [--count N] [--out <dir>] [--admin-token T | --enrollment-code C]\n');
      return 2;
    }
    const out = values.out ?? 'provision';
    const devices = await provision({
      ward: values.ward,
      mode: values.mode,
      portal: values.portal,
      out,
      count: values.count ? Number(values.count) : 1,
      firstSlot: values['first-slot'] ? Number(values['first-slot']) : 1,
      enrollmentCode: values['enrollment-code'],
      adminToken: values['admin-token'] ?? process.env.MOTCUA_PORTAL_ADMIN_TOKEN,
      updatesUrl: values['updates-url'],
      channel: values.channel === 'pilot' ? 'pilot' : 'stable',
      queueUrl: values['queue-url'],
      webHost: values['web-host'],
    });
    if (values.json) process.stdout.write(`${JSON.stringify(devices, null, 2)}\n`);
    else {
      for (const d of devices) process.stdout.write(`${d.slot}  ${d.file}\n`);
      process.stdout.write(
        `Phiếu thiết bị (mã PIN, mã thiết lập) / Device sheets (PINs, setup codes): ${path.join(out, SHEETS_FILE)}\n` +
          '  In ra và cất giữ; không chép cùng gói cấu hình. / Print and keep it; do not copy it with the bundles.\n',
      );
    }
    return 0;
  });
}

/**
 * The machine's admin is whoever may write the machine-wide admin config (the folder the installer
 * writes, /etc/motcua or %ProgramData%\MotCua): proved by creating and removing a file there, or in
 * its nearest existing parent.
 */
function isMachineAdmin(): boolean {
  let dir = path.dirname(adminConfigPath(currentPlatform()));
  while (!fs.existsSync(dir) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  try {
    fs.rmdirSync(fs.mkdtempSync(path.join(dir, '.motcua-rights-')));
    return true;
  } catch {
    return false;
  }
}

async function cmdStaff(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { 'display-name': { type: 'string' } });
  const [sub, username] = positionals;
  if (sub !== 'reset-admin' || !username) {
    process.stderr.write('Cách dùng / Usage: motcua staff reset-admin <tên đăng nhập/username> [--display-name "Họ tên"]\n');
    return 2;
  }
  if (!isMachineAdmin()) {
    printError({
      code: 'forbidden',
      message: {
        vi: 'Lệnh này cần quyền quản trị của máy (chạy bằng sudo, hoặc “Run as administrator” trên Windows).',
        en: 'This command needs the machine’s admin rights (run it with sudo, or “Run as administrator” on Windows).',
      },
    });
    return 1;
  }
  return withCore(values, async (core) => {
    const response = await core.invoke('staff.resetAdmin', { username, ...(values['display-name'] ? { displayName: values['display-name'] } : {}) }, CLI);
    if (!response.ok) {
      printError(response.error);
      return 1;
    }
    const { account, password } = response.result as { account: { username: string }; password: string };
    process.stdout.write(
      `Tài khoản quản trị quầy / Desk admin account: ${account.username}\n` +
        `Mật khẩu tạm, chỉ hiện một lần / One-time password, shown once: ${password}\n` +
        'Hãy đăng nhập và đổi mật khẩu ngay. / Sign in and change it at once.\n',
    );
    return 0;
  });
}

async function cmdSupportBundle(args: string[]): Promise<number> {
  const { values } = parse(args, { out: { type: 'string' } });
  return withCore(values, async (core) => {
    const stamp = vnLocalIso(new Date()).slice(0, 19).replace(/[-:T]/g, '');
    const out = path.resolve(values.out ?? `motcua-support-${core.ready.config?.ward.code ?? 'ward'}-${stamp}.tar.gz`);
    const bundle = await core.task('supportBundle', { out });
    process.stdout.write(`Đã tạo / written: ${bundle.file}\n${bundle.entries.map((e) => `  ${e}`).join('\n')}\n`);
    return 0;
  });
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        process.stdout.write(HELP);
        return command === undefined ? 2 : 0;
      case 'web':
        return await cmdWeb(rest);
      case 'doctor':
        return await cmdDoctor(rest);
      case 'config':
        return await cmdConfig(rest);
      case 'catalog':
        return cmdCatalog(rest);
      case 'search':
        return await cmdSearch(rest);
      case 'sync':
        return await cmdSync(rest);
      case 'calendar':
        return await cmdCalendar(rest);
      case 'provision':
        return await cmdProvision(rest);
      case 'support-bundle':
        return await cmdSupportBundle(rest);
      case 'staff':
        return await cmdStaff(rest);
      default:
        process.stderr.write(`Lệnh không có / Unknown command: ${command}\n\n${HELP}`);
        return 2;
    }
  } catch (err) {
    if ((err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`Tham số không hợp lệ / Invalid arguments: ${(err as Error).message}\n`);
      return 2;
    }
    throw err;
  }
}
