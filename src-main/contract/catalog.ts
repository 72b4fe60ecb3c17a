/** Catalog calls: search with facets, product detail with stock per store. */
import { z } from 'zod';
import { query } from './define';

export const facetCount = z.object({ value: z.string(), count: z.number().int() });

export const productHit = z.object({
  productId: z.number().int(),
  title: z.string(),
  brand: z.string().nullable(),
  category: z.string().nullable(),
  gender: z.string().nullable(),
  imageUrl: z.string().nullable(),
  currency: z.string(),
  /** lowest and highest current price (sale price when on sale), minor units */
  priceMin: z.number().int(),
  priceMax: z.number().int(),
  /** lowest regular price, to show a strike-through when on sale */
  regularPriceMin: z.number().int(),
  onSale: z.boolean(),
  sizes: z.array(z.string()),
  colors: z.array(z.string()),
  variantCount: z.number().int(),
  /** units in this store across variants matching the filters */
  stockHere: z.number().int(),
  status: z.string(),
});
export type ProductHit = z.infer<typeof productHit>;

export const catalogSearchInput = z.object({
  query: z.string().max(500).default(''),
  category: z.array(z.string()).default([]),
  brand: z.array(z.string()).default([]),
  size: z.array(z.string()).default([]),
  color: z.array(z.string()).default([]),
  gender: z.array(z.string()).default([]),
  /** minor units, inclusive */
  priceMin: z.number().int().min(0).optional(),
  priceMax: z.number().int().min(0).optional(),
  inStockHere: z.boolean().default(false),
  includeDiscontinued: z.boolean().default(false),
  sort: z.enum(['relevance', 'price_asc', 'price_desc', 'title']).default('relevance'),
  limit: z.number().int().min(1).max(200).default(24),
  offset: z.number().int().min(0).default(0),
});
export type CatalogSearchInput = z.input<typeof catalogSearchInput>;

export const catalogSearchOutput = z.object({
  total: z.number().int(),
  results: z.array(productHit),
  facets: z.object({
    category: z.array(facetCount),
    brand: z.array(facetCount),
    size: z.array(facetCount),
    color: z.array(facetCount),
    gender: z.array(facetCount),
    price: z.object({ min: z.number().int(), max: z.number().int(), currency: z.string() }).nullable(),
  }),
  tookMs: z.number(),
});
export type CatalogSearchOutput = z.infer<typeof catalogSearchOutput>;

export const stockLevel = z.object({
  storeId: z.string(),
  storeName: z.string(),
  quantity: z.number().int(),
  asOf: z.string(),
  here: z.boolean(),
});

export const variantDetail = z.object({
  variantId: z.number().int(),
  sku: z.string(),
  title: z.string().nullable(),
  size: z.string().nullable(),
  color: z.string().nullable(),
  material: z.string().nullable(),
  options: z.record(z.string(), z.string()).nullable(),
  price: z.number().int(),
  salePrice: z.number().int().nullable(),
  currency: z.string(),
  gtin: z.string().nullable(),
  status: z.string(),
  availability: z.string().nullable(),
  imageUrl: z.string().nullable(),
  stockHere: z.number().int(),
  stock: z.array(stockLevel),
  syncedAt: z.string(),
});
export type VariantDetail = z.infer<typeof variantDetail>;

export const productDetail = z.object({
  productId: z.number().int(),
  externalId: z.string(),
  title: z.string(),
  brand: z.string().nullable(),
  category: z.string().nullable(),
  categoryPath: z.string().nullable(),
  gender: z.string().nullable(),
  tags: z.array(z.string()),
  descriptionText: z.string().nullable(),
  imageUrl: z.string().nullable(),
  status: z.string(),
  source: z.string(),
  syncedAt: z.string(),
  variants: z.array(variantDetail),
});
export type ProductDetail = z.infer<typeof productDetail>;

/** One sellable SKU, as the CLI's `products search` and the SKU pickers show it. */
export const variantHit = z.object({
  sku: z.string(),
  productId: z.number().int(),
  title: z.string(),
  brand: z.string().nullable(),
  price: z.number().int(),
  salePrice: z.number().int().nullable(),
  currency: z.string(),
  size: z.string().nullable(),
  color: z.string().nullable(),
  stockHere: z.number().int(),
  asOf: z.string().nullable(),
  imageUrl: z.string().nullable(),
});
export type VariantHit = z.infer<typeof variantHit>;

/** What a scanned or typed barcode (GTIN) or SKU names: one variant of one product, or nothing. */
export const codeLookupOutput = z.object({
  code: z.string(),
  match: z
    .object({
      productId: z.number().int(),
      sku: z.string(),
      gtin: z.string().nullable(),
      title: z.string(),
      size: z.string().nullable(),
      color: z.string().nullable(),
      matchedBy: z.enum(['gtin', 'sku']),
    })
    .nullable(),
  /** for an unknown code, the sentence the screen shows */
  message: z.string().nullable(),
});
export type CodeLookup = z.infer<typeof codeLookupOutput>;

export const catalogCalls = {
  'catalog.search': query({ input: catalogSearchInput, output: catalogSearchOutput }),
  'catalog.product': query({
    input: z.object({ productId: z.number().int() }),
    output: productDetail,
  }),
  'catalog.searchVariants': query({
    input: z.object({
      query: z.string().max(500).default(''),
      inStockHere: z.boolean().default(false),
      limit: z.number().int().min(1).max(500).default(20),
    }),
    output: z.object({ results: z.array(variantHit) }),
  }),
  /** a barcode scanner (keyboard wedge), the camera, or a GTIN/SKU typed into a search or the chat */
  'catalog.lookupCode': query({
    input: z.object({ code: z.string().trim().min(1).max(64) }),
    output: codeLookupOutput,
  }),
};
