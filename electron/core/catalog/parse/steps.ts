import type { Step } from '../model.js';
import { cleanBlock } from './text.js';

const STEP = /(?:^|\n|\s)[+-]?\s*Bước\s+(\d{1,2})\s*[:.\-–]?\s*/gi;

/**
 * Splits the procedure's sequence into steps. "Bước 1 … Bước 2 …" gives ordered steps with
 * their titles (the first line); other texts become unnumbered paragraphs, in order.
 */
export function parseSteps(raw: string): Step[] | null {
  const text = cleanBlock(raw);
  if (!text) return null;
  const marks = [...text.matchAll(STEP)];
  const numbers = marks.map((m) => Number(m[1]));
  const ordered = marks.length >= 2 && numbers.every((n, i) => i === 0 || n >= numbers[i - 1]!);
  if (ordered) {
    const steps: Step[] = [];
    const before = text.slice(0, marks[0]!.index).trim();
    if (before) steps.push({ order: null, title: null, text: before });
    marks.forEach((m, i) => {
      const body = text.slice(m.index + m[0].length, marks[i + 1]?.index ?? text.length).trim();
      const [first, ...rest] = body.split('\n');
      steps.push({ order: Number(m[1]), title: (first ?? '').trim() || null, text: rest.join('\n').trim() });
    });
    return steps;
  }
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => ({ order: null, title: null, text: line }));
}
