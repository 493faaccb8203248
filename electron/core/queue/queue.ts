import type { Db } from '../db/open.js';
import { vnDay } from '../time.js';
import { AppError } from '../errors.js';
import type { QueueBoard, QueueGroup, QueueStats, TicketView } from '../desk/model.js';

/**
 * The counter queue: tickets per service group, numbered A001… and restarted every day (Vietnam's
 * day). A counter calls the oldest ticket of its groups — a ticket transferred to that counter
 * first — then serves it, or marks it a no-show; a ticket can be recalled or transferred.
 */
interface Row {
  id: number;
  day: string;
  service_group: string;
  label: string;
  status: TicketView['status'];
  target_counter: string | null;
  counter: string | null;
  calls: number;
  issued_at: string;
  called_at: string | null;
  served_at: string | null;
  done_at: string | null;
  dossier_code: string | null;
  ahead?: number;
}

export class Queue {
  constructor(
    private readonly db: Db,
    private readonly groups: QueueGroup[],
  ) {}

  private group(code: string): QueueGroup {
    return this.groups.find((g) => g.code === code) ?? { code, name: code };
  }

  private view(r: Row): TicketView {
    return {
      id: r.id,
      label: r.label,
      group: this.group(r.service_group),
      status: r.status,
      counter: r.counter,
      targetCounter: r.target_counter,
      issuedAt: r.issued_at,
      calledAt: r.called_at,
      servedAt: r.served_at,
      doneAt: r.done_at,
      calls: r.calls,
      ahead: r.ahead ?? 0,
      dossierCode: r.dossier_code,
    };
  }

  private row(id: number): Row {
    const r = this.db.prepare<[number], Row>('SELECT * FROM queue_tickets WHERE id = ?').get(id);
    if (!r) throw new AppError('not_found', { vi: `Không có số thứ tự ${id}.`, en: `No ticket ${id}.` });
    return r;
  }

  get(id: number): TicketView {
    return this.view(this.row(id));
  }

  /**
   * A new ticket of `groupCode`. `booking`: a booked resident who checked in — their ticket carries
   * the booking's code and is called before the group's walk-ins (`callNext`).
   */
  issue(groupCode: string, source: 'kiosk' | 'desk', now: Date, booking?: string): TicketView {
    if (!this.groups.some((g) => g.code === groupCode)) {
      throw new AppError('validation', { vi: `Không có nhóm dịch vụ “${groupCode}”.`, en: `There is no service group “${groupCode}”.` }, { field: 'group' });
    }
    const day = vnDay(now);
    return this.db.transaction(() => {
      const n = this.db
        .prepare<[string], { last: number }>('INSERT INTO daily_sequences (day, last) VALUES (?, 1) ON CONFLICT (day) DO UPDATE SET last = last + 1 RETURNING last')
        .get(`queue:${groupCode}:${day}`)!.last;
      const label = `${groupCode}${String(n).padStart(3, '0')}`;
      // A booked resident waits only behind other booked residents of the group.
      const ahead = this.db
        .prepare<[string, string, number], { n: number }>("SELECT count(*) AS n FROM queue_tickets WHERE day = ? AND status = 'waiting' AND service_group = ? AND priority >= ?")
        .get(day, groupCode, booking ? 1 : 0)!.n;
      const id = Number(
        this.db
          .prepare("INSERT INTO queue_tickets (day, service_group, label, status, source, issued_at, priority, booking_code) VALUES (?, ?, ?, 'waiting', ?, ?, ?, ?)")
          .run(day, groupCode, label, source, now.toISOString(), booking ? 1 : 0, booking ?? null).lastInsertRowid,
      );
      return this.view({ ...this.row(id), ahead });
    })();
  }

  /** The ticket this counter has called or is serving, if any. */
  current(counter: string, now: Date): TicketView | null {
    const r = this.db
      .prepare<[string, string], Row>("SELECT * FROM queue_tickets WHERE day = ? AND counter = ? AND status IN ('called', 'serving') ORDER BY id DESC LIMIT 1")
      .get(vnDay(now), counter);
    return r ? this.view(r) : null;
  }

  /**
   * The next ticket for `counter`: one transferred to it first, then its groups' (booked residents
   * first). A ticket transferred to a counter no longer at work (`working`) is its group's again, so
   * nobody is stranded behind a counter that closed.
   */
  callNext(counter: string, groupCodes: string[], officer: string, now: Date, working: string[] = [counter]): TicketView | null {
    return this.db.transaction(() => {
      const busy = this.current(counter, now);
      if (busy) {
        throw new AppError('validation', {
          vi: `Quầy đang phục vụ số ${busy.label}: hãy kết thúc hoặc đánh dấu vắng mặt trước khi gọi số tiếp theo.`,
          en: `This counter has ${busy.label}: finish it or mark it absent before calling the next.`,
        });
      }
      const placeholders = groupCodes.map(() => '?').join(', ');
      const open = [...new Set([counter, ...working])];
      const next = this.db
        .prepare<(string | number)[], Row>(
          `SELECT * FROM queue_tickets WHERE day = ? AND status = 'waiting'
             AND (target_counter = ? OR ((target_counter IS NULL OR target_counter NOT IN (${open.map(() => '?').join(', ')})) AND service_group IN (${placeholders})))
           ORDER BY target_counter IS NULL OR target_counter != ?, priority DESC, id LIMIT 1`,
        )
        .get(vnDay(now), counter, ...open, ...groupCodes, counter);
      if (!next) return null;
      this.db
        .prepare("UPDATE queue_tickets SET status = 'called', counter = ?, officer = ?, called_at = ?, calls = calls + 1, target_counter = NULL WHERE id = ?")
        .run(counter, officer, now.toISOString(), next.id);
      return this.get(next.id);
    })();
  }

  private mine(id: number, counter: string, allowed: TicketView['status'][]): Row {
    const r = this.row(id);
    if (r.counter !== counter || !allowed.includes(r.status)) {
      throw new AppError('validation', { vi: `Số ${r.label} không do quầy này gọi hoặc đã xong.`, en: `${r.label} is not called by this counter, or is finished.` });
    }
    return r;
  }

  recall(id: number, counter: string, now: Date): TicketView {
    this.mine(id, counter, ['called']);
    this.db.prepare('UPDATE queue_tickets SET called_at = ?, calls = calls + 1 WHERE id = ?').run(now.toISOString(), id);
    return this.get(id);
  }

  serve(id: number, counter: string, now: Date): TicketView {
    this.mine(id, counter, ['called']);
    this.db.prepare("UPDATE queue_tickets SET status = 'serving', served_at = ? WHERE id = ?").run(now.toISOString(), id);
    return this.get(id);
  }

  noShow(id: number, counter: string, now: Date): TicketView {
    this.mine(id, counter, ['called']);
    this.db.prepare("UPDATE queue_tickets SET status = 'no_show', done_at = ? WHERE id = ?").run(now.toISOString(), id);
    return this.get(id);
  }

  finish(id: number, counter: string, now: Date, dossierCode?: string): TicketView {
    this.mine(id, counter, ['called', 'serving']);
    this.db
      .prepare("UPDATE queue_tickets SET status = 'done', served_at = coalesce(served_at, ?), done_at = ?, dossier_code = coalesce(?, dossier_code) WHERE id = ?")
      .run(now.toISOString(), now.toISOString(), dossierCode ?? null, id);
    return this.get(id);
  }

  /**
   * Back to waiting, for another group or for one counter; it keeps its number and goes first there.
   * A counter must be one at work now (`working`): a ticket sent to a counter nobody holds would wait forever.
   */
  transfer(id: number, counter: string, to: { group?: string; counter?: string }, working?: string[]): TicketView {
    this.mine(id, counter, ['called', 'serving']);
    if (to.counter && working) {
      const held = working.find((c) => c.toLocaleLowerCase('vi') === to.counter!.toLocaleLowerCase('vi'));
      if (!held) {
        const others = working.filter((c) => c !== counter);
        throw new AppError(
          'validation',
          {
            vi: `Không có ai làm việc tại “${to.counter}” lúc này.${others.length ? ` Các quầy đang làm việc: ${others.join(', ')}.` : ' Chưa có quầy nào khác đang làm việc: hãy chuyển sang nhóm.'}`,
            en: `Nobody is working at “${to.counter}” now.${others.length ? ` Counters at work: ${others.join(', ')}.` : ' No other counter is at work: transfer to a group instead.'}`,
          },
          { field: 'counter' },
        );
      }
      to = { ...to, counter: held };
    }
    if (to.group && !this.groups.some((g) => g.code === to.group)) {
      throw new AppError('validation', { vi: `Không có nhóm dịch vụ “${to.group}”.`, en: `There is no service group “${to.group}”.` }, { field: 'group' });
    }
    if (!to.group && !to.counter) throw new AppError('validation', { vi: 'Hãy chọn nhóm hoặc quầy nhận.', en: 'Choose a group or a counter.' }, { field: 'group' });
    this.db
      .prepare("UPDATE queue_tickets SET status = 'waiting', service_group = coalesce(?, service_group), target_counter = ?, counter = NULL WHERE id = ?")
      .run(to.group ?? null, to.counter ?? null, id);
    return this.get(id);
  }

  /** `counters`: the counters at work now (queue.board lists them for a transfer). */
  board(now: Date, counters: string[] = []): QueueBoard {
    const day = vnDay(now);
    const serving = this.db
      .prepare<[string], Row>("SELECT * FROM queue_tickets WHERE day = ? AND status IN ('called', 'serving') ORDER BY counter")
      .all(day)
      .map((r) => ({ counter: r.counter!, label: r.label, calledAt: r.called_at! }));
    const recent = this.db
      // A ticket sent back to waiting (transferred) has no counter now: it is not a call to show.
      .prepare<[string], Row>('SELECT * FROM queue_tickets WHERE day = ? AND called_at IS NOT NULL AND counter IS NOT NULL ORDER BY called_at DESC LIMIT 8')
      .all(day)
      .map((r) => ({ counter: r.counter ?? '', label: r.label, calledAt: r.called_at!, calls: r.calls }));
    const counts = new Map(
      this.db.prepare<[string], { g: string; n: number }>("SELECT service_group AS g, count(*) AS n FROM queue_tickets WHERE day = ? AND status = 'waiting' GROUP BY g").all(day).map((r) => [r.g, r.n]),
    );
    const waiting = this.groups.map((g) => ({ group: g, count: counts.get(g.code) ?? 0 }));
    // Each group's number now being served: the newest call of that group today.
    const latest = this.db.prepare<[string, string], { label: string }>('SELECT label FROM queue_tickets WHERE day = ? AND service_group = ? AND called_at IS NOT NULL ORDER BY called_at DESC, id DESC LIMIT 1');
    const nowServing = (code: string) => latest.get(day, code)?.label ?? null;
    const groups = waiting.map((w) => ({ group: w.group, nowServing: nowServing(w.group.code), waiting: w.count }));
    return { day, serving, recent, waiting, groups, counters: [...counters].sort((a, b) => a.localeCompare(b, 'vi', { numeric: true })) };
  }
}

/** Waiting time (issued → called), service time (served → done) and no-shows per group, tickets issued in [from, to). */
export function queueStats(db: Db, groups: QueueGroup[], from: string, to: string): QueueStats[] {
  const rows = db
    .prepare<[string, string], { g: string; issued: number; served: number; no_shows: number; wait: number | null; service: number | null }>(
      `SELECT substr(label, 1, 1) AS g, count(*) AS issued, sum(status = 'done') AS served, sum(status = 'no_show') AS no_shows,
         avg((julianday(called_at) - julianday(issued_at)) * 1440) AS wait,
         avg(CASE WHEN status = 'done' THEN (julianday(done_at) - julianday(served_at)) * 1440 END) AS service
       FROM queue_tickets WHERE issued_at >= ? AND issued_at < ? GROUP BY g`,
    )
    .all(from, to);
  const round = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);
  return groups.map((group) => {
    const r = rows.find((x) => x.g === group.code);
    return { group, issued: r?.issued ?? 0, served: r?.served ?? 0, noShows: r?.no_shows ?? 0, avgWaitMinutes: round(r?.wait ?? null), avgServiceMinutes: round(r?.service ?? null) };
  });
}
