/**
 * The recommender's SQL: purchase history for training, the saved-model rows, and the per-request
 * look-ups that apply business rules (consent, ownership, product status, size preference). Which
 * variant of a product to show is read through the catalog's variant-card query.
 */
import type { customers, products } from '../db/schema';
import { statement, type Sqlite } from '../db/statements';

type Product = typeof products.$inferSelect;
type Customer = typeof customers.$inferSelect;

/** Lines whose SKU the catalogue no longer knows are skipped; cancelled and refunded orders too. */
const BOUGHT_VARIANT = 'JOIN variants v ON v.id = COALESCE(l.variant_id, (SELECT id FROM variants WHERE sku = l.sku))';

export interface PurchaseLineRow {
  customer_id: number;
  product_id: number;
  placed_at: string;
  store_id: string | null;
}

/** Every purchase line of a known customer: the baskets the model trains on. */
export function purchaseLines(sqlite: Sqlite): PurchaseLineRow[] {
  return statement<[], PurchaseLineRow>(
    sqlite,
    `SELECT o.customer_id, v.product_id, o.placed_at, o.store_id
       FROM order_lines l
       JOIN orders o ON o.id = l.order_id
       ${BOUGHT_VARIANT}
      WHERE o.customer_id IS NOT NULL AND l.quantity > 0
        AND (o.status IS NULL OR o.status NOT IN ('cancelled','refunded'))`,
  ).all();
}

export interface TrainingProductRow {
  id: Product['id'];
  title: Product['title'];
  brand: Product['brand'];
  category: Product['category'];
  category_path: Product['categoryPath'];
  tags: Product['tags'];
  search_text: Product['searchText'];
  consumable: number;
}

/** Every product (the catalogue "more like this" and best-sellers cover), by id. */
export function trainingProducts(sqlite: Sqlite): TrainingProductRow[] {
  return statement<[], TrainingProductRow>(
    sqlite,
    'SELECT id, title, brand, category, category_path, tags, search_text, consumable FROM products ORDER BY id',
  ).all();
}

/** How many orders belong to a known customer (nothing to train on while 0). */
export function customerOrderCount(sqlite: Sqlite): number {
  return statement<[], number>(sqlite, 'SELECT COUNT(*) FROM orders WHERE customer_id IS NOT NULL', 'pluck').get() ?? 0;
}

/** Orders synced after a moment (the model is stale when there are any). */
export function ordersSyncedAfter(sqlite: Sqlite, isoTime: string): number {
  return (
    statement<[string], number>(sqlite, 'SELECT COUNT(*) FROM orders WHERE synced_at > ?', 'pluck').get(isoTime) ?? 0
  );
}

export interface SavedModel {
  trainedAt: string;
  baskets: number;
  customers: number;
  items: number;
  /** JSON: strategy name → "active …" or why it is off */
  strategies: string;
  /** the model file, relative to the data folder */
  file: string;
  trainSeconds: number | null;
}

export function insertSavedModel(sqlite: Sqlite, m: SavedModel): void {
  statement<[SavedModel], never>(
    sqlite,
    `INSERT INTO recommender_models (trained_at, baskets, customers, items, strategies, file, train_seconds)
     VALUES (@trainedAt, @baskets, @customers, @items, @strategies, @file, @trainSeconds)`,
  ).run(m);
}

/** The newest saved model's row. */
export function latestSavedModel(sqlite: Sqlite): SavedModel | undefined {
  return statement<[], SavedModel>(
    sqlite,
    `SELECT trained_at AS trainedAt, baskets, customers, items, strategies, file, train_seconds AS trainSeconds
     FROM recommender_models ORDER BY id DESC LIMIT 1`,
  ).get();
}

export interface ConsentRow {
  id: Customer['id'];
  external_id: Customer['externalId'];
  consent_personalization: number;
}

export function customerConsent(sqlite: Sqlite, customerId: number): ConsentRow | undefined {
  return statement<[number], ConsentRow>(
    sqlite,
    'SELECT id, external_id, consent_personalization FROM customers WHERE id = ?',
  ).get(customerId);
}

export interface SkuProductRow {
  product_id: number;
  title: string;
}

/** The product a SKU belongs to. */
export function productOfSku(sqlite: Sqlite, sku: string): SkuProductRow | undefined {
  return statement<[string], SkuProductRow>(
    sqlite,
    'SELECT v.product_id, p.title FROM variants v JOIN products p ON p.id = v.product_id WHERE v.sku = ?',
  ).get(sku);
}

export interface ProductRulesRow {
  status: Product['status'];
  category: Product['category'];
  category_path: Product['categoryPath'];
  consumable: number;
}

export function productRules(sqlite: Sqlite, productId: number): ProductRulesRow | undefined {
  return statement<[number], ProductRulesRow>(
    sqlite,
    'SELECT status, category, category_path, consumable FROM products WHERE id = ?',
  ).get(productId);
}

/** The customer's size: a confirmed one first, else the newest. */
export function preferredSize(sqlite: Sqlite, customerId: number): string | undefined {
  return statement<[number], string>(
    sqlite,
    `SELECT value FROM customer_preferences WHERE customer_id = ? AND kind = 'size'
     ORDER BY origin = 'confirmed' DESC, updated_at DESC LIMIT 1`,
    'pluck',
  ).get(customerId);
}

/** Products the customer ever bought (any order line, also ones newer than the model). */
export function ownedProductIds(sqlite: Sqlite, customerId: number): number[] {
  return statement<[number], number>(
    sqlite,
    `SELECT DISTINCT v.product_id FROM order_lines l JOIN orders o ON o.id = l.order_id
       ${BOUGHT_VARIANT}
      WHERE o.customer_id = ?`,
    'pluck',
  ).all(customerId);
}
