import { describe, expect, it } from 'vitest';
import { variantCards } from '../../../src-main/catalog/queries';
import { statement } from '../../../src-main/db/statements';
import { testRuntime } from '../../support/runtime';
import { loadCatalogFixture, FIXTURE_SYNCED_AT } from '../../support/catalog-fixture';

const rt = testRuntime({ storeId: 'S1' });
loadCatalogFixture(rt);
const sqlite = rt.adb.sqlite;
const skus = (rows: { sku: string }[]) => rows.map((r) => r.sku).sort();

describe('the variant card query', () => {
  it('shows what a card needs: sale price, regular price, stock here and in the other stores', () => {
    const [card] = variantCards(sqlite, { store: 'S1', skus: ['JKT1-RED-M'] });
    expect(card).toMatchObject({
      sku: 'JKT1-RED-M',
      title: 'Ridge Waterproof Jacket',
      brand: 'Cairn',
      category: 'Jackets',
      size: 'M',
      color: 'Red',
      price: 11900,
      regularPrice: 14900,
      salePrice: 11900,
      currency: 'GBP',
      stockHere: 0,
      stockElsewhere: 4,
      asOf: FIXTURE_SYNCED_AT,
    });
    // the same SKU seen from Glasgow: its 4 are here, nothing elsewhere
    const fromGlasgow = variantCards(sqlite, { store: 'S2', skus: ['JKT1-RED-M'] })[0];
    expect(fromGlasgow).toMatchObject({ stockHere: 4, stockElsewhere: 0 });
  });

  it('narrows by product, category and brand, and keeps discontinued SKUs out only when asked', () => {
    expect(skus(variantCards(sqlite, { store: 'S1', categories: ['Socks'] }))).toEqual(['SOCK1-GRY-L', 'SOCK1-GRY-M']);
    const loch = variantCards(sqlite, { store: 'S1', brands: ['Loch'] });
    expect(skus(loch)).toEqual(['OLD1-GRN-M', 'SOCK1-GRY-L', 'SOCK1-GRY-M']);
    const lochOnSale = variantCards(sqlite, { store: 'S1', brands: ['Loch'], activeOnly: true });
    expect(skus(lochOnSale)).toEqual(['SOCK1-GRY-L', 'SOCK1-GRY-M']);
    expect(skus(variantCards(sqlite, { store: 'S1', skus: [] }))).toEqual([]);
  });

  it('keeps only SKUs in stock here when asked, and skips stock entirely without a store', () => {
    expect(skus(variantCards(sqlite, { store: 'S1', categories: ['Boots'], inStockHere: true }))).toEqual([
      'BOOT1-BRN-5',
      'BOOT1-BRN-7',
    ]);
    const noStock = variantCards(sqlite, { store: null, categories: ['Boots'] });
    expect(noStock).toHaveLength(3);
    expect(noStock.every((c) => c.stockHere === 0 && c.asOf === null && c.stockElsewhere === 0)).toBe(true);
    // sellable says whether a card may be offered: the discontinued jacket may not
    const mixed = variantCards(sqlite, { store: 'S1', skus: ['OLD1-GRN-M', 'SOCK1-GRY-M'] });
    expect(mixed.map((c) => [c.sku, c.sellable]).sort()).toEqual([
      ['OLD1-GRN-M', 0],
      ['SOCK1-GRY-M', 1],
    ]);
  });
});

describe('statements', () => {
  it('are prepared once per connection and per row mode', () => {
    const first = statement<[], number>(sqlite, 'SELECT count(*) FROM variants', 'pluck');
    expect(statement<[], number>(sqlite, 'SELECT count(*) FROM variants', 'pluck')).toBe(first);
    expect(first.get()).toBe(15);
    const rows = statement<[], { 'count(*)': number }>(sqlite, 'SELECT count(*) FROM variants');
    expect(rows).not.toBe(first);
    expect(rows.get()).toEqual({ 'count(*)': 15 });
    const other = testRuntime({ storeId: 'S1' });
    expect(statement<[], number>(other.adb.sqlite, 'SELECT count(*) FROM variants', 'pluck').get()).toBe(0);
  });
});
