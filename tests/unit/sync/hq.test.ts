/** The HQ connector against a loopback server that misbehaves on purpose. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HqClient, readCursor, syncHq } from '../../../src-main/sync/hq';
import { enqueueOutbox, outboxStatus, sendOutbox } from '../../../src-main/sync/outbox';
import { startHqServer, type HqServer } from '../../support/hq-server';
import { count, tempDb } from './helpers';

const products = Array.from({ length: 5 }, (_, i) => ({
  externalId: `P${i}`,
  title: `Product ${i}`,
  descriptionHtml: `<p>Nice <b>${i}</b></p>`,
}));
const variants = Array.from({ length: 7 }, (_, i) => ({
  sku: `S${i}`,
  productExternalId: `P${i % 5}`,
  price: 1000 + i,
  currency: 'GBP',
  gtin: `000${i}`,
}));
const inventory = variants.map((v, i) => ({ sku: v.sku, storeId: 'leeds', storeName: 'Leeds', quantity: i }));
const customers = [{ externalId: 'C1', firstName: 'Ayumu', email: 'a@example.com' }];
const orders = [
  {
    externalId: 'O1',
    customerExternalId: 'C1',
    placedAt: '2024-05-01T10:00:00Z',
    currency: 'GBP',
    total: 2001,
    lines: [
      { sku: 'S1', quantity: 1, unitPrice: 1001 },
      { sku: 'S3', quantity: 1, unitPrice: 1000 },
    ],
  },
];

let hq: HqServer;
let db: ReturnType<typeof tempDb>;
const sleeps: number[] = [];
const client = (o: Partial<ConstructorParameters<typeof HqClient>[0]> = {}) =>
  new HqClient({
    baseUrl: hq.url,
    token: 'secret-token',
    backoffMs: 1,
    timeoutMs: 300,
    sleep: async (ms) => void sleeps.push(ms),
    ...o,
  });
const source = { name: 'hq', pageSize: 2 };

beforeEach(async () => {
  hq = await startHqServer({ data: { products, variants, inventory, customers, orders } });
  db = tempDb();
  sleeps.length = 0;
});
afterEach(async () => hq.close());

function expectAllData() {
  expect(count(db.adb, 'SELECT count(*) FROM products')).toBe(5);
  expect(count(db.adb, 'SELECT count(*) FROM variants')).toBe(7);
  expect(count(db.adb, 'SELECT count(*) FROM inventory')).toBe(7);
  expect(count(db.adb, 'SELECT count(*) FROM order_lines WHERE variant_id IS NOT NULL')).toBe(2);
}

describe('HQ pull', () => {
  it('pulls every entity page by page, keeps cursors, and a second sync changes nothing', async () => {
    const r = await syncHq(db.adb.sqlite, source, client());
    expect(r).toMatchObject({
      status: 'succeeded',
      items: { products: 5, variants: 7, inventory: 7, customers: 1, orders: 1 },
    });
    expectAllData();
    expect(db.adb.sqlite.prepare("SELECT gtin FROM variants WHERE sku='S0'").pluck().get()).toBe('0000');
    expect(db.adb.sqlite.prepare("SELECT description_text FROM products WHERE external_id='P1'").pluck().get()).toBe(
      'Nice 1',
    );
    expect(readCursor(db.adb.sqlite, 'hq', 'variants')).toBe('6');
    const again = await syncHq(db.adb.sqlite, source, client());
    expect(again).toMatchObject({ status: 'succeeded', inserted: 0, updated: 0 });
  });

  it('retries 500s, slow responses and truncated JSON with backoff; nothing half-applied', async () => {
    hq.faults.push(
      { kind: '500', entity: 'products' },
      { kind: 'slow', entity: 'variants', delayMs: 600 },
      { kind: 'truncated', entity: 'orders' },
    );
    const r = await syncHq(db.adb.sqlite, source, client());
    expect(r.status).toBe('succeeded');
    expect(r.retries).toBe(3);
    expect(r.warnings.join('\n')).toMatch(/HTTP 500[\s\S]*timed out[\s\S]*truncated or invalid JSON/);
    expect(sleeps.slice(0, 3)).toEqual([1, 1, 1]);
    expectAllData();
  });

  it('gives up after the retry budget with a clear error, keeping committed pages; the next run resumes', async () => {
    hq.faults.push(...Array.from({ length: 5 }, () => ({ kind: '500' as const, entity: 'variants' })));
    const first = await syncHq(db.adb.sqlite, source, client({ maxRetries: 4 }));
    expect(first.status).toBe('failed');
    expect(first.error).toMatch(/HQ unavailable: GET \/v1\/variants.* failed 5 times/);
    expect(sleeps).toEqual([1, 2, 4, 8]);
    expect(count(db.adb, 'SELECT count(*) FROM products')).toBe(5);
    expect(count(db.adb, 'SELECT count(*) FROM variants')).toBe(0);
    hq.requests.length = 0;
    const second = await syncHq(db.adb.sqlite, source, client());
    expect(second.status).toBe('succeeded');
    expect(hq.requests[0]).toBe('GET /v1/products?limit=2&cursor=4'); // resumed from the stored cursor
    expectAllData();
  });

  it('a malformed page is rejected without being applied and the cursor does not move', async () => {
    await syncHq(db.adb.sqlite, source, client());
    const before = readCursor(db.adb.sqlite, 'hq', 'customers');
    hq.faults.push({ kind: 'malformed', entity: 'customers' });
    const r = await syncHq(db.adb.sqlite, source, client());
    expect(r.status).toBe('failed');
    expect(r.error).toMatch(/malformed customers page .*externalId.*nothing from it was applied/);
    expect(readCursor(db.adb.sqlite, 'hq', 'customers')).toBe(before);
    expect(count(db.adb, 'SELECT count(*) FROM customers')).toBe(1);
  });

  it('a duplicated page is asked again and nothing is doubled', async () => {
    hq.faults.push({ kind: 'duplicate', entity: 'variants' });
    const r = await syncHq(db.adb.sqlite, source, client());
    expect(r.status).toBe('succeeded');
    expect(r.warnings.join()).toMatch(/duplicated page/);
    expect(hq.requests.filter((q) => q === 'GET /v1/variants?limit=2&cursor=2')).toHaveLength(2);
    expectAllData();
  });

  it('token expiry (401) stops at once with a clear message', async () => {
    hq.faults.push({ kind: '401', entity: 'inventory' });
    const r = await syncHq(db.adb.sqlite, source, client());
    expect(r.status).toBe('failed');
    expect(r.error).toMatch(/refused the token \(401.*expired/);
    expect(r.retries).toBe(0);
    expect(db.adb.sqlite.prepare('SELECT error FROM sync_runs ORDER BY id DESC').pluck().get()).toMatch(/401/);
  });

  it('429 waits as long as Retry-After says', async () => {
    hq.faults.push({ kind: '429', entity: 'products', retryAfter: 2 });
    const r = await syncHq(db.adb.sqlite, source, client());
    expect(r.status).toBe('succeeded');
    expect(sleeps[0]).toBe(2000);
  });
});

describe('outbox', () => {
  it('nothing is lost offline; sent once with the idempotency key when HQ is back', async () => {
    expect(
      enqueueOutbox(db.adb, { kind: 'consultation', idempotencyKey: 'c-1', payload: { outcome: 'purchased' } }),
    ).toBe(true);
    expect(
      enqueueOutbox(db.adb, { kind: 'consultation', idempotencyKey: 'c-1', payload: { outcome: 'purchased' } }),
    ).toBe(false);
    enqueueOutbox(db.adb, { kind: 'customer-note', idempotencyKey: 'n-1', payload: { body: 'prefers navy' } });
    const url = hq.url;
    await hq.close();
    let now = new Date('2024-01-01T00:00:00Z');
    const offline = await sendOutbox(
      db.adb.sqlite,
      new HqClient({ baseUrl: url, token: 'secret-token', maxRetries: 0, timeoutMs: 200 }),
      { now: () => now },
    );
    expect(offline).toMatchObject({ sent: 0, failed: 1 });
    expect(outboxStatus(db.adb.sqlite)).toMatchObject({ pending: 2, sent: 0, failing: 1 });
    expect(outboxStatus(db.adb.sqlite).lastError).toMatch(/network error/);
    hq = await startHqServer();
    const c = client();
    const early = await sendOutbox(db.adb.sqlite, c, { now: () => now });
    expect(early.sent).toBe(1); // n-1 was never tried; c-1 is backing off for 30 s
    now = new Date(now.getTime() + 31_000);
    const later = await sendOutbox(db.adb.sqlite, c, { now: () => now });
    expect(later.sent).toBe(1);
    expect(outboxStatus(db.adb.sqlite)).toMatchObject({ pending: 0, sent: 2 });
    expect([...hq.events.keys()].sort()).toEqual(['c-1', 'n-1']);
    expect(hq.events.get('c-1')).toMatchObject({ kind: 'consultation', payload: { outcome: 'purchased' } });
  });
});
