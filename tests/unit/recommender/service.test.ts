/** Business rules and reasons of recommend() on a small hand-made store. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type AisleDatabase } from '../../../src-main/db/open';
import { Recommender, trainFromDatabase } from '../../../src-main/recommender/service';

let adb: AisleDatabase;
let rec: Recommender;
const T = '2025-01-01T00:00:00Z';

beforeAll(() => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aisle-rec-'));
  adb = openDatabase({ file: path.join(dir, 'aisle.db') });
  const s = adb.sqlite;
  s.prepare(`INSERT INTO stores (id, name) VALUES ('s1','Here'), ('s2','There')`).run();
  const prod = s.prepare(
    `INSERT INTO products (id, external_id, title, category, consumable, status, source, synced_at) VALUES (?,?,?,?,?,?, 'test', ?)`,
  );
  prod.run(1, 'P1', 'Alpine 40 pack', 'Packs', 0, 'active', T);
  prod.run(2, 'P2', 'Trail bottle', 'Accessories', 0, 'active', T);
  prod.run(3, 'P3', 'Wool socks', 'Socks', 1, 'active', T);
  prod.run(4, 'P4', 'Rain cover', 'Accessories', 0, 'discontinued', T);
  prod.run(5, 'P5', 'Trail shoes', 'Shoes', 0, 'active', T);
  prod.run(6, 'P6', 'Trail shoes GTX', 'Shoes', 0, 'active', T);
  const v = s.prepare(
    `INSERT INTO variants (id, sku, product_id, size, color, price, currency, status, source, synced_at) VALUES (?,?,?,?,?,?, 'GBP', 'active', 'test', ?)`,
  );
  v.run(1, 'PACK-40', 1, null, 'Red', 12000, T);
  v.run(2, 'BOT-1', 2, null, 'Blue', 1500, T);
  v.run(3, 'SOCK-M', 3, 'M', 'Grey', 1200, T);
  v.run(4, 'SOCK-L', 3, 'L', 'Grey', 1200, T);
  v.run(5, 'COVER', 4, null, null, 2000, T);
  v.run(6, 'SHOE-42', 5, '42', 'Black', 9000, T);
  v.run(7, 'SHOE-43', 5, '43', 'Black', 9000, T);
  v.run(8, 'GTX-42', 6, '42', 'Black', 14000, T);
  const inv = s.prepare(
    `INSERT INTO inventory (variant_id, store_id, quantity, source, synced_at) VALUES (?,?,?, 'test', ?)`,
  );
  for (const [vid, q] of [
    [1, 3],
    [2, 5],
    [3, 4],
    [4, 0],
    [5, 9],
    [6, 0],
    [7, 2],
    [8, 1],
  ] as const)
    inv.run(vid, 's1', q, T);
  const cust = s.prepare(
    `INSERT INTO customers (id, external_id, consent_personalization, source, synced_at) VALUES (?,?,?, 'test', ?)`,
  );
  for (let c = 1; c <= 6; c++) cust.run(c, `C${c}`, c === 6 ? 0 : 1, T);
  const ord = s.prepare(
    `INSERT INTO orders (id, external_id, customer_id, store_id, placed_at, currency, total, source, synced_at) VALUES (?,?,?,?,?, 'GBP', 0, 'test', ?)`,
  );
  const line = s.prepare(
    `INSERT INTO order_lines (order_id, line_no, variant_id, sku, quantity, unit_price) VALUES (?,?,?,?,1,0)`,
  );
  let o = 0;
  const buy = (c: number, day: string, skus: [number, string][]) => {
    o++;
    ord.run(o, `O${o}`, c, 's1', `${day}T10:00:00Z`, T);
    skus.forEach(([vid, sku], k) => line.run(o, k + 1, vid, sku));
  };
  // customers 1-4 buy the pack with the bottle; customer 1 buys socks 3 times
  for (let c = 1; c <= 4; c++)
    buy(c, `2024-0${c}-10`, [
      [1, 'PACK-40'],
      [2, 'BOT-1'],
    ]);
  buy(1, '2024-05-02', [[3, 'SOCK-M']]);
  buy(1, '2024-06-02', [[3, 'SOCK-M']]);
  buy(1, '2024-12-20', [
    [3, 'SOCK-M'],
    [6, 'SHOE-42'],
  ]);
  buy(5, '2024-12-28', [
    [3, 'SOCK-M'],
    [2, 'BOT-1'],
  ]);
  buy(6, '2024-12-29', [[1, 'PACK-40']]);
  rec = new Recommender(trainFromDatabase(s, { now: new Date('2025-01-01T12:00:00Z') }), s);
});
afterAll(() => adb?.close());

describe('recommend() business rules and reasons', () => {
  it('goes-with: the bottle is suggested with the pack, with the true number of co-buyers', () => {
    const r = rec.recommend({ contextSkus: ['PACK-40'], storeId: 's1', k: 5 });
    const bottle = r.results.find((x) => x.sku === 'BOT-1');
    expect(bottle?.strategy).toBe('goes-with');
    // customers 1-4 bought both (customer 6 bought only the pack)
    expect(bottle?.reasons).toContain('bought with the Alpine 40 pack by 4 customers');
    expect(r.results.some((x) => x.sku === 'PACK-40')).toBe(false);
  });

  it('repurchase of a consumable states how often and when', () => {
    const r = rec.recommend({ customerId: 1, storeId: 's1', k: 10 });
    const socks = r.results.find((x) => x.productId === 3);
    expect(socks?.strategy).toBe('repurchase');
    expect(socks?.reasons[0]).toBe('bought this 3 times, last in December');
    // known size M with stock here
    expect(socks?.sku).toBe('SOCK-M');
  });

  it('never re-suggests durable items the customer owns', () => {
    const r = rec.recommend({ customerId: 1, storeId: 's1', k: 10 });
    for (const id of [1, 2, 5]) expect(r.results.some((x) => x.productId === id)).toBe(false);
  });

  it('leaves out discontinued products and items without stock here', () => {
    const r = rec.recommend({ storeId: 's1', k: 10, mode: 'best-sellers' });
    expect(r.results.some((x) => x.productId === 4)).toBe(false);
    expect(r.results.every((x) => x.inStockHere)).toBe(true);
    const none = rec.recommend({ storeId: 's2', k: 10, mode: 'best-sellers' });
    expect(none.results).toEqual([]);
  });

  it('honours the requested size and the budget', () => {
    const shoes = rec.recommend({
      contextSkus: ['GTX-42'],
      storeId: 's1',
      k: 5,
      mode: 'more-like-this',
      constraints: { size: '43' },
    });
    // the only other shoe comes in the requested size; unsized items (the bottle) are not size-filtered
    expect(shoes.results[0]!.sku).toBe('SHOE-43');
    expect(shoes.results.filter((x) => x.size !== null).every((x) => x.size === '43')).toBe(true);
    expect(shoes.results[0]!.reasons).toEqual(['similar to the Trail shoes GTX']);
    const cheap = rec.recommend({ storeId: 's1', k: 10, mode: 'best-sellers', constraints: { priceMax: 2000 } });
    expect(cheap.results.length).toBeGreaterThan(0);
    expect(cheap.results.every((x) => x.price <= 2000)).toBe(true);
  });

  it('does not personalise without consent and says so', () => {
    const r = rec.recommend({ customerId: 6, storeId: 's1', k: 5 });
    expect(r.personalised).toBe(false);
    expect(r.mode).toBe('best-sellers');
    expect(r.notes.join(' ')).toMatch(/no consent/);
    for (const x of r.results)
      expect(x.reasons).toContain('store pick: this customer has not agreed to personalised suggestions');
  });

  it('store best-seller reasons count real purchases in the last 30 days', () => {
    const r = rec.recommend({ storeId: 's1', k: 10, mode: 'best-sellers' });
    const socks = r.results.find((x) => x.productId === 3)!;
    // orders of 2024-12-20 and 2024-12-28 are within 30 days of 2025-01-01
    expect(socks.reasons[0]).toBe('popular in this store this month (2 purchases in the last 30 days)');
  });
});
