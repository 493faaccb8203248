/**
 * The process control slip (phiếu kiểm soát quá trình giải quyết hồ sơ, form 05 of Circular
 * 01/2018/TT-VPCP, art. 11): the sheet that travels with the paper dossier, one row per hand-over —
 * the receiving desk to the officer who decides, the result back to the desk, the result to the
 * citizen — each with when it was handed over, who gave and who took it, and whether the result was
 * ready before, on or after the appointment. What the dossier's history already knows is printed; a step still
 * to come is left blank, to be filled and signed by hand.
 */
import type { TransferDue } from '../calendar/calendar.js';
import type { DossierRecord, HistoryEntry } from '../dossiers/model.js';
import { formatVnDateTime } from '../time.js';
import { timeliness, TIMELINESS_VI } from './reports.js';

export interface ControlStep {
  /** The template's "1. Giao: … 2. Nhận: …", as the ward's one-stop office names them. */
  from: string;
  to: string;
  /** When it was handed over (UTC ISO); null for a step still to come. */
  at: string | null;
  /** Who handed it over and who took it, by name; null to be signed by hand. */
  giver: string | null;
  receiver: string | null;
  /** "Trước hạn" / "Đúng hạn" / "Quá hạn" — the register's rule (the day against the appointment's day); null before the result. */
  result: string | null;
  note: string | null;
  /**
   * The first hand-over only: by when the transfer rule wants it done (UTC ISO; calendar `transferBy`:
   * the day received, or the next working morning when received after 15:00); null for the others.
   */
  due: string | null;
}

const DESK = 'Bộ phận tiếp nhận và trả kết quả';

/**
 * The slip's rows for `d`, from its history (the latest receipt on: a supplement restarts the
 * count) and its desk record. `names` gives an officer's display name for a username; `transferBy`
 * the working calendar's transfer rule, so a slip printed before the hand-over says by when it is due.
 */
export function controlSteps(d: DossierRecord, history: HistoryEntry[], names: (u: string | null | undefined) => string | null, transferBy?: (receivedAt: Date) => TransferDue): ControlStep[] {
  const lastReceived = history.map((h) => h.status).lastIndexOf('received');
  const receivedAt = (lastReceived >= 0 ? history[lastReceived]!.at : null) ?? d.receivedAt;
  const after = lastReceived >= 0 ? history.slice(lastReceived + 1) : history;
  const first = (status: HistoryEntry['status']) => after.find((h) => h.status === status && h.state !== 'refused') ?? null;
  const taken = first('processing');
  const ready = first('result_ready');
  const returned = first('returned');
  const appointment = d.appointmentAt;
  const moved = d.desk?.apology ? `Đã hẹn lại (mẫu 04): ${d.desk.apology.reason}` : null;
  const post = d.desk?.returned?.method === 'post' ? `Qua bưu chính${d.desk.returned.trackingNumber ? `, mã vận đơn ${d.desk.returned.trackingNumber}` : ''}` : null;
  const t = timeliness(ready?.at ?? null, appointment);
  const handler = names(taken?.actor ?? d.handler) ?? null;
  const transfer = receivedAt && transferBy ? transferBy(new Date(receivedAt)) : null;
  // Still on the desk: the slip says by when it must go (after 15:00, the next working morning).
  const transferNote = transfer && !taken ? (transfer.nextDay ? `Nhận sau 15 giờ hoặc ngoài giờ: chuyển đầu giờ ngày làm việc tiếp theo, ${formatVnDateTime(transfer.by)}` : `Chuyển trong ngày, trước ${formatVnDateTime(transfer.by)}`) : null;
  return [
    { from: DESK, to: handler ? `Công chức giải quyết: ${handler}` : 'Công chức giải quyết', at: taken?.at ?? null, giver: taken ? names(d.desk?.receipt?.by ?? d.officer) : null, receiver: taken ? handler : null, result: null, note: transferNote, due: transfer?.by.toISOString() ?? null },
    { from: handler ? `Công chức giải quyết: ${handler}` : 'Công chức giải quyết', to: DESK, at: ready?.at ?? null, giver: ready ? names(ready.actor) : null, receiver: null, result: t ? TIMELINESS_VI[t] : null, note: moved, due: null },
    { from: DESK, to: `Cá nhân, tổ chức: ${d.applicant.fullName}`, at: returned?.at ?? null, giver: returned ? names(d.desk?.returned?.by ?? returned.actor) : null, receiver: returned ? d.applicant.fullName : null, result: null, note: post, due: null },
  ];
}
