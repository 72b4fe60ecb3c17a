/** The cheap per-row checks of HQ pages: never looser than the zod schemas, same error messages. */
import { describe, expect, it } from 'vitest';
import { HqClient, hqSchemas, type HqEntity } from '../../../src-main/sync/hq';
import { passesCheapCheck } from '../../../src-main/sync/hq-item-checks';

const good: Record<Exclude<HqEntity, 'orders'>, Record<string, unknown>> = {
  products: { externalId: 'P1', title: 'Trail shoe', brand: 'Acme', tags: 'run', status: 'active' },
  variants: {
    sku: 'S1',
    productExternalId: 'P1',
    size: '42',
    options: { size: '42', colour: 'red' },
    price: 8999,
    salePrice: 7999,
    currency: 'EUR',
    status: 'discontinued',
  },
  inventory: { sku: 'S1', storeId: 'store-001', storeName: 'Leeds', quantity: -2 },
  customers: {
    externalId: 'C1',
    firstName: 'Ayumu',
    email: 'a@example.com',
    acceptsEmail: true,
    note: null,
    preferences: [{ kind: 'size', scope: 'shoes', value: '42', at: '2026-01-02T03:04:05.000Z', confirmedBy: null }],
  },
};

// one bad value per field kind the schemas constrain
const bad: [keyof typeof good, string, unknown][] = [
  ['products', 'externalId', ''],
  ['products', 'title', 7],
  ['products', 'status', 'gone'],
  ['products', 'brand', false],
  ['variants', 'price', -1],
  ['variants', 'price', 10.5],
  ['variants', 'price', '8999'],
  ['variants', 'salePrice', Number.MAX_SAFE_INTEGER * 4],
  ['variants', 'currency', 'EURO'],
  ['variants', 'options', { size: 42 }],
  ['variants', 'options', ['42']],
  ['inventory', 'quantity', 1.5],
  ['inventory', 'quantity', null],
  ['inventory', 'storeId', ''],
  ['customers', 'acceptsEmail', 'yes'],
  ['customers', 'preferences', [{ kind: '', scope: 'shoes', value: '42', at: 'x' }]],
  ['customers', 'preferences', [{ kind: 'size', value: '42', at: 'x' }]],
  ['customers', 'preferences', Array.from({ length: 201 }, () => ({ kind: 'k', scope: '', value: 'v', at: 'x' }))],
];

describe('cheap checks of HQ feed items', () => {
  it('accept the well-formed rows zod accepts, with absent and null optional fields', () => {
    for (const [entity, item] of Object.entries(good) as [keyof typeof good, Record<string, unknown>][]) {
      expect(hqSchemas[entity].safeParse(item).success).toBe(true);
      expect(passesCheapCheck(entity, item)).toBe(true);
    }
    expect(passesCheapCheck('inventory', { sku: 'S1', storeId: 's', quantity: 0 })).toBe(true);
  });

  it.each(bad)('never accept a %s row that zod refuses (%s = %j)', (entity, field, value) => {
    const item = { ...good[entity], [field]: value };
    expect(hqSchemas[entity].safeParse(item).success).toBe(false);
    expect(passesCheapCheck(entity, item)).toBe(false);
  });

  it('leave orders and non-objects to zod', () => {
    expect(passesCheapCheck('orders', { externalId: 'O1' })).toBe(false);
    expect(passesCheapCheck('products', null)).toBe(false);
    expect(passesCheapCheck('products', [good.products])).toBe(false);
  });

  it('a page with one bad row is refused naming the row and field, as before', async () => {
    const items: Record<string, unknown>[] = Array.from({ length: 4 }, (_, i) => ({ ...good.variants, sku: `S${i}` }));
    items[2] = { ...good.variants, sku: 'S2', currency: 'EURO' };
    const body = JSON.stringify({ items, nextCursor: '9' });
    const client = new HqClient({
      baseUrl: 'http://hq.invalid',
      token: 't',
      fetch: () => Promise.resolve(new Response(body, { status: 200 })),
    });
    await expect(client.page('variants', null, 4)).rejects.toThrow(
      /malformed variants page \(cursor start\): item 2 field currency: .*nothing from it was applied/,
    );
    const okBody = JSON.stringify({ items: items.slice(0, 2), nextCursor: '2' });
    const okClient = new HqClient({
      baseUrl: 'http://hq.invalid',
      token: 't',
      fetch: () => Promise.resolve(new Response(okBody, { status: 200 })),
    });
    const page = await okClient.page('variants', null, 2);
    expect(page.items.map((v) => (v as { sku: string }).sku)).toEqual(['S0', 'S1']);
    expect(page.nextCursor).toBe('2');
  });
});
