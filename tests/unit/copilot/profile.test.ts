/** The customer profile: derived from orders with evidence, confirmed rows win, consent respected. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRuntime } from '../../support/runtime';
import { loadCatalogFixture } from '../../support/catalog-fixture';
import { loadCustomerProfile, pseudonymousProfile } from '../../../src-main/customers/profile';
import type { AppRuntime } from '../../../src-main/app/runtime';

let rt: AppRuntime;
let customer: number;
beforeAll(() => {
  rt = testRuntime();
  loadCatalogFixture(rt);
  const s = rt.adb.sqlite;
  customer = Number(
    s
      .prepare(
        `INSERT INTO customers (external_id, first_name, email, note, source, synced_at) VALUES ('c1', 'Ada', 'ada@example.com', 'private note', 't', 'x')`,
      )
      .run().lastInsertRowid,
  );
  const buy = (sku: string, at: string, n: number) => {
    const oid = s
      .prepare(
        `INSERT INTO orders (external_id, customer_id, placed_at, currency, total, source, synced_at) VALUES (?, ?, ?, 'GBP', 0, 't', 'x')`,
      )
      .run(`o${n}`, customer, at).lastInsertRowid;
    const v = s.prepare('SELECT id, price FROM variants WHERE sku = ?').get(sku) as { id: number; price: number };
    s.prepare(
      `INSERT INTO order_lines (order_id, line_no, variant_id, sku, quantity, unit_price) VALUES (?, 1, ?, ?, 1, ?)`,
    ).run(oid, v.id, sku, v.price);
  };
  buy('JKT1-NAVY-M', '2026-01-10T10:00:00Z', 1);
  buy('JKT1-RED-M', '2026-02-10T10:00:00Z', 2);
  buy('JKT2-BLK-L', '2026-03-10T10:00:00Z', 3);
  buy('BOOT1-BRN-6', '2026-03-12T10:00:00Z', 4);
});
afterAll(() => rt.close());

describe('customer profile', () => {
  it('derives sizes per domain with evidence', () => {
    const p = loadCustomerProfile(rt.adb.sqlite, customer)!;
    expect(p.sizes.tops).toMatchObject({ value: 'M', evidence: 'M in 2 of 3 tops', origin: 'derived' });
    expect(p.sizes.shoes).toMatchObject({ value: 'UK 6' });
    expect(p.brands[0]).toMatchObject({ value: 'Cairn', evidence: 'Cairn in 3 of 4 items' });
  });

  it('a confirmed preference beats the derived one', () => {
    rt.adb.sqlite
      .prepare(
        `INSERT INTO customer_preferences (customer_id, kind, scope, value, origin, confirmed_by) VALUES (?, 'size', 'tops', 'L', 'confirmed', 'a1')`,
      )
      .run(customer);
    const p = loadCustomerProfile(rt.adb.sqlite, customer)!;
    expect(p.sizes.tops).toMatchObject({ value: 'L', origin: 'confirmed' });
    rt.adb.sqlite.prepare(`DELETE FROM customer_preferences WHERE customer_id = ?`).run(customer);
  });

  it('the pseudonymous form carries no identity, contact or note', () => {
    const text = JSON.stringify(pseudonymousProfile(loadCustomerProfile(rt.adb.sqlite, customer)!, 'cust-x'));
    for (const s of ['Ada', 'ada@example.com', 'private note', 'c1']) expect(text).not.toContain(s);
    expect(text).toContain('"tops"');
  });

  it('withheld consent: nothing is derived', () => {
    rt.adb.sqlite.prepare('UPDATE customers SET consent_personalization = 0 WHERE id = ?').run(customer);
    const p = loadCustomerProfile(rt.adb.sqlite, customer)!;
    expect(p.consent).toBe(false);
    expect(p.sizes).toEqual({});
    expect(p.purchases).toEqual([]);
    rt.adb.sqlite.prepare('UPDATE customers SET consent_personalization = 1 WHERE id = ?').run(customer);
  });
});
