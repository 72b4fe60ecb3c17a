/**
 * HQ's PostgreSQL data model (drizzle pg-core). Migrations: `npx drizzle-kit generate --config
 * drizzle.hq.config.ts` → migrations-hq/ (committed, append-only).
 *
 * Every row a laptop pulls carries `change_seq`, the next value of one chain-wide sequence taken
 * each time the row really changes. A laptop's cursor is the last change_seq it applied, so a
 * pull returns only what changed since. Writers of these rows take one advisory lock
 * (HQ_WRITE_LOCK in feeds.ts) so sequence values become visible in commit order: a reader can
 * never see 201 committed while 150 is still in flight and skip past it.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

export const changeSeq = pgSequence('hq_change_seq', { startWith: 1, increment: 1 });

const seq = () =>
  bigint('change_seq', { mode: 'number' })
    .notNull()
    .default(sql`nextval('hq_change_seq')`);
const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });

export const stores = pgTable('stores', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  createdAt: at('created_at').notNull().defaultNow(),
});

export const products = pgTable(
  'products',
  {
    externalId: text('external_id').primaryKey(),
    title: text('title').notNull(),
    brand: text('brand'),
    category: text('category'),
    categoryPath: text('category_path'),
    gender: text('gender'),
    tags: text('tags').notNull().default(''),
    descriptionHtml: text('description_html'),
    imageUrl: text('image_url'),
    status: text('status').notNull().default('active'),
    source: text('source'),
    changeSeq: seq(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [index('products_change_seq').on(t.changeSeq)],
);

export const variants = pgTable(
  'variants',
  {
    sku: text('sku').primaryKey(),
    productExternalId: text('product_external_id').notNull(),
    title: text('title'),
    size: text('size'),
    color: text('color'),
    material: text('material'),
    options: jsonb('options').$type<Record<string, string> | null>(),
    price: integer('price').notNull(),
    salePrice: integer('sale_price'),
    currency: text('currency').notNull(),
    gtin: text('gtin'),
    availability: text('availability'),
    imageUrl: text('image_url'),
    status: text('status').notNull().default('active'),
    source: text('source'),
    changeSeq: seq(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [index('variants_change_seq').on(t.changeSeq)],
);

export const inventory = pgTable(
  'inventory',
  {
    storeId: text('store_id').notNull(),
    sku: text('sku').notNull(),
    quantity: integer('quantity').notNull(),
    changeSeq: seq(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.sku] }), index('inventory_store_change_seq').on(t.storeId, t.changeSeq)],
);

export const customers = pgTable(
  'customers',
  {
    externalId: text('external_id').primaryKey(),
    firstName: text('first_name'),
    lastName: text('last_name'),
    email: text('email'),
    phone: text('phone'),
    city: text('city'),
    country: text('country'),
    acceptsEmail: boolean('accepts_email').notNull().default(false),
    acceptsSms: boolean('accepts_sms').notNull().default(false),
    tags: text('tags').notNull().default(''),
    /** the note from the retailer's own customer export; laptop notes live in customer_notes */
    note: text('note'),
    /** per-field time of the value held (import time or the edit's own timestamp): latest wins */
    acceptsEmailAt: at('accepts_email_at'),
    acceptsSmsAt: at('accepts_sms_at'),
    changeSeq: seq(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [index('customers_change_seq').on(t.changeSeq), index('customers_email').on(sql`lower(${t.email})`)],
);

/** Notes taken on laptops; every one is kept and goes back out in the customers feed. */
export const customerNotes = pgTable(
  'customer_notes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    customerExternalId: text('customer_external_id').notNull(),
    deviceId: text('device_id').notNull(),
    body: text('body').notNull(),
    author: text('author'),
    at: at('at').notNull(),
  },
  (t) => [index('customer_notes_customer').on(t.customerExternalId, t.at)],
);

/** Confirmed preferences (sizes…): one value per customer, kind and scope; the latest `at` wins. */
export const customerPreferences = pgTable(
  'customer_preferences',
  {
    customerExternalId: text('customer_external_id').notNull(),
    kind: text('kind').notNull(),
    scope: text('scope').notNull(),
    value: text('value').notNull(),
    confirmedBy: text('confirmed_by'),
    deviceId: text('device_id').notNull(),
    at: at('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.customerExternalId, t.kind, t.scope] })],
);

export const orders = pgTable(
  'orders',
  {
    externalId: text('external_id').primaryKey(),
    customerExternalId: text('customer_external_id'),
    storeId: text('store_id'),
    placedAt: at('placed_at').notNull(),
    currency: text('currency').notNull(),
    subtotal: integer('subtotal'),
    total: integer('total').notNull(),
    status: text('status'),
    lines: jsonb('lines')
      .$type<{ sku: string | null; title: string | null; quantity: number; unitPrice: number }[]>()
      .notNull(),
    changeSeq: seq(),
  },
  (t) => [index('orders_change_seq').on(t.changeSeq), index('orders_store_change_seq').on(t.storeId, t.changeSeq)],
);

/** Enrolled laptops. The token is shown once; only its SHA-256 is stored (it is 256 random bits). */
export const devices = pgTable(
  'devices',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id').notNull(),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
    revokedAt: at('revoked_at'),
    lastSeenAt: at('last_seen_at'),
  },
  (t) => [uniqueIndex('devices_token_hash').on(t.tokenHash)],
);

/** Everything laptops pushed, once per (device, idempotency key). */
export const events = pgTable(
  'events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    deviceId: text('device_id').notNull(),
    storeId: text('store_id').notNull(),
    kind: text('kind').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    createdAt: at('created_at').notNull(),
    receivedAt: at('received_at').notNull().defaultNow(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    /** set while a customer edit waits for a customer HQ does not know; null otherwise */
    unapplied: text('unapplied'),
    // KPI fields of consultation records, stored once at ingest so a year of KPIs reads columns, not JSON
    outcome: text('outcome').generatedAlwaysAs(sql`payload->'consultation'->>'outcome'`),
    basketValue: bigint('basket_value', { mode: 'number' }).generatedAlwaysAs(
      sql`CASE WHEN jsonb_typeof(payload->'consultation'->'basketValue') = 'number' THEN round((payload->'consultation'->>'basketValue')::numeric)::bigint END`,
    ),
    currency: text('currency').generatedAlwaysAs(sql`payload->'consultation'->>'currency'`),
  },
  (t) => [
    uniqueIndex('events_device_key').on(t.deviceId, t.idempotencyKey),
    index('events_kind_store_created').on(t.kind, t.storeId, t.createdAt),
  ],
);

/**
 * Consultations per store and UTC day, kept by event ingest in the same statement that stores the
 * event: chain-wide KPIs over a year read ~365 rows per store instead of every consultation.
 */
export const consultationDays = pgTable(
  'consultation_days',
  {
    storeId: text('store_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    consultations: integer('consultations').notNull(),
    purchased: integer('purchased').notNull(),
    basketValue: bigint('basket_value', { mode: 'number' }).notNull(),
    currency: text('currency'),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.day] })],
);

/** Head-office people who sign in to chain-wide Review. store_manager sees store_id; regional_manager all. */
export const managers = pgTable('managers', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  role: text('role').notNull(),
  storeId: text('store_id'),
  passwordHash: text('password_hash').notNull(),
  createdAt: at('created_at').notNull().defaultNow(),
});

export const managerSessions = pgTable('manager_sessions', {
  tokenHash: text('token_hash').primaryKey(),
  managerId: text('manager_id').notNull(),
  expiresAt: at('expires_at').notNull(),
});

export const hqSchema = {
  stores,
  products,
  variants,
  inventory,
  customers,
  customerNotes,
  customerPreferences,
  orders,
  devices,
  events,
  consultationDays,
  managers,
  managerSessions,
  changeSeq,
};
