/**
 * Baskets and temporal splits of protocol OR-NB-v1 (research/recommender.md §3.2-3.3, §3.7).
 * A basket is the set of item codes one customer bought on one calendar day. The training side is
 * held in typed arrays (CSR) so every strategy can fit on it without copying.
 */
import { addAt } from './add-at';

export interface Basket {
  customer: string;
  /** YYYY-MM-DD */
  day: string;
  /** distinct item codes, sorted by plain string order */
  items: string[];
}

export interface PurchaseEvent {
  customerId: string;
  itemId: string;
  day: string;
}

/** Groups purchase lines into customer+day baskets, ordered by customer then day. */
export function buildBaskets(rows: Iterable<PurchaseEvent>): Basket[] {
  const byCustomer = new Map<string, Map<string, Set<string>>>();
  for (const r of rows) {
    let days = byCustomer.get(r.customerId);
    if (!days) byCustomer.set(r.customerId, (days = new Map<string, Set<string>>()));
    let set = days.get(r.day);
    if (!set) days.set(r.day, (set = new Set()));
    set.add(r.itemId);
  }
  const out: Basket[] = [];
  for (const customer of [...byCustomer.keys()].sort()) {
    const days = byCustomer.get(customer)!;
    for (const day of [...days.keys()].sort()) out.push({ customer, day, items: [...days.get(day)!].sort() });
  }
  return out;
}

export const DAY_MS = 86_400_000;
export function dayNumber(day: string): number {
  return Math.round(Date.parse(day.slice(0, 10) + 'T00:00:00Z') / DAY_MS);
}

/**
 * Everything a strategy may see: the training baskets of all customers, in CSR form.
 * Items are the catalogue (codes sorted by string order); users are the training customers, sorted.
 */
export interface TrainData {
  /** the reference day for ages (the cutoff C, or "today" in the app); age = refDay - day, >= 1 in the protocol */
  refDay: number;
  items: string[];
  itemIndex: Map<string, number>;
  users: string[];
  userIndex: Map<string, number>;
  /** baskets ordered by user, then day; userBasketPtr[u]..userBasketPtr[u+1] are u's baskets */
  userBasketPtr: Int32Array;
  basketDay: Int32Array;
  basketPtr: Int32Array;
  /** item indexes of each basket, ascending (= code order) */
  basketItems: Int32Array;
  /** user × item counts X[u,i] = number of u's baskets containing i (CSR, columns ascending) */
  xPtr: Int32Array;
  xIdx: Int32Array;
  xVal: Float64Array;
  /** last day u bought i, aligned with xIdx */
  xLastDay: Int32Array;
  /** number of training baskets containing i */
  pop: Float64Array;
  /** position of i in (pop desc, index asc): the protocol's tie-break */
  tieRank: Int32Array;
  /** items in tie-break order */
  popOrder: Int32Array;
  nBaskets: number;
}

/** Builds TrainData from baskets (already filtered to the training side). */
export function buildTrainData(baskets: Basket[], refDay: number, catalogue?: string[]): TrainData {
  const items = catalogue ?? [...new Set(baskets.flatMap((b) => b.items))].sort();
  const itemIndex = new Map(items.map((c, i) => [c, i]));
  const sorted = baskets
    .filter((b) => b.items.some((c) => itemIndex.has(c)))
    .slice()
    .sort((a, b) =>
      a.customer < b.customer ? -1 : a.customer > b.customer ? 1 : a.day < b.day ? -1 : a.day > b.day ? 1 : 0,
    );
  const users: string[] = [];
  for (const b of sorted) if (users.length === 0 || users[users.length - 1] !== b.customer) users.push(b.customer);
  const userIndex = new Map(users.map((c, i) => [c, i]));
  const nB = sorted.length;
  const userBasketPtr = new Int32Array(users.length + 1);
  const basketDay = new Int32Array(nB);
  const basketPtr = new Int32Array(nB + 1);
  let total = 0;
  for (const b of sorted) for (const c of b.items) if (itemIndex.has(c)) total++;
  const basketItems = new Int32Array(total);
  const pop = new Float64Array(items.length);
  let p = 0;
  for (let k = 0; k < nB; k++) {
    const b = sorted[k]!;
    const u = userIndex.get(b.customer)!;
    userBasketPtr[u + 1] = k + 1;
    basketDay[k] = dayNumber(b.day);
    const idx = b.items
      .map((c) => itemIndex.get(c))
      .filter((i): i is number => i !== undefined)
      .sort((x, y) => x - y);
    for (const i of idx) {
      basketItems[p++] = i;
      addAt(pop, i, 1);
    }
    basketPtr[k + 1] = p;
  }
  const { xPtr, xIdx, xVal, xLastDay } = countsFromBaskets(
    users.length,
    userBasketPtr,
    basketPtr,
    basketItems,
    basketDay,
  );
  const popOrder = Int32Array.from(items.keys()).sort((a, b) => pop[b]! - pop[a]! || a - b);
  const tieRank = new Int32Array(items.length);
  popOrder.forEach((i, r) => (tieRank[i] = r));
  return {
    refDay,
    items,
    itemIndex,
    users,
    userIndex,
    userBasketPtr,
    basketDay,
    basketPtr,
    basketItems,
    xPtr,
    xIdx,
    xVal,
    xLastDay,
    pop,
    tieRank,
    popOrder,
    nBaskets: nB,
  };
}

function countsFromBaskets(nU: number, ubp: Int32Array, bp: Int32Array, bi: Int32Array, bd: Int32Array) {
  const ptr = new Int32Array(nU + 1);
  const idxs: number[] = [];
  const vals: number[] = [];
  const last: number[] = [];
  const count = new Map<number, number>();
  const lastDay = new Map<number, number>();
  for (let u = 0; u < nU; u++) {
    count.clear();
    lastDay.clear();
    for (let b = ubp[u]!; b < ubp[u + 1]!; b++)
      for (let p = bp[b]!; p < bp[b + 1]!; p++) {
        const i = bi[p]!;
        count.set(i, (count.get(i) ?? 0) + 1);
        lastDay.set(i, bd[b]!);
      }
    const keys = [...count.keys()].sort((a, b) => a - b);
    for (const i of keys) {
      idxs.push(i);
      vals.push(count.get(i)!);
      last.push(lastDay.get(i)!);
    }
    ptr[u + 1] = idxs.length;
  }
  return { xPtr: ptr, xIdx: Int32Array.from(idxs), xVal: Float64Array.from(vals), xLastDay: Int32Array.from(last) };
}

export interface EvalCase {
  customer: string;
  user: number;
  /** target item indexes, ascending */
  target: Int32Array;
}

export interface Split {
  name: string;
  train: TrainData;
  cases: EvalCase[];
  /** training rows, as in the eval JSON: the number of (basket, item) pairs the models saw */
  trainRows: number;
}

/** OR-NB-v1 temporal split: train on day < C, target = each customer's first basket in [C, E). */
export function temporalSplit(baskets: Basket[], cutoff: string, end: string | null): Split {
  const train = buildTrainData(
    baskets.filter((b) => b.day < cutoff),
    dayNumber(cutoff),
  );
  const firstAfter = new Map<string, Basket>();
  for (const b of baskets) {
    if (b.day < cutoff || (end !== null && b.day >= end)) continue;
    const prev = firstAfter.get(b.customer);
    if (!prev || b.day < prev.day) firstAfter.set(b.customer, b);
  }
  const cases: EvalCase[] = [];
  for (const customer of [...firstAfter.keys()].sort()) {
    const u = train.userIndex.get(customer);
    if (u === undefined) continue;
    const t = firstAfter
      .get(customer)!
      .items.map((c) => train.itemIndex.get(c))
      .filter((i): i is number => i !== undefined);
    if (t.length === 0) continue;
    cases.push({ customer, user: u, target: Int32Array.from(t).sort() });
  }
  return { name: `temporal ${cutoff}..${end ?? 'end'}`, train, cases, trainRows: train.basketItems.length };
}

/** Protocol `last-basket` (§3.7): each customer with ≥ 2 baskets is evaluated on the last one. */
export function lastBasketSplit(baskets: Basket[]): Split {
  const last = new Map<string, number>();
  const count = new Map<string, number>();
  baskets.forEach((b, k) => {
    count.set(b.customer, (count.get(b.customer) ?? 0) + 1);
    const prev = last.get(b.customer);
    if (prev === undefined || b.day > baskets[prev]!.day) last.set(b.customer, k);
  });
  const held = new Set<number>();
  for (const [c, k] of last) if (count.get(c)! >= 2) held.add(k);
  const trainBaskets = baskets.filter((_, k) => !held.has(k));
  const maxDay = baskets.reduce((m, b) => (b.day > m ? b.day : m), '0000-00-00');
  const train = buildTrainData(trainBaskets, dayNumber(maxDay) + 1);
  const cases: EvalCase[] = [];
  for (const k of [...held].sort((a, b) => (baskets[a]!.customer < baskets[b]!.customer ? -1 : 1))) {
    const b = baskets[k]!;
    const u = train.userIndex.get(b.customer);
    if (u === undefined) continue;
    const t = b.items.map((c) => train.itemIndex.get(c)).filter((i): i is number => i !== undefined);
    if (t.length === 0) continue;
    cases.push({ customer: b.customer, user: u, target: Int32Array.from(t).sort() });
  }
  return { name: 'last-basket', train, cases, trainRows: train.basketItems.length };
}
