/**
 * The SQL of the import's merge engine (merge.ts): reading the keys already stored, and the
 * inserts and updates of products, variants, stores, inventory, customers and orders. The write
 * functions hand back the statement itself, prepared once per connection, so the merger calls it
 * per row without a lookup; each statement's bind parameters are typed in the column order of its SQL.
 */
import { statement, type Sqlite, type Statement } from '../db/statements';

const NOW = "strftime('%Y-%m-%dT%H:%M:%fZ','now')";

// ── stored keys (read once per merge, or once per HQ sync) ───────────────────

/** id, key (external id or SKU), content hash, status, source */
export type StoredKeyRow = [id: number, key: string, contentHash: string | null, status: string, source: string];
/** id, external id, content hash */
export type StoredHashRow = [id: number, externalId: string, contentHash: string | null];

export function storedProductKeys(sqlite: Sqlite): IterableIterator<StoredKeyRow> {
  return statement<[], StoredKeyRow>(
    sqlite,
    'SELECT id, external_id, content_hash, status, source FROM products',
    'raw',
  ).iterate();
}

export function storedVariantKeys(sqlite: Sqlite): IterableIterator<StoredKeyRow> {
  return statement<[], StoredKeyRow>(
    sqlite,
    'SELECT id, sku, content_hash, status, source FROM variants',
    'raw',
  ).iterate();
}

export function storedInventory(
  sqlite: Sqlite,
): IterableIterator<[variantId: number, storeId: string, quantity: number]> {
  return statement<[], [number, string, number]>(
    sqlite,
    'SELECT variant_id, store_id, quantity FROM inventory',
    'raw',
  ).iterate();
}

/** every customer with an e-mail, the e-mail in lower case */
export function storedCustomerEmails(sqlite: Sqlite): IterableIterator<[id: number, email: string]> {
  return statement<[], [number, string]>(
    sqlite,
    'SELECT id, lower(email) FROM customers WHERE email IS NOT NULL',
    'raw',
  ).iterate();
}

export function storedCustomerKeys(sqlite: Sqlite): IterableIterator<StoredHashRow> {
  return statement<[], StoredHashRow>(sqlite, 'SELECT id, external_id, content_hash FROM customers', 'raw').iterate();
}

export function storedOrderKeys(sqlite: Sqlite): IterableIterator<StoredHashRow> {
  return statement<[], StoredHashRow>(sqlite, 'SELECT id, external_id, content_hash FROM orders', 'raw').iterate();
}

/** rows this connection has changed since it opened: with PRAGMA data_version, whether the kept keys still hold */
export function totalChanges(sqlite: Sqlite): number {
  return statement<[], number>(sqlite, 'SELECT total_changes()', 'pluck').get() ?? 0;
}

// ── products and variants ────────────────────────────────────────────────────

/** what an import writes of a product, in the column order of the statements below */
export type ProductValues = [
  title: string,
  brand: string | null,
  category: string | null,
  categoryPath: string | null,
  gender: string | null,
  tags: string,
  descriptionHtml: string | null,
  descriptionText: string | null,
  searchText: string,
  imageUrl: string | null,
  status: string,
  /** JSON */
  attributes: string | null,
  source: string,
  contentHash: string,
  syncedAt: string,
];

export function insertProductStatement(
  sqlite: Sqlite,
): Statement<[externalId: string, ...values: ProductValues], never> {
  return statement(
    sqlite,
    `INSERT INTO products (external_id, title, brand, category, category_path, gender, tags, description_html,
       description_text, search_text, image_url, status, attributes, source, content_hash, synced_at)
     VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
  );
}

export function updateProductStatement(sqlite: Sqlite): Statement<[...values: ProductValues, id: number], never> {
  return statement(
    sqlite,
    `UPDATE products SET title=?, brand=?, category=?, category_path=?, gender=?, tags=?, description_html=?,
       description_text=?, search_text=?, image_url=?, status=?, attributes=?, source=?, content_hash=?, synced_at=?,
       updated_at=${NOW} WHERE id=?`,
  );
}

/** what an import writes of a variant, in the column order of the statements below */
export type VariantValues = [
  title: string | null,
  size: string | null,
  color: string | null,
  material: string | null,
  /** JSON */
  options: string | null,
  price: number,
  salePrice: number | null,
  currency: string,
  gtin: string | null,
  availability: string | null,
  imageUrl: string | null,
  status: string,
  source: string,
  contentHash: string,
  syncedAt: string,
];

export function insertVariantStatement(
  sqlite: Sqlite,
): Statement<[sku: string, productId: number, ...values: VariantValues], never> {
  return statement(
    sqlite,
    `INSERT INTO variants (sku, product_id, title, size, color, material, options, price, sale_price, currency, gtin,
       availability, image_url, status, source, content_hash, synced_at)
     VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
  );
}

export function updateVariantStatement(
  sqlite: Sqlite,
): Statement<[productId: number, ...values: VariantValues, id: number], never> {
  return statement(
    sqlite,
    `UPDATE variants SET product_id=?, title=?, size=?, color=?, material=?, options=?, price=?, sale_price=?,
       currency=?, gtin=?, availability=?, image_url=?, status=?, source=?, content_hash=?, synced_at=?,
       updated_at=${NOW} WHERE id=?`,
  );
}

/** Discontinued, never deleted: a full snapshot no longer lists it. */
export function discontinueVariantStatement(sqlite: Sqlite): Statement<[syncedAt: string, id: number], never> {
  return statement(
    sqlite,
    `UPDATE variants SET status='discontinued', content_hash=NULL, synced_at=?, updated_at=${NOW} WHERE id=?`,
  );
}

export function discontinueProductStatement(sqlite: Sqlite): Statement<[syncedAt: string, id: number], never> {
  return statement(
    sqlite,
    `UPDATE products SET status='discontinued', content_hash=NULL, synced_at=?, updated_at=${NOW} WHERE id=?`,
  );
}

// ── stores and inventory ─────────────────────────────────────────────────────

/** A store the feed names; one already stored is kept as it is (changes = 0). */
export function insertStoreStatement(sqlite: Sqlite): Statement<[id: string, name: string], never> {
  return statement(sqlite, 'INSERT OR IGNORE INTO stores (id, name) VALUES (?, ?)');
}

export function upsertInventoryStatement(
  sqlite: Sqlite,
): Statement<[variantId: number, storeId: string, quantity: number, source: string, syncedAt: string], never> {
  return statement(
    sqlite,
    `INSERT INTO inventory (variant_id, store_id, quantity, source, synced_at) VALUES (?,?,?,?,?)
     ON CONFLICT(variant_id, store_id) DO UPDATE SET quantity=excluded.quantity, source=excluded.source,
       synced_at=excluded.synced_at`,
  );
}

// ── customers ────────────────────────────────────────────────────────────────

/** what an import writes of a customer (also what its content hash covers), in column order */
export type CustomerFields = [
  firstName: string | null,
  lastName: string | null,
  email: string | null,
  phone: string | null,
  city: string | null,
  country: string | null,
  acceptsEmail: 0 | 1,
  acceptsSms: 0 | 1,
  tags: string,
  note: string | null,
];

export function insertCustomerStatement(
  sqlite: Sqlite,
): Statement<
  [externalId: string, ...fields: CustomerFields, source: string, contentHash: string, syncedAt: string],
  never
> {
  return statement(
    sqlite,
    `INSERT INTO customers (external_id, first_name, last_name, email, phone, city, country, accepts_email, accepts_sms,
       tags, note, source, content_hash, synced_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
  );
}

export function updateCustomerStatement(
  sqlite: Sqlite,
): Statement<[...fields: CustomerFields, source: string, contentHash: string, syncedAt: string, id: number], never> {
  return statement(
    sqlite,
    `UPDATE customers SET first_name=?, last_name=?, email=?, phone=?, city=?, country=?, accepts_email=?, accepts_sms=?,
       tags=?, note=?, source=?, content_hash=?, synced_at=?, updated_at=${NOW} WHERE id=?`,
  );
}

// ── orders and their lines ───────────────────────────────────────────────────

/** what an import writes of an order, in column order */
export type OrderFields = [
  customerId: number | null,
  storeId: string | null,
  placedAt: string,
  currency: string,
  subtotal: number | null,
  total: number,
  status: string | null,
];

export function insertOrderStatement(
  sqlite: Sqlite,
): Statement<
  [externalId: string, ...fields: OrderFields, source: string, contentHash: string, syncedAt: string],
  never
> {
  return statement(
    sqlite,
    `INSERT INTO orders (external_id, customer_id, store_id, placed_at, currency, subtotal, total, status, source,
       content_hash, synced_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)`,
  );
}

export function updateOrderStatement(
  sqlite: Sqlite,
): Statement<[...fields: OrderFields, source: string, contentHash: string, syncedAt: string, id: number], never> {
  return statement(
    sqlite,
    `UPDATE orders SET customer_id=?, store_id=?, placed_at=?, currency=?, subtotal=?, total=?, status=?, source=?,
       content_hash=?, synced_at=? WHERE id=?`,
  );
}

/** An updated order's lines are written again whole. */
export function deleteOrderLinesStatement(sqlite: Sqlite): Statement<[orderId: number], never> {
  return statement(sqlite, 'DELETE FROM order_lines WHERE order_id=?');
}

export function insertOrderLineStatement(
  sqlite: Sqlite,
): Statement<
  [
    orderId: number,
    lineNo: number,
    variantId: number | null,
    sku: string | null,
    title: string | null,
    quantity: number,
    unitPrice: number,
  ],
  never
> {
  return statement(
    sqlite,
    'INSERT INTO order_lines (order_id, line_no, variant_id, sku, title, quantity, unit_price) VALUES (?,?,?,?,?,?,?)',
  );
}
