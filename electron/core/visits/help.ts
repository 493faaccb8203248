/**
 * "Gọi cán bộ hỗ trợ": a kiosk asks the queue desk for an officer; the desks of the ward see which
 * kiosk asks and one officer answers "I am coming"; the kiosk shows that someone is on the way.
 * Nothing about the resident is sent: the kiosk's name and the time only.
 */
import type { Db } from '../db/open.js';
import { AppError } from '../errors.js';
import { vnDay } from '../time.js';
import type { HelpRequestView } from './model.js';
export type { HelpRequestView } from './model.js';

interface Row {
  id: number;
  kiosk: string;
  requested_at: string;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  counter: string | null;
}

const view = (r: Row): HelpRequestView => ({
  id: r.id,
  kiosk: r.kiosk,
  requestedAt: r.requested_at,
  status: r.acknowledged_at ? 'coming' : 'waiting',
  acknowledgedAt: r.acknowledged_at,
  officer: r.acknowledged_by,
  counter: r.counter,
});

export class HelpRequests {
  constructor(private readonly db: Db) {}

  /** A kiosk asks; a second ask from the same kiosk while the first waits is the same request. */
  request(kiosk: string, now: Date): HelpRequestView {
    const day = vnDay(now);
    const open = this.db.prepare<[string, string], Row>('SELECT * FROM help_requests WHERE day = ? AND kiosk = ? AND acknowledged_at IS NULL ORDER BY id DESC LIMIT 1').get(day, kiosk);
    if (open) return view(open);
    const id = Number(this.db.prepare('INSERT INTO help_requests (day, kiosk, requested_at) VALUES (?, ?, ?)').run(day, kiosk, now.toISOString()).lastInsertRowid);
    return this.get(id);
  }

  get(id: number): HelpRequestView {
    const r = this.db.prepare<[number], Row>('SELECT * FROM help_requests WHERE id = ?').get(id);
    if (!r) throw new AppError('not_found', { vi: 'Không có yêu cầu hỗ trợ này.', en: 'No such help request.' });
    return view(r);
  }

  /** Today's requests, those still waiting first, then the last ones answered. */
  list(now: Date): HelpRequestView[] {
    return this.db
      .prepare<[string], Row>('SELECT * FROM help_requests WHERE day = ? ORDER BY acknowledged_at IS NOT NULL, id DESC LIMIT 20')
      .all(vnDay(now))
      .map(view);
  }

  /** An officer answers: they are coming. The first answer stands. */
  acknowledge(id: number, officer: string, counter: string, now: Date): HelpRequestView {
    this.get(id);
    this.db.prepare('UPDATE help_requests SET acknowledged_at = ?, acknowledged_by = ?, counter = ? WHERE id = ? AND acknowledged_at IS NULL').run(now.toISOString(), officer, counter, id);
    return this.get(id);
  }
}
