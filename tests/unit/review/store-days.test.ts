/**
 * KPI days and date filters are the store's calendar days: an evening consultation in a New York
 * store counts on that evening, in the KPIs, their latency figures and the list behind them.
 */
import { describe, expect, it } from 'vitest';
import { testRuntime } from '../../support/runtime';
import { insertConsultation, loadReviewFixture } from '../../support/review-fixture';
import { KpiService } from '../../../src-main/review/kpis';
import { ReviewService } from '../../../src-main/review/review-service';
import type { ViewScope } from '../../../src-main/auth/scope';

const manager: ViewScope = { storeId: 'S1', associateId: null, viewerId: 'mia', isManager: true };

describe('store-local KPI days', () => {
  const rt = testRuntime({ storeId: 'S1' });
  loadReviewFixture(rt);
  // 21:30 on Tuesday 4 March in New York = 02:30 UTC on Wednesday 5 March
  insertConsultation(rt.adb.sqlite, {
    id: 'LATE',
    associate: 'ben',
    customer: null,
    startedAt: '2025-03-05T02:30:00.000Z',
    endedAt: '2025-03-05T02:40:00.000Z',
    outcome: 'no_purchase',
    messages: [
      { turn: 1, role: 'associate', content: 'Head torch for night runs', at: '2025-03-05T02:31:00.000Z' },
      {
        turn: 1,
        role: 'assistant',
        content: 'Two head torches.',
        engine: 'local',
        fsm: 700,
        frm: 1700,
        at: '2025-03-05T02:31:02.000Z',
      },
    ],
  });
  const kpis = new KpiService(rt);
  const review = new ReviewService(rt);
  const day = (d: string) => {
    const out = kpis.compute({ from: d, to: d, granularity: 'day' }, manager);
    const ids = review
      .list({ from: d, to: d, sort: 'started_asc', limit: 50, offset: 0 }, manager)
      .rows.map((r) => r.id);
    return { n: out.totals.consultations.value, ids, fullP50: out.series.points[0]!.fullReplyP50Ms };
  };

  it('in a UK store (winter: UTC+0) the late consultation is on Wednesday', () => {
    expect(day('2025-03-04')).toEqual({ n: 1, ids: ['C3'], fullP50: null });
    expect(day('2025-03-05')).toEqual({ n: 2, ids: ['LATE', 'C4'], fullP50: 800 });
  });

  it("when the store is in New York it is Tuesday evening's, with its reply time, and the list agrees", () => {
    rt.adb.sqlite.prepare("UPDATE stores SET timezone = 'America/New_York' WHERE id = 'S1'").run();
    expect(day('2025-03-04')).toEqual({ n: 2, ids: ['C3', 'LATE'], fullP50: 1700 });
    expect(day('2025-03-05')).toEqual({ n: 1, ids: ['C4'], fullP50: 800 });
    // the month's totals are unchanged: days moved, nothing was lost or counted twice
    expect(
      kpis.compute({ from: '2025-03-01', to: '2025-03-31', granularity: 'week' }, manager).totals.consultations.value,
    ).toBe(6);
  });

  it("new writes use the store's zone too", () => {
    insertConsultation(rt.adb.sqlite, {
      id: 'LATE2',
      associate: 'ana',
      customer: null,
      startedAt: '2025-03-11T03:00:00.000Z',
    });
    expect(day('2025-03-10').ids).toEqual(['C5', 'LATE2']);
  });
});

describe("the store's time zone from configuration", () => {
  it("IT sets store.timeZone: the next start files the store's KPI days in that zone", () => {
    const first = testRuntime({ storeId: 'S1' });
    loadReviewFixture(first);
    insertConsultation(first.adb.sqlite, {
      id: 'LATE',
      associate: 'ben',
      customer: null,
      startedAt: '2025-03-05T02:30:00.000Z',
    });
    const dataDir = first.dataDir;
    first.close();
    const rt = testRuntime({ dataDir, storeId: 'S1', config: { store: { id: 'S1', timeZone: 'America/New_York' } } });
    expect(rt.adb.sqlite.prepare("SELECT timezone FROM stores WHERE id = 'S1'").get()).toEqual({
      timezone: 'America/New_York',
    });
    expect(rt.adb.sqlite.prepare("SELECT day FROM consultation_facts WHERE consultation_id = 'LATE'").get()).toEqual({
      day: '2025-03-04',
    });
    rt.close();
  });
});
