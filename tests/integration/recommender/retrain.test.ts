/** The app retrains the recommender after a sync that changed orders, and doctor shows the model's health line. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRuntime, type AppRuntime } from '../../../src-main/app/runtime';
import { loadConfig } from '../../../src-main/settings/config';
import { trainInline, watchForRetrain } from '../../../src-main/recommender/runtime-model';
import { recommenderCheck } from '../../../src-main/recommender/health-check';

let rt: AppRuntime;
let orderNo = 0;
const T = '2025-01-01T00:00:00Z';

function addOrder(customer: number, day: string, variants: number[], syncedAt: string): void {
  const s = rt.adb.sqlite;
  orderNo++;
  s.prepare(
    `INSERT INTO orders (id, external_id, customer_id, store_id, placed_at, currency, total, source, synced_at) VALUES (?,?,?, 's1', ?, 'GBP', 0, 'test', ?)`,
  ).run(orderNo, `O${orderNo}`, customer, `${day}T10:00:00Z`, syncedAt);
  variants.forEach((v, k) =>
    s
      .prepare(
        `INSERT INTO order_lines (order_id, line_no, variant_id, sku, quantity, unit_price) VALUES (?,?,?,?,1,0)`,
      )
      .run(orderNo, k + 1, v, `SKU${v}`),
  );
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(() => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aisle-rec-retrain-'));
  rt = openRuntime({
    mode: 'cli',
    dataDir: dir,
    storeId: 's1',
    loaded: loadConfig({ env: {}, machineFile: null, userFile: null }),
    logDir: null,
  });
  const s = rt.adb.sqlite;
  s.prepare(`INSERT OR IGNORE INTO stores (id, name) VALUES ('s1','Here')`).run();
  for (let p = 1; p <= 4; p++) {
    s.prepare(
      `INSERT INTO products (id, external_id, title, category, consumable, status, source, synced_at) VALUES (?,?,?, 'Cat', 1, 'active', 'test', ?)`,
    ).run(p, `P${p}`, `Product ${p}`, T);
    s.prepare(
      `INSERT INTO variants (id, sku, product_id, price, currency, status, source, synced_at) VALUES (?,?,?, 1000, 'GBP', 'active', 'test', ?)`,
    ).run(p, `SKU${p}`, p, T);
  }
  for (let c = 1; c <= 3; c++)
    s.prepare(
      `INSERT INTO customers (id, external_id, consent_personalization, source, synced_at) VALUES (?,?,1,'test',?)`,
    ).run(c, `C${c}`, T);
});
afterAll(() => rt?.close());

describe('retraining after a sync', () => {
  it('doctor says there is nothing to learn from before any order arrives', () => {
    expect(recommenderCheck(rt)).toMatchObject({ name: 'recommender', status: 'ok' });
    expect(recommenderCheck(rt).message).toMatch(/no customer orders synced yet/);
  });

  it('retrains when a sync brought orders, not when it brought none', async () => {
    const runs: string[] = [];
    const stop = watchForRetrain(rt, {
      debounceMs: 10,
      train: async (r) => {
        runs.push(new Date().toISOString());
        trainInline(r);
      },
    });
    try {
      addOrder(1, '2024-11-02', [1, 2], '2024-12-01T00:00:00Z');
      addOrder(2, '2024-11-03', [1, 3], '2024-12-01T00:00:00Z');
      // orders exist but no model yet: doctor warns
      expect(recommenderCheck(rt).status).toBe('warn');
      rt.events.emit('data.changed', { calls: ['sync.runs'] });
      rt.events.emit('data.changed', { calls: ['sync.runs'] }); // a burst of events → one retrain
      await wait(300);
      expect(runs.length).toBe(1);
      const line = recommenderCheck(rt);
      expect(line.status).toBe('ok');
      // two customers are too few to compare models on: the card says the floor was kept, and why
      expect(line.message).toMatch(
        /on 2 baskets of 2 customers, 4 items; active: .*repurchase.*; model gp-topfreq \(only 0 customers in the holdout \(fewer than 20\): kept gp-topfreq without comparing\)$/,
      );

      // a sync that changed nothing in orders: the model stays
      rt.events.emit('data.changed', { calls: ['catalog.search'] });
      await wait(200);
      expect(runs.length).toBe(1);

      // a sync that brought a new order: stale, then retrained
      await wait(5);
      addOrder(3, '2024-12-20', [2, 4], new Date(Date.now() + 1000).toISOString());
      expect(recommenderCheck(rt).message).toMatch(/1 order\(s\) synced since — retrain/);
      rt.events.emit('data.changed', { calls: ['sync.runs'] });
      await wait(300);
      expect(runs.length).toBe(2);
      expect(recommenderCheck(rt).message).toMatch(/on 3 baskets of 3 customers/);
    } finally {
      stop();
    }
  });
});
