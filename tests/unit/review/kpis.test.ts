import { describe, expect, it } from 'vitest';
import { testRuntime } from '../../support/runtime';
import { insertConsultation, loadReviewFixture } from '../../support/review-fixture';
import { KpiService, percentileFromHistogram, percentilesOf, buckets } from '../../../src-main/review/kpis';
import { ReviewService } from '../../../src-main/review/review-service';
import type { ViewScope } from '../../../src-main/auth/scope';
import type { ConsultationFilter } from '../../../src-main/contract/review';

const manager: ViewScope = { storeId: 'S1', associateId: null, viewerId: 'mia', isManager: true };
const MARCH = { from: '2025-03-01', to: '2025-03-31', granularity: 'day' as const };

describe('KPIs on a hand-made month (answers worked out by hand in tests/support/review-fixture.ts)', () => {
  const rt = testRuntime({ storeId: 'S1' });
  loadReviewFixture(rt);
  const kpis = new KpiService(rt);
  const review = new ReviewService(rt);
  const out = kpis.compute(MARCH, manager);
  const t = out.totals;
  const idsOf = (f: ConsultationFilter) =>
    review.list({ ...f, sort: 'started_asc', limit: 500, offset: 0 }, manager).rows.map((r) => r.id);

  it('counts consultations in the range and this store only (not February, not store S2)', () => {
    expect(t.consultations.value).toBe(5);
    expect(idsOf(t.consultations.filter)).toEqual(['C1', 'C2', 'C3', 'C4', 'C5']);
  });

  it('engagement: 4 of 5 consultations used the copilot; 5 turns over those 4', () => {
    expect(t.engagement).toMatchObject({ value: 0.8, numerator: 4, denominator: 5 });
    expect(t.turnsPerConsultation).toMatchObject({ value: 1.25, turns: 5, consultations: 4 });
    expect(idsOf(t.engagement.numeratorFilter)).toEqual(['C1', 'C2', 'C4', 'C5']);
  });

  it('acceptance: 3 of 6 shown suggestions shortlisted or bought; the blocked one is not counted as shown', () => {
    expect(t.acceptance).toMatchObject({ value: 0.5, numerator: 3, denominator: 6 });
    expect(t.blockedSuggestions.value).toBe(1);
    expect(idsOf(t.acceptance.numeratorFilter)).toEqual(['C1', 'C4']);
    expect(idsOf(t.acceptance.denominatorFilter)).toEqual(['C1', 'C4', 'C5']);
  });

  it('conversion: 2 purchases among 4 ended consultations (the open one left out), walk-ins included', () => {
    expect(t.conversion).toMatchObject({ value: 0.5, numerator: 2, denominator: 4 });
    expect(idsOf(t.conversion.numeratorFilter)).toEqual(['C1', 'C4']);
    expect(idsOf(t.conversion.denominatorFilter)).toEqual(['C1', 'C2', 'C3', 'C4']);
  });

  it('14-day conversion: C1’s customer ordered 7 days later; an order at the very end time or 16 days later does not count', () => {
    expect(t.conversion14d).toMatchObject({ value: 0.5, numerator: 1, denominator: 2, ordersSynced: true });
    expect(idsOf(t.conversion14d.numeratorFilter)).toEqual(['C1']);
    expect(idsOf(t.conversion14d.denominatorFilter)).toEqual(['C1', 'C3']);
  });

  it('basket: mean £85.00 and 1.5 units over the 2 purchases', () => {
    expect(t.basket).toMatchObject({
      purchases: 2,
      avgUnits: 1.5,
      byCurrency: [{ currency: 'GBP', purchases: 2, avgValue: 8500 }],
    });
  });

  it('satisfaction: mean 4 over 3 ratings, one each of 3, 4, 5; 3 of 4 ended consultations rated', () => {
    expect(t.satisfaction).toMatchObject({ mean: 4, responses: 3, distribution: { 1: 0, 2: 0, 3: 1, 4: 1, 5: 1 } });
    expect(t.satisfaction.responseRate).toMatchObject({ value: 0.75, numerator: 3, denominator: 4 });
  });

  it('response time: nearest-rank p50/p95 by engine; the stopped reply has no full-reply time', () => {
    const { all, byEngine } = t.responseTime;
    expect(all).toEqual({
      engine: 'all',
      firstSuggestion: { p50: 300, p95: 900, n: 4 },
      fullReply: { p50: 1000, p95: 2500, n: 4 },
    });
    expect(byEngine).toEqual([
      { engine: 'llm', firstSuggestion: { p50: 900, p95: 900, n: 1 }, fullReply: { p50: 2500, p95: 2500, n: 1 } },
      { engine: 'local', firstSuggestion: { p50: 300, p95: 500, n: 3 }, fullReply: { p50: 1000, p95: 1200, n: 3 } },
    ]);
  });

  it('fallback: 1 of 5 replies; 1 stopped reply', () => {
    expect(t.fallback).toMatchObject({ value: 0.2, numerator: 1, denominator: 5 });
    expect(t.stoppedReplies.value).toBe(1);
    expect(idsOf(t.fallback.numeratorFilter)).toEqual(['C4']);
    expect(idsOf(t.stoppedReplies.filter)).toEqual(['C2']);
  });

  it('per associate: ana and ben each with their own numbers', () => {
    const ana = out.associates.find((a) => a.associateId === 'ana')!;
    const ben = out.associates.find((a) => a.associateId === 'ben')!;
    expect(out.associates.map((a) => a.associateId)).toEqual(['ana', 'ben']);
    expect(ana.name).toBe('Ana Ruiz');
    expect(ana.consultations.value).toBe(2);
    expect(ana.engagement.value).toBe(1);
    expect(ana.turnsPerConsultation.value).toBe(1.5);
    expect(ana.acceptance).toMatchObject({ numerator: 2, denominator: 4 });
    expect(ana.conversion).toMatchObject({ numerator: 1, denominator: 2 });
    expect(ana.conversion14d).toMatchObject({ numerator: 1, denominator: 1, value: 1 });
    expect(ana.basket.byCurrency).toEqual([{ currency: 'GBP', purchases: 1, avgValue: 12000 }]);
    expect(ana.satisfaction.mean).toBe(4);
    expect(ana.fallback).toMatchObject({ numerator: 0, denominator: 3, value: 0 });
    expect(ana.responseTime.all.fullReply).toEqual({ p50: 1200, p95: 2500, n: 2 });
    expect(ben.consultations.value).toBe(3);
    expect(ben.engagement).toMatchObject({ numerator: 2, denominator: 3 });
    expect(ben.conversion14d).toMatchObject({ numerator: 0, denominator: 1, value: 0 });
    expect(ben.fallback).toMatchObject({ numerator: 1, denominator: 2, value: 0.5 });
    expect(ben.satisfaction).toMatchObject({ mean: 4, responses: 1 });
    expect(idsOf(ben.consultations.filter)).toEqual(['C3', 'C4', 'C5']);
  });

  it('time series: one point per day, empty days included; weeks start on Monday and are clipped to the range', () => {
    expect(out.series.points).toHaveLength(31);
    const day = (d: string) => out.series.points.find((p) => p.bucket === d)!;
    expect(day('2025-03-03')).toMatchObject({
      consultations: 2,
      engagementRate: 1,
      conversionRate: 0.5,
      satisfactionMean: 4,
      fullReplyP50Ms: 1200,
    });
    expect(day('2025-03-04')).toMatchObject({
      consultations: 1,
      engagementRate: 0,
      conversionRate: 0,
      satisfactionMean: null,
    });
    expect(day('2025-03-15')).toMatchObject({ consultations: 0, engagementRate: null, fullReplyP50Ms: null });
    const weekly = kpis.compute({ ...MARCH, granularity: 'week' }, manager).series.points;
    expect(weekly.map((p) => [p.bucket, p.from, p.to, p.consultations])).toEqual([
      ['2025-02-24', '2025-03-01', '2025-03-02', 0],
      ['2025-03-03', '2025-03-03', '2025-03-09', 4],
      ['2025-03-10', '2025-03-10', '2025-03-16', 1],
      ['2025-03-17', '2025-03-17', '2025-03-23', 0],
      ['2025-03-24', '2025-03-24', '2025-03-30', 0],
      ['2025-03-31', '2025-03-31', '2025-03-31', 0],
    ]);
  });

  it('an empty range gives zero counts and null rates, not NaN', () => {
    const empty = kpis.compute({ from: '2025-04-01', to: '2025-04-07', granularity: 'day' }, manager);
    expect(empty.totals.consultations.value).toBe(0);
    expect(empty.totals.engagement).toMatchObject({ value: null, numerator: 0, denominator: 0 });
    expect(empty.totals.conversion.value).toBeNull();
    expect(empty.totals.basket).toMatchObject({ purchases: 0, avgUnits: null, byCurrency: [] });
    expect(empty.totals.satisfaction.mean).toBeNull();
    expect(empty.totals.responseTime.all.fullReply).toEqual({ p50: null, p95: null, n: 0 });
    expect(empty.associates).toEqual([]);
    expect(empty.series.points).toHaveLength(7);
    expect(JSON.stringify(empty)).not.toContain('NaN');
  });

  it('an associate’s KPIs cover only their own consultations', () => {
    const own = kpis.compute(MARCH, { storeId: 'S1', associateId: 'ben', viewerId: 'ben', isManager: false });
    expect(own.totals.consultations.value).toBe(3);
    expect(own.associates.map((a) => a.associateId)).toEqual(['ben']);
  });

  it('ships a definition for every KPI', () => {
    for (const key of [
      'engagement',
      'turnsPerConsultation',
      'acceptance',
      'conversion',
      'conversion14d',
      'basket',
      'satisfaction',
      'responseTime',
      'fallback',
    ]) {
      expect(out.definitions[key]).toMatch(/÷|mean|p50|Mean/);
    }
  });

  it('rejects a range that ends before it starts, naming the field', () => {
    expect(() => kpis.compute({ from: '2025-03-10', to: '2025-03-01', granularity: 'day' }, manager)).toThrow(/"from"/);
  });
});

describe('nearest-rank percentiles', () => {
  it('takes the ⌈p·n⌉-th smallest value', () => {
    expect(
      percentileFromHistogram(
        [
          [10, 1],
          [20, 1],
          [30, 1],
          [40, 1],
        ],
        0.5,
      ),
    ).toBe(20);
    expect(
      percentileFromHistogram(
        [
          [10, 1],
          [20, 1],
          [30, 1],
          [40, 1],
        ],
        0.95,
      ),
    ).toBe(40);
    expect(
      percentileFromHistogram(
        [
          [5, 99],
          [1000, 1],
        ],
        0.95,
      ),
    ).toBe(5);
    expect(percentileFromHistogram([], 0.5)).toBeNull();
  });
  it('buckets a range by day and by week', () => {
    expect(buckets('2025-03-30', '2025-04-01', 'day').map((b) => b.bucket)).toEqual([
      '2025-03-30',
      '2025-03-31',
      '2025-04-01',
    ]);
  });
});

describe('KPIs stay right as the history changes (figures kept by triggers, read afresh on every call)', () => {
  it('sees new consultations, messages, ratings and orders on days already computed', () => {
    const rt = testRuntime({ storeId: 'S1' });
    loadReviewFixture(rt);
    const kpis = new KpiService(rt);
    const db = rt.adb.sqlite;
    const t = () => kpis.compute(MARCH, manager).totals;
    expect(t().consultations.value).toBe(5);
    // A consultation added to a past day.
    insertConsultation(db, {
      id: 'C8',
      associate: 'ben',
      customer: null,
      startedAt: '2025-03-04T15:00:00.000Z',
      endedAt: '2025-03-04T15:10:00.000Z',
      outcome: 'purchased',
      basketValue: 1000,
      basketUnits: 1,
    });
    expect(t()).toMatchObject({ consultations: { value: 6 }, conversion: { numerator: 3, denominator: 5 } });
    // A message added to a consultation of a past day that had none.
    db.prepare(
      "INSERT INTO consultation_messages (consultation_id, turn, role, content, created_at) VALUES ('C3', 1, 'associate', 'late note', '2025-03-04T09:10:00.000Z')",
    ).run();
    expect(t().engagement).toMatchObject({ numerator: 5, denominator: 6 });
    // A rating changed afterwards on an old day: seen on the very next call.
    db.prepare("UPDATE consultations SET satisfaction = 1 WHERE id = 'C2'").run();
    expect(t().satisfaction).toMatchObject({ mean: 10 / 3, distribution: { 1: 1, 3: 0 } });
    // An order synced that makes C3 a follow-up purchase.
    db.prepare(
      "INSERT INTO orders (external_id, customer_id, store_id, placed_at, currency, total, source, synced_at) VALUES ('O-9', 2, 'S1', '2025-03-06T10:00:00.000Z', 'GBP', 100, 'test', '2025-04-02T00:00:00.000Z')",
    ).run();
    expect(t().conversion14d).toMatchObject({ numerator: 2, denominator: 2 });
    // A second computation with nothing changed gives the same answer.
    expect({ ...kpis.compute(MARCH, manager), tookMs: 0 }).toEqual({ ...kpis.compute(MARCH, manager), tookMs: 0 });
  });

  it('percentiles of large latencies (over 2 minutes) are exact too', () => {
    expect(
      percentilesOf(
        [
          [100, 200_000],
          [150_000, 50],
        ],
        [0.5, 0.95],
      ),
    ).toEqual({ values: [100, 200_000], n: 4 });
    expect(percentilesOf([], [0.5])).toEqual({ values: [null], n: 0 });
  });
});
