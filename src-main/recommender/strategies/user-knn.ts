/** User-kNN: cosine between customers' "ever bought" rows; score = Σ over the k nearest of sim · bought. */
import type { TrainData } from '../protocol/baskets';
import { buyersIndex } from './item-knn';
import type { Strategy } from './strategy';
import { addAt } from '../protocol/add-at';

export function userKnn(k = 100): Strategy {
  let d: TrainData;
  let idx: ReturnType<typeof buyersIndex>;
  let rowLen: Int32Array;
  let acc: Float64Array;
  let sims: Float64Array;
  return {
    name: `user-knn(k=${k})`,
    fit(data) {
      d = data;
      idx = buyersIndex(d);
      rowLen = new Int32Array(d.users.length);
      for (let u = 0; u < d.users.length; u++) rowLen[u] = d.xPtr[u + 1]! - d.xPtr[u]!;
      acc = new Float64Array(d.users.length);
      sims = new Float64Array(d.users.length);
    },
    scoreUser(u, out) {
      out.fill(0);
      acc.fill(0);
      const touched: number[] = [];
      for (let p = d.xPtr[u]!; p < d.xPtr[u + 1]!; p++) {
        const i = d.xIdx[p]!;
        for (let q = idx.ptr[i]!; q < idx.ptr[i + 1]!; q++) {
          const v = idx.users[q]!;
          if (v === u) continue;
          if (acc[v] === 0) touched.push(v);
          addAt(acc, v, 1);
        }
      }
      const nu = rowLen[u]!;
      for (const v of touched) sims[v] = acc[v]! / Math.sqrt(nu * rowLen[v]!);
      // better = higher similarity, then lower index; keep the k best in a min-heap (worst on top), so a
      // customer who shares a best-seller with thousands of others costs O(n log k), not a full sort
      const worse = (a: number, b: number) => sims[a]! < sims[b]! || (sims[a] === sims[b] && a > b);
      const heap: number[] = [];
      const down = (at: number) => {
        for (;;) {
          const l = 2 * at + 1,
            r = l + 1;
          let m = at;
          if (l < heap.length && worse(heap[l]!, heap[m]!)) m = l;
          if (r < heap.length && worse(heap[r]!, heap[m]!)) m = r;
          if (m === at) return;
          [heap[at], heap[m]] = [heap[m]!, heap[at]!];
          at = m;
        }
      };
      for (const v of touched) {
        if (heap.length < k) {
          heap.push(v);
          for (let at = heap.length - 1; at > 0;) {
            const p = (at - 1) >> 1;
            if (!worse(heap[at]!, heap[p]!)) break;
            [heap[at], heap[p]] = [heap[p]!, heap[at]!];
            at = p;
          }
        } else if (worse(heap[0]!, v)) {
          heap[0] = v;
          down(0);
        }
      }
      // the same order as a full sort, so sums (and float ties) are unchanged
      heap.sort((a, b) => sims[b]! - sims[a]! || a - b);
      const sim = (v: number) => sims[v]!;
      const top = heap.length;
      touched.length = 0;
      touched.push(...heap);
      for (let t = 0; t < top; t++) {
        const v = touched[t]!;
        const s = sim(v);
        for (let p = d.xPtr[v]!; p < d.xPtr[v + 1]!; p++) addAt(out, d.xIdx[p]!, s);
      }
    },
  };
}
