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
 * The JSON fields of each feed page built by PostgreSQL itself (json_agg of json_build_object,
 * nulls stripped like `compact`): the response text comes straight from the database, with no row
 * objects built, copied and stringified in Node. Orders keep the Node path (`readFeed`).
 */
const PAGE_JSON: Record<Exclude<HqFeed, 'orders'>, { from: string; scope: string; fields: string }> = {
  products: {
    from: 'products t',
    scope: '',
    fields: `'externalId', t.external_id, 'title', t.title, 'brand', t.brand, 'category', t.category,
      'categoryPath', t.category_path, 'gender', t.gender, 'tags', NULLIF(t.tags, ''),
      'descriptionHtml', t.description_html, 'imageUrl', t.image_url, 'status', t.status`,
  },
  variants: {
    from: 'variants t',
    scope: '',
    fields: `'sku', t.sku, 'productExternalId', t.product_external_id, 'title', t.title, 'size', t.size, 'color', t.color,
      'material', t.material, 'options', t.options, 'price', t.price, 'salePrice', t.sale_price, 'currency', t.currency,
      'gtin', t.gtin, 'availability', t.availability, 'imageUrl', t.image_url, 'status', t.status`,
  },
  inventory: {
    from: 'inventory t',
    scope: 'AND t.store_id = $3',
    fields: `'sku', t.sku, 'storeId', t.store_id, 'storeName', (SELECT s.name FROM stores s WHERE s.id = t.store_id),
      'quantity', t.quantity`,
  },
  customers: {
    from: 'customers t',
    // $3 is the device: it already has the notes it took itself and gets everyone else's
    scope: '',
    fields: `'externalId', t.external_id, 'firstName', t.first_name, 'lastName', t.last_name, 'email', t.email,
      'phone', t.phone, 'city', t.city, 'country', t.country, 'acceptsEmail', t.accepts_email,
      'acceptsSms', t.accepts_sms, 'tags', NULLIF(t.tags, ''),
      'note', NULLIF(concat_ws(E'\\n\\n', NULLIF(t.note, ''), (
        SELECT string_agg(n.body || ' — ' || coalesce(n.author, 'an associate') || ', '
                 || to_char(n.at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), E'\\n\\n' ORDER BY n.at, n.id)
        FROM customer_notes n WHERE n.customer_external_id = t.external_id AND n.device_id <> $3)), ''),
      'preferences', (
        SELECT json_agg(json_build_object('kind', p.kind, 'scope', p.scope, 'value', p.value,
                 'at', to_char(p.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'confirmedBy', p.confirmed_by))
        FROM customer_preferences p WHERE p.customer_external_id = t.external_id)`,
  },
};

/** One feed page as response text: `{"items": […], "nextCursor": "…" | null}`. */
export async function readFeedText(
  hdb: HqDatabase,
  feed: HqFeed,
  device: { id: string; storeId: string },
  cursor: number,
  limit: number,
): Promise<string> {
  if (feed === 'orders') return JSON.stringify(await readFeed(hdb, feed, device, cursor, limit));
  const q = PAGE_JSON[feed];
  // $3: the device's store (inventory) or the device (customers' notes); the others have none
  const third = feed === 'inventory' ? [device.storeId] : feed === 'customers' ? [device.id] : [];
  const res = await hdb.pool.query(
    `WITH pg AS (SELECT t.* FROM ${q.from} WHERE t.change_seq > $1 ${q.scope} ORDER BY t.change_seq LIMIT $2)
     SELECT coalesce(json_agg(json_strip_nulls(json_build_object(${q.fields})) ORDER BY t.change_seq), '[]')::text AS items,
            max(t.change_seq)::text AS last
     FROM pg t`,
    [cursor, limit, ...third],
  );
  const row = res.rows[0] as { items: string; last: string | null } | undefined;
  return `{"items":${row?.items ?? '[]'},"nextCursor":${row?.last ? JSON.stringify(row.last) : 'null'}}`;
}
