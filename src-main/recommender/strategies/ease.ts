/**
 * EASE (Steck 2019): W = I − P·diag(1/diag(P)), P = (BᵀB + λI)⁻¹, diag(W) = 0. A dense items × items
 * solve, so it only runs up to `maxItems` (default 4,000); above that the strategy reports itself empty
 * and the app uses item-kNN. The inverse is Cholesky-based on Float64Array (row-oriented dot products,
 * the fastest loop shape in plain JS we measured, ~0.6 GFMA/s).
 */
import type { TrainData } from '../protocol/baskets';
import type { Strategy } from './strategy';
import { addAt } from '../protocol/add-at';

function dot(a: Float64Array, ao: number, bo: number, len: number): number {
  let s0 = 0,
    s1 = 0,
    s2 = 0,
    s3 = 0,
    k = 0;
  for (; k + 3 < len; k += 4) {
    s0 += a[ao + k]! * a[bo + k]!;
    s1 += a[ao + k + 1]! * a[bo + k + 1]!;
    s2 += a[ao + k + 2]! * a[bo + k + 2]!;
    s3 += a[ao + k + 3]! * a[bo + k + 3]!;
  }
  for (; k < len; k++) s0 += a[ao + k]! * a[bo + k]!;
  return s0 + s1 + s2 + s3;
}

/**
 * Inverts a symmetric positive-definite n×n matrix in place (row-major). Steps: A = LLᵀ (lower, in
 * place); U = L⁻¹ transposed into the upper triangle's rows; A⁻¹ = UUᵀ restricted to k ≥ max(i,j).
 */
export function invertSpd(A: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const io = i * n;
    for (let j = 0; j <= i; j++) {
      const jo = j * n;
      const s = A[io + j]! - dot(A, io, jo, j);
      if (j === i) {
        if (!(s > 0)) throw new Error(`matrix is not positive definite at row ${i}`);
        A[io + i] = Math.sqrt(s);
      } else A[io + j] = s / A[jo + j]!;
    }
  }
  // M = L⁻¹ (lower), computed row by row into a separate buffer stored transposed: T[j*n+i] = M[i][j]
  // so that column sweeps become contiguous rows.
  const T = new Float64Array(n * n);
  const col = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    // solve L x = e_j for x (x[i] = 0 for i < j)
    col.fill(0, 0, n);
    col[j] = 1 / A[j * n + j]!;
    for (let i = j + 1; i < n; i++) {
      const io = i * n;
      let s = 0;
      for (let k = j; k < i; k++) s += A[io + k]! * col[k]!;
      col[i] = -s / A[io + i]!;
    }
    T.set(col.subarray(0, n), j * n);
  }
  // A⁻¹[i][j] = Σ_k M[k][i]·M[k][j] = dot(T row i, T row j) over k ≥ max(i,j)
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const v = dot(T, i * n + i, j * n + i, n - i);
      A[i * n + j] = v;
      A[j * n + i] = v;
    }
  }
}

export function easeWeights(d: TrainData, lambda: number): Float32Array {
  const n = d.items.length;
  const G = new Float64Array(n * n);
  for (let u = 0; u < d.users.length; u++) {
    const a = d.xPtr[u]!,
      b = d.xPtr[u + 1]!;
    for (let p = a; p < b; p++) {
      const ro = d.xIdx[p]! * n;
      for (let q = a; q < b; q++) addAt(G, ro + d.xIdx[q]!, 1);
    }
  }
  for (let i = 0; i < n; i++) addAt(G, i * n + i, lambda);
  invertSpd(G, n);
  const W = new Float32Array(n * n);
  for (let j = 0; j < n; j++) {
    const jo = j * n;
    for (let i = 0; i < n; i++) if (i !== j) W[jo + i] = -G[jo + i]! / G[i * n + i]!;
  }
  return W;
}

export function ease(lambda = 300, maxItems = 4000): Strategy & { active(): boolean } {
  let d: TrainData;
  let W: Float32Array | null = null;
  let n = 0;
  const scoreItems = (items: ArrayLike<number>, out: Float64Array) => {
    out.fill(0);
    if (!W) return;
    for (let t = 0; t < items.length; t++) {
      const ro = items[t]! * n;
      for (let i = 0; i < n; i++) addAt(out, i, W[ro + i]!);
    }
  };
  return {
    name: `ease(λ=${lambda})`,
    fit(data) {
      d = data;
      n = d.items.length;
      W = n <= maxItems ? easeWeights(d, lambda) : null;
    },
    scoreUser(u, out) {
      scoreItems(d.xIdx.subarray(d.xPtr[u], d.xPtr[u + 1]), out);
    },
    scoreItems,
    active: () => W !== null,
  };
}

/**
 * EASE restricted to the `size` most popular items, for use inside the two-stage ranker: the dense
 * solve is cubic in the pool, so a 1,000-item pool costs well under a second on any catalogue size
 * while covering the items most customers buy (validation: a 1,000-item pool at λ=30 helped the
 * ranker more than 1,500 or λ 10-300; README.md).
 */
export interface PooledEase {
  /** pool position → item index */
  pool: Int32Array;
  /** m × m weights, row = source pool position */
  W: Float32Array;
}

export function fitPooledEase(d: TrainData, size: number, lambda: number): PooledEase | null {
  const m = Math.min(size, d.items.length);
  if (m < 2 || d.users.length === 0) return null;
  const pool = d.popOrder.slice(0, m);
  const at = poolPositions(pool, d.items.length);
  const G = new Float64Array(m * m);
  const mine: number[] = [];
  for (let u = 0; u < d.users.length; u++) {
    mine.length = 0;
    for (let p = d.xPtr[u]!; p < d.xPtr[u + 1]!; p++) if (at[d.xIdx[p]!]! >= 0) mine.push(at[d.xIdx[p]!]!);
    for (const a of mine) for (const b of mine) addAt(G, a * m + b, 1);
  }
  for (let q = 0; q < m; q++) addAt(G, q * m + q, lambda);
  invertSpd(G, m);
  const W = new Float32Array(m * m);
  for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) if (a !== b) W[a * m + b] = -G[a * m + b]! / G[b * m + b]!;
  return { pool, W };
}

export function poolPositions(pool: Int32Array, nItems: number): Int32Array {
  const at = new Int32Array(nItems).fill(-1);
  pool.forEach((i, q) => (at[i] = q));
  return at;
}

/** out[i] = Σ over the given items in the pool of W[item, i] for pool items; −∞ for items outside the pool. */
export function pooledEaseScores(e: PooledEase, at: Int32Array, items: ArrayLike<number>, out: Float64Array): void {
  const { pool, W } = e;
  const m = pool.length;
  out.fill(-Infinity);
  for (let q = 0; q < m; q++) out[pool[q]!] = 0;
  for (let t = 0; t < items.length; t++) {
    const a = at[items[t]!]!;
    if (a < 0) continue;
    const ro = a * m;
    for (let q = 0; q < m; q++) addAt(out, pool[q]!, W[ro + q]!);
  }
}
