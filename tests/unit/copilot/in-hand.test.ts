/**
 * The product in the customer's hand: after a scan (copilot.setInHand), "this" and "it" mean that
 * product — its sizes here and in the other stores, what goes with it, similar cheaper things.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRuntime } from '../../support/runtime';
import { copilotCaller } from '../../support/copilot-calls';
import { loadDemoStore } from '../../../src-main/demo/load';
import { inHandIntent } from '../../../src-main/copilot/in-hand';
import type { AppRuntime } from '../../../src-main/app/runtime';

let rt: AppRuntime;
let call: ReturnType<typeof copilotCaller>;
/** a women's product sold in a 10 and a 12, taken from the demo data rather than hard-coded */
let held: { productId: number; title: string; sku12: string; price: number; category: string };

beforeAll(() => {
  rt = testRuntime({ config: { store: { id: 'S1' } } });
  loadDemoStore(rt.adb, { anchor: new Date('2026-11-25T00:00:00Z') });
  call = copilotCaller(rt);
  held = rt.adb.sqlite
    .prepare(
      `SELECT p.id AS productId, p.title, p.category, v12.sku AS sku12, coalesce(v12.sale_price, v12.price) AS price
       FROM products p JOIN variants v12 ON v12.product_id = p.id AND v12.size = '12'
       WHERE p.status = 'active' AND EXISTS (SELECT 1 FROM variants v JOIN inventory i ON i.variant_id = v.id AND i.store_id = 'S1'
                                             WHERE v.product_id = p.id AND v.size = '10' AND i.quantity > 0)
       ORDER BY p.id LIMIT 1`,
    )
    .get() as typeof held;
});
afterAll(() => rt.close());

describe('reading what a message asks about the product in hand', () => {
  it('tells availability, complements and similar-but-cheaper apart, and ignores messages not about it', () => {
    expect(inHandIntent('do you have this in a 10?')).toBe('availability');
    expect(inHandIntent('Is it in black?')).toBe('availability');
    expect(inHandIntent('what goes with this')).toBe('goes-with');
    expect(inHandIntent('something like this but cheaper')).toBe('similar');
    expect(inHandIntent('waterproof jacket for her in M')).toBeNull();
  });
});

describe('a consultation with a product in hand', () => {
  it('"do you have this in a 10?" answers for that product: its size 10 here, with the count from the stock table', async () => {
    const c = await call('consultation.start', { customerId: null });
    const put = await call('copilot.setInHand', { consultationId: c.id, sku: held.sku12 });
    expect(put.inHand).toMatchObject({ productId: held.productId, sku: held.sku12, size: '12' });

    const turn = await call('copilot.send', { consultationId: c.id, message: 'do you have this in a 10?' });
    expect(turn.suggestions.length).toBeGreaterThan(0);
    for (const s of turn.suggestions) expect(s).toMatchObject({ productId: held.productId, size: '10' });
    const here = rt.adb.sqlite
      .prepare(
        `SELECT v.color, i.quantity FROM variants v JOIN inventory i ON i.variant_id = v.id AND i.store_id = 'S1' WHERE v.product_id = ? AND v.size = '10' AND i.quantity > 0`,
      )
      .all(held.productId) as { color: string; quantity: number }[];
    expect(turn.reply).toContain(`Yes — the ${held.title} in size 10`);
    for (const h of here.slice(0, 4)) expect(turn.reply).toContain(`${h.quantity} in ${h.color}`);
    const first = turn.suggestions[0]!;
    expect(first.stockHere).toBe(Math.max(...here.map((h) => h.quantity)));

    // the saved consultation remembers what is in hand
    const detail = await call('consultation.get', { consultationId: c.id });
    expect(detail.inHand?.sku).toBe(held.sku12);
  });

  it('a size the product does not come in is said plainly, with the sizes it does come in', async () => {
    const c = await call('consultation.start', { customerId: null });
    await call('copilot.setInHand', { consultationId: c.id, sku: held.sku12 });
    const turn = await call('copilot.send', { consultationId: c.id, message: 'have you got it in a 30?' });
    expect(turn.suggestions).toEqual([]);
    expect(turn.reply).toMatch(
      new RegExp(
        `^The ${held.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} does not come in size 30 — it comes in .*12`,
      ),
    );
  });

  it('"what goes with this" gives complements of it, never the product itself', async () => {
    const c = await call('consultation.start', { customerId: null });
    await call('copilot.setInHand', { consultationId: c.id, sku: held.sku12 });
    const turn = await call('copilot.send', { consultationId: c.id, message: 'what goes with this?' });
    expect(turn.suggestions.length).toBeGreaterThan(0);
    expect(turn.suggestions.every((s) => s.productId !== held.productId && s.kind === 'complement')).toBe(true);
    expect(turn.suggestions[0]!.reasons[0]).toBe(`Goes with the ${held.title} in their hand`);
    expect(turn.reply).toMatch(new RegExp(`^To go with the `));
  });

  it('"something like this but cheaper" gives products of the same kind that cost less, in stock here', async () => {
    const c = await call('consultation.start', { customerId: null });
    await call('copilot.setInHand', { consultationId: c.id, sku: held.sku12 });
    const turn = await call('copilot.send', { consultationId: c.id, message: 'something like this but cheaper' });
    expect(turn.suggestions.length).toBeGreaterThan(0);
    for (const s of turn.suggestions) {
      expect(s.productId).not.toBe(held.productId);
      expect(s.price).toBeLessThan(held.price);
      expect(s.category).toBe(held.category);
      expect(s.stockHere).toBeGreaterThan(0);
    }
  });

  it('putting the product down returns "this" to the conversation; an unknown SKU is refused by name', async () => {
    const c = await call('consultation.start', { customerId: null });
    await call('copilot.setInHand', { consultationId: c.id, sku: held.sku12 });
    const down = await call('copilot.setInHand', { consultationId: c.id, sku: null });
    expect(down.inHand).toBeNull();
    const turn = await call('copilot.send', { consultationId: c.id, message: 'do you have this in a 10?' });
    expect(turn.reply).not.toContain(held.title);
    await expect(call('copilot.setInHand', { consultationId: c.id, sku: 'NO-SUCH-SKU' })).rejects.toThrow(
      'There is no product with the SKU NO-SUCH-SKU',
    );
  });
});
