/**
 * The whole data model of Aisle, in one file so it can be read top to bottom.
 *
 * Conventions (why they are what they are):
 * - Money is integer minor units (pence, cents) beside an ISO 4217 currency: no float rounding.
 * - Times are ISO-8601 UTC strings: JSON-safe across IPC and HTTP, and sortable as text.
 * - Rows that came from a source keep `source` and `syncedAt`, so the UI can say "as of 09:14".
 * - Source identifiers (Shopify handle, GMC item_group_id, customer id…) live in `externalId`;
 *   our own integer ids never leave the database as business keys.
 *
 * To change the model: edit this file, run `npm run db:generate -- --name <why>`, commit the new
 * migration. Never edit a committed migration.
 */
import { sql } from 'drizzle-orm';
import { sqliteTable, text, integer, real, blob, primaryKey, index, uniqueIndex } from 'drizzle-orm/sqlite-core';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

// ── Stores ────────────────────────────────────────────────────────────────────
export const stores = sqliteTable('stores', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  city: text('city'),
  timezone: text('timezone').notNull().default('Europe/London'),
  createdAt: text('created_at').notNull().default(now),
});

// ── Catalog ───────────────────────────────────────────────────────────────────
export const products = sqliteTable(
  'products',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    externalId: text('external_id').notNull(),
    title: text('title').notNull(),
    brand: text('brand'),
    /** Merchant's own product type, last segment ("Jackets"). */
    category: text('category'),
    /** Full path ("Clothing > Outerwear > Jackets") when the source has one. */
    categoryPath: text('category_path'),
    /** women | men | unisex | kids, when known. */
    gender: text('gender'),
    /** Space/comma separated tags, as text so FTS can index them. */
    tags: text('tags').notNull().default(''),
    descriptionHtml: text('description_html'),
    descriptionText: text('description_text'),
    /** Extra words for full-text search (variant colours, materials, uses); kept by the catalog service. */
    searchText: text('search_text').notNull().default(''),
    imageUrl: text('image_url'),
    /** Durable goods are not re-suggested to customers who own them; consumables are. */
    consumable: integer('consumable', { mode: 'boolean' }).notNull().default(false),
    /** active | discontinued | hidden */
    status: text('status').notNull().default('active'),
    attributes: text('attributes', { mode: 'json' }).$type<Record<string, unknown>>(),
    source: text('source').notNull(),
    contentHash: text('content_hash'),
    syncedAt: text('synced_at').notNull(),
    createdAt: text('created_at').notNull().default(now),
    updatedAt: text('updated_at').notNull().default(now),
  },
  (t) => [
    uniqueIndex('products_external_id_uq').on(t.externalId),
    index('products_category_idx').on(t.category),
    index('products_brand_idx').on(t.brand),
    index('products_status_idx').on(t.status),
  ],
);

export const variants = sqliteTable(
  'variants',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sku: text('sku').notNull(),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'restrict' }),
    title: text('title'),
    size: text('size'),
    color: text('color'),
    material: text('material'),
    /** Every option the source named, e.g. {"Size":"M","Color":"Navy","Fit":"Regular"}. */
    options: text('options', { mode: 'json' }).$type<Record<string, string>>(),
    price: integer('price').notNull(),
    salePrice: integer('sale_price'),
    currency: text('currency').notNull(),
    /** Kept as text: leading zeros matter and Excel loves to eat them. */
    gtin: text('gtin'),
    /** The feed's own availability word (in_stock, out_of_stock, preorder, backorder), when given. */
    availability: text('availability'),
    imageUrl: text('image_url'),
    /** active | discontinued | hidden */
    status: text('status').notNull().default('active'),
    source: text('source').notNull(),
    contentHash: text('content_hash'),
    syncedAt: text('synced_at').notNull(),
    createdAt: text('created_at').notNull().default(now),
    updatedAt: text('updated_at').notNull().default(now),
  },
  (t) => [
    uniqueIndex('variants_sku_uq').on(t.sku),
    index('variants_product_idx').on(t.productId),
    index('variants_size_idx').on(t.size),
    index('variants_color_idx').on(t.color),
    index('variants_price_idx').on(t.price),
  ],
);

export const inventory = sqliteTable(
  'inventory',
  {
    variantId: integer('variant_id')
      .notNull()
      .references(() => variants.id, { onDelete: 'cascade' }),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    quantity: integer('quantity').notNull(),
    source: text('source').notNull(),
    syncedAt: text('synced_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.variantId, t.storeId] }), index('inventory_store_idx').on(t.storeId)],
);

// ── Customers ─────────────────────────────────────────────────────────────────
export const customers = sqliteTable(
  'customers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    externalId: text('external_id').notNull(),
    firstName: text('first_name'),
    lastName: text('last_name'),
    email: text('email'),
    phone: text('phone'),
    loyaltyId: text('loyalty_id'),
    city: text('city'),
    country: text('country'),
    /** Marketing consents as exported by the source. */
    acceptsEmail: integer('accepts_email', { mode: 'boolean' }).notNull().default(false),
    acceptsSms: integer('accepts_sms', { mode: 'boolean' }).notNull().default(false),
    /** Personalised suggestions from purchase history. Withheld = false: no personalisation. */
    consentPersonalization: integer('consent_personalization', { mode: 'boolean' }).notNull().default(true),
    tags: text('tags').notNull().default(''),
    /** Note imported from the source (e.g. Shopify customer note). Never leaves for a cloud LLM. */
    note: text('note'),
    source: text('source').notNull(),
    contentHash: text('content_hash'),
    syncedAt: text('synced_at').notNull(),
    createdAt: text('created_at').notNull().default(now),
    updatedAt: text('updated_at').notNull().default(now),
  },
  (t) => [
    uniqueIndex('customers_external_id_uq').on(t.externalId),
    index('customers_email_idx').on(t.email),
    index('customers_phone_idx').on(t.phone),
    index('customers_loyalty_idx').on(t.loyaltyId),
    index('customers_name_idx').on(t.lastName, t.firstName),
  ],
);

/** Sizes and tastes: derived from history (with evidence) and/or confirmed by an associate. */
export const customerPreferences = sqliteTable(
  'customer_preferences',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    /** size | color | brand | category | fit | avoid_color | … */
    kind: text('kind').notNull(),
    /** What the preference is about, e.g. the size domain "tops", "shoes", "waist"; '' when none. */
    scope: text('scope').notNull().default(''),
    value: text('value').notNull(),
    /** derived | confirmed */
    origin: text('origin').notNull(),
    /** Human-readable evidence, e.g. "M in 7 of 9 tops". */
    evidence: text('evidence'),
    confirmedBy: text('confirmed_by'),
    updatedAt: text('updated_at').notNull().default(now),
  },
  (t) => [uniqueIndex('customer_pref_uq').on(t.customerId, t.kind, t.scope, t.origin)],
);

export const customerNotes = sqliteTable(
  'customer_notes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    associateId: text('associate_id'),
    body: text('body').notNull(),
    createdAt: text('created_at').notNull().default(now),
  },
  (t) => [index('customer_notes_customer_idx').on(t.customerId)],
);

// ── Orders ────────────────────────────────────────────────────────────────────
export const orders = sqliteTable(
  'orders',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    externalId: text('external_id').notNull(),
    customerId: integer('customer_id').references(() => customers.id, { onDelete: 'set null' }),
    storeId: text('store_id'),
    placedAt: text('placed_at').notNull(),
    currency: text('currency').notNull(),
    subtotal: integer('subtotal'),
    total: integer('total').notNull(),
    status: text('status'),
    source: text('source').notNull(),
    contentHash: text('content_hash'),
    syncedAt: text('synced_at').notNull(),
  },
  (t) => [
    uniqueIndex('orders_external_id_uq').on(t.externalId),
    index('orders_customer_idx').on(t.customerId, t.placedAt),
    index('orders_placed_idx').on(t.placedAt),
  ],
);

export const orderLines = sqliteTable(
  'order_lines',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    orderId: integer('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    lineNo: integer('line_no').notNull(),
    /** Resolved when the SKU is in the catalog; kept null (with the sku text) when it is not. */
    variantId: integer('variant_id').references(() => variants.id, { onDelete: 'set null' }),
    sku: text('sku'),
    title: text('title'),
    quantity: integer('quantity').notNull(),
    unitPrice: integer('unit_price').notNull(),
  },
  (t) => [
    uniqueIndex('order_lines_order_line_uq').on(t.orderId, t.lineNo),
    index('order_lines_variant_idx').on(t.variantId),
    index('order_lines_sku_idx').on(t.sku),
  ],
);

// ── People working in the store ───────────────────────────────────────────────
export const associates = sqliteTable('associates', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** associate | manager */
  role: text('role').notNull(),
  storeId: text('store_id'),
  /** scrypt hash of the PIN, "scrypt$N$r$p$salt$hash"; null = no PIN set yet. */
  pinHash: text('pin_hash'),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdAt: text('created_at').notNull().default(now),
});

/** Every PIN attempt, for rate limiting failed ones. */
export const pinAttempts = sqliteTable(
  'pin_attempts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    associateId: text('associate_id').notNull(),
    ok: integer('ok', { mode: 'boolean' }).notNull(),
    at: text('at').notNull().default(now),
  },
  (t) => [index('pin_attempts_idx').on(t.associateId, t.at)],
);

// ── Consultations ─────────────────────────────────────────────────────────────
export const consultations = sqliteTable(
  'consultations',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id').notNull(),
    associateId: text('associate_id').notNull(),
    /** null = walk-in. */
    customerId: integer('customer_id').references(() => customers.id, { onDelete: 'set null' }),
    startedAt: text('started_at').notNull(),
    endedAt: text('ended_at'),
    /** purchased | no_purchase | abandoned; null while open. */
    outcome: text('outcome'),
    basketValue: integer('basket_value'),
    basketUnits: integer('basket_units'),
    currency: text('currency'),
    satisfaction: integer('satisfaction'),
    notes: text('notes'),
    /** The customer context as it was when the consultation started (pseudonymous profile). */
    customerContext: text('customer_context', { mode: 'json' }).$type<Record<string, unknown>>(),
    /** Set when retention removed the transcript; outcome and KPIs stay. */
    transcriptPurgedAt: text('transcript_purged_at'),
    updatedAt: text('updated_at').notNull().default(now),
  },
  (t) => [
    index('consultations_started_idx').on(t.startedAt),
    index('consultations_store_idx').on(t.storeId, t.startedAt),
    index('consultations_associate_idx').on(t.associateId, t.startedAt),
    index('consultations_customer_idx').on(t.customerId),
  ],
);

export const consultationMessages = sqliteTable(
  'consultation_messages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    consultationId: text('consultation_id')
      .notNull()
      .references(() => consultations.id, { onDelete: 'cascade' }),
    turn: integer('turn').notNull(),
    /** associate | assistant */
    role: text('role').notNull(),
    content: text('content').notNull(),
    /** For assistant messages: local | llm. */
    engine: text('engine'),
    model: text('model'),
    constraints: text('constraints', { mode: 'json' }).$type<Record<string, unknown>>(),
    questions: text('questions', { mode: 'json' }).$type<string[]>(),
    toolCalls: text('tool_calls', { mode: 'json' }).$type<unknown[]>(),
    /** complete | stopped | error */
    status: text('status').notNull().default('complete'),
    firstSuggestionMs: integer('first_suggestion_ms'),
    fullReplyMs: integer('full_reply_ms'),
    /** Why another engine answered, e.g. "llm timeout after 8000 ms → local". */
    fallback: text('fallback'),
    goodExample: integer('good_example', { mode: 'boolean' }).notNull().default(false),
    createdAt: text('created_at').notNull().default(now),
  },
  (t) => [index('consultation_messages_idx').on(t.consultationId, t.turn)],
);

export const consultationSuggestions = sqliteTable(
  'consultation_suggestions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    consultationId: text('consultation_id')
      .notNull()
      .references(() => consultations.id, { onDelete: 'cascade' }),
    messageId: integer('message_id').references(() => consultationMessages.id, { onDelete: 'set null' }),
    sku: text('sku').notNull(),
    variantId: integer('variant_id').references(() => variants.id, { onDelete: 'set null' }),
    rank: integer('rank').notNull(),
    reasons: text('reasons', { mode: 'json' }).$type<string[]>().notNull(),
    strategy: text('strategy').notNull(),
    engine: text('engine').notNull(),
    score: real('score'),
    /** false = the model named it but it was not grounded; blocked and never shown. */
    grounded: integer('grounded', { mode: 'boolean' }).notNull().default(true),
    shown: integer('shown', { mode: 'boolean' }).notNull().default(true),
    liked: integer('liked', { mode: 'boolean' }).notNull().default(false),
    rejected: integer('rejected', { mode: 'boolean' }).notNull().default(false),
    rejectReason: text('reject_reason'),
    shortlisted: integer('shortlisted', { mode: 'boolean' }).notNull().default(false),
    bought: integer('bought', { mode: 'boolean' }).notNull().default(false),
    createdAt: text('created_at').notNull().default(now),
    updatedAt: text('updated_at').notNull().default(now),
  },
  (t) => [
    index('consultation_suggestions_idx').on(t.consultationId),
    index('consultation_suggestions_msg_idx').on(t.messageId),
  ],
);

/**
 * What each consultation adds to the manager KPIs (src-main/review/kpis.ts), one row per
 * consultation, kept by SQLite triggers on consultations, consultation_messages,
 * consultation_suggestions and orders (migrations/0003_kpi_facts_triggers.sql) so every writer keeps
 * it right without knowing it exists. Each counter is this consultation's contribution (0/1 flags,
 * counts, sums), so a day's figures are plain sums. Never written by application code.
 */
export const consultationFacts = sqliteTable('consultation_facts', {
  consultationId: text('consultation_id').primaryKey(),
  storeId: text('store_id').notNull(),
  /** substr(started_at, 1, 10): the UTC day the consultation started. */
  day: text('day').notNull(),
  associateId: text('associate_id').notNull(),
  /** '' when the consultation has no currency. */
  currency: text('currency').notNull(),
  ended: integer('ended').notNull().default(0),
  purchased: integer('purchased').notNull().default(0),
  knownEnded: integer('known_ended').notNull().default(0),
  followUp: integer('follow_up').notNull().default(0),
  purchasesWithBasket: integer('purchases_with_basket').notNull().default(0),
  units: integer('units').notNull().default(0),
  basketValue: integer('basket_value').notNull().default(0),
  rated: integer('rated').notNull().default(0),
  ratedEnded: integer('rated_ended').notNull().default(0),
  satSum: integer('sat_sum').notNull().default(0),
  sat1: integer('sat1').notNull().default(0),
  sat2: integer('sat2').notNull().default(0),
  sat3: integer('sat3').notNull().default(0),
  sat4: integer('sat4').notNull().default(0),
  sat5: integer('sat5').notNull().default(0),
  engaged: integer('engaged').notNull().default(0),
  turns: integer('turns').notNull().default(0),
  shown: integer('shown').notNull().default(0),
  accepted: integer('accepted').notNull().default(0),
  blocked: integer('blocked').notNull().default(0),
  replies: integer('replies').notNull().default(0),
  fallbacks: integer('fallbacks').notNull().default(0),
  stopped: integer('stopped').notNull().default(0),
});

/**
 * consultation_facts summed per (store, day, associate, currency), kept by triggers on
 * consultation_facts: a year of KPIs reads a few thousand rows instead of a million messages.
 * `n` = consultations; the other columns are the sums of the same-named facts.
 */
export const kpiDaily = sqliteTable(
  'kpi_daily',
  {
    storeId: text('store_id').notNull(),
    day: text('day').notNull(),
    associateId: text('associate_id').notNull(),
    currency: text('currency').notNull(),
    n: integer('n').notNull().default(0),
    ended: integer('ended').notNull().default(0),
    purchased: integer('purchased').notNull().default(0),
    knownEnded: integer('known_ended').notNull().default(0),
    followUp: integer('follow_up').notNull().default(0),
    purchasesWithBasket: integer('purchases_with_basket').notNull().default(0),
    units: integer('units').notNull().default(0),
    basketValue: integer('basket_value').notNull().default(0),
    rated: integer('rated').notNull().default(0),
    ratedEnded: integer('rated_ended').notNull().default(0),
    satSum: integer('sat_sum').notNull().default(0),
    sat1: integer('sat1').notNull().default(0),
    sat2: integer('sat2').notNull().default(0),
    sat3: integer('sat3').notNull().default(0),
    sat4: integer('sat4').notNull().default(0),
    sat5: integer('sat5').notNull().default(0),
    engaged: integer('engaged').notNull().default(0),
    turns: integer('turns').notNull().default(0),
    shown: integer('shown').notNull().default(0),
    accepted: integer('accepted').notNull().default(0),
    blocked: integer('blocked').notNull().default(0),
    replies: integer('replies').notNull().default(0),
    fallbacks: integer('fallbacks').notNull().default(0),
    stopped: integer('stopped').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.storeId, t.day, t.associateId, t.currency] }),
    // Per-associate sums over a range walk this in group order instead of sorting the range.
    index('kpi_daily_associate_idx').on(t.storeId, t.associateId, t.currency, t.day),
  ],
);

/**
 * Copilot reply latencies per (store, day, associate, engine), kept by triggers on
 * consultation_messages and consultations. Exact nearest-rank percentiles need every value, and a
 * year of them (~1M) reads as ~9k small blobs instead of 500k rows. Whole milliseconds from 0 to
 * 16,777,215 are packed as 3-byte big-endian integers (`*_ms`); anything else a writer stored
 * (negative, fractional, larger) goes comma-separated into `*_other`. The order means nothing.
 * first: time to the first suggestion of replies that showed one; full: time to the full reply of
 * completed replies.
 */
export const kpiLatency = sqliteTable(
  'kpi_latency',
  {
    storeId: text('store_id').notNull(),
    day: text('day').notNull(),
    associateId: text('associate_id').notNull(),
    /** the message's engine, 'unknown' when it has none */
    engine: text('engine').notNull(),
    firstMs: blob('first_ms', { mode: 'buffer' })
      .notNull()
      .default(sql`x''`),
    firstOther: text('first_other').notNull().default(''),
    fullMs: blob('full_ms', { mode: 'buffer' })
      .notNull()
      .default(sql`x''`),
    fullOther: text('full_other').notNull().default(''),
  },
  (t) => [
    primaryKey({ columns: [t.storeId, t.day, t.associateId, t.engine] }),
    // Concatenating each associate×engine's lists over a range walks this instead of sorting the blobs.
    index('kpi_latency_associate_idx').on(t.storeId, t.associateId, t.engine, t.day),
  ],
);

/** Everything else that happened in a consultation, in order (stop, regenerate, card actions…). */
export const consultationEvents = sqliteTable(
  'consultation_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    consultationId: text('consultation_id')
      .notNull()
      .references(() => consultations.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    payload: text('payload', { mode: 'json' }).$type<Record<string, unknown>>(),
    at: text('at').notNull().default(now),
  },
  (t) => [index('consultation_events_idx').on(t.consultationId, t.at)],
);

export const coachingNotes = sqliteTable(
  'coaching_notes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    consultationId: text('consultation_id')
      .notNull()
      .references(() => consultations.id, { onDelete: 'cascade' }),
    /** The timeline point the note is about; null = the whole consultation. */
    messageId: integer('message_id').references(() => consultationMessages.id, { onDelete: 'set null' }),
    authorId: text('author_id').notNull(),
    body: text('body').notNull(),
    createdAt: text('created_at').notNull().default(now),
  },
  (t) => [index('coaching_notes_idx').on(t.consultationId)],
);

/** Who read or exported which consultation logs, and when. */
export const accessLog = sqliteTable(
  'access_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    associateId: text('associate_id').notNull(),
    /** view | export | list */
    action: text('action').notNull(),
    consultationId: text('consultation_id'),
    detail: text('detail'),
    at: text('at').notNull().default(now),
  },
  (t) => [index('access_log_at_idx').on(t.at)],
);

// ── Sync ──────────────────────────────────────────────────────────────────────
export const syncRuns = sqliteTable(
  'sync_runs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The configured source's name, or "cli" for a manual `aisle import`. */
    sourceName: text('source_name').notNull(),
    format: text('format').notNull(),
    file: text('file'),
    startedAt: text('started_at').notNull(),
    finishedAt: text('finished_at'),
    /** running | succeeded | partial | failed | cancelled */
    status: text('status').notNull(),
    counts: text('counts', { mode: 'json' }).$type<Record<string, number>>(),
    rejects: text('rejects', { mode: 'json' }).$type<{ line: number; field: string; message: string }[]>(),
    warnings: text('warnings', { mode: 'json' }).$type<string[]>(),
    error: text('error'),
  },
  (t) => [index('sync_runs_source_idx').on(t.sourceName, t.startedAt)],
);

export const syncCursors = sqliteTable(
  'sync_cursors',
  {
    sourceName: text('source_name').notNull(),
    entity: text('entity').notNull(),
    cursor: text('cursor'),
    updatedAt: text('updated_at').notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.sourceName, t.entity] })],
);

/** Anything that must go upstream (consultation records, confirmed notes), sent with idempotency keys. */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    payload: text('payload', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    createdAt: text('created_at').notNull().default(now),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: text('next_attempt_at'),
    lastError: text('last_error'),
    sentAt: text('sent_at'),
  },
  (t) => [uniqueIndex('outbox_key_uq').on(t.idempotencyKey), index('outbox_pending_idx').on(t.sentAt)],
);

// ── Pictures ──────────────────────────────────────────────────────────────────
/**
 * Feed image links and their local copies. The bytes live in the data folder under `images/<hash>`
 * (sha-256 of the content), so two links to one picture share a file and the app needs no network
 * to show it. A link that failed is tried again on a later sync, at most `attempts` times.
 */
export const images = sqliteTable(
  'images',
  {
    url: text('url').primaryKey(),
    /** sha-256 hex of the stored bytes; null until a fetch succeeded */
    hash: text('hash'),
    contentType: text('content_type'),
    bytes: integer('bytes'),
    fetchedAt: text('fetched_at'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    lastAttemptAt: text('last_attempt_at'),
  },
  (t) => [index('images_hash_idx').on(t.hash)],
);

// ── Recommender and settings ──────────────────────────────────────────────────
export const recommenderModels = sqliteTable('recommender_models', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  trainedAt: text('trained_at').notNull(),
  baskets: integer('baskets').notNull(),
  customers: integer('customers').notNull(),
  items: integer('items').notNull(),
  /** e.g. {"repurchase":"active","cooc":"active","ease":"empty: 12,000 items > dense limit"} */
  strategies: text('strategies', { mode: 'json' }).$type<Record<string, string>>().notNull(),
  /** Where the serialized model lives, relative to the data dir. */
  file: text('file').notNull(),
  trainSeconds: real('train_seconds'),
});

export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).notNull(),
  updatedAt: text('updated_at').notNull().default(now),
});
