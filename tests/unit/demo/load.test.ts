import { describe, it, expect, afterEach } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type AisleDatabase } from '../../../src-main/db/open';
import { isDatabaseEmpty, loadDemoStore } from '../../../src-main/demo/load';
import { isAppError } from '../../../src-main/contract/errors';
import { runCli } from '../../../src-main/cli/main';

const anchor = new Date('2025-03-10T00:00:00Z');
const open: AisleDatabase[] = [];

function freshDb(): AisleDatabase {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aisle-demo-'));
  const adb = openDatabase({ file: path.join(dir, 'aisle.db') });
  open.push(adb);
  return adb;
}

afterEach(() => {
  while (open.length) open.pop()!.close();
});

const count = (adb: AisleDatabase, table: string) =>
  (adb.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

function insertRetailerProduct(adb: AisleDatabase): void {
  adb.sqlite
    .prepare(
      "INSERT INTO products (external_id, title, source, synced_at) VALUES ('real-1', 'Real Jacket', 'shopify', '2025-01-01T00:00:00Z')",
    )
    .run();
}

describe('loading the demo store', () => {
  it('fills an empty database that the catalog search can use straight away', () => {
    const adb = freshDb();
    expect(isDatabaseEmpty(adb)).toBe(true);
    const summary = loadDemoStore(adb, { anchor });
    expect(isDatabaseEmpty(adb)).toBe(false);
    expect(count(adb, 'stores')).toBe(3);
    expect(count(adb, 'products')).toBe(summary.products);
    expect(count(adb, 'variants')).toBe(summary.variants);
    expect(count(adb, 'inventory')).toBe(summary.inventoryRows);
    expect(count(adb, 'customers')).toBe(summary.customers);
    expect(count(adb, 'orders')).toBe(summary.orders);
    expect(count(adb, 'order_lines')).toBe(summary.orderLines);
    expect(count(adb, 'consultations')).toBe(summary.consultations);
    expect(count(adb, 'associates')).toBe(summary.associates);
    expect(summary.products).toBeGreaterThanOrEqual(300);
    expect(count(adb, 'consultation_suggestions')).toBeGreaterThan(summary.consultations);

    const hits = adb.sqlite
      .prepare(
        "SELECT p.title, p.category FROM product_fts f JOIN products p ON p.id = f.rowid WHERE product_fts MATCH 'waterproof jacket' LIMIT 50",
      )
      .all() as { title: string; category: string }[];
    expect(hits.length).toBeGreaterThan(5);
    expect(hits.some((h) => h.category === 'Waterproof Jackets')).toBe(true);
    const ladies = adb.sqlite
      .prepare("SELECT count(*) AS n FROM product_fts WHERE product_fts MATCH 'ladies boots'")
      .get() as { n: number };
    expect(ladies.n).toBeGreaterThan(0);

    // every order line and grounded suggestion points at a real variant
    expect(count(adb, 'order_lines WHERE variant_id IS NULL')).toBe(0);
    expect(count(adb, 'consultation_suggestions WHERE grounded = 1 AND variant_id IS NULL')).toBe(0);
    expect(count(adb, 'consultation_suggestions WHERE message_id IS NULL')).toBe(0);
    const paid = adb.sqlite
      .prepare(
        'SELECT sum(o.total) AS orders, (SELECT sum(quantity * unit_price) FROM order_lines) AS lines FROM orders o',
      )
      .get() as { orders: number; lines: number };
    expect(paid.orders).toBe(paid.lines);
  });

  it('reloads by replacing the earlier demo data, never duplicating it', () => {
    const adb = freshDb();
    const first = loadDemoStore(adb, { anchor });
    const customerNote = adb.sqlite.prepare('SELECT id FROM customers LIMIT 1').get() as { id: number };
    adb.sqlite.prepare("INSERT INTO customer_notes (customer_id, body) VALUES (?, 'demo note')").run(customerNote.id);
    const second = loadDemoStore(adb, { anchor, seed: 42 });
    expect(second.products).toBe(first.products);
    expect(count(adb, 'products')).toBe(first.products);
    expect(count(adb, 'variants')).toBe(first.variants);
    expect(count(adb, 'orders')).toBe(first.orders);
    expect(count(adb, 'consultations')).toBe(first.consultations);
    expect(count(adb, 'consultation_messages')).toBe(
      (
        adb.sqlite
          .prepare(
            'SELECT count(*) AS n FROM consultation_messages WHERE consultation_id IN (SELECT id FROM consultations)',
          )
          .get() as { n: number }
      ).n,
    );
    expect(count(adb, 'stores')).toBe(3);
    expect(count(adb, 'associates')).toBe(first.associates);
  });

  it('refuses to load over a retailer’s catalog and leaves it exactly as it was', () => {
    const adb = freshDb();
    insertRetailerProduct(adb);
    let error: unknown;
    try {
      loadDemoStore(adb, { anchor });
    } catch (e) {
      error = e;
    }
    expect(isAppError(error) && error.code === 'CONFLICT').toBe(true);
    expect((error as Error).message).toMatch(/1 products/);
    expect(count(adb, 'products')).toBe(1);
    expect((adb.sqlite.prepare('SELECT title FROM products').get() as { title: string }).title).toBe('Real Jacket');
    expect(count(adb, 'variants') + count(adb, 'customers') + count(adb, 'orders') + count(adb, 'consultations')).toBe(
      0,
    );
    expect(isDatabaseEmpty(adb)).toBe(false);
  });

  it('refuses to reload once associates have recorded real consultations', () => {
    const adb = freshDb();
    const first = loadDemoStore(adb, { anchor });
    adb.sqlite
      .prepare(
        "INSERT INTO consultations (id, store_id, associate_id, started_at) VALUES ('0b6f0c1e-real', 'S1', 's1-ava', '2025-03-09T10:00:00Z')",
      )
      .run();
    expect(() => loadDemoStore(adb, { anchor })).toThrow(/consultations recorded/);
    expect(count(adb, 'consultations')).toBe(first.consultations + 1);
    expect(count(adb, 'products')).toBe(first.products);
  });

  it('`aisle demo --json` loads the --data-dir database and reports the counts; exit 2 over real data', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aisle-demo-cli-'));
    let out = '';
    let err = '';
    const streams = { stdout: (s: string) => void (out += s), stderr: (s: string) => void (err += s) };
    const code = await runCli(['--data-dir', dir, '--json', 'demo', '--seed', '3'], streams);
    expect(code, err).toBe(0);
    const doc = JSON.parse(out);
    for (const k of [
      'stores',
      'products',
      'variants',
      'inventoryRows',
      'customers',
      'orders',
      'orderLines',
      'associates',
      'consultations',
      'seconds',
    ]) {
      expect(typeof doc[k], k).toBe('number');
    }
    expect(doc.stores).toBe(3);
    expect(doc.products).toBeGreaterThanOrEqual(300);

    const adb = openDatabase({ file: path.join(dir, 'aisle.db') });
    open.push(adb);
    expect(count(adb, 'products')).toBe(doc.products);
    insertRetailerProduct(adb);
    out = '';
    err = '';
    const refused = await runCli(['--data-dir', dir, 'demo'], streams);
    expect(refused).toBe(2);
    expect(err).toMatch(/real data/);
    expect(count(adb, "products WHERE source = 'shopify'")).toBe(1);
  });
});
