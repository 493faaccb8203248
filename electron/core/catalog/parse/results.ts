import type { ResultDocument } from '../model.js';
import { clean } from './text.js';

// The portal page continues after the results with its agency picker: cut there.
const TAIL = /Từ khóa|Chọn cơ quan thực hiện/;
const KQ = /^KQ\.[A-Z]\d+\.\d+/;

/** Parses "Giấy khai sinhMã: KQ.G15.000031…" into result documents with their KQ codes. */
export function parseResults(raw: string): ResultDocument[] | null {
  const cut = raw.split(TAIL)[0] ?? '';
  if (!clean(cut)) return null;
  const parts = cut.split(/Mã\s*:\s*/);
  const results: ResultDocument[] = [];
  let name = parts[0]!;
  parts.slice(1).forEach((part, i) => {
    const isLast = i === parts.length - 2;
    const kq = KQ.exec(part);
    let code: string | null = null;
    let codeText: string | null;
    let rest: string;
    if (kq) {
      code = kq[0];
      codeText = kq[0];
      rest = part.slice(kq[0].length);
    } else if (isLast && /^\S{1,30}$/.test(part.trim())) {
      // The last code is whatever the portal wrote ("VBTT", "adjfsbj"): keep it as text.
      codeText = part.trim();
      rest = '';
    } else {
      const m = /^[^\s\p{Lu}]*/u.exec(part)!;
      codeText = m[0] || null;
      rest = part.slice(m[0].length);
    }
    const n = clean(name);
    if (n) results.push({ name: n.replace(/[.;]$/, ''), code, codeText });
    name = rest;
  });
  const tail = clean(name);
  if (tail) results.push({ name: tail.replace(/[.;]$/, ''), code: null, codeText: null });
  return results.length ? results : null;
}
