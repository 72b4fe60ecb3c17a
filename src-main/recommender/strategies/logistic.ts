/** L2-regularised logistic regression by Newton/IRLS on standardised features (pure TS, Float64). */
import { addAt } from '../protocol/add-at';

export interface LogisticModel {
  mean: Float64Array;
  std: Float64Array;
  /** weights[0] is the intercept */
  weights: Float64Array;
}

/** Solves the symmetric positive-definite system A x = b (dense, Cholesky), returns x. */
function solveSpd(A: Float64Array, b: Float64Array, n: number): Float64Array {
  const L = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j <= i; j++) {
      let s = A[i * n + j]!;
      for (let k = 0; k < j; k++) s -= L[i * n + k]! * L[j * n + k]!;
      L[i * n + j] = i === j ? Math.sqrt(Math.max(s, 1e-12)) : s / L[j * n + j]!;
    }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= L[i * n + k]! * y[k]!;
    y[i] = s / L[i * n + i]!;
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let k = i + 1; k < n; k++) s -= L[k * n + i]! * x[k]!;
    x[i] = s / L[i * n + i]!;
  }
  return x;
}

/** rows: X row-major (nRows × nF) Float32; y in {0,1}; `weight`: optional per-row weight. */
export function fitLogistic(
  X: Float32Array,
  y: Uint8Array,
  nF: number,
  l2: number,
  iterations = 8,
  weight?: Float32Array,
): LogisticModel {
  const nR = y.length;
  const mean = new Float64Array(nF);
  const std = new Float64Array(nF);
  for (let r = 0; r < nR; r++) for (let f = 0; f < nF; f++) addAt(mean, f, X[r * nF + f]!);
  for (let f = 0; f < nF; f++) mean[f] = (mean[f] ?? 0) / Math.max(nR, 1);
  for (let r = 0; r < nR; r++)
    for (let f = 0; f < nF; f++) {
      const v = X[r * nF + f]! - mean[f]!;
      addAt(std, f, v * v);
    }
  for (let f = 0; f < nF; f++) std[f] = Math.sqrt(std[f]! / Math.max(nR, 1)) || 1;
  const d = nF + 1;
  const w = new Float64Array(d);
  const z = new Float64Array(d);
  const H = new Float64Array(d * d);
  const g = new Float64Array(d);
  for (let it = 0; it < iterations; it++) {
    H.fill(0);
    g.fill(0);
    for (let r = 0; r < nR; r++) {
      z[0] = 1;
      let a = w[0]!;
      const ro = r * nF;
      for (let f = 0; f < nF; f++) {
        const v = (X[ro + f]! - mean[f]!) / std[f]!;
        z[f + 1] = v;
        a += w[f + 1]! * v;
      }
      const p = 1 / (1 + Math.exp(-a));
      const wr = weight ? weight[r]! : 1;
      const s = Math.max(p * (1 - p), 1e-9) * wr;
      const e = (p - y[r]!) * wr;
      for (let i = 0; i < d; i++) {
        const zi = z[i]!;
        addAt(g, i, e * zi);
        const si = s * zi;
        const ho = i * d;
        for (let j = 0; j <= i; j++) addAt(H, ho + j, si * z[j]!);
      }
    }
    for (let i = 0; i < d; i++) for (let j = 0; j < i; j++) H[j * d + i] = H[i * d + j]!;
    for (let i = 1; i < d; i++) {
      addAt(H, i * d + i, l2);
      addAt(g, i, l2 * w[i]!);
    }
    const step = solveSpd(H, g, d);
    let change = 0;
    for (let i = 0; i < d; i++) {
      addAt(w, i, -step[i]!);
      change = Math.max(change, Math.abs(step[i]!));
    }
    if (change < 1e-6) break;
  }
  return { mean, std, weights: w };
}

export function logit(m: LogisticModel, x: ArrayLike<number>, offset = 0): number {
  const nF = m.mean.length;
  let a = m.weights[0]!;
  for (let f = 0; f < nF; f++) a += m.weights[f + 1]! * ((x[offset + f]! - m.mean[f]!) / m.std[f]!);
  return a;
}
