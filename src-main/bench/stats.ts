/** Latency figures for `aisle bench …`: medians and tails of repeated runs measured in one process. */
export interface LatencySummary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx]!;
}

export function summarize(samplesMs: number[]): LatencySummary {
  const s = [...samplesMs].sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    n: s.length,
    p50: round(percentile(s, 50)),
    p95: round(percentile(s, 95)),
    p99: round(percentile(s, 99)),
    max: round(s[s.length - 1] ?? NaN),
    mean: round(s.reduce((a, b) => a + b, 0) / (s.length || 1)),
  };
}

/** Runs fn over the inputs `rounds` times after `warmup` untimed rounds; returns per-call milliseconds. */
export function timeCalls<T>(inputs: T[], fn: (input: T) => unknown, rounds = 5, warmup = 1): number[] {
  for (let w = 0; w < warmup; w++) for (const i of inputs) fn(i);
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++)
    for (const i of inputs) {
      const t0 = performance.now();
      fn(i);
      samples.push(performance.now() - t0);
    }
  return samples;
}
