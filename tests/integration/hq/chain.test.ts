/**
 * One HQ on a real PostgreSQL (its own database, dropped at the end) and two laptops in two
 * stores, each a real data dir syncing through the laptop's own HQ client and outbox.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsultationLog } from '../../../src-main/consultations/log';
import { CustomerService } from '../../../src-main/customers/service';
import { addDevice, revokeDevice } from '../../../src-main/hq/devices';
import { importAtHq } from '../../../src-main/hq/import';
import { startHqService, type RunningHqServer } from '../../../src-main/hq/server';
import { createTestHqDatabase, type TestHqDatabase } from '../../support/hq-postgres';
import {
  laptop,
  writeShopifyCustomers,
  writeShopifyInventory,
  writeShopifyProducts,
  type Laptop,
  type ProductSpec,
} from '../../support/hq-chain';
import { tempDir } from '../../support/runtime';

const PRODUCTS: ProductSpec[] = [
  {
    handle: 'storm-shell',
    title: 'Storm Shell Jacket',
    sizes: [
      { sku: 'SS-S', size: 'S', price: '150.00' },
      { sku: 'SS-M', size: 'M', price: '150.00' },
      { sku: 'SS-L', size: 'L', price: '155.00' },
    ],
  },
  {
    handle: 'trail-fleece',
    title: 'Trail Fleece',
    sizes: [
      { sku: 'TF-M', size: 'M', price: '60.00' },
      { sku: 'TF-L', size: 'L', price: '60.00' },
    ],
  },
  { handle: 'summit-boot', title: 'Summit Boot', sizes: [{ sku: 'SB-42', size: '42', price: '129.00' }] },
];
const SKUS = PRODUCTS.flatMap((p) => p.sizes.map((s) => ({ handle: p.handle, sku: s.sku })));
const stock = (leedsQty: (sku: string) => number) => [
  ...SKUS.map((s) => ({ ...s, location: 'Leeds', available: leedsQty(s.sku) })),
  ...SKUS.map((s) => ({ ...s, location: 'York', available: 3 })),
];

let pg: TestHqDatabase;
let hq: RunningHqServer;
let files: string;
let a: Laptop;
let b: Laptop;
let tokenA: string;
let tokenB: string;
const hqUrl = () => hq.url;

beforeAll(async () => {
  pg = await createTestHqDatabase();
  hq = await startHqService(pg.hdb);
  files = tempDir('aisle-hq-files-');
  for (const [format, file] of [
    ['shopify-products', writeShopifyProducts(files, PRODUCTS)],
    [
      'shopify-inventory',
      writeShopifyInventory(
        files,
        stock(() => 5),
      ),
    ],
    [
      'shopify-customers',
      writeShopifyCustomers(files, [
        { id: '9001', first: 'Ayumu', last: 'Tanaka', email: 'ayumu@example.com' },
        { id: '9002', first: 'Bea', last: 'Lowe', email: 'bea@example.com' },
      ]),
    ],
  ] as const) {
    const r = await importAtHq(pg.hdb, { format, file });
    expect(r, `${format}: ${r.error}`).toMatchObject({ status: 'succeeded', exitCode: 0 });
  }
  tokenA = (await addDevice(pg.hdb, { storeId: 'leeds', name: 'Leeds till 1' })).token;
  tokenB = (await addDevice(pg.hdb, { storeId: 'york', name: 'York till 1' })).token;
  a = laptop({ storeId: 'leeds', hqUrl, token: tokenA, pageSize: 2 });
  b = laptop({ storeId: 'york', hqUrl, token: tokenB, pageSize: 2 });
});

afterAll(async () => {
  a?.close();
  b?.close();
  await hq?.close();
  await pg?.drop();
});

describe('HQ on PostgreSQL with two laptops', () => {
  it('an import at HQ reaches both laptops: the chain catalog, each its own store’s stock, the customers', async () => {
    const ra = await a.sync();
    const rb = await b.sync();
    expect(ra.status).toBe('succeeded');
    expect(rb.status).toBe('succeeded');
    expect(ra.report.items).toEqual({ products: 3, variants: 6, inventory: 6, customers: 2, orders: 0 });
    for (const l of [a, b]) {
      expect(l.count('SELECT count(*) FROM products')).toBe(3);
      expect(l.count('SELECT count(*) FROM variants')).toBe(6);
      expect(l.count('SELECT count(*) FROM customers')).toBe(2);
    }
    expect(a.count("SELECT price FROM variants WHERE sku = 'SS-L'")).toBe(15500);
    expect(a.count("SELECT count(*) FROM inventory i JOIN stores s ON s.id = i.store_id WHERE s.id = 'leeds'")).toBe(6);
    expect(a.count("SELECT count(*) FROM inventory WHERE store_id = 'york'")).toBe(0);
    expect(b.count("SELECT count(*) FROM inventory WHERE store_id = 'york'")).toBe(6);
  });

  it('a price and a stock change at HQ reach the laptops in the next pull as exactly those rows', async () => {
    const changed = PRODUCTS.map((p) =>
      p.handle === 'trail-fleece'
        ? { ...p, sizes: p.sizes.map((s) => (s.sku === 'TF-M' ? { ...s, price: '49.00' } : s)) }
        : p,
    );
    const price = await importAtHq(pg.hdb, {
      format: 'shopify-products',
      file: writeShopifyProducts(files, changed, 'products-2.csv'),
    });
    expect(price.byEntity.variants).toEqual({ inserted: 0, updated: 1, unchanged: 5 });
    const qty = await importAtHq(pg.hdb, {
      format: 'shopify-inventory',
      file: writeShopifyInventory(
        files,
        stock((sku) => (sku === 'SB-42' ? 0 : 5)),
        'inventory-2.csv',
      ),
    });
    expect(qty.byEntity.inventory).toEqual({ inserted: 0, updated: 1, unchanged: 11 });

    const ra = await a.sync();
    expect(ra.report.items).toEqual({ products: 0, variants: 1, inventory: 1, customers: 0, orders: 0 });
    expect(ra.report).toMatchObject({ inserted: 0, updated: 2 });
    expect(a.count("SELECT price FROM variants WHERE sku = 'TF-M'")).toBe(4900);
    expect(
      a.count(
        "SELECT i.quantity FROM inventory i JOIN variants v ON v.id = i.variant_id WHERE v.sku = 'SB-42' AND i.store_id = 'leeds'",
      ),
    ).toBe(0);
    // York's stock did not change: its laptop gets the price only
    const rb = await b.sync();
    expect(rb.report.items).toEqual({ products: 0, variants: 1, inventory: 0, customers: 0, orders: 0 });
    expect(
      b.count("SELECT i.quantity FROM inventory i JOIN variants v ON v.id = i.variant_id WHERE v.sku = 'SB-42'"),
    ).toBe(3);
  });

  it('a consultation on laptop A and a customer note on laptop B are both at HQ, and the note is on A after its next pull', async () => {
    const log = new ConsultationLog(a.rt.adb.sqlite, { upstream: true });
    const started = log.start({ storeId: 'leeds', associateId: 'ana', customerId: null, customerContext: null });
    log.end(started.id, { outcome: 'purchased', bought: [{ sku: 'SS-M', quantity: 1 }], satisfaction: 5, notes: null });
    const bea = b.count("SELECT id FROM customers WHERE external_id = '9002'");
    new CustomerService(b.rt).addNote(bea, 'Prefers a relaxed fit; returning for boots in May', 'sam');

    expect((await a.sync()).status).toBe('succeeded');
    expect((await b.sync()).status).toBe('succeeded');
    const stored = await pg.hdb.pool.query(`SELECT kind, store_id, payload FROM events ORDER BY id`);
    expect(stored.rows.map((r) => [r.kind, r.store_id])).toEqual([
      ['consultation', 'leeds'],
      ['customer.note', 'york'],
    ]);
    expect(stored.rows[0].payload.consultation).toMatchObject({
      id: started.id,
      outcome: 'purchased',
      basketValue: 15000,
    });
    expect(a.count('SELECT count(*) FROM outbox WHERE sent_at IS NULL')).toBe(0);

    const ra = await a.sync();
    expect(ra.report.items.customers).toBe(1);
    const note = a.rt.adb.sqlite
      .prepare("SELECT note FROM customers WHERE external_id = '9002'")
      .pluck()
      .get() as string;
    expect(note).toContain('Prefers a relaxed fit; returning for boots in May — sam');
    // laptop B has its own note once, not a second copy from HQ
    await b.sync();
    expect(b.rt.adb.sqlite.prepare("SELECT note FROM customers WHERE external_id = '9002'").pluck().get()).toBeNull();
  });

  it('a size confirmed on laptop B reaches A’s customer profile; per field the latest confirmation wins on every laptop', async () => {
    const onA = new CustomerService(a.rt);
    const onB = new CustomerService(b.rt);
    const ayumuA = a.count("SELECT id FROM customers WHERE external_id = '9001'");
    const ayumuB = b.count("SELECT id FROM customers WHERE external_id = '9001'");
    const sizeOn = (l: Laptop, id: number) =>
      l.rt.adb.sqlite
        .prepare(
          "SELECT value FROM customer_preferences WHERE customer_id = ? AND kind = 'size' AND scope = 'tops' AND origin = 'confirmed'",
        )
        .pluck()
        .get(id);

    onB.confirmPreference({ customerId: ayumuB, kind: 'size', scope: 'tops', value: 'M' }, 'sam');
    expect((await b.sync()).status).toBe('succeeded');
    const ra = await a.sync();
    expect(ra.report).toMatchObject({ preferencesApplied: 1 });
    expect(sizeOn(a, ayumuA)).toBe('M');
    expect(onA.profile(ayumuA).preferences).toContainEqual(
      expect.objectContaining({ kind: 'size', scope: 'tops', value: 'M', origin: 'confirmed' }),
    );
    // B gets its own confirmation back: same time, nothing to apply
    expect((await b.sync()).report.preferencesApplied).toBe(0);

    // A confirms L later; before A pushes, its pull brings B's older M — A keeps its newer L
    await new Promise((r) => setTimeout(r, 5));
    onA.confirmPreference({ customerId: ayumuA, kind: 'size', scope: 'tops', value: 'L' }, 'ana');
    expect((await a.sync()).report.preferencesApplied).toBe(0);
    expect(sizeOn(a, ayumuA)).toBe('L');
    expect((await b.sync()).report.preferencesApplied).toBe(1);
    expect(sizeOn(b, ayumuB)).toBe('L');
  });

  it('the same event sent twice is stored once', async () => {
    const send = () =>
      fetch(`${hq.url}/v1/events`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${tokenA}`,
          'content-type': 'application/json',
          'idempotency-key': 'c-twice',
        },
        body: JSON.stringify({
          kind: 'consultation',
          idempotencyKey: 'c-twice',
          createdAt: '2026-03-01T10:00:00Z',
          payload: { storeId: 'leeds', consultation: { id: 'c-twice', outcome: 'no_purchase' } },
        }),
      });
    const first = await send();
    const second = await send();
    expect([first.status, second.status]).toEqual([201, 200]);
    expect(await second.json()).toMatchObject({ stored: false, duplicate: true });
    expect(
      Number((await pg.hdb.pool.query("SELECT count(*) FROM events WHERE idempotency_key = 'c-twice'")).rows[0].count),
    ).toBe(1);
  });

  it('a token of store X cannot push for store Y nor read manager endpoints; a revoked token gets 401', async () => {
    const push = await fetch(`${hq.url}/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokenA}`, 'content-type': 'application/json', 'idempotency-key': 'c-york' },
      body: JSON.stringify({
        kind: 'consultation',
        idempotencyKey: 'c-york',
        createdAt: '2026-03-01T10:00:00Z',
        payload: { storeId: 'york', consultation: { id: 'c-york' } },
      }),
    });
    expect(push.status).toBe(403);
    expect(((await push.json()) as { error: string }).error).toMatch(
      /enrolled for store "leeds".*cannot push events for store "york"/,
    );
    expect(
      Number((await pg.hdb.pool.query("SELECT count(*) FROM events WHERE idempotency_key = 'c-york'")).rows[0].count),
    ).toBe(0);

    const kpis = await fetch(`${hq.url}/v1/manager/kpis`, { headers: { authorization: `Bearer ${tokenA}` } });
    expect(kpis.status).toBe(403);

    const spare = await addDevice(pg.hdb, { storeId: 'leeds', name: 'Leeds spare' });
    const ok = await fetch(`${hq.url}/v1/products?limit=1`, { headers: { authorization: `Bearer ${spare.token}` } });
    expect(ok.status).toBe(200);
    await revokeDevice(pg.hdb, spare.device);
    const revoked = await fetch(`${hq.url}/v1/products?limit=1`, {
      headers: { authorization: `Bearer ${spare.token}` },
    });
    expect(revoked.status).toBe(401);
    const l = laptop({ storeId: 'leeds', hqUrl, token: spare.token });
    const r = await l.sync();
    expect(r.status).toBe('failed');
    expect(r.error).toMatch(/refused the token \(401/);
    l.close();
  });
});
