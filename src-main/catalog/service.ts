/**
 * Catalog search and product detail. Search = FTS5 for the words, then attribute filters and facet
 * counts over the matching variants in memory: a store catalogue is a few thousand SKUs, and doing
 * facets in one pass keeps every facet count consistent with the filters that are set.
 */
import type { Sqlite } from '../db/statements';
import type { AppRuntime } from '../app/runtime';
import type { CatalogSearchOutput, ProductDetail, ProductHit, VariantHit } from '../contract/catalog';
import type { catalogSearchInput } from '../contract/catalog';
import type { z } from 'zod';
import { AppError } from '../contract/errors';
import { ftsQuery } from './fts';
import { PerCatalogVersion } from './version';
import {
  facetRows,
  mainCurrency,
  productById,
  productHits,
  rankedProductIds,
  skuExists,
  stockOfProduct,
  variantCards,
  variantsOfProduct,
  type FacetRow,
} from './queries';

type SearchInput = z.output<typeof catalogSearchInput>;

type FacetName = 'category' | 'brand' | 'size' | 'color' | 'gender';
const FACETS: FacetName[] = ['category', 'brand', 'size', 'color', 'gender'];

const SIZE_ORDER = ['XXS', 'XS', 'S', 'M', 'L', 'XL', 'XXL', '2XL', '3XL'];
/** Sizes read best in their natural order: XS < S < M…, UK 7 < UK 8, 28 < 30. */
export function compareSizes(a: string, b: string): number {
  const ia = SIZE_ORDER.indexOf(a.toUpperCase());
  const ib = SIZE_ORDER.indexOf(b.toUpperCase());
  if (ia >= 0 && ib >= 0) return ia - ib;
  if (ia >= 0) return -1;
  if (ib >= 0) return 1;
  const na = parseFloat(a.replace(/^[^\d]*/, ''));
  const nb = parseFloat(b.replace(/^[^\d]*/, ''));
  const pa = a.replace(/[\d.]+.*$/, '');
  const pb = b.replace(/[\d.]+.*$/, '');
  if (pa === pb && !Number.isNaN(na) && !Number.isNaN(nb) && na !== nb) return na - nb;
  return a.localeCompare(b, 'en', { numeric: true });
}

export class CatalogService {
  private readonly sqlite: Sqlite;
  /** every variant with this store's stock: the facet pass runs over these in memory */
  private readonly rowCache: PerCatalogVersion<FacetRow[]>;

  constructor(private readonly rt: AppRuntime) {
    this.sqlite = rt.adb.sqlite;
    this.rowCache = new PerCatalogVersion(this.sqlite);
  }

  search(input: SearchInput): CatalogSearchOutput {
    const t0 = performance.now();
    const store = this.rt.here().id;
    const q = ftsQuery(input.query);
    let rank: Map<number, number> | null = null;
    if (q) {
      const ranked = rankedProductIds(this.sqlite, q);
      rank = new Map(ranked.map((r, i) => [r.id, i]));
    }
    const all = input.includeDiscontinued ? 1 : 0;
    const every = this.rowCache.get(`${store}:${all}`, () => facetRows(this.sqlite, store, all === 1));
    const rows: FacetRow[] = rank ? every.filter((r) => rank.has(r.productId)) : every;

    const sets: Record<FacetName, Set<string> | null> = {
      category: input.category.length ? new Set(input.category) : null,
      brand: input.brand.length ? new Set(input.brand) : null,
      size: input.size.length ? new Set(input.size) : null,
      color: input.color.length ? new Set(input.color) : null,
      gender: input.gender.length ? new Set(input.gender) : null,
    };
    const passesExcept = (r: FacetRow, except: FacetName | 'price' | null): boolean => {
      for (const f of FACETS) {
        if (f === except) continue;
        const set = sets[f];
        if (set && !set.has(r[f] ?? '')) return false;
      }
      if (except !== 'price') {
        if (input.priceMin !== undefined && r.price < input.priceMin) return false;
        if (input.priceMax !== undefined && r.price > input.priceMax) return false;
      }
      if (input.inStockHere && r.stockHere <= 0) return false;
      return true;
    };

    // Facet counts: distinct products per value, with every filter applied except the facet's own.
    const facetCounts: Record<FacetName, Map<string, Set<number>>> = {
      category: new Map(),
      brand: new Map(),
      size: new Map(),
      color: new Map(),
      gender: new Map(),
    };
    const matched = new Map<number, FacetRow[]>();
    let pMin = Infinity;
    let pMax = -Infinity;
    for (const r of rows) {
      if (passesExcept(r, null)) {
        let list = matched.get(r.productId);
        if (!list) matched.set(r.productId, (list = []));
        list.push(r);
      }
      for (const f of FACETS) {
        const v = r[f];
        if (!v) continue;
        if (!passesExcept(r, f)) continue;
        let s = facetCounts[f].get(v);
        if (!s) facetCounts[f].set(v, (s = new Set()));
        s.add(r.productId);
      }
      if (passesExcept(r, 'price')) {
        if (r.price < pMin) pMin = r.price;
        if (r.price > pMax) pMax = r.price;
      }
    }

    const ids = [...matched.keys()];
    const priceOf = (id: number) => Math.min(...matched.get(id)!.map((r) => r.price));
    if (input.sort === 'price_asc') ids.sort((a, b) => priceOf(a) - priceOf(b));
    else if (input.sort === 'price_desc') ids.sort((a, b) => priceOf(b) - priceOf(a));
    else if (input.sort === 'relevance' && rank) ids.sort((a, b) => rank.get(a)! - rank.get(b)!);
    const pageIds = input.sort === 'title' ? ids : ids.slice(input.offset, input.offset + input.limit);

    const info = productHits(this.sqlite, pageIds);
    const byId = new Map(info.map((p) => [p.id, p]));
    let ordered = pageIds;
    if (input.sort === 'title' || (input.sort === 'relevance' && !rank)) {
      const all = input.sort === 'title' ? ids : pageIds;
      if (input.sort === 'title') {
        const titles = productHits(this.sqlite, all);
        const tmap = new Map(titles.map((t) => [t.id, t.title]));
        ordered = [...all]
          .sort((a, b) => (tmap.get(a) ?? '').localeCompare(tmap.get(b) ?? ''))
          .slice(input.offset, input.offset + input.limit);
        const pageInfo = productHits(this.sqlite, ordered);
        for (const p of pageInfo) byId.set(p.id, p);
      } else {
        ordered = [...pageIds].sort((a, b) => (byId.get(a)?.title ?? '').localeCompare(byId.get(b)?.title ?? ''));
      }
    }
    const currency = this.currency();
    const results: ProductHit[] = ordered.map((id) => {
      const vs = matched.get(id)!;
      const p = byId.get(id)!;
      const sizes = [...new Set(vs.map((v) => v.size).filter((x): x is string => !!x))].sort(compareSizes);
      const colors = [...new Set(vs.map((v) => v.color).filter((x): x is string => !!x))].sort();
      const prices = vs.map((v) => v.price);
      const regular = Math.min(...vs.map((v) => v.regular));
      return {
        productId: id,
        title: p.title,
        brand: p.brand,
        category: p.category,
        gender: p.gender,
        imageUrl: p.imageUrl,
        currency,
        priceMin: Math.min(...prices),
        priceMax: Math.max(...prices),
        regularPriceMin: regular,
        onSale: vs.some((v) => v.price < v.regular),
        sizes,
        colors,
        variantCount: vs.length,
        stockHere: vs.reduce((n, v) => n + Math.max(0, v.stockHere), 0),
        status: p.status,
      };
    });

    const toFacet = (f: FacetName) => {
      const list = [...facetCounts[f].entries()].map(([value, s]) => ({ value, count: s.size }));
      if (f === 'size') return list.sort((a, b) => compareSizes(a.value, b.value));
      return list.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    };
    return {
      total: ids.length,
      results,
      facets: {
        category: toFacet('category'),
        brand: toFacet('brand'),
        size: toFacet('size'),
        color: toFacet('color'),
        gender: toFacet('gender'),
        price: Number.isFinite(pMin) ? { min: pMin, max: pMax, currency } : null,
      },
      tookMs: Math.round((performance.now() - t0) * 100) / 100,
    };
  }

  private currencyCache: string | null = null;
  /** The catalogue's currency (one per store catalogue); GBP until something is imported. */
  private currency(): string {
    if (!this.currencyCache) {
      const currency = mainCurrency(this.sqlite);
      if (!currency) return 'GBP';
      this.currencyCache = currency;
    }
    return this.currencyCache;
  }

  product(productId: number): ProductDetail {
    const p = productById(this.sqlite, productId);
    if (!p) throw new AppError('NOT_FOUND', `Product ${productId} is not in the catalog.`);
    const here = this.rt.here().id;
    const stock = stockOfProduct(this.sqlite, productId);
    const variants = variantsOfProduct(this.sqlite, productId).map((v) => {
      const levels = stock
        .filter((s) => s.variantId === v.id)
        .map((s) => ({
          storeId: s.storeId,
          storeName: s.storeName,
          quantity: s.quantity,
          asOf: s.asOf,
          here: s.storeId === here,
        }));
      return {
        variantId: v.id,
        sku: v.sku,
        title: v.title,
        size: v.size,
        color: v.color,
        material: v.material,
        options: v.options ? (JSON.parse(v.options) as Record<string, string>) : null,
        price: v.price,
        salePrice: v.salePrice,
        currency: v.currency,
        gtin: v.gtin,
        status: v.status,
        availability: v.availability,
        imageUrl: v.imageUrl,
        stockHere: levels.find((l) => l.here)?.quantity ?? 0,
        stock: levels.sort((a, b) => Number(b.here) - Number(a.here) || a.storeName.localeCompare(b.storeName)),
        syncedAt: v.syncedAt,
      };
    });
    variants.sort((a, b) => (a.color ?? '').localeCompare(b.color ?? '') || compareSizes(a.size ?? '', b.size ?? ''));
    return {
      productId: p.id,
      externalId: p.externalId,
      title: p.title,
      brand: p.brand,
      category: p.category,
      categoryPath: p.categoryPath,
      gender: p.gender,
      tags: p.tags
        ? p.tags
            .split(',')
            .map((t) => t.trim())
            .filter(Boolean)
        : [],
      descriptionText: p.descriptionText,
      imageUrl: p.imageUrl,
      status: p.status,
      source: p.source,
      syncedAt: p.syncedAt,
      variants,
    };
  }

  /** SKU-level search: the CLI's `products search`, SKU pickers, the copilot's tools. */
  searchVariants(input: { query: string; inStockHere: boolean; limit: number }): { results: VariantHit[] } {
    const store = this.rt.here().id;
    // A scanned or typed SKU is the most precise query there is: answer it directly.
    const exactSku = input.query.trim();
    const skuHit = exactSku && !/\s/.test(exactSku) && skuExists(this.sqlite, exactSku);
    const q = skuHit ? null : ftsQuery(input.query);
    const ranked = q ? rankedProductIds(this.sqlite, q) : null;
    if (ranked && ranked.length === 0) return { results: [] };
    const rows: VariantHit[] = variantCards(this.sqlite, {
      store,
      activeOnly: true,
      inStockHere: input.inStockHere,
      ...(ranked ? { productIds: ranked.map((r) => r.id) } : {}),
      ...(skuHit ? { skus: [exactSku] } : {}),
    }).map((c) => ({
      sku: c.sku,
      productId: c.productId,
      title: c.title,
      brand: c.brand,
      price: c.regularPrice,
      salePrice: c.salePrice,
      currency: c.currency,
      size: c.size,
      color: c.color,
      stockHere: c.stockHere,
      asOf: c.asOf,
      imageUrl: c.imageUrl,
    }));
    const order = ranked ? new Map(ranked.map((r, i) => [r.id, i])) : null;
    rows.sort(
      (a, b) =>
        (order ? order.get(a.productId)! - order.get(b.productId)! : 0) ||
        b.stockHere - a.stockHere ||
        a.sku.localeCompare(b.sku),
    );
    return { results: rows.slice(0, input.limit) };
  }
}
