/**
 * The recommender inside the app. Trains from the database (orders + order_lines; items = products,
 * baskets = customer + calendar day), keeps the fitted model in memory, and answers `recommend()`
 * with concrete SKUs, a strategy name and reasons computed from evidence in the data. Business
 * rules run after scoring: stock here, size, budget, category, colours, status, owned durables and
 * the customer's personalisation consent.
 */
import type { Sqlite } from '../db/statements';
import { variantCards, type VariantCardRow } from '../catalog/queries';
import {
  customerConsent,
  ownedProductIds,
  preferredSize,
  productOfSku,
  productRules,
  purchaseLines,
  trainingProducts,
} from './queries';
import { buildBaskets, buildTrainData, dayNumber, type TrainData } from './protocol/baskets';
import { topK } from './protocol/evaluate';
import {
  FEATURE_NAMES,
  loadTwoStage,
  rankerContributions,
  twoStage,
  type TwoStage,
  type TwoStageState,
} from './strategies/two-stage';
import { buildContentIndex, addSimilar, type ContentIndex } from './strategies/content';
import { recentCounts, recentPopularity } from './strategies/popularity';
import { gpTopFreq, repurchase } from './strategies/repurchase';
import type { Strategy } from './strategies/strategy';
import { selectModel } from './selection/self-validation';
import { twoStageOptionsFor } from './selection/candidates';
import { modelCard, type ModelCard } from './selection/model-card';
import { addAt } from './protocol/add-at';

export interface ProductInfo {
  id: number;
  title: string;
  category: string | null;
  consumable: boolean;
}

/** Everything `recommend()` needs, serialisable with node:v8. */
export interface ModelData {
  /** 3 = two-stage state with saved item-kNN neighbours, iALS factors and pooled EASE weights (loading re-fits nothing expensive) */
  version: 3;
  trainedAt: string;
  refDay: number;
  /** TrainData with items = product ids (as strings) and users = customer ids (as strings) */
  train: TrainData;
  ranker: TwoStageState;
  /** storeId → units-weighted basket counts per item over the last 30 days */
  storeRecent: Map<string, Float64Array>;
  products: ProductInfo[];
  content: ContentIndex;
  strategies: Record<string, string>;
  trainSeconds: number;
  /** the model that won self-validation and orders personal suggestions (two-stage stays loaded for "goes with" and discovery) */
  personal?: { model: string; params: Record<string, number | string> };
  card?: ModelCard | null;
}

/** The personal scorer a saved model names; null = the two-stage ranker. */
function personalScorer(p: ModelData['personal'], d: TrainData): Strategy | null {
  if (!p || p.model === 'two-stage') return null;
  const s =
    p.model === 'gp-topfreq'
      ? gpTopFreq()
      : p.model === 'repurchase'
        ? repurchase(Number(p.params.halfLifeDays))
        : p.model === 'recent-pop'
          ? recentPopularity(Number(p.params.windowDays))
          : null;
  s?.fit(d);
  return s;
}

export type ProgressFn = (phase: string, done: number, total: number | null) => void;

export function trainFromDatabase(sqlite: Sqlite, opts: { now?: Date; progress?: ProgressFn } = {}): ModelData {
  const t0 = performance.now();
  const progress = opts.progress ?? (() => {});
  const now = opts.now ?? new Date();
  const refDay = dayNumber(now.toISOString()) + 1;
  progress('reading orders', 0, null);
  const lines = purchaseLines(sqlite);
  const products = trainingProducts(sqlite);
  progress('building baskets', 1, 5);
  const baskets = buildBaskets(
    lines.map((l) => ({
      customerId: String(l.customer_id),
      itemId: String(l.product_id),
      day: l.placed_at.slice(0, 10),
    })),
  );
  // catalogue = every product, so "more like this" and best-sellers cover items nobody bought yet
  const catalogue = products.map((p) => String(p.id)).sort();
  const train = buildTrainData(baskets, refDay, catalogue);
  // self-validation on this store's own history: the most recent period is held out, the family is
  // scored there, and the simplest model not beaten beyond noise orders personal suggestions
  progress('comparing models on the most recent weeks', 2, 5);
  const selection = selectModel(train, { holdout: 'temporal', setting: 'all' });
  progress('fitting ranker', 3, 5);
  const ranker = twoStage(twoStageOptionsFor(selection.report.profile));
  ranker.fit(train);
  progress('store best-sellers and content', 4, 5);
  const storeRecent = new Map<string, Float64Array>();
  for (const l of lines) {
    if (!l.store_id || refDay - dayNumber(l.placed_at) > 30) continue;
    let arr = storeRecent.get(l.store_id);
    if (!arr) storeRecent.set(l.store_id, (arr = new Float64Array(catalogue.length)));
    const i = train.itemIndex.get(String(l.product_id));
    if (i !== undefined) addAt(arr, i, 1);
  }
  const byId = new Map(products.map((p) => [String(p.id), p]));
  const content = buildContentIndex(
    catalogue.map((c) => {
      const p = byId.get(c)!;
      return [p.title, p.brand, p.category, p.category_path, p.tags, p.search_text].filter(Boolean).join(' ');
    }),
  );
  const strategies: Record<string, string> = {
    repurchase: train.nBaskets > 0 ? 'active' : 'empty: no orders with customers',
    'item-knn': ranker.itemKnn().neighbours().src.length > 0 ? 'active' : 'empty: no item bought together with another',
    ials: ranker.state().base.ials ? `active: ${ranker.state().base.ials!.k} factors` : 'empty: no purchases',
    ease: ranker.state().base.ease
      ? `active: ${ranker.state().base.ease!.pool.length === catalogue.length ? `all ${catalogue.length} items` : `the ${ranker.state().base.ease!.pool.length} most popular items`}`
      : 'empty: fewer than two items bought',
    ranker: ranker.model()
      ? `active: ${ranker.state().options.learner} ranker on ${ranker.trainingRows()} candidate rows`
      : 'empty: too little history before the last 4 months; ranking by purchase frequency',
    content: 'active',
    'store-best-sellers':
      storeRecent.size > 0
        ? `active: ${storeRecent.size} store(s) with sales in the last 30 days`
        : 'empty: no sales in the last 30 days',
  };
  progress('done', 5, 5);
  return {
    version: 3,
    trainedAt: now.toISOString(),
    refDay,
    train,
    ranker: ranker.state(),
    storeRecent,
    products: catalogue.map((c) => {
      const p = byId.get(c)!;
      return { id: p.id, title: p.title, category: p.category, consumable: !!p.consumable };
    }),
    content,
    strategies,
    trainSeconds: (performance.now() - t0) / 1000,
    personal: { model: selection.spec.name, params: selection.spec.params },
    card: modelCard(selection.report, now.toISOString(), selection.spec.label),
  };
}

/** Why one item is on a customer's list: the data behind it and what moved the ranker's score. */
export interface ItemEvidence {
  productId: number;
  /** the model that ordered the list */
  model: string;
  /** readable facts: own purchases, popularity, similar customers */
  evidence: Record<string, number | string>;
  /** two-stage only: the largest pushes (weight × standardised feature) up and down */
  contributions: { name: string; value: number }[];
}

export interface RecommendConstraints {
  size?: string;
  priceMin?: number;
  priceMax?: number;
  category?: string;
  colorExclude?: string[];
  /** include items with no stock here, marked inStockHere=false (default: leave them out) */
  includeOutOfStock?: boolean;
}

export type RecommendMode = 'auto' | 'personal' | 'goes-with' | 'more-like-this' | 'best-sellers';

export interface RecommendRequest {
  customerId?: number | null;
  contextSkus?: string[];
  constraints?: RecommendConstraints;
  k?: number;
  storeId: string;
  mode?: RecommendMode;
}

export interface Recommendation {
  sku: string;
  productId: number;
  title: string;
  size: string | null;
  color: string | null;
  price: number;
  currency: string;
  stockHere: number;
  inStockHere: boolean;
  score: number;
  strategy: 'personal' | 'repurchase' | 'goes-with' | 'more-like-this' | 'best-sellers';
  reasons: string[];
}

export interface RecommendResult {
  customerId: number | null;
  personalised: boolean;
  mode: RecommendMode;
  results: Recommendation[];
  notes: string[];
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const monthOf = (day: number) => MONTHS[new Date(day * 86_400_000).getUTCMonth()]!;

/** A loaded model plus the prepared statements that apply business rules at request time. */
export class Recommender {
  private readonly ranker: TwoStage;
  private readonly personal: Strategy | null;
  private readonly scores: Float64Array;
  private readonly aux: Float64Array;
  private readonly productIndex: Map<number, number>;

  constructor(
    readonly data: ModelData,
    private readonly sqlite: Sqlite,
  ) {
    this.ranker = loadTwoStage(data.train, data.ranker);
    this.personal = personalScorer(data.personal, data.train);
    const n = data.train.items.length;
    this.scores = new Float64Array(n);
    this.aux = new Float64Array(n);
    this.productIndex = new Map(data.products.map((p, i) => [p.id, i]));
  }

  recommend(req: RecommendRequest): RecommendResult {
    const d = this.data.train;
    const k = Math.max(1, Math.min(req.k ?? 10, 100));
    const c = req.constraints ?? {};
    const notes: string[] = [];
    let personalised = false;
    let user: number | undefined;
    let customerRow: { id: number; consent_personalization: number } | undefined;
    if (req.customerId != null) {
      customerRow = customerConsent(this.sqlite, req.customerId);
      if (!customerRow) notes.push(`customer ${req.customerId} is not in the database; showing store picks`);
      else if (!customerRow.consent_personalization)
        notes.push('personalised suggestions are off for this customer (no consent)');
      else {
        personalised = true;
        user = d.userIndex.get(String(req.customerId));
      }
    }
    const context: { idx: number; title: string }[] = [];
    for (const sku of req.contextSkus ?? []) {
      const row = productOfSku(this.sqlite, sku);
      const idx = row ? this.productIndex.get(row.product_id) : undefined;
      if (row && idx !== undefined) context.push({ idx, title: row.title });
      else notes.push(`context SKU ${sku} is not in the catalogue`);
    }
    let mode: RecommendMode = req.mode ?? 'auto';
    if (mode === 'auto') mode = context.length > 0 ? 'goes-with' : user !== undefined ? 'personal' : 'best-sellers';
    if (mode === 'personal' && user === undefined) mode = 'best-sellers';
    if ((mode === 'goes-with' || mode === 'more-like-this') && context.length === 0)
      mode = user !== undefined ? 'personal' : 'best-sellers';

    const s = this.scores;
    const storePop = this.data.storeRecent.get(req.storeId);
    const strategyOf = new Map<number, Recommendation['strategy']>();
    const ctxSet = new Set(context.map((x) => x.idx));
    if (mode === 'personal') {
      (this.personal ?? this.ranker).scoreUser(user!, s);
    } else if (mode === 'goes-with') {
      this.ranker.itemKnn().scoreItems!(
        Int32Array.from(context, (x) => x.idx),
        s,
      );
      // items nobody bought together yet: fall back to text similarity, scaled below any co-purchase
      this.aux.fill(0);
      for (const x of context) addSimilar(this.data.content, x.idx, 1e-3, this.aux);
      for (let i = 0; i < s.length; i++) if (s[i] === 0) s[i] = this.aux[i]!;
    } else if (mode === 'more-like-this') {
      s.fill(0);
      for (const x of context) addSimilar(this.data.content, x.idx, 1, s);
    } else {
      s.set(storePop ?? recentCounts(d, 30));
    }
    for (const i of ctxSet) s[i] = -Infinity;
    const owned = new Set<number>();
    if (customerRow) for (const id of ownedProductIds(this.sqlite, customerRow.id)) owned.add(id);
    const sizePref = c.size ?? (personalised && customerRow ? preferredSize(this.sqlite, customerRow.id) : undefined);

    const out: Recommendation[] = [];
    const pool = topK(s, Math.min(s.length, Math.max(200, k * 20)), d.tieRank);
    for (const i of pool) {
      if (out.length >= k) break;
      if (!(s[i]! > -Infinity)) continue;
      if (mode !== 'best-sellers' && mode !== 'personal' && !(s[i]! > 0)) continue;
      const p = this.data.products[i]!;
      const st = productRules(this.sqlite, p.id);
      if (!st || st.status !== 'active') continue;
      if (
        c.category &&
        !(
          st.category?.toLowerCase() === c.category.toLowerCase() ||
          (st.category_path ?? '').toLowerCase().includes(c.category.toLowerCase())
        )
      )
        continue;
      if (owned.has(p.id) && !st.consumable) continue;
      const variant = this.pickVariant(p.id, req.storeId, c, c.size ?? sizePref, !!c.size);
      if (!variant) continue;
      const strat: Recommendation['strategy'] =
        mode === 'personal' ? (user !== undefined && this.bought(user, i) ? 'repurchase' : 'personal') : mode;
      strategyOf.set(i, strat);
      out.push({
        sku: variant.sku,
        productId: p.id,
        title: p.title,
        size: variant.size,
        color: variant.color,
        price: variant.price,
        currency: variant.currency,
        stockHere: variant.stockHere,
        inStockHere: variant.stockHere > 0,
        score: Number.isFinite(s[i]!) ? s[i]! : 0,
        strategy: strat,
        reasons: this.reasons(i, strat, user, context, req.storeId, storePop, customerRow && !personalised),
      });
    }
    return { customerId: customerRow?.id ?? null, personalised, mode, results: out, notes };
  }

  /** The model behind personal suggestions, as named on the model card. */
  personalModel(): string {
    return this.data.personal?.model ?? 'two-stage';
  }

  /** Evidence for items on a customer's personal list (`aisle recommend --explain`). */
  explain(customerId: number, productIds: number[]): ItemEvidence[] {
    const d = this.data.train;
    const u = d.userIndex.get(String(customerId));
    const cand = u !== undefined ? this.ranker.candidateFeatures(u) : null;
    const model = this.ranker.model();
    const round = (x: number) => Math.round(x * 1000) / 1000;
    return productIds.map((productId) => {
      const i = this.productIndex.get(productId);
      const evidence: Record<string, number | string> = {};
      let contributions: ItemEvidence['contributions'] = [];
      if (i === undefined)
        return {
          productId,
          model: this.personalModel(),
          evidence: { note: 'not in the trained catalogue' },
          contributions,
        };
      evidence.purchase_days_all_customers = d.pop[i]!;
      if (u !== undefined) {
        let count = 0,
          last = -1;
        for (let p = d.xPtr[u]!; p < d.xPtr[u + 1]!; p++)
          if (d.xIdx[p] === i) {
            count = d.xVal[p]!;
            last = d.xLastDay[p]!;
          }
        evidence.bought_by_customer = count;
        if (last >= 0) evidence.last_bought = new Date(last * 86_400_000).toISOString().slice(0, 10);
        const r = cand ? cand.items.indexOf(i) : -1;
        if (cand && r >= 0) {
          const row = r * FEATURE_NAMES.length;
          for (const f of [
            'days_since_last',
            'own_cycle',
            'due_ratio',
            'pop30',
            'iknn_norm',
            'uknn_norm',
            'ials_norm',
            'ease_norm',
            'last_basket_co',
          ] as const) {
            const name =
              f.startsWith('days') || f.startsWith('own') || f.startsWith('due') || f.startsWith('pop')
                ? `log_${f}`
                : f;
            const k = FEATURE_NAMES.indexOf(name as (typeof FEATURE_NAMES)[number]);
            if (k >= 0 && cand.X[row + k] !== 0) evidence[name] = round(cand.X[row + k]!);
          }
          if (this.personalModel() === 'two-stage' && model)
            contributions = rankerContributions(model, cand.X, row)
              .filter((c) => Math.abs(c.value) > 1e-3)
              .sort((a, b) => Math.abs(b.value) - Math.abs(a.value))
              .slice(0, 5)
              .map((c) => ({ name: c.name, value: round(c.value) }));
        } else evidence.candidate = 'not among the ranker candidates (best-seller fill)';
      }
      return { productId, model: this.personalModel(), evidence, contributions };
    });
  }

  private bought(u: number, i: number): boolean {
    const d = this.data.train;
    for (let p = d.xPtr[u]!; p < d.xPtr[u + 1]!; p++) if (d.xIdx[p] === i) return true;
    return false;
  }

  /** The requested (or known) size with stock here; other filters (price, colours) on the variant. */
  private pickVariant(
    productId: number,
    storeId: string,
    c: RecommendConstraints,
    size: string | undefined,
    sizeRequired: boolean,
  ): VariantCardRow | null {
    // the product is active (checked by the caller), so "active only" keeps its active variants
    const cards = variantCards(this.sqlite, { store: storeId, productIds: [productId], activeOnly: true });
    const vs = cards.filter((v) => {
      const price = v.price;
      if (c.priceMin !== undefined && price < c.priceMin) return false;
      if (c.priceMax !== undefined && price > c.priceMax) return false;
      if (c.colorExclude?.length && v.color && c.colorExclude.some((x) => x.toLowerCase() === v.color!.toLowerCase()))
        return false;
      return true;
    });
    const sized = size ? vs.filter((v) => v.size === size) : [];
    const hasSizes = vs.some((v) => v.size);
    let pool = sized.length ? sized : sizeRequired && hasSizes ? [] : vs;
    if (pool.length === 0) return null;
    const inStock = pool.filter((v) => v.stockHere > 0);
    if (inStock.length) pool = inStock;
    else if (!c.includeOutOfStock) return null;
    return pool.slice().sort((a, b) => b.stockHere - a.stockHere || a.sku.localeCompare(b.sku))[0]!;
  }

  private reasons(
    i: number,
    strat: Recommendation['strategy'],
    user: number | undefined,
    context: { idx: number; title: string }[],
    storeId: string,
    storePop: Float64Array | undefined,
    consentWithheld: boolean | undefined,
  ): string[] {
    const d = this.data.train;
    const out: string[] = [];
    const nb = this.ranker.itemKnn().neighbours();
    const coWith = (src: number): number => {
      for (let p = nb.ptr[i]!; p < nb.ptr[i + 1]!; p++) if (nb.src[p] === src) return nb.co[p]!;
      return 0;
    };
    if (strat === 'repurchase' && user !== undefined) {
      for (let p = d.xPtr[user]!; p < d.xPtr[user + 1]!; p++)
        if (d.xIdx[p] === i) {
          const n = d.xVal[p]!;
          out.push(`bought this ${n === 1 ? 'once' : `${n} times`}, last in ${monthOf(d.xLastDay[p]!)}`);
        }
    }
    if (strat === 'personal' && user !== undefined) {
      // the customer's own item that shares the most co-buyers with this one
      let best = -1,
        bestCo = 0;
      for (let p = d.xPtr[user]!; p < d.xPtr[user + 1]!; p++) {
        const co = coWith(d.xIdx[p]!);
        if (co > bestCo) {
          bestCo = co;
          best = d.xIdx[p]!;
        }
      }
      if (best >= 0)
        out.push(
          `${bestCo} customer${bestCo === 1 ? '' : 's'} who bought the ${this.data.products[best]!.title} also bought this`,
        );
    }
    if (strat === 'goes-with') {
      let best = -1,
        bestCo = 0;
      for (const x of context) {
        const co = coWith(x.idx);
        if (co > bestCo) {
          bestCo = co;
          best = x.idx;
        }
      }
      if (best >= 0)
        out.push(`bought with the ${this.data.products[best]!.title} by ${bestCo} customer${bestCo === 1 ? '' : 's'}`);
      else out.push(`similar to the ${context[0]!.title}`);
    }
    if (strat === 'more-like-this') out.push(`similar to the ${context[0]!.title}`);
    const sold = storePop?.[i] ?? 0;
    if (strat === 'best-sellers' || out.length === 0) {
      if (sold > 0)
        out.push(`popular in this store this month (${sold} purchase${sold === 1 ? '' : 's'} in the last 30 days)`);
      else out.push(`one of the most bought items overall (${d.pop[i]} purchase days)`);
    }
    if (consentWithheld) out.push('store pick: this customer has not agreed to personalised suggestions');
    void storeId;
    return out;
  }
}
