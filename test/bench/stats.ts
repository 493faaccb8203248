/** Small helpers for the benchmarks: time a function, percentiles of a sample, a row per figure with its target and verdict. */
export function time<T>(fn: () => T): { ms: number; value: T } {
  const start = process.hrtime.bigint();
  const value = fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export function summary(samples: number[]): { p50: number; p95: number; max: number; n: number } {
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), max: Math.max(...samples), n: samples.length };
}

export const fmt = (ms: number) => `${ms.toFixed(2)} ms`;

/** A printed row: what, the figure, the target, and pass/fail when there is a target. */
export type Row = [name: string, value: string, target?: string, pass?: boolean];

const results: { name: string; pass: boolean }[] = [];

/** The two rows of a timed path: p50, and p95 (or max) against its target in ms, with pass or fail. */
export function verdict(name: string, s: ReturnType<typeof summary>, target: { p95: number } | { max: number }): Row[] {
  const [label, value, limit] = 'p95' in target ? (['p95', s.p95, target.p95] as const) : (['max', s.max, target.max] as const);
  const pass = value <= limit;
  results.push({ name, pass });
  return [
    [`${name} (${s.n} calls)`, `p50 ${fmt(s.p50)}`],
    ['', `${label} ${fmt(value)}`, `${label} ≤ ${limit} ms`, pass],
  ];
}

/** A figure that is not a time (requests, bytes) against its limit. */
export function check(name: string, value: number, limit: number, unit: string): Row {
  const pass = value <= limit;
  results.push({ name, pass });
  return [name, `${value.toLocaleString('en')} ${unit}`, `≤ ${limit.toLocaleString('en')} ${unit}`, pass];
}

export function report(title: string, rows: Row[]): void {
  process.stdout.write(`\n${title}\n`);
  for (const [name, value, target, pass] of rows) {
    const mark = pass === undefined ? '' : pass ? '  PASS' : '  FAIL';
    process.stdout.write(`  ${name.padEnd(64)} ${value.padStart(16)}${target ? `   (target ${target})${mark}` : ''}\n`);
  }
}

/** The last lines of a run: how many targets were met. */
export function verdicts(): { passed: number; failed: string[] } {
  return { passed: results.filter((r) => r.pass).length, failed: results.filter((r) => !r.pass).map((r) => r.name) };
}

/** A figure that must reach a floor (a share of answers found), with pass or fail. */
export function atLeast(name: string, value: number, floor: number, unit: string): Row {
  const pass = value >= floor;
  results.push({ name, pass });
  return [name, `${value.toLocaleString('en')} ${unit}`, `≥ ${floor.toLocaleString('en')} ${unit}`, pass];
}
