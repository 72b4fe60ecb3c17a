/**
 * A pull of many pages keeps the stored keys of one sync across its pages (sync/merge.ts StoredKeys)
 * instead of reading every table again per page. What a user must still get: the same data as one
 * page, writes made between two pages by anyone else respected, and a pull killed half-way resuming
 * to the same result with nothing lost or doubled.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type AisleDatabase } from '../../../src-main/db/open';
import { HqClient, readCursor, SHARED_PAGE_TRANSACTIONS, syncHq } from '../../../src-main/sync/hq';
import { startHqServer, type HqServer } from '../../support/hq-server';
import { count, tempDb } from '../../unit/sync/helpers';

const products = Array.from({ length: 12 }, (_, i) => ({ externalId: `P${i}`, title: `Product ${i}` }));
const variants = Array.from({ length: 36 }, (_, i) => ({
  sku: `S${i}`,
  productExternalId: `P${i % 12}`,
  price: 1000 + i,
  currency: 'GBP',
}));
const inventory = variants.map((v, i) => ({ sku: v.sku, storeId: 'leeds', storeName: 'Leeds', quantity: i % 7 }));
const customers = Array.from({ length: 60 }, (_, i) => ({
  externalId: `C${i}`,
  firstName: `Name${i}`,
  email: `c${i}@example.com`,
}));
const orders = Array.from({ length: 40 }, (_, i) => ({
  externalId: `O${i}`,
  customerExternalId: `C${(i * 7) % 60}`,
  storeId: 'leeds',
  placedAt: '2024-05-01T10:00:00Z',
  currency: 'GBP',
  total: 3000,
  lines: [
    { sku: `S${i % 36}`, quantity: 1, unitPrice: 1000 },
    { sku: `S${(i * 5) % 36}`, quantity: 2, unitPrice: 1000 },
  ],
}));
const TOTAL = products.length + variants.length + inventory.length + customers.length + orders.length;

/** every stored row of the pulled tables, without the clock columns */
function fingerprint(adb: AisleDatabase): string {
  return JSON.stringify(
    ['products', 'variants', 'inventory', 'stores', 'customers', 'orders', 'order_lines'].map((t) =>
      (adb.sqlite.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all() as Record<string, unknown>[]).map((r) =>
        Object.fromEntries(Object.entries(r).filter(([k]) => !k.endsWith('_at'))),
      ),
    ),
  );
}

let hq: HqServer;
const client = (o: Partial<ConstructorParameters<typeof HqClient>[0]> = {}) =>
  new HqClient({ baseUrl: hq.url, token: 'secret-token', backoffMs: 1, timeoutMs: 5000, ...o });
const onePage = async () => {
  const ref = tempDb();
  expect((await syncHq(ref.adb.sqlite, { name: 'hq', pageSize: 5000 }, client())).status).toBe('succeeded');
  return ref;
};

beforeEach(async () => {
  hq = await startHqServer({ data: { products, variants, inventory, customers, orders } });
});
afterEach(async () => hq.close());

describe('HQ pull over many pages', () => {
  it('gives the same catalog, stock, customers and orders as one page, and a second pull changes nothing', async () => {
    const ref = await onePage();
    const { adb } = tempDb();
    const r = await syncHq(adb.sqlite, { name: 'hq', pageSize: 4 }, client());
    expect(r).toMatchObject({ status: 'succeeded', inserted: TOTAL, updated: 0 });
    expect(r.pages).toBeGreaterThan(45);
    expect(fingerprint(adb)).toBe(fingerprint(ref.adb));
    expect(count(adb, 'SELECT count(*) FROM order_lines WHERE variant_id IS NULL')).toBe(0);
    expect(count(adb, 'SELECT count(*) FROM orders WHERE customer_id IS NULL')).toBe(0);
    expect(await syncHq(adb.sqlite, { name: 'hq', pageSize: 4 }, client())).toMatchObject({
      status: 'succeeded',
      inserted: 0,
      updated: 0,
    });
    expect(fingerprint(adb)).toBe(fingerprint(ref.adb));
  });

  for (const writer of ['another connection', 'the same connection'] as const) {
    it(`a customer written by ${writer} between two pages is updated to HQ's version, not inserted twice`, async () => {
      const ref = await onePage();
      const { adb, file } = tempDb();
      const other = writer === 'another connection' ? openDatabase({ file }) : adb;
      let wrote = false;
      // after the first customers page is applied (the second is being fetched), a local import stores C30
      const fetchBetweenPages: typeof fetch = async (input, init) => {
        if (!wrote && String(input).includes('/v1/customers') && String(input).includes('cursor=')) {
          wrote = true;
          other.sqlite
            .prepare(
              "INSERT INTO customers (external_id, first_name, email, source, content_hash, synced_at) VALUES ('C30', 'Local', 'local@example.com', 'file', 'x', '2024-01-01T00:00:00Z')",
            )
            .run();
        }
        return fetch(input, init);
      };
      const r = await syncHq(adb.sqlite, { name: 'hq', pageSize: 10 }, client({ fetch: fetchBetweenPages }));
      expect(wrote).toBe(true);
      expect(r.status).toBe('succeeded');
      expect(r.updated).toBe(1); // C30 took HQ's values
      expect(
        count(
          adb,
          "SELECT count(*) FROM customers WHERE external_id = 'C30' AND first_name = 'Name30' AND email = 'c30@example.com'",
        ),
      ).toBe(1);
      expect(count(adb, 'SELECT count(*) FROM customers')).toBe(customers.length);
      // (C30 got an earlier id than in one uninterrupted pull, so compare by keys, not the whole fingerprint)
      expect(
        count(
          adb,
          "SELECT count(*) FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.external_id = 'O30' AND c.external_id = 'C30'",
        ),
      ).toBe(1);
      expect(count(adb, 'SELECT count(*) FROM orders WHERE customer_id IS NULL')).toBe(0);
      expect(count(adb, 'SELECT count(*) FROM order_lines')).toBe(count(ref.adb, 'SELECT count(*) FROM order_lines'));
      if (other !== adb) other.close();
    });
  }

  it('lets the WAL grow only while it pulls: the connection checkpoints as before afterwards, also after a failed pull', async () => {
    const { adb } = tempDb();
    const before = adb.sqlite.pragma('wal_autocheckpoint', { simple: true });
    expect(await syncHq(adb.sqlite, { name: 'hq', pageSize: 10 }, client())).toMatchObject({ status: 'succeeded' });
    expect(adb.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(before);
    hq.faults.push({ kind: '401', entity: 'customers' });
    const { adb: other } = tempDb();
    expect(await syncHq(other.sqlite, { name: 'hq', pageSize: 10 }, client())).toMatchObject({ status: 'failed' });
    expect(other.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(before);
  });

  it('with pages sharing transactions, a bad page keeps the whole pages before it and the next pull resumes after them', async () => {
    const ref = await onePage();
    const { adb } = tempDb();
    let customerPages = 0;
    const badFourthCustomersPage: typeof fetch = async (input, init) => {
      if (String(input).includes('/v1/customers') && ++customerPages === 4)
        return new Response('{"items": [{"externalId": 7}], "nextCursor": "99"}', { status: 200 });
      return fetch(input, init);
    };
    const shared = { transactions: SHARED_PAGE_TRANSACTIONS };
    const failed = await syncHq(
      adb.sqlite,
      { name: 'hq', pageSize: 4 },
      client({ fetch: badFourthCustomersPage }),
      shared,
    );
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/malformed customers page .*item 0 field externalId/);
    // the three good customer pages were written with their cursor, and the report counts just those
    expect(count(adb, 'SELECT count(*) FROM customers')).toBe(12);
    expect(readCursor(adb.sqlite, 'hq', 'customers')).toBe('12');
    expect(failed.items.customers).toBe(12);
    const resumed = await syncHq(adb.sqlite, { name: 'hq', pageSize: 4 }, client(), shared);
    expect(resumed).toMatchObject({ status: 'succeeded', updated: 0 });
    expect(resumed.items.customers).toBe(customers.length - 12);
    expect(fingerprint(adb)).toBe(fingerprint(ref.adb));
  });

  it('with pages sharing transactions, a slow page does not hold the write lock while the laptop waits for it', async () => {
    const { adb, file } = tempDb();
    const other = openDatabase({ file });
    other.sqlite.pragma('busy_timeout = 0');
    let customerPages = 0;
    let otherWrite: 'written' | 'busy' | null = null;
    // the third customers page takes 400 ms; 250 ms in, another connection of the laptop takes the write lock
    const slowThirdPage: typeof fetch = async (input, init) => {
      if (String(input).includes('/v1/customers') && ++customerPages === 3) {
        await new Promise((r) => setTimeout(r, 250));
        try {
          other.sqlite.exec('BEGIN IMMEDIATE; COMMIT');
          otherWrite = 'written';
        } catch {
          otherWrite = 'busy';
        }
        await new Promise((r) => setTimeout(r, 150));
      }
      return fetch(input, init);
    };
    const r = await syncHq(adb.sqlite, { name: 'hq', pageSize: 4 }, client({ fetch: slowThirdPage }), {
      transactions: SHARED_PAGE_TRANSACTIONS,
    });
    expect(r.status).toBe('succeeded');
    expect(otherWrite).toBe('written');
    other.close();
  });

  it('a pull killed half-way through resumes from its cursor to the same result, nothing lost or doubled', async () => {
    const ref = await onePage();
    const { adb, file } = tempDb();
    adb.close();
    // orders stall, so the child cannot finish before the kill lands somewhere in the customers pages
    hq.faults.push({ kind: 'slow', entity: 'orders', delayMs: 30_000 });
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.resolve('tests/support/run-hq-sync-child.ts'), file, hq.url, '3'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (/^customers (2[4-9]|[3-9]\d)$/m.test(out)) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', () => reject(new Error(`child ended before the kill: ${out}`)));
    });
    await new Promise((r) => child.on('exit', r));
    expect(out).not.toContain('finished');

    const after = openDatabase({ file });
    expect(after.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    const kept = count(after, 'SELECT count(*) FROM customers');
    expect(kept).toBeGreaterThanOrEqual(24);
    expect(kept).toBeLessThan(customers.length);
    expect(readCursor(after.sqlite, 'hq', 'customers')).toBe(String(kept)); // rows and cursor committed together
    const committed = ['products', 'variants', 'inventory', 'customers', 'orders'].reduce(
      (n, t) => n + count(after, `SELECT count(*) FROM ${t}`),
      0,
    );

    hq.faults.length = 0;
    hq.requests.length = 0;
    const resumed = await syncHq(after.sqlite, { name: 'hq', pageSize: 3 }, client());
    expect(resumed.status).toBe('succeeded');
    expect(hq.requests).toContain(`GET /v1/customers?limit=3&cursor=${kept}`);
    expect(resumed.inserted).toBe(TOTAL - committed);
    expect(fingerprint(after)).toBe(fingerprint(ref.adb));
    after.close();
  }, 60_000);
});
