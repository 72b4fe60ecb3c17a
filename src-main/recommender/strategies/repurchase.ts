/**
 * The customer's own history: GP-TopFreq (number of days the item was bought) and repurchase with
 * recency decay. Decayed sums are added basket by basket in chronological order, items in code order,
 * as the reference code does, so mathematically tied scores stay bitwise tied (recommender.md §3.4).
 */
import type { TrainData } from '../protocol/baskets';
import { userCounts, type Strategy } from './strategy';
import { addAt } from '../protocol/add-at';

export function gpTopFreq(): Strategy {
  let d: TrainData;
  return {
    name: 'gp-topfreq',
    fit(data) {
      d = data;
    },
    scoreUser(u, out) {
      userCounts(d, u, out);
    },
  };
}

/** Σ over the user's baskets containing i of 0.5^(age/halfLifeDays), age in whole days. */
export function decayedCounts(d: TrainData, u: number, halfLifeDays: number, out: Float64Array): void {
  out.fill(0);
  for (let b = d.userBasketPtr[u]!; b < d.userBasketPtr[u + 1]!; b++) {
    const w = Math.pow(0.5, (d.refDay - d.basketDay[b]!) / halfLifeDays);
    for (let p = d.basketPtr[b]!; p < d.basketPtr[b + 1]!; p++) addAt(out, d.basketItems[p]!, w);
  }
}

export function repurchase(halfLifeDays = 180): Strategy {
  let d: TrainData;
  return {
    name: `repurchase(${halfLifeDays}d)`,
    fit(data) {
      d = data;
    },
    scoreUser(u, out) {
      decayedCounts(d, u, halfLifeDays, out);
    },
  };
}
