/** Counter visits (bookings) and calls for an officer, as the screens get them. Types only. */
import type { QueueGroup, TicketView } from '../desk/model.js';

export interface BookingSlot {
  /** "08:00", Vietnam time. */
  time: string;
  /** Bookings still open in this slot for the procedure's group. */
  left: number;
}

export interface BookingDay {
  /** "2026-03-03". */
  day: string;
  slots: BookingSlot[];
}

export interface BookingView {
  code: string;
  day: string;
  slot: string;
  procedureCode: string;
  procedureName: string;
  group: QueueGroup;
  status: 'booked' | 'checked_in' | 'cancelled';
  bookedAt: string;
  checkedInAt: string | null;
  /** The ticket the resident got on arrival, and where it stands now. */
  ticket: { label: string; status: TicketView['status'] } | null;
}

export interface HelpRequestView {
  id: number;
  /** The kiosk's name ("Ki-ốt sảnh tầng 1"), or its slot as the queue desk knows it. */
  kiosk: string;
  requestedAt: string;
  status: 'waiting' | 'coming';
  /** Who answered and from which counter, once someone did. */
  acknowledgedAt: string | null;
  officer: string | null;
  counter: string | null;
}

