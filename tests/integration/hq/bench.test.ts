/** `aisle bench hq` at a tiny size: it runs end to end and its figures add up (the full size is a bench, not a test). */
import { describe, expect, it } from 'vitest';
import { runHqBench } from '../../../src-main/hq/bench';
import { TEST_PG_URL } from '../../support/hq-postgres';

describe('aisle bench hq (tiny)', () => {
  it('pulls the whole store, then exactly the changed rows; ingests every event; computes a year of KPIs', async () => {
    const lines: string[] = [];
    const sizes = { skus: 400, stores: 3, customers: 500, orderLines: 1000, laptops: 6, eventsPerLaptop: 4, consultationsPerStoreDay: 1 };
    const r = await runHqBench(TEST_PG_URL, sizes, { say: (l) => lines.push(l) });
    // 100 products, 400 variants, 400 stock rows of store-001, 500 customers, a third of the 400 orders
    expect(r.firstPull.items).toEqual({ products: 100, variants: 400, inventory: 400, customers: 500, orders: 134 });
    expect(r.firstPull.rows).toBe(1534);
    expect(r.rawBaseline.rows).toBe(1534);
    expect(r.incrementalPull.items.variants).toBe(r.incrementalPull.changedPrices);
    expect(r.incrementalPull.items.inventory).toBeLessThanOrEqual(r.incrementalPull.changedStockRows);
    expect(r.incrementalPull.items).toMatchObject({ products: 0, customers: 0, orders: 0 });
    expect(r.ingest).toMatchObject({ events: 24, laptops: 6 });
    // a generated year in 3 stores, plus the 24 consultations the simulated laptops pushed
    expect(r.kpis.consultations).toBe(3 * 365 + 24);
    expect(r.kpis.latencyMs.n).toBe(20);
    expect(lines.join('\n')).toMatch(/rows\/s[\s\S]*events\/s[\s\S]*p95/);
  });
});
