/**
 * The demo loader's SQL: what is in the database (and whether any of it is not demo data), removing
 * the previous demo rows, and the inserts that write a generated store. Each insert takes one row as
 * a tuple in column order; ids of new rows come back as numbers.
 */
import { statement, type Sqlite } from '../db/statements';

type Id = number | null;
type Text = string | null;
type Int = number | null;
type Flag = 0 | 1;

/** Products, customers, orders and consultations together: 0 on a database nobody has used. */
export function userRowCount(sqlite: Sqlite): number {
  return (
    statement<[], number>(
      sqlite,
      `SELECT (SELECT count(*) FROM products) + (SELECT count(*) FROM customers)
            + (SELECT count(*) FROM orders) + (SELECT count(*) FROM consultations)`,
      'pluck',
    ).get() ?? 0
  );
}

export type NonDemoTable = 'products' | 'variants' | 'customers' | 'orders' | 'inventory';

/** Rows of a table that some other source than the demo wrote. */
export function rowsNotFromSource(sqlite: Sqlite, table: NonDemoTable, source: string): number {
  // table is one of five fixed names, never caller text
  return (
    statement<[string], number>(sqlite, `SELECT count(*) FROM ${table} WHERE source <> ?`, 'pluck').get(source) ?? 0
  );
}

/** Consultations whose id does not start with the demo's prefix. */
export function consultationsWithoutPrefix(sqlite: Sqlite, prefix: string): number {
  return (
    statement<[string, string], number>(
      sqlite,
      'SELECT count(*) FROM consultations WHERE substr(id, 1, length(?)) <> ?',
      'pluck',
    ).get(prefix, prefix) ?? 0
  );
}

/** Removes the previous demo load (children first). */
export function deleteDemoRows(sqlite: Sqlite, source: string): void {
  statement<[], never>(sqlite, "DELETE FROM consultations WHERE substr(id, 1, 5) = 'demo-'").run();
  for (const table of ['orders', 'inventory', 'customers', 'variants', 'products'] as const) {
    statement<[string], never>(sqlite, `DELETE FROM ${table} WHERE source = ?`).run(source);
  }
}

export function upsertStore(sqlite: Sqlite, row: [id: string, name: string, city: Text, timezone: string]): void {
  statement<typeof row, never>(
    sqlite,
    `INSERT INTO stores (id, name, city, timezone) VALUES (?, ?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET name = excluded.name, city = excluded.city, timezone = excluded.timezone`,
  ).run(...row);
}

export type ProductInsert = [
  externalId: string,
  title: string,
  brand: Text,
  category: Text,
  categoryPath: Text,
  gender: Text,
  tags: string,
  descriptionHtml: Text,
  descriptionText: Text,
  searchText: string,
  imageUrl: Text,
  consumable: Flag,
  status: string,
  attributes: Text,
  source: string,
  syncedAt: string,
  createdAt: string,
  updatedAt: string,
];

export function insertProduct(sqlite: Sqlite, row: ProductInsert): number {
  return Number(
    statement<ProductInsert, never>(
      sqlite,
      `INSERT INTO products (external_id, title, brand, category, category_path, gender, tags, description_html,
         description_text, search_text, image_url, consumable, status, attributes, source, synced_at,
           created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(...row).lastInsertRowid,
  );
}

export type VariantInsert = [
  sku: string,
  productId: number,
  title: Text,
  size: Text,
  color: Text,
  material: Text,
  options: Text,
  price: number,
  salePrice: Int,
  currency: string,
  gtin: Text,
  availability: Text,
  imageUrl: Text,
  status: string,
  source: string,
  syncedAt: string,
  createdAt: string,
  updatedAt: string,
];

export function insertVariant(sqlite: Sqlite, row: VariantInsert): number {
  return Number(
    statement<VariantInsert, never>(
      sqlite,
      `INSERT INTO variants (sku, product_id, title, size, color, material, options, price, sale_price, currency, gtin,
         availability, image_url, status, source, synced_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(...row).lastInsertRowid,
  );
}

export type InventoryInsert = [variantId: Id, storeId: string, quantity: number, source: string, syncedAt: string];

export function insertInventory(sqlite: Sqlite, row: InventoryInsert): void {
  statement<InventoryInsert, never>(
    sqlite,
    'INSERT INTO inventory (variant_id, store_id, quantity, source, synced_at) VALUES (?, ?, ?, ?, ?)',
  ).run(...row);
}

export type CustomerInsert = [
  externalId: string,
  firstName: Text,
  lastName: Text,
  email: Text,
  phone: Text,
  loyaltyId: Text,
  city: Text,
  country: Text,
  acceptsEmail: Flag,
  acceptsSms: Flag,
  consentPersonalization: Flag,
  tags: string,
  note: Text,
  source: string,
  syncedAt: string,
  createdAt: string,
  updatedAt: string,
];

export function insertCustomer(sqlite: Sqlite, row: CustomerInsert): number {
  return Number(
    statement<CustomerInsert, never>(
      sqlite,
      `INSERT INTO customers (external_id, first_name, last_name, email, phone, loyalty_id, city, country,
        accepts_email,
         accepts_sms, consent_personalization, tags, note, source, synced_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(...row).lastInsertRowid,
  );
}

export type OrderInsert = [
  externalId: string,
  customerId: Id,
  storeId: Text,
  placedAt: string,
  currency: string,
  subtotal: Int,
  total: Int,
  status: Text,
  source: string,
  syncedAt: string,
];

export function insertOrder(sqlite: Sqlite, row: OrderInsert): number {
  return Number(
    statement<OrderInsert, never>(
      sqlite,
      `INSERT INTO orders (external_id, customer_id, store_id, placed_at, currency, subtotal, total, status,
        source, synced_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(...row).lastInsertRowid,
  );
}

export type OrderLineInsert = [
  orderId: number,
  lineNo: number,
  variantId: Id,
  sku: string,
  title: Text,
  quantity: number,
  unitPrice: number,
];

export function insertOrderLine(sqlite: Sqlite, row: OrderLineInsert): void {
  statement<OrderLineInsert, never>(
    sqlite,
    `INSERT INTO order_lines (order_id, line_no, variant_id, sku, title, quantity, unit_price) VALUES (?, ?, ?,
      ?, ?, ?, ?)`,
  ).run(...row);
}

export function upsertAssociate(
  sqlite: Sqlite,
  row: [id: string, name: string, role: string, storeId: Text, pinHash: string],
): void {
  statement<typeof row, never>(
    sqlite,
    `INSERT INTO associates (id, name, role, store_id, pin_hash, active) VALUES (?, ?, ?, ?, ?, 1)
     ON CONFLICT(id) DO UPDATE SET name = excluded.name, role = excluded.role, store_id = excluded.store_id,
       pin_hash = excluded.pin_hash, active = 1`,
  ).run(...row);
}

export type ConsultationInsert = [
  id: string,
  storeId: string,
  associateId: Text,
  customerId: Id,
  startedAt: string,
  endedAt: Text,
  outcome: Text,
  basketValue: Int,
  basketUnits: Int,
  currency: Text,
  satisfaction: Int,
  notes: Text,
  customerContext: Text,
  updatedAt: Text,
];

export function insertConsultation(sqlite: Sqlite, row: ConsultationInsert): void {
  statement<ConsultationInsert, never>(
    sqlite,
    `INSERT INTO consultations (id, store_id, associate_id, customer_id, started_at, ended_at, outcome, basket_value,
       basket_units, currency, satisfaction, notes, customer_context, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(...row);
}

export type MessageInsert = [
  consultationId: string,
  turn: number,
  role: string,
  content: string,
  engine: Text,
  model: Text,
  constraints: Text,
  questions: Text,
  toolCalls: Text,
  status: string,
  firstSuggestionMs: Int,
  fullReplyMs: Int,
  fallback: Text,
  goodExample: Flag,
  createdAt: string,
];

export function insertMessage(sqlite: Sqlite, row: MessageInsert): number {
  return Number(
    statement<MessageInsert, never>(
      sqlite,
      `INSERT INTO consultation_messages (consultation_id, turn, role, content, engine, model, constraints, questions,
         tool_calls, status, first_suggestion_ms, full_reply_ms, fallback, good_example, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(...row).lastInsertRowid,
  );
}

export type SuggestionInsert = [
  consultationId: string,
  messageId: Id,
  sku: string,
  variantId: Id,
  rank: number,
  reasons: string,
  strategy: string,
  engine: string,
  score: number | null,
  grounded: Flag,
  shown: Flag,
  liked: Flag,
  rejected: Flag,
  rejectReason: Text,
  shortlisted: Flag,
  bought: Flag,
  createdAt: string,
  updatedAt: string,
];

export function insertSuggestion(sqlite: Sqlite, row: SuggestionInsert): void {
  statement<SuggestionInsert, never>(
    sqlite,
    `INSERT INTO consultation_suggestions (consultation_id, message_id, sku, variant_id, rank, reasons,
      strategy, engine,
       score, grounded, shown, liked, rejected, reject_reason, shortlisted, bought, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(...row);
}

export function insertEvent(
  sqlite: Sqlite,
  row: [consultationId: string, type: string, payload: Text, at: string],
): void {
  statement<typeof row, never>(
    sqlite,
    'INSERT INTO consultation_events (consultation_id, type, payload, at) VALUES (?, ?, ?, ?)',
  ).run(...row);
}

export function insertCoachingNote(
  sqlite: Sqlite,
  row: [consultationId: string, messageId: Id, authorId: string, body: string, createdAt: string],
): void {
  statement<typeof row, never>(
    sqlite,
    'INSERT INTO coaching_notes (consultation_id, message_id, author_id, body, created_at) VALUES (?, ?, ?, ?, ?)',
  ).run(...row);
}
