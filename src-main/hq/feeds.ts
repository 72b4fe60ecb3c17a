/**
 * The pull side of the HQ API: `GET /v1/{entity}?limit=N&cursor=C`. The cursor is the last
 * change_seq the laptop applied; a page is the next N rows by change_seq. Every non-empty page
 * names its last change_seq as nextCursor; an empty page answers null, so after a sync the
 * laptop's cursor sits at the newest row it has and the next pull carries exactly what changed.
 *
 * Scope: products, variants and customers are chain-wide; inventory is the device's store;
 * orders are the device's store plus orders with no store (online), which are everyone's history.
 */
import { and, asc, eq, gt, inArray, isNull, ne, or } from 'drizzle-orm';
import type pg from 'pg';
import type { HqDatabase } from './db';
import { customerNotes, customerPreferences, customers, inventory, orders, products, stores, variants } from './schema';

export const HQ_FEEDS = ['products', 'variants', 'inventory', 'customers', 'orders'] as const;
export type HqFeed = (typeof HQ_FEEDS)[number];

// the laptop configuration allows pageSize up to 5000; bigger pages mean fewer per-page merges on the laptop
export const MAX_PAGE_SIZE = 5000;
export const DEFAULT_PAGE_SIZE = 500;

/**
 * Every transaction that changes pulled rows holds this lock, so change_seq values commit in
 * order and a reader never sees a later value before an earlier one (see schema.ts).
 */
const HQ_WRITE_LOCK = 7_310_013;
export async function lockFeeds(client: pg.PoolClient): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock($1)', [HQ_WRITE_LOCK]);
}

export class FeedRequestError extends Error {}

export function parseCursor(raw: string | null): number {
  if (raw === null || raw === '') return 0;
  if (!/^\d{1,18}$/.test(raw))
    throw new FeedRequestError(`cursor "${raw.slice(0, 40)}" is not one HQ gave out; start again without a cursor`);
  return Number(raw);
}

export function parseLimit(raw: string | null): number {
  if (raw === null || raw === '') return DEFAULT_PAGE_SIZE;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1)
    throw new FeedRequestError(`limit must be a whole number from 1 to ${MAX_PAGE_SIZE}, got "${raw.slice(0, 40)}"`);
  return Math.min(n, MAX_PAGE_SIZE);
}

export interface FeedPage {
  items: Record<string, unknown>[];
  nextCursor: string | null;
}

const page = <T extends { changeSeq: number }>(rows: T[], map: (r: T) => Record<string, unknown>): FeedPage => ({
  items: rows.map(map),
  nextCursor: rows.length ? String(rows[rows.length - 1]!.changeSeq) : null,
});

// Map.groupBy arrives in Node 21; the engines field allows 20
function groupBy<T>(rows: T[], key: (r: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}

/** Drops null/undefined fields: the API marks them optional, and pages are smaller without them. */
function compact(o: Record<string, unknown>): Record<string, unknown> {
  for (const k of Object.keys(o)) if (o[k] == null) delete o[k];
  return o;
}

export async function readFeed(
  hdb: HqDatabase,
  feed: HqFeed,
  device: { id: string; storeId: string },
  cursor: number,
  limit: number,
): Promise<FeedPage> {
  const db = hdb.db;
  switch (feed) {
    case 'products': {
      const rows = await db
        .select()
        .from(products)
        .where(gt(products.changeSeq, cursor))
        .orderBy(asc(products.changeSeq))
        .limit(limit);
      return page(rows, (p) =>
        compact({
          externalId: p.externalId,
          title: p.title,
          brand: p.brand,
          category: p.category,
          categoryPath: p.categoryPath,
          gender: p.gender,
          tags: p.tags || null,
          descriptionHtml: p.descriptionHtml,
          imageUrl: p.imageUrl,
          status: p.status,
        }),
      );
    }
    case 'variants': {
      const rows = await db
        .select()
        .from(variants)
        .where(gt(variants.changeSeq, cursor))
        .orderBy(asc(variants.changeSeq))
        .limit(limit);
      return page(rows, (v) =>
        compact({
          sku: v.sku,
          productExternalId: v.productExternalId,
          title: v.title,
          size: v.size,
          color: v.color,
          material: v.material,
          options: v.options,
          price: v.price,
          salePrice: v.salePrice,
          currency: v.currency,
          gtin: v.gtin,
          availability: v.availability,
          imageUrl: v.imageUrl,
          status: v.status,
        }),
      );
    }
    case 'inventory': {
      const rows = await db
        .select({
          sku: inventory.sku,
          storeId: inventory.storeId,
          storeName: stores.name,
          quantity: inventory.quantity,
          changeSeq: inventory.changeSeq,
        })
        .from(inventory)
        .leftJoin(stores, eq(stores.id, inventory.storeId))
        .where(and(eq(inventory.storeId, device.storeId), gt(inventory.changeSeq, cursor)))
        .orderBy(asc(inventory.changeSeq))
        .limit(limit);
      return page(rows, (i) =>
        compact({ sku: i.sku, storeId: i.storeId, storeName: i.storeName, quantity: i.quantity }),
      );
    }
    case 'customers': {
      const rows = await db
        .select()
        .from(customers)
        .where(gt(customers.changeSeq, cursor))
        .orderBy(asc(customers.changeSeq))
        .limit(limit);
      const ids = rows.map((c) => c.externalId);
      // a laptop already has the notes it took itself; it gets everyone else's
      const notes = ids.length
        ? await db
            .select()
            .from(customerNotes)
            .where(and(inArray(customerNotes.customerExternalId, ids), ne(customerNotes.deviceId, device.id)))
            .orderBy(asc(customerNotes.at), asc(customerNotes.id))
        : [];
      const prefs = ids.length
        ? await db.select().from(customerPreferences).where(inArray(customerPreferences.customerExternalId, ids))
        : [];
      const notesBy = groupBy(notes, (n) => n.customerExternalId);
      const prefsBy = groupBy(prefs, (p) => p.customerExternalId);
      return page(rows, (c) => {
        const text = [
          c.note,
          ...(notesBy.get(c.externalId) ?? []).map(
            (n) => `${n.body} — ${n.author ?? 'an associate'}, ${n.at.slice(0, 10)}`,
          ),
        ]
          .filter(Boolean)
          .join('\n\n');
        const p = prefsBy.get(c.externalId);
        return compact({
          externalId: c.externalId,
          firstName: c.firstName,
          lastName: c.lastName,
          email: c.email,
          phone: c.phone,
          city: c.city,
          country: c.country,
          acceptsEmail: c.acceptsEmail,
          acceptsSms: c.acceptsSms,
          tags: c.tags || null,
          note: text || null,
          // confirmed preferences: laptops apply them by the latest `at` per kind and scope (sync/hq.ts)
          preferences: p?.length
            ? p.map((x) => ({
                kind: x.kind,
                scope: x.scope,
                value: x.value,
                at: new Date(x.at).toISOString(),
                confirmedBy: x.confirmedBy,
              }))
            : null,
        });
      });
    }
    case 'orders': {
      const rows = await db
        .select()
        .from(orders)
        .where(and(or(eq(orders.storeId, device.storeId), isNull(orders.storeId)), gt(orders.changeSeq, cursor)))
        .orderBy(asc(orders.changeSeq))
        .limit(limit);
      return page(rows, (o) =>
        compact({
          externalId: o.externalId,
          customerExternalId: o.customerExternalId,
          storeId: o.storeId,
          placedAt: new Date(o.placedAt).toISOString(),
          currency: o.currency,
          subtotal: o.subtotal,
          total: o.total,
          status: o.status,
          lines: o.lines.map((l) =>
            compact({ sku: l.sku, title: l.title, quantity: l.quantity, unitPrice: l.unitPrice }),
          ),
        }),
      );
    }
  }
}

/** The newest change_seq handed out (0 before any data): what doctor and tests compare cursors with. */
export async function currentChangeSeq(hdb: HqDatabase): Promise<number> {
  const r = await hdb.pool.query(
    `SELECT CASE WHEN is_called THEN last_value ELSE 0 END::bigint AS v FROM hq_change_seq`,
  );
  return Number(r.rows[0].v);
}

/**
 * Each feed page as one plain SELECT in array row mode, columns in the order of the page's JSON keys,
 * the last column the row's change_seq. The page text is written here from those arrays: building it
 * in PostgreSQL (json_build_object per row) cost 7 µs a row of the database's CPU — a 1M-customer
 * first pull spent most of its time there — and drizzle's row objects plus JSON.stringify cost more in
 * Node. Columns named in `json` already hold JSON text (jsonb cast to text, nulls stripped) and are
 * spliced as they are; null values are left out, as `compact` does.
 */
interface FeedQuery {
  keys: readonly string[];
  json?: ReadonlySet<string>;
  /** $1 cursor, $2 limit, $3 the device's store (inventory, orders) or the device (customers) */
  sql: string;
}

const UTC_ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

const FEED_QUERIES: Record<HqFeed, FeedQuery> = {
  products: {
    keys: [
      'externalId',
      'title',
      'brand',
      'category',
      'categoryPath',
      'gender',
      'tags',
      'descriptionHtml',
      'imageUrl',
      'status',
    ],
    sql: `SELECT t.external_id, t.title, t.brand, t.category, t.category_path, t.gender, NULLIF(t.tags, ''),
            t.description_html, t.image_url, t.status, t.change_seq::text
          FROM products t WHERE t.change_seq > $1 ORDER BY t.change_seq LIMIT $2`,
  },
  variants: {
    keys: [
      'sku',
      'productExternalId',
      'title',
      'size',
      'color',
      'material',
      'options',
      'price',
      'salePrice',
      'currency',
      'gtin',
      'availability',
      'imageUrl',
      'status',
    ],
    json: new Set(['options']),
    sql: `SELECT t.sku, t.product_external_id, t.title, t.size, t.color, t.material, t.options::text, t.price,
            t.sale_price, t.currency, t.gtin, t.availability, t.image_url, t.status, t.change_seq::text
          FROM variants t WHERE t.change_seq > $1 ORDER BY t.change_seq LIMIT $2`,
  },
  inventory: {
    keys: ['sku', 'storeId', 'storeName', 'quantity'],
    sql: `SELECT t.sku, t.store_id, s.name, t.quantity, t.change_seq::text
          FROM (SELECT * FROM inventory i WHERE i.store_id = $3 AND i.change_seq > $1 ORDER BY i.change_seq LIMIT $2) t
          LEFT JOIN stores s ON s.id = t.store_id ORDER BY t.change_seq`,
  },
  customers: {
    keys: [
      'externalId',
      'firstName',
      'lastName',
      'email',
      'phone',
      'city',
      'country',
      'acceptsEmail',
      'acceptsSms',
      'tags',
      'note',
      'preferences',
    ],
    json: new Set(['preferences']),
    // the notes and preferences of the page's customers, aggregated once per page (a sub-select per
    // row cost 10 µs a row even with no notes at all); a laptop gets every other laptop's notes
    sql: `WITH pg AS (SELECT * FROM customers c WHERE c.change_seq > $1 ORDER BY c.change_seq LIMIT $2),
          nn AS (SELECT n.customer_external_id AS id,
                   string_agg(n.body || ' — ' || coalesce(n.author, 'an associate') || ', '
                     || to_char(n.at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), E'\n\n' ORDER BY n.at, n.id) AS notes
                 FROM customer_notes n
                 WHERE n.customer_external_id IN (SELECT external_id FROM pg) AND n.device_id <> $3 GROUP BY 1),
          pp AS (SELECT p.customer_external_id AS id,
                   json_agg(json_build_object('kind', p.kind, 'scope', p.scope, 'value', p.value,
                     'at', to_char(p.at AT TIME ZONE 'UTC', ${UTC_ISO}), 'confirmedBy', p.confirmed_by))::text AS prefs
                 FROM customer_preferences p WHERE p.customer_external_id IN (SELECT external_id FROM pg) GROUP BY 1)
          SELECT t.external_id, t.first_name, t.last_name, t.email, t.phone, t.city, t.country, t.accepts_email,
            t.accepts_sms, NULLIF(t.tags, ''), NULLIF(concat_ws(E'\n\n', NULLIF(t.note, ''), nn.notes), ''), pp.prefs,
            t.change_seq::text
          FROM pg t LEFT JOIN nn ON nn.id = t.external_id LEFT JOIN pp ON pp.id = t.external_id ORDER BY t.change_seq`,
  },
  orders: {
    keys: [
      'externalId',
      'customerExternalId',
      'storeId',
      'placedAt',
      'currency',
      'subtotal',
      'total',
      'status',
      'lines',
    ],
    json: new Set(['lines']),
    sql: `SELECT t.external_id, t.customer_external_id, t.store_id, to_char(t.placed_at AT TIME ZONE 'UTC', ${UTC_ISO}),
            t.currency, t.subtotal, t.total, t.status, jsonb_strip_nulls(t.lines)::text, t.change_seq::text
          FROM orders t WHERE (t.store_id = $3 OR t.store_id IS NULL) AND t.change_seq > $1
          ORDER BY t.change_seq LIMIT $2`,
  },
};

/** `"key":` prefixes per feed, with whether the value is spliced as JSON text */
const FEED_KEYS = Object.fromEntries(
  HQ_FEEDS.map((f) => [
    f,
    FEED_QUERIES[f].keys.map((k) => ({ prefix: `${JSON.stringify(k)}:`, raw: !!FEED_QUERIES[f].json?.has(k) })),
  ]),
) as Record<HqFeed, { prefix: string; raw: boolean }[]>;

/** One feed page as response text: `{"items": […], "nextCursor": "…" | null}`. */
export async function readFeedText(
  hdb: HqDatabase,
  feed: HqFeed,
  device: { id: string; storeId: string },
  cursor: number,
  limit: number,
): Promise<string> {
  const q = FEED_QUERIES[feed];
  const third = feed === 'customers' ? [device.id] : feed === 'inventory' || feed === 'orders' ? [device.storeId] : [];
  const res = await hdb.pool.query<unknown[]>({ text: q.sql, values: [cursor, limit, ...third], rowMode: 'array' });
  const keys = FEED_KEYS[feed];
  const items: string[] = new Array<string>(res.rows.length);
  for (let r = 0; r < res.rows.length; r++) {
    const row = res.rows[r]!;
    let item = '';
    for (let i = 0; i < keys.length; i++) {
      const v = row[i];
      if (v == null) continue;
      const k = keys[i]!;
      item += (item ? ',' : '{') + k.prefix + (k.raw ? (v as string) : JSON.stringify(v));
    }
    items[r] = item ? `${item}}` : '{}';
  }
  const last = res.rows.length ? (res.rows[res.rows.length - 1]![keys.length] as string) : null;
  return `{"items":[${items.join(',')}],"nextCursor":${last === null ? 'null' : JSON.stringify(last)}}`;
}
