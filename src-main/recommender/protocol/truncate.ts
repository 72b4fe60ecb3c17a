/** Re-cuts training data at an earlier day, keeping the catalogue (item indexes stay valid). */
import { type TrainData } from './baskets';
import { addAt } from './add-at';

export function truncateTrainData(d: TrainData, beforeDay: number): TrainData {
  const nI = d.items.length;
  const users: string[] = [];
  const userBasketPtr: number[] = [0];
  const basketDay: number[] = [];
  const basketPtr: number[] = [0];
  const basketItems: number[] = [];
  const pop = new Float64Array(nI);
  for (let u = 0; u < d.users.length; u++) {
    let any = false;
    for (let b = d.userBasketPtr[u]!; b < d.userBasketPtr[u + 1]!; b++) {
      if (d.basketDay[b]! >= beforeDay) continue;
      any = true;
      basketDay.push(d.basketDay[b]!);
      for (let p = d.basketPtr[b]!; p < d.basketPtr[b + 1]!; p++) {
        basketItems.push(d.basketItems[p]!);
        addAt(pop, d.basketItems[p]!, 1);
      }
      basketPtr.push(basketItems.length);
    }
    if (any) {
      users.push(d.users[u]!);
      userBasketPtr.push(basketDay.length);
    }
  }
  const ubp = Int32Array.from(userBasketPtr);
  const bp = Int32Array.from(basketPtr);
  const bi = Int32Array.from(basketItems);
  const bd = Int32Array.from(basketDay);
  // counts per user
  const xPtr = new Int32Array(users.length + 1);
  const xIdx: number[] = [];
  const xVal: number[] = [];
  const xLast: number[] = [];
  const cnt = new Float64Array(nI);
  const last = new Int32Array(nI);
  for (let u = 0; u < users.length; u++) {
    const seen: number[] = [];
    for (let b = ubp[u]!; b < ubp[u + 1]!; b++)
      for (let p = bp[b]!; p < bp[b + 1]!; p++) {
        const i = bi[p]!;
        if (cnt[i] === 0) seen.push(i);
        addAt(cnt, i, 1);
        last[i] = bd[b]!;
      }
    seen.sort((a, b) => a - b);
    for (const i of seen) {
      xIdx.push(i);
      xVal.push(cnt[i]!);
      xLast.push(last[i]!);
      cnt[i] = 0;
    }
    xPtr[u + 1] = xIdx.length;
  }
  const popOrder = Int32Array.from(d.items.keys()).sort((a, b) => pop[b]! - pop[a]! || a - b);
  const tieRank = new Int32Array(nI);
  popOrder.forEach((i, r) => (tieRank[i] = r));
  return {
    refDay: beforeDay,
    items: d.items,
    itemIndex: d.itemIndex,
    users,
    userIndex: new Map(users.map((c, i) => [c, i])),
    userBasketPtr: ubp,
    basketDay: bd,
    basketPtr: bp,
    basketItems: bi,
    xPtr,
    xIdx: Int32Array.from(xIdx),
    xVal: Float64Array.from(xVal),
    xLastDay: Int32Array.from(xLast),
    pop,
    tieRank,
    popOrder,
    nBaskets: bd.length,
  };
}

/** Each user's first basket with day in [from, to), as item index lists (by user index of `d`). */
export function firstBasketIn(d: TrainData, from: number, to: number): Map<string, Int32Array> {
  const out = new Map<string, Int32Array>();
  for (let u = 0; u < d.users.length; u++)
    for (let b = d.userBasketPtr[u]!; b < d.userBasketPtr[u + 1]!; b++) {
      const day = d.basketDay[b]!;
      if (day >= from && day < to) {
        out.set(d.users[u]!, d.basketItems.slice(d.basketPtr[b], d.basketPtr[b + 1]));
        break;
      }
    }
  return out;
}
