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
  if (!/^\d{1,18}$/.test(raw)) throw new FeedRequestError(`cursor "${raw.slice(0, 40)}" is not one HQ gave out; start again without a cursor`);
  return Number(raw);
}

export function parseLimit(raw: string | null): number {
  if (raw === null || raw === '') return DEFAULT_PAGE_SIZE;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new FeedRequestError(`limit must be a whole number from 1 to ${MAX_PAGE_SIZE}, got "${raw.slice(0, 40)}"`);
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

export async function readFeed(hdb: HqDatabase, feed: HqFeed, device: { id: string; storeId: string }, cursor: number, limit: number): Promise<FeedPage> {
  const db = hdb.db;
  switch (feed) {
    case 'products': {
      const rows = await db.select().from(products).where(gt(products.changeSeq, cursor)).orderBy(asc(products.changeSeq)).limit(limit);
      return page(rows, (p) =>
        compact({
          externalId: p.externalId, title: p.title, brand: p.brand, category: p.category, categoryPath: p.categoryPath, gender: p.gender,
          tags: p.tags || null, descriptionHtml: p.descriptionHtml, imageUrl: p.imageUrl, status: p.status,
        }),
      );
    }
    case 'variants': {
      const rows = await db.select().from(variants).where(gt(variants.changeSeq, cursor)).orderBy(asc(variants.changeSeq)).limit(limit);
      return page(rows, (v) =>
        compact({
          sku: v.sku, productExternalId: v.productExternalId, title: v.title, size: v.size, color: v.color, material: v.material, options: v.options,
          price: v.price, salePrice: v.salePrice, currency: v.currency, gtin: v.gtin, availability: v.availability, imageUrl: v.imageUrl, status: v.status,
        }),
      );
    }
    case 'inventory': {
      const rows = await db
        .select({ sku: inventory.sku, storeId: inventory.storeId, storeName: stores.name, quantity: inventory.quantity, changeSeq: inventory.changeSeq })
        .from(inventory)
        .leftJoin(stores, eq(stores.id, inventory.storeId))
        .where(and(eq(inventory.storeId, device.storeId), gt(inventory.changeSeq, cursor)))
        .orderBy(asc(inventory.changeSeq))
        .limit(limit);
      return page(rows, (i) => compact({ sku: i.sku, storeId: i.storeId, storeName: i.storeName, quantity: i.quantity }));
    }
    case 'customers': {
      const rows = await db.select().from(customers).where(gt(customers.changeSeq, cursor)).orderBy(asc(customers.changeSeq)).limit(limit);
      const ids = rows.map((c) => c.externalId);
      // a laptop already has the notes it took itself; it gets everyone else's
      const notes = ids.length
        ? await db
            .select()
            .from(customerNotes)
            .where(and(inArray(customerNotes.customerExternalId, ids), ne(customerNotes.deviceId, device.id)))
            .orderBy(asc(customerNotes.at), asc(customerNotes.id))
        : [];
      const prefs = ids.length ? await db.select().from(customerPreferences).where(inArray(customerPreferences.customerExternalId, ids)) : [];
      const notesBy = groupBy(notes, (n) => n.customerExternalId);
      const prefsBy = groupBy(prefs, (p) => p.customerExternalId);
      return page(rows, (c) => {
        const text = [c.note, ...(notesBy.get(c.externalId) ?? []).map((n) => `${n.body} — ${n.author ?? 'an associate'}, ${n.at.slice(0, 10)}`)].filter(Boolean).join('\n\n');
        const p = prefsBy.get(c.externalId);
        return compact({
          externalId: c.externalId, firstName: c.firstName, lastName: c.lastName, email: c.email, phone: c.phone, city: c.city, country: c.country,
          acceptsEmail: c.acceptsEmail, acceptsSms: c.acceptsSms, tags: c.tags || null, note: text || null,
          // confirmed preferences: laptops apply them by the latest `at` per kind and scope (sync/hq.ts)
          preferences: p?.length
            ? p.map((x) => ({ kind: x.kind, scope: x.scope, value: x.value, at: new Date(x.at).toISOString(), confirmedBy: x.confirmedBy }))
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
          externalId: o.externalId, customerExternalId: o.customerExternalId, storeId: o.storeId, placedAt: new Date(o.placedAt).toISOString(),
          currency: o.currency, subtotal: o.subtotal, total: o.total, status: o.status,
          lines: o.lines.map((l) => compact({ sku: l.sku, title: l.title, quantity: l.quantity, unitPrice: l.unitPrice })),
        }),
      );
    }
  }
}

/** The newest change_seq handed out (0 before any data): what doctor and tests compare cursors with. */
export async function currentChangeSeq(hdb: HqDatabase): Promise<number> {
  const r = await hdb.pool.query(`SELECT CASE WHEN is_called THEN last_value ELSE 0 END::bigint AS v FROM hq_change_seq`);
  return Number(r.rows[0].v);
}

