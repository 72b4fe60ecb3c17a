/**
 * Privacy on a shared screen: with nobody signed in, the customer calls answer in look-up mode — no
 * email, phone, spend or notes leave main — and a signed-in associate gets the full profile.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, callOrThrow, type Actor, type CallContext } from '../../../src-main/app/dispatch';
import { createHandlers, createServices } from '../../../src-main/app/services';
import { EventBus } from '../../../src-main/app/events';
import { loadDemoStore } from '../../../src-main/demo/load';
import type { AppRuntime } from '../../../src-main/app/runtime';
import { testRuntime } from '../../support/runtime';

let rt: AppRuntime;
let dispatch: ReturnType<typeof createDispatcher>;
let customer: { id: number; email: string; phone: string; first: string };

const ctx = (actor: Actor | null): CallContext => ({ actor, transport: 'test', events: new EventBus() });
const associate: Actor = { associateId: 's1-priya', name: 'Priya', role: 'associate' };

beforeAll(() => {
  rt = testRuntime({ storeId: 'S1' });
  loadDemoStore(rt.adb, { anchor: new Date('2026-11-25T00:00:00Z') });
  dispatch = createDispatcher(createHandlers(createServices(rt)), { validateOutput: true });
  customer = rt.adb.sqlite
    .prepare(
      `SELECT c.id, c.email, c.phone, c.first_name AS first FROM customers c
              WHERE c.email IS NOT NULL AND c.phone IS NOT NULL AND (SELECT count(*) FROM orders o WHERE o.customer_id = c.id) >= 2 LIMIT 1`,
    )
    .get() as typeof customer;
  rt.adb.sqlite
    .prepare(
      `INSERT INTO customer_notes (customer_id, associate_id, body, created_at) VALUES (?, 's1-priya', 'Prefers a quiet fitting room', ?)`,
    )
    .run(customer.id, new Date().toISOString());
});

describe('a customer profile with nobody signed in', () => {
  it('holds no email, phone, spend, order totals or notes, and says why', async () => {
    const p = await callOrThrow(dispatch, 'customers.profile', { customerId: customer.id }, ctx(null));
    const text = JSON.stringify(p);
    expect(text).not.toContain(customer.email);
    expect(text).not.toContain(customer.phone);
    expect(text).not.toContain('quiet fitting room');
    expect(p.lookupOnly).toBe(true);
    expect(p.stats.lifetimeSpend).toBeNull();
    expect(p.stats.averageOrder).toBeNull();
    expect(p.orders.every((o) => o.total === null && o.lines.every((l) => l.unitPrice === null))).toBe(true);
    // what helps with advice stays: the name, the purchases, the sizes
    expect(p.customer.name).toContain(customer.first);
    expect(p.orders.length).toBeGreaterThanOrEqual(2);
    expect(p.orders[0]!.lines[0]!.title.length).toBeGreaterThan(0);
  });

  it('is complete for a signed-in associate', async () => {
    const p = await callOrThrow(dispatch, 'customers.profile', { customerId: customer.id }, ctx(associate));
    expect(p.lookupOnly).toBe(false);
    expect(p.customer.email).toBe(customer.email);
    expect(p.customer.phone).toBe(customer.phone);
    expect(p.stats.lifetimeSpend).toBeGreaterThan(0);
    expect(p.notes.map((n) => n.body)).toContain('Prefers a quiet fitting room');
  });

  it('search by email still finds the customer, without showing the email or phone', async () => {
    const anon = await callOrThrow(dispatch, 'customers.search', { query: customer.email }, ctx(null));
    expect(anon.results[0]?.customerId).toBe(customer.id);
    expect(JSON.stringify(anon)).not.toContain(customer.email);
    expect(JSON.stringify(anon)).not.toContain(customer.phone);
    const signedIn = await callOrThrow(dispatch, 'customers.search', { query: customer.email }, ctx(associate));
    expect(signedIn.results[0]?.email).toBe(customer.email);
  });

  it('a customer known only by email is named by their customer number, not the email', async () => {
    rt.adb.sqlite.prepare('UPDATE customers SET first_name = NULL, last_name = NULL WHERE id = ?').run(customer.id);
    const p = await callOrThrow(dispatch, 'customers.profile', { customerId: customer.id }, ctx(null));
    expect(p.customer.name).toMatch(/^Customer /);
    expect(JSON.stringify(p)).not.toContain(customer.email);
  });
});

describe('looking up a scanned code', () => {
  it('finds the product by GTIN (also as a 12-digit UPC without the leading zero) and by SKU', async () => {
    const v = rt.adb.sqlite
      .prepare(`SELECT v.sku, v.gtin, v.product_id AS productId FROM variants v WHERE v.gtin LIKE '0%' LIMIT 1`)
      .get() as { sku: string; gtin: string; productId: number } | undefined;
    const any =
      v ??
      (rt.adb.sqlite
        .prepare(`SELECT v.sku, v.gtin, v.product_id AS productId FROM variants v WHERE v.gtin IS NOT NULL LIMIT 1`)
        .get() as { sku: string; gtin: string; productId: number });
    const byGtin = await callOrThrow(dispatch, 'catalog.lookupCode', { code: any.gtin }, ctx(null));
    expect(byGtin.match).toMatchObject({ productId: any.productId, sku: any.sku, matchedBy: 'gtin' });
    if (v) {
      const upc = await callOrThrow(dispatch, 'catalog.lookupCode', { code: v.gtin.replace(/^0/, '') }, ctx(null));
      expect(upc.match?.sku).toBe(v.sku);
    }
    const bySku = await callOrThrow(dispatch, 'catalog.lookupCode', { code: any.sku.toLowerCase() }, ctx(null));
    expect(bySku.match).toMatchObject({ sku: any.sku, matchedBy: 'sku' });
  });

  it('says clearly when a code is unknown', async () => {
    const r = await callOrThrow(dispatch, 'catalog.lookupCode', { code: '0000000000017' }, ctx(null));
    expect(r.match).toBeNull();
    expect(r.message).toBe("No product with the code 0000000000017 in this store's catalog.");
  });
});
