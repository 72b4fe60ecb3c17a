/**
 * The small fixed family of models the self-validating selection scores, simplest first, with every
 * time window taken from the data's own profile (data-profile.ts) rather than from UCI's calendar.
 */
import type { Setting } from '../protocol/evaluate';
import type { Strategy } from '../strategies/strategy';
import { recentPopularity } from '../strategies/popularity';
import { gpTopFreq, repurchase } from '../strategies/repurchase';
import { twoStage, type TwoStageOptions } from '../strategies/two-stage';
import type { DataProfile } from './data-profile';

export const BASELINE = 'gp-topfreq';

export interface CandidateSpec {
  /** stable name shown in the model card */
  name: string;
  /** 0 = simplest; the selection prefers lower complexity unless a higher one is better beyond noise */
  complexity: number;
  /** what it does, for a store manager */
  label: string;
  params: Record<string, number | string>;
  create(setting: Setting): Strategy;
}

/**
 * The ranker's label windows: one visit gap each (UCI: 59 d, close to #4's 61 d), as many as fit in
 * the newer half of the span so the older half is history to compute features from; at most 2
 * (each window re-fits the base models; #4's third window tied at 1.5x the cost, and a third
 * window here put UCI training with self-validation over its 60 s budget).
 */
export function twoStageOptionsFor(p: DataProfile): Partial<TwoStageOptions> {
  const gap = p.medianVisitGapDays ?? p.spanDays / 4;
  const windowDays = Math.max(7, Math.min(Math.round(gap), Math.max(7, Math.floor(p.spanDays / 6))));
  const windows = Math.max(1, Math.min(2, Math.floor(p.spanDays / 2 / windowDays)));
  return { windowDays, windows };
}

export function candidateFamily(p: DataProfile): CandidateSpec[] {
  const gap = p.medianVisitGapDays ?? p.spanDays / 4;
  // recency half-life: a few visit gaps, so a customer's habits of the last visits weigh most
  const halfLife = Math.max(7, Math.round(3 * gap));
  const recentWindow = Math.max(7, Math.min(p.windowDays, 90));
  const ts = twoStageOptionsFor(p);
  return [
    {
      name: BASELINE,
      complexity: 0,
      label: 'what the customer buys most often, then best sellers',
      params: {},
      create: () => gpTopFreq(),
    },
    {
      name: 'recent-pop',
      complexity: 1,
      label: `best sellers of the last ${recentWindow} days`,
      params: { windowDays: recentWindow },
      create: () => recentPopularity(recentWindow),
    },
    {
      name: 'repurchase',
      complexity: 1,
      label: `the customer's own purchases, recent ones weighted more (half-life ${halfLife} days)`,
      params: { halfLifeDays: halfLife },
      create: () => repurchase(halfLife),
    },
    {
      name: 'two-stage',
      complexity: 2,
      label: `the customer's own items and what similar customers bought, ordered by a model that learned from ${ts.windows === 1 ? `the last ${ts.windowDays} days` : `${ts.windows} periods of ${ts.windowDays} days`} of orders`,
      params: { windowDays: ts.windowDays!, windows: ts.windows! },
      // scored on one list only: the discovery ranker (the app's explore list) is not needed to compare
      create: (setting) => twoStage({ ...ts, setting, fitDiscovery: false }),
    },
  ];
}
