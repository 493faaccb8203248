/**
 * What a feedback's tracking code ("PA-…") may show to whoever holds it: its category, when it
 * was given and when the ward's office received it, and by when a reply is due — never its text
 * or the contact left with it (personal data: Law 91/2025/QH15).
 */
import { addDays, vnDay } from '../time.js';

/** Feedback (PAKN) gets a reply within 20 days, with progress every 7 (domain.md). */
export const REPLY_DAYS = 20;

export interface FeedbackTracking {
  code: string;
  category: string;
  createdAt: string;
  /** When the portal received it; null while it waits on the device that took it. */
  receivedAt: string | null;
  /** The portal's own number for it (PAKN-…), when known. */
  portalCode: string | null;
  /** The last day (Vietnam's date, yyyy-mm-dd) a reply is due: 20 days after it was given. */
  replyBy: string;
  source: 'device' | 'portal';
}

/** The Vietnam date `days` calendar days after the instant `iso`. */
export function replyDue(iso: string, days = REPLY_DAYS): string {
  return addDays(vnDay(iso), days);
}
