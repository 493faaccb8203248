#!/usr/bin/env node
/**
 * `motcua` — the command line for IT admins and scripts. The same commands are answered by the
 * installed app (`motcua.exe doctor`, see shell/commands.ts), which passes its own way of starting the
 * core host (its utility process) and its own output; from a clone the core runs in a worker thread.
 *
 * Every command says what it takes: an unknown flag, a number that is not one, a value not in its
 * list, a missing argument all exit 2 with the command's usage; `--help` anywhere prints the help of
 * the command it follows and runs nothing; a failure exits 1.
 */
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { AppError, type ErrorPayload } from '../core/errors.js';
import type { Caller, SearchResult, SyncReport, SyncStatus } from '../contract.js';
import { importCatalog } from '../core/catalog/importer.js';
import { systemClock } from '../core/clock.js';
import { startCoreHost } from '../host/client.js';
import type { CoreHost, CoreHostOptions } from '../host/protocol.js';
import { formatDay, parseVn, vnLocalIso } from '../core/time.js';
import { appVersion, catalogDir, rendererDir } from '../paths.js';
import { startWebHost } from '../web/server.js';
import { configFlags, flagsLayer } from './args.js';
import { formatDoctor } from './doctor.js';
import { adminConfigPath } from '../core/config/paths.js';
import { applyBundle, provision, SHEETS_FILE } from './provision.js';
import { currentPlatform, loadConfig, readLayerFile } from '../core/config/load.js';
import { bundledWards, checkWard, loadWardTable } from './wards.js';

/** Where a command's output goes and how it starts the core host: the terminal and a worker thread, or the installed app's. */
export interface CliEnv {
  out(text: string): void;
  err(text: string): void;
  startHost(options: CoreHostOptions): Promise<CoreHost>;
  /** Asks the person at the terminal; null when nobody can answer (a script, no terminal). */
  ask(question: string): Promise<string | null>;
  /** The installed app, not a clone: commands that need a clone (web, catalog import) are not offered. */
  installed?: boolean;
  /** The process environment (the admin token, MOTCUA_PROVINCE…). */
  vars: Record<string, string | undefined>;
}

/** The terminal, and the core in a worker thread: `npx motcua …` from a clone. */
export const nodeEnv: CliEnv = {
  out: (t) => void process.stdout.write(t),
  err: (t) => void process.stderr.write(t),
  startHost: (options) => startCoreHost(options),
  ask: (question) => {
    if (!process.stdin.isTTY) return Promise.resolve(null);
    const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
    return new Promise((resolve) => rl.question(question, (answer) => (rl.close(), resolve(answer))));
  },
  vars: process.env,
};

/** The command line runs as the machine's admin: the only caller the contract's `machine` rule admits. */
const CLI: Caller = { transport: 'cli', client: 'cli' };

interface OptSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** A whole number in this range. */
  int?: { min: number; max: number };
  /** One of these values. */
  oneOf?: readonly string[];
}

type Values = Record<string, string | boolean | undefined>;

interface Ctx {
  values: Values;
  positionals: string[];
  env: CliEnv;
}

interface Command {
  name: string;
  /** The usage lines, then what it does in Vietnamese and English. */
  help: string;
  options: Record<string, OptSpec>;
  /** Takes the app's config flags (--config, --data-dir, --mode, --portal-url, --enrollment-code, --slot). */
  app?: boolean;
  positionals: [min: number, max: number];
  /** Needs a source checkout: not answered by the installed app. */
  cloneOnly?: boolean;
  run(ctx: Ctx): Promise<number>;
}

const JSON_OPT = { json: { type: 'boolean' } } as const;
const APP_OPTS: Record<string, OptSpec> = { config: { type: 'string' }, 'data-dir': { type: 'string' }, ...configFlags, mode: { type: 'string', oneOf: ['kiosk', 'staff'] } };

function printError(env: CliEnv, e: ErrorPayload): void {
  env.err(`Lỗi: ${e.message.vi}\nError: ${e.message.en}\n`);
  if (e.file) env.err(`  tệp/file: ${e.file}\n`);
  if (e.field) env.err(`  khóa/key: ${e.field}\n`);
}

const str = (v: Values[string]) => (typeof v === 'string' ? v : undefined);

/** The host options of an app-running command's flags. */
function hostOptions(values: Values, extra: Partial<CoreHostOptions> = {}): CoreHostOptions {
  return { configFile: str(values.config), flags: flagsLayer(values as Parameters<typeof flagsLayer>[0]), ...extra };
}

/** Starts the core host from the command's flags, runs `run`, and always closes it (the database, the log). */
async function withHost(ctx: Ctx, options: CoreHostOptions, run: (core: CoreHost) => number | Promise<number>): Promise<number> {
  const core = await ctx.env.startHost(options);
  try {
    if (!core.ready.ok) {
      printError(ctx.env, core.ready.fatal);
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

const NEEDS_ADMIN: ErrorPayload = {
  code: 'forbidden',
  message: {
    vi: 'Lệnh này cần quyền quản trị của máy (chạy bằng sudo, hoặc “Run as administrator” trên Windows).',
    en: 'This command needs the machine’s admin rights (run it with sudo, or “Run as administrator” on Windows).',
  },
};

/**
 * Starts the web host as `motcua web` would; resolves once it listens. The core runs in its own
 * thread (the core host): this thread only serves files, the API's messages and the event stream.
 */
export async function serve(args: string[], env: CliEnv = nodeEnv): Promise<{ url: string; stop(): Promise<void> }> {
  const { values } = parseArgs({ args, options: optionsOf(commands.web), strict: true, allowPositionals: false });
  const core = await env.startHost(hostOptions(values, { startSync: true }));
  const { ready } = core;
  if (!ready.ok) printError(env, ready.fatal);
  const config = ready.config;
  const options = {
    core: ready.ok ? core : null,
    fatal: ready.ok ? undefined : ready.fatal,
    rendererDir,
    host: str(values.host) ?? config?.web.host ?? '127.0.0.1',
  };
  const port = str(values.port) !== undefined ? Number(values.port) : (config?.web.port ?? 4870);
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
  env.out(`Một Cửa đang chạy / running at ${host.url}\n  Kiosk: ${host.url}/kiosk\n  Staff: ${host.url}/staff\n`);
  if (setupCode) env.out(`  Mã thiết lập lần đầu / First-run setup code: ${setupCode}\n`);
  return {
    url: host.url,
    stop: async () => {
      await host.close();
      await core.close();
    },
  };
}

function formatSync(report: SyncReport, status: SyncStatus): string {
  return [
    `Đã gửi / pushed: ${report.pushed}, bị từ chối (giữ lại) / parked: ${report.parked}, chờ gửi lại / retry: ${report.retried}`,
    `Nhận về / pulled: ${report.dossierChanges} thay đổi hồ sơ / dossier changes, ${report.catalogChanges} thay đổi danh mục / catalog changes`,
    `Không đổi / unchanged: ${report.notModified.join(', ') || '—'}; ${report.roundTrips} lượt gọi / round trips, ${report.bytes} bytes`,
    `Trạng thái / status: ${status.state}${status.subtype ? ` (${status.subtype}${status.detail ? `: ${status.detail}` : ''})` : ''}; còn chờ / pending ${status.pending ?? 0}, giữ lại / parked ${status.parked ?? 0}`,
    ...report.errors.map((e) => `Lỗi / error: ${e}`),
  ].join('\n');
}

const PROVISION_OPTS: Record<string, OptSpec> = {
  ward: { type: 'string' },
  mode: { type: 'string', oneOf: ['kiosk', 'staff'] },
  portal: { type: 'string' },
  province: { type: 'string' },
  'ward-table': { type: 'string' },
  yes: { type: 'boolean', short: 'y' },
  count: { type: 'string', int: { min: 1, max: 200 } },
  'first-slot': { type: 'string', int: { min: 1, max: 99 } },
  out: { type: 'string' },
  'admin-token': { type: 'string' },
  'enrollment-code': { type: 'string' },
  'expires-days': { type: 'string', int: { min: 1, max: 90 } },
  replace: { type: 'boolean' },
  'updates-url': { type: 'string' },
  channel: { type: 'string', oneOf: ['stable', 'pilot'] },
  'queue-url': { type: 'string' },
  'web-host': { type: 'string' },
  'web-port': { type: 'string', int: { min: 1, max: 65535 } },
  apply: { type: 'string' },
  rotate: { type: 'boolean' },
  'data-dir': { type: 'string' },
  config: { type: 'string' },
  ...JSON_OPT,
};

const commands = {
  web: {
    name: 'web',
    help: `web [--port N] [--host H] [--data-dir D] [--config F]
      Chạy ứng dụng qua web host (in ra địa chỉ) / serve the app over HTTP and print its URL.
      --host mặc định 127.0.0.1. Đặt địa chỉ LAN chỉ khi cần máy trạm mỏng: ai trong mạng
      cũng mở được giao diện. / Defaults to loopback; a LAN address exposes the UI to the network.`,
    options: { port: { type: 'string', int: { min: 0, max: 65535 } }, host: { type: 'string' } },
    app: true,
    positionals: [0, 0],
    cloneOnly: true,
    async run(ctx) {
      const { stop } = await serve(argvOf(ctx), ctx.env);
      const onSignal = () => void stop().then(() => process.exit(0));
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      return new Promise<number>(() => {}); // runs until stopped
    },
  },
  doctor: {
    name: 'doctor',
    help: `doctor [--json] [--data-dir D] [--config F]
      Chẩn đoán, chỉ đọc (không tạo hay nâng cấp dữ liệu): thiết bị, vị trí, phiên bản, đăng ký, lần đồng bộ
      cuối, hàng đợi gửi, lệch giờ với cổng, proxy và chứng chỉ, nguồn của từng khóa cấu hình.
      Read-only diagnostics (never creates or upgrades data): device, slot, version, registration, last sync,
      outbox, clock skew against the portal, proxy and certificate, where each config key came from.`,
    options: { ...JSON_OPT },
    app: true,
    positionals: [0, 0],
    run: (ctx) =>
      withHost(ctx, hostOptions(ctx.values, { noCore: true }), async (core) => {
        const report = await core.task('doctor', {});
        ctx.env.out(ctx.values.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatDoctor(report)}\n`);
        return 0;
      }),
  },
  'config check': {
    name: 'config check',
    help: `config check <file>
      Kiểm tra một tệp cấu hình (cả danh sách khóa bị khóa) / validate a config file (its locked list too).`,
    options: {},
    positionals: [1, 1],
    async run(ctx) {
      const file = ctx.positionals[0]!;
      const layer = readLayerFile(file);
      if (layer === undefined) {
        ctx.env.err(`Không tìm thấy tệp / File not found: ${file}\n`);
        return 1;
      }
      ctx.env.out(`Hợp lệ / Valid: ${file}${layer.locked?.length ? ` (khóa / locked: ${layer.locked.join(', ')})` : ''}\n`);
      return 0;
    },
  },
  'catalog import': {
    name: 'catalog import',
    help: `catalog import <procedures.jsonl> [--laws <dir>] [--out <dir>] [--json]
      Nhập danh mục thủ tục từ bản xuất của Cổng DVCQG (mặc định ghi vào resources/catalog).
      Import the national portal's procedure export (and the law code) into a catalog snapshot.`,
    options: { laws: { type: 'string' }, out: { type: 'string' }, ...JSON_OPT },
    positionals: [1, 1],
    cloneOnly: true,
    async run(ctx) {
      const started = Date.now();
      const summary = importCatalog({ proceduresFile: ctx.positionals[0]!, lawsDir: str(ctx.values.laws), outDir: str(ctx.values.out) ?? catalogDir, clock: systemClock });
      if (ctx.values.json) {
        ctx.env.out(`${JSON.stringify(summary, null, 2)}\n`);
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
      ctx.env.out(`${lines.join('\n')}\n`);
      return 0;
    },
  },
  search: {
    name: 'search',
    help: `search "<câu tìm>" [--limit N] [--json]
      Tìm thủ tục như người dân gõ / search procedures as a resident types.`,
    options: { limit: { type: 'string', int: { min: 1, max: 100 } }, ...JSON_OPT },
    app: true,
    positionals: [1, 20],
    run: (ctx) =>
      withHost(ctx, hostOptions(ctx.values), async (core) => {
        const limit = ctx.values.limit ? Number(ctx.values.limit) : 10;
        const result = await call<SearchResult>(core, 'catalog.search', { query: ctx.positionals.join(' '), limit });
        if (ctx.values.json) {
          ctx.env.out(`${JSON.stringify(result.procedures.map(({ code, name, sector, score }) => ({ code, name, sector, score })), null, 2)}\n`);
          return 0;
        }
        if (result.procedures.length === 0) ctx.env.out('Không tìm thấy thủ tục nào / no procedure found\n');
        else if (result.match === 'weak') ctx.env.out('Không có thủ tục nào khớp tốt; các kết quả dưới đây chỉ gần giống / no good match; loosely related results:\n');
        for (const h of result.procedures) ctx.env.out(`${h.code.padEnd(10)} ${h.score.toFixed(2).padStart(7)}  ${h.name}  [${h.sector}]\n`);
        if (result.ignored.length) ctx.env.out(`(bỏ qua / ignored: ${result.ignored.join(', ')})\n`);
        return 0;
      }),
  },
  sync: {
    name: 'sync',
    help: `sync [--json]
      Đồng bộ một lượt với cổng dịch vụ công và in những gì đã gửi/nhận.
      Run one sync cycle with the city portal and print what moved.`,
    options: { ...JSON_OPT },
    app: true,
    positionals: [0, 0],
    run: (ctx) =>
      withHost(ctx, hostOptions(ctx.values), async (core) => {
        if (!core.ready.config?.portal.url) {
          ctx.env.err('Chưa cấu hình cổng dịch vụ công (portal.url) / No portal configured (portal.url).\n');
          return 1;
        }
        // A task, not the contract's sync.now: at a desk that needs a signed-in officer; this is the machine's admin.
        const { report, status } = await core.task('syncNow', {});
        ctx.env.out(ctx.values.json ? `${JSON.stringify({ report, status }, null, 2)}\n` : `${formatSync(report, status)}\n`);
        return status.state === 'error' ? 1 : 0;
      }),
  },
  'calendar due': {
    name: 'calendar due',
    help: `calendar due --from <date-time> (--working-days N | --days N | --months N | --years N) [--json]
      Hạn trả kết quả theo ngày làm việc (giờ hành chính, ngày nghỉ, ngày làm bù); giờ không có múi là giờ Việt Nam.
      The due date and time by the working-time calendar (a time without an offset is Vietnam time).`,
    options: {
      from: { type: 'string' },
      'working-days': { type: 'string', int: { min: 0, max: 1000 } },
      days: { type: 'string', int: { min: 0, max: 1000 } },
      months: { type: 'string', int: { min: 0, max: 1000 } },
      years: { type: 'string', int: { min: 0, max: 1000 } },
      ...JSON_OPT,
    },
    app: true,
    positionals: [0, 0],
    async run(ctx) {
      const { values } = ctx;
      // A time without an offset is Vietnam's wall clock, whatever zone this machine is set to.
      const from = str(values.from) ? parseVn(str(values.from)!) : null;
      const units = (['working-days', 'days', 'months', 'years'] as const).filter((u) => values[u] !== undefined);
      if (!from || units.length !== 1) {
        usageError(ctx.env, commands['calendar due'], !from ? '--from <ngày giờ / date-time>, ví dụ / e.g. 2026-04-24T09:00' : 'một trong / one of --working-days, --days, --months, --years');
        return 2;
      }
      const unit = units[0]!;
      const amount = Number(values[unit]);
      return withHost(ctx, hostOptions(values), async (core) => {
        const vn = await core.task('calendarDue', { from: from.toISOString(), amount, unit });
        if (values.json) {
          ctx.env.out(`${JSON.stringify({ from: from.toISOString(), [unit === 'working-days' ? 'workingDays' : unit]: amount, due: vn.due, dueLocal: vn.dueLocal, weekday: vn.weekday, provisional: vn.provisional })}\n`);
        } else {
          ctx.env.out(`Hạn / due: ${vn.weekday}, ${formatDay(vn.date)} ${vn.time} (giờ Việt Nam / Vietnam time)\n`);
          if (vn.provisional) ctx.env.out(`Tạm tính / provisional: năm ${vn.date.slice(0, 4)} chưa có lịch nghỉ chính thức, ngày nghỉ tính theo Bộ luật Lao động / no official days-off table for ${vn.date.slice(0, 4)} yet\n`);
        }
        return 0;
      });
    },
  },
  provision: {
    name: 'provision',
    help: `provision --ward <mã> --mode kiosk|staff --portal <url> --province <mã tỉnh> [--ward-table <csv|xlsx>] [--yes]
          [--count N] [--first-slot N] [--out <dir>] [--admin-token T | --enrollment-code C] [--expires-days 14]
          [--replace] [--updates-url URL] [--channel stable|pilot] [--queue-url URL] [--web-host <LAN IP> [--web-port 4871]]
      Tạo gói cấu hình cho từng thiết bị (mã đăng ký riêng gắn với phường, loại và vị trí, hết hạn sau 14 ngày;
      khóa mọi khóa quản trị đặt). Hiện tên đầy đủ của phường và tỉnh/thành rồi hỏi xác nhận (--yes: đã kiểm tra);
      mã ngoài tỉnh/thành (--province hoặc MOTCUA_PROVINCE) bị từ chối; --ward-table nạp bảng mã chính thức.
      --replace: thay thiết bị đang giữ vị trí đó (máy cũ bị thu hồi, máy mới nối tiếp số hồ sơ).
      Make a config bundle per device (its own enrollment code bound to ward, mode and slot, valid 14 days;
      every key set is locked). Shows the ward's full name and province and asks to confirm (--yes: checked);
      a code outside the province (--province or MOTCUA_PROVINCE) is refused; --ward-table loads the official table.
      --replace: replace the device holding that slot (the old one is revoked, the new one continues its codes).
    provision --apply <gói/bundle> [--replace]
      Ghi gói cấu hình thành cấu hình quản trị của máy này (cần quyền quản trị); máy đã đăng ký là thiết bị
      khác bị từ chối trừ khi có --replace. / Write a bundle as this machine's admin config (admin rights); a
      machine registered as another device is refused unless --replace.
    provision --rotate
      Đổi mã thiết bị và khóa mạng LAN của máy này với cổng; mã cũ hết hiệu lực ngay.
      New token and LAN key for this device from the portal; the old ones stop working at once.`,
    options: PROVISION_OPTS,
    positionals: [0, 0],
    run: (ctx) => cmdProvision(ctx),
  },
  'staff reset-admin': {
    name: 'staff reset-admin',
    help: `staff reset-admin <tên đăng nhập/username> [--display-name "Họ tên"]
      Khôi phục quầy bị khóa: tài khoản thành quản trị quầy với mật khẩu tạm (cần quyền quản trị máy).
      Recover a locked-out desk: the account becomes a desk admin with a one-time password (machine admin only).`,
    options: { 'display-name': { type: 'string' } },
    app: true,
    positionals: [1, 1],
    async run(ctx) {
      if (!isMachineAdmin()) {
        printError(ctx.env, NEEDS_ADMIN);
        return 1;
      }
      const username = ctx.positionals[0]!;
      const displayName = str(ctx.values['display-name']);
      return withHost(ctx, hostOptions(ctx.values), async (core) => {
        const { account, password } = await call<{ account: { username: string }; password: string }>(core, 'staff.resetAdmin', { username, ...(displayName ? { displayName } : {}) });
        ctx.env.out(
          `Tài khoản quản trị quầy / Desk admin account: ${account.username}\n` +
            `Mật khẩu tạm, chỉ hiện một lần / One-time password, shown once: ${password}\n` +
            'Hãy đăng nhập và đổi mật khẩu ngay. / Sign in and change it at once.\n',
        );
        return 0;
      });
    },
  },
  'support-bundle': {
    name: 'support-bundle',
    help: `support-bundle [--out <tệp.tar.gz>]
      Gói chẩn đoán và nhật ký để gửi hỗ trợ, đã ẩn thông tin cá nhân (chỉ đọc dữ liệu).
      Doctor report and logs for support, with personal data redacted (reads only).`,
    options: { out: { type: 'string' } },
    app: true,
    positionals: [0, 0],
    run: (ctx) =>
      withHost(ctx, hostOptions(ctx.values, { noCore: true }), async (core) => {
        const stamp = vnLocalIso(new Date()).slice(0, 19).replace(/[-:T]/g, '');
        const out = path.resolve(str(ctx.values.out) ?? `motcua-support-${core.ready.config?.ward.code ?? 'ward'}-${stamp}.tar.gz`);
        const bundle = await core.task('supportBundle', { out });
        ctx.env.out(`Đã tạo / written: ${bundle.file}\n${bundle.entries.map((e) => `  ${e}`).join('\n')}\n`);
        return 0;
      }),
  },
  backup: {
    name: 'backup',
    help: `backup [--to <thư mục/folder>] [--json]
      Sao lưu ngay: cơ sở dữ liệu (sao lưu trực tuyến, ứng dụng vẫn chạy), tệp đính kèm và tệp thiết bị,
      vào --to hoặc backup.dir; giữ backup.keep bản mới nhất. Ứng dụng tự sao lưu hằng ngày lúc backup.time.
      Back up now: the database (online backup, the app keeps running), attachments and the device file, into
      --to or backup.dir; keeps the newest backup.keep. The app backs up daily at backup.time by itself.`,
    options: { to: { type: 'string' }, ...JSON_OPT },
    app: true,
    positionals: [0, 0],
    run: (ctx) =>
      withHost(ctx, hostOptions(ctx.values), async (core) => {
        const to = str(ctx.values.to);
        const r = await core.task('backup', to ? { to: path.resolve(to) } : {});
        if (ctx.values.json) ctx.env.out(`${JSON.stringify(r, null, 2)}\n`);
        else ctx.env.out(`Đã sao lưu / Backed up: ${r.dir}\n  ${r.attachments} tệp đính kèm / attachments (${r.copied} chép mới / copied, ${r.linked} liên kết / linked)${r.removed.length ? `\n  Đã xóa bản cũ / removed: ${r.removed.join(', ')}` : ''}\n`);
        return 0;
      }),
  },
  restore: {
    name: 'restore',
    help: `restore <thư mục sao lưu/backup folder> [--data-dir D] [--config F]
      Khôi phục một bản sao lưu vào thư mục dữ liệu trống (máy mới, hoặc sau khi chuyển thư mục cũ đi);
      chạy motcua sync trước khi mở quầy. / Restore a backup into an empty data dir (a new machine, or after
      moving the old folder aside); run motcua sync before opening the counter.`,
    options: { ...JSON_OPT },
    app: true,
    positionals: [1, 1],
    run: (ctx) =>
      withHost(ctx, hostOptions(ctx.values, { noCore: true }), async (core) => {
        const m = await core.task('restore', { from: path.resolve(ctx.positionals[0]!) });
        ctx.env.out(
          ctx.values.json
            ? `${JSON.stringify(m, null, 2)}\n`
            : `Đã khôi phục / Restored: ${m.ward}-${m.slot} (${m.mode}), bản sao lưu lúc / backed up at ${m.createdAt}, ${m.attachments} tệp đính kèm / attachments → ${core.ready.config?.dataDir ?? ''}\n` +
                'Chạy motcua sync trước khi mở quầy (nhận số hồ sơ đã cấp sau bản sao lưu). / Run motcua sync before opening (it learns of codes given since the backup).\n',
        );
        return 0;
      }),
  },
} satisfies Record<string, Command>;

const COMMANDS: Command[] = Object.values(commands);

/** The options parseArgs takes for a command (strings and booleans; numbers and lists are checked after). */
function optionsOf(c: Command): Record<string, { type: 'string' | 'boolean'; short?: string }> {
  const all = { ...(c.app ? APP_OPTS : {}), ...c.options, help: { type: 'boolean' as const, short: 'h' } };
  return Object.fromEntries(Object.entries(all).map(([k, o]) => [k, { type: o.type, ...(o.short ? { short: o.short } : {}) }]));
}

/** The args a command was given, as parseArgs read them (for `serve`, which parses again). */
function argvOf(ctx: Ctx): string[] {
  return Object.entries(ctx.values).flatMap(([k, v]) => (v === undefined || v === false ? [] : v === true ? [`--${k}`] : [`--${k}`, v]));
}

function usageError(env: CliEnv, c: Command, what: string): void {
  env.err(`Tham số không hợp lệ / Invalid arguments: ${what}\n\nCách dùng / Usage: motcua ${c.help}\n`);
}

/** Checks numbers and lists: `--count ten` is an error, not zero devices. */
function checkValues(c: Command, values: Values): string | null {
  const specs = { ...(c.app ? APP_OPTS : {}), ...c.options };
  for (const [name, v] of Object.entries(values)) {
    const spec = specs[name];
    if (!spec || typeof v !== 'string') continue;
    if (spec.int) {
      const n = /^\d+$/.test(v) ? Number(v) : NaN;
      if (!Number.isInteger(n) || n < spec.int.min || n > spec.int.max) {
        return `--${name} phải là số nguyên từ ${spec.int.min} đến ${spec.int.max} (đang là “${v}”) / --${name} must be a whole number from ${spec.int.min} to ${spec.int.max} (got “${v}”)`;
      }
    }
    if (spec.oneOf && !spec.oneOf.includes(v)) return `--${name} phải là ${spec.oneOf.join(' | ')} (đang là “${v}”) / --${name} must be ${spec.oneOf.join(' | ')} (got “${v}”)`;
  }
  return null;
}

function globalHelp(env: CliEnv): string {
  const list = COMMANDS.filter((c) => !(env.installed && c.cloneOnly));
  return `Một Cửa ${appVersion()} — dòng lệnh / command line

Cách dùng / Usage: motcua <lệnh/command> [tùy chọn/options]    (motcua <lệnh> --help: trợ giúp của lệnh / a command's help)

${list.map((c) => `  ${c.help.replace(/\n/g, '\n  ')}`).join('\n')}

Tùy chọn chung của lệnh chạy ứng dụng / Common options of commands that run the app:
  --config F     tệp cấu hình bổ sung (lớp cao nhất trừ biến môi trường) / extra config layer
  --data-dir D   thư mục dữ liệu / data directory
  --mode kiosk|staff, --portal-url URL, --enrollment-code C, --slot 01
                 ghi đè cấu hình / override those config keys
  --json         xuất JSON / print JSON
  -h, --help     trợ giúp / help
  --version      phiên bản / version
`;
}

/** Finds the command named by the first one or two words; `group` when the first word starts several. */
function findCommand(argv: string[]): { command: Command; rest: string[] } | { group: string } | null {
  const [a, b] = argv;
  const two = COMMANDS.find((c) => c.name === `${a} ${b}`);
  if (two) return { command: two, rest: argv.slice(2) };
  const one = COMMANDS.find((c) => c.name === a);
  if (one) return { command: one, rest: argv.slice(1) };
  if (COMMANDS.some((c) => c.name.startsWith(`${a} `))) return { group: a! };
  return null;
}

export async function main(argv: string[], env: CliEnv = nodeEnv): Promise<number> {
  const [first] = argv;
  if (first === undefined) {
    env.err(globalHelp(env));
    return 2;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    const target = argv[1] ? findCommand(argv.slice(1)) : null;
    env.out(target && 'command' in target ? `Cách dùng / Usage: motcua ${target.command.help}\n` : globalHelp(env));
    return 0;
  }
  if (first === '--version' || first === '-v') {
    env.out(`${appVersion()}\n`);
    return 0;
  }
  const found = findCommand(argv);
  if (!found || ('command' in found && env.installed && found.command.cloneOnly)) {
    const why = found && 'command' in found ? `Lệnh “${found.command.name}” chỉ chạy từ mã nguồn / “${found.command.name}” runs from a source checkout only` : `Lệnh không có / Unknown command: ${first}`;
    env.err(`${why}\n\n${globalHelp(env)}`);
    return 2;
  }
  if ('group' in found) {
    const subs = COMMANDS.filter((c) => c.name.startsWith(`${found.group} `));
    const text = `Cách dùng / Usage:\n${subs.map((c) => `  motcua ${c.help.replace(/\n/g, '\n  ')}`).join('\n')}\n`;
    if (argv.includes('--help') || argv.includes('-h')) {
      env.out(text);
      return 0;
    }
    env.err(`${argv[1] ? `Lệnh không có / Unknown command: ${found.group} ${argv[1]}\n\n` : ''}${text}`);
    return 2;
  }
  const { command, rest } = found;
  // `--help` anywhere: the command's help, and nothing run (not even `web`).
  if (rest.includes('--help') || rest.includes('-h')) {
    env.out(`Cách dùng / Usage: motcua ${command.help}\n`);
    return 0;
  }
  let values: Values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: rest, options: optionsOf(command), strict: true, allowPositionals: true }));
  } catch (err) {
    usageError(env, command, (err as Error).message);
    return 2;
  }
  const bad = checkValues(command, values);
  if (bad) {
    usageError(env, command, bad);
    return 2;
  }
  const [min, max] = command.positionals;
  if (positionals.length < min || positionals.length > max) {
    usageError(env, command, positionals.length < min ? 'thiếu đối số / missing argument' : `thừa đối số / unexpected argument: ${positionals.slice(max).join(' ')}`);
    return 2;
  }
  try {
    return await command.run({ values, positionals, env });
  } catch (err) {
    if (err instanceof AppError) {
      printError(env, err.toPayload());
      return 1;
    }
    throw err;
  }
}

async function cmdProvision(ctx: Ctx): Promise<number> {
  const { values, env } = ctx;
  const c = commands.provision;
  if (values.apply !== undefined) {
    if (!isMachineAdmin()) {
      printError(env, NEEDS_ADMIN);
      return 1;
    }
    const { target, identity, previous } = applyBundle(str(values.apply)!, currentPlatform(), { replace: values.replace === true, dataDir: str(values['data-dir']) });
    env.out(
      `Đã ghi cấu hình quản trị / admin config written: ${target} (${identity}${previous && previous !== identity ? `, trước là / was ${previous}` : ''})\n` +
        'Khởi động lại ứng dụng để thiết bị đăng ký với cổng. / Restart the app; the device registers with the portal.\n',
    );
    return 0;
  }
  if (values.rotate) {
    if (!isMachineAdmin()) {
      printError(env, NEEDS_ADMIN);
      return 1;
    }
    return withHost(ctx, hostOptions({ config: values.config, 'data-dir': values['data-dir'] }), async (core) => {
      const r = await core.task('rotateCredentials', {});
      env.out(`Đã đổi mã thiết bị và khóa LAN / New token and LAN key for device ${r.deviceId} (${r.rotatedAt}).\nQuầy giữ hàng chờ nhận khóa mới ở lần đồng bộ tới. / The queue desk learns the new key at its next sync.\n`);
      return 0;
    });
  }
  const missing = ['ward', 'mode', 'portal'].filter((k) => !values[k]);
  if (missing.length) {
    usageError(env, c, `thiếu / missing ${missing.map((k) => `--${k}`).join(', ')}`);
    return 2;
  }
  const province = str(values.province) ?? env.vars.MOTCUA_PROVINCE;
  if (!province) {
    usageError(env, c, 'cho biết tỉnh/thành đang triển khai: --province 01 (hoặc MOTCUA_PROVINCE) / say which province you deploy in: --province 01 (or MOTCUA_PROVINCE)');
    return 2;
  }
  const table = str(values['ward-table']) ?? env.vars.MOTCUA_WARD_TABLE;
  const wards = table ? await loadWardTable(table) : bundledWards();
  const ward = checkWard(wards, str(values.ward)!, province);
  const mode = str(values.mode) as 'kiosk' | 'staff';
  const count = values.count ? Number(values.count) : 1;
  const firstSlot = values['first-slot'] ? Number(values['first-slot']) : 1;
  const letter = mode === 'kiosk' ? 'K' : 'Q';
  const slots = count === 1 ? `${letter}${String(firstSlot).padStart(2, '0')}` : `${letter}${String(firstSlot).padStart(2, '0')}…${letter}${String(firstSlot + count - 1).padStart(2, '0')}`;
  // The ward code goes into every dossier code: the admin sees what it names before anything is made.
  env.err(
    `Phường/xã / Ward: ${ward.name}, ${ward.provinceName} — mã / code ${ward.code}\n` +
      `  ${count} ${mode === 'kiosk' ? 'ki-ốt / kiosks' : 'quầy / desks'} ${slots}${values.replace ? ' (THAY THẾ / REPLACEMENT)' : ''}\n` +
      (wards.official ? `  Bảng mã / code table: ${wards.source}\n` : '  Bảng mã: danh sách kèm ứng dụng, KHÔNG phải bảng mã chính thức (nạp bảng chính thức bằng --ward-table).\n  Code table: the list bundled with the app, NOT the official one (load the official table with --ward-table).\n'),
  );
  if (!values.yes) {
    const answer = await env.ask('Đúng phường/xã này? / Is this the right ward? [c/y = có/yes, khác/other = không/no] ');
    if (answer === null) {
      usageError(env, c, 'không có ai trả lời để xác nhận phường/xã: kiểm tra dòng trên rồi chạy lại với --yes / nobody to confirm the ward: check the line above and run again with --yes');
      return 2;
    }
    if (!/^(c|co|có|y|yes)$/i.test(answer.trim())) {
      env.err('Đã hủy, không tạo gì. / Cancelled, nothing made.\n');
      return 1;
    }
  }
  const out = str(values.out) ?? 'provision';
  // The workstation's own proxy and CA, if its config names them (a city network behind a proxy).
  let network: { proxy: string; caFile: string } | undefined;
  try {
    network = loadConfig({ configFile: str(values.config) }).config.network;
  } catch {
    network = undefined;
  }
  const devices = await provision({
    ward,
    mode,
    portal: str(values.portal)!,
    out,
    count,
    firstSlot,
    enrollmentCode: str(values['enrollment-code']),
    adminToken: str(values['admin-token']) ?? env.vars.MOTCUA_PORTAL_ADMIN_TOKEN,
    updatesUrl: str(values['updates-url']),
    channel: values.channel === 'pilot' ? 'pilot' : 'stable',
    queueUrl: str(values['queue-url']),
    webHost: str(values['web-host']),
    ...(values['web-port'] ? { webPort: Number(values['web-port']) } : {}),
    expiresDays: values['expires-days'] ? Number(values['expires-days']) : 14,
    replace: values.replace === true,
    network,
  });
  if (values.json) env.out(`${JSON.stringify(devices, null, 2)}\n`);
  else {
    for (const d of devices) env.out(`${d.slot}  ${d.file}\n`);
    env.out(
      `Phiếu thiết bị (mã PIN, mã thiết lập) / Device sheets (PINs, setup codes): ${path.join(out, SHEETS_FILE)}\n` +
        '  In ra và cất giữ; không chép cùng gói cấu hình. / Print and keep it; do not copy it with the bundles.\n',
    );
  }
  return 0;
}

/** The first words of every command (`doctor`, `config`, `provision`…): what the installed app recognises as a command. */
export function commandWords(): string[] {
  return [...new Set([...COMMANDS.map((c) => c.name.split(' ')[0]!), 'help'])];
}
