/**
 * The copilot's SQL: the conversation so far (messages, what was shown, tool calls), the catalog as
 * the local engine indexes it, its vocabulary, sales popularity and stock look-ups. Product cards
 * come from the catalog's variant-card query (catalog/queries.ts), not from here.
 */
import type { products, variants } from '../db/schema';
import { statement, type Sqlite } from '../db/statements';

type Product = typeof products.$inferSelect;
type Variant = typeof variants.$inferSelect;

// ── the conversation ─────────────────────────────────────────────────────────

/** What the associate typed at a turn. */
export function associateMessage(sqlite: Sqlite, consultationId: string, turn: number): string | undefined {
  return statement<[string, number], string>(
    sqlite,
    `SELECT content FROM consultation_messages WHERE consultation_id = ? AND turn = ? AND role = 'associate'`,
    'pluck',
  ).get(consultationId, turn);
}

/** Every SKU suggested at a turn (grounded or not). */
export function skusSuggestedAtTurn(sqlite: Sqlite, consultationId: string, turn: number): string[] {
  return statement<[string, number], string>(
    sqlite,
    `SELECT s.sku FROM consultation_suggestions s JOIN consultation_messages m ON m.id = s.message_id
     WHERE m.consultation_id = ? AND m.turn = ?`,
    'pluck',
  ).all(consultationId, turn);
}

/** How many local-engine replies a turn has had (a regenerate adds one). */
export function localRepliesAtTurn(sqlite: Sqlite, consultationId: string, turn: number): number {
  return (
    statement<[string, number], number>(
      sqlite,
      `SELECT count(*) FROM consultation_messages
       WHERE consultation_id = ? AND turn = ? AND role = 'assistant' AND engine = 'local'`,
      'pluck',
    ).get(consultationId, turn) ?? 0
  );
}

export interface ReplyConstraintsRow {
  id: number;
  /** JSON of CopilotConstraints */
  constraints: string | null;
}

/** The newest local-engine reply before a turn. */
export function lastLocalReplyBefore(
  sqlite: Sqlite,
  consultationId: string,
  beforeTurn: number,
): ReplyConstraintsRow | undefined {
  return statement<[string, number], ReplyConstraintsRow>(
    sqlite,
    `SELECT id, constraints FROM consultation_messages
     WHERE consultation_id = ? AND turn < ? AND role = 'assistant' AND engine = 'local'
     ORDER BY turn DESC, id DESC LIMIT 1`,
  ).get(consultationId, beforeTurn);
}

/** The constraints (JSON) of the newest local-engine reply that had any. */
export function lastLocalConstraints(sqlite: Sqlite, consultationId: string): string | undefined {
  return statement<[string], string>(
    sqlite,
    `SELECT constraints FROM consultation_messages
     WHERE consultation_id = ? AND role = 'assistant' AND engine = 'local' AND constraints IS NOT NULL
     ORDER BY turn DESC, id DESC LIMIT 1`,
    'pluck',
  ).get(consultationId);
}

/** Today's prices of the grounded matches a reply showed, in the order shown (complements left out). */
export function shownMatchPrices(sqlite: Sqlite, messageId: number): number[] {
  return statement<[number], number>(
    sqlite,
    `SELECT coalesce(v.sale_price, v.price) FROM consultation_suggestions s JOIN variants v ON v.sku = s.sku
     WHERE s.message_id = ? AND s.grounded = 1 AND s.strategy <> 'complement' ORDER BY s.rank`,
    'pluck',
  ).all(messageId);
}

/** The tool calls (JSON arrays) recorded on a consultation's messages. */
export function toolCallsOf(sqlite: Sqlite, consultationId: string): string[] {
  return statement<[string], string>(
    sqlite,
    'SELECT tool_calls FROM consultation_messages WHERE consultation_id = ? AND tool_calls IS NOT NULL',
    'pluck',
  ).all(consultationId);
}

export interface HistoryRow {
  turn: number;
  role: string;
  content: string;
  engine: string | null;
}

/** The conversation before a turn, without failed replies, in order. */
export function historyBefore(sqlite: Sqlite, consultationId: string, beforeTurn: number): HistoryRow[] {
  return statement<[string, number], HistoryRow>(
    sqlite,
    `SELECT turn, role, content, engine FROM consultation_messages
     WHERE consultation_id = ? AND turn < ? AND status <> 'error' ORDER BY turn, id`,
  ).all(consultationId, beforeTurn);
}

export interface CustomerNamesRow {
  firstName: string | null;
  lastName: string | null;
  note: string | null;
}

/** The words that identify a customer (for redaction before a cloud model sees the text). */
export function customerNames(sqlite: Sqlite, customerId: number): CustomerNamesRow | undefined {
  return statement<[number], CustomerNamesRow>(
    sqlite,
    'SELECT first_name AS firstName, last_name AS lastName, note FROM customers WHERE id = ?',
  ).get(customerId);
}

export interface SuggestedProductRow {
  consultationId: string;
  sku: string;
  productId: number;
  title: string;
  category: string | null;
  size: string | null;
  price: number;
}

/** A grounded suggestion's product (for "more like this" and "goes with"). */
export function groundedSuggestionProduct(sqlite: Sqlite, suggestionId: number): SuggestedProductRow | undefined {
  return statement<[number], SuggestedProductRow>(
    sqlite,
    `SELECT s.consultation_id AS consultationId, s.sku, p.id AS productId, p.title, p.category, v.size,
            coalesce(v.sale_price, v.price) AS price
     FROM consultation_suggestions s JOIN variants v ON v.sku = s.sku JOIN products p ON p.id = v.product_id
     WHERE s.id = ? AND s.grounded = 1`,
  ).get(suggestionId);
}

// ── the catalog as the engine reads it ───────────────────────────────────────

export function skusOfProduct(sqlite: Sqlite, productId: number): string[] {
  return statement<[number], string>(sqlite, 'SELECT sku FROM variants WHERE product_id = ?', 'pluck').all(productId);
}

export function productDescription(sqlite: Sqlite, productId: number): string | null {
  return (
    statement<[number], string | null>(sqlite, 'SELECT description_text FROM products WHERE id = ?', 'pluck').get(
      productId,
    ) ?? null
  );
}

/** Whether a SKU can be offered: it and its product are active. */
export function isSellableSku(sqlite: Sqlite, sku: string): boolean {
  return (
    statement<[string], number>(
      sqlite,
      `SELECT 1 FROM variants v JOIN products p ON p.id = v.product_id
       WHERE v.sku = ? AND v.status = 'active' AND p.status = 'active'`,
      'pluck',
    ).get(sku) !== undefined
  );
}

export interface IndexRow {
  id: Product['id'];
  title: Product['title'];
  brand: Product['brand'];
  category: Product['category'];
  path: Product['categoryPath'];
  gender: Product['gender'];
  tags: Product['tags'];
  description: Product['descriptionText'];
  consumable: number;
  /** JSON text as stored */
  attributes: string | null;
  variantId: Variant['id'];
  sku: Variant['sku'];
  size: Variant['size'];
  color: Variant['color'];
  material: Variant['material'];
  price: number;
  regular: Variant['price'];
  currency: Variant['currency'];
  imageUrl: string | null;
  /** JSON text as stored */
  options: string | null;
}

/** Every sellable variant with its product's words and attributes, product by product. */
export function catalogIndexRows(sqlite: Sqlite): IndexRow[] {
  return statement<[], IndexRow>(
    sqlite,
    `SELECT p.id, p.title, p.brand, p.category, p.category_path AS path, p.gender, p.tags,
      p.description_text AS description,
            p.consumable, p.attributes, v.id AS variantId, v.sku, v.size, v.color, v.material,
            coalesce(v.sale_price, v.price) AS price, v.price AS regular, v.currency,
            coalesce(v.image_url, p.image_url) AS imageUrl, v.options
     FROM products p JOIN variants v ON v.product_id = p.id
     WHERE p.status = 'active' AND v.status = 'active' ORDER BY p.id, v.id`,
  ).all();
}

export interface CategorySizeRow {
  category: string;
  path: string | null;
  size: string | null;
  n: number;
}

/** Sellable variants per category and size. */
export function categorySizes(sqlite: Sqlite): CategorySizeRow[] {
  return statement<[], CategorySizeRow>(
    sqlite,
    `SELECT p.category AS category, max(p.category_path) AS path, v.size AS size, count(*) AS n
     FROM products p JOIN variants v ON v.product_id = p.id
     WHERE p.status = 'active' AND v.status = 'active' AND p.category IS NOT NULL
     GROUP BY p.category, v.size`,
  ).all();
}

export interface CategoryPriceRow {
  category: string;
  price: number;
}

/** Today's price of every sellable variant, by category then price. */
export function categoryPrices(sqlite: Sqlite): CategoryPriceRow[] {
  return statement<[], CategoryPriceRow>(
    sqlite,
    `SELECT p.category AS category, coalesce(v.sale_price, v.price) AS price FROM products p
      JOIN variants v ON v.product_id = p.id
     WHERE p.status = 'active' AND v.status = 'active' AND p.category IS NOT NULL ORDER BY p.category, price`,
  ).all();
}

export interface CategoryCountRow {
  category: string;
  n: number;
}

/** Active products per category. */
export function categoryProductCounts(sqlite: Sqlite): CategoryCountRow[] {
  return statement<[], CategoryCountRow>(
    sqlite,
    `SELECT category, count(*) AS n FROM products WHERE status = 'active' AND category IS NOT NULL GROUP BY category`,
  ).all();
}

export function activeBrands(sqlite: Sqlite): string[] {
  return statement<[], string>(
    sqlite,
    `SELECT DISTINCT brand FROM products WHERE status = 'active' AND brand IS NOT NULL ORDER BY brand`,
    'pluck',
  ).all();
}

export function activeColours(sqlite: Sqlite): string[] {
  return statement<[], string>(
    sqlite,
    `SELECT DISTINCT color FROM variants WHERE status = 'active' AND color IS NOT NULL ORDER BY color`,
    'pluck',
  ).all();
}

// ── stock and sales ──────────────────────────────────────────────────────────

export interface StockFigure {
  /** the variant id */
  id: number;
  quantity: number;
  asOf: string;
}

/** Every stock figure of one store. */
export function stockOfStore(sqlite: Sqlite, storeId: string): StockFigure[] {
  return statement<[string], StockFigure>(
    sqlite,
    'SELECT variant_id AS id, quantity, synced_at AS asOf FROM inventory WHERE store_id = ?',
  ).all(storeId);
}

export interface StockElsewhereRow {
  store: string;
  quantity: number;
}

/** The two other stores with the most of a variant. */
export function stockElsewhere(sqlite: Sqlite, variantId: number, storeId: string): StockElsewhereRow[] {
  return statement<[number, string], StockElsewhereRow>(
    sqlite,
    `SELECT coalesce(s.name, i.store_id) AS store, i.quantity FROM inventory i LEFT JOIN stores s ON s.id = i.store_id
     WHERE i.variant_id = ? AND i.store_id <> ? AND i.quantity > 0 ORDER BY i.quantity DESC LIMIT 2`,
  ).all(variantId, storeId);
}

export interface StoreStockRow {
  store: string;
  storeId: string;
  quantity: number;
  asOf: string;
}

/** A variant's stock in every store, or only in `onlyStore` when given. */
export function stockOfVariant(sqlite: Sqlite, variantId: number, onlyStore: string | null): StoreStockRow[] {
  return statement<[number, string | null], StoreStockRow>(
    sqlite,
    `SELECT coalesce(s.name, i.store_id) AS store, i.store_id AS storeId, i.quantity, i.synced_at AS asOf
     FROM inventory i LEFT JOIN stores s ON s.id = i.store_id
     WHERE i.variant_id = ? AND (?2 IS NULL OR i.store_id = ?2) ORDER BY i.store_id`,
  ).all(variantId, onlyStore);
}

/** Changes whenever an order line is added or removed. */
export function orderLinesFingerprint(sqlite: Sqlite): string {
  return JSON.stringify(
    statement<[], { n: number; m: number | null }>(sqlite, 'SELECT count(*) AS n, max(id) AS m FROM order_lines').get(),
  );
}

export interface UnitsSoldRow {
  productId: number;
  /** '' for orders without a store */
  storeId: string;
  units: number;
}

/** Units sold per product and store. */
export function unitsSold(sqlite: Sqlite): UnitsSoldRow[] {
  return statement<[], UnitsSoldRow>(
    sqlite,
    `SELECT v.product_id AS productId, coalesce(o.store_id, '') AS storeId, sum(ol.quantity) AS units
     FROM order_lines ol JOIN orders o ON o.id = ol.order_id JOIN variants v ON v.id = ol.variant_id
     GROUP BY v.product_id, o.store_id`,
  ).all();
}
