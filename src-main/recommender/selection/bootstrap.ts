/**
 * Paired bootstrap over customers: the mean difference of a per-customer metric between two models
 * scored on the same customers, with a 95% percentile interval. Seeded, so a model card and a test
 * read the same interval every time.
 */
import { mulberry32 } from '../../shared/random';

export interface PairedDifference {
  mean: number;
  lo: number;
  hi: number;
  resamples: number;
}

export function pairedBootstrap(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  resamples = 1000,
  seed = 20_261_205,
): PairedDifference {
  const n = a.length;
  if (n !== b.length) throw new Error(`paired bootstrap needs the same customers on both sides (${n} vs ${b.length})`);
  if (n === 0) return { mean: 0, lo: 0, hi: 0, resamples: 0 };
  const diff = new Float64Array(n);
  let sum = 0;
  for (let k = 0; k < n; k++) sum += diff[k] = a[k]! - b[k]!;
  const rnd = mulberry32(seed);
  const means = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    let s = 0;
    for (let k = 0; k < n; k++) s += diff[Math.floor(rnd() * n)]!;
    means[r] = s / n;
  }
  means.sort();
  const at = (q: number) => means[Math.min(resamples - 1, Math.max(0, Math.round(q * (resamples - 1))))]!;
  return { mean: sum / n, lo: at(0.025), hi: at(0.975), resamples };
}
