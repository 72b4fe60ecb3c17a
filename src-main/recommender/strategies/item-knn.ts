/**
 * Item-to-item co-purchase (cosine on the customer × item "ever bought" matrix), top-k neighbours
 * per target item. Works sparsely (never an items × items dense matrix), so it is the fallback for
 * catalogues too large for EASE. Keeps the raw number of customers who bought both items, so the app
 * can say "bought with X by 38 customers".
 */
import type { TrainData } from '../protocol/baskets';
import type { Strategy } from './strategy';
import { addAt } from '../protocol/add-at';

export interface Neighbours {
  /** for target item i: ptr[i]..ptr[i+1] index into src/sim/co */
  ptr: Int32Array;
  src: Int32Array;
  sim: Float32Array;
  co: Int32Array;
}

/** Item → buyers (CSC of the binary matrix), and the number of buyers per item. */
export function buyersIndex(d: TrainData): { ptr: Int32Array; users: Int32Array; n: Int32Array } {
  const nI = d.items.length;
  const n = new Int32Array(nI);
  for (let p = 0; p < d.xIdx.length; p++) addAt(n, d.xIdx[p]!, 1);
  const ptr = new Int32Array(nI + 1);
  for (let i = 0; i < nI; i++) ptr[i + 1] = ptr[i]! + n[i]!;
  const fill = ptr.slice(0, nI);
  const users = new Int32Array(d.xIdx.length);
  for (let u = 0; u < d.users.length; u++)
    for (let p = d.xPtr[u]!; p < d.xPtr[u + 1]!; p++) users[fill[d.xIdx[p]!]!++] = u;
  return { ptr, users, n };
}

export function fitNeighbours(d: TrainData, k: number): Neighbours {
  const nI = d.items.length;
  const { ptr: bp, users: bu, n } = buyersIndex(d);
  const acc = new Int32Array(nI);
  const touched = new Int32Array(nI);
  const outPtr = new Int32Array(nI + 1);
  const src: number[] = [];
  const sim: number[] = [];
  const co: number[] = [];
  const simOf = new Float64Array(nI);
  for (let i = 0; i < nI; i++) {
    let nt = 0;
    for (let q = bp[i]!; q < bp[i + 1]!; q++) {
      const u = bu[q]!;
      for (let p = d.xPtr[u]!; p < d.xPtr[u + 1]!; p++) {
        const j = d.xIdx[p]!;
        if (j === i) continue;
        if (acc[j] === 0) touched[nt++] = j;
        addAt(acc, j, 1);
      }
    }
    for (let t = 0; t < nt; t++) {
      const j = touched[t]!;
      simOf[j] = acc[j]! / Math.sqrt(n[i]! * n[j]!);
    }
    const cand = Array.from(touched.subarray(0, nt));
    if (cand.length > k) {
      // partial selection: sort only when needed, by precomputed similarity, ties by index
      cand.sort((a, b) => simOf[b]! - simOf[a]! || a - b);
      cand.length = k;
    } else cand.sort((a, b) => simOf[b]! - simOf[a]! || a - b);
    for (const j of cand) {
      src.push(j);
      sim.push(simOf[j]!);
      co.push(acc[j]!);
    }
    for (let t = 0; t < nt; t++) acc[touched[t]!] = 0;
    outPtr[i + 1] = src.length;
  }
  return { ptr: outPtr, src: Int32Array.from(src), sim: Float32Array.from(sim), co: Int32Array.from(co) };
}

/** Transposes target-major neighbour lists to source-major, for scoring by a user's items. */
export function transposeNeighbours(
  nb: Neighbours,
  nI: number,
): { ptr: Int32Array; dst: Int32Array; sim: Float32Array } {
  const cnt = new Int32Array(nI + 1);
  for (let p = 0; p < nb.src.length; p++) addAt(cnt, nb.src[p]! + 1, 1);
  for (let i = 0; i < nI; i++) addAt(cnt, i + 1, cnt[i]!);
  const fill = cnt.slice(0, nI);
  const dst = new Int32Array(nb.src.length);
  const sim = new Float32Array(nb.src.length);
  for (let i = 0; i < nI; i++)
    for (let p = nb.ptr[i]!; p < nb.ptr[i + 1]!; p++) {
      const q = fill[nb.src[p]!]!++;
      dst[q] = i;
      sim[q] = nb.sim[p]!;
    }
  return { ptr: cnt, dst, sim };
}

/** `prefit`: neighbours loaded from a saved model, so loading skips the fit. */
export function itemKnn(k = 200, prefit?: Neighbours): Strategy & { neighbours(): Neighbours } {
  let d: TrainData;
  let nb: Neighbours;
  let bySrc: { ptr: Int32Array; dst: Int32Array; sim: Float32Array };
  const scoreItems = (items: ArrayLike<number>, out: Float64Array) => {
    out.fill(0);
    for (let t = 0; t < items.length; t++) {
      const j = items[t]!;
      for (let p = bySrc.ptr[j]!; p < bySrc.ptr[j + 1]!; p++) addAt(out, bySrc.dst[p]!, bySrc.sim[p]!);
    }
  };
  return {
    name: `item-knn(k=${k})`,
    fit(data) {
      d = data;
      nb = prefit ?? fitNeighbours(d, k);
      bySrc = transposeNeighbours(nb, d.items.length);
    },
    scoreUser(u, out) {
      scoreItems(d.xIdx.subarray(d.xPtr[u], d.xPtr[u + 1]), out);
    },
    scoreItems,
    neighbours: () => nb,
  };
}
