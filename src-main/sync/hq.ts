/**
 * The HQ API connector (API documented in ./README.md). Pull: per entity, page by page with a
 * cursor; each page is validated (zod) and applied in its own transaction together with the new
 * cursor, so a crash resumes after the last committed page and a malformed page is never applied.
 * Retries with exponential backoff on 5xx, timeouts, network errors and truncated JSON; honours
 * 429 Retry-After; stops with a clear error on 401 (token expired or wrong).
 */
import { readCursorRow, upsertCursor } from './queries';
import fs from 'node:fs';
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { nowIso } from '../shared/time';
import { finishRun, startRun, type RunStatus } from './import';
import { CancelledError, mergeStaged, StoredKeys } from './merge';
import { emptyStaged, type Reject, type Staged } from './model';
import { htmlToText, slug } from './values';
import { passesCheapCheck } from './hq-item-checks';
import { applyFeedPreferences, type FeedPreference } from '../customers/queries';

export const HQ_ENTITIES = ['products', 'variants', 'inventory', 'customers', 'orders'] as const;
export type HqEntity = (typeof HQ_ENTITIES)[number];

const str = z.string();
const optStr = z.string().nullish();
export const hqSchemas = {
  products: z.object({
    externalId: str.min(1),
    title: str.min(1),
    brand: optStr,
    category: optStr,
    categoryPath: optStr,
    gender: optStr,
    tags: optStr,
    descriptionHtml: optStr,
    imageUrl: optStr,
    status: z.enum(['active', 'discontinued', 'hidden']).nullish(),
  }),
  variants: z.object({
    sku: str.min(1),
    productExternalId: str.min(1),
    title: optStr,
    size: optStr,
    color: optStr,
    material: optStr,
    options: z.record(z.string(), z.string()).nullish(),
    price: z.number().int().nonnegative(),
    salePrice: z.number().int().nonnegative().nullish(),
    currency: str.length(3),
    gtin: optStr,
    availability: optStr,
    imageUrl: optStr,
    status: z.enum(['active', 'discontinued', 'hidden']).nullish(),
  }),
  inventory: z.object({ sku: str.min(1), storeId: str.min(1), storeName: optStr, quantity: z.number().int() }),
  customers: z.object({
    externalId: str.min(1),
    firstName: optStr,
    lastName: optStr,
    email: optStr,
    phone: optStr,
    city: optStr,
    country: optStr,
    acceptsEmail: z.boolean().nullish(),
    acceptsSms: z.boolean().nullish(),
    tags: optStr,
    note: optStr,
    /** sizes and tastes confirmed at a till of the chain; applied by the latest `at` per kind and scope */
    preferences: z
      .array(z.object({ kind: str.min(1), scope: z.string(), value: str.min(1), at: str.min(1), confirmedBy: optStr }))
      .max(200)
      .nullish(),
  }),
  orders: z.object({
    externalId: str.min(1),
    customerExternalId: optStr,
    storeId: optStr,
    placedAt: z.iso.datetime({ offset: true }),
    currency: str.length(3),
    subtotal: z.number().int().nullish(),
    total: z.number().int(),
    status: optStr,
    lines: z.array(z.object({ sku: optStr, title: optStr, quantity: z.number().int(), unitPrice: z.number().int() })),
  }),
} as const;
const pageSchema = z.object({ items: z.array(z.unknown()), nextCursor: z.string().nullable() });

export class HqError extends Error {
  constructor(
    message: string,
    readonly kind: 'auth' | 'malformed' | 'unavailable' | 'http',
  ) {
    super(message);
    this.name = 'HqError';
  }
}

export interface HqClientOptions {
  baseUrl: string;
  token: string;
  timeoutMs?: number;
  maxRetries?: number;
  /** first backoff delay; doubles per retry */
  backoffMs?: number;
  /** cap on a server's Retry-After we are willing to wait */
  maxRetryAfterMs?: number;
  fetch?: typeof fetch;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const defaultSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        reject(new CancelledError());
      },
      { once: true },
    );
  });

export class HqClient {
  readonly retries: { attempt: number; reason: string }[] = [];
  constructor(private readonly o: HqClientOptions) {}

  private url(p: string): string {
    return this.o.baseUrl.replace(/\/+$/, '') + p;
  }

  /** One HTTP exchange with retries; returns the parsed JSON body (or null for an empty 2xx). */
  async request(
    method: 'GET' | 'POST',
    p: string,
    body?: unknown,
    headers: Record<string, string> = {},
    signal?: AbortSignal,
  ): Promise<{ status: number; json: unknown }> {
    const maxRetries = this.o.maxRetries ?? 4;
    const sleep = this.o.sleep ?? defaultSleep;
    const f = this.o.fetch ?? fetch;
    let attempt = 0;
    for (;;) {
      if (signal?.aborted) throw new CancelledError();
      let reason: string;
      let wait = (this.o.backoffMs ?? 250) * 2 ** attempt;
      try {
        const timeout = AbortSignal.timeout(this.o.timeoutMs ?? 15_000);
        const res = await f(this.url(p), {
          method,
          headers: {
            authorization: `Bearer ${this.o.token}`,
            accept: 'application/json',
            ...(body ? { 'content-type': 'application/json' } : {}),
            ...headers,
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
        });
        const text = await res.text();
        if (res.status === 401 || res.status === 403) {
          throw new HqError(
            `HQ refused the token (${res.status} on ${method} ${p}): it has expired or is wrong; set a new token and run the sync again`,
            'auth',
          );
        }
        if (res.status === 429) {
          const ra = res.headers.get('retry-after');
          const secs = ra && /^\d+(\.\d+)?$/.test(ra) ? Number(ra) * 1000 : ra ? Date.parse(ra) - Date.now() : wait;
          wait = Math.min(Math.max(0, Number.isFinite(secs) ? secs : wait), this.o.maxRetryAfterMs ?? 60_000);
          reason = `429 Too Many Requests (waiting ${Math.round(wait)} ms as Retry-After says)`;
        } else if (res.status >= 500) {
          reason = `HTTP ${res.status}`;
        } else if (res.status >= 400 && res.status !== 409) {
          throw new HqError(`HQ answered ${res.status} to ${method} ${p}: ${text.slice(0, 200)}`, 'http');
        } else {
          if (!text.trim()) return { status: res.status, json: null };
          try {
            return { status: res.status, json: JSON.parse(text) };
          } catch {
            reason = `truncated or invalid JSON (${text.length} bytes)`;
          }
        }
      } catch (e) {
        if (e instanceof HqError || e instanceof CancelledError) throw e;
        if (signal?.aborted) throw new CancelledError();
        const err = e as Error;
        reason =
          err.name === 'TimeoutError'
            ? `timed out after ${this.o.timeoutMs ?? 15_000} ms`
            : `network error: ${err.message}`;
      }
      attempt++;
      this.retries.push({ attempt, reason });
      if (attempt > maxRetries)
        throw new HqError(`HQ unavailable: ${method} ${p} failed ${attempt} times; last: ${reason}`, 'unavailable');
      await sleep(wait, signal);
    }
  }

  async page(entity: HqEntity, cursor: string | null, limit: number, signal?: AbortSignal) {
    const q = new URLSearchParams({ limit: String(limit) });
    if (cursor) q.set('cursor', cursor);
    const { json } = await this.request('GET', `/v1/${entity}?${q.toString()}`, undefined, {}, signal);
    const page = pageSchema.safeParse(json);
    if (!page.success)
      throw new HqError(
        `HQ sent a malformed ${entity} page (cursor ${cursor ?? 'start'}): ${page.error.issues[0]?.message}; nothing from it was applied`,
        'malformed',
      );
    const schema = hqSchemas[entity];
    const items: unknown[] = [];
    for (const [i, item] of page.data.items.entries()) {
      // the cheap check accepts only what zod accepts; zod sees the rest and names the row and field
      if (passesCheapCheck(entity, item)) {
        items.push(item);
        continue;
      }
      const r = schema.safeParse(item);
      if (!r.success) {
        const iss = r.error.issues[0]!;
        throw new HqError(
          `HQ sent a malformed ${entity} page (cursor ${cursor ?? 'start'}): item ${i} field ${iss.path.join('.') || '(item)'}: ${iss.message}; nothing from it was applied`,
          'malformed',
        );
      }
      items.push(r.data);
    }
    return { items, nextCursor: page.data.nextCursor };
  }
}

type Item<E extends HqEntity> = z.infer<(typeof hqSchemas)[E]>;

/** The confirmed preferences a customers page carries, by customer. */
function feedPreferences(items: unknown[]): Map<string, FeedPreference[]> {
  const out = new Map<string, FeedPreference[]>();
  for (const raw of items) {
    const c = raw as Item<'customers'>;
    if (c.preferences?.length) out.set(c.externalId, c.preferences);
  }
  return out;
}

/** HQ items → the same staged records the file importers produce. */
export function stageHqItems(entity: HqEntity, items: unknown[]): Staged {
  const s = emptyStaged();
  s.dataRows = items.length;
  items.forEach((raw, i) => {
    const line = i + 1;
    if (entity === 'products') {
      const p = raw as Item<'products'>;
      s.products.set(p.externalId, {
        externalId: p.externalId,
        title: p.title,
        brand: p.brand ?? null,
        category: p.category ?? null,
        categoryPath: p.categoryPath ?? null,
        gender: p.gender ?? null,
        tags: p.tags ?? '',
        descriptionHtml: p.descriptionHtml ?? null,
        descriptionText: p.descriptionHtml ? htmlToText(p.descriptionHtml) : null,
        searchText: '',
        imageUrl: p.imageUrl ?? null,
        status: p.status ?? 'active',
        attributes: null,
        line,
      });
    } else if (entity === 'variants') {
      const v = raw as Item<'variants'>;
      s.variants.set(v.sku, {
        sku: v.sku,
        productExternalId: v.productExternalId,
        title: v.title ?? null,
        size: v.size ?? null,
        color: v.color ?? null,
        material: v.material ?? null,
        options: v.options ?? null,
        price: v.price,
        salePrice: v.salePrice ?? null,
        currency: v.currency.toUpperCase(),
        gtin: v.gtin ?? null,
        availability: v.availability ?? null,
        imageUrl: v.imageUrl ?? null,
        status: v.status ?? 'active',
        line,
      });
    } else if (entity === 'inventory') {
      const r = raw as Item<'inventory'>;
      s.stores.set(r.storeId, { id: r.storeId, name: r.storeName ?? r.storeId });
      s.inventory.push({ sku: r.sku, storeId: r.storeId, quantity: r.quantity, line });
    } else if (entity === 'customers') {
      const c = raw as Item<'customers'>;
      s.customers.set(c.externalId, {
        externalId: c.externalId,
        firstName: c.firstName ?? null,
        lastName: c.lastName ?? null,
        email: c.email ?? null,
        phone: c.phone ?? null,
        city: c.city ?? null,
        country: c.country ?? null,
        acceptsEmail: c.acceptsEmail ?? false,
        acceptsSms: c.acceptsSms ?? false,
        tags: c.tags ?? '',
        note: c.note ?? null,
        line,
      });
    } else {
      const o = raw as Item<'orders'>;
      s.orders.set(o.externalId, {
        externalId: o.externalId,
        customerExternalId: o.customerExternalId ?? null,
        customerEmail: null,
        storeId: o.storeId ?? null,
        placedAt: new Date(o.placedAt).toISOString(),
        currency: o.currency.toUpperCase(),
        subtotal: o.subtotal ?? null,
        total: o.total,
        status: o.status ?? null,
        lines: o.lines.map((l) => ({
          sku: l.sku ?? null,
          title: l.title ?? null,
          quantity: l.quantity,
          unitPrice: l.unitPrice,
        })),
        line,
      });
    }
  });
  return s;
}

export function readCursor(sqlite: Database.Database, source: string, entity: string): string | null {
  return readCursorRow(sqlite, source, entity) ?? null;
}

function writeCursor(sqlite: Database.Database, source: string, entity: string, cursor: string | null): void {
  upsertCursor(sqlite, source, entity, cursor, nowIso());
}

export function resolveToken(
  src: { name: string; tokenEnv?: string; tokenFile?: string },
  env: NodeJS.ProcessEnv = process.env,
): string {
  if (src.tokenEnv && env[src.tokenEnv]) return env[src.tokenEnv]!.trim();
  if (src.tokenFile && fs.existsSync(src.tokenFile)) return fs.readFileSync(src.tokenFile, 'utf8').trim();
  throw new HqError(
    `source "${src.name}": no HQ token (${[src.tokenEnv && `environment variable ${src.tokenEnv} is empty`, src.tokenFile && `file ${src.tokenFile} not found`].filter(Boolean).join('; ') || 'set tokenEnv or tokenFile'})`,
    'auth',
  );
}

export interface HqSyncReport {
  source: string;
  runId: number;
  status: RunStatus;
  pages: number;
  items: Record<HqEntity, number>;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: (Reject & { entity: HqEntity })[];
  warnings: string[];
  retries: number;
  error: string | null;
  /** confirmed preferences from the customers feed that replaced an older (or no) value here */
  preferencesApplied: number;
}

type PageRequest = ReturnType<HqClient['page']>;

/** A page request whose failure is reported where it is awaited (not as an unhandled rejection if a
 * sync stops before it gets there). */
function requestPage(
  client: HqClient,
  entity: HqEntity,
  cursor: string | null,
  limit: number,
  signal?: AbortSignal,
): PageRequest {
  const p = client.page(entity, cursor, limit, signal);
  p.catch(() => undefined);
  return p;
}

/**
 * Rows asked for per page when the source does not say. A page is written in one go (alone or with
 * others in a transaction, see PageTransactions), and a first pull of a chain's million customers in
 * pages of 500 paid 2,000 commits; 5000 (the configuration's maximum) keeps a page's write near a
 * tenth of a second.
 */
export const DEFAULT_HQ_PAGE_SIZE = 5000;

/** Writing a page is synchronous (better-sqlite3) and blocks the event loop, so a prefetch only
 * overlaps it once its request is on the wire. One turn of the loop sends it (measured: 20 of 20
 * requests reached a server in another thread during the write that followed); the fixed 5 ms this
 * used to wait cost a first pull of 253 pages over a second. */
function letRequestLeave(p: PageRequest): Promise<unknown> {
  return Promise.race([p, new Promise((resolve) => setImmediate(resolve))]).catch(() => undefined);
}

/**
 * During a sync the WAL may grow to 64 MB before SQLite copies it back into the database. At the
 * default (1,000 pages) a first pull checkpointed at nearly every page's commit, rewriting the same
 * index pages of a growing customers table over and over: at half the bench's chain (500k customers)
 * applying the pull took 13–17 s with the default and 11–12 s with this. One checkpoint at the end
 * copies what is left; PASSIVE, so it neither waits for nor blocks readers.
 */
const SYNC_WAL_AUTOCHECKPOINT_PAGES = 16_384;

/**
 * How pages share transactions. By default each page is its own. A sync whose connection nothing
 * else writes on while it runs (the CLI, a worker, the bench) may let pages share one, up to `rows`
 * rows or `ms` milliseconds: every commit writes each touched index page once, and a first pull of a
 * chain's customers touches thousands per page. While a transaction is open the next page is awaited
 * at most `waitMs` before what is written is committed, so a slow HQ never holds the write lock.
 */
export interface PageTransactions {
  rows: number;
  ms: number;
  waitMs: number;
}
export const PAGE_PER_TRANSACTION: PageTransactions = { rows: 0, ms: 0, waitMs: 0 };
export const SHARED_PAGE_TRANSACTIONS: PageTransactions = { rows: 25_000, ms: 1_000, waitMs: 100 };

interface PageTally {
  pages: number;
  items: Record<HqEntity, number>;
  inserted: number;
  updated: number;
  unchanged: number;
  preferencesApplied: number;
  rejected: HqSyncReport['rejected'];
  warnings: string[];
}
const emptyTally = (): PageTally => ({
  pages: 0,
  items: { products: 0, variants: 0, inventory: 0, customers: 0, orders: 0 },
  inserted: 0,
  updated: 0,
  unchanged: 0,
  preferencesApplied: 0,
  rejected: [],
  warnings: [],
});

/** the page request, or the timer first (false) */
function arrivesWithin(p: PageRequest, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.then(() => true),
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms))),
  ]).finally(() => clearTimeout(timer));
}

export async function syncHq(
  sqlite: Database.Database,
  source: { name: string; pageSize?: number },
  client: HqClient,
  opts: {
    signal?: AbortSignal;
    runId?: number;
    onProgress?: (p: { runId: number; phase: string; done: number; total: number | null }) => void;
    /** only where nothing else writes on this connection during the sync (see PageTransactions) */
    transactions?: PageTransactions;
  } = {},
): Promise<HqSyncReport> {
  const runId = opts.runId ?? startRun(sqlite, source.name, 'hq', null);
  const rep: HqSyncReport = {
    source: source.name,
    runId,
    status: 'running',
    pages: 0,
    items: { products: 0, variants: 0, inventory: 0, customers: 0, orders: 0 },
    inserted: 0,
    updated: 0,
    unchanged: 0,
    rejected: [],
    warnings: [],
    retries: 0,
    error: null,
    preferencesApplied: 0,
  };
  const limit = source.pageSize ?? DEFAULT_HQ_PAGE_SIZE;
  const group = opts.transactions ?? PAGE_PER_TRANSACTION;
  // the stored keys are read once per sync, not once per page (StoredKeys re-reads them if anything
  // else wrote between two pages or a page rolled back)
  const keys = new StoredKeys(sqlite);
  // the open transaction: whole pages only (each page is a savepoint), so committing it is always safe;
  // what the report says of its pages counts once they are committed
  let tx: { since: number; rows: number; tally: PageTally } | null = null;
  const commit = () => {
    if (!tx) return;
    const { tally } = tx;
    tx = null;
    sqlite.exec('COMMIT');
    keys.committed();
    rep.pages += tally.pages;
    for (const e of HQ_ENTITIES) rep.items[e] += tally.items[e];
    rep.inserted += tally.inserted;
    rep.updated += tally.updated;
    rep.unchanged += tally.unchanged;
    rep.preferencesApplied += tally.preferencesApplied;
    rep.rejected.push(...tally.rejected);
    rep.warnings.push(...tally.warnings);
  };
  const autocheckpoint = Number(sqlite.pragma('wal_autocheckpoint', { simple: true }));
  sqlite.pragma(`wal_autocheckpoint = ${Math.max(autocheckpoint, SYNC_WAL_AUTOCHECKPOINT_PAGES)}`);
  try {
    for (const entity of HQ_ENTITIES) {
      let cursor = readCursor(sqlite, source.name, entity);
      let repeats = 0;
      let pending: PageRequest | null = null;
      for (;;) {
        opts.onProgress?.({
          runId,
          phase: entity,
          done: rep.items[entity] + (tx?.tally.items[entity] ?? 0),
          total: null,
        });
        const request = pending ?? requestPage(client, entity, cursor, limit, opts.signal);
        pending = null;
        if (tx && !(await arrivesWithin(request, group.waitMs))) commit();
        const page = await request;
        // the next page's cursor is known now: HQ builds that page while this one is written here
        if (page.nextCursor && page.nextCursor !== cursor) {
          pending = requestPage(client, entity, page.nextCursor, limit, opts.signal);
          await letRequestLeave(pending);
        }
        const staged = stageHqItems(entity, page.items);
        const next = page.nextCursor ?? cursor;
        if (!tx) {
          sqlite.exec('BEGIN IMMEDIATE');
          tx = { since: performance.now(), rows: 0, tally: emptyTally() };
          keys.revalidate();
        }
        const tally = tx.tally;
        sqlite.exec('SAVEPOINT hq_page');
        try {
          const c = await mergeStaged(sqlite, staged, { source: source.name, syncedAt: nowIso() }, keys);
          if (entity === 'customers')
            tally.preferencesApplied += applyFeedPreferences(sqlite, feedPreferences(page.items)).applied;
          // the cursor moves in the same transaction as the rows it covers
          writeCursor(sqlite, source.name, entity, next);
          sqlite.exec('RELEASE hq_page');
          for (const e of [c.products, c.variants, c.inventory, c.customers, c.orders]) {
            tally.inserted += e.inserted;
            tally.updated += e.updated;
            tally.unchanged += e.unchanged;
          }
          if (c.inventoryUnmatched)
            tally.warnings.push(`${entity} page: ${c.inventoryUnmatched} row(s) name SKUs not in the catalog`);
        } catch (e) {
          // this page is undone; the whole pages before it in the transaction are kept
          sqlite.exec('ROLLBACK TO hq_page');
          sqlite.exec('RELEASE hq_page');
          keys.forget();
          throw e;
        }
        tally.rejected.push(...staged.rejected.map((r) => ({ ...r, entity })));
        tally.pages++;
        tally.items[entity] += page.items.length;
        tx.rows += page.items.length;
        if (!page.nextCursor || tx.rows >= group.rows || performance.now() - tx.since >= group.ms) commit();
        if (!page.nextCursor) break;
        if (page.nextCursor === cursor) {
          // A duplicated page (a retried response replayed by a proxy): ask again, but never loop forever.
          if (++repeats > 2) {
            rep.warnings.push(`${entity}: HQ kept returning the same cursor; stopped paging to avoid a loop`);
            break;
          }
          rep.warnings.push(`${entity}: HQ returned a duplicated page (cursor ${cursor}); asked again`);
          continue;
        }
        repeats = 0;
        cursor = page.nextCursor;
      }
    }
    commit();
    rep.status = rep.rejected.length ? 'partial' : 'succeeded';
  } catch (e) {
    try {
      commit();
    } catch {
      // the commit itself failed (disk full…): nothing of this transaction is kept, and the cursor with it
      if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
      keys.forget();
    }
    rep.status = e instanceof CancelledError ? 'cancelled' : 'failed';
    rep.error =
      e instanceof CancelledError
        ? 'cancelled; pages already written are kept and the next sync resumes after them'
        : (e as Error).message;
  } finally {
    sqlite.pragma(`wal_autocheckpoint = ${autocheckpoint}`);
    if (rep.pages > 1) sqlite.pragma('wal_checkpoint(PASSIVE)');
  }
  rep.retries = client.retries.length;
  if (rep.retries) rep.warnings.push(...client.retries.map((r) => `retry ${r.attempt}: ${r.reason}`).slice(0, 20));
  finishRun(sqlite, runId, {
    status: rep.status,
    counts: {
      pages: rep.pages,
      ...rep.items,
      inserted: rep.inserted,
      updated: rep.updated,
      unchanged: rep.unchanged,
      rejected: rep.rejected.length,
    },
    rejects: rep.rejected.map(({ line, field, message, entity }) => ({
      line,
      field,
      message: `${entity}: ${message}`,
    })),
    warnings: rep.warnings,
    error: rep.error,
  });
  opts.onProgress?.({ runId, phase: rep.status, done: rep.pages, total: rep.pages });
  return rep;
}

export const storeIdFromName = slug;
