/**
 * "More like this" and "goes with" on a suggestion card (copilot.related): related products from the
 * local engine, saved as one more reply of the current turn, grounded and usable like any other card,
 * without disturbing what the conversation understood so far.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { testRuntime } from '../../support/runtime';
import { copilotCaller } from '../../support/copilot-calls';
import { FIXTURE_SYNCED_AT, loadCatalogFixture } from '../../support/catalog-fixture';
import type { AppRuntime } from '../../../src-main/app/runtime';

const rts: AppRuntime[] = [];
afterEach(() => rts.splice(0).forEach((r) => r.close()));

function setup() {
  const rt = testRuntime({ config: { store: { id: 'S1' } } });
  rts.push(rt);
  loadCatalogFixture(rt);
  const s = rt.adb.sqlite;
  // a second women's jacket near the first one's price, and boots filed where the lexicon knows what goes with them
  const pid = s
    .prepare(
      `INSERT INTO products (external_id, title, brand, category, gender, status, search_text, consumable, source, synced_at) VALUES ('jkt-3', 'Glen Shell Jacket', 'Loch', 'Jackets', 'women', 'active', 'waterproof shell', 0, 'fixture', ?)`,
    )
    .run(FIXTURE_SYNCED_AT).lastInsertRowid;
  const vid = s
    .prepare(
      `INSERT INTO variants (sku, product_id, size, color, price, sale_price, currency, status, source, synced_at) VALUES ('JKT3-BLU-M', ?, 'M', 'Blue', 13900, NULL, 'GBP', 'active', 'fixture', ?)`,
    )
    .run(pid, FIXTURE_SYNCED_AT).lastInsertRowid;
  s.prepare(
    `INSERT INTO inventory (variant_id, store_id, quantity, source, synced_at) VALUES (?, 'S1', 4, 'fixture', ?)`,
  ).run(vid, FIXTURE_SYNCED_AT);
  s.prepare(`UPDATE products SET category = 'Hiking Boots' WHERE external_id = 'boot-1'`).run();
  const call = copilotCaller(rt);
  return { rt, call };
}

describe('copilot.related', () => {
  it('"more like this" finds other products of the same kind and size near the price, saved as a reply of the same turn', async () => {
    const { rt, call } = setup();
    const c = await call('consultation.start', { customerId: null });
    const turn = await call('copilot.send', { consultationId: c.id, message: 'waterproof jacket for her in M' });
    const ridge = turn.suggestions.find((s) => s.sku.startsWith('JKT1-'))!;
    expect(ridge).toBeTruthy();

    const more = await call('copilot.related', {
      consultationId: c.id,
      suggestionId: ridge.suggestionId,
      mode: 'more-like-this',
    });
    expect(more.turn).toBe(turn.turn);
    expect(more.engine).toBe('local');
    expect(more.suggestions.map((s) => s.sku)).toContain('JKT3-BLU-M');
    expect(more.suggestions.every((s) => !s.sku.startsWith('JKT1-'))).toBe(true); // never the same product again
    const glen = more.suggestions.find((s) => s.sku === 'JKT3-BLU-M')!;
    expect(glen.reasons[0]).toBe('Similar to the Ridge Waterproof Jacket');
    expect(glen).toMatchObject({ price: 13900, stockHere: 4, size: 'M' }); // facts from the database
    expect(more.reply).toMatch(/^More like the Ridge Waterproof Jacket/);

    // the saved consultation has the reply with its cards, and they act like any other card
    const detail = await call('consultation.get', { consultationId: c.id });
    const msg = detail.messages.find((m) => m.content === more.reply)!;
    expect(msg).toMatchObject({ role: 'assistant', engine: 'local', turn: turn.turn });
    expect(detail.suggestions.filter((s) => s.messageId === msg.id).map((s) => s.sku)).toEqual(
      more.suggestions.map((s) => s.sku),
    );
    await call('consultation.suggestionAction', {
      consultationId: c.id,
      suggestionId: glen.suggestionId,
      action: 'shortlisted',
    });
    const ended = await call('consultation.end', {
      consultationId: c.id,
      outcome: 'purchased',
      bought: [{ sku: 'JKT3-BLU-M', quantity: 1 }],
    });
    expect(ended.basketValue).toBe(13900);
    const events = rt.adb.sqlite
      .prepare(`SELECT type FROM consultation_events WHERE consultation_id = ? ORDER BY id`)
      .all(c.id) as { type: string }[];
    expect(events.map((e) => e.type)).toContain('related');
  });

  it('the next message still refines the original request (the related reply carries its constraints forward)', async () => {
    const { call } = setup();
    const c = await call('consultation.start', { customerId: null });
    const first = await call('copilot.send', { consultationId: c.id, message: 'waterproof jacket for her in M' });
    await call('copilot.related', {
      consultationId: c.id,
      suggestionId: first.suggestions[0]!.suggestionId,
      mode: 'goes-with',
    });
    const next = await call('copilot.send', { consultationId: c.id, message: 'in red' });
    expect(next.constraints.categories).toEqual(first.constraints.categories);
    expect(next.constraints.sizes).toEqual(['M']);
    expect(next.constraints.colors).toContain('Red');
  });

  it('"goes with" suggests the complements the lexicon names for the category, marked as such', async () => {
    const { call } = setup();
    const c = await call('consultation.start', { customerId: null });
    const turn = await call('copilot.send', { consultationId: c.id, message: 'hiking boots UK 7' });
    const boot = turn.suggestions.find((s) => s.sku.startsWith('BOOT1-'))!;
    const goes = await call('copilot.related', {
      consultationId: c.id,
      suggestionId: boot.suggestionId,
      mode: 'goes-with',
    });
    expect(goes.suggestions.length).toBeGreaterThan(0);
    expect(goes.suggestions.every((s) => s.category === 'Socks' && s.kind === 'complement')).toBe(true);
    expect(goes.suggestions[0]!.reasons[0]).toBe('Goes with the Trailhead Hiking Boot');
    expect(goes.suggestions.every((s) => s.stockHere > 0)).toBe(true);
  });

  it('says so plainly when nothing is marked as going with the product', async () => {
    const { call } = setup();
    const c = await call('consultation.start', { customerId: null });
    const turn = await call('copilot.send', { consultationId: c.id, message: 'a 40 litre backpack' });
    const pack = turn.suggestions.find((s) => s.sku.startsWith('PACK1-'))!;
    const goes = await call('copilot.related', {
      consultationId: c.id,
      suggestionId: pack.suggestionId,
      mode: 'goes-with',
    });
    expect(goes.suggestions).toEqual([]);
    expect(goes.reply).toBe('I have nothing marked as going with backpacks in stock here.');
  });

  it('refuses a card from another consultation, and an ended consultation', async () => {
    const { call } = setup();
    const a = await call('consultation.start', { customerId: null });
    const b = await call('consultation.start', { customerId: null });
    const turn = await call('copilot.send', { consultationId: a.id, message: 'waterproof jacket for her in M' });
    const id = turn.suggestions[0]!.suggestionId;
    await expect(
      call('copilot.related', { consultationId: b.id, suggestionId: id, mode: 'more-like-this' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await call('consultation.end', { consultationId: a.id, outcome: 'no_purchase' });
    await expect(
      call('copilot.related', { consultationId: a.id, suggestionId: id, mode: 'more-like-this' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
