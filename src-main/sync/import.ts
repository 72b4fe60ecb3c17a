/**
 * One import = parse the whole file into memory (no database writes), then merge in ONE write
 * transaction (a GMC feed is read on a second thread while its groups are written into that same
 * transaction: gmc-pipeline.ts). A parse error, a cancel or a kill at any moment therefore leaves the previous data
 * as it was (SQLite rolls back an unfinished transaction on the next open). Every run is recorded
 * in sync_runs, before (status running) and after (counts, rejects, warnings, error).
 */
import { failInterruptedRuns, insertRun, updateRunEnd } from './queries';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { nowIso } from '../shared/time';
import { type ImportFormat, IMPORT_FORMATS } from './formats/detect';
import { parseGmc } from './formats/gmc';
import { parseShopifyInventory } from './formats/shopify-inventory';
import { parseShopifyCustomers, parseShopifyOrders } from './formats/shopify-people';
import { parseShopifyProducts } from './formats/shopify-products';
import { parseTransactions } from './formats/transactions';
import { UnusableFileError } from './input';
import { CancelledError, mergeStaged, type MergeCounts } from './merge';
import { gmcParseWorkerScript, importGmcPipelined } from './gmc-pipeline';
import type { FormatParser, Reject, Staged } from './model';
import { resolveLimits, type InputLimits } from '../shared/input-limits';
import { foreignCurrencyCounts } from './queries';

export const PARSERS: Record<ImportFormat, FormatParser> = {
  gmc: parseGmc,
  'shopify-products': parseShopifyProducts,
  'shopify-inventory': parseShopifyInventory,
  'shopify-customers': parseShopifyCustomers,
  'shopify-orders': parseShopifyOrders,
  transactions: parseTransactions,
};

export type RunStatus = 'running' | 'succeeded' | 'partial' | 'failed' | 'cancelled';

export interface ImportOptions {
  format: ImportFormat;
  file: string;
  encoding?: string;
  /** configured source name; rows get it as `source`. Default: "<format>:<file basename>" */
  sourceName?: string;
  /** the store's currency: for prices that carry none (GMC without currency, Shopify CSVs, transactions),
   *  and the one a feed's prices are compared with (a warning counts those in another currency) */
  currency?: string;
  signal?: AbortSignal;
  /** an already created sync_runs row (the app creates it to return its id at once) */
  runId?: number;
  /** yield to the event loop every N merged rows (worker mode, so a cancel is heard) */
  yieldEvery?: number;
  /** bounds on the file (configuration `import.limits`, AISLE_IMPORT_MAX_*, --max-…); defaults for the rest */
  limits?: Partial<InputLimits>;
  /** GMC: read the file on a second thread while writing (gmc-pipeline.ts); on by default where the built worker exists */
  pipeline?: boolean;
  onProgress?: (p: { runId: number; phase: string; done: number; total: number | null }) => void;
}

export interface ImportReport {
  format: ImportFormat;
  file: string;
  products: number;
  variants: number;
  customers: number;
  orders: number;
  orderLines: number;
  inventoryRows: number;
  locations: number;
  inserted: number;
  updated: number;
  unchanged: number;
  discontinued: number;
  rejected: Reject[];
  warnings: string[];
  /** added fields */
  runId: number;
  status: RunStatus;
  exitCode: 0 | 1 | 2;
  error: string | null;
  source: string;
  encoding: string | null;
  seconds: number;
  byEntity: MergeCounts | null;
  details: Record<string, unknown>;
}

/** How many rejects go into sync_runs (the CLI report always has all of them). */
const STORED_REJECTS = 1000;

export function startRun(sqlite: Database.Database, sourceName: string, format: string, file: string | null): number {
  return insertRun(sqlite, sourceName, format, file, nowIso());
}

export function finishRun(
  sqlite: Database.Database,
  runId: number,
  r: {
    status: RunStatus;
    counts?: Record<string, number>;
    rejects?: Reject[];
    warnings?: string[];
    error?: string | null;
  },
): void {
  updateRunEnd(sqlite, {
    id: runId,
    finishedAt: nowIso(),
    status: r.status,
    counts: r.counts ? JSON.stringify(r.counts) : null,
    rejects: r.rejects ? JSON.stringify(r.rejects.slice(0, STORED_REJECTS)) : null,
    warnings: r.warnings ? JSON.stringify(r.warnings) : null,
    error: r.error ?? null,
  });
}

/** Runs left 'running' by a process that died (kill, power cut) are marked failed at start-up. */
export function recoverInterruptedRuns(sqlite: Database.Database): number {
  return failInterruptedRuns(sqlite, nowIso());
}

function entityCounts(staged: Staged) {
  let orderLines = 0;
  for (const o of staged.orders.values()) orderLines += o.lines.length;
  return {
    products: staged.products.size,
    variants: staged.variants.size,
    customers: staged.customers.size,
    orders: staged.orders.size,
    orderLines,
    inventoryRows: staged.inventory.length,
    locations: staged.stores.size,
  };
}

export async function runImport(sqlite: Database.Database, opts: ImportOptions): Promise<ImportReport> {
  if (!IMPORT_FORMATS.includes(opts.format)) throw new Error(`unknown format ${opts.format}`);
  const started = Date.now();
  const file = path.resolve(opts.file);
  const source = opts.sourceName ?? `${opts.format}:${path.basename(file)}`;
  const runId = opts.runId ?? startRun(sqlite, opts.sourceName ?? 'cli', opts.format, file);
  const report: ImportReport = {
    format: opts.format,
    file,
    products: 0,
    variants: 0,
    customers: 0,
    orders: 0,
    orderLines: 0,
    inventoryRows: 0,
    locations: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    discontinued: 0,
    rejected: [],
    warnings: [],
    runId,
    status: 'running',
    exitCode: 0,
    error: null,
    source,
    encoding: opts.encoding ?? null,
    seconds: 0,
    byEntity: null,
    details: {},
  };
  const progress = (phase: string, done: number, total: number | null) =>
    opts.onProgress?.({ runId, phase, done, total });
  const limits = resolveLimits(opts.limits);
  const storeCurrency = (opts.currency ?? 'GBP').toUpperCase();
  const finish = (status: RunStatus, exitCode: 0 | 1 | 2, error: string | null): ImportReport => {
    report.status = status;
    report.exitCode = exitCode;
    report.error = error;
    report.seconds = Math.round((Date.now() - started) / 10) / 100;
    const counts: Record<string, number> = {
      products: report.products,
      variants: report.variants,
      customers: report.customers,
      orders: report.orders,
      orderLines: report.orderLines,
      inventoryRows: report.inventoryRows,
      locations: report.locations,
      inserted: report.inserted,
      updated: report.updated,
      unchanged: report.unchanged,
      discontinued: report.discontinued,
      rejected: report.rejected.length,
    };
    finishRun(sqlite, runId, { status, counts, rejects: report.rejected, warnings: report.warnings, error });
    progress(status, 1, 1);
    return report;
  };

  /** the end of every run that wrote: totals, warnings from the merge, rejects in line order */
  const complete = (counts: MergeCounts, rejected: Reject[]) => {
    report.byEntity = counts;
    for (const c of [counts.products, counts.variants, counts.customers, counts.orders, counts.inventory]) {
      report.inserted += c.inserted;
      report.updated += c.updated;
      report.unchanged += c.unchanged;
      report.discontinued += c.discontinued;
    }
    if (counts.storesCreated) report.warnings.push(`${counts.storesCreated} new store(s) created from location names`);
    if (counts.inventoryUnmatched)
      report.warnings.push(`${counts.inventoryUnmatched} inventory row(s) name SKUs not in the catalog; not stored`);
    // prices keep their own currency; one that differs from the store's is worth knowing at import
    for (const { currency, n } of foreignCurrencyCounts(sqlite, source, storeCurrency)) {
      const warning = `${n} price(s) in ${currency}, not the store's ${storeCurrency}: kept and shown in ${currency}`;
      report.warnings.push(warning);
    }
    report.rejected = rejected;
    report.rejected.sort((a, b) => a.line - b.line);
    return report.rejected.length ? finish('partial', 1, null) : finish('succeeded', 0, null);
  };
  const noDataRows = `${file}: no data rows (the file has at most a header). Nothing was changed.`;
  const allRejected = (rows: number) =>
    `${file}: every one of the ${rows} data rows was rejected. Nothing was changed.`;
  const cancelledWriting = 'cancelled while writing; all changes of this run were rolled back';
  const writeFailed = (message: string) => `${file}: writing failed and was rolled back: ${message}`;

  const pipelineScript = opts.format === 'gmc' && opts.pipeline !== false ? gmcParseWorkerScript() : null;
  if (pipelineScript) {
    progress('reading', 0, null);
    const out = await importGmcPipelined(sqlite, pipelineScript, {
      file,
      encoding: opts.encoding,
      currency: storeCurrency,
      limits,
      ctx: {
        source,
        syncedAt: nowIso(),
        signal: opts.signal,
        yieldEvery: opts.yieldEvery,
        onProgress: (done, total) => progress('writing', done, total),
      },
      onRead: (items) => progress('reading', items, null),
    });
    switch (out.kind) {
      case 'read-error':
        return finish('failed', 2, `${file}: ${out.message}. Nothing was changed.`);
      case 'cancelled':
        return finish(
          'cancelled',
          2,
          out.wrote ? cancelledWriting : 'cancelled while reading the file; nothing was changed',
        );
      case 'write-error':
        return finish('failed', 2, writeFailed(out.message));
      case 'empty':
        report.warnings.push(...out.warnings);
        report.details = out.extra;
        if (out.dataRows === 0) return finish('failed', 2, noDataRows);
        report.rejected = out.rejected;
        return finish('failed', 2, allRejected(out.dataRows));
      case 'committed':
        report.products = out.products;
        report.variants = out.variants;
        report.warnings.push(...out.warnings);
        report.details = out.extra;
        return complete(out.counts, out.rejected);
    }
  }

  let staged: Staged;
  try {
    progress('reading', 0, null);
    staged = await PARSERS[opts.format](file, {
      encoding: opts.encoding,
      defaultCurrency: storeCurrency,
      signal: opts.signal,
      limits,
      onProgress: (done) => progress('reading', done, null),
    });
  } catch (e) {
    if (opts.signal?.aborted) return finish('cancelled', 2, 'cancelled while reading the file; nothing was changed');
    if (e instanceof UnusableFileError) return finish('failed', 2, `${file}: ${e.message}. Nothing was changed.`);
    return finish('failed', 2, `${file}: ${(e as Error).message}. Nothing was changed.`);
  }
  Object.assign(report, entityCounts(staged));
  report.warnings.push(...staged.warnings);
  report.details = staged.extra;
  if (staged.dataRows === 0) return finish('failed', 2, noDataRows);
  const entities =
    staged.products.size + staged.variants.size + staged.customers.size + staged.orders.size + staged.inventory.length;
  if (entities === 0) {
    report.rejected = staged.rejected;
    return finish('failed', 2, allRejected(staged.dataRows));
  }
  if (opts.signal?.aborted) return finish('cancelled', 2, 'cancelled before writing; nothing was changed');

  progress('writing', 0, entities);
  let counts: MergeCounts;
  sqlite.exec('BEGIN IMMEDIATE');
  try {
    counts = await mergeStaged(sqlite, staged, {
      source,
      syncedAt: nowIso(),
      signal: opts.signal,
      yieldEvery: opts.yieldEvery,
      onProgress: (done, total) => progress('writing', done, total),
    });
    if (opts.signal?.aborted) throw new CancelledError();
    sqlite.exec('COMMIT');
  } catch (e) {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
    report.rejected = staged.rejected;
    if (e instanceof CancelledError || opts.signal?.aborted) return finish('cancelled', 2, cancelledWriting);
    return finish('failed', 2, writeFailed((e as Error).message));
  }
  return complete(counts, staged.rejected);
}
