/**
 * The SQL that writes the synthetic stores the `aisle bench …` commands measure against (a
 * generated catalog, purchase history, consultation history) into throwaway databases. Each
 * writer is a statement typed by its parameters, prepared once per connection; the benches run
 * them many thousand times inside one transaction. Raw SQL the benches measure on purpose (the
 * FTS5 floor, the raw-insert baseline, the HQ snapshot) stays in those benches.
 */
import { statement, type Sqlite, type Statement } from '../db/statements';

type Text = string | null;
type Int = number | null;
type Flag = 0 | 1;

// ── `aisle bench copilot`: a large generated catalog ────────────────────────

export function catalogBenchWriters(db: Sqlite): {
  store: Statement<[id: string, name: string], never>;
  product: Statement<
    [
      externalId: string,
      title: string,
      brand: string,
      category: string,
      path: string,
      gender: string,
      text: string,
      at: string,
    ],
    never
  >;
  variant: Statement<[sku: string, productId: number, size: string, color: string, price: number, at: string], never>;
  stock: Statement<[variantId: number, storeId: string, quantity: number, at: string], never>;
  order: Statement<[externalId: string, storeId: string, placedAt: string, at: string], never>;
  line: Statement<[orderId: number | bigint, variantId: number], never>;
} {
  return {
    store: statement(db, 'INSERT OR IGNORE INTO stores (id, name) VALUES (?, ?)'),
    product: statement(
      db,
      `INSERT INTO products (external_id, title, brand, category, category_path, gender, tags, search_text, status, source,
         synced_at)
       VALUES (?, ?, ?, ?, ?, ?, '', ?, 'active', 'bench', ?)`,
    ),
    variant: statement(
      db,
      `INSERT INTO variants (sku, product_id, size, color, price, currency, status, source, synced_at)
       VALUES (?, ?, ?, ?, ?, 'GBP', 'active', 'bench', ?)`,
    ),
    stock: statement(
      db,
      `INSERT INTO inventory (variant_id, store_id, quantity, source, synced_at) VALUES (?, ?, ?, 'bench', ?)`,
    ),
    order: statement(
      db,
      `INSERT INTO orders (external_id, store_id, placed_at, currency, total, source, synced_at)
       VALUES (?, ?, ?, 'GBP', 0, 'bench', ?)`,
    ),
    line: statement(
      db,
      `INSERT INTO order_lines (order_id, line_no, variant_id, quantity, unit_price) VALUES (?, 1, ?, 1, 1000)`,
    ),
  };
}

// ── `aisle bench recommend`: a purchase history in store B1 ──────────────────

export function purchaseBenchWriters(db: Sqlite): {
  store: Statement<[], never>;
  product: Statement<[id: number, externalId: string, title: string, at: string], never>;
  variant: Statement<[id: number, sku: string, productId: number, at: string], never>;
  stock: Statement<[variantId: number, at: string], never>;
  customer: Statement<[id: number, externalId: string, at: string], never>;
  order: Statement<[id: number, externalId: string, customerId: number, placedAt: string, at: string], never>;
  line: Statement<[orderId: number, lineNo: number, variantId: number, sku: string], never>;
} {
  return {
    store: statement(db, "INSERT OR IGNORE INTO stores (id, name) VALUES ('B1', 'Bench store')"),
    product: statement(
      db,
      `INSERT INTO products (id, external_id, title, category, consumable, status, source, synced_at)
       VALUES (?, ?, ?, 'Bench', 1, 'active', 'bench', ?)`,
    ),
    variant: statement(
      db,
      `INSERT INTO variants (id, sku, product_id, price, currency, status, source, synced_at)
       VALUES (?, ?, ?, 1000, 'GBP', 'active', 'bench', ?)`,
    ),
    stock: statement(
      db,
      "INSERT INTO inventory (variant_id, store_id, quantity, source, synced_at) VALUES (?, 'B1', 5, 'bench', ?)",
    ),
    customer: statement(
      db,
      "INSERT INTO customers (id, external_id, consent_personalization, source, synced_at) VALUES (?, ?, 1, 'bench', ?)",
    ),
    order: statement(
      db,
      `INSERT INTO orders (id, external_id, customer_id, store_id, placed_at, currency, total, source, synced_at)
       VALUES (?, ?, ?, 'B1', ?, 'GBP', 0, 'bench', ?)`,
    ),
    line: statement(
      db,
      `INSERT INTO order_lines (order_id, line_no, variant_id, sku, quantity, unit_price) VALUES (?, ?, ?, ?, 1, 1000)`,
    ),
  };
}

export function allCustomerIds(db: Sqlite): number[] {
  return statement<[], number>(db, 'SELECT id FROM customers', 'pluck').all();
}

export function allSkus(db: Sqlite): string[] {
  return statement<[], string>(db, 'SELECT sku FROM variants', 'pluck').all();
}

// ── `aisle bench kpi`: a consultation history in store B1 ────────────────────

export function historyBenchWriters(db: Sqlite): {
  store: Statement<[], never>;
  associate: Statement<[id: string, name: string], never>;
  customer: Statement<[id: number, externalId: string, lastName: string, email: string], never>;
  order: Statement<[externalId: string, customerId: number, placedAt: string, total: number], never>;
  consultation: Statement<
    [
      id: string,
      associateId: string,
      customerId: Int,
      startedAt: string,
      endedAt: Text,
      outcome: Text,
      basketValue: Int,
      basketUnits: Int,
      satisfaction: Int,
      customerContext: string,
    ],
    never
  >;
  message: Statement<
    [
      consultationId: string,
      turn: number,
      role: string,
      content: string,
      engine: Text,
      constraints: Text,
      status: string,
      firstSuggestionMs: Int,
      fullReplyMs: Int,
      fallback: Text,
      createdAt: string,
    ],
    never
  >;
  suggestion: Statement<
    [
      consultationId: string,
      messageId: number,
      sku: string,
      rank: number,
      engine: string,
      grounded: Flag,
      shown: Flag,
      shortlisted: Flag,
      bought: Flag,
      rejected: Flag,
    ],
    never
  >;
} {
  return {
    store: statement(db, "INSERT OR IGNORE INTO stores (id, name) VALUES ('B1', 'Bench store')"),
    associate: statement(db, "INSERT INTO associates (id, name, role, store_id) VALUES (?, ?, 'associate', 'B1')"),
    customer: statement(
      db,
      `INSERT INTO customers (id, external_id, first_name, last_name, email, source, synced_at)
       VALUES (?, ?, 'Bench', ?, ?, 'bench', '2025-01-01T00:00:00Z')`,
    ),
    order: statement(
      db,
      `INSERT INTO orders (external_id, customer_id, store_id, placed_at, currency, total, source, synced_at)
       VALUES (?, ?, 'B1', ?, 'GBP', ?, 'bench', '2025-01-01T00:00:00Z')`,
    ),
    consultation: statement(
      db,
      `INSERT INTO consultations (id, store_id, associate_id, customer_id, started_at, ended_at, outcome, basket_value,
         basket_units, currency, satisfaction, customer_context)
       VALUES (?, 'B1', ?, ?, ?, ?, ?, ?, ?, 'GBP', ?, ?)`,
    ),
    message: statement(
      db,
      `INSERT INTO consultation_messages (consultation_id, turn, role, content, engine, constraints, status,
         first_suggestion_ms, full_reply_ms, fallback, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    suggestion: statement(
      db,
      `INSERT INTO consultation_suggestions (consultation_id, message_id, sku, rank, reasons, strategy, engine, grounded,
         shown, shortlisted, bought, rejected)
       VALUES (?, ?, ?, ?, '["fits the budget","in stock here"]', 'search', ?, ?, ?, ?, ?, ?)`,
    ),
  };
}

export type HistoryTable = 'consultations' | 'consultation_messages' | 'consultation_suggestions';

export function benchRowCount(db: Sqlite, table: HistoryTable): number {
  // table is one of three fixed names, never caller text
  return statement<[], number>(db, `SELECT COUNT(*) FROM ${table}`, 'pluck').get() ?? 0;
}

export function benchStoreConsultations(db: Sqlite): number {
  return statement<[], number>(db, "SELECT COUNT(*) FROM consultations WHERE store_id = 'B1'", 'pluck').get() ?? 0;
}

/** A copilot reply arriving elsewhere in the store between two timed Review calls, and its removal. */
export function addBenchReply(db: Sqlite): void {
  statement<[], never>(
    db,
    `INSERT INTO consultation_messages (consultation_id, turn, role, content, engine, status, first_suggestion_ms,
       full_reply_ms, created_at)
     VALUES ('B5', 99, 'assistant', 'bench reply', 'local', 'complete', 150, 900, '2025-06-30T19:00:00.000Z')`,
  ).run();
}

export function removeBenchReplies(db: Sqlite): void {
  statement<[], never>(db, "DELETE FROM consultation_messages WHERE consultation_id = 'B5' AND turn = 99").run();
}
