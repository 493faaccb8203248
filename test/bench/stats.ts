/** Small helpers for the benchmarks: time a function, and percentiles of a sample. */
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

export function report(title: string, rows: [string, string, string?][]): void {
  process.stdout.write(`\n${title}\n`);
  for (const [name, value, target] of rows) process.stdout.write(`  ${name.padEnd(52)} ${value.padStart(14)}${target ? `   (target ${target})` : ''}\n`);
}
