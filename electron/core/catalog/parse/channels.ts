import type { Channel, ChannelKind, Fee, ProcessingTime, TimeUnit } from '../model.js';
import { clean, parseAmount } from './text.js';

const HEADER = 'Hình thức nộpThời gianPhí, lệ phíMô tả';
const KINDS: Record<string, ChannelKind> = { 'Trực tiếp': 'in_person', 'Trực tuyến': 'online', 'Dịch vụ bưu chính': 'post' };
const UNITS: Record<string, TimeUnit> = { 'ngày làm việc': 'working_days', ngày: 'days', giờ: 'hours', tháng: 'months', năm: 'years' };

// A row starts with the channel, glued to its time: a number, or the portal's "no information".
const ROW = /(Trực tiếp|Trực tuyến|Dịch vụ bưu chính)(?=\d|Không có thông tin|Không quy định)/g;
const TIME = /^(\d+(?:[.,]\d+)?)\s?(Ngày làm việc|Ngày|Giờ|Tháng|Năm)?|^(Không có thông tin|Không quy định)/i;
const FEE_AMOUNT = /^(?:(?:Lệ phí|Phí)\s*:?\s*)?(\d[\d.,]*)\s*(?:Việt Nam Đồng|VNĐ|Đồng|đồng)/;

/** Reads a balanced "(...)" at the start of `text`. */
function leadingParenthesis(text: string): string | null {
  if (!text.startsWith('(')) return null;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return text.slice(0, i + 1);
  }
  return null;
}

function parseTime(text: string): { time: ProcessingTime | null; timeText: string; rest: string } | null {
  const m = TIME.exec(text);
  if (!m) return null;
  if (m[3]) return { time: null, timeText: m[3], rest: text.slice(m[0].length) };
  const value = Number(m[1]!.replace(',', '.'));
  const unit = m[2] ? UNITS[m[2].toLowerCase()]! : null;
  return { time: { value, unit }, timeText: m[0].trim(), rest: text.slice(m[0].length) };
}

function parseFee(text: string): { fee: Fee; feeText: string; rest: string } {
  if (text.startsWith('Miễn phí')) return { fee: { kind: 'free' }, feeText: 'Miễn phí', rest: text.slice('Miễn phí'.length) };
  if (text.startsWith('Không có thông tin')) return { fee: { kind: 'unknown' }, feeText: 'Không có thông tin', rest: text.slice('Không có thông tin'.length) };
  const m = FEE_AMOUNT.exec(text);
  if (m) {
    const amount = parseAmount(m[1]!);
    // No Vietnamese fee is under 1,000 đ: "135 VNĐ" means 135.000 đ written in thousands. Rather than
    // guess, show the portal's own words (its note says the real amount).
    if (amount !== null && amount >= 1000) return { fee: { kind: 'amount', amount }, feeText: m[0], rest: text.slice(m[0].length) };
    if (amount !== null) return { fee: { kind: 'text' }, feeText: m[0], rest: text.slice(m[0].length) };
  }
  if (text.startsWith('VNĐ')) return { fee: { kind: 'text' }, feeText: 'VNĐ', rest: text.slice(3) };
  return { fee: { kind: 'text' }, feeText: '', rest: text };
}

/**
 * Parses the portal's glued channel table ("Hình thức nộpThời gianPhí, lệ phíMô tảTrực tuyến1Miễn phí…")
 * into one channel per row. Returns null when no row can be read.
 */
export function parseChannels(raw: string): Channel[] | null {
  const text = raw.startsWith(HEADER) ? raw.slice(HEADER.length) : raw;
  const starts = [...text.matchAll(ROW)].map((m) => m.index);
  if (starts.length === 0) return null;
  const channels: Channel[] = [];
  starts.forEach((start, i) => {
    const row = text.slice(start, starts[i + 1] ?? text.length);
    const kindText = Object.keys(KINDS).find((k) => row.startsWith(k))!;
    const time = parseTime(row.slice(kindText.length));
    if (!time) return;
    const fee = parseFee(time.rest);
    let rest = fee.rest;
    const paren = leadingParenthesis(rest);
    let note = '';
    if (paren) {
      note = paren.slice(1, -1).trim();
      rest = rest.slice(paren.length);
    }
    const description = clean(rest);
    if (description) note = note ? `${note} ${description}` : description;
    if (fee.fee.kind === 'text' && !fee.feeText) fee.feeText = note;
    channels.push({ kind: KINDS[kindText]!, time: time.time, timeText: time.timeText, fee: fee.fee, feeText: fee.feeText, note: clean(note) ?? '' });
  });
  return channels.length ? channels : null;
}
