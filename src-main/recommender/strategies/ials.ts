/**
 * iALS (Hu, Koren & Volinsky 2008): implicit-feedback matrix factorisation with confidence
 * c = 1 + α·X[u,i], solved by alternating least squares where each row's normal equations get a few
 * conjugate-gradient steps warm-started from the previous sweep (Takács et al.; the `implicit`
 * library's solver, as in the research note). Factors are kept in Float32Array (what scoring and the
 * saved model need); the per-row CG runs in Float64.
 */
import type { TrainData } from '../protocol/baskets';
import type { Strategy } from './strategy';
import { mulberry32 } from '../../shared/random';
import { addAt } from '../protocol/add-at';

export interface IalsOptions {
  factors: number;
  reg: number;
  alpha: number;
  iterations: number;
  cgSteps: number;
  seed: number;
}

export const IALS_DEFAULTS: IalsOptions = { factors: 64, reg: 10, alpha: 1, iterations: 12, cgSteps: 3, seed: 11 };

export interface IalsFactors {
  k: number;
  user: Float32Array;
  item: Float32Array;
}

/** One half-sweep: re-solve every row of `X` (nRows × k) given the fixed factors `Y` (nCols × k). */
function solveSide(
  ptr: Int32Array,
  idx: Int32Array,
  val: Float64Array,
  nRows: number,
  X: Float32Array,
  Y: Float32Array,
  nCols: number,
  k: number,
  o: IalsOptions,
): void {
  const YtY = new Float64Array(k * k);
  for (let c = 0; c < nCols; c++) {
    const co = c * k;
    for (let a = 0; a < k; a++) {
      const ya = Y[co + a]!;
      if (ya === 0) continue;
      const ro = a * k;
      for (let b = a; b < k; b++) addAt(YtY, ro + b, ya * Y[co + b]!);
    }
  }
  for (let a = 0; a < k; a++) {
    addAt(YtY, a * k + a, o.reg);
    for (let b = 0; b < a; b++) YtY[a * k + b] = YtY[b * k + a]!;
  }
  const x = new Float64Array(k),
    r = new Float64Array(k),
    p = new Float64Array(k),
    Ap = new Float64Array(k);
  for (let u = 0; u < nRows; u++) {
    const uo = u * k;
    for (let a = 0; a < k; a++) x[a] = X[uo + a]!;
    // r = b − A x with b = Σ c·y_i, A = YᵀY + λI + Σ (c−1) y_i y_iᵀ
    for (let a = 0; a < k; a++) {
      let s = 0;
      const ro = a * k;
      for (let b = 0; b < k; b++) s -= YtY[ro + b]! * x[b]!;
      r[a] = s;
    }
    for (let q = ptr[u]!; q < ptr[u + 1]!; q++) {
      const io = idx[q]! * k;
      const conf = 1 + o.alpha * val[q]!;
      let yx = 0;
      for (let a = 0; a < k; a++) yx += Y[io + a]! * x[a]!;
      const w = conf - (conf - 1) * yx;
      for (let a = 0; a < k; a++) addAt(r, a, w * Y[io + a]!);
    }
    let rs = 0;
    for (let a = 0; a < k; a++) {
      p[a] = r[a]!;
      rs += r[a]! * r[a]!;
    }
    for (let it = 0; it < o.cgSteps && rs > 1e-20; it++) {
      for (let a = 0; a < k; a++) {
        let s = 0;
        const ro = a * k;
        for (let b = 0; b < k; b++) s += YtY[ro + b]! * p[b]!;
        Ap[a] = s;
      }
      for (let q = ptr[u]!; q < ptr[u + 1]!; q++) {
        const io = idx[q]! * k;
        const c1 = o.alpha * val[q]!;
        let yp = 0;
        for (let a = 0; a < k; a++) yp += Y[io + a]! * p[a]!;
        const w = c1 * yp;
        for (let a = 0; a < k; a++) addAt(Ap, a, w * Y[io + a]!);
      }
      let pAp = 0;
      for (let a = 0; a < k; a++) pAp += p[a]! * Ap[a]!;
      if (!(pAp > 0)) break;
      const step = rs / pAp;
      let rsNew = 0;
      for (let a = 0; a < k; a++) {
        addAt(x, a, step * p[a]!);
        addAt(r, a, -step * Ap[a]!);
        rsNew += r[a]! * r[a]!;
      }
      const beta = rsNew / rs;
      for (let a = 0; a < k; a++) p[a] = r[a]! + beta * p[a]!;
      rs = rsNew;
    }
    for (let a = 0; a < k; a++) X[uo + a] = x[a]!;
  }
}

export function fitIals(d: TrainData, opts: Partial<IalsOptions> = {}): IalsFactors {
  const o = { ...IALS_DEFAULTS, ...opts };
  const k = o.factors;
  const nU = d.users.length,
    nI = d.items.length;
  const rnd = mulberry32(o.seed);
  const user = new Float32Array(nU * k);
  const item = new Float32Array(nI * k);
  for (let q = 0; q < user.length; q++) user[q] = (rnd() - 0.5) * 0.02;
  for (let q = 0; q < item.length; q++) item[q] = (rnd() - 0.5) * 0.02;
  // item-major copy of the counts for the item half-sweep
  const cPtr = new Int32Array(nI + 1);
  for (let q = 0; q < d.xIdx.length; q++) addAt(cPtr, d.xIdx[q]! + 1, 1);
  for (let i = 0; i < nI; i++) addAt(cPtr, i + 1, cPtr[i]!);
  const fill = cPtr.slice(0, nI);
  const cIdx = new Int32Array(d.xIdx.length);
  const cVal = new Float64Array(d.xIdx.length);
  for (let u = 0; u < nU; u++)
    for (let q = d.xPtr[u]!; q < d.xPtr[u + 1]!; q++) {
      const at = fill[d.xIdx[q]!]!++;
      cIdx[at] = u;
      cVal[at] = d.xVal[q]!;
    }
  for (let it = 0; it < o.iterations; it++) {
    solveSide(d.xPtr, d.xIdx, d.xVal, nU, user, item, nI, k, o);
    solveSide(cPtr, cIdx, cVal, nI, item, user, nU, k, o);
  }
  return { k, user, item };
}

/** score[i] = user factors · item factors, for every item. */
export function ialsScores(f: IalsFactors, u: number, out: Float64Array): void {
  const k = f.k;
  const uo = u * k;
  const n = out.length;
  for (let i = 0; i < n; i++) {
    const io = i * k;
    let s = 0;
    for (let a = 0; a < k; a++) s += f.user[uo + a]! * f.item[io + a]!;
    out[i] = s;
  }
}

export function ials(opts: Partial<IalsOptions> = {}, prefit?: IalsFactors): Strategy & { factors(): IalsFactors } {
  let f: IalsFactors;
  const o = { ...IALS_DEFAULTS, ...opts };
  return {
    name: `ials(f=${o.factors}, λ=${o.reg}, α=${o.alpha}, it=${o.iterations})`,
    fit(d) {
      f = prefit ?? fitIals(d, o);
    },
    scoreUser(u, out) {
      ialsScores(f, u, out);
    },
    factors: () => f,
  };
}
