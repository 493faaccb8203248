import { z } from 'zod';

/** The full configuration schema. Every layer is a partial of this; the merged result must pass it whole. */
const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

/** True for a host on this machine: plain http may stay for development and tests there. */
export function isLoopback(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/**
 * A URL the device fetches code or personal data from or sends it to: https, except on this machine.
 * (A plain-http portal on the network would hand every filing to whoever sits on the path.)
 */
const secureUrl = z.union([
  z.literal(''),
  z.url({ protocol: /^https?$/ }).refine((u) => new URL(u).protocol === 'https:' || isLoopback(new URL(u).hostname), {
    params: { message: { vi: 'Máy chủ ở xa phải dùng https:// (http chỉ dùng được trên chính máy này).', en: 'A remote host needs https:// (plain http only on this machine).' } },
  }),
]);
/** A scrypt hash (`scrypt$N$r$p$salt$hash`) made by `motcua provision`; empty when none. */
const scryptHash = z.union([z.literal(''), z.string().regex(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/)]);

export const configSchema = z
  .object({
    mode: z.enum(['kiosk', 'staff']),
    ward: z
      .object({
        code: z.string().trim().min(1).max(20),
        name: z.string().trim().min(1).max(120),
      })
      .strict(),
    portal: z
      .object({
        /** Empty means offline: no sync is attempted. */
        url: secureUrl,
        syncMinutes: z.number().int().min(1).max(1440),
        /** One-time code from the portal admin; used once to register this device. */
        enrollmentCode: z.string().max(64),
        /** How outbound dossiers leave: our city portal API, or the national portal's dossier JSON. */
        dossierAdapter: z.enum(['city', 'national']),
        nationalUrl: secureUrl,
      })
      .strict(),
    device: z
      .object({
        /** This device's slot in its ward (K01, Q02…): part of every dossier code it issues. */
        slot: z.string().regex(/^[A-Z0-9]{1,6}$/),
      })
      .strict(),
    locale: z.enum(['vi', 'en']),
    kiosk: z
      .object({
        idleSeconds: z.number().int().min(15).max(3600),
        /** The admin exit's PIN as its hash (from provisioning); empty: no admin exit until the device is provisioned. */
        adminPinHash: scryptHash,
        /** Deprecated: a PIN in plain text (old configs, development); the hash wins when both are set. */
        adminPin: z.union([z.literal(''), z.string().regex(/^\d{4,8}$/)]),
        /** Days a filing's personal data and papers stay on a kiosk after the portal acknowledged it. */
        retentionDays: z.number().int().min(0).max(90),
        /** The name the desks see when this kiosk calls an officer ("Ki-ốt sảnh tầng 1"); empty: "Ki-ốt <slot>". */
        name: z.string().trim().max(60),
      })
      .strict(),
    printers: z
      .object({
        /** Printer names as the OS knows them; empty = the system default. */
        receipt: z.string().max(200),
        ticket: z.string().max(200),
        document: z.string().max(200),
      })
      .strict(),
    /** Empty = the per-OS default (Electron's userData). */
    dataDir: z.string().max(1000),
    web: z
      .object({
        host: z.string().min(1).max(255),
        port: z.number().int().min(0).max(65535),
      })
      .strict(),
    log: z
      .object({
        level: z.enum(['debug', 'info', 'warn', 'error']),
        maxBytes: z.number().int().min(10_000).max(100_000_000),
        maxFiles: z.number().int().min(1).max(50),
      })
      .strict(),
    office: z
      .object({
        /** Office periods Monday to Friday (and make-up working days), "HH:MM". */
        weekday: z.array(z.tuple([z.string().regex(/^\d{2}:\d{2}$/), z.string().regex(/^\d{2}:\d{2}$/)])).max(4),
        /** Saturday periods where the counter works Saturday mornings; empty otherwise. */
        saturday: z.array(z.tuple([z.string().regex(/^\d{2}:\d{2}$/), z.string().regex(/^\d{2}:\d{2}$/)])).max(4),
        /** The office's name as residents know it ("Bộ phận Một cửa UBND phường Ba Đình"); empty: "Bộ phận Một cửa – <ward name>". */
        name: z.string().trim().max(200),
        /** Where residents bring their papers, printed on the kiosk's receipt; empty prints the ward's name only. */
        address: z.string().trim().max(300),
        /** The number residents call with questions, printed on the receipt (default: the national public service hotline). */
        hotline: z.string().trim().regex(/^[0-9 .+()-]{0,30}$/),
      })
      .strict(),
    search: z
      .object({
        /** How much commune-level procedures rise in results (0 = not at all); for ward kiosks and desks. */
        communeBoost: z.number().min(0).max(5),
        /** How much Project 06's essential services rise. */
        essentialBoost: z.number().min(0).max(5),
      })
      .strict(),
    /** Booking a counter visit (kept by the queue desk). */
    booking: z
      .object({
        /** Minutes per time slot. */
        slotMinutes: z.number().int().min(10).max(120),
        /** Bookings per slot and queue group; the rest of the counter's time is for walk-ins. */
        perSlot: z.number().int().min(0).max(50),
        /** Working days ahead one may book, today included. */
        days: z.number().int().min(1).max(30),
      })
      .strict(),
    updates: z
      .object({
        /** The city's update server (a generic electron-builder feed); empty: no automatic updates. */
        url: secureUrl,
        /** Pilot devices take pilot releases first; the rest stay on stable. */
        channel: z.enum(['stable', 'pilot']),
        /** Pin this device (or, in the admin file, every device) to one version; empty follows the channel. */
        pinVersion: z.union([z.literal(''), z.string().regex(/^\d+\.\d+\.\d+(-[0-9A-Za-z.]+)?$/)]),
        checkMinutes: z.number().int().min(5).max(1440),
      })
      .strict(),
    watchdog: z
      .object({
        /** A daily restart at this time (Vietnam's time), "" for none: clears leaks in long-running kiosks. */
        nightlyRestart: z.union([z.literal(''), HHMM]),
        /** Kiosk screen off between these times (the panel sleeps; a touch wakes it); "" for never. */
        screenOffFrom: z.union([z.literal(''), HHMM]),
        screenOffTo: z.union([z.literal(''), HHMM]),
      })
      .strict(),
    desk: z
      .object({
        /** This desk's counter, as called on the display ("Quầy 1"). */
        counter: z.string().trim().min(1).max(40),
        /** The queue groups this counter calls from. */
        groups: z.array(z.string().regex(/^[A-Z]$/)).min(1).max(26),
        /** The desk screen locks after this many idle minutes; a signed-in session ends with it. */
        lockMinutes: z.number().int().min(1).max(240),
        /** Failed sign-ins before an account is locked, and for how long. */
        maxFailedSignIns: z.number().int().min(3).max(20),
        lockoutMinutes: z.number().int().min(1).max(1440),
        /** The first-run setup code's hash (from provisioning); empty: the desk makes one, shown by motcua doctor. */
        setupCodeHash: scryptHash,
      })
      .strict(),
    queue: z
      .object({
        /**
         * Service groups, e.g. A Hộ tịch; tickets are numbered A001… and reset daily. `sectors`: the
         * catalog's sectors (lĩnh vực) the group receives besides those sharing its name's words — shown
         * to residents under the group's name, and used to route a booking.
         */
        groups: z
          .array(z.object({ code: z.string().regex(/^[A-Z]$/), name: z.string().trim().min(1).max(80), sectors: z.array(z.string().trim().min(1).max(120)).max(20).optional() }).strict())
          .min(1)
          .max(26),
        /**
         * The ward's queue desk on the office LAN: a kiosk takes tickets from it, and a desk that is not
         * the queue desk calls, recalls, transfers and finishes tickets on it (empty: a kiosk has no
         * ticket button; a desk keeps its own queue — it is the queue desk).
         */
        url: z.union([z.literal(''), z.url({ protocol: /^https?$/ })]),
      })
      .strict(),
    network: z
      .object({
        /**
         * How the device reaches the portal and the update server: "" = the environment's proxy
         * (HTTPS_PROXY, HTTP_PROXY, NO_PROXY), and in the app the system's proxy when the environment
         * names none; "direct" = no proxy; or a proxy URL (http://proxy.hanoi.gov.vn:3128).
         */
        proxy: z.union([z.literal(''), z.literal('direct'), z.url({ protocol: /^https?$/ })]),
        /** A PEM file of CA certificates to trust besides the system's (a city's private CA); "" = none. */
        caFile: z.string().max(1000),
      })
      .strict(),
    backup: z
      .object({
        /** Where scheduled backups go: a folder or a mounted share; "" = no scheduled backup. */
        dir: z.string().max(1000),
        /** When the daily backup runs, "HH:MM" Vietnam time. */
        time: HHMM,
        /** How many backups are kept in `dir`; older ones are removed. */
        keep: z.number().int().min(1).max(365),
      })
      .strict(),
    /** Keys (dotted) the admin layer locks: lower layers cannot change them. Only read from the admin file. */
    locked: z.array(z.string()).superRefine((keys, ctx) => {
      keys.forEach((key, i) => {
        if (!isConfigKey(key)) {
          ctx.addIssue({
            code: 'custom',
            path: [i],
            params: {
              message: {
                vi: `“${key}” trong danh sách khóa (locked) không phải là khóa cấu hình nào: sửa lỗi chính tả, nếu không khóa đó không được bảo vệ.`,
                en: `“${key}” in the locked list is not a config key: fix the spelling, or that key is left unprotected.`,
              },
            },
          });
        }
      });
    }),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;

/** Built-in defaults: the lowest layer. */
export const builtInDefaults: Config = {
  mode: 'kiosk',
  ward: { code: '00000', name: 'Chưa cấu hình phường/xã' },
  portal: { url: '', syncMinutes: 5, enrollmentCode: '', dossierAdapter: 'city', nationalUrl: '' },
  device: { slot: '01' },
  locale: 'vi',
  kiosk: { idleSeconds: 60, adminPinHash: '', adminPin: '', retentionDays: 7, name: '' },
  printers: { receipt: '', ticket: '', document: '' },
  dataDir: '',
  web: { host: '127.0.0.1', port: 4870 },
  log: { level: 'info', maxBytes: 5_000_000, maxFiles: 5 },
  office: { weekday: [['07:30', '11:30'], ['13:00', '17:00']], saturday: [], name: '', address: '', hotline: '1800 1096' },
  search: { communeBoost: 0.3, essentialBoost: 0.2 },
  booking: { slotMinutes: 30, perSlot: 2, days: 5 },
  updates: { url: '', channel: 'stable', pinVersion: '', checkMinutes: 60 },
  watchdog: { nightlyRestart: '03:00', screenOffFrom: '', screenOffTo: '' },
  desk: { counter: 'Quầy 1', groups: ['A', 'B', 'C', 'D', 'E'], lockMinutes: 10, maxFailedSignIns: 5, lockoutMinutes: 15, setupCodeHash: '' },
  queue: {
    groups: [
      { code: 'A', name: 'Hộ tịch' },
      { code: 'B', name: 'Cư trú' },
      { code: 'C', name: 'Đất đai – Xây dựng' },
      { code: 'D', name: 'Kinh doanh' },
      // Social policy: war veterans and families of martyrs, social protection, poverty relief, allowances.
      { code: 'E', name: 'Chính sách – Xã hội', sectors: ['Người có công', 'Bảo trợ xã hội', 'Giảm nghèo', 'Trẻ em', 'Trợ cấp'] },
    ],
    url: '',
  },
  network: { proxy: '', caFile: '' },
  backup: { dir: '', time: '02:00', keep: 7 },
  locked: [],
};

/**
 * A key an admin may lock: a leaf of the config ("kiosk.idleSeconds") or a section ("portal").
 * `locked` itself cannot be locked (only the admin file sets it).
 */
export function isConfigKey(key: string): boolean {
  if (key === 'locked' || key === '') return false;
  return leafKeys(builtInDefaults).some((leaf) => leaf !== 'locked' && (leaf === key || leaf.startsWith(`${key}.`)));
}

/** Each layer file: any subset of the keys, every given key valid, no unknown keys. */
export const layerSchema = partialDeep(configSchema);

function partialDeep(schema: typeof configSchema) {
  const shape = schema.shape;
  return z
    .object({
      mode: shape.mode.optional(),
      ward: shape.ward.partial().strict().optional(),
      portal: shape.portal.partial().strict().optional(),
      device: shape.device.partial().strict().optional(),
      locale: shape.locale.optional(),
      kiosk: shape.kiosk.partial().strict().optional(),
      printers: shape.printers.partial().strict().optional(),
      dataDir: shape.dataDir.optional(),
      web: shape.web.partial().strict().optional(),
      log: shape.log.partial().strict().optional(),
      office: shape.office.partial().strict().optional(),
      search: shape.search.partial().strict().optional(),
      booking: shape.booking.partial().strict().optional(),
      updates: shape.updates.partial().strict().optional(),
      watchdog: shape.watchdog.partial().strict().optional(),
      desk: shape.desk.partial().strict().optional(),
      queue: shape.queue.partial().strict().optional(),
      network: shape.network.partial().strict().optional(),
      backup: shape.backup.partial().strict().optional(),
      locked: shape.locked.optional(),
    })
    .strict();
}

export type ConfigLayer = z.infer<ReturnType<typeof partialDeep>>;

/** Every leaf key as a dotted path, e.g. "portal.url". */
export function leafKeys(value: object, prefix = ''): string[] {
  const keys: string[] = [];
  for (const [k, v] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) keys.push(...leafKeys(v as object, path));
    else keys.push(path);
  }
  return keys;
}
