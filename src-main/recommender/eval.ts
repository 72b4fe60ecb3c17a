/**
 * Offline evaluation behind `aisle eval`: read a transactions file, build baskets, cut the split of
 * the chosen protocol, fit each model on the training side only and score it (recommender.md §3).
 */
import { readTransactionsFile, type TransactionsStats } from './data/transactions-file';
import { buildBaskets, lastBasketSplit, temporalSplit, type Basket, type Split } from './protocol/baskets';
import { evaluate, type Metrics, type Setting } from './protocol/evaluate';
import { createStrategy, type ModelName } from './strategies/registry';

export type Protocol = 'temporal' | 'last-basket';

export interface LoadedHistory {
  baskets: Basket[];
  titles: Map<string, string>;
  stats: TransactionsStats;
}

export async function loadHistory(file: string): Promise<LoadedHistory> {
  const { rows, stats } = await readTransactionsFile(file);
  const titles = new Map<string, string>();
  for (const r of rows) if (r.title && !titles.has(r.itemId)) titles.set(r.itemId, r.title);
  return { baskets: buildBaskets(rows), titles, stats };
}

export interface SplitOptions {
  protocol: Protocol;
  cutoff?: string;
  end?: string | null;
}

export const DEFAULT_CUTOFF = '2011-10-01';

export function makeSplit(h: LoadedHistory, o: SplitOptions): Split {
  if (o.protocol === 'last-basket') return lastBasketSplit(h.baskets);
  return temporalSplit(h.baskets, o.cutoff ?? DEFAULT_CUTOFF, o.end ?? null);
}

export interface ModelReport {
  model: string;
  strategy: string;
  metrics: Metrics;
  users: number;
  trainSeconds: number;
  msPerUser: number;
}

export function evalModel(split: Split, name: ModelName, setting: Setting, titles?: Map<string, string>): ModelReport {
  const s = createStrategy(name, setting, titles);
  const t0 = performance.now();
  s.fit(split.train);
  const trainSeconds = (performance.now() - t0) / 1000;
  const r = evaluate(split, s, setting);
  return { model: name, strategy: s.name, metrics: r.metrics, users: r.users, trainSeconds, msPerUser: r.msPerUser };
}
