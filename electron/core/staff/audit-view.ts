/**
 * The audit log as a supervisor reads it: one sentence per row, with people by name, the account or
 * dossier acted on, and what changed ("Trần Thị A đã tạo tài khoản xuly2 (Xử lý)", "… đã hẹn lại
 * hồ sơ X từ 16:00 02/12/2026 sang 10:00 04/12/2026"). Built on top of the stored rows, whatever
 * the storage: it reads only at, actor, action, dossier code, before and after.
 */
import { formatVn } from '../calendar/calendar.js';
import { STATUS_LABELS } from '../dossiers/lifecycle.js';
import type { Bilingual } from '../errors.js';
import type { DossierStatus } from '../sync/portal-types.js';
import { ROLE_LABELS, type AuditEntryView, type Role } from './model.js';
import { SYSTEM_ACTORS } from './names.js';

export interface AuditLine {
  id: number;
  at: string;
  actor: string;
  actorName: string;
  action: string;
  kind: AuditKind;
  dossierCode: string | null;
  sentence: Bilingual;
}

/** The kinds of action a supervisor filters by, each a set of stored action names. */
export const AUDIT_KINDS = {
  sign_in: { label: { vi: 'Đăng nhập, đăng xuất', en: 'Sign-in and sign-out' }, actions: ['staff.signIn', 'staff.signOut', 'staff.signInFailed', 'staff.signInAlert', 'staff.locked', 'staff.sourceHeld'] },
  accounts: { label: { vi: 'Tài khoản cán bộ', en: 'Staff accounts' }, actions: ['staff.create', 'staff.update', 'staff.passwordChanged'] },
  receive: { label: { vi: 'Tiếp nhận hồ sơ', en: 'Receiving' }, actions: ['dossier.receive.accept', 'dossier.receive.supplement', 'dossier.receive.refuse'] },
  transition: { label: { vi: 'Chuyển trạng thái hồ sơ', en: 'Dossier moves' }, actions: ['dossier.transition'] },
  appointment: { label: { vi: 'Hẹn lại ngày trả', en: 'New appointments' }, actions: ['dossier.appointmentMoved'] },
  print: { label: { vi: 'In giấy tờ', en: 'Printing' }, actions: ['dossier.printed'] },
  calendar: { label: { vi: 'Ngày nghỉ, ngày làm bù', en: 'Days off' }, actions: ['calendar.save'] },
  read: { label: { vi: 'Xem dữ liệu cá nhân', en: 'Personal data read' }, actions: ['dossier.read', 'dossier.search', 'dossier.attachment', 'dossier.print'] },
  exports: { label: { vi: 'Xuất sổ, báo cáo, nhật ký', en: 'Registers, reports and log exported' }, actions: ['report.register', 'report.export', 'audit.export'] },
  queue: { label: { vi: 'Gọi số thứ tự', en: 'Queue' }, actions: ['queue.callNext', 'queue.recall', 'queue.serve', 'queue.noShow', 'queue.finish', 'queue.transfer'] },
} as const satisfies Record<string, { label: Bilingual; actions: string[] }>;

export type AuditKind = keyof typeof AUDIT_KINDS | 'other';

export function kindOf(action: string): AuditKind {
  for (const [kind, k] of Object.entries(AUDIT_KINDS)) if ((k.actions as readonly string[]).includes(action)) return kind as AuditKind;
  return 'other';
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' ? (v as Obj) : {});
const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** "16:00 24/11/2026" in Vietnam's time. */
function when(iso: unknown): string {
  if (typeof iso !== 'string' || Number.isNaN(Date.parse(iso))) return '—';
  const v = formatVn(new Date(iso));
  const [y, m, d] = v.date.split('-');
  return `${v.time} ${d}/${m}/${y}`;
}
const day = (date: unknown) => (typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date.split('-').reverse().join('/') : str(date));
const status = (s: unknown): Bilingual => (typeof s === 'string' && s in STATUS_LABELS ? STATUS_LABELS[s as DossierStatus] : { vi: '—', en: '—' });
const roles = (r: unknown): Bilingual => {
  const list = Array.isArray(r) ? (r.filter((x) => typeof x === 'string' && x in ROLE_LABELS) as Role[]) : [];
  return { vi: list.map((x) => ROLE_LABELS[x].vi).join(', '), en: list.map((x) => ROLE_LABELS[x].en).join(', ') };
};
const both = (vi: string, en: string): Bilingual => ({ vi, en });

/** What an account change changed, as a list ("vai trò Tiếp nhận → Tiếp nhận, Xử lý; ngừng hoạt động"). */
function accountChanges(before: Obj, after: Obj): Bilingual {
  const vi: string[] = [];
  const en: string[] = [];
  const add = (v: string, e: string) => {
    vi.push(v);
    en.push(e);
  };
  if (str(before.displayName) !== str(after.displayName)) add(`họ tên “${str(before.displayName)}” → “${str(after.displayName)}”`, `name “${str(before.displayName)}” → “${str(after.displayName)}”`);
  if (JSON.stringify(before.roles) !== JSON.stringify(after.roles)) add(`vai trò ${roles(before.roles).vi} → ${roles(after.roles).vi}`, `roles ${roles(before.roles).en} → ${roles(after.roles).en}`);
  if (before.active !== after.active) add(after.active ? 'mở lại tài khoản' : 'ngừng hoạt động', after.active ? 'reactivated' : 'deactivated');
  if (after.passwordChanged) add('đặt mật khẩu mới', 'new password');
  return { vi: vi.join('; ') || 'không đổi gì', en: en.join('; ') || 'nothing changed' };
}

/** The sentence for one audit row, naming people through `name`. */
export function auditSentence(e: AuditEntryView, name: (username: string) => string): Bilingual {
  // An officer by name; a system or an admin without an account in the reader's language.
  const named = name(e.actor);
  const system = SYSTEM_ACTORS[e.actor];
  const who = system && named === system.vi ? system : both(named, named);
  const before = obj(e.before);
  const after = obj(e.after);
  const code = e.dossierCode ?? '';
  const s = (vi: string, en: string) => both(`${who.vi} ${vi}`, `${who.en} ${en}`);
  const from = str(after.source) ? both(` (từ ${str(after.source)})`, ` (from ${str(after.source)})`) : both('', '');
  const range = after.from && after.to ? both(` từ ${when(after.from)} đến ${when(after.to)}`, ` from ${when(after.from)} to ${when(after.to)}`) : both('', '');
  const rows = typeof after.rows === 'number' ? both(`, ${after.rows} dòng`, `, ${after.rows} rows`) : both('', '');
  const ticket = str(after.ticket);
  switch (e.action) {
    case 'staff.signIn':
      return s(`đăng nhập${after.counter ? ` tại ${str(after.counter)}` : ''}`, `signed in${after.counter ? ` at ${str(after.counter)}` : ''}`);
    case 'staff.signOut':
      return after.reason === 'wrongCurrentPassword'
        ? s(`bị đăng xuất vì nhập sai mật khẩu hiện tại nhiều lần khi đổi mật khẩu${from.vi}`, `was signed out after wrong current passwords in a password change${from.en}`)
        : s('đăng xuất', 'signed out');
    case 'staff.signInAlert': {
      const n = typeof after.failures === 'number' ? after.failures : 0;
      const k = typeof after.sources === 'number' ? after.sources : 0;
      return both(
        `Nhiều lần đăng nhập sai vào tài khoản ${e.actor}: ${n} lần từ ${k} địa chỉ kể từ ${when(after.since)}; máy lạ tạm không đăng nhập được tài khoản này`,
        `Many wrong passwords for account ${e.actor}: ${n} from ${k} addresses since ${when(after.since)}; unknown machines are held back from this account`,
      );
    }
    case 'device.rotate':
      return both('Quản trị viên của máy đã đổi khóa của thiết bị', 'The machine’s administrator rotated the device’s keys');
    case 'help.acknowledge':
      return s(`đã nhận lời gọi hỗ trợ của ${str(after.kiosk)}${after.counter ? ` tại ${str(after.counter)}` : ''}`, `answered the call for help from ${str(after.kiosk)}${after.counter ? ` at ${str(after.counter)}` : ''}`);
    case 'staff.signInFailed':
      return after.via === 'changePassword'
        ? both(`Nhập sai mật khẩu hiện tại của tài khoản ${e.actor} khi đổi mật khẩu${from.vi}`, `Wrong current password for account ${e.actor} in a password change${from.en}`)
        : both(`Đăng nhập sai mật khẩu vào tài khoản ${e.actor}${from.vi}`, `Wrong password for account ${e.actor}${from.en}`);
    case 'staff.locked':
      return both(`Tài khoản ${e.actor} bị khóa đến ${when(after.until)} vì nhập sai mật khẩu nhiều lần${from.vi}`, `Account ${e.actor} locked until ${when(after.until)} after repeated wrong passwords${from.en}`);
    case 'staff.sourceHeld':
      return both(`Máy ${str(after.source) || '?'} bị tạm chặn đăng nhập đến ${when(after.until)} vì nhập sai mật khẩu nhiều lần`, `Sign-ins from ${str(after.source) || '?'} held until ${when(after.until)} after repeated wrong passwords`);
    case 'staff.create':
      if (e.actor === 'setup') {
        return both(
          `Tạo tài khoản quản trị đầu tiên ${str(after.username)} (${roles(after.roles).vi}) khi thiết lập lần đầu, bằng mã thiết lập`,
          `The first admin account ${str(after.username)} (${roles(after.roles).en}) was created at first-run setup, with the setup code`,
        );
      }
      return s(`đã tạo tài khoản ${str(after.username)} (${roles(after.roles).vi})`, `created the account ${str(after.username)} (${roles(after.roles).en})`);
    case 'staff.update': {
      const c = accountChanges(before, after);
      return s(`đã sửa tài khoản ${str(after.username)}: ${c.vi}`, `changed the account ${str(after.username)}: ${c.en}`);
    }
    case 'staff.passwordChanged':
      return s('đã đổi mật khẩu của mình', 'changed their own password');
    case 'dossier.receive.accept':
      return s(`đã tiếp nhận hồ sơ ${code}, hẹn trả ${when(after.appointmentAt)}`, `received dossier ${code}, result due ${when(after.appointmentAt)}`);
    case 'dossier.receive.supplement':
      return s(`đã yêu cầu bổ sung hồ sơ ${code}`, `asked for a supplement to dossier ${code}`);
    case 'dossier.receive.refuse':
      return s(`đã từ chối tiếp nhận hồ sơ ${code}`, `refused dossier ${code}`);
    case 'dossier.transition': {
      const note = str(after.note);
      return s(
        `đã chuyển hồ sơ ${code} từ “${status(before.status).vi}” sang “${status(after.status).vi}”${note ? `: ${note}` : ''}`,
        `moved dossier ${code} from “${status(before.status).en}” to “${status(after.status).en}”${note ? `: ${note}` : ''}`,
      );
    }
    case 'dossier.appointmentMoved':
      return s(
        `đã hẹn lại hồ sơ ${code} từ ${when(before.appointmentAt)} sang ${when(after.appointmentAt)} (lý do: ${str(after.reason)})`,
        `moved the appointment of dossier ${code} from ${when(before.appointmentAt)} to ${when(after.appointmentAt)} (reason: ${str(after.reason)})`,
      );
    case 'dossier.printed': {
      const again = Number(after.copy) > 1;
      return s(`đã ${again ? 'in lại' : 'in'} mẫu ${str(after.form)} của hồ sơ ${code}`, `${again ? 'reprinted' : 'printed'} form ${str(after.form)} of dossier ${code}`);
    }
    case 'calendar.save': {
      const kind = str(after.kind);
      const d = day(after.date);
      if (kind === 'off') return s(`đã đặt ngày ${d} là ngày nghỉ “${str(after.name)}”`, `made ${d} a day off “${str(after.name)}”`);
      if (kind === 'workday') return s(`đã đặt ngày ${d} là ngày làm bù “${str(after.name)}”`, `made ${d} a make-up working day “${str(after.name)}”`);
      return s(`đã đưa ngày ${d} về ngày thường`, `made ${d} an ordinary day again`);
    }
    case 'dossier.read':
      // A form opened to look at (not printed) is a read of the dossier too.
      if (after.form) return s(`đã xem mẫu ${str(after.form)} của hồ sơ ${code}`, `viewed form ${str(after.form)} of dossier ${code}`);
      return s(`đã xem hồ sơ ${code}`, `viewed dossier ${code}`);
    case 'dossier.attachment':
      return s(`đã mở bản chụp “${str(after.name)}” của hồ sơ ${code}`, `opened the scan “${str(after.name)}” of dossier ${code}`);
    case 'dossier.print':
      return s(`đã mở trang in hồ sơ ${code}`, `opened the print page of dossier ${code}`);
    case 'dossier.search': {
      const found = Array.isArray(after.codes) ? after.codes.length : 0;
      return s(`đã tìm hồ sơ theo “${str(after.query)}” (${found} kết quả)`, `searched dossiers for “${str(after.query)}” (${found} found)`);
    }
    case 'report.register':
      return s(`đã xem sổ theo dõi hồ sơ${range.vi}${rows.vi}`, `viewed the dossier register${range.en}${rows.en}`);
    case 'report.export':
      return s(`đã xuất báo cáo${after.format ? ` (${str(after.format).toUpperCase()})` : ''}${range.vi}${rows.vi}`, `exported the report${after.format ? ` (${str(after.format).toUpperCase()})` : ''}${range.en}${rows.en}`);
    case 'audit.export':
      return s(`đã xuất nhật ký thao tác ra tệp CSV${range.vi}${rows.vi}`, `exported the audit log to CSV${range.en}${rows.en}`);
    case 'audit.keyed':
      return both('Nhật ký bắt đầu được ký khóa từ dòng này', 'The log is keyed from this row on');
    case 'queue.callNext':
      return s(`đã gọi số ${ticket} tại ${str(after.counter)}`, `called ticket ${ticket} at ${str(after.counter)}`);
    case 'queue.recall':
      return s(`đã gọi lại số ${ticket} tại ${str(after.counter)}`, `called ticket ${ticket} again at ${str(after.counter)}`);
    case 'queue.serve':
      return s(`đang phục vụ số ${ticket}`, `is serving ticket ${ticket}`);
    case 'queue.noShow':
      return s(`đã bỏ qua số ${ticket} (công dân vắng mặt)`, `marked ticket ${ticket} absent`);
    case 'queue.finish':
      return s(`đã xong số ${ticket}${code ? ` (hồ sơ ${code})` : ''}`, `finished ticket ${ticket}${code ? ` (dossier ${code})` : ''}`);
    case 'queue.transfer':
      return s(`đã chuyển số ${ticket}${after.counter ? ` sang ${str(after.counter)}` : ''}`, `transferred ticket ${ticket}${after.counter ? ` to ${str(after.counter)}` : ''}`);
    case 'rating.record':
      return s(`đã ghi đánh giá của công dân${code ? ` cho hồ sơ ${code}` : ''}`, `recorded a citizen’s rating${code ? ` for dossier ${code}` : ''}`);
    case 'announcement.create':
      return s(`đã đăng thông báo “${str(after.title)}”`, `posted the announcement “${str(after.title)}”`);
    case 'sync.retryParked':
      return s('đã gửi lại một thay đổi bị cổng từ chối', 'retried a change the portal refused');
    case 'kiosk.adminExit':
      return both('Quản trị thiết bị đã thoát chế độ kiosk', 'The device admin left kiosk mode');
    default:
      return s(`— ${e.action}${code ? ` (${code})` : ''}`, `— ${e.action}${code ? ` (${code})` : ''}`);
  }
}

export function auditLine(e: AuditEntryView, name: (username: string) => string): AuditLine {
  return { id: e.id, at: e.at, actor: e.actor, actorName: name(e.actor), action: e.action, kind: kindOf(e.action), dossierCode: e.dossierCode, sentence: auditSentence(e, name) };
}
