import { describe, expect, it } from 'vitest';
import { CatalogService, compareSizes } from '../../../src-main/catalog/service';
import { catalogSearchInput } from '../../../src-main/contract/catalog';
import { ftsQuery } from '../../../src-main/catalog/fts';
import { testRuntime } from '../../support/runtime';
import { loadCatalogFixture, FIXTURE_SYNCED_AT } from '../../support/catalog-fixture';

const rt = testRuntime({ storeId: 'S1' });
loadCatalogFixture(rt);
const catalog = new CatalogService(rt);
const search = (input: Parameters<typeof catalogSearchInput.parse>[0]) =>
  catalog.search(catalogSearchInput.parse(input));
const titles = (r: { results: { title: string }[] }) => r.results.map((p) => p.title);

describe('catalog search', () => {
  it('finds products by words in title, brand, category and extra text, with prefixes', () => {
    expect(titles(search({ query: 'jack' })).sort()).toEqual(['Ridge Waterproof Jacket', 'Summit Down Jacket']);
    expect(titles(search({ query: 'cairn' })).sort()).toEqual(['Ridge Waterproof Jacket', 'Trailhead Hiking Boot']);
    expect(titles(search({ query: 'waterproof' })).sort()).toEqual([
      'Ridge Waterproof Jacket',
      'Trailhead Hiking Boot',
    ]);
    expect(titles(search({ query: 'rucksack' }))).toEqual(['Alpine 40 Pack']);
  });

  it('never shows discontinued products unless asked', () => {
    expect(titles(search({ query: 'rain' }))).toEqual(['Ridge Waterproof Jacket']);
    expect(titles(search({ query: 'rain', includeDiscontinued: true })).sort()).toEqual([
      'Classic Rain Jacket',
      'Ridge Waterproof Jacket',
    ]);
  });

  it('survives punctuation and FTS syntax typed by a person', () => {
    expect(() => search({ query: 'jacket" OR NOT (*' })).not.toThrow();
    expect(search({ query: '"""' }).total).toBe(6 - 1);
    expect(ftsQuery('men\'s   "down"')).toBe('"men"* AND "s"* AND "down"*');
  });

  it('filters by size and recounts the other facets under that filter', () => {
    const r = search({ query: 'jacket', size: ['M'] });
    expect(titles(r).sort()).toEqual(['Ridge Waterproof Jacket', 'Summit Down Jacket']);
    // colours of jackets in size M: Navy, Red (Ridge) and Black (Summit); Yellow only exists in L
    expect(r.facets.color.map((f) => f.value).sort()).toEqual(['Black', 'Navy', 'Red']);
    // the size facet ignores its own filter, so other sizes stay selectable
    expect(r.facets.size.map((f) => f.value)).toEqual(['S', 'M', 'L']);
    expect(r.facets.size.find((f) => f.value === 'L')!.count).toBe(2);
  });

  it('filters to what is in stock here (store S1) and sums stock of the matching variants', () => {
    const r = search({ query: 'jacket', size: ['M'], inStockHere: true });
    // Summit M has 0 in S1; Ridge Navy M has 3 (Red M has 0)
    expect(r.results).toHaveLength(1);
    expect(r.results[0]).toMatchObject({ title: 'Ridge Waterproof Jacket', stockHere: 3, colors: ['Navy'] });
  });

  it('filters by price on the price a customer pays (sale price when on sale)', () => {
    const r = search({ category: ['Jackets'], priceMax: 12000 });
    expect(r.results).toHaveLength(1);
    expect(r.results[0]).toMatchObject({
      title: 'Ridge Waterproof Jacket',
      priceMin: 11900,
      priceMax: 11900,
      regularPriceMin: 14900,
      onSale: true,
      colors: ['Red'],
    });
    expect(r.facets.price).toEqual({ min: 11900, max: 24900, currency: 'GBP' });
  });

  it('combines facets and counts distinct products, sorted by count', () => {
    const r = search({});
    expect(r.total).toBe(5);
    expect(r.facets.category[0]).toEqual({ value: 'Jackets', count: 2 });
    expect(r.facets.brand).toContainEqual({ value: 'Cairn', count: 2 });
    expect(r.facets.gender.map((g) => g.value).sort()).toEqual(['men', 'unisex', 'women']);
    const women = search({ gender: ['women'], brand: ['Cairn'] });
    expect(titles(women).sort()).toEqual(['Ridge Waterproof Jacket', 'Trailhead Hiking Boot']);
  });

  it('sorts by price and pages', () => {
    const asc = search({ sort: 'price_asc' });
    expect(titles(asc)).toEqual([
      'Merino Hiking Socks',
      'Alpine 40 Pack',
      'Ridge Waterproof Jacket',
      'Trailhead Hiking Boot',
      'Summit Down Jacket',
    ]);
    const page2 = search({ sort: 'price_asc', limit: 2, offset: 2 });
    expect(titles(page2)).toEqual(['Ridge Waterproof Jacket', 'Trailhead Hiking Boot']);
    expect(page2.total).toBe(5);
    expect(titles(search({ sort: 'title', limit: 2 }))).toEqual(['Alpine 40 Pack', 'Merino Hiking Socks']);
  });

  it('orders sizes as people read them', () => {
    expect(['XL', 'S', 'M', 'XS', 'L'].sort(compareSizes)).toEqual(['XS', 'S', 'M', 'L', 'XL']);
    expect(['UK 10', 'UK 7', 'UK 8.5'].sort(compareSizes)).toEqual(['UK 7', 'UK 8.5', 'UK 10']);
    expect(['34', '30', '32'].sort(compareSizes)).toEqual(['30', '32', '34']);
  });
});

describe('product detail', () => {
  it('lists every variant with stock here first and in the other stores, each with its as-of time', () => {
    const id = search({ query: 'trailhead' }).results[0]!.productId;
    const p = catalog.product(id);
    expect(p.title).toBe('Trailhead Hiking Boot');
    expect(p.variants.map((v) => v.size)).toEqual(['UK 5', 'UK 6', 'UK 7']);
    const uk7 = p.variants.find((v) => v.sku === 'BOOT1-BRN-7')!;
    expect(uk7.stockHere).toBe(4);
    expect(uk7.stock).toEqual([
      { storeId: 'S1', storeName: 'Edinburgh', quantity: 4, asOf: FIXTURE_SYNCED_AT, here: true },
      { storeId: 'S2', storeName: 'Glasgow', quantity: 0, asOf: FIXTURE_SYNCED_AT, here: false },
      { storeId: 'S3', storeName: 'Manchester', quantity: 1, asOf: FIXTURE_SYNCED_AT, here: false },
    ]);
  });

  it('says clearly when a product does not exist', () => {
    expect(() => catalog.product(424242)).toThrow('Product 424242 is not in the catalog.');
  });
});

describe('SKU search (aisle products search)', () => {
  it('returns SKUs with price, size, colour, stock here and as-of time', () => {
    const { results } = catalog.searchVariants({ query: 'pack', inStockHere: false, limit: 10 });
    expect(results.map((r) => r.sku)).toEqual(['PACK1-GRN-40', 'PACK1-BLU-40']);
    expect(results[0]).toMatchObject({
      title: 'Alpine 40 Pack',
      price: 11000,
      currency: 'GBP',
      size: '40L',
      color: 'Green',
      stockHere: 3,
      asOf: FIXTURE_SYNCED_AT,
    });
  });

  it('keeps only SKUs in stock here with --in-stock', () => {
    const { results } = catalog.searchVariants({ query: 'boot', inStockHere: true, limit: 10 });
    expect(results.map((r) => r.sku).sort()).toEqual(['BOOT1-BRN-5', 'BOOT1-BRN-7']);
  });

  it('answers an exact SKU directly', () => {
    const { results } = catalog.searchVariants({ query: 'JKT2-YEL-L', inStockHere: false, limit: 10 });
    expect(results.map((r) => r.sku)).toEqual(['JKT2-YEL-L']);
  });

  it('uses the store given with --store for "here"', () => {
    const other = testRuntime({ storeId: 'S2' });
    loadCatalogFixture(other);
    const { results } = new CatalogService(other).searchVariants({ query: 'pack', inStockHere: true, limit: 10 });
    expect(results).toHaveLength(0);
    other.close();
  });
});
