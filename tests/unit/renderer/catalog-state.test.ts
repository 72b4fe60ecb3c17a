import { describe, expect, it } from 'vitest';
import {
  clearFilters,
  hasFilters,
  PAGE_SIZE,
  readCatalogState,
  toSearchInput,
  toggleValue,
  withChange,
  writeCatalogState,
} from '../../../src-renderer/src/features/catalog/catalog-state';

describe('catalog page state in the URL hash', () => {
  it('round-trips words, multi-value facets, price, stock switch, sort, page and open product', () => {
    const qs = 'q=rain+jacket&size=M&size=L&color=Navy&min=5000&max=15000&stock=here&sort=price_asc&page=3&product=42';
    const state = readCatalogState(new URLSearchParams(qs));
    expect(state).toMatchObject({
      q: 'rain jacket',
      size: ['M', 'L'],
      color: ['Navy'],
      priceMin: 5000,
      priceMax: 15000,
      inStock: true,
      sort: 'price_asc',
      page: 3,
      product: 42,
    });
    expect(readCatalogState(writeCatalogState(state))).toEqual(state);
  });

  it('turns into a catalog.search input with the right page offset', () => {
    const input = toSearchInput(readCatalogState(new URLSearchParams('q=%20boots%20&brand=Peakline&page=2')));
    expect(input).toMatchObject({
      query: 'boots',
      brand: ['Peakline'],
      inStockHere: false,
      limit: PAGE_SIZE,
      offset: PAGE_SIZE,
    });
  });

  it('ignores nonsense in a hand-edited address instead of failing', () => {
    const s = readCatalogState(new URLSearchParams('sort=cheapest&page=-4&min=abc&product=x'));
    expect(s.sort).toBe('relevance');
    expect(s.page).toBe(1);
    expect(s.priceMin).toBeUndefined();
    expect(s.product).toBeUndefined();
  });

  it('changing a filter goes back to page 1; opening a product keeps the page', () => {
    const s = readCatalogState(new URLSearchParams('page=4'));
    expect(withChange(s, { size: ['M'] }).page).toBe(1);
    expect(withChange(s, { product: 7 }).page).toBe(4);
    expect(withChange(s, { page: 5 }).page).toBe(5);
  });

  it('toggles facet values and clears every filter but keeps the words', () => {
    expect(toggleValue(['M'], 'L')).toEqual(['M', 'L']);
    expect(toggleValue(['M', 'L'], 'M')).toEqual(['L']);
    const s = readCatalogState(new URLSearchParams('q=fleece&size=M&stock=here&max=9000'));
    expect(hasFilters(s)).toBe(true);
    const cleared = clearFilters(s);
    expect(hasFilters(cleared)).toBe(false);
    expect(cleared.q).toBe('fleece');
  });
});
