/**
 * Ranking rule and metrics of OR-NB-v1 (§3.4-3.5): top-K by score, ties broken by global training
 * popularity then item index; Recall/Precision/Hit/NDCG@K averaged over customers; catalogue coverage;
 * repeat/explore recall in setting "all". Setting "explore" removes the customer's previously bought
 * items from the candidates and the target and drops customers left with no target.
 */
import type { Split, TrainData } from './baskets';
import type { Strategy } from '../strategies/strategy';

export type Setting = 'all' | 'explore';

/** Indexes of the top k items; `excluded[i] = 1` removes i. Deterministic for equal scores. */
export function topK(scores: Float64Array, k: number, tieRank: Int32Array, excluded?: Uint8Array): Int32Array {
  const best = new Int32Array(k);
  const bs = new Float64Array(k);
  const bt = new Int32Array(k);
  let n = 0;
  const len = scores.length;
  for (let i = 0; i < len; i++) {
    if (excluded && excluded[i]) continue;
    const s = scores[i]!;
    const t = tieRank[i]!;
    if (n === k) {
      const ws = bs[k - 1]!;
      if (s < ws || (s === ws && t > bt[k - 1]!) || Number.isNaN(s)) continue;
    }
    let pos = n < k ? n : k - 1;
    while (pos > 0) {
      const ps = bs[pos - 1]!;
      if (s > ps || (s === ps && t < bt[pos - 1]!)) {
        best[pos] = best[pos - 1]!;
        bs[pos] = ps;
        bt[pos] = bt[pos - 1]!;
        pos--;
      } else break;
    }
    best[pos] = i;
    bs[pos] = s;
    bt[pos] = t;
    if (n < k) n++;
  }
  return n === k ? best : best.slice(0, n);
}

export interface Metrics {
  'recall@10': number;
  'recall@20': number;
  'ndcg@10': number;
  'hit@10': number;
  'coverage@10': number;
  'precision@10': number;
  'recall_repeat@10': number | null;
  'recall_explore@10': number | null;
}

export interface EvalResult {
  metrics: Metrics;
  users: number;
  msPerUser: number;
  lists: Map<string, Int32Array>;
  perUser: { customer: string; recall10: number; ndcg10: number; nTruth: number }[];
}

export function historyMask(d: TrainData, u: number, mask: Uint8Array): void {
  mask.fill(0);
  for (let p = d.xPtr[u]!; p < d.xPtr[u + 1]!; p++) mask[d.xIdx[p]!] = 1;
}

export function evaluate(split: Split, strategy: Strategy, setting: Setting = 'all', keepLists = false): EvalResult {
  const d = split.train;
  const n = d.items.length;
  const scores = new Float64Array(n);
  const hist = new Uint8Array(n);
  const covered = new Uint8Array(n);
  const idcg = new Float64Array(11);
  for (let r = 1; r <= 10; r++) idcg[r] = idcg[r - 1]! + 1 / Math.log2(r + 1);
  let sR10 = 0,
    sR20 = 0,
    sN = 0,
    sH = 0,
    sP = 0,
    users = 0;
  let sRep = 0,
    nRep = 0,
    sExp = 0,
    nExp = 0;
  const lists = new Map<string, Int32Array>();
  const perUser: EvalResult['perUser'] = [];
  let ms = 0;
  for (const c of split.cases) {
    historyMask(d, c.user, hist);
    let target = c.target;
    if (setting === 'explore') {
      target = target.filter((i) => !hist[i]);
      if (target.length === 0) continue;
    }
    const t0 = performance.now();
    strategy.scoreUser(c.user, scores);
    const list = topK(scores, 20, d.tieRank, setting === 'explore' ? hist : undefined);
    ms += performance.now() - t0;
    const inT = new Set(target);
    let h10 = 0,
      h20 = 0,
      dcg = 0,
      rep = 0,
      exp = 0;
    for (let r = 0; r < list.length; r++) {
      const i = list[r]!;
      if (r < 10) covered[i] = 1;
      if (!inT.has(i)) continue;
      h20++;
      if (r < 10) {
        h10++;
        dcg += 1 / Math.log2(r + 2);
        if (hist[i]) rep++;
        else exp++;
      }
    }
    const T = target.length;
    sR10 += h10 / T;
    sR20 += h20 / T;
    sP += h10 / 10;
    sH += h10 > 0 ? 1 : 0;
    const nd = dcg / idcg[Math.min(10, T)]!;
    sN += nd;
    if (setting === 'all') {
      let tRep = 0;
      for (const i of target) if (hist[i]) tRep++;
      if (tRep > 0) {
        sRep += rep / tRep;
        nRep++;
      }
      if (T - tRep > 0) {
        sExp += exp / (T - tRep);
        nExp++;
      }
    }
    users++;
    if (keepLists) {
      lists.set(c.customer, list.slice(0, 10));
      perUser.push({ customer: c.customer, recall10: h10 / T, ndcg10: nd, nTruth: T });
    }
  }
  let cov = 0;
  for (let i = 0; i < n; i++) cov += covered[i]!;
  const u = Math.max(users, 1);
  return {
    metrics: {
      'recall@10': sR10 / u,
      'recall@20': sR20 / u,
      'ndcg@10': sN / u,
      'hit@10': sH / u,
      'coverage@10': cov / n,
      'precision@10': sP / u,
      'recall_repeat@10': setting === 'all' && nRep ? sRep / nRep : null,
      'recall_explore@10': setting === 'all' && nExp ? sExp / nExp : null,
    },
    users,
    msPerUser: users ? ms / users : 0,
    lists,
    perUser,
  };
}
