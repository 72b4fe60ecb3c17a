/**
 * Offline evaluation behind `aisle eval`: read a transactions file, build baskets, cut the split of
 * the chosen protocol, fit each model on the training side only and score it (recommender.md §3).
 * The temporal cutoff defaults to the data's own end minus a window derived from its visit gaps
 * (selection/data-profile.ts), never to a calendar date. `auto` selects on a holdout inside the
 * training side (selection/self-validation.ts) and is then scored on the test window it never saw.
 */
import { readTransactionsFile, type TransactionsStats } from './data/transactions-file';
import { buildBaskets, lastBasketSplit, temporalSplit, type Basket, type Split } from './protocol/baskets';
import { evaluate, type Metrics, type Setting } from './protocol/evaluate';
import { createStrategy, type ModelName } from './strategies/registry';
import { dayString, profileBaskets } from './selection/data-profile';
import { autoSelect, type SelectionReport } from './selection/self-validation';
import { pairedBootstrap, type PairedDifference } from './selection/bootstrap';
import { BASELINE } from './selection/candidates';

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

/** The test cutoff when none is given: the end of the data minus a window of about two visit gaps. */
export function defaultCutoff(baskets: Basket[]): string {
  const p = profileBaskets(baskets);
  return dayString(p.lastDay + 1 - p.windowDays);
}

export function makeSplit(h: LoadedHistory, o: SplitOptions): Split {
  if (o.protocol === 'last-basket') return lastBasketSplit(h.baskets);
  return temporalSplit(h.baskets, o.cutoff ?? defaultCutoff(h.baskets), o.end ?? null);
}

export interface ModelReport {
  model: string;
  strategy: string;
  metrics: Metrics;
  users: number;
  trainSeconds: number;
  msPerUser: number;
  /** `auto` only: what the holdout inside the training side showed, and the pick */
  selection?: SelectionReport;
  /** per test customer NDCG@10, in split.cases order (for paired comparisons) */
  perUserNdcg: Float64Array;
  perUserRecall: Float64Array;
}

export type EvalModelName = ModelName | 'auto';

export function evalModel(
  split: Split,
  name: EvalModelName,
  setting: Setting,
  titles?: Map<string, string>,
  protocol: Protocol = 'temporal',
  log?: (s: string) => void,
): ModelReport {
  const auto =
    name === 'auto'
      ? autoSelect({ holdout: protocol === 'last-basket' ? 'last-basket' : 'temporal', setting, log })
      : null;
  const s = auto ?? createStrategy(name as ModelName, setting, titles);
  const t0 = performance.now();
  s.fit(split.train);
  const trainSeconds = (performance.now() - t0) / 1000;
  const r = evaluate(split, s, setting, true);
  return {
    model: name,
    strategy: s.name,
    metrics: r.metrics,
    users: r.users,
    trainSeconds,
    msPerUser: r.msPerUser,
    ...(auto ? { selection: auto.report()! } : {}),
    perUserNdcg: Float64Array.from(r.perUser, (x) => x.ndcg10),
    perUserRecall: Float64Array.from(r.perUser, (x) => x.recall10),
  };
}

export interface BaselineComparison {
  baseline: string;
  baselineMetrics: Metrics;
  /** model − baseline over the test customers, paired bootstrap (2,000 resamples) */
  ndcg10: PairedDifference;
  recall10: PairedDifference;
}

/** Reporting only (never selection): the model's test score against GP-TopFreq on the same customers. */
export function compareWithBaseline(split: Split, r: ModelReport, setting: Setting): BaselineComparison {
  const base = evalModel(split, BASELINE, setting);
  return {
    baseline: BASELINE,
    baselineMetrics: base.metrics,
    ndcg10: pairedBootstrap(r.perUserNdcg, base.perUserNdcg, 2000),
    recall10: pairedBootstrap(r.perUserRecall, base.perUserRecall, 2000),
  };
}
