import { beforeAll, describe, expect, it } from 'vitest';
import { CustomerService, phoneDigits } from '../../../src-main/customers/service';
import { loadDemoStore } from '../../../src-main/demo/load';
import { testRuntime } from '../../support/runtime';
import type { AppRuntime } from '../../../src-main/app/runtime';

let rt: AppRuntime;
let customers: CustomerService;
let anyone: { id: number; first: string; last: string; email: string; phone: string; loyalty: string; ext: string };

beforeAll(() => {
  // an HQ source is configured here, so confirmed facts and notes are queued for it
  rt = testRuntime({
    storeId: 'S1',
    config: { sources: [{ type: 'hq', name: 'hq', baseUrl: 'https://hq.example/api', tokenEnv: 'AISLE_HQ_TOKEN' }] },
  });
  loadDemoStore(rt.adb, { anchor: new Date('2026-11-25T00:00:00Z') });
  customers = new CustomerService(rt);
  // a customer with several orders, taken from the data rather than hard-coded
  anyone = rt.adb.sqlite
    .prepare(
      `SELECT c.id, c.first_name AS first, c.last_name AS last, c.email, c.phone, c.loyalty_id AS loyalty, c.external_id AS ext
              FROM customers c WHERE c.consent_personalization = 1 AND (SELECT count(*) FROM orders o WHERE o.customer_id = c.id) >= 6 LIMIT 1`,
    )
    .get() as typeof anyone;
});

describe('finding a customer as the associate types', () => {
  it('by name, including partial first and last name', () => {
    const r = customers.search(`${anyone.first.slice(0, 3)} ${anyone.last.slice(0, 3)}`, 10);
    expect(r.results.map((c) => c.customerId)).toContain(anyone.id);
    expect(r.results.find((c) => c.customerId === anyone.id)!.matched).toBe('name');
  });

  it('by email, phone in any format, loyalty id and customer number', () => {
    expect(customers.search(anyone.email.slice(0, 8) + '@', 10).results.length).toBeGreaterThanOrEqual(0);
    expect(customers.search(anyone.email, 10).results[0]!.customerId).toBe(anyone.id);
    const digits = phoneDigits(anyone.phone);
    const national = '0' + digits.replace(/^44/, '');
    for (const form of [anyone.phone, national, national.replace(/(\d{5})(\d+)/, '$1 $2')]) {
      expect(
        customers.search(form, 10).results.map((c) => c.customerId),
        form,
      ).toContain(anyone.id);
    }
    expect(customers.search(anyone.loyalty, 10).results[0]).toMatchObject({
      customerId: anyone.id,
      matched: 'loyalty',
    });
    expect(customers.search(anyone.ext.toLowerCase(), 10).results[0]!.customerId).toBe(anyone.id);
  });

  it('treats % and _ literally and finds nothing for nonsense', () => {
    expect(customers.search('%', 10).results).toEqual([]);
    expect(customers.search('zzzzqqq', 10).results).toEqual([]);
  });

  it('answers well under 100 ms', () => {
    const times = ['ja', 'jam smi', '07700', 'LOY-1', '@example'].map((q) => customers.search(q, 10).tookMs);
    expect(Math.max(...times)).toBeLessThan(100);
  });

  it('recent customers of this store come newest first', () => {
    const r = customers.recent(8).results;
    expect(r.length).toBeGreaterThan(0);
    expect(r.every((c) => c.matched === 'recent')).toBe(true);
  });
});

describe('the profile panel', () => {
  it('groups purchase history by order, newest first, with lifetime spend and order count from the orders', () => {
    const p = customers.profile(anyone.id);
    const orders = rt.adb.sqlite
      .prepare('SELECT total, placed_at AS at FROM orders WHERE customer_id = ? ORDER BY placed_at DESC')
      .all(anyone.id) as { total: number; at: string }[];
    expect(p.stats.orderCount).toBe(orders.length);
    expect(p.stats.lifetimeSpend).toBe(orders.reduce((n, o) => n + o.total, 0));
    expect(p.orders.map((o) => o.placedAt)).toEqual(orders.map((o) => o.at));
    for (const o of p.orders) expect(o.lines.reduce((n, l) => n + l.quantity * (l.unitPrice ?? 0), 0)).toBe(o.total);
  });

  it('derives sizes from history with evidence a person can check', () => {
    const p = customers.profile(anyone.id);
    const size = p.preferences.find((x) => x.kind === 'size');
    expect(size).toBeDefined();
    expect(size!.evidence).toMatch(/^\S+ in \d+ of \d+ /);
    expect(size!.origin).toBe('derived');
  });

  it('a confirmed size wins over history, is stored, and queued for upstream', () => {
    const before = customers.profile(anyone.id).preferences.find((x) => x.kind === 'size')!;
    const corrected = before.value === 'XL' ? 'L' : 'XL';
    expect(
      customers.confirmPreference(
        { customerId: anyone.id, kind: 'size', scope: before.scope, value: corrected },
        's1-ava',
      ),
    ).toEqual({ ok: true, queuedUpstream: true });
    const after = customers.profile(anyone.id).preferences.find((x) => x.kind === 'size' && x.scope === before.scope)!;
    expect(after).toMatchObject({ value: corrected, origin: 'confirmed' });
    expect(after.evidence).toContain('confirmed by s1-ava');
    const queued = rt.adb.sqlite.prepare("SELECT payload FROM outbox WHERE kind = 'customer.preference'").all() as {
      payload: string;
    }[];
    expect(queued.map((q) => JSON.parse(q.payload))).toContainEqual(
      expect.objectContaining({ customerExternalId: anyone.ext, kind: 'size', value: corrected }),
    );
    customers.removePreference({ customerId: anyone.id, kind: 'size', scope: before.scope });
    expect(
      customers.profile(anyone.id).preferences.find((x) => x.kind === 'size' && x.scope === before.scope)!.origin,
    ).toBe('derived');
  });

  it('says so, and derives nothing, when the customer withheld consent to personalisation', () => {
    const withheld = rt.adb.sqlite
      .prepare('SELECT id FROM customers WHERE consent_personalization = 0 LIMIT 1')
      .get() as { id: number };
    const p = customers.profile(withheld.id);
    expect(p.personalization.allowed).toBe(false);
    expect(p.personalization.message).toMatch(/withheld consent/);
    expect(p.preferences).toEqual([]);
  });

  it('notes: newest first, with the imported note last; queued for upstream', () => {
    customers.addNote(anyone.id, 'Prefers a relaxed fit on trousers', 's1-ava');
    const p = customers.profile(anyone.id);
    expect(p.notes[0]).toMatchObject({ body: 'Prefers a relaxed fit on trousers' });
    expect(rt.adb.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE kind = 'customer.note'").get()).toEqual({
      n: 1,
    });
  });

  it('without an HQ source nothing is queued, and the answer says it stayed on this laptop', () => {
    const alone = testRuntime({ storeId: 'S1' });
    try {
      loadDemoStore(alone.adb, { anchor: new Date('2026-11-25T00:00:00Z') });
      const local = new CustomerService(alone);
      expect(local.addNote(anyone.id, 'Likes a roomy fit', 's1-ava').queuedUpstream).toBe(false);
      const size = local.profile(anyone.id).preferences.find((x) => x.kind === 'size');
      if (size)
        expect(
          local.confirmPreference({ customerId: anyone.id, kind: 'size', scope: size.scope, value: 'M' }, 's1-ava')
            .queuedUpstream,
        ).toBe(false);
      expect(alone.adb.sqlite.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(0);
    } finally {
      alone.close();
    }
  });

  it('an unknown customer is a clear NOT_FOUND', () => {
    expect(() => customers.profile(99999999)).toThrow(/not in this store's data/);
    expect(() => customers.addNote(99999999, 'x', null)).toThrow(/not in this store's data/);
  });
});
