/**
 * Self-validation at training time, on the retailer's own data (issue #14). The history a model may
 * see is cut once more: the most recent window (or each customer's last basket, for basket-shaped
 * evaluation) is held out, every candidate of the family is fitted on the rest and scored with the
 * same metrics as `aisle eval`, and a paired bootstrap over customers decides. The rule prefers the
 * simpler model: among the candidates whose NDCG@10 is not below the best one's beyond noise (95%
 * interval of best − candidate includes 0), the least complex wins. The winner is then refitted on
 * everything the caller gave. Nothing here ever sees the caller's own evaluation window.
 */
import { lastBasketSplit, temporalSplit, type Basket, type Split, type TrainData } from '../protocol/baskets';
import { evaluate, type Setting } from '../protocol/evaluate';
import type { Strategy } from '../strategies/strategy';
import { pairedBootstrap, type PairedDifference } from './bootstrap';
import { BASELINE, candidateFamily, type CandidateSpec } from './candidates';
import { dayString, profileTrainData, type DataProfile } from './data-profile';

export type Holdout = 'last-basket' | 'temporal';

export interface CandidateScore {
  model: string;
  label: string;
  complexity: number;
  params: Record<string, number | string>;
  'recall@10': number;
  'ndcg@10': number;
  /** this model − GP-TopFreq on the holdout customers (NDCG@10, paired bootstrap) */
  vsBaseline: PairedDifference;
  /** best − this model (NDCG@10): "not worse beyond noise" when lo <= 0 */
  behindBest: PairedDifference;
  fitSeconds: number;
}

export interface SelectionReport {
  holdout: { kind: Holdout; description: string; customers: number; windowDays: number | null };
  profile: DataProfile;
  candidates: CandidateScore[];
  chosen: string;
  baseline: string;
  reason: string;
  /** validation fits + scoring, without the final refit */
  selectionSeconds: number;
}

/** The training side as baskets again (codes and calendar days), so the protocol splits can cut it. */
export function basketsOf(d: TrainData): Basket[] {
  const out: Basket[] = [];
  for (let u = 0; u < d.users.length; u++)
    for (let b = d.userBasketPtr[u]!; b < d.userBasketPtr[u + 1]!; b++) {
      const items: string[] = [];
      for (let p = d.basketPtr[b]!; p < d.basketPtr[b + 1]!; p++) items.push(d.items[d.basketItems[p]!]!);
      out.push({ customer: d.users[u]!, day: dayString(d.basketDay[b]!), items: items.sort() });
    }
  return out;
}

/** The holdout inside `d`: its last basket per customer, or its last `windowDays` before d.refDay. */
export function holdoutSplit(d: TrainData, kind: Holdout, windowDays: number): Split {
  const baskets = basketsOf(d);
  if (kind === 'last-basket') return lastBasketSplit(baskets);
  // from the data's own last day, not "today": a history that stopped a while ago still has a recent period
  const profileEnd = baskets.reduce((m, b) => (b.day > m ? b.day : m), '0000-00-00');
  const last = Math.round(Date.parse(profileEnd + 'T00:00:00Z') / 86_400_000);
  return temporalSplit(baskets, dayString(Math.min(d.refDay, last + 1) - windowDays), null);
}

function emptySplitGuard(s: Split): boolean {
  return s.cases.length >= 20 && s.train.users.length > 0;
}

export interface SelectOptions {
  holdout: Holdout;
  setting: Setting;
  /** candidates to score (default: the whole family); tests pass a smaller one */
  family?: (p: DataProfile) => CandidateSpec[];
  resamples?: number;
  log?: (line: string) => void;
}

/** Scores the family on the holdout cut from `d` and names the winner; does not refit. */
export function selectModel(d: TrainData, o: SelectOptions): { report: SelectionReport; spec: CandidateSpec } {
  const t0 = performance.now();
  const profile = profileTrainData(d);
  const family = (o.family ?? candidateFamily)(profile);
  const split = holdoutSplit(d, o.holdout, profile.windowDays);
  const baselineSpec = family.find((c) => c.name === BASELINE) ?? family[0]!;
  const holdout = {
    kind: o.holdout,
    description:
      o.holdout === 'last-basket'
        ? "each customer's last basket of the training data"
        : `the last ${profile.windowDays} days of the training data (from ${dayString(Math.min(d.refDay, profile.lastDay + 1) - profile.windowDays)})`,
    customers: split.cases.length,
    windowDays: o.holdout === 'temporal' ? profile.windowDays : null,
  };
  if (!emptySplitGuard(split)) {
    // too few customers to tell models apart: the floor is the honest choice
    const report: SelectionReport = {
      holdout,
      profile,
      candidates: [],
      chosen: baselineSpec.name,
      baseline: BASELINE,
      reason: `only ${split.cases.length} customers in the holdout (fewer than 20): kept ${baselineSpec.name} without comparing`,
      selectionSeconds: (performance.now() - t0) / 1000,
    };
    return { report, spec: baselineSpec };
  }
  const scored: { spec: CandidateSpec; recall: number; ndcg: number; perUser: Float64Array; fitSeconds: number }[] = [];
  for (const spec of family) {
    const t = performance.now();
    const s = spec.create(o.setting);
    s.fit(split.train);
    const r = evaluate(split, s, o.setting, true);
    const perUser = Float64Array.from(r.perUser, (x) => x.ndcg10);
    const fitSeconds = (performance.now() - t) / 1000;
    scored.push({ spec, recall: r.metrics['recall@10'], ndcg: r.metrics['ndcg@10'], perUser, fitSeconds });
    o.log?.(
      `  holdout ${spec.name}: NDCG@10 ${r.metrics['ndcg@10'].toFixed(4)}, R@10 ${r.metrics['recall@10'].toFixed(4)} (${fitSeconds.toFixed(1)} s)`,
    );
  }
  const base = scored.find((x) => x.spec.name === baselineSpec.name)!;
  const best = scored.reduce((a, b) => (b.ndcg > a.ndcg ? b : a));
  const candidates: CandidateScore[] = scored.map((x) => ({
    model: x.spec.name,
    label: x.spec.label,
    complexity: x.spec.complexity,
    params: x.spec.params,
    'recall@10': x.recall,
    'ndcg@10': x.ndcg,
    vsBaseline: pairedBootstrap(x.perUser, base.perUser, o.resamples),
    behindBest: pairedBootstrap(best.perUser, x.perUser, o.resamples),
    fitSeconds: x.fitSeconds,
  }));
  // the simplest model the best one does not beat beyond noise (family order breaks complexity ties)
  const tied = candidates.filter((c) => c.behindBest.lo <= 0);
  const chosen = tied.reduce((a, b) => (b.complexity < a.complexity ? b : a));
  const bestName = best.spec.name;
  const reason =
    chosen.model === bestName
      ? `${chosen.model} scored best on the holdout${chosen.complexity > 0 ? ' and every simpler model is behind it beyond noise' : ''}`
      : `${bestName} scored highest but not beyond noise (best − ${chosen.model}: ${fmtDiff(chosen.behindBest)}), so the simpler ${chosen.model} is kept`;
  const report: SelectionReport = {
    holdout,
    profile,
    candidates,
    chosen: chosen.model,
    baseline: BASELINE,
    reason,
    selectionSeconds: (performance.now() - t0) / 1000,
  };
  return { report, spec: family.find((c) => c.name === chosen.model)! };
}

export function fmtDiff(x: PairedDifference): string {
  const f = (v: number) => (v >= 0 ? '+' : '−') + Math.abs(v).toFixed(4);
  return `${f(x.mean)} [${f(x.lo)}, ${f(x.hi)}]`;
}

export type AutoStrategy = Strategy & {
  report(): SelectionReport | null;
  chosen(): Strategy | null;
  chosenSpec(): CandidateSpec | null;
};

/** `--model auto`: selects on a holdout inside what `fit` receives, then refits the winner on all of it. */
export function autoSelect(o: SelectOptions): AutoStrategy {
  let report: SelectionReport | null = null;
  let inner: Strategy | null = null;
  let spec: CandidateSpec | null = null;
  return {
    get name() {
      return inner ? `auto → ${inner.name}` : 'auto';
    },
    fit(d) {
      const sel = selectModel(d, o);
      report = sel.report;
      spec = sel.spec;
      inner = spec.create(o.setting);
      inner.fit(d);
    },
    scoreUser(u, out) {
      inner!.scoreUser(u, out);
    },
    report: () => report,
    chosen: () => inner,
    chosenSpec: () => spec,
  };
}
