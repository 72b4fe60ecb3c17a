/**
 * The customers' SQL: look-ups as the associate types (loyalty id, email, phone digits, name), the
 * profile (orders, lines, confirmed preferences, notes) and the writes an associate makes. Phone
 * look-ups need the `aisle_digits` function, which the customer service registers on its connection.
 * Also the preferences sync brings from HQ's customers feed (sizes and tastes another laptop confirmed).
 */
import type { customers } from '../db/schema';
import { statement, type Sqlite } from '../db/statements';

type Customer = typeof customers.$inferSelect;

/** One customer as the look-up list shows them. */
export interface CustomerSummaryRow {
  id: Customer['id'];
  externalId: Customer['externalId'];
  firstName: Customer['firstName'];
  lastName: Customer['lastName'];
  email: Customer['email'];
  phone: Customer['phone'];
  loyaltyId: Customer['loyaltyId'];
  city: Customer['city'];
  orderCount: number;
  lastOrderAt: string | null;
}

const SUMMARY_COLUMNS = `c.id, c.external_id AS externalId, c.first_name AS firstName, c.last_name AS lastName,
  c.email, c.phone,
  c.loyalty_id AS loyaltyId, c.city,
  (SELECT count(*) FROM orders o WHERE o.customer_id = c.id) AS orderCount,
  (SELECT max(placed_at) FROM orders o WHERE o.customer_id = c.id) AS lastOrderAt`;

/** LIKE's wildcards taken literally (the queries say ESCAPE '\'). */
export function escapeLike(text: string): string {
  return text.replace(/[%_\\]/g, (m) => '\\' + m);
}

/** Loyalty id or customer id, case-insensitive, exact. */
export function customersByExactId(sqlite: Sqlite, idLower: string, limit: number): CustomerSummaryRow[] {
  return statement<[string, string, number], CustomerSummaryRow>(
    sqlite,
    `SELECT ${SUMMARY_COLUMNS} FROM customers c WHERE lower(c.loyalty_id) = ? OR lower(c.external_id) = ? LIMIT ?`,
  ).all(idLower, idLower, limit);
}

/** Emails starting with a (lower-case, LIKE-escaped) prefix; `ordered` sorts them by email. */
export function customersByEmailPrefix(
  sqlite: Sqlite,
  escapedPrefix: string,
  limit: number,
  ordered: boolean,
): CustomerSummaryRow[] {
  return statement<[string, number], CustomerSummaryRow>(
    sqlite,
    `SELECT ${SUMMARY_COLUMNS} FROM customers c
      WHERE lower(c.email) LIKE ? ESCAPE '\\' ${ordered ? 'ORDER BY c.email' : ''}
     LIMIT ?`,
  ).all(escapedPrefix + '%', limit);
}

/** Phone numbers whose digits contain these digits. */
export function customersByPhoneDigits(sqlite: Sqlite, digits: string, limit: number): CustomerSummaryRow[] {
  return statement<[string, number], CustomerSummaryRow>(
    sqlite,
    `SELECT ${SUMMARY_COLUMNS} FROM customers c WHERE aisle_digits(c.phone) LIKE ? LIMIT ?`,
  ).all(`%${digits}%`, limit);
}

/** Loyalty ids containing these digits. */
export function customersByLoyaltyDigits(sqlite: Sqlite, digits: string, limit: number): CustomerSummaryRow[] {
  return statement<[string, number], CustomerSummaryRow>(
    sqlite,
    `SELECT ${SUMMARY_COLUMNS} FROM customers c WHERE c.loyalty_id LIKE ? LIMIT ?`,
  ).all(`%${digits}%`, limit);
}

/** Every (lower-case, LIKE-escaped) word starts the first or the last name: "jo smi" finds Joanna Smith. */
export function customersByNameWords(
  sqlite: Sqlite,
  escapedWords: readonly string[],
  limit: number,
): CustomerSummaryRow[] {
  const cond = escapedWords
    .map(() => `(lower(c.first_name) LIKE ? ESCAPE '\\' OR lower(c.last_name) LIKE ? ESCAPE '\\')`)
    .join(' AND ');
  const args = escapedWords.flatMap((w) => [w + '%', w + '%']);
  return statement<(string | number)[], CustomerSummaryRow>(
    sqlite,
    `SELECT ${SUMMARY_COLUMNS} FROM customers c WHERE ${cond} ORDER BY c.last_name, c.first_name LIMIT ?`,
  ).all(...args, limit);
}

/** Customers a store served most recently (consultations, then orders). */
export function recentCustomersOfStore(sqlite: Sqlite, store: string, limit: number): CustomerSummaryRow[] {
  return statement<[{ store: string; limit: number }], CustomerSummaryRow>(
    sqlite,
    `SELECT ${SUMMARY_COLUMNS} FROM customers c JOIN (
       SELECT customer_id AS cid, max(t) AS t FROM (
         SELECT customer_id, started_at AS t FROM consultations WHERE store_id = @store AND customer_id IS NOT NULL
         UNION ALL SELECT customer_id, placed_at FROM orders WHERE store_id = @store AND customer_id IS NOT NULL)
       GROUP BY customer_id ORDER BY t DESC LIMIT @limit) r ON r.cid = c.id
     ORDER BY r.t DESC`,
  ).all({ store, limit });
}

/** A customer by the id the source system gave them, by loyalty id, or by database id (a number). */
export function customerIdByAnyId(sqlite: Sqlite, given: string): number | undefined {
  return statement<[string, string, string, string, string], number>(
    sqlite,
    `SELECT id FROM customers WHERE external_id = ? OR loyalty_id = ? OR (? GLOB '[0-9]*' AND id = CAST(? AS INTEGER))
     ORDER BY external_id = ? DESC LIMIT 1`,
    'pluck',
  ).get(given, given, given, given, given);
}

export function customerIdByExternalId(sqlite: Sqlite, externalId: string): number | undefined {
  return statement<[string], number>(sqlite, 'SELECT id FROM customers WHERE external_id = ?', 'pluck').get(externalId);
}

export function customerExternalId(sqlite: Sqlite, id: number): string | undefined {
  return statement<[number], string>(sqlite, 'SELECT external_id FROM customers WHERE id = ?', 'pluck').get(id);
}

// ── the profile ──────────────────────────────────────────────────────────────

export interface CustomerDetailRow {
  id: number;
  externalId: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  loyaltyId: string | null;
  city: string | null;
  tags: string;
  note: string | null;
  acceptsEmail: number;
  acceptsSms: number;
  consent: number;
  syncedAt: string;
}

export function customerDetail(sqlite: Sqlite, id: number): CustomerDetailRow | undefined {
  return statement<[number], CustomerDetailRow>(
    sqlite,
    `SELECT id, external_id AS externalId, first_name AS firstName, last_name AS lastName, email, phone,
            loyalty_id AS loyaltyId, city, tags, note, accepts_email AS acceptsEmail, accepts_sms AS acceptsSms,
            consent_personalization AS consent, synced_at AS syncedAt
     FROM customers WHERE id = ?`,
  ).get(id);
}

export interface ConsentRow {
  id: number;
  consent: number;
}

export function customerConsent(sqlite: Sqlite, id: number): ConsentRow | undefined {
  return statement<[number], ConsentRow>(
    sqlite,
    'SELECT id, consent_personalization AS consent FROM customers WHERE id = ?',
  ).get(id);
}

export interface OrderRow {
  orderId: number;
  externalId: string;
  placedAt: string;
  storeName: string | null;
  total: number;
  currency: string;
}

/** A customer's orders, newest first. */
export function ordersOfCustomer(sqlite: Sqlite, customerId: number): OrderRow[] {
  return statement<[number], OrderRow>(
    sqlite,
    `SELECT o.id AS orderId, o.external_id AS externalId, o.placed_at AS placedAt, st.name AS storeName,
      o.total, o.currency
     FROM orders o LEFT JOIN stores st ON st.id = o.store_id WHERE o.customer_id = ? ORDER BY o.placed_at DESC`,
  ).all(customerId);
}

export function orderCountOfCustomer(sqlite: Sqlite, customerId: number): number {
  return (
    statement<[number], number>(sqlite, 'SELECT count(*) FROM orders WHERE customer_id = ?', 'pluck').get(customerId) ??
    0
  );
}

export interface OrderLineRow {
  orderId: number;
  sku: string | null;
  productId: number | null;
  /** the catalog's title, else the one on the order, else the SKU */
  title: string;
  size: string | null;
  color: string | null;
  quantity: number;
  unitPrice: number;
  imageUrl: string | null;
}

/** Every line of every order of a customer, order by order. */
export function orderLinesOfCustomer(sqlite: Sqlite, customerId: number): OrderLineRow[] {
  return statement<[number], OrderLineRow>(
    sqlite,
    `SELECT ol.order_id AS orderId, ol.sku, v.product_id AS productId, coalesce(p.title, ol.title,
      ol.sku) AS title, v.size,
            v.color, ol.quantity, ol.unit_price AS unitPrice, coalesce(v.image_url, p.image_url) AS imageUrl
     FROM order_lines ol JOIN orders o ON o.id = ol.order_id
     LEFT JOIN variants v ON v.id = ol.variant_id LEFT JOIN products p ON p.id = v.product_id
     WHERE o.customer_id = ? ORDER BY ol.order_id, ol.line_no`,
  ).all(customerId);
}

export interface PurchaseRow {
  sku: string;
  productId: number;
  title: string;
  brand: string | null;
  category: string | null;
  gender: string | null;
  color: string | null;
  size: string | null;
  placedAt: string;
  unitPrice: number;
  quantity: number;
  currency: string;
}

/** What a customer bought that the catalog knows, newest first. */
export function purchasesOfCustomer(sqlite: Sqlite, customerId: number): PurchaseRow[] {
  return statement<[number], PurchaseRow>(
    sqlite,
    `SELECT v.sku, p.id AS productId, p.title, p.brand, p.category, p.gender, v.color, v.size, o.placed_at AS placedAt,
            ol.unit_price AS unitPrice, ol.quantity, o.currency
     FROM orders o JOIN order_lines ol ON ol.order_id = o.id JOIN variants v ON v.id = ol.variant_id
     JOIN products p ON p.id = v.product_id
     WHERE o.customer_id = ? ORDER BY o.placed_at DESC, ol.line_no`,
  ).all(customerId);
}

export interface PreferenceRow {
  kind: string;
  scope: string;
  value: string;
  origin: string;
  evidence: string | null;
}

/** A customer's stored preferences, confirmed ones last (so they win when applied in order). */
export function preferencesOfCustomer(sqlite: Sqlite, customerId: number): PreferenceRow[] {
  return statement<[number], PreferenceRow>(
    sqlite,
    `SELECT kind, scope, value, origin, evidence FROM customer_preferences WHERE customer_id = ?
     ORDER BY origin = 'confirmed'`,
  ).all(customerId);
}

export interface NoteRow {
  id: number | null;
  body: string;
  author: string | null;
  createdAt: string | null;
}

/** Associates' notes on a customer, newest first. */
export function notesOfCustomer(sqlite: Sqlite, customerId: number): NoteRow[] {
  return statement<[number], NoteRow>(
    sqlite,
    `SELECT n.id, n.body, coalesce(a.name, n.associate_id) AS author, n.created_at AS createdAt
     FROM customer_notes n LEFT JOIN associates a ON a.id = n.associate_id
     WHERE n.customer_id = ? ORDER BY n.created_at DESC, n.id DESC`,
  ).all(customerId);
}

// ── what associates write ────────────────────────────────────────────────────

export interface ConfirmedPreference {
  customerId: number;
  kind: string;
  scope: string;
  value: string;
  evidence: string;
  confirmedBy: string | null;
  at: string;
}

export function upsertConfirmedPreference(sqlite: Sqlite, p: ConfirmedPreference): void {
  statement<[ConfirmedPreference], never>(
    sqlite,
    `INSERT INTO customer_preferences (customer_id, kind, scope, value, origin, evidence, confirmed_by, updated_at)
     VALUES (@customerId, @kind, @scope, @value, 'confirmed', @evidence, @confirmedBy, @at)
     ON CONFLICT (customer_id, kind, scope, origin) DO UPDATE SET value = excluded.value, evidence = excluded.evidence,
       confirmed_by = excluded.confirmed_by, updated_at = excluded.updated_at`,
  ).run(p);
}

export function deleteConfirmedPreference(sqlite: Sqlite, customerId: number, kind: string, scope: string): void {
  statement<[number, string, string], never>(
    sqlite,
    `DELETE FROM customer_preferences WHERE customer_id = ? AND kind = ? AND scope = ? AND origin = 'confirmed'`,
  ).run(customerId, kind, scope);
}

export function insertNote(
  sqlite: Sqlite,
  customerId: number,
  associateId: string | null,
  body: string,
  at: string,
): number {
  return Number(
    statement<[number, string | null, string, string], never>(
      sqlite,
      'INSERT INTO customer_notes (customer_id, associate_id, body, created_at) VALUES (?, ?, ?, ?)',
    ).run(customerId, associateId, body, at).lastInsertRowid,
  );
}

// ── confirmed preferences from HQ's customers feed ───────────────────────────

export interface FeedPreference {
  kind: string;
  scope: string;
  value: string;
  /** when it was confirmed, ISO; the per-field rule compares these */
  at: string;
  confirmedBy?: string | null;
}

/**
 * Applies confirmed preferences from the feed with HQ's per-field rule: the value whose own
 * confirmation time is latest wins; on a tie (this laptop's own value coming back) the held value
 * stays. Customers this laptop does not hold are skipped. Runs inside the caller's transaction.
 */
export function applyFeedPreferences(
  sqlite: Sqlite,
  byCustomer: Map<string, FeedPreference[]>,
): { applied: number; kept: number } {
  const held = statement<[number, string, string], { value: string; at: string }>(
    sqlite,
    `SELECT value, updated_at AS at FROM customer_preferences
     WHERE customer_id = ? AND kind = ? AND scope = ? AND origin = 'confirmed'`,
  );
  const upsert = statement<[number, string, string, string, string, string | null, string], never>(
    sqlite,
    `INSERT INTO customer_preferences (customer_id, kind, scope, value, origin, evidence, confirmed_by, updated_at)
     VALUES (?, ?, ?, ?, 'confirmed', ?, ?, ?)
     ON CONFLICT (customer_id, kind, scope, origin) DO UPDATE SET value = excluded.value, evidence = excluded.evidence,
       confirmed_by = excluded.confirmed_by, updated_at = excluded.updated_at`,
  );
  let applied = 0;
  let kept = 0;
  for (const [externalId, prefs] of byCustomer) {
    const id = customerIdByExternalId(sqlite, externalId);
    if (id === undefined) continue;
    for (const p of prefs) {
      const at = Date.parse(p.at);
      if (Number.isNaN(at)) continue;
      const h = held.get(id, p.kind, p.scope);
      if (h && Date.parse(h.at) >= at) {
        kept++;
        continue;
      }
      const iso = new Date(at).toISOString();
      const evidence = `confirmed${p.confirmedBy ? ` by ${p.confirmedBy}` : ''} on ${iso.slice(0, 10)} (another till)`;
      upsert.run(id, p.kind, p.scope, p.value, evidence, p.confirmedBy ?? null, iso);
      applied++;
    }
  }
  return { applied, kept };
}
