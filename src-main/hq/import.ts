/**
 * `aisle hq import <format> <file>`: the laptop's own parsers (sync/import.ts PARSERS: one parsing
 * code path) turn the file into staged records; this writes them into PostgreSQL in ONE
 * transaction with array (unnest) upserts. A row whose content did not change keeps its
 * change_seq, so laptops pull only what really changed. A bad file, an error or a kill changes
 * nothing (PostgreSQL rolls the transaction back).
 *
 * `source` (the file or configured source name) is not content: a row re-sent under another file
 * name is unchanged and keeps its source. A full snapshot (GMC) discontinues what its source
 * listed before and no longer lists, so give a daily feed a stable `--source NAME`.
 */
import path from 'node:path';
import type pg from 'pg';
import { IMPORT_FORMATS, type ImportFormat } from '../sync/formats/detect';
import { PARSERS } from '../sync/import';
import { UnusableFileError } from '../sync/input';
import type { Reject, Staged } from '../sync/model';
import type { HqDatabase } from './db';
import { lockFeeds } from './feeds';

export interface EntityCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface HqImportReport {
  format: ImportFormat;
  file: string;
  status: 'succeeded' | 'partial' | 'failed';
  exitCode: 0 | 1 | 2;
  error: string | null;
  rows: {
    products: number;
    variants: number;
    inventoryRows: number;
    customers: number;
    orders: number;
    stores: number;
  };
  byEntity: Record<'products' | 'variants' | 'inventory' | 'customers' | 'orders', EntityCounts>;
  inserted: number;
  updated: number;
  unchanged: number;
  discontinued: number;
  storesCreated: number;
  inventoryUnmatched: number;
  rejected: Reject[];
  warnings: string[];
  /** the change sequence after this import: laptops whose cursor is below it have something to pull */
  changeSeq: number | null;
  seconds: number;
}

/** rows per statement: big enough to be fast, small enough to keep each statement's memory modest */
const CHUNK = 5_000;

function* chunks<T>(rows: T[]): Generator<T[]> {
  for (let i = 0; i < rows.length; i += CHUNK) yield rows.slice(i, i + CHUNK);
}

/** Column-wise arrays for unnest(): one array per column. */
function columns<T>(rows: T[], pick: ((r: T) => unknown)[]): unknown[][] {
  return pick.map((f) => rows.map(f));
}

async function upsert(client: pg.PoolClient, text: string, rows: unknown[][], counts: EntityCounts): Promise<void> {
  const total = rows[0]?.length ?? 0;
  if (!total) return;
  const r = await client.query(text, rows);
  let inserted = 0;
  for (const row of r.rows as { inserted: boolean }[]) if (row.inserted) inserted++;
  counts.inserted += inserted;
  counts.updated += r.rows.length - inserted;
  counts.unchanged += total - r.rows.length;
}

const json = (v: unknown) => (v == null ? null : JSON.stringify(v));

export async function writeStaged(
  client: pg.PoolClient,
  staged: Staged,
  source: string,
): Promise<Pick<HqImportReport, 'byEntity' | 'discontinued' | 'storesCreated' | 'inventoryUnmatched'>> {
  const zero = (): EntityCounts => ({ inserted: 0, updated: 0, unchanged: 0 });
  const byEntity = { products: zero(), variants: zero(), inventory: zero(), customers: zero(), orders: zero() };
  let discontinued = 0;

  // ── stores named by the file (inventory locations, POS orders) ──
  const storeRows = new Map<string, string>();
  for (const s of staged.stores.values()) storeRows.set(s.id, s.name);
  for (const i of staged.inventory) if (!storeRows.has(i.storeId)) storeRows.set(i.storeId, i.storeId);
  for (const o of staged.orders.values())
    if (o.storeId && !storeRows.has(o.storeId)) storeRows.set(o.storeId, o.storeId);
  const storesCreated = storeRows.size
    ? ((
        await client.query(
          'INSERT INTO stores (id, name) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT (id) DO NOTHING',
          [[...storeRows.keys()], [...storeRows.values()]],
        )
      ).rowCount ?? 0)
    : 0;

  // ── products: real ones upsert; placeholders (from inventory/transactions) only fill gaps ──
  const productCols =
    'external_id, title, brand, category, category_path, gender, tags, description_html, image_url, status, source';
  const productSel = `SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[])`;
  type P = Staged['products'] extends Map<string, infer X> ? X : never;
  const productPick: ((p: P) => unknown)[] = [
    (p) => p.externalId,
    (p) => p.title,
    (p) => p.brand,
    (p) => p.category,
    (p) => p.categoryPath,
    (p) => p.gender,
    (p) => p.tags,
    (p) => p.descriptionHtml,
    (p) => p.imageUrl,
    (p) => p.status,
    () => source,
  ];
  const allProducts = [...staged.products.values()];
  for (const part of chunks(allProducts.filter((p) => !p.placeholder))) {
    await upsert(
      client,
      `INSERT INTO products AS p (${productCols}) ${productSel}
       ON CONFLICT (external_id) DO UPDATE SET title = excluded.title, brand = excluded.brand, category = excluded.category,
         category_path = excluded.category_path, gender = excluded.gender, tags = excluded.tags, description_html = excluded.description_html,
         image_url = excluded.image_url, status = excluded.status, source = excluded.source, change_seq = nextval('hq_change_seq'), updated_at = now()
       WHERE (p.title, p.brand, p.category, p.category_path, p.gender, p.tags, p.description_html, p.image_url, p.status)
         IS DISTINCT FROM (excluded.title, excluded.brand, excluded.category, excluded.category_path, excluded.gender, excluded.tags,
           excluded.description_html, excluded.image_url, excluded.status)
       RETURNING (xmax = 0) AS inserted`,
      columns(part, productPick),
      byEntity.products,
    );
  }
  for (const part of chunks(allProducts.filter((p) => p.placeholder))) {
    await upsert(
      client,
      `INSERT INTO products (${productCols}) ${productSel} ON CONFLICT (external_id) DO NOTHING RETURNING true AS inserted`,
      columns(part, productPick),
      byEntity.products,
    );
  }

  // ── variants ──
  type V = Staged['variants'] extends Map<string, infer X> ? X : never;
  const variantCols =
    'sku, product_external_id, title, size, color, material, options, price, sale_price, currency, gtin, availability, image_url, status, source';
  const variantSel = `SELECT sku, pe, title, size, color, material, options::jsonb, price, sale_price, currency, gtin, availability, image_url, status, source
    FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[], $9::int[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[])
      AS t(sku, pe, title, size, color, material, options, price, sale_price, currency, gtin, availability, image_url, status, source)`;
  const variantPick: ((v: V) => unknown)[] = [
    (v) => v.sku,
    (v) => v.productExternalId,
    (v) => v.title,
    (v) => v.size,
    (v) => v.color,
    (v) => v.material,
    (v) => json(v.options),
    (v) => v.price,
    (v) => v.salePrice,
    (v) => v.currency,
    (v) => v.gtin,
    (v) => v.availability,
    (v) => v.imageUrl,
    (v) => v.status,
    () => source,
  ];
  const allVariants = [...staged.variants.values()];
  for (const part of chunks(allVariants.filter((v) => !v.placeholder))) {
    await upsert(
      client,
      `INSERT INTO variants AS v (${variantCols}) ${variantSel}
       ON CONFLICT (sku) DO UPDATE SET product_external_id = excluded.product_external_id, title = excluded.title, size = excluded.size,
         color = excluded.color, material = excluded.material, options = excluded.options, price = excluded.price, sale_price = excluded.sale_price,
         currency = excluded.currency, gtin = excluded.gtin, availability = excluded.availability, image_url = excluded.image_url,
         status = excluded.status, source = excluded.source, change_seq = nextval('hq_change_seq'), updated_at = now()
       WHERE (v.product_external_id, v.title, v.size, v.color, v.material, v.options, v.price, v.sale_price, v.currency, v.gtin, v.availability, v.image_url, v.status)
         IS DISTINCT FROM (excluded.product_external_id, excluded.title, excluded.size, excluded.color, excluded.material, excluded.options, excluded.price,
           excluded.sale_price, excluded.currency, excluded.gtin, excluded.availability, excluded.image_url, excluded.status)
       RETURNING (xmax = 0) AS inserted`,
      columns(part, variantPick),
      byEntity.variants,
    );
  }
  for (const part of chunks(allVariants.filter((v) => v.placeholder))) {
    await upsert(
      client,
      `INSERT INTO variants (${variantCols}) ${variantSel} ON CONFLICT (sku) DO NOTHING RETURNING true AS inserted`,
      columns(part, variantPick),
      byEntity.variants,
    );
  }

  // ── a full snapshot (GMC) discontinues what this source no longer lists; never deletes ──
  if (staged.snapshot) {
    const p = await client.query(
      `UPDATE products SET status = 'discontinued', change_seq = nextval('hq_change_seq'), updated_at = now()
       WHERE source = $1 AND status <> 'discontinued' AND NOT (external_id = ANY($2::text[]))`,
      [source, [...staged.products.keys()]],
    );
    const v = await client.query(
      `UPDATE variants SET status = 'discontinued', change_seq = nextval('hq_change_seq'), updated_at = now()
       WHERE source = $1 AND status <> 'discontinued' AND NOT (sku = ANY($2::text[]))`,
      [source, [...staged.variants.keys()]],
    );
    discontinued = (p.rowCount ?? 0) + (v.rowCount ?? 0);
  }

  // ── inventory: only for SKUs HQ knows; the last row of a file for a store+SKU wins ──
  const inv = new Map<string, { storeId: string; sku: string; quantity: number }>();
  for (const i of staged.inventory) inv.set(`${i.storeId}\u0000${i.sku}`, i);
  let inventoryUnmatched = 0;
  for (const part of chunks([...inv.values()])) {
    const cols = columns(part, [(i) => i.storeId, (i) => i.sku, (i) => i.quantity]);
    const known = await client.query(
      `SELECT count(*)::int AS n FROM unnest($1::text[]) AS t(sku) WHERE EXISTS (SELECT 1 FROM variants v WHERE v.sku = t.sku)`,
      [cols[1]],
    );
    inventoryUnmatched += part.length - (known.rows[0].n as number);
    const counts: EntityCounts = { inserted: 0, updated: 0, unchanged: 0 };
    await upsert(
      client,
      `INSERT INTO inventory AS i (store_id, sku, quantity)
       SELECT t.store_id, t.sku, t.quantity FROM unnest($1::text[], $2::text[], $3::int[]) AS t(store_id, sku, quantity)
       WHERE EXISTS (SELECT 1 FROM variants v WHERE v.sku = t.sku)
       ON CONFLICT (store_id, sku) DO UPDATE SET quantity = excluded.quantity, change_seq = nextval('hq_change_seq')
       WHERE i.quantity <> excluded.quantity
       RETURNING (xmax = 0) AS inserted`,
      cols,
      counts,
    );
    byEntity.inventory.inserted += counts.inserted;
    byEntity.inventory.updated += counts.updated;
    byEntity.inventory.unchanged += counts.unchanged - (part.length - (known.rows[0].n as number));
  }

  // ── customers: an import is an edit at its own time for the consent fields it changes ──
  type C = Staged['customers'] extends Map<string, infer X> ? X : never;
  const customerPick: ((c: C) => unknown)[] = [
    (c) => c.externalId,
    (c) => c.firstName,
    (c) => c.lastName,
    (c) => c.email,
    (c) => c.phone,
    (c) => c.city,
    (c) => c.country,
    (c) => c.acceptsEmail,
    (c) => c.acceptsSms,
    (c) => c.tags,
    (c) => c.note,
  ];
  const customerSel = `FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::bool[], $9::bool[], $10::text[], $11::text[])
      AS t(external_id, first_name, last_name, email, phone, city, country, accepts_email, accepts_sms, tags, note)`;
  const customerCols =
    'external_id, first_name, last_name, email, phone, city, country, accepts_email, accepts_sms, tags, note, accepts_email_at, accepts_sms_at';
  const allCustomers = [...staged.customers.values()];
  for (const part of chunks(allCustomers.filter((c) => !c.fromOrder))) {
    await upsert(
      client,
      `INSERT INTO customers AS c (${customerCols}) SELECT t.*, now(), now() ${customerSel}
       ON CONFLICT (external_id) DO UPDATE SET first_name = excluded.first_name, last_name = excluded.last_name, email = excluded.email,
         phone = excluded.phone, city = excluded.city, country = excluded.country, accepts_email = excluded.accepts_email,
         accepts_sms = excluded.accepts_sms, tags = excluded.tags, note = excluded.note,
         accepts_email_at = CASE WHEN c.accepts_email IS DISTINCT FROM excluded.accepts_email THEN now() ELSE c.accepts_email_at END,
         accepts_sms_at = CASE WHEN c.accepts_sms IS DISTINCT FROM excluded.accepts_sms THEN now() ELSE c.accepts_sms_at END,
         change_seq = nextval('hq_change_seq'), updated_at = now()
       WHERE (c.first_name, c.last_name, c.email, c.phone, c.city, c.country, c.accepts_email, c.accepts_sms, c.tags, c.note)
         IS DISTINCT FROM (excluded.first_name, excluded.last_name, excluded.email, excluded.phone, excluded.city, excluded.country,
           excluded.accepts_email, excluded.accepts_sms, excluded.tags, excluded.note)
       RETURNING (xmax = 0) AS inserted`,
      columns(part, customerPick),
      byEntity.customers,
    );
  }
  // customers made up from an order's e-mail exist only while no real customer has that e-mail
  for (const part of chunks(allCustomers.filter((c) => c.fromOrder))) {
    await upsert(
      client,
      `INSERT INTO customers (${customerCols}) SELECT t.*, now(), now() ${customerSel}
       WHERE t.email IS NULL OR NOT EXISTS (SELECT 1 FROM customers x WHERE lower(x.email) = lower(t.email))
       ON CONFLICT (external_id) DO NOTHING RETURNING true AS inserted`,
      columns(part, customerPick),
      byEntity.customers,
    );
  }

  // ── orders (lines as one JSON array: an order is pulled whole) ──
  type O = Staged['orders'] extends Map<string, infer X> ? X : never;
  for (const part of chunks([...staged.orders.values()])) {
    await upsert(
      client,
      `INSERT INTO orders AS o (external_id, customer_external_id, store_id, placed_at, currency, subtotal, total, status, lines)
       SELECT t.external_id,
              coalesce(t.customer_external_id, (SELECT x.external_id FROM customers x WHERE lower(x.email) = lower(t.customer_email) ORDER BY x.external_id LIMIT 1)),
              t.store_id, t.placed_at, t.currency, t.subtotal, t.total, t.status, t.lines::jsonb
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::text[], $7::int[], $8::int[], $9::text[], $10::text[])
         AS t(external_id, customer_external_id, customer_email, store_id, placed_at, currency, subtotal, total, status, lines)
       ON CONFLICT (external_id) DO UPDATE SET customer_external_id = excluded.customer_external_id, store_id = excluded.store_id,
         placed_at = excluded.placed_at, currency = excluded.currency, subtotal = excluded.subtotal, total = excluded.total,
         status = excluded.status, lines = excluded.lines, change_seq = nextval('hq_change_seq')
       WHERE (o.customer_external_id, o.store_id, o.placed_at, o.currency, o.subtotal, o.total, o.status, o.lines)
         IS DISTINCT FROM (excluded.customer_external_id, excluded.store_id, excluded.placed_at, excluded.currency, excluded.subtotal,
           excluded.total, excluded.status, excluded.lines)
       RETURNING (xmax = 0) AS inserted`,
      columns(part, [
        (o: O) => o.externalId,
        (o) => o.customerExternalId,
        (o) => o.customerEmail,
        (o) => o.storeId,
        (o) => o.placedAt,
        (o) => o.currency,
        (o) => o.subtotal,
        (o) => o.total,
        (o) => o.status,
        (o) => JSON.stringify(o.lines),
      ]),
      byEntity.orders,
    );
  }
  return { byEntity, discontinued, storesCreated, inventoryUnmatched };
}

export async function importAtHq(
  hdb: HqDatabase,
  opts: { format: string; file: string; encoding?: string; currency?: string; sourceName?: string },
): Promise<HqImportReport> {
  const started = Date.now();
  const file = path.resolve(opts.file);
  if (!IMPORT_FORMATS.includes(opts.format as ImportFormat)) {
    throw new UnusableFileError(`unknown format "${opts.format}" (one of: ${IMPORT_FORMATS.join(', ')})`);
  }
  const format = opts.format as ImportFormat;
  const zero = (): EntityCounts => ({ inserted: 0, updated: 0, unchanged: 0 });
  const report: HqImportReport = {
    format,
    file,
    status: 'failed',
    exitCode: 2,
    error: null,
    rows: { products: 0, variants: 0, inventoryRows: 0, customers: 0, orders: 0, stores: 0 },
    byEntity: { products: zero(), variants: zero(), inventory: zero(), customers: zero(), orders: zero() },
    inserted: 0,
    updated: 0,
    unchanged: 0,
    discontinued: 0,
    storesCreated: 0,
    inventoryUnmatched: 0,
    rejected: [],
    warnings: [],
    changeSeq: null,
    seconds: 0,
  };
  const done = (status: HqImportReport['status'], exitCode: 0 | 1 | 2, error: string | null) => {
    Object.assign(report, { status, exitCode, error, seconds: Math.round((Date.now() - started) / 10) / 100 });
    return report;
  };
  let staged: Staged;
  try {
    staged = await PARSERS[format](file, {
      encoding: opts.encoding,
      defaultCurrency: (opts.currency ?? 'GBP').toUpperCase(),
    });
  } catch (e) {
    return done('failed', 2, `${file}: ${(e as Error).message}. Nothing was changed at HQ.`);
  }
  report.rows = {
    products: staged.products.size,
    variants: staged.variants.size,
    inventoryRows: staged.inventory.length,
    customers: staged.customers.size,
    orders: staged.orders.size,
    stores: staged.stores.size,
  };
  report.warnings.push(...staged.warnings);
  report.rejected = [...staged.rejected].sort((a, b) => a.line - b.line);
  if (staged.dataRows === 0)
    return done('failed', 2, `${file}: no data rows (the file has at most a header). Nothing was changed at HQ.`);
  const entities =
    staged.products.size + staged.variants.size + staged.customers.size + staged.orders.size + staged.inventory.length;
  if (!entities)
    return done(
      'failed',
      2,
      `${file}: every one of the ${staged.dataRows} data rows was rejected. Nothing was changed at HQ.`,
    );

  const client = await hdb.pool.connect();
  try {
    await client.query('BEGIN');
    await lockFeeds(client);
    const w = await writeStaged(client, staged, opts.sourceName ?? `${format}:${path.basename(file)}`);
    const seq = await client.query(`SELECT last_value::bigint AS v FROM hq_change_seq`);
    await client.query('COMMIT');
    Object.assign(report, w);
    report.changeSeq = Number(seq.rows[0].v);
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    return done('failed', 2, `${file}: writing at HQ failed and was rolled back: ${(e as Error).message}`);
  } finally {
    client.release();
  }
  for (const c of Object.values(report.byEntity)) {
    report.inserted += c.inserted;
    report.updated += c.updated;
    report.unchanged += c.unchanged;
  }
  if (report.storesCreated) report.warnings.push(`${report.storesCreated} new store(s) created from location names`);
  if (report.inventoryUnmatched)
    report.warnings.push(`${report.inventoryUnmatched} inventory row(s) name SKUs HQ does not have; not stored`);
  return report.rejected.length ? done('partial', 1, null) : done('succeeded', 0, null);
}
