/**
 * Self-validation (issue #14): the data's own time scale, the paired bootstrap, the "simplest unless
 * beaten beyond noise" rule, and that the holdout is cut from the training side only — never from
 * the test window `aisle eval` scores afterwards.
 */
import { describe, expect, it } from 'vitest';
import {
  buildBaskets,
  dayNumber,
  lastBasketSplit,
  temporalSplit,
  type PurchaseEvent,
} from '../../../src-main/recommender/protocol/baskets';
import { pairedBootstrap } from '../../../src-main/recommender/selection/bootstrap';
import { profileBaskets, windowFor } from '../../../src-main/recommender/selection/data-profile';
import { autoSelect, holdoutSplit, selectModel } from '../../../src-main/recommender/selection/self-validation';
import { twoStageOptionsFor, type CandidateSpec } from '../../../src-main/recommender/selection/candidates';
import { generatedHistory } from '../../../src-main/recommender/data/generated-regimes';
import { defaultCutoff } from '../../../src-main/recommender/eval';
import { gpTopFreq } from '../../../src-main/recommender/strategies/repurchase';
import { recentPopularity } from '../../../src-main/recommender/strategies/popularity';

const grocery = generatedHistory('grocery', 1);

const spec = (name: string, complexity: number, create: CandidateSpec['create']): CandidateSpec => ({
  name,
  complexity,
  label: name,
  params: {},
  create,
});

describe('paired bootstrap', () => {
  it('gives a zero-width interval for identical models and excludes 0 for a clearly better one', () => {
    const a = Float64Array.from({ length: 500 }, (_, k) => (k % 7) / 7);
    expect(pairedBootstrap(a, a)).toMatchObject({ mean: 0, lo: 0, hi: 0 });
    const better = a.map((x) => x + 0.05);
    const d = pairedBootstrap(better, a);
    expect(d.mean).toBeCloseTo(0.05, 10);
    expect(d.lo).toBeGreaterThan(0);
  });

  it('refuses to compare models scored on different customers', () => {
    expect(() => pairedBootstrap([1, 2], [1])).toThrow(/same customers on both sides \(2 vs 1\)/);
  });
});

describe('windows from the data, not from a calendar', () => {
  it('weekly shoppers get a window of a few weeks; a yearly wholesaler a quarter at most', () => {
    expect(windowFor(120, 10)).toBe(20);
    expect(windowFor(374, 59)).toBe(93);
    expect(windowFor(30, 1)).toBe(7);
  });

  it('profiles the grocery regime as weekly-ish repeat baskets and cuts the eval default there', () => {
    const p = profileBaskets(grocery.baskets);
    expect(p.spanDays).toBe(120);
    expect(p.medianVisitGapDays!).toBeGreaterThan(5);
    expect(p.medianVisitGapDays!).toBeLessThan(20);
    expect(defaultCutoff(grocery.baskets)).toBe(
      new Date((p.lastDay + 1 - p.windowDays) * 86_400_000).toISOString().slice(0, 10),
    );
    // ranker label windows follow the visit gap (UCI's 59-day gap gives #4's two ~2-month windows)
    expect(twoStageOptionsFor(p)).toEqual({ windowDays: Math.round(p.medianVisitGapDays!), windows: 2 });
    expect(twoStageOptionsFor({ ...p, spanDays: 374, medianVisitGapDays: 59 })).toEqual({ windowDays: 59, windows: 2 });
  });
});

describe('selection rule', () => {
  const split = lastBasketSplit(grocery.baskets);

  it('keeps the simpler model when the complex one only ties', () => {
    const family = () => [spec('gp-topfreq', 0, () => gpTopFreq()), spec('clone', 2, () => gpTopFreq())];
    const { report } = selectModel(split.train, { holdout: 'last-basket', setting: 'all', family });
    expect(report.chosen).toBe('gp-topfreq');
    expect(report.candidates.find((c) => c.model === 'clone')!.behindBest).toMatchObject({ lo: 0, hi: 0 });
  });

  it('takes the more complex model when it is better beyond noise', () => {
    // on grocery baskets a customer's own habits beat store best sellers by far
    const family = () => [spec('recent-pop', 0, () => recentPopularity(20)), spec('gp-topfreq', 1, () => gpTopFreq())];
    const { report } = selectModel(split.train, { holdout: 'last-basket', setting: 'all', family });
    expect(report.chosen).toBe('gp-topfreq');
    const pop = report.candidates.find((c) => c.model === 'recent-pop')!;
    expect(pop.behindBest.lo).toBeGreaterThan(0);
    expect(report.reason).toMatch(/every simpler model is behind it beyond noise/);
  });

  it('falls back to GP-TopFreq, saying why, when the holdout is too small to compare', () => {
    const tiny = lastBasketSplit(grocery.baskets.filter((b) => ['G1', 'G2', 'G3'].includes(b.customer)));
    const { report } = selectModel(tiny.train, { holdout: 'last-basket', setting: 'all' });
    expect(report.chosen).toBe('gp-topfreq');
    expect(report.reason).toMatch(/fewer than 20/);
  });
});

describe('the holdout never touches the test window', () => {
  it('temporal: every holdout basket is before the eval cutoff and inside the data-derived window', () => {
    const cutoff = defaultCutoff(grocery.baskets);
    const test = temporalSplit(grocery.baskets, cutoff, null);
    const inner = holdoutSplit(test.train, 'temporal', 20);
    expect(inner.train.refDay).toBe(dayNumber(cutoff) - 20);
    const auto = autoSelect({
      holdout: 'temporal',
      setting: 'all',
      family: () => [spec('gp-topfreq', 0, () => gpTopFreq())],
    });
    auto.fit(test.train);
    expect(auto.report()!.profile.lastDay).toBeLessThan(dayNumber(cutoff));
    expect(auto.report()!.holdout.customers).toBeGreaterThan(100);
  });

  it("last-basket: the holdout is each customer's last training basket, the test basket stays unseen", () => {
    const rows: PurchaseEvent[] = [];
    for (let c = 0; c < 30; c++)
      for (const [k, day] of ['2025-01-01', '2025-01-08', '2025-01-15'].entries())
        rows.push({ customerId: `c${c}`, itemId: `i${(c + k) % 5}`, day });
    const test = lastBasketSplit(buildBaskets(rows));
    const inner = holdoutSplit(test.train, 'last-basket', 7);
    expect(inner.cases).toHaveLength(30);
    // the test baskets were on 2025-01-15; the inner holdout targets the 2025-01-08 baskets
    for (const c of inner.cases)
      expect(inner.train.items[c.target[0]!]).toBe(`i${(Number(c.customer.slice(1)) + 1) % 5}`);
    expect(inner.train.nBaskets).toBe(30);
  });
});
