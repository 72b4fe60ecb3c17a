/**
 * The default model: two-stage ranking (recommender.md §4, §7.4). Stage 1 gathers candidates — the
 * customer's previously bought items, the top-N of each collaborative source (item-kNN, user-kNN,
 * iALS, EASE over the most popular items) and the recent best sellers. Stage 2 scores each candidate
 * with a logistic regression (the selected learner; gradient-boosted trees stay available for
 * comparison) over frequency, recency, repurchase-cycle, basket, popularity-trend and CF features.
 *
 * The ranker learns only from the data it is fitted on: inside `fit`, the training history is re-cut
 * at earlier days (windows of `windowDays`, newest first), the base models are re-fitted on each cut,
 * and each customer's first basket inside the window is the label — so labels never come from the
 * evaluation period, by construction. A second ranker, fitted on the never-bought candidates only,
 * orders the "customers like this also buy" (explore) list.
 */
import type { TrainData } from '../protocol/baskets';
import { firstBasketIn, truncateTrainData } from '../protocol/truncate';
import { topK } from '../protocol/evaluate';
import { recentCounts } from './popularity';
import { fitNeighbours, itemKnn, type Neighbours } from './item-knn';
import { userKnn } from './user-knn';
import { fitPooledEase, pooledEaseScores, poolPositions, type PooledEase } from './ease';
import { fitIals, ialsScores, type IalsFactors, type IalsOptions } from './ials';
import { fitGbdt, gbdtScore, type GbdtModel, type GbdtOptions } from './gbdt';
import { mulberry32 } from '../../shared/random';
import { fitLogistic, logit, type LogisticModel } from './logistic';
import type { Strategy } from './strategy';
import { addAt } from '../protocol/add-at';

export interface TwoStageOptions {
  /** candidates taken from each CF source */
  nCf: number;
  nRecent: number;
  itemK: number;
  userK: number;
  /** 0 = no iALS source/feature */
  ialsFactors: number;
  /** EASE (λ = easeLambda) over the easeItems most popular items as a further source/feature; 0 = off */
  easeItems: number;
  easeLambda: number;
  ials: Partial<IalsOptions>;
  /** 'blend' sums the log-odds of both learners */
  learner: 'gbdt' | 'logistic' | 'blend';
  gbdt: Partial<GbdtOptions>;
  /** logistic only */
  l2: number;
  windowDays: number;
  windows: number;
  /** share of negative rows kept for training (all positives are kept) */
  negativeRate: number;
  /** row weight = |label basket|^-weightPower, so large baskets do not dominate (Recall averages customers) */
  weightPower: number;
  /** labelled customers used per window at most (a deterministic sample above it bounds training on big stores) */
  maxUsersPerWindow: number;
  /** features left out (zeroed) — for ablations on the validation split */
  dropFeatures: string[];
  /** which list scoreUser produces: "all" (repeat-inclusive) or "explore" (new items ranked by the discovery ranker) */
  setting: 'all' | 'explore';
  /** fit the discovery ranker too (the app's explore list); off where only the "all" list is scored (self-validation, eval) */
  fitDiscovery: boolean;
}

/** Selected on the validation split (cutoff 2011-08-01, end 2011-10-01) by Recall@10 — see README.md. */
export const TWO_STAGE_DEFAULTS: TwoStageOptions = {
  nCf: 100,
  nRecent: 30,
  itemK: 200,
  userK: 100,
  ialsFactors: 32,
  easeItems: 1000,
  easeLambda: 30,
  ials: { iterations: 8 },
  learner: 'logistic',
  gbdt: {},
  l2: 10,
  windowDays: 61,
  windows: 2,
  negativeRate: 0.5,
  weightPower: 0,
  maxUsersPerWindow: 3000,
  dropFeatures: [],
  setting: 'all',
  fitDiscovery: true,
};

export const FEATURE_NAMES = [
  // the customer × item history
  'is_repeat',
  'log_count',
  'count_share',
  'log_days_since_last',
  'decay30',
  'decay180',
  'in_last_basket',
  'in_last3_baskets',
  'log_days_since_first_buy',
  'log_own_cycle',
  'log_due_ratio',
  'log_due_at_next_visit',
  // the item
  'log_pop',
  'log_pop14',
  'log_pop30',
  'log_pop90',
  'trend30_90',
  'propensity',
  'log_buyers',
  'log_item_cycle',
  'buys_per_buyer',
  'log_item_age',
  'new_buyer_share30',
  // the customer
  'log_baskets',
  'log_days_since_visit',
  'log_days_since_first_visit',
  'log_basket_size',
  'log_visit_gap',
  'log_distinct_items',
  // collaborative scores (normalised by the customer's best candidate) and reciprocal ranks
  'iknn_norm',
  'iknn_rr',
  'uknn_norm',
  'uknn_rr',
  'ials_score',
  'ials_norm',
  'ials_rr',
  'last_basket_co',
  'ease_norm',
  'ease_rr',
] as const;
const NF = FEATURE_NAMES.length;
const F = Object.fromEntries(FEATURE_NAMES.map((n, i) => [n, i])) as Record<(typeof FEATURE_NAMES)[number], number>;
const ITEM_FEATURES = [
  'log_pop',
  'log_pop14',
  'log_pop30',
  'log_pop90',
  'trend30_90',
  'propensity',
  'log_buyers',
  'log_item_cycle',
  'buys_per_buyer',
  'log_item_age',
  'new_buyer_share30',
] as const;

/** Above this many items, iALS candidates come from the IALS_SCAN_ITEMS most popular (UCI: 3.5k, full scan). */
const IALS_SCAN_ITEMS = 5_000;

function ialsDot(f: IalsFactors, u: number, i: number): number {
  const k = f.k,
    uo = u * k,
    io = i * k;
  let s = 0;
  for (let a = 0; a < k; a++) s += f.user[uo + a]! * f.item[io + a]!;
  return s;
}

/** Saved pieces that make loading a model cheap (no re-fit). */
export interface BaseModels {
  neighbours: Neighbours;
  ials: IalsFactors | null;
  ease: PooledEase | null;
}

/** Fitted base models and item statistics at one reference day. */
class FeatureContext {
  readonly n: number;
  readonly iknn: ReturnType<typeof itemKnn>;
  readonly uknn: ReturnType<typeof userKnn>;
  readonly ials: IalsFactors | null;
  /** item features, item-major, in ITEM_FEATURES order */
  private readonly itemF: Float32Array;
  readonly recentTop: Int32Array;
  private readonly si: Float64Array;
  private readonly su: Float64Array;
  private readonly sa: Float64Array;
  /** large catalogues: iALS proposes candidates among the most popular items only (keeps recommend() fast) */
  private readonly ialsPool: Int32Array | null;
  private readonly sc: Float64Array;
  private readonly se: Float64Array;
  readonly ease: PooledEase | null;
  private readonly easeAt: Int32Array | null;
  private readonly mark: Int32Array;
  private readonly slot: Int32Array;
  private stamp = 0;

  constructor(
    readonly d: TrainData,
    readonly o: TwoStageOptions,
    base?: BaseModels,
  ) {
    const n = (this.n = d.items.length);
    this.iknn = itemKnn(o.itemK, base?.neighbours ?? fitNeighbours(d, o.itemK));
    this.uknn = userKnn(o.userK);
    this.iknn.fit(d);
    this.uknn.fit(d);
    this.ials = base
      ? base.ials
      : o.ialsFactors > 0 && d.users.length > 0
        ? fitIals(d, { ...o.ials, factors: o.ialsFactors })
        : null;
    const p14 = recentCounts(d, 14),
      p30 = recentCounts(d, 30),
      p90 = recentCounts(d, 90);
    const buyers = new Float64Array(n),
      repeaters = new Float64Array(n);
    // item repurchase cycle: mean days between a customer's first and last purchase per extra purchase
    const cycleSum = new Float64Array(n),
      cycleN = new Float64Array(n);
    for (let p = 0; p < d.xIdx.length; p++) {
      addAt(buyers, d.xIdx[p]!, 1);
      if (d.xVal[p]! >= 2) addAt(repeaters, d.xIdx[p]!, 1);
    }
    const firstDay = new Int32Array(n);
    // when each item was first sold, and how many of its last-30-day sales were first purchases by that customer
    const itemFirstSold = new Int32Array(n).fill(d.refDay);
    const firstBuys30 = new Float64Array(n);
    for (let u = 0; u < d.users.length; u++) {
      const touched: number[] = [];
      for (let b = d.userBasketPtr[u]!; b < d.userBasketPtr[u + 1]!; b++) {
        const day = d.basketDay[b]!;
        const recent = d.refDay - day <= 30;
        for (let p = d.basketPtr[b]!; p < d.basketPtr[b + 1]!; p++) {
          const i = d.basketItems[p]!;
          if (day < itemFirstSold[i]!) itemFirstSold[i] = day;
          if (firstDay[i] === 0) {
            firstDay[i] = day;
            touched.push(i);
            if (recent) addAt(firstBuys30, i, 1);
          }
        }
      }
      for (let p = d.xPtr[u]!; p < d.xPtr[u + 1]!; p++) {
        const i = d.xIdx[p]!;
        const c = d.xVal[p]!;
        if (c >= 2) {
          addAt(cycleSum, i, (d.xLastDay[p]! - firstDay[i]!) / (c - 1));
          addAt(cycleN, i, 1);
        }
      }
      for (const i of touched) firstDay[i] = 0;
    }
    const NI = ITEM_FEATURES.length;
    this.itemF = new Float32Array(n * NI);
    for (let i = 0; i < n; i++) {
      const o2 = i * NI;
      this.itemF[o2] = Math.log1p(d.pop[i]!);
      this.itemF[o2 + 1] = Math.log1p(p14[i]!);
      this.itemF[o2 + 2] = Math.log1p(p30[i]!);
      this.itemF[o2 + 3] = Math.log1p(p90[i]!);
      this.itemF[o2 + 4] = Math.log((p30[i]! + 1) / (p90[i]! / 3 + 1));
      this.itemF[o2 + 5] = (repeaters[i]! + 1) / (buyers[i]! + 2);
      this.itemF[o2 + 6] = Math.log1p(buyers[i]!);
      this.itemF[o2 + 7] = Math.log1p(cycleN[i]! > 0 ? cycleSum[i]! / cycleN[i]! : 400);
      this.itemF[o2 + 8] = buyers[i]! > 0 ? d.pop[i]! / buyers[i]! : 0;
      this.itemF[o2 + 9] = Math.log1p(d.refDay - itemFirstSold[i]!);
      this.itemF[o2 + 10] = (firstBuys30[i]! + 1) / (p30[i]! + 2);
    }
    this.recentTop = topK(p90, o.nRecent, d.tieRank);
    this.si = new Float64Array(n);
    this.su = new Float64Array(n);
    this.sa = new Float64Array(n);
    this.ialsPool = n > IALS_SCAN_ITEMS ? d.popOrder.slice(0, IALS_SCAN_ITEMS) : null;
    this.sc = new Float64Array(n);
    this.se = new Float64Array(n);
    this.ease = base ? (base.ease ?? null) : o.easeItems > 0 ? fitPooledEase(d, o.easeItems, o.easeLambda) : null;
    this.easeAt = this.ease ? poolPositions(this.ease.pool, n) : null;
    this.mark = new Int32Array(n);
    this.slot = new Int32Array(n);
  }

  baseModels(): BaseModels {
    return { neighbours: this.iknn.neighbours(), ials: this.ials, ease: this.ease };
  }

  /** Candidates and their feature rows for user u (index into d.users). */
  features(u: number): { items: number[]; X: Float32Array } {
    const d = this.d,
      o = this.o;
    const stamp = ++this.stamp;
    const items: number[] = [];
    const add = (i: number) => {
      if (this.mark[i] !== stamp) {
        this.mark[i] = stamp;
        this.slot[i] = items.length;
        items.push(i);
      }
    };
    for (let p = d.xPtr[u]!; p < d.xPtr[u + 1]!; p++) add(d.xIdx[p]!);
    this.iknn.scoreUser(u, this.si);
    this.uknn.scoreUser(u, this.su);
    const rr = (scores: Float64Array, positiveOnly: boolean) => {
      const top = topK(scores, o.nCf, d.tieRank);
      const m = new Map<number, number>();
      top.forEach((i, r) => {
        if (!positiveOnly || scores[i]! > 0) {
          m.set(i, 1 / (r + 1));
          add(i);
        }
      });
      return m;
    };
    // iALS and EASE rank among items the customer has not bought: their own items are candidates already
    const rrAmongNew = (scores: Float64Array, positiveOnly: boolean) => {
      const saved: number[] = [];
      for (let p = d.xPtr[u]!; p < d.xPtr[u + 1]!; p++) saved.push(scores[d.xIdx[p]!]!);
      for (let p = d.xPtr[u]!; p < d.xPtr[u + 1]!; p++) scores[d.xIdx[p]!] = -Infinity;
      const m = rr(scores, positiveOnly);
      let q = 0;
      for (let p = d.xPtr[u]!; p < d.xPtr[u + 1]!; p++) scores[d.xIdx[p]!] = saved[q++]!;
      return m;
    };
    const rrI = rr(this.si, true);
    const rrU = rr(this.su, true);
    let rrA: Map<number, number> = new Map();
    if (this.ials) {
      if (!this.ialsPool) ialsScores(this.ials, u, this.sa);
      else {
        this.sa.fill(-Infinity);
        for (let q = 0; q < this.ialsPool.length; q++)
          this.sa[this.ialsPool[q]!] = ialsDot(this.ials, u, this.ialsPool[q]!);
      }
      rrA = rrAmongNew(this.sa, false);
    }
    let rrE: Map<number, number> = new Map();
    let maxE = 0;
    if (this.ease) {
      pooledEaseScores(this.ease, this.easeAt!, d.xIdx.subarray(d.xPtr[u], d.xPtr[u + 1]), this.se);
      rrE = rrAmongNew(this.se, true);
    }
    for (const i of this.recentTop) add(i);
    // candidates outside the iALS pool still get their iALS feature
    if (this.ials && this.ialsPool)
      for (const i of items) if (!(this.sa[i]! > -Infinity)) this.sa[i] = ialsDot(this.ials, u, i);
    let maxI = 0,
      maxU = 0,
      maxA = 0;
    for (const i of items) {
      maxI = Math.max(maxI, this.si[i]!);
      maxU = Math.max(maxU, this.su[i]!);
      if (this.ials) maxA = Math.max(maxA, this.sa[i]!);
      if (this.ease) maxE = Math.max(maxE, this.se[i]!);
    }
    const X = new Float32Array(items.length * NF);
    // the customer's own history, per item
    const b0 = d.userBasketPtr[u]!;
    const lastBasket = d.userBasketPtr[u + 1]! - 1;
    const nb = lastBasket - b0 + 1;
    const lastVisit = d.basketDay[lastBasket]!;
    const firstVisit = d.basketDay[b0]!;
    let sizeSum = 0;
    for (let b = b0; b <= lastBasket; b++) {
      const age = d.refDay - d.basketDay[b]!;
      const w30 = Math.pow(0.5, age / 30);
      const w180 = Math.pow(0.5, age / 180);
      const recent3 = lastBasket - b < 3 ? 1 : 0;
      sizeSum += d.basketPtr[b + 1]! - d.basketPtr[b]!;
      for (let p = d.basketPtr[b]!; p < d.basketPtr[b + 1]!; p++) {
        const ro = this.slot[d.basketItems[p]!]! * NF;
        if (X[ro + F.is_repeat] === 0) {
          X[ro + F.is_repeat] = 1;
          X[ro + F.log_days_since_first_buy] = Math.log1p(d.refDay - d.basketDay[b]!);
        }
        addAt(X, ro + F.decay30, w30);
        addAt(X, ro + F.decay180, w180);
        addAt(X, ro + F.in_last3_baskets, recent3);
        if (b === lastBasket) X[ro + F.in_last_basket] = 1;
      }
    }
    // co-purchase strength with the last basket only
    this.sc.fill(0);
    this.iknn.scoreItems!(d.basketItems.subarray(d.basketPtr[lastBasket], d.basketPtr[lastBasket + 1]), this.sc);
    const NI = ITEM_FEATURES.length;
    const visitGap = nb > 1 ? (lastVisit - firstVisit) / (nb - 1) : null;
    const uf = [
      Math.log1p(nb),
      Math.log1p(d.refDay - lastVisit),
      Math.log1p(d.refDay - firstVisit),
      Math.log1p(sizeSum / nb),
      Math.log1p(visitGap ?? 400),
      Math.log1p(d.xPtr[u + 1]! - d.xPtr[u]!),
    ];
    // the customer's next visit is expected about one visit gap (two months for a first-time buyer) after the last one
    const nextVisitWait = Math.max(1, (visitGap ?? 60) - (d.refDay - lastVisit));
    for (let p = d.xPtr[u]!, r = 0; p < d.xPtr[u + 1]!; p++, r++) {
      const ro = r * NF;
      const c = d.xVal[p]!;
      const since = d.refDay - d.xLastDay[p]!;
      X[ro + F.log_count] = Math.log1p(c);
      X[ro + F.count_share] = c / nb;
      X[ro + F.log_days_since_last] = Math.log1p(since);
      const firstAge = Math.expm1(X[ro + F.log_days_since_first_buy]!);
      const own = c > 1 ? (firstAge - since) / (c - 1) : 0;
      X[ro + F.log_own_cycle] = Math.log1p(own);
      const cycle = c > 1 ? own : Math.expm1(this.itemF[d.xIdx[p]! * NI + 7]!);
      X[ro + F.log_due_ratio] = Math.log1p(since / Math.max(cycle, 1));
      X[ro + F.log_due_at_next_visit] = Math.log1p((since + nextVisitWait) / Math.max(cycle, 1));
    }
    for (let r = 0; r < items.length; r++) {
      const i = items[r]!;
      const ro = r * NF;
      for (let q = 0; q < NI; q++) X[ro + F.log_pop + q] = this.itemF[i * NI + q]!;
      for (let q = 0; q < uf.length; q++) X[ro + F.log_baskets + q] = uf[q]!;
      X[ro + F.iknn_norm] = maxI > 0 ? this.si[i]! / maxI : 0;
      X[ro + F.iknn_rr] = rrI.get(i) ?? 0;
      X[ro + F.uknn_norm] = maxU > 0 ? this.su[i]! / maxU : 0;
      X[ro + F.uknn_rr] = rrU.get(i) ?? 0;
      if (this.ials) {
        X[ro + F.ials_score] = this.sa[i]!;
        X[ro + F.ials_norm] = maxA > 0 ? this.sa[i]! / maxA : 0;
        X[ro + F.ials_rr] = rrA.get(i) ?? 0;
      }
      X[ro + F.last_basket_co] = this.sc[i]!;
      if (this.ease) {
        X[ro + F.ease_norm] = maxE > 0 && this.se[i]! > -Infinity ? this.se[i]! / maxE : 0;
        X[ro + F.ease_rr] = rrE.get(i) ?? 0;
      }
    }
    for (const name of o.dropFeatures) {
      const f = F[name as keyof typeof F];
      if (f !== undefined) for (let r = 0; r < items.length; r++) X[r * NF + f] = 0;
    }
    return { items, X };
  }
}

/** Logistic regression needs the interactions the trees find by themselves: is_repeat × item/CF features, propensity × frequency. */
const REPEAT_X = [
  'log_pop',
  'log_pop30',
  'log_pop90',
  'log_pop14',
  'propensity',
  'trend30_90',
  'iknn_norm',
  'iknn_rr',
  'uknn_norm',
  'uknn_rr',
  'ials_norm',
  'ials_rr',
  'log_days_since_visit',
  'last_basket_co',
  'ease_norm',
  'ease_rr',
] as const;
const PROP_X = ['log_count', 'count_share', 'decay180', 'log_due_ratio'] as const;
const NL = NF + REPEAT_X.length + PROP_X.length;

function expandRow(X: ArrayLike<number>, off: number, out: Float32Array, oo: number): void {
  for (let f = 0; f < NF; f++) out[oo + f] = X[off + f]!;
  const rep = X[off + F.is_repeat]!,
    prop = X[off + F.propensity]!;
  let k = oo + NF;
  for (const n of REPEAT_X) out[k++] = rep * X[off + F[n]]!;
  for (const n of PROP_X) out[k++] = prop * X[off + F[n]]!;
}

function expand(X: Float32Array, rows: number): Float32Array {
  const out = new Float32Array(rows * NL);
  for (let r = 0; r < rows; r++) expandRow(X, r * NF, out, r * NL);
  return out;
}

export interface RankerModel {
  gbdt: GbdtModel | null;
  logistic: LogisticModel | null;
}

function fitRanker(
  X: Float32Array,
  y: Uint8Array,
  w: Float32Array,
  groups: Int32Array,
  o: TwoStageOptions,
): RankerModel | null {
  let pos = 0;
  for (let r = 0; r < y.length; r++) pos += y[r]!;
  if (pos === 0 || pos === y.length) return null;
  return {
    gbdt: o.learner !== 'logistic' ? fitGbdt(X, y, NF, o.gbdt, o.weightPower ? w : undefined, groups) : null,
    logistic:
      o.learner !== 'gbdt' ? fitLogistic(expand(X, y.length), y, NL, o.l2, 8, o.weightPower ? w : undefined) : null,
  };
}

/** Names of the logistic ranker's inputs: the features, then the interaction terms, in expandRow's order. */
export const RANKER_INPUT_NAMES: string[] = [
  ...FEATURE_NAMES,
  ...REPEAT_X.map((n) => `is_repeat×${n}`),
  ...PROP_X.map((n) => `propensity×${n}`),
];

/** What pushed one candidate's score up or down: weight × standardised value per ranker input (logistic part). */
export function rankerContributions(m: RankerModel, X: Float32Array, off: number): { name: string; value: number }[] {
  if (!m.logistic) return [];
  const row = new Float32Array(NL);
  expandRow(X, off, row, 0);
  const lm = m.logistic;
  return RANKER_INPUT_NAMES.map((name, f) => ({
    name,
    value: lm.weights[f + 1]! * ((row[f]! - lm.mean[f]!) / lm.std[f]!),
  }));
}

const rowBuf = new Float32Array(NL);
function rankerScore(m: RankerModel, X: Float32Array, off: number): number {
  let s = 0;
  if (m.gbdt) s += gbdtScore(m.gbdt, X, off);
  if (m.logistic) {
    expandRow(X, off, rowBuf, 0);
    s += logit(m.logistic, rowBuf, 0);
  }
  return s;
}

/** Labelled rows for the ranker: the history re-cut at earlier days, each customer's first basket in the window as label. */
export interface TrainingRows {
  /** rows × FEATURE_NAMES, row-major */
  X: Float32Array;
  y: Uint8Array;
  wt: Float32Array;
  /** row ranges per labelled customer: rows groups[k]..groups[k+1] */
  groups: Int32Array;
}

export function buildTrainingRows(d: TrainData, o: TwoStageOptions): TrainingRows {
  const Xs: Float32Array[] = [];
  const ys: Uint8Array[] = [];
  const ws: number[] = [];
  const rnd = mulberry32(1234);
  for (let w = 1; w <= o.windows; w++) {
    const T = d.refDay - w * o.windowDays;
    const sub = truncateTrainData(d, T);
    if (sub.users.length === 0) continue;
    let labels = [...firstBasketIn(d, T, T + o.windowDays)];
    if (labels.length > o.maxUsersPerWindow) {
      const pick = mulberry32(77 + w);
      labels = labels
        .map((x) => [pick(), x] as const)
        .sort((a, b) => a[0] - b[0])
        .slice(0, o.maxUsersPerWindow)
        .map((x) => x[1]);
    }
    const fc = new FeatureContext(sub, o);
    for (const [customer, basket] of labels) {
      const u = sub.userIndex.get(customer);
      if (u === undefined) continue;
      const truth = new Set(basket);
      const { items, X } = fc.features(u);
      // keep every positive and a fixed share of negatives (deterministic)
      const keep: number[] = [];
      for (let r = 0; r < items.length; r++) if (truth.has(items[r]!) || rnd() < o.negativeRate) keep.push(r);
      const Xk = new Float32Array(keep.length * NF);
      const yk = new Uint8Array(keep.length);
      keep.forEach((r, q) => {
        Xk.set(X.subarray(r * NF, (r + 1) * NF), q * NF);
        yk[q] = truth.has(items[r]!) ? 1 : 0;
      });
      Xs.push(Xk);
      ys.push(yk);
      ws.push(Math.pow(basket.length, -o.weightPower));
    }
  }
  const rows = ys.reduce((s, y) => s + y.length, 0);
  const X = new Float32Array(rows * NF);
  const y = new Uint8Array(rows);
  const wt = new Float32Array(rows);
  let off = 0;
  Xs.forEach((x, k) => {
    X.set(x, off * NF);
    y.set(ys[k]!, off);
    wt.fill(ws[k]!, off, off + ys[k]!.length);
    off += ys[k]!.length;
  });
  // mean weight 1, so the L2 strength means the same with or without weighting
  let wSum = 0;
  for (let r = 0; r < rows; r++) wSum += wt[r]!;
  if (wSum > 0) for (let r = 0; r < rows; r++) wt[r] = (wt[r]! * rows) / wSum;
  const groups = new Int32Array(ys.length + 1);
  ys.forEach((yy, k) => (groups[k + 1] = groups[k]! + yy.length));
  return { X, y, wt, groups };
}

export interface TwoStageState {
  version: 3;
  options: TwoStageOptions;
  model: RankerModel | null;
  /** the ranker re-fitted on new-item candidates only: the "customers like this also buy" list */
  discovery: RankerModel | null;
  base: BaseModels;
  trainingRows: number;
}

export type TwoStage = Strategy & {
  model(): RankerModel | null;
  trainingRows(): number;
  state(): TwoStageState;
  /** the item-kNN inside the ranker, for "goes with" and reasons */
  itemKnn(): ReturnType<typeof itemKnn>;
  /** scores only never-bought candidates with the discovery ranker (the explore list) */
  scoreUserExplore(u: number, out: Float64Array): void;
  /** stage-1 candidates of a customer and their feature rows (FEATURE_NAMES order) */
  candidateFeatures(u: number): { items: number[]; X: Float32Array };
};

/** Rebuilds a fitted ranker from a saved state without re-learning anything expensive. */
export function loadTwoStage(d: TrainData, st: TwoStageState): TwoStage {
  const m = twoStage(st.options, st);
  m.fit(d);
  return m;
}

export function twoStage(opts: Partial<TwoStageOptions> = {}, saved?: TwoStageState): TwoStage {
  const o: TwoStageOptions = { ...TWO_STAGE_DEFAULTS, ...opts };
  let ctx: FeatureContext;
  let model: RankerModel | null = saved?.model ?? null;
  let discovery: RankerModel | null = saved?.discovery ?? null;
  let rows = saved?.trainingRows ?? 0;
  const score = (u: number, out: Float64Array, explore: boolean) => {
    out.fill(-Infinity);
    const { items, X } = ctx.features(u);
    for (let r = 0; r < items.length; r++) {
      const isNew = X[r * NF + F.is_repeat] === 0;
      if (explore && !isNew) continue;
      const m = explore && discovery ? discovery : model;
      // without a fitted ranker (too little history) fall back to GP-TopFreq order, then iALS/item-kNN
      out[items[r]!] = m
        ? rankerScore(m, X, r * NF)
        : X[r * NF + F.log_count]! * 10 + X[r * NF + F.ials_norm]! + X[r * NF + F.iknn_norm]!;
    }
  };
  return {
    name: `two-stage(${o.learner}, nCf=${o.nCf}, ials=${o.ialsFactors}, windows=${o.windows}x${o.windowDays}d, ${o.setting})`,
    fit(d) {
      if (saved) {
        ctx = new FeatureContext(d, o, saved.base);
        return;
      }
      const { X, y, wt, groups } = buildTrainingRows(d, o);
      rows = y.length;
      model = rows > 0 ? fitRanker(X, y, wt, groups, o) : null;
      let nNew = 0;
      for (let r = 0; r < rows; r++) if (X[r * NF + F.is_repeat] === 0) nNew++;
      const Xn = new Float32Array(nNew * NF);
      const yn = new Uint8Array(nNew);
      const wn = new Float32Array(nNew);
      const gn = [0];
      for (let k = 0, q = 0; k < groups.length - 1; k++) {
        for (let r = groups[k]!; r < groups[k + 1]!; r++)
          if (X[r * NF + F.is_repeat] === 0) {
            Xn.set(X.subarray(r * NF, (r + 1) * NF), q * NF);
            wn[q] = wt[r]!;
            yn[q++] = y[r]!;
          }
        if (q > gn[gn.length - 1]!) gn.push(q);
      }
      discovery =
        nNew > 0 && (o.fitDiscovery || o.setting === 'explore') ? fitRanker(Xn, yn, wn, Int32Array.from(gn), o) : null;
      ctx = new FeatureContext(d, o);
    },
    scoreUser(u, out) {
      score(u, out, o.setting === 'explore');
    },
    scoreUserExplore(u, out) {
      score(u, out, true);
    },
    candidateFeatures: (u) => ctx.features(u),
    model: () => model,
    trainingRows: () => rows,
    state: () => ({ version: 3, options: o, model, discovery, base: ctx.baseModels(), trainingRows: rows }),
    itemKnn: () => ctx.iknn,
  };
}
