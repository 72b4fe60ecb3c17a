/** Global popularity (baskets containing the item) and recent popularity (baskets within W days). */
import type { TrainData } from '../protocol/baskets';
import type { Strategy } from './strategy';
import { addAt } from '../protocol/add-at';

export function popularity(): Strategy {
  let pop: Float64Array = new Float64Array(0);
  return {
    name: 'pop',
    fit(d) {
      pop = d.pop;
    },
    scoreUser(_u, out) {
      out.set(pop);
    },
    scoreItems(_items, out) {
      out.set(pop);
    },
  };
}

/** Counts baskets with age <= windowDays containing each item. */
export function recentCounts(d: TrainData, windowDays: number): Float64Array {
  const out = new Float64Array(d.items.length);
  for (let b = 0; b < d.nBaskets; b++) {
    if (d.refDay - d.basketDay[b]! > windowDays) continue;
    for (let p = d.basketPtr[b]!; p < d.basketPtr[b + 1]!; p++) addAt(out, d.basketItems[p]!, 1);
  }
  return out;
}

export function recentPopularity(windowDays = 90): Strategy {
  let pop: Float64Array = new Float64Array(0);
  return {
    name: `recent-pop(${windowDays}d)`,
    fit(d) {
      pop = recentCounts(d, windowDays);
    },
    scoreUser(_u, out) {
      out.set(pop);
    },
    scoreItems(_items, out) {
      out.set(pop);
    },
  };
}
