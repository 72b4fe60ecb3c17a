/** User-kNN: cosine between customers' "ever bought" rows; score = Σ over the k nearest of sim · bought. */
import type { TrainData } from '../protocol/baskets';
import { buyersIndex } from './item-knn';
import type { Strategy } from './strategy';

export function userKnn(k = 100): Strategy {
  let d: TrainData;
  let idx: ReturnType<typeof buyersIndex>;
  let rowLen: Int32Array;
  let acc: Float64Array;
  return {
    name: `user-knn(k=${k})`,
    fit(data) {
      d = data;
      idx = buyersIndex(d);
      rowLen = new Int32Array(d.users.length);
      for (let u = 0; u < d.users.length; u++) rowLen[u] = d.xPtr[u + 1]! - d.xPtr[u]!;
      acc = new Float64Array(d.users.length);
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
          acc[v]++;
        }
      }
      const nu = rowLen[u]!;
      const sim = (v: number) => acc[v]! / Math.sqrt(nu * rowLen[v]!);
      touched.sort((a, b) => sim(b) - sim(a) || a - b);
      const top = Math.min(k, touched.length);
      for (let t = 0; t < top; t++) {
        const v = touched[t]!;
        const s = sim(v);
        for (let p = d.xPtr[v]!; p < d.xPtr[v + 1]!; p++) out[d.xIdx[p]!] += s;
      }
    },
  };
}
