import { describe, it, expect, beforeAll } from 'vitest';
import { generateDemoStore, type DemoStore } from '../../../src-main/demo/generate';
import { isValidGtin13 } from '../../../src-main/demo/catalog';
import { verifyPin } from '../../../src-main/shared/pin-hash';

const anchor = new Date('2025-03-10T00:00:00Z');
let store: DemoStore;

beforeAll(() => {
  store = generateDemoStore({ seed: 42, anchor });
});

const variantsOf = (s: DemoStore) => s.products.flatMap((p) => p.variants.map((v) => ({ p, v })));

describe('demo store generation', () => {
  it('is deterministic for a seed and anchor, and a different seed gives another store', () => {
    const again = generateDemoStore({ seed: 42, anchor });
    expect(again).toEqual(store);
    const other = generateDemoStore({ seed: 7, anchor });
    expect(other.products.map((p) => p.title)).not.toEqual(store.products.map((p) => p.title));
    expect(other.customers[0]).not.toEqual(store.customers[0]);
  });

  it('is big enough to feel like a real retailer', () => {
    expect(store.stores.map((s) => s.id)).toEqual(['S1', 'S2', 'S3']);
    expect(store.products.length).toBeGreaterThanOrEqual(300);
    expect(variantsOf(store).length).toBeGreaterThanOrEqual(2000);
    expect(store.customers.length).toBeGreaterThanOrEqual(500);
    expect(store.orders.length).toBeGreaterThanOrEqual(3000);
    expect(store.orders.length).toBeLessThanOrEqual(5000);
    expect(store.consultations.length).toBeGreaterThanOrEqual(150);
    expect(new Set(store.products.map((p) => p.brand)).size).toBeGreaterThanOrEqual(10);
    expect(new Set(store.products.map((p) => p.gender))).toEqual(new Set(['women', 'men', 'unisex', 'kids']));
    for (const cat of [
      'Waterproof Jackets',
      'Hiking Boots',
      'Socks',
      'Backpacks',
      'Tents',
      'Sleeping Bags',
      'Base Layers',
    ]) {
      expect(
        store.products.some((p) => p.category === cat),
        cat,
      ).toBe(true);
    }
  });

  it('gives every variant a size, colour, positive whole-pence price, valid GTIN and unique SKU', () => {
    const skus = new Set<string>();
    const gtins = new Set<string>();
    let onSale = 0;
    const all = variantsOf(store);
    for (const { p, v } of all) {
      expect(v.size, v.sku).toBeTruthy();
      expect(v.color, v.sku).toBeTruthy();
      expect(Number.isInteger(v.price) && v.price > 0, v.sku).toBe(true);
      if (v.salePrice !== null) {
        onSale++;
        expect(Number.isInteger(v.salePrice) && v.salePrice > 0 && v.salePrice < v.price, v.sku).toBe(true);
      }
      expect(typeof v.gtin).toBe('string');
      expect(isValidGtin13(v.gtin), v.gtin).toBe(true);
      expect(v.sku).toMatch(/^AO-[A-Z]{3}-\d{4}-[A-Z]{3}-[A-Za-z0-9.-]+$/);
      expect(v.currency).toBe('GBP');
      expect(v.imageUrl.startsWith('data:image/svg+xml;utf8,')).toBe(true);
      expect(v.imageUrl.length).toBeLessThan(2048);
      skus.add(v.sku);
      gtins.add(v.gtin);
      expect(p.status === 'active' ? v.status === 'active' : v.status === p.status).toBe(true);
    }
    expect(skus.size).toBe(all.length);
    expect(gtins.size).toBe(all.length);
    expect(all.some(({ v }) => v.gtin.startsWith('0'))).toBe(true);
    expect(onSale / all.length).toBeGreaterThan(0.08);
    expect(onSale / all.length).toBeLessThan(0.25);
    const socks = store.products.filter((p) => p.category === 'Socks');
    expect(socks.every((p) => p.consumable)).toBe(true);
    const boots = all.filter(({ p }) => p.category === 'Hiking Boots' && p.gender !== 'kids');
    expect(boots.every(({ v }) => /^UK \d+(\.5)?$/.test(v.size) && v.options.EU)).toBe(true);
  });

  it('has prices in believable bands', () => {
    const price = (cat: string, gender?: string) =>
      variantsOf(store)
        .filter(({ p }) => p.category === cat && (!gender || p.gender === gender))
        .map(({ v }) => v.price);
    const within = (xs: number[], lo: number, hi: number) => xs.every((x) => x >= lo && x <= hi);
    expect(within(price('Socks'), 1100, 2200)).toBe(true);
    expect(within(price('Waterproof Jackets', 'women'), 8900, 38000)).toBe(true);
    expect(within(price('Hiking Boots', 'men'), 7900, 24000)).toBe(true);
  });

  it('has stock in all three stores, with some sizes sold out in each', () => {
    for (const s of store.stores) {
      const rows = store.inventory.filter((r) => r.storeId === s.id);
      const zeros = rows.filter((r) => r.quantity === 0).length;
      expect(rows.length).toBeGreaterThan(1000);
      expect(zeros / rows.length).toBeGreaterThan(0.1);
      expect(zeros / rows.length).toBeLessThan(0.3);
      expect(rows.every((r) => Date.parse(r.syncedAt) < anchor.getTime())).toBe(true);
    }
    const active = variantsOf(store).filter(({ v }) => v.status === 'active').length;
    expect(store.inventory.length).toBe(active * 3);
  });

  it('makes customers look real but unreachable (reserved domains, drama phone numbers)', () => {
    for (const c of store.customers) {
      if (c.email) expect(c.email).toMatch(/@example\.(com|net|org)$/);
      if (c.phone) expect(c.phone).toMatch(/^\+447700900\d{3}$/);
      if (c.loyaltyId) expect(c.loyaltyId).toMatch(/^LOY-\d{6}$/);
    }
    const withheld = store.customers.filter((c) => !c.consentPersonalization).length / store.customers.length;
    expect(withheld).toBeGreaterThan(0.03);
    expect(withheld).toBeLessThan(0.15);
    expect(store.customers.some((c) => c.tags.includes('VIP'))).toBe(true);
    expect(store.customers.some((c) => c.note?.includes('wide-fit'))).toBe(true);
  });

  it('keeps order totals, dates and numbering consistent', () => {
    const skus = new Set(variantsOf(store).map(({ v }) => v.sku));
    const yearAgo = anchor.getTime() - 366 * 86_400_000;
    store.orders.forEach((o, i) => {
      expect(o.externalId).toBe(`#${1001 + i}`);
      expect(o.total).toBe(o.lines.reduce((s, l) => s + l.quantity * l.unitPrice, 0));
      expect(o.lines.length).toBeGreaterThanOrEqual(1);
      expect(o.lines.length).toBeLessThanOrEqual(4);
      const t = Date.parse(o.placedAt);
      expect(t > yearAgo && t < anchor.getTime()).toBe(true);
      for (const l of o.lines) expect(skus.has(l.sku)).toBe(true);
    });
  });

  it('gives customers coherent sizes: the usual top size covers most of their tops', () => {
    const size = new Map(variantsOf(store).map(({ p, v }) => [v.sku, { p, v }]));
    const tops = new Map<string, string[]>();
    const letter = /^(XS|S|M|L|XL|XXL)$/;
    const topCats = new Set([
      'Waterproof Jackets',
      'Insulated Jackets',
      'Fleeces',
      'Softshell Jackets',
      'Base Layers',
      'T-Shirts',
      'Shirts',
      'Jumpers',
    ]);
    for (const o of store.orders) {
      for (const l of o.lines) {
        const hit = size.get(l.sku)!;
        if (hit.p.gender === 'kids' || !topCats.has(hit.p.category) || !letter.test(hit.v.size)) continue;
        tops.set(o.customerExternalId, [...(tops.get(o.customerExternalId) ?? []), hit.v.size]);
      }
    }
    const eligible = [...tops.values()].filter((s) => s.length >= 5);
    expect(eligible.length).toBeGreaterThan(30);
    for (const sizes of eligible) {
      const counts = new Map<string, number>();
      for (const s of sizes) counts.set(s, (counts.get(s) ?? 0) + 1);
      expect(Math.max(...counts.values()) / sizes.length).toBeGreaterThanOrEqual(0.7);
    }
  });

  it('makes complements co-occur far more than chance (boots + socks, tent + sleeping bag)', () => {
    const cat = new Map(store.products.flatMap((p) => p.variants.map((v) => [v.sku, p.category] as const)));
    const baskets = store.orders.map((o) => new Set(o.lines.map((l) => cat.get(l.sku))));
    const lift = (a: string, b: string) => {
      const withA = baskets.filter((x) => x.has(a));
      const pBgivenA = withA.filter((x) => x.has(b)).length / withA.length;
      const pB = baskets.filter((x) => x.has(b)).length / baskets.length;
      return pBgivenA / pB;
    };
    expect(lift('Hiking Boots', 'Socks')).toBeGreaterThan(3);
    expect(lift('Tents', 'Sleeping Bags')).toBeGreaterThan(3);
  });

  it('records a few weeks of believable consultations', () => {
    const variants = new Map(variantsOf(store).map(({ v }) => [v.sku, v]));
    const customers = new Set(store.customers.map((c) => c.externalId));
    const associates = new Map(store.associates.map((a) => [a.id, a]));
    const fourWeeks = anchor.getTime() - 29 * 86_400_000;
    let purchased = 0;
    for (const c of store.consultations) {
      expect(c.id).toMatch(/^demo-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(Date.parse(c.startedAt)).toBeGreaterThan(fourWeeks);
      expect(Date.parse(c.endedAt)).toBeGreaterThan(Date.parse(c.startedAt));
      expect(associates.get(c.associateId)?.storeId).toBe(c.storeId);
      if (c.customerExternalId) expect(customers.has(c.customerExternalId)).toBe(true);
      expect(c.messages[0]!.role).toBe('associate');
      for (const s of c.suggestions) {
        if (s.grounded) expect(variants.has(s.sku), s.sku).toBe(true);
        expect(c.messages[s.messageIndex]!.role).toBe('assistant');
      }
      const bought = c.suggestions.filter((s) => s.bought);
      const value = [...new Set(bought.map((s) => s.sku))].reduce(
        (sum, sku) => sum + (variants.get(sku)!.salePrice ?? variants.get(sku)!.price),
        0,
      );
      expect(c.basketValue).toBe(value);
      expect(c.basketUnits).toBe(new Set(bought.map((s) => s.sku)).size);
      expect(c.outcome === 'purchased').toBe(bought.length > 0);
      if (c.outcome === 'purchased') purchased++;
      if (c.satisfaction !== null) expect(c.satisfaction >= 1 && c.satisfaction <= 5).toBe(true);
    }
    const share = purchased / store.consultations.length;
    expect(share).toBeGreaterThan(0.3);
    expect(share).toBeLessThan(0.55);
    const msgs = store.consultations.flatMap((c) => c.messages.filter((m) => m.role === 'assistant'));
    expect(msgs.some((m) => m.engine === 'llm' && m.model)).toBe(true);
    expect(msgs.some((m) => m.fallback)).toBe(true);
    expect(msgs.some((m) => m.status === 'stopped')).toBe(true);
    const local = msgs.filter((m) => m.engine === 'local' && !m.fallback && m.firstSuggestionMs !== null);
    expect(local.every((m) => m.firstSuggestionMs! >= 20 && m.firstSuggestionMs! <= 80)).toBe(true);
    expect(
      store.consultations.filter((c) => !c.customerExternalId).length / store.consultations.length,
    ).toBeGreaterThan(0.15);
  });

  it('hashes demo PINs so managers sign in with 1234 and associates with 0000', () => {
    const manager = store.associates.find((a) => a.role === 'manager')!;
    const associate = store.associates.find((a) => a.role === 'associate')!;
    expect(manager.pinHash).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(verifyPin('1234', manager.pinHash)).toBe(true);
    expect(verifyPin('0000', manager.pinHash)).toBe(false);
    expect(verifyPin('0000', associate.pinHash)).toBe(true);
    for (const s of store.stores) {
      const staff = store.associates.filter((a) => a.storeId === s.id);
      expect(staff.filter((a) => a.role === 'manager')).toHaveLength(1);
      expect(staff.filter((a) => a.role === 'associate').length).toBeGreaterThanOrEqual(2);
    }
  });
});
