import { beforeAll, describe, expect, it } from 'vitest';
import { loadDemoStore } from '../../../src-main/demo/load';
import { trainInline, getRecommender } from '../../../src-main/recommender/runtime-model';
import { HistoryPopularityPersonaliser } from '../../../src-main/copilot/ranking';
import { RecommenderPersonaliser } from '../../../src-main/copilot/recommender-personaliser';
import { loadCustomerProfile } from '../../../src-main/customers/profile';
import { testRuntime } from '../../support/runtime';
import type { AppRuntime } from '../../../src-main/app/runtime';

let rt: AppRuntime;
beforeAll(() => {
  rt = testRuntime({ storeId: 'S1' });
  loadDemoStore(rt.adb, { anchor: new Date('2026-11-25T00:00:00Z') });
}, 60_000);

function candidatesFor(customerId: number) {
  // every active product, as the local engine would hand over after its filters
  return (
    rt.adb.sqlite
      .prepare(`SELECT p.id AS productId, p.category, p.brand, NULL AS color FROM products p WHERE p.status = 'active'`)
      .all() as {
      productId: number;
      category: string | null;
      brand: string | null;
      color: string | null;
    }[]
  ).map((c) => ({ ...c, customerId }));
}

describe('personalisation from the trained recommender', () => {
  it('without a model, the copilot ranks exactly as the history-and-popularity personaliser', () => {
    const base = new HistoryPopularityPersonaliser(rt.adb.sqlite);
    const withModel = new RecommenderPersonaliser(new HistoryPopularityPersonaliser(rt.adb.sqlite), () => null);
    const customer = rt.adb.sqlite
      .prepare('SELECT id FROM customers WHERE consent_personalization = 1 LIMIT 1')
      .get() as { id: number };
    const input = {
      storeId: 'S1',
      profile: loadCustomerProfile(rt.adb.sqlite, customer.id),
      candidates: candidatesFor(customer.id),
      contextProductIds: [],
    };
    expect([...withModel.score(input)]).toEqual([...base.score(input)]);
  });

  it('with a model, its personal picks rise and lead with the recommender’s own evidence', () => {
    trainInline(rt);
    const model = getRecommender(rt)!;
    expect(model).not.toBeNull();
    const customer = rt.adb.sqlite
      .prepare(
        `SELECT c.id FROM customers c WHERE c.consent_personalization = 1 AND (SELECT count(*) FROM orders o WHERE o.customer_id = c.id) >= 6 LIMIT 1`,
      )
      .get() as { id: number };
    const input = {
      storeId: 'S1',
      profile: loadCustomerProfile(rt.adb.sqlite, customer.id),
      candidates: candidatesFor(customer.id),
      contextProductIds: [],
    };
    const base = new HistoryPopularityPersonaliser(rt.adb.sqlite).score(input);
    const scored = new RecommenderPersonaliser(new HistoryPopularityPersonaliser(rt.adb.sqlite), () => model).score(
      input,
    );
    const top = model.recommend({ customerId: customer.id, storeId: 'S1', mode: 'personal', k: 100 }).results[0]!;
    const s = scored.get(top.productId)!;
    expect(s.score).toBeGreaterThan(base.get(top.productId)!.score);
    expect(s.reasons[0]).toBe(top.reasons[0]);
    expect(s.strategy).toBe(`recommender:${top.strategy}`);
  }, 60_000);

  it('never personalises when the customer withheld consent', () => {
    const model = getRecommender(rt);
    const customer = rt.adb.sqlite
      .prepare('SELECT id FROM customers WHERE consent_personalization = 0 LIMIT 1')
      .get() as { id: number };
    const input = {
      storeId: 'S1',
      profile: loadCustomerProfile(rt.adb.sqlite, customer.id),
      candidates: candidatesFor(customer.id),
      contextProductIds: [],
    };
    const scored = new RecommenderPersonaliser(new HistoryPopularityPersonaliser(rt.adb.sqlite), () => model).score(
      input,
    );
    for (const s of scored.values()) expect(s.strategy.startsWith('recommender')).toBe(false);
  });
});
