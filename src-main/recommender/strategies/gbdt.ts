/**
 * A small histogram gradient-boosted tree ensemble (pointwise logloss), in plain TypeScript on typed
 * arrays: the second-stage ranker. Features are bucketed once into ≤ 64 quantile bins; trees grow
 * leaf-wise (best gain first) up to `leaves` leaves, and each split's histogram is built for the
 * smaller child only (the sibling is parent − child), which keeps a 40-feature, 300k-row fit at a few
 * seconds. The fitted model keeps raw-value thresholds, so scoring needs no binning.
 */
import { mulberry32 } from '../../shared/random';
import { addAt } from '../protocol/add-at';

export interface GbdtOptions {
  trees: number;
  leaves: number;
  learningRate: number;
  /** minimum rows in a leaf */
  minLeaf: number;
  /** L2 on leaf values */
  l2: number;
  bins: number;
  /** rows sampled per tree (1 = all) */
  subsample: number;
  seed: number;
  /** pointwise logloss, or LambdaRank within groups (one group per customer) */
  objective: 'logloss' | 'lambdarank';
  /** LambdaRank: only pairs where one item ranks above this position matter (NDCG@truncation) */
  truncation: number;
}

export const GBDT_DEFAULTS: GbdtOptions = {
  trees: 150,
  leaves: 31,
  learningRate: 0.08,
  minLeaf: 100,
  l2: 1,
  bins: 64,
  subsample: 0.5,
  seed: 7,
  objective: 'logloss',
  truncation: 20,
};

export interface GbdtModel {
  nF: number;
  base: number;
  /** per tree: offset into the node arrays */
  treePtr: Int32Array;
  /** internal node: feature >= 0, threshold, left/right child (relative to the tree; < 0 = leaf ~index) */
  feature: Int32Array;
  threshold: Float32Array;
  left: Int32Array;
  right: Int32Array;
  /** leaves per tree: leafPtr[t]..leafPtr[t+1] */
  leafPtr: Int32Array;
  leafValue: Float32Array;
}

/** Quantile thresholds per feature (from up to 50k sampled rows); bin(x) = first j with x <= t_j. */
function makeBins(X: Float32Array, nR: number, nF: number, maxBins: number, rnd: () => number): Float32Array[] {
  const sampleN = Math.min(nR, 50_000);
  const pick = new Int32Array(sampleN);
  for (let s = 0; s < sampleN; s++) pick[s] = nR <= sampleN ? s : Math.floor(rnd() * nR);
  const col = new Float32Array(sampleN);
  const out: Float32Array[] = [];
  for (let f = 0; f < nF; f++) {
    for (let s = 0; s < sampleN; s++) col[s] = X[pick[s]! * nF + f]!;
    col.sort();
    const th: number[] = [];
    for (let b = 1; b < maxBins; b++) {
      const v = col[Math.min(sampleN - 1, Math.floor((b * sampleN) / maxBins))]!;
      // threshold strictly between distinct values keeps equal values in one bin
      if (th.length === 0 || v > th[th.length - 1]!) th.push(v);
    }
    // the largest value needs no threshold above it
    while (th.length && th[th.length - 1]! >= col[sampleN - 1]!) th.pop();
    out.push(Float32Array.from(th));
  }
  return out;
}

function binOf(th: Float32Array, x: number): number {
  let lo = 0,
    hi = th.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (x <= th[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

interface Leaf {
  start: number;
  end: number;
  hist: Float64Array; // [f][b] → (g, h, n) triplets
  g: number;
  h: number;
  n: number;
  depth: number;
  best: { gain: number; f: number; b: number } | null;
  /** where this leaf hangs in the tree: node index and side, or -1 for the root */
  parent: number;
  side: 0 | 1;
}

/** X row-major (nR × nF); y in {0,1}. */
/** `weight`: optional per-row weight (e.g. 1/|basket| so every customer counts alike, as in Recall). */
export function fitGbdt(
  X: Float32Array,
  y: Uint8Array,
  nF: number,
  opts: Partial<GbdtOptions> = {},
  weight?: Float32Array,
  groupPtr?: Int32Array,
): GbdtModel {
  const o = { ...GBDT_DEFAULTS, ...opts };
  const nR = y.length;
  const rnd = mulberry32(o.seed);
  const th = makeBins(X, nR, nF, o.bins, rnd);
  const B = o.bins;
  // row-major bins: one histogram pass reads each row's nF bytes contiguously
  const bins = new Uint8Array(nF * nR);
  for (let f = 0; f < nF; f++) {
    const t = th[f]!;
    for (let r = 0; r < nR; r++) bins[r * nF + f] = binOf(t, X[r * nF + f]!);
  }
  let pos = 0,
    tot = 0;
  for (let r = 0; r < nR; r++) {
    const w = weight ? weight[r]! : 1;
    pos += y[r]! * w;
    tot += w;
  }
  const prior = Math.min(Math.max(pos / Math.max(tot, 1e-12), 1e-6), 1 - 1e-6);
  const rank = o.objective === 'lambdarank';
  if (rank && !groupPtr) throw new Error('lambdarank needs groups');
  const base = rank ? 0 : Math.log(prior / (1 - prior));
  const F = new Float64Array(nR).fill(base);
  const grad = new Float64Array(nR);
  const hess = new Float64Array(nR);
  const rows = new Int32Array(nR);
  const tmp = new Int32Array(nR);

  const feature: number[] = [],
    threshold: number[] = [],
    left: number[] = [],
    right: number[] = [];
  const leafValue: number[] = [];
  const treePtr = [0],
    leafPtr = [0];
  const HS = nF * B * 3;

  const B3 = B * 3;
  const buildHist = (start: number, end: number): Float64Array => {
    const h = new Float64Array(HS);
    for (let q = start; q < end; q++) {
      const r = rows[q]!;
      const g = grad[r]!,
        hh = hess[r]!;
      const ro = r * nF;
      for (let f = 0, ho = 0; f < nF; f++, ho += B3) {
        const k = ho + bins[ro + f]! * 3;
        addAt(h, k, g);
        addAt(h, k + 1, hh);
        addAt(h, k + 2, 1);
      }
    }
    return h;
  };
  const findBest = (lf: Leaf): void => {
    const parentScore = (lf.g * lf.g) / (lf.h + o.l2);
    let best: Leaf['best'] = null;
    for (let f = 0; f < nF; f++) {
      const nb = th[f]!.length + 1;
      const ho = f * B * 3;
      let gl = 0,
        hl = 0,
        nl = 0;
      for (let b = 0; b < nb - 1; b++) {
        gl += lf.hist[ho + b * 3]!;
        hl += lf.hist[ho + b * 3 + 1]!;
        nl += lf.hist[ho + b * 3 + 2]!;
        const nr = lf.n - nl;
        if (nl < o.minLeaf) continue;
        if (nr < o.minLeaf) break;
        const gr = lf.g - gl,
          hr = lf.h - hl;
        const gain = (gl * gl) / (hl + o.l2) + (gr * gr) / (hr + o.l2) - parentScore;
        if (gain > 1e-9 && (!best || gain > best.gain)) best = { gain, f, b };
      }
    }
    lf.best = best;
  };

  const sampled = new Uint8Array(nR);
  for (let t = 0; t < o.trees; t++) {
    let m = 0;
    if (rank) lambdaGradients(F, y, groupPtr!, o.truncation, grad, hess, weight);
    for (let r = 0; r < nR; r++) {
      if (!rank) {
        const p = 1 / (1 + Math.exp(-F[r]!));
        const w = weight ? weight[r]! : 1;
        grad[r] = (p - y[r]!) * w;
        hess[r] = Math.max(p * (1 - p), 1e-12) * w;
      }
      const take = o.subsample >= 1 || rnd() < o.subsample;
      sampled[r] = take ? 1 : 0;
      if (take) rows[m++] = r;
    }
    const nodeBase = feature.length;
    const rootHist = buildHist(0, m);
    let g0 = 0,
      h0 = 0;
    for (let b = 0; b < th[0]!.length + 1; b++) {
      g0 += rootHist[b * 3]!;
      h0 += rootHist[b * 3 + 1]!;
    }
    const leaves: Leaf[] = [
      { start: 0, end: m, hist: rootHist, g: g0, h: h0, n: m, depth: 0, best: null, parent: -1, side: 0 },
    ];
    findBest(leaves[0]!);
    while (leaves.length < o.leaves) {
      let k = -1;
      for (let j = 0; j < leaves.length; j++)
        if (leaves[j]!.best && (k < 0 || leaves[j]!.best!.gain > leaves[k]!.best!.gain)) k = j;
      if (k < 0) break;
      const lf = leaves[k]!;
      const { f, b } = lf.best!;
      // partition rows[start,end) into bin <= b | bin > b
      let a = lf.start,
        z = 0;
      for (let q = lf.start; q < lf.end; q++) {
        const r = rows[q]!;
        if (bins[r * nF + f]! <= b) rows[a++] = r;
        else tmp[z++] = r;
      }
      rows.set(tmp.subarray(0, z), a);
      const node = feature.length - nodeBase;
      feature.push(f);
      threshold.push(th[f]![b]!);
      left.push(0);
      right.push(0);
      if (lf.parent >= 0) (lf.side === 0 ? left : right)[nodeBase + lf.parent] = node;
      const nL = a - lf.start,
        nRr = lf.end - a;
      const smallIsLeft = nL <= nRr;
      const small = smallIsLeft ? buildHist(lf.start, a) : buildHist(a, lf.end);
      const big = lf.hist;
      for (let q = 0; q < HS; q++) addAt(big, q, -small[q]!);
      const mk = (start: number, end: number, hist: Float64Array, side: 0 | 1): Leaf => {
        let g = 0,
          h = 0;
        for (let q = 0; q < th[0]!.length + 1; q++) {
          g += hist[q * 3]!;
          h += hist[q * 3 + 1]!;
        }
        return { start, end, hist, g, h, n: end - start, depth: lf.depth + 1, best: null, parent: node, side };
      };
      const L = mk(lf.start, a, smallIsLeft ? small : big, 0);
      const R = mk(a, lf.end, smallIsLeft ? big : small, 1);
      findBest(L);
      findBest(R);
      leaves.splice(k, 1, L, R);
    }
    // leaf values (Newton step) and the update of F for every row (sampled or not)
    const vals = leaves.map((lf) => (-lf.g / (lf.h + o.l2)) * o.learningRate);
    leaves.forEach((lf, j) => {
      const ref = ~j;
      if (lf.parent < 0) {
        // a stump with no split: store a pseudo-node that sends everything to leaf 0
        feature.push(0);
        threshold.push(Infinity);
        left.push(ref);
        right.push(ref);
      } else (lf.side === 0 ? left : right)[nodeBase + lf.parent] = ref;
      leafValue.push(vals[j]!);
    });
    treePtr.push(feature.length);
    leafPtr.push(leafValue.length);
    // sampled rows know their leaf from the partition; only the others walk the tree
    leaves.forEach((lf, j) => {
      const v = vals[j]!;
      for (let q = lf.start; q < lf.end; q++) addAt(F, rows[q]!, v);
    });
    if (m < nR) {
      const model = { feature, threshold, left, right } as const;
      for (let r = 0; r < nR; r++) if (!sampled[r]) addAt(F, r, vals[walk(model, nodeBase, X, r * nF)]!);
    }
  }
  return {
    nF,
    base,
    treePtr: Int32Array.from(treePtr),
    feature: Int32Array.from(feature),
    threshold: Float32Array.from(threshold),
    left: Int32Array.from(left),
    right: Int32Array.from(right),
    leafPtr: Int32Array.from(leafPtr),
    leafValue: Float32Array.from(leafValue),
  };
}

/**
 * LambdaRank gradients (Burges 2010): for every (relevant, irrelevant) pair of a group, the logistic
 * pair loss weighted by the NDCG change of swapping the two at their current ranks.
 */
function lambdaGradients(
  F: Float64Array,
  y: Uint8Array,
  groupPtr: Int32Array,
  truncation: number,
  grad: Float64Array,
  hess: Float64Array,
  weight?: Float32Array,
): void {
  grad.fill(0);
  hess.fill(1e-9);
  const disc = (r: number) => (r < truncation ? 1 / Math.log2(r + 2) : 0);
  let order = new Int32Array(64);
  let rankOf = new Int32Array(64);
  for (let g = 0; g + 1 < groupPtr.length; g++) {
    const s = groupPtr[g]!,
      e = groupPtr[g + 1]!,
      n = e - s;
    let nPos = 0;
    for (let r = s; r < e; r++) nPos += y[r]!;
    if (nPos === 0 || nPos === n) continue;
    if (order.length < n) {
      order = new Int32Array(n * 2);
      rankOf = new Int32Array(n * 2);
    }
    for (let q = 0; q < n; q++) order[q] = s + q;
    order.subarray(0, n).sort((a, b) => F[b]! - F[a]! || a - b);
    for (let q = 0; q < n; q++) rankOf[order[q]! - s] = q;
    let ideal = 0;
    for (let q = 0; q < Math.min(nPos, truncation); q++) ideal += 1 / Math.log2(q + 2);
    const wg = (weight ? weight[s]! : 1) / ideal;
    for (let i = s; i < e; i++) {
      if (!y[i]) continue;
      const di = disc(rankOf[i - s]!);
      for (let j = s; j < e; j++) {
        if (y[j]) continue;
        const delta = Math.abs(di - disc(rankOf[j - s]!)) * wg;
        if (delta === 0) continue;
        const p = 1 / (1 + Math.exp(F[i]! - F[j]!));
        const l = p * delta;
        addAt(grad, i, -l);
        addAt(grad, j, l);
        const h = p * (1 - p) * delta;
        addAt(hess, i, h);
        addAt(hess, j, h);
      }
    }
  }
}

type Nodes = {
  feature: ArrayLike<number>;
  threshold: ArrayLike<number>;
  left: ArrayLike<number>;
  right: ArrayLike<number>;
};

function walk(m: Nodes, nodeBase: number, x: ArrayLike<number>, off: number): number {
  let n = 0;
  for (;;) {
    const k = nodeBase + n;
    const next = x[off + m.feature[k]!]! <= m.threshold[k]! ? m.left[k]! : m.right[k]!;
    if (next < 0) return ~next;
    n = next;
  }
}

/** Raw score (log-odds) of one feature row. */
export function gbdtScore(m: GbdtModel, x: ArrayLike<number>, off = 0): number {
  let s = m.base;
  const nT = m.treePtr.length - 1;
  for (let t = 0; t < nT; t++) s += m.leafValue[m.leafPtr[t]! + walk(m, m.treePtr[t]!, x, off)]!;
  return s;
}

/** Total gain-free importance: how often each feature is split on (for the README and sanity checks). */
export function splitCounts(m: GbdtModel): Int32Array {
  const c = new Int32Array(m.nF);
  for (let k = 0; k < m.feature.length; k++) if (m.threshold[k] !== Infinity) addAt(c, m.feature[k]!, 1);
  return c;
}
