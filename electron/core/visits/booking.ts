/**
 * Booking a counter visit (the queue desk keeps the ward's bookings): a day and a time slot within
 * office hours on working days — the working calendar decides which days and hours (days off,
 * make-up Saturdays, Saturday mornings where the office opens them) —, a booking code to show on
 * arrival, and on arrival a ticket in the procedure's group that is called before walk-ins.
 * A booking carries no name, no phone: the code is the resident's, printed with the checklist.
 */
import crypto from 'node:crypto';
import type { WorkingCalendar } from '../calendar/calendar.js';
import type { Db } from '../db/open.js';
import type { QueueGroup, TicketView } from '../desk/model.js';
import type { BookingDay, BookingSlot, BookingView } from './model.js';
import { normalizeBookingCode } from './code.js';
export { normalizeBookingCode } from './code.js';
export type { BookingDay, BookingSlot, BookingView } from './model.js';
import { AppError } from '../errors.js';
import { searchFold } from '../text/fold.js';
import { addDays, formatDay, formatVn, vnDay, vnInstant } from '../time.js';
import type { Queue } from '../queue/queue.js';

export interface BookingRules {
  /** Minutes per slot (default 30). */
  slotMinutes: number;
  /** Bookings a slot takes per queue group (default 2): the rest of the counter's time is for walk-ins. */
  perSlot: number;
  /** How many working days ahead one may book, today included (default 5). */
  days: number;
}

interface BookingRow {
  code: string;
  day: string;
  slot: string;
  procedure_code: string;
  procedure_name: string;
  service_group: string;
  status: BookingView['status'];
  booked_at: string;
  checked_in_at: string | null;
  ticket_label: string | null;
  ticket_status: TicketView['status'] | null;
}

/** A booking code: "LH-" and six letters and digits a resident cannot confuse (no 0/O, 1/I). */
const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
function newCode(): string {
  const bytes = crypto.randomBytes(6);
  return `LH-${[...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('')}`;
}

/**
 * The queue group that receives a procedure's sector: a group that lists the sector (E Chính sách –
 * Xã hội: Người có công, Bảo trợ xã hội…), else the group whose name shares a word with the sector
 * (Hộ tịch → A Hộ tịch, "Đăng ký, quản lý cư trú" → B Cư trú, Đất đai → C Đất đai – Xây dựng),
 * else the first group.
 */
export function groupForSector(sector: string, groups: QueueGroup[]): QueueGroup {
  const words = (s: string) => new Set(searchFold(s).split(/[^a-z0-9]+/).filter((w) => w.length > 1));
  const sectorWords = words(sector);
  const folded = searchFold(sector);
  let best: { g: QueueGroup; score: number } | null = null;
  for (const g of groups) {
    const name = searchFold(g.name);
    // A group name's parts ("Đất đai – Xây dựng") each count whole: "dat dai" in the sector.
    const parts = name.split(/\s*[–-]\s*/).filter(Boolean);
    const whole = parts.filter((p) => folded.includes(p)).length * 10;
    const common = [...words(g.name)].filter((w) => sectorWords.has(w)).length;
    const listed = (g.sectors ?? []).some((s) => folded.includes(searchFold(s))) ? 100 : 0;
    const score = listed + whole + common;
    if (score > 0 && (!best || score > best.score)) best = { g, score };
  }
  return best?.g ?? groups[0]!;
}

export class Bookings {
  constructor(
    private readonly db: Db,
    private readonly calendar: () => WorkingCalendar,
    private readonly rules: BookingRules,
    private readonly groups: QueueGroup[],
  ) {}

  private taken(day: string, group: string): Map<string, number> {
    const rows = this.db
      .prepare<[string, string], { slot: string; n: number }>("SELECT slot, count(*) AS n FROM counter_bookings WHERE day = ? AND service_group = ? AND status != 'cancelled' GROUP BY slot")
      .all(day, group);
    return new Map(rows.map((r) => [r.slot, r.n]));
  }

  /**
   * The slots one may book for `group`: the next `days` working days (today included), each office
   * period cut into `slotMinutes` slots that start at least 30 minutes from now, with what is left.
   */
  days(group: QueueGroup, now: Date): BookingDay[] {
    const calendar = this.calendar();
    const out: BookingDay[] = [];
    const step = this.rules.slotMinutes * 60_000;
    const earliest = now.getTime() + 30 * 60_000;
    for (let day = vnDay(now), tries = 0; out.length < this.rules.days && tries < 60; day = addDays(day, 1), tries++) {
      // A Saturday morning the office opens is bookable, though it is not working time for time limits.
      if (!calendar.isOpen(day)) continue;
      const taken = this.taken(day, group.code);
      const slots: BookingSlot[] = [];
      for (const [start, end] of calendar.periods(day)) {
        for (let t = start; t + step <= end; t += step) {
          if (t < earliest) continue;
          const time = formatVn(t).time;
          slots.push({ time, left: Math.max(0, this.rules.perSlot - (taken.get(time) ?? 0)) });
        }
      }
      if (slots.length) out.push({ day, slots });
    }
    return out;
  }

  /** Books `slot` of `day` for a procedure; refused with a plain reason when the slot is not open or full. */
  book(p: { code: string; name: string; sector: string }, day: string, slot: string, source: string, now: Date): BookingView {
    const group = groupForSector(p.sector, this.groups);
    return this.db.transaction(() => {
      const open = this.days(group, now).find((d) => d.day === day)?.slots.find((s) => s.time === slot);
      if (!open) {
        throw new AppError('validation', { vi: 'Khung giờ này không còn đặt được (ngoài giờ làm việc hoặc đã qua). Hãy chọn giờ khác.', en: 'This time cannot be booked (outside office hours or past). Choose another.' }, { field: 'slot' });
      }
      if (open.left <= 0) throw new AppError('validation', { vi: 'Khung giờ này đã kín lịch. Hãy chọn giờ khác.', en: 'This time is fully booked. Choose another.' }, { field: 'slot' });
      let code = newCode();
      while (this.db.prepare('SELECT 1 FROM counter_bookings WHERE code = ?').get(code)) code = newCode();
      this.db
        .prepare("INSERT INTO counter_bookings (code, day, slot, procedure_code, procedure_name, service_group, status, booked_at, source) VALUES (?, ?, ?, ?, ?, ?, 'booked', ?, ?)")
        .run(code, day, slot, p.code, p.name, group.code, now.toISOString(), source);
      return this.get(code)!;
    })();
  }

  get(code: string): BookingView | null {
    const r = this.db
      .prepare<[string], BookingRow>(
        `SELECT b.*, t.label AS ticket_label, t.status AS ticket_status FROM counter_bookings b LEFT JOIN queue_tickets t ON t.id = b.ticket_id WHERE b.code = ?`,
      )
      .get(code);
    return r ? this.view(r) : null;
  }

  /** A day's bookings, by time. */
  list(day: string): BookingView[] {
    return this.db
      .prepare<[string], BookingRow>(
        `SELECT b.*, t.label AS ticket_label, t.status AS ticket_status FROM counter_bookings b LEFT JOIN queue_tickets t ON t.id = b.ticket_id
         WHERE b.day = ? AND b.status != 'cancelled' ORDER BY b.slot, b.id`,
      )
      .all(day)
      .map((r) => this.view(r));
  }

  /**
   * A booked resident arrives: on the booked day, from an hour before the slot to half an hour after
   * it, they get a ticket in the procedure's group ahead of walk-ins. Checking in twice gives the
   * same ticket back; another day, or too late, is told in plain words (take an ordinary number).
   */
  checkIn(codeText: string, queue: Queue, now: Date): { booking: BookingView; ticket: TicketView } {
    const code = normalizeBookingCode(codeText);
    if (!code) throw new AppError('validation', { vi: 'Mã đặt lịch chưa đúng. Mã có dạng LH-7K3Q9P, in trên phiếu đặt lịch.', en: 'That is not a booking code. It looks like LH-7K3Q9P, printed on the booking slip.' }, { field: 'code' });
    return this.db.transaction(() => {
      const b = this.db.prepare<[string], { id: number; day: string; slot: string; service_group: string; status: string; ticket_id: number | null }>('SELECT id, day, slot, service_group, status, ticket_id FROM counter_bookings WHERE code = ?').get(code);
      if (!b || b.status === 'cancelled') throw new AppError('not_found', { vi: `Không tìm thấy lịch hẹn ${code}.`, en: `No booking ${code}.` }, { field: 'code' });
      if (b.ticket_id) return { booking: this.get(code)!, ticket: queue.get(b.ticket_id) };
      const today = vnDay(now);
      if (b.day !== today) {
        throw new AppError('validation', { vi: `Lịch hẹn ${code} là ngày ${formatDay(b.day)}, lúc ${b.slot}. Hôm nay bạn có thể lấy số thứ tự thường.`, en: `Booking ${code} is for ${formatDay(b.day)} at ${b.slot}. Today you can take an ordinary queue number.` }, { field: 'code' });
      }
      const start = vnInstant(b.day, b.slot).getTime();
      const t = now.getTime();
      if (t < start - 3_600_000) {
        throw new AppError('validation', { vi: `Lịch hẹn lúc ${b.slot}: hãy xác nhận từ ${formatVn(start - 3_600_000).time}.`, en: `Your booking is at ${b.slot}: check in from ${formatVn(start - 3_600_000).time}.` }, { field: 'code' });
      }
      if (t > start + (this.rules.slotMinutes + 30) * 60_000) {
        throw new AppError('validation', { vi: `Đã quá giờ hẹn ${b.slot}. Hãy lấy số thứ tự thường.`, en: `Your ${b.slot} booking has passed. Please take an ordinary queue number.` }, { field: 'code' });
      }
      const ticket = queue.issue(b.service_group, 'kiosk', now, code);
      this.db.prepare("UPDATE counter_bookings SET status = 'checked_in', checked_in_at = ?, ticket_id = ? WHERE id = ?").run(now.toISOString(), ticket.id, b.id);
      return { booking: this.get(code)!, ticket };
    })();
  }

  private view(r: BookingRow): BookingView {
    return {
      code: r.code,
      day: r.day,
      slot: r.slot,
      procedureCode: r.procedure_code,
      procedureName: r.procedure_name,
      group: this.groups.find((g) => g.code === r.service_group) ?? { code: r.service_group, name: r.service_group },
      status: r.status,
      bookedAt: r.booked_at,
      checkedInAt: r.checked_in_at,
      ticket: r.ticket_label ? { label: r.ticket_label, status: r.ticket_status! } : null,
    };
  }
}
