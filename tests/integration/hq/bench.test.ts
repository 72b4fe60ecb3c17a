/** `aisle bench hq` at a tiny size: it runs end to end and its figures add up (the full size is a bench, not a test). */
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { runHqBench } from '../../../src-main/hq/bench';
import { TEST_PG_URL } from '../../support/hq-postgres';

describe('aisle bench hq (tiny)', () => {
  it('pulls the whole store, then exactly the changed rows; ingests every event; computes a year of KPIs', async () => {
    const lines: string[] = [];
    const sizes = {
      skus: 400,
      stores: 3,
      customers: 500,
      orderLines: 1000,
      laptops: 6,
      eventsPerLaptop: 4,
      consultationsPerStoreDay: 1,
    };
    const r = await runHqBench(TEST_PG_URL, sizes, { say: (l) => lines.push(l) });
    // 100 products, 400 variants, 400 stock rows of store-001, 500 customers, a third of the 400 orders
    expect(r.firstPull.items).toEqual({ products: 100, variants: 400, inventory: 400, customers: 500, orders: 134 });
    expect(r.firstPull.rows).toBe(1534);
    expect(r.rawBaseline.rows).toBe(1534);
    expect(r.rawBareBaseline.rows).toBe(1534);
    expect(r.firstPull.rounds).toBe(3);
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

describe('aisle bench hq cleans up what it creates', () => {
  const exists = async (name: string) => {
    const c = new pg.Client({ connectionString: TEST_PG_URL });
    await c.connect();
    try {
      return (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
    } finally {
      await c.end();
    }
  };

  it('drops its database after a failed run, even with a connection to it still open', async () => {
    let created = '';
    let lingering: pg.Client | null = null;
    // no store to enrol the bench laptop in: the run fails after the data is generated
    const sizes = {
      skus: 40,
      stores: 0,
      customers: 10,
      orderLines: 10,
      laptops: 1,
      eventsPerLaptop: 1,
      consultationsPerStoreDay: 1,
    };
    const run = runHqBench(TEST_PG_URL, sizes, {
      say: () => undefined,
      onDatabase: async (url, name) => {
        created = name;
        lingering = new pg.Client({ connectionString: url });
        lingering.on('error', () => undefined); // it is ended by the bench's cleanup
        await lingering.connect();
      },
    });
    await expect(run).rejects.toThrow();
    expect(created).toMatch(/^aisle_hq_bench_/);
    expect(await exists(created)).toBe(false);
    await (lingering as pg.Client | null)?.end().catch(() => undefined);
  });
});
