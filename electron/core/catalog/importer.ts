import fs from 'node:fs';
import path from 'node:path';
import type { Clock } from '../clock.js';
import { AppError } from '../errors.js';
import { parseLawMarkdown } from './laws.js';
import { buildLifeEvents, ESSENTIAL_CODES } from './life-events.js';
import { indexLaws, linkLegalBases } from './link.js';
import type { CatalogMeta, LawDocument, Procedure } from './model.js';
import { normalizeRecord, portalRecordSchema } from './normalize.js';
import { writeSnapshot } from './snapshot.js';
import { cleanText } from '../text/normalize.js';

export interface ImportSummary {
  meta: CatalogMeta;
  written: boolean;
  /** Per field, how many procedures kept the original text because it could not be parsed. */
  unparsed: Record<string, number>;
  /** Lines that were not valid records, with why; they are skipped, not fatal. */
  rejected: { line: number; reason: string }[];
  duplicates: string[];
  linkedBases: number;
  totalBases: number;
}

export interface ImportOptions {
  proceduresFile: string;
  lawsDir?: string;
  outDir: string;
  clock: Clock;
}

/**
 * The boundary for the portal's export: NFC everywhere (so positions in names line up with the
 * folded search keys), control and zero-width characters dropped, odd spaces made plain; the
 * layout the parsers read is kept (text/normalize.ts cleanText).
 */
function nfcDeep<T>(value: T): T {
  return JSON.parse(JSON.stringify(value), (_k, v: unknown) => (typeof v === 'string' ? cleanText(v) : v)) as T;
}

export function readLaws(dir: string): LawDocument[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => parseLawMarkdown(f.replace(/\.md$/, ''), fs.readFileSync(path.join(dir, f), 'utf8')));
}

/** `motcua catalog import`: portal export (+ law code) → normalized snapshot in `outDir`. */
export function importCatalog({ proceduresFile, lawsDir, outDir, clock }: ImportOptions): ImportSummary {
  let text: string;
  try {
    text = fs.readFileSync(proceduresFile, 'utf8');
  } catch (err) {
    throw new AppError('not_found', {
      vi: `Không đọc được tệp thủ tục ${proceduresFile}: ${(err as Error).message}`,
      en: `Cannot read the procedures file ${proceduresFile}: ${(err as Error).message}`,
    }, { file: proceduresFile });
  }
  const rejected: ImportSummary['rejected'] = [];
  const byCode = new Map<string, Procedure>();
  const duplicates: string[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      rejected.push({ line: i + 1, reason: 'not JSON' });
      return;
    }
    const parsed = portalRecordSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      rejected.push({ line: i + 1, reason: `${issue.path.join('.')}: ${issue.message}` });
      return;
    }
    const p = normalizeRecord(nfcDeep(parsed.data));
    if (byCode.has(p.code)) duplicates.push(p.code);
    else byCode.set(p.code, { ...p, essential: ESSENTIAL_CODES.has(p.code) });
  });
  if (byCode.size === 0) {
    throw new AppError('validation', {
      vi: `Tệp ${proceduresFile} không có thủ tục hợp lệ nào.`,
      en: `${proceduresFile} holds no valid procedure.`,
    }, { file: proceduresFile });
  }
  const laws = lawsDir ? nfcDeep(readLaws(lawsDir)) : [];
  const index = indexLaws(laws);
  const procedures = [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code)).map((p) => linkLegalBases(p, index));
  const lifeEvents = buildLifeEvents(procedures);

  const unparsed: Record<string, number> = { channels: 0, documents: 0, legalBases: 0, results: 0, steps: 0 };
  let linkedBases = 0;
  let totalBases = 0;
  for (const p of procedures) {
    for (const k of Object.keys(p.unparsed)) unparsed[k] = (unparsed[k] ?? 0) + 1;
    totalBases += p.legalBases.length;
    linkedBases += p.legalBases.filter((b) => b.lawId).length;
  }
  const { meta, written } = writeSnapshot(outDir, { procedures, laws, lifeEvents }, clock.now().toISOString());
  return { meta, written, unparsed, rejected, duplicates, linkedBases, totalBases };
}
