/**
 * The default model: two-stage ranking (recommender.md §4, §7.4). Stage 1 gathers candidates —
 * the customer's previously bought items, the top-N of item-kNN and user-kNN, and the recent best
 * sellers. Stage 2 scores each candidate with a logistic regression over frequency, recency, decay,
 * popularity, item repurchase propensity and CF features (with is-repeat interactions).
 *
 * The ranker learns only from the data it is fitted on: inside `fit`, the training history is re-cut
 * at earlier days (windows of `windowDays`, newest first) and each customer's first basket inside a
 * window is the label — so labels never come from the evaluation period, by construction.
 */
import type { TrainData } from '../protocol/baskets';
import { firstBasketIn, truncateTrainData } from '../protocol/truncate';
import { topK } from '../protocol/evaluate';
import { recentCounts } from './popularity';
import { itemKnn, type Neighbours } from './item-knn';
import { userKnn } from './user-knn';
import { fitLogistic, logit, type LogisticModel } from './logistic';
import type { Strategy } from './strategy';

export interface TwoStageOptions {
  nCf: number;
  nRecent: number;
  itemK: number;
  userK: number;
  l2: number;
  windowDays: number;
  windows: number;
  /** which list scoreUser produces: "all" (repeat-inclusive) or "explore" (new items ranked by the discovery model) */
  setting: 'all' | 'explore';
}

export const TWO_STAGE_DEFAULTS: TwoStageOptions = {
  nCf: 100,
  nRecent: 30,
  itemK: 200,
  userK: 100,
  l2: 10,
  windowDays: 61,
  windows: 2,
  setting: 'all',
};

export const FEATURE_NAMES = [
  'is_repeat', 'log_count', 'count_share', 'log_days_since_last', 'decay30', 'decay180', 'in_last_basket',
  'log_pop', 'log_pop30', 'log_pop90', 'log_pop14', 'propensity', 'iknn_norm', 'iknn_rr', 'uknn_norm', 'uknn_rr',
  'repeat_x_log_since_visit', 'log_baskets',
  // interactions: is_repeat × item/CF features, propensity × frequency
  'r_log_pop', 'r_log_pop30', 'r_log_pop90', 'r_log_pop14', 'r_propensity', 'r_iknn_norm', 'r_iknn_rr', 'r_uknn_norm', 'r_uknn_rr',
  'prop_x_log_count', 'prop_x_share', 'prop_x_decay180',
] as const;
const NF = FEATURE_NAMES.length;

/** Fitted base models and item statistics at one reference day. */
class FeatureContext {
  readonly n: number;
  readonly iknn: ReturnType<typeof itemKnn>;
  readonly uknn: ReturnType<typeof userKnn>;
  readonly lpop: Float64Array;
  readonly lpop30: Float64Array;
  readonly lpop90: Float64Array;
  readonly lpop14: Float64Array;
  readonly propensity: Float64Array;
  readonly recentTop: Int32Array;
  private readonly si: Float64Array;
  private readonly su: Float64Array;
  private readonly mark: Int32Array;
  private stamp = 0;

  constructor(readonly d: TrainData, readonly o: TwoStageOptions, prefit?: Neighbours) {
    const n = (this.n = d.items.length);
    this.iknn = itemKnn(o.itemK, prefit);
    this.uknn = userKnn(o.userK);
    this.iknn.fit(d);
    this.uknn.fit(d);
    const log1p = (a: Float64Array) => a.map((v) => Math.log1p(v));
    this.lpop = log1p(d.pop);
    const p30 = recentCounts(d, 30);
    this.lpop30 = log1p(p30);
    const p90 = recentCounts(d, 90);
    this.lpop90 = log1p(p90);
    this.lpop14 = log1p(recentCounts(d, 14));
    const buyers = new Float64Array(n);
    const repeaters = new Float64Array(n);
    for (let p = 0; p < d.xIdx.length; p++) {
      buyers[d.xIdx[p]!]++;
      if (d.xVal[p]! >= 2) repeaters[d.xIdx[p]!]++;
    }
    this.propensity = new Float64Array(n);
    for (let i = 0; i < n; i++) this.propensity[i] = (repeaters[i]! + 1) / (buyers[i]! + 2);
    this.recentTop = topK(p90, o.nRecent, d.tieRank);
    this.si = new Float64Array(n);
    this.su = new Float64Array(n);
    this.mark = new Int32Array(n);
  }

  /** Candidates and their feature rows for user u (index into d.users). */
  features(u: number): { items: number[]; X: Float32Array } {
    const d = this.d;
    const stamp = ++this.stamp;
    const items: number[] = [];
    const add = (i: number) => {
      if (this.mark[i] !== stamp) {
        this.mark[i] = stamp;
        items.push(i);
      }
    };
    for (let p = d.xPtr[u]!; p < d.xPtr[u + 1]!; p++) add(d.xIdx[p]!);
    const nHist = items.length;
    this.iknn.scoreUser(u, this.si);
    this.uknn.scoreUser(u, this.su);
    const ti = topK(this.si, this.o.nCf, d.tieRank);
    const tu = topK(this.su, this.o.nCf, d.tieRank);
    const rrI = new Map<number, number>();
    const rrU = new Map<number, number>();
    ti.forEach((i, r) => { if (this.si[i]! > 0) { rrI.set(i, 1 / (r + 1)); add(i); } });
    tu.forEach((i, r) => { if (this.su[i]! > 0) { rrU.set(i, 1 / (r + 1)); add(i); } });
    for (const i of this.recentTop) add(i);
    let maxI = 0, maxU = 0;
    for (const i of items) {
      maxI = Math.max(maxI, this.si[i]!);
      maxU = Math.max(maxU, this.su[i]!);
    }
    // the customer's own history, per item
    const nb = d.userBasketPtr[u + 1]! - d.userBasketPtr[u]!;
    const lastBasket = d.userBasketPtr[u + 1]! - 1;
    const lastVisit = d.basketDay[lastBasket]!;
    const sinceVisit = Math.log1p(Math.max(d.refDay - lastVisit, 0));
    const hist = new Map<number, { count: number; last: number; d30: number; d180: number; inLast: number }>();
    for (let b = d.userBasketPtr[u]!; b <= lastBasket; b++) {
      const age = d.refDay - d.basketDay[b]!;
      const w30 = Math.pow(0.5, age / 30);
      const w180 = Math.pow(0.5, age / 180);
      for (let p = d.basketPtr[b]!; p < d.basketPtr[b + 1]!; p++) {
        const i = d.basketItems[p]!;
        let h = hist.get(i);
        if (!h) hist.set(i, (h = { count: 0, last: 0, d30: 0, d180: 0, inLast: 0 }));
        h.count++;
        h.last = d.basketDay[b]!;
        h.d30 += w30;
        h.d180 += w180;
        if (b === lastBasket) h.inLast = 1;
      }
    }
    const X = new Float32Array(items.length * NF);
    items.forEach((i, r) => {
      const h = r < nHist ? hist.get(i) : undefined;
      const rep = h ? 1 : 0;
      const lc = h ? Math.log1p(h.count) : 0;
      const share = h ? h.count / nb : 0;
      const d180 = h ? h.d180 : 0;
      const iN = maxI > 0 ? this.si[i]! / maxI : 0;
      const iR = rrI.get(i) ?? 0;
      const uN = maxU > 0 ? this.su[i]! / maxU : 0;
      const uR = rrU.get(i) ?? 0;
      const prop = this.propensity[i]!;
      const f = [
        rep, lc, share, h ? Math.log1p(d.refDay - h.last) : 0, h ? h.d30 : 0, d180, h ? h.inLast : 0,
        this.lpop[i]!, this.lpop30[i]!, this.lpop90[i]!, this.lpop14[i]!, prop, iN, iR, uN, uR,
        rep * sinceVisit, Math.log1p(nb),
        rep * this.lpop[i]!, rep * this.lpop30[i]!, rep * this.lpop90[i]!, rep * this.lpop14[i]!, rep * prop,
        rep * iN, rep * iR, rep * uN, rep * uR,
        prop * lc, prop * share, prop * d180,
      ];
      X.set(f, r * NF);
    });
    return { items, X };
  }
}

export interface TwoStageState {
  options: TwoStageOptions;
  model: LogisticModel | null;
  /** the same ranker re-fitted on new-item candidates only: the "customers like this also buy" list */
  discovery: LogisticModel | null;
  neighbours: Neighbours;
}

export type TwoStage = Strategy & {
  model(): LogisticModel | null;
  trainingRows(): number;
  state(): TwoStageState;
  /** the item-kNN and user-kNN inside the ranker, for "goes with" and reasons */
  itemKnn(): ReturnType<typeof itemKnn>;
};

/** Rebuilds a fitted ranker from a saved state without re-learning (item-kNN neighbours included). */
export function loadTwoStage(d: TrainData, st: TwoStageState): TwoStage {
  const m = twoStage(st.options, st);
  m.fit(d);
  return m;
}

export function twoStage(opts: Partial<TwoStageOptions> = {}, saved?: TwoStageState): TwoStage {
  const o = { ...TWO_STAGE_DEFAULTS, ...opts };
  let ctx: FeatureContext;
  let model: LogisticModel | null = saved?.model ?? null;
  let discovery: LogisticModel | null = saved?.discovery ?? null;
  let rows = 0;
  return {
    name: `two-stage(l2=${o.l2}, windows=${o.windows}x${o.windowDays}d, ${o.setting})`,
    fit(d) {
      if (saved) {
        ctx = new FeatureContext(d, o, saved.neighbours);
        return;
      }
      const Xs: Float32Array[] = [];
      const ys: Uint8Array[] = [];
      for (let w = 1; w <= o.windows; w++) {
        const T = d.refDay - w * o.windowDays;
        const end = T + o.windowDays;
        const sub = truncateTrainData(d, T);
        if (sub.users.length === 0) continue;
        const labels = firstBasketIn(d, T, end);
        const fc = new FeatureContext(sub, o);
        for (const [customer, basket] of labels) {
          const u = sub.userIndex.get(customer);
          if (u === undefined) continue;
          const truth = new Set(basket);
          const { items, X } = fc.features(u);
          Xs.push(X);
          ys.push(Uint8Array.from(items, (i) => (truth.has(i) ? 1 : 0)));
        }
      }
      rows = ys.reduce((s, y) => s + y.length, 0);
      const X = new Float32Array(rows * NF);
      const y = new Uint8Array(rows);
      let off = 0;
      Xs.forEach((x, k) => {
        X.set(x, off * NF);
        y.set(ys[k]!, off);
        off += ys[k]!.length;
      });
      const usable = (yy: Uint8Array) => yy.some((v) => v === 1) && yy.some((v) => v === 0);
      model = rows > 0 && usable(y) ? fitLogistic(X, y, NF, o.l2) : null;
      // discovery ranker: rows of candidates the customer never bought (is_repeat = feature 0)
      let nNew = 0;
      for (let r = 0; r < rows; r++) if (X[r * NF] === 0) nNew++;
      const Xn = new Float32Array(nNew * NF);
      const yn = new Uint8Array(nNew);
      for (let r = 0, q = 0; r < rows; r++)
        if (X[r * NF] === 0) {
          Xn.set(X.subarray(r * NF, (r + 1) * NF), q * NF);
          yn[q++] = y[r]!;
        }
      discovery = nNew > 0 && usable(yn) ? fitLogistic(Xn, yn, NF, o.l2) : null;
      ctx = new FeatureContext(d, o);
    },
    scoreUser(u, out) {
      out.fill(-Infinity);
      const { items, X } = ctx.features(u);
      items.forEach((i, r) => {
        const isNew = X[r * NF] === 0;
        if (o.setting === 'explore' && isNew && discovery) out[i] = logit(discovery, X, r * NF);
        // without a fitted ranker (too little history) fall back to GP-TopFreq order among candidates
        else out[i] = model ? logit(model, X, r * NF) : X[r * NF + 1]!;
      });
    },
    model: () => model,
    trainingRows: () => rows,
    state: () => ({ options: o, model, discovery, neighbours: ctx.iknn.neighbours() }),
    itemKnn: () => ctx.iknn,
  };
}
