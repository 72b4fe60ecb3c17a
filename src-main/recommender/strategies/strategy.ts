/**
 * The one interface every strategy implements. Add a strategy: a module in this folder exporting a
 * factory that returns a `Strategy`, then list it in strategies/registry.ts.
 *
 * `scoreUser` writes one score per catalogue item into `out` (length = items); higher is better and
 * ties are broken by the caller (global popularity, then item index). Strategies never rank.
 */
import type { TrainData } from '../protocol/baskets';

export interface Strategy {
  readonly name: string;
  fit(data: TrainData): void;
  /** scores for a known training user (index into data.users) */
  scoreUser(user: number, out: Float64Array): void;
  /** item-to-item scores given a set of context items (for "goes with"/"more like this"); optional */
  scoreItems?(items: ArrayLike<number>, out: Float64Array): void;
  /** data to persist (typed arrays + small JSON) so the app can load without refitting */
  exportState?(): Record<string, unknown>;
}

/** Fills `out` with a user's row of the count matrix (X[u,i] for bought items, 0 elsewhere). */
export function userCounts(d: TrainData, u: number, out: Float64Array): void {
  out.fill(0);
  for (let p = d.xPtr[u]!; p < d.xPtr[u + 1]!; p++) out[d.xIdx[p]!] = d.xVal[p]!;
}
