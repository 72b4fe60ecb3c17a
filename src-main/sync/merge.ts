/**
 * Writing staged records into the catalog, customers and orders. Runs inside the caller's open
 * write transaction (runImport / the HQ client own BEGIN…COMMIT), so a failure or a cancel anywhere
 * rolls everything back. Existing keys are read into maps (StoredKeys), not per row: per-row SELECTs
 * were the slowest part of a 100k-row feed. contentHash decides unchanged vs updated, so re-importing
 * a file writes nothing.
 */
import { hash } from 'node:crypto';
import type { Sqlite } from '../db/statements';
import {
  deleteOrderLinesStatement,
  discontinueProductStatement,
  discontinueVariantStatement,
  insertCustomerStatement,
  insertOrderLineStatement,
  insertOrderStatement,
  insertProductStatement,
  insertStoreStatement,
  insertVariantStatement,
  storedCustomerEmails,
  storedCustomerKeys,
  storedInventory,
  storedOrderKeys,
  storedProductKeys,
  storedVariantKeys,
  totalChanges,
  updateCustomerStatement,
  updateOrderStatement,
  updateProductStatement,
  updateVariantStatement,
  upsertInventoryStatement,
  type CustomerFields,
  type OrderFields,
  type ProductValues,
  type StoredHashRow,
  type StoredKeyRow,
  type VariantValues,
} from './merge-queries';
import type { Staged, StagedProduct, StagedVariant } from './model';

export interface EntityCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  discontinued: number;
}

export interface MergeCounts {
  products: EntityCounts;
  variants: EntityCounts;
  customers: EntityCounts;
  orders: EntityCounts;
  inventory: EntityCounts;
  storesCreated: number;
  /** inventory rows whose SKU is not in the catalog (not stored) */
  inventoryUnmatched: number;
  orderLinesResolved: number;
}

export interface MergeContext {
  source: string;
  syncedAt: string;
  signal?: AbortSignal;
  /** yield to the event loop every N rows (the app's worker uses this to hear a cancel) */
  yieldEvery?: number;
  onProgress?: (done: number, total: number) => void;
}

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

const zero = (): EntityCounts => ({ inserted: 0, updated: 0, unchanged: 0, discontinued: 0 });
// one-shot crypto.hash: a Hash object per row was a tenth of the import's own CPU time
export const hashOf = (v: unknown): string => hash('sha1', JSON.stringify(v), 'base64');

const productHashFields = (p: StagedProduct) => [
  p.title,
  p.brand,
  p.category,
  p.categoryPath,
  p.gender,
  p.tags,
  p.descriptionHtml,
  p.descriptionText,
  p.searchText,
  p.imageUrl,
  p.status,
  p.attributes,
];
const variantHashFields = (v: StagedVariant) => [
  v.productExternalId,
  v.title,
  v.size,
  v.color,
  v.material,
  v.options,
  v.price,
  v.salePrice,
  v.currency,
  v.gtin,
  v.availability,
  v.imageUrl,
  v.status,
];

/** Keeps the progress count, the event-loop yields and the cancel check of one merge. */
class Pacer {
  private done = 0;
  private sinceYield = 0;
  private readonly every: number;
  constructor(
    private readonly ctx: MergeContext,
    public total: number,
  ) {
    this.every = ctx.yieldEvery ?? 5000;
  }
  /** counts a row; true when progress, yielding and the cancel check are due. Awaiting on every row
   * (even an already-settled promise) cost more than some of the inserts. */
  due(): boolean {
    this.done++;
    return ++this.sinceYield >= this.every;
  }
  async checkpoint(): Promise<void> {
    this.sinceYield = 0;
    this.ctx.onProgress?.(this.done, Math.max(this.total, this.done));
    if (this.ctx.yieldEvery) await new Promise((r) => setImmediate(r));
    if (this.ctx.signal?.aborted) throw new CancelledError();
  }
  end(): void {
    const all = Math.max(this.total, this.done);
    this.ctx.onProgress?.(all, all);
  }
}

type KeyedRow = { id: number; hash: string | null; status: string; source: string };
type HashedRow = { id: number; hash: string | null };
type Outcome = 'inserted' | 'updated' | 'unchanged';
const ABSENT = Symbol('not stored before this run');

function keyedMap(rows: Iterable<StoredKeyRow>): Map<string, KeyedRow> {
  const m = new Map<string, KeyedRow>();
  for (const [id, key, hash, status, source] of rows) m.set(key, { id, hash, status, source });
  return m;
}
function hashedMap(rows: Iterable<StoredHashRow>): Map<string, HashedRow> {
  const m = new Map<string, HashedRow>();
  for (const [id, externalId, hash] of rows) m.set(externalId, { id, hash });
  return m;
}

/**
 * The stored keys of every table a merge writes, each read from the database the first time a merge
 * needs it and then kept current by the merges themselves. An import makes one per merge; the HQ pull
 * keeps one across all the pages of a sync (each page its own transaction), so a first pull reads
 * each table once instead of once per page — per page it cost pages × table size.
 *
 * Kept across transactions, the maps are only trusted while nothing else wrote to the database:
 * call `committed()` after each COMMIT and `revalidate()` right after each BEGIN IMMEDIATE; if another
 * connection (PRAGMA data_version) or this one (total_changes()) wrote in between, or a transaction
 * rolled back (`forget()`), every map is dropped and read again when next needed.
 */
export class StoredKeys {
  private productMap?: Map<string, KeyedRow>;
  private variantMap?: Map<string, KeyedRow>;
  private inventoryMap?: Map<string, number>;
  private customerMap?: Map<string, HashedRow>;
  private emailMap?: Map<string, number>;
  private orderMap?: Map<string, HashedRow>;
  private mark: string | null = null;

  constructor(private readonly sqlite: Sqlite) {}

  get products(): Map<string, KeyedRow> {
    return (this.productMap ??= keyedMap(storedProductKeys(this.sqlite)));
  }
  get variants(): Map<string, KeyedRow> {
    return (this.variantMap ??= keyedMap(storedVariantKeys(this.sqlite)));
  }
  /** quantity by `variantId\0storeId` */
  get inventory(): Map<string, number> {
    if (!this.inventoryMap) {
      this.inventoryMap = new Map();
      for (const r of storedInventory(this.sqlite)) {
        this.inventoryMap.set(`${r[0]}\u0000${r[1]}`, r[2]);
      }
    }
    return this.inventoryMap;
  }
  get customers(): Map<string, HashedRow> {
    return (this.customerMap ??= hashedMap(storedCustomerKeys(this.sqlite)));
  }
  /** the first customer id per lower-case e-mail */
  get emails(): Map<string, number> {
    if (!this.emailMap) {
      this.emailMap = new Map();
      for (const r of storedCustomerEmails(this.sqlite)) {
        if (!this.emailMap.has(r[1])) this.emailMap.set(r[1], r[0]);
      }
    }
    return this.emailMap;
  }
  /** the e-mail map only if something already read it (inserts keep it current; otherwise it is read later) */
  get emailsIfRead(): Map<string, number> | undefined {
    return this.emailMap;
  }
  /** an update may have changed e-mails: read them again when next needed */
  dropEmails(): void {
    this.emailMap = undefined;
  }
  get orders(): Map<string, HashedRow> {
    return (this.orderMap ??= hashedMap(storedOrderKeys(this.sqlite)));
  }

  private stamp(): string {
    return `${String(this.sqlite.pragma('data_version', { simple: true }))}/${totalChanges(this.sqlite)}`;
  }
  /** after our COMMIT: the database is as the maps say */
  committed(): void {
    this.mark = this.stamp();
  }
  /** right after BEGIN IMMEDIATE (the write lock held): drop the maps if anyone wrote since `committed()` */
  revalidate(): void {
    if (this.stamp() !== this.mark) this.forget();
  }
  /** after a ROLLBACK the maps may name rows that were never stored */
  forget(): void {
    this.productMap =
      this.variantMap =
      this.inventoryMap =
      this.customerMap =
      this.emailMap =
      this.orderMap =
        undefined;
    this.mark = null;
  }
}

/**
 * Products and variants: the keys already stored are loaded once, so a feed can be merged in one go
 * (mergeStaged) or batch by batch while it is still being read (gmc-pipeline.ts) with the same
 * results. `discontinueMissing` is the full-snapshot rule: what this source no longer lists is
 * discontinued, never deleted.
 */
export class CatalogMerger {
  /** products merged in this run, with the hash stored before it and how they were counted */
  private readonly seenThisRun = new Map<string, { storedHash: string | null | typeof ABSENT; counted: Outcome }>();
  private readonly insProduct: ReturnType<typeof insertProductStatement>;
  private readonly updProduct: ReturnType<typeof updateProductStatement>;
  private readonly insVariant: ReturnType<typeof insertVariantStatement>;
  private readonly updVariant: ReturnType<typeof updateVariantStatement>;

  constructor(
    private readonly sqlite: Sqlite,
    private readonly ctx: MergeContext,
    private readonly counts: MergeCounts,
    private readonly pace: Pacer,
    readonly keys: StoredKeys,
  ) {
    this.insProduct = insertProductStatement(sqlite);
    this.updProduct = updateProductStatement(sqlite);
    this.insVariant = insertVariantStatement(sqlite);
    this.updVariant = updateVariantStatement(sqlite);
  }

  get productIds(): Map<string, KeyedRow> {
    return this.keys.products;
  }
  get variantIds(): Map<string, KeyedRow> {
    return this.keys.variants;
  }

  async products(products: Iterable<StagedProduct>): Promise<void> {
    const { source, syncedAt } = this.ctx;
    const counts = this.counts.products;
    for (const p of products) {
      const hash = hashOf(productHashFields(p));
      const existing = this.productIds.get(p.externalId);
      const values: ProductValues = [
        p.title,
        p.brand,
        p.category,
        p.categoryPath,
        p.gender,
        p.tags,
        p.descriptionHtml,
        p.descriptionText,
        p.searchText,
        p.imageUrl,
        p.status,
        p.attributes ? JSON.stringify(p.attributes) : null,
        source,
        hash,
        syncedAt,
      ];
      const before = this.seenThisRun.get(p.externalId);
      if (!existing) {
        const id = Number(this.insProduct.run(p.externalId, ...values).lastInsertRowid);
        this.productIds.set(p.externalId, { id, hash, status: p.status, source });
        this.seenThisRun.set(p.externalId, { storedHash: ABSENT, counted: 'inserted' });
        counts.inserted++;
      } else if (before) {
        // the product came back in this run (its group was split across batches): write the final
        // version and count it once, against what was stored before the run, as one merge would
        if (existing.hash !== hash) {
          this.updProduct.run(...values, existing.id);
          existing.hash = hash;
          existing.status = p.status;
        }
        const now: Outcome =
          before.storedHash === ABSENT ? 'inserted' : before.storedHash === hash ? 'unchanged' : 'updated';
        counts[before.counted]--;
        counts[now]++;
        before.counted = now;
      } else {
        let outcome: Outcome = 'unchanged';
        if (!p.placeholder && existing.hash !== hash) {
          this.updProduct.run(...values, existing.id);
          outcome = 'updated';
        }
        this.seenThisRun.set(p.externalId, { storedHash: existing.hash, counted: outcome });
        if (outcome === 'updated') {
          existing.hash = hash;
          existing.status = p.status;
        }
        counts[outcome]++;
      }
      if (this.pace.due()) await this.pace.checkpoint();
    }
  }

  /** `rejected` gets the variants whose product is unknown */
  async variants(variants: Iterable<StagedVariant>, rejected: Staged['rejected']): Promise<void> {
    const { source, syncedAt } = this.ctx;
    const counts = this.counts;
    for (const v of variants) {
      const product = this.productIds.get(v.productExternalId);
      if (!product) {
        rejected.push({
          line: v.line,
          field: 'product',
          message: `variant ${v.sku} names product "${v.productExternalId}", which is not in the catalog`,
        });
        continue;
      }
      const hash = hashOf(variantHashFields(v));
      const existing = this.variantIds.get(v.sku);
      const values: VariantValues = [
        v.title,
        v.size,
        v.color,
        v.material,
        v.options ? JSON.stringify(v.options) : null,
        v.price,
        v.salePrice,
        v.currency,
        v.gtin,
        v.availability,
        v.imageUrl,
        v.status,
        source,
        hash,
        syncedAt,
      ];
      if (!existing) {
        const id = Number(this.insVariant.run(v.sku, product.id, ...values).lastInsertRowid);
        this.variantIds.set(v.sku, { id, hash, status: v.status, source });
        counts.variants.inserted++;
      } else if (v.placeholder) {
        counts.variants.unchanged++;
      } else if (existing.hash !== hash) {
        this.updVariant.run(product.id, ...values, existing.id);
        existing.hash = hash;
        existing.status = v.status;
        counts.variants.updated++;
      } else counts.variants.unchanged++;
      if (this.pace.due()) await this.pace.checkpoint();
    }
  }

  /** the last progress report of the merge */
  end(): void {
    this.pace.end();
  }

  discontinueMissing(listed: { products: { has(k: string): boolean }; variants: { has(k: string): boolean } }): void {
    const { source, syncedAt } = this.ctx;
    const discV = discontinueVariantStatement(this.sqlite);
    for (const [sku, v] of this.variantIds) {
      if (v.source === source && v.status !== 'discontinued' && !listed.variants.has(sku)) {
        discV.run(syncedAt, v.id);
        v.status = 'discontinued';
        v.hash = null;
        this.counts.variants.discontinued++;
      }
    }
    const discP = discontinueProductStatement(this.sqlite);
    for (const [ext, p] of this.productIds) {
      if (p.source === source && p.status !== 'discontinued' && !listed.products.has(ext)) {
        discP.run(syncedAt, p.id);
        p.status = 'discontinued';
        p.hash = null;
        this.counts.products.discontinued++;
      }
    }
  }
}

export function emptyCounts(): MergeCounts {
  return {
    products: zero(),
    variants: zero(),
    customers: zero(),
    orders: zero(),
    inventory: zero(),
    storesCreated: 0,
    inventoryUnmatched: 0,
    orderLinesResolved: 0,
  };
}

export function createCatalogMerger(
  sqlite: Sqlite,
  ctx: MergeContext,
  counts: MergeCounts,
  total: number,
  keys = new StoredKeys(sqlite),
) {
  const pace = new Pacer(ctx, total);
  return { merger: new CatalogMerger(sqlite, ctx, counts, pace, keys), pace };
}

/**
 * Merges one staged set. `keys` defaults to a fresh read of the database; the HQ pull passes the same
 * StoredKeys for every page of a sync (see StoredKeys for when they are trusted).
 */
export async function mergeStaged(
  sqlite: Sqlite,
  staged: Staged,
  ctx: MergeContext,
  keys = new StoredKeys(sqlite),
): Promise<MergeCounts> {
  const counts = emptyCounts();
  const total =
    staged.products.size + staged.variants.size + staged.inventory.length + staged.customers.size + staged.orders.size;
  const { merger, pace } = createCatalogMerger(sqlite, ctx, counts, total, keys);
  const due = () => pace.due();
  const checkpoint = () => pace.checkpoint();
  const { source, syncedAt } = ctx;

  // ── products and variants; a full snapshot discontinues what it no longer lists ──
  await merger.products(staged.products.values());
  await merger.variants(staged.variants.values(), staged.rejected);
  if (staged.snapshot) merger.discontinueMissing({ products: staged.products, variants: staged.variants });

  // ── stores and inventory ──
  if (staged.stores.size) {
    const insStore = insertStoreStatement(sqlite);
    for (const s of staged.stores.values()) counts.storesCreated += insStore.run(s.id, s.name).changes;
  }
  if (staged.inventory.length) {
    const variantIds = keys.variants;
    const existingQty = keys.inventory;
    const upsert = upsertInventoryStatement(sqlite);
    for (const row of staged.inventory) {
      const v = variantIds.get(row.sku);
      if (!v) {
        counts.inventoryUnmatched++;
        continue;
      }
      const key = `${v.id}\u0000${row.storeId}`;
      const before = existingQty.get(key);
      if (before === row.quantity) counts.inventory.unchanged++;
      else {
        upsert.run(v.id, row.storeId, row.quantity, source, syncedAt);
        if (before === undefined) counts.inventory.inserted++;
        else counts.inventory.updated++;
        existingQty.set(key, row.quantity);
      }
      if (due()) await checkpoint();
    }
  }

  // ── customers ──
  // an order's customer matched by e-mail to a stored customer of another key: an alias for this
  // merge only (no row has that key, so the kept maps must not claim one)
  const aliases = new Map<string, number>();
  const customerIdOf = (externalId: string): number | null =>
    keys.customers.get(externalId)?.id ?? aliases.get(externalId) ?? null;
  let customerUpdated = false;
  if (staged.customers.size) {
    const customerIds = keys.customers;
    const insCustomer = insertCustomerStatement(sqlite);
    const updCustomer = updateCustomerStatement(sqlite);
    for (const c of staged.customers.values()) {
      if (c.fromOrder && c.email && !customerIds.has(c.externalId)) {
        const known = keys.emails.get(c.email.toLowerCase());
        if (known !== undefined) {
          aliases.set(c.externalId, known);
          counts.customers.unchanged++;
          continue;
        }
      }
      const fields: CustomerFields = [
        c.firstName,
        c.lastName,
        c.email,
        c.phone,
        c.city,
        c.country,
        c.acceptsEmail ? 1 : 0,
        c.acceptsSms ? 1 : 0,
        c.tags,
        c.note,
      ];
      const hash = hashOf(fields);
      const existing = customerIds.get(c.externalId);
      if (!existing) {
        const id = Number(insCustomer.run(c.externalId, ...fields, source, hash, syncedAt).lastInsertRowid);
        customerIds.set(c.externalId, { id, hash });
        const byEmail = keys.emailsIfRead;
        if (byEmail && c.email && !byEmail.has(c.email.toLowerCase())) byEmail.set(c.email.toLowerCase(), id);
        counts.customers.inserted++;
      } else if (c.fromOrder) {
        counts.customers.unchanged++;
      } else if (existing.hash !== hash) {
        updCustomer.run(...fields, source, hash, syncedAt, existing.id);
        existing.hash = hash;
        customerUpdated = true;
        counts.customers.updated++;
      } else counts.customers.unchanged++;
      if (due()) await checkpoint();
    }
  }

  // ── orders and their lines ──
  if (staged.orders.size) {
    const variantIds = keys.variants;
    const orderIds = keys.orders;
    const insOrder = insertOrderStatement(sqlite);
    const updOrder = updateOrderStatement(sqlite);
    const delLines = deleteOrderLinesStatement(sqlite);
    const insLine = insertOrderLineStatement(sqlite);
    for (const o of staged.orders.values()) {
      let customerId: number | null = null;
      if (o.customerExternalId) customerId = customerIdOf(o.customerExternalId);
      if (customerId === null && o.customerEmail) customerId = keys.emails.get(o.customerEmail.toLowerCase()) ?? null;
      const lineVariantIds = o.lines.map((l) => (l.sku ? (variantIds.get(l.sku)?.id ?? null) : null));
      const fields: OrderFields = [customerId, o.storeId, o.placedAt, o.currency, o.subtotal, o.total, o.status];
      const hash = hashOf([fields, o.lines, lineVariantIds]);
      const existing = orderIds.get(o.externalId);
      let orderId: number;
      if (!existing) {
        orderId = Number(insOrder.run(o.externalId, ...fields, source, hash, syncedAt).lastInsertRowid);
        orderIds.set(o.externalId, { id: orderId, hash });
        counts.orders.inserted++;
      } else if (existing.hash !== hash) {
        orderId = existing.id;
        updOrder.run(...fields, source, hash, syncedAt, orderId);
        delLines.run(orderId);
        existing.hash = hash;
        counts.orders.updated++;
      } else {
        counts.orders.unchanged++;
        if (due()) await checkpoint();
        continue;
      }
      o.lines.forEach((l, i) => {
        const vid = lineVariantIds[i] ?? null;
        if (vid !== null) counts.orderLinesResolved++;
        insLine.run(orderId, i + 1, vid, l.sku, l.title, l.quantity, l.unitPrice);
      });
      if (due()) await checkpoint();
    }
  }
  // within this merge the e-mail map stayed as read (as before); a later merge reads updated e-mails
  if (customerUpdated) keys.dropEmails();
  pace.end();
  return counts;
}
