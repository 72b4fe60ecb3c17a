/**
 * The catalog page's state lives in the URL hash ("#/catalog?q=jacket&size=M&product=42"), so Back,
 * reload and links from other screens (a consultation card opening a product) land in the same place.
 * This file turns that query string into a 'catalog.search' input and back. Pure.
 */
import type { CatalogSearchInput } from '../../../../src-main/contract';

export const PAGE_SIZE = 24;
export const SORTS = ['relevance', 'price_asc', 'price_desc', 'title'] as const;
export type Sort = (typeof SORTS)[number];
export const LIST_FACETS = ['category', 'brand', 'size', 'color', 'gender'] as const;
export type ListFacet = (typeof LIST_FACETS)[number];

export interface CatalogState {
  q: string;
  category: string[];
  brand: string[];
  size: string[];
  color: string[];
  gender: string[];
  /** minor units */
  priceMin?: number;
  priceMax?: number;
  inStock: boolean;
  sort: Sort;
  /** 1-based */
  page: number;
  product?: number;
}

const intOrUndef = (s: string | null): number | undefined => {
  if (s === null || s.trim() === '') return undefined;
  const n = Number(s);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
};

export function readCatalogState(p: URLSearchParams): CatalogState {
  const sort = p.get('sort') as Sort | null;
  const page = intOrUndef(p.get('page'));
  return {
    q: p.get('q') ?? '',
    category: p.getAll('category'),
    brand: p.getAll('brand'),
    size: p.getAll('size'),
    color: p.getAll('color'),
    gender: p.getAll('gender'),
    priceMin: intOrUndef(p.get('min')),
    priceMax: intOrUndef(p.get('max')),
    inStock: p.get('stock') === 'here',
    sort: sort && SORTS.includes(sort) ? sort : 'relevance',
    page: page && page > 0 ? page : 1,
    product: intOrUndef(p.get('product')),
  };
}

export function writeCatalogState(s: CatalogState): URLSearchParams {
  const p = new URLSearchParams();
  if (s.q) p.set('q', s.q);
  for (const f of LIST_FACETS) for (const v of s[f]) p.append(f, v);
  if (s.priceMin !== undefined) p.set('min', String(s.priceMin));
  if (s.priceMax !== undefined) p.set('max', String(s.priceMax));
  if (s.inStock) p.set('stock', 'here');
  if (s.sort !== 'relevance') p.set('sort', s.sort);
  if (s.page > 1) p.set('page', String(s.page));
  if (s.product !== undefined) p.set('product', String(s.product));
  return p;
}

export function toSearchInput(s: CatalogState): CatalogSearchInput {
  return {
    query: s.q.trim(),
    category: s.category,
    brand: s.brand,
    size: s.size,
    color: s.color,
    gender: s.gender,
    priceMin: s.priceMin,
    priceMax: s.priceMax,
    inStockHere: s.inStock,
    // Relevance needs words; without them the catalogue reads best alphabetically.
    sort: s.sort,
    limit: PAGE_SIZE,
    offset: (s.page - 1) * PAGE_SIZE,
  };
}

/** Any filter set (not counting the search words, sort or page)? */
export function hasFilters(s: CatalogState): boolean {
  return LIST_FACETS.some((f) => s[f].length > 0) || s.priceMin !== undefined || s.priceMax !== undefined || s.inStock;
}

export function toggleValue(list: string[], value: string): string[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}

/** A change of filters or words starts again at page 1; the open product closes only when asked. */
export function withChange(s: CatalogState, change: Partial<CatalogState>): CatalogState {
  const resetsPage = Object.keys(change).some((k) => k !== 'page' && k !== 'product');
  return { ...s, ...change, page: resetsPage ? 1 : (change.page ?? s.page) };
}

export function clearFilters(s: CatalogState): CatalogState {
  return {
    ...s,
    category: [],
    brand: [],
    size: [],
    color: [],
    gender: [],
    priceMin: undefined,
    priceMax: undefined,
    inStock: false,
    page: 1,
  };
}
