/**
 * The catalog's SQL: products, variants, stock, full-text ranks, and the one variant-card query
 * every screen and engine that shows a product card reads from (catalog SKU search, the copilot's
 * cards and tools, consultation suggestions). Row types are declared here once; callers never cast.
 */
import type { inventory, products, stores, variants } from '../db/schema';
import { sqlFlag, statement, type Sqlite } from '../db/statements';

type Product = typeof products.$inferSelect;
type Variant = typeof variants.$inferSelect;
type Inventory = typeof inventory.$inferSelect;
type Store = typeof stores.$inferSelect;

// ── the variant card ─────────────────────────────────────────────────────────

/** One SKU as a product card shows it: what it is, what it costs today, and where it is in stock. */
export interface VariantCardRow {
  variantId: Variant['id'];
  sku: Variant['sku'];
  productId: Product['id'];
  /** the product's title: cards name the product, the size and colour say which variant */
  title: Product['title'];
  brand: Product['brand'];
  category: Product['category'];
  gender: Product['gender'];
  size: Variant['size'];
  color: Variant['color'];
  /** what the customer pays today: the sale price when there is one */
  price: number;
  regularPrice: Variant['price'];
  salePrice: Variant['salePrice'];
  currency: Variant['currency'];
  /** units in the store whose stock counts as "here" (0 when no store was asked for) */
  stockHere: number;
  /** units in every other store together */
  stockElsewhere: number;
  /** when "here"'s figure was synced; null without a stock row */
  asOf: Inventory['syncedAt'] | null;
  /** the variant's own image, else the product's */
  imageUrl: string | null;
  /** 1 when the product is consumable (re-suggested to customers who own it) */
  consumable: number;
  /** the variant's options as stored (JSON text), e.g. {"Size":"M","Fit":"Regular"} */
  options: string | null;
  /** 1 when both the product and the variant are active: it can be offered to a customer */
  sellable: number;
}

/** Which SKUs to read as cards. Every list given narrows the result; an empty list matches nothing. */
export interface VariantCardFilter {
  /** whose stock is "here"; null skips the stock columns (callers that cache stock themselves) */
  store: string | null;
  skus?: readonly string[];
  productIds?: readonly number[];
  categories?: readonly string[];
  brands?: readonly string[];
  /** only active products and active variants (what a customer can be offered) */
  activeOnly?: boolean;
  /** only SKUs with stock here (needs a store) */
  inStockHere?: boolean;
}

const CARD_COLUMNS = `v.id AS variantId, v.sku, p.id AS productId, p.title, p.brand, p.category, p.gender,
  v.size, v.color,
  coalesce(v.sale_price, v.price) AS price, v.price AS regularPrice, v.sale_price AS salePrice, v.currency,
  coalesce(v.image_url, p.image_url) AS imageUrl, p.consumable, v.options,
  (p.status = 'active' AND v.status = 'active') AS sellable`;
const STOCK_COLUMNS = `coalesce(i.quantity, 0) AS stockHere, i.synced_at AS asOf,
  (SELECT coalesce(sum(max(o.quantity, 0)), 0) FROM inventory o WHERE o.variant_id = v.id AND o.store_id <> @store)
    AS stockElsewhere`;
const NO_STOCK_COLUMNS = '0 AS stockHere, NULL AS asOf, 0 AS stockElsewhere';

interface VariantCardParams {
  store?: string;
  skus?: string;
  productIds?: string;
  categories?: string;
  brands?: string;
}

/**
 * Product cards for the SKUs the filter names. The SQL is composed from which filters are set (a
 * handful of shapes, each prepared once) so a lookup by SKU or product still uses its index.
 */
export function variantCards(sqlite: Sqlite, filter: VariantCardFilter): VariantCardRow[] {
  const where: string[] = [];
  const params: VariantCardParams = {};
  const withStock = filter.store !== null;
  if (filter.store !== null) params.store = filter.store;
  // "+p.status": lets SQLite use the category/brand/id index rather than the status one
  if (filter.activeOnly) where.push(`+p.status = 'active' AND v.status = 'active'`);
  if (filter.skus) {
    where.push('v.sku IN (SELECT value FROM json_each(@skus))');
    params.skus = JSON.stringify(filter.skus);
  }
  if (filter.productIds) {
    where.push('p.id IN (SELECT value FROM json_each(@productIds))');
    params.productIds = JSON.stringify(filter.productIds);
  }
  if (filter.categories) {
    where.push('p.category IN (SELECT value FROM json_each(@categories))');
    params.categories = JSON.stringify(filter.categories);
  }
  if (filter.brands) {
    where.push('p.brand IN (SELECT value FROM json_each(@brands))');
    params.brands = JSON.stringify(filter.brands);
  }
  if (filter.inStockHere && withStock) where.push('coalesce(i.quantity, 0) > 0');
  const sql = `SELECT ${CARD_COLUMNS}, ${withStock ? STOCK_COLUMNS : NO_STOCK_COLUMNS}
    FROM variants v JOIN products p ON p.id = v.product_id
    ${withStock ? 'LEFT JOIN inventory i ON i.variant_id = v.id AND i.store_id = @store' : ''}
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
  return statement<[VariantCardParams], VariantCardRow>(sqlite, sql).all(params);
}

// ── search ───────────────────────────────────────────────────────────────────

export interface FtsRank {
  /** the product id (product_fts rowid) */
  id: number;
  rank: number;
}

/** Products matching an FTS5 query, best first (title weighs most), at most 2000. */
export function rankedProductIds(sqlite: Sqlite, match: string): FtsRank[] {
  return statement<[string], FtsRank>(
    sqlite,
    `SELECT rowid AS id, bm25(product_fts, 10.0, 4.0, 6.0, 2.0, 1.0) AS rank FROM product_fts
     WHERE product_fts MATCH ? ORDER BY rank LIMIT 2000`,
  ).all(match);
}

/** Product ids matching an FTS5 query, unranked and unbounded. */
export function matchingProductIds(sqlite: Sqlite, match: string): number[] {
  return statement<[string], number>(sqlite, 'SELECT rowid FROM product_fts WHERE product_fts MATCH ?', 'pluck').all(
    match,
  );
}

/** A variant as the facet pass reads it: its attributes, today's price and this store's stock. */
export interface FacetRow {
  productId: number;
  variantId: number;
  category: string | null;
  brand: string | null;
  gender: string | null;
  size: string | null;
  color: string | null;
  price: number;
  regular: number;
  stockHere: number;
}

/** Every variant (active ones unless `includeInactive`) with the stock of `store`. */
export function facetRows(sqlite: Sqlite, store: string, includeInactive: boolean): FacetRow[] {
  return statement<[{ store: string; all: 0 | 1 }], FacetRow>(
    sqlite,
    `SELECT p.id AS productId, v.id AS variantId, p.category, p.brand, p.gender, v.size, v.color,
            coalesce(v.sale_price, v.price) AS price, v.price AS regular,
            coalesce(i.quantity, 0) AS stockHere
     FROM products p
     JOIN variants v ON v.product_id = p.id
     LEFT JOIN inventory i ON i.variant_id = v.id AND i.store_id = @store
     WHERE (@all = 1 OR p.status = 'active') AND (@all = 1 OR v.status = 'active')`,
  ).all({ store, all: sqlFlag(includeInactive) });
}

export type ProductHitRow = Pick<Product, 'id' | 'title' | 'brand' | 'category' | 'gender' | 'imageUrl' | 'status'>;

/** The products with these ids, in no particular order. */
export function productHits(sqlite: Sqlite, ids: readonly number[]): ProductHitRow[] {
  if (!ids.length) return [];
  return statement<[string], ProductHitRow>(
    sqlite,
    `SELECT id, title, brand, category, gender, image_url AS imageUrl, status FROM products
     WHERE id IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify(ids));
}

/** Whether a SKU is in the catalog (whatever its status). */
export function skuExists(sqlite: Sqlite, sku: string): boolean {
  return statement<[string], number>(sqlite, 'SELECT 1 FROM variants WHERE sku = ?', 'pluck').get(sku) !== undefined;
}

/** The currency most variants are priced in; undefined while the catalog is empty. */
export function mainCurrency(sqlite: Sqlite): string | undefined {
  return statement<[], string>(
    sqlite,
    'SELECT currency FROM variants GROUP BY currency ORDER BY count(*) DESC LIMIT 1',
    'pluck',
  ).get();
}

// ── product detail ───────────────────────────────────────────────────────────

export type ProductDetailRow = Pick<
  Product,
  | 'id'
  | 'externalId'
  | 'title'
  | 'brand'
  | 'category'
  | 'categoryPath'
  | 'gender'
  | 'tags'
  | 'descriptionText'
  | 'imageUrl'
  | 'status'
  | 'source'
  | 'syncedAt'
>;

export function productById(sqlite: Sqlite, productId: number): ProductDetailRow | undefined {
  return statement<[number], ProductDetailRow>(
    sqlite,
    `SELECT id, external_id AS externalId, title, brand, category, category_path AS categoryPath, gender, tags,
            description_text AS descriptionText, image_url AS imageUrl, status, source, synced_at AS syncedAt
     FROM products WHERE id = ?`,
  ).get(productId);
}

export type VariantDetailRow = Pick<
  Variant,
  | 'id'
  | 'sku'
  | 'title'
  | 'size'
  | 'color'
  | 'material'
  | 'price'
  | 'salePrice'
  | 'currency'
  | 'gtin'
  | 'status'
  | 'availability'
  | 'imageUrl'
  | 'syncedAt'
> & {
  /** JSON text as stored */
  options: string | null;
};

export function variantsOfProduct(sqlite: Sqlite, productId: number): VariantDetailRow[] {
  return statement<[number], VariantDetailRow>(
    sqlite,
    `SELECT id, sku, title, size, color, material, options, price, sale_price AS salePrice, currency, gtin,
            status, availability, image_url AS imageUrl, synced_at AS syncedAt
     FROM variants WHERE product_id = ? ORDER BY id`,
  ).all(productId);
}

export interface StockLevelRow {
  variantId: Inventory['variantId'];
  storeId: Inventory['storeId'];
  storeName: Store['name'];
  quantity: Inventory['quantity'];
  asOf: Inventory['syncedAt'];
}

/** Every store's stock of every variant of a product. */
export function stockOfProduct(sqlite: Sqlite, productId: number): StockLevelRow[] {
  return statement<[number], StockLevelRow>(
    sqlite,
    `SELECT i.variant_id AS variantId, i.store_id AS storeId, coalesce(st.name, i.store_id) AS storeName,
            i.quantity, i.synced_at AS asOf
     FROM inventory i JOIN variants v ON v.id = i.variant_id LEFT JOIN stores st ON st.id = i.store_id
     WHERE v.product_id = ? ORDER BY i.store_id`,
  ).all(productId);
}

// ── catalog version ──────────────────────────────────────────────────────────

export type CatalogFingerprint = Record<'p' | 'pr' | 'v' | 'vr' | 'i' | 's' | 'sf', number | string | null>;

/** Row counts, newest rowids and the newest sync run: changes whenever the catalog or stock does. */
export function catalogFingerprint(sqlite: Sqlite): CatalogFingerprint | undefined {
  return statement<[], CatalogFingerprint>(
    sqlite,
    `SELECT (SELECT count(*) FROM products) AS p, (SELECT max(rowid) FROM products) AS pr,
            (SELECT count(*) FROM variants) AS v, (SELECT max(rowid) FROM variants) AS vr,
            (SELECT count(*) FROM inventory) AS i, (SELECT max(id) FROM sync_runs) AS s,
            (SELECT max(finished_at) FROM sync_runs) AS sf`,
  ).get();
}

// ── a scanned or typed code ──────────────────────────────────────────────────

export interface CodeMatch {
  productId: number;
  sku: string;
  gtin: string | null;
  title: string;
  size: string | null;
  color: string | null;
}

const CODE_COLUMNS = `p.id AS productId, v.sku, v.gtin, p.title, v.size, v.color
  FROM variants v JOIN products p ON p.id = v.product_id`;

/**
 * The variant a barcode or SKU names. GTINs compare without leading zeros, so a 12-digit UPC-A read
 * by a scanner finds the 13-digit EAN the feed stored (and a GTIN-14 padded with zeros finds either).
 */
export function findVariantByCode(sqlite: Sqlite, code: string): (CodeMatch & { matchedBy: 'gtin' | 'sku' }) | null {
  if (/^\d{8,14}$/.test(code)) {
    const byGtin = statement<[string], CodeMatch>(
      sqlite,
      `SELECT ${CODE_COLUMNS} WHERE ltrim(v.gtin, '0') = ? ORDER BY v.status = 'active' DESC, v.id LIMIT 1`,
    ).get(code.replace(/^0+/, ''));
    if (byGtin) return { ...byGtin, matchedBy: 'gtin' };
  }
  const bySku = statement<[string], CodeMatch>(
    sqlite,
    `SELECT ${CODE_COLUMNS} WHERE v.sku = ? COLLATE NOCASE LIMIT 1`,
  ).get(code);
  return bySku ? { ...bySku, matchedBy: 'sku' } : null;
}
