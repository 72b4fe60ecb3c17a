/**
 * A GMC feed imported on two threads: a worker reads the file and posts finished product groups;
 * this thread writes each batch inside the one write transaction while the next is being read.
 * The transaction's guarantees are the sequential importer's: it begins with the first batch, and a
 * read error, a write error or a cancel at any point rolls back everything this run wrote.
 * Products whose group came back later in the file arrive again at the end, with all their search
 * words, as an update (counted once, as the insert it was).
 */
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { builtWorkerScript } from '../shared/find-up';
import {
  CancelledError,
  createCatalogMerger,
  emptyCounts,
  type CatalogMerger,
  type MergeContext,
  type MergeCounts,
} from './merge';
import type { Reject, StagedProduct, StagedVariant } from './model';
import type { InputLimits } from '../shared/input-limits';

/** variants per batch: small enough that writing starts early, large enough that messages stay few */
const BATCH_VARIANTS = 4000;

type FromWorker =
  | { type: 'batch'; products: StagedProduct[]; variants: StagedVariant[] }
  | {
      type: 'done';
      products: StagedProduct[];
      variants: StagedVariant[];
      rejected: Reject[];
      warnings: string[];
      extra: Record<string, unknown>;
      dataRows: number;
    }
  | { type: 'error'; message: string }
  | { type: 'cancelled' };

export type PipelineOutcome =
  /** the file could not be read; whatever this run had written is rolled back */
  | { kind: 'read-error'; message: string }
  | { kind: 'cancelled'; wrote: boolean }
  | { kind: 'write-error'; message: string }
  /** the file had no usable item: nothing was written */
  | { kind: 'empty'; dataRows: number; rejected: Reject[]; warnings: string[]; extra: Record<string, unknown> }
  | {
      kind: 'committed';
      counts: MergeCounts;
      products: number;
      variants: number;
      rejected: Reject[];
      warnings: string[];
      extra: Record<string, unknown>;
      dataRows: number;
    };

/** The built worker script, or null when running from source (tests): the caller then reads first, writes after. */
export function gmcParseWorkerScript(): string | null {
  return builtWorkerScript('gmc-parse-worker', import.meta.url);
}

export async function importGmcPipelined(
  sqlite: Database.Database,
  script: string,
  args: {
    file: string;
    encoding?: string;
    currency: string;
    limits: InputLimits;
    ctx: MergeContext;
    onRead?: (items: number) => void;
  },
): Promise<PipelineOutcome> {
  const worker = new Worker(script, {
    workerData: {
      file: args.file,
      encoding: args.encoding,
      defaultCurrency: args.currency,
      limits: args.limits,
      batchSize: BATCH_VARIANTS,
    },
  });
  const queue: FromWorker[] = [];
  let wake: (() => void) | null = null;
  const push = (m: FromWorker) => {
    queue.push(m);
    wake?.();
  };
  worker.on('message', (m: FromWorker) => push(m));
  worker.on('error', (e) => push({ type: 'error', message: e.message }));
  worker.on('exit', (code) => {
    if (code !== 0) push({ type: 'error', message: `the file reader stopped unexpectedly (exit code ${code})` });
  });
  const onAbort = () => push({ type: 'cancelled' });
  args.ctx.signal?.addEventListener('abort', onAbort, { once: true });
  const next = async (): Promise<FromWorker> => {
    while (!queue.length) await new Promise<void>((r) => (wake = r));
    wake = null;
    return queue.shift()!;
  };

  const counts = emptyCounts();
  const listedProducts = new Set<string>();
  const listedVariants = new Set<string>();
  const lostVariants: Reject[] = [];
  let merger: CatalogMerger | null = null;
  let read = 0;
  const begin = () => {
    if (merger) return merger;
    sqlite.exec('BEGIN IMMEDIATE');
    return (merger = createCatalogMerger(sqlite, args.ctx, counts, 0).merger);
  };
  const write = async (products: StagedProduct[], variants: StagedVariant[]) => {
    const m = begin();
    for (const p of products) listedProducts.add(p.externalId);
    for (const v of variants) listedVariants.add(v.sku);
    await m.products(products);
    await m.variants(variants, lostVariants);
  };
  const rollback = () => {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
  };

  try {
    for (;;) {
      const msg = await next();
      if (msg.type === 'cancelled' || args.ctx.signal?.aborted) {
        rollback();
        return { kind: 'cancelled', wrote: merger !== null };
      }
      if (msg.type === 'error') {
        rollback();
        return { kind: 'read-error', message: msg.message };
      }
      if (msg.type === 'batch') {
        read += msg.variants.length;
        args.onRead?.(read);
        try {
          await write(msg.products, msg.variants);
        } catch (e) {
          rollback();
          if (e instanceof CancelledError) return { kind: 'cancelled', wrote: true };
          return { kind: 'write-error', message: (e as Error).message };
        }
        continue;
      }
      // done: the last groups, the products that came back, then what the file no longer lists
      if (!merger && msg.products.length === 0 && msg.variants.length === 0) {
        return {
          kind: 'empty',
          dataRows: msg.dataRows,
          rejected: msg.rejected,
          warnings: msg.warnings,
          extra: msg.extra,
        };
      }
      try {
        await write(msg.products, msg.variants);
        merger!.discontinueMissing({ products: listedProducts, variants: listedVariants });
        merger!.end();
        if (args.ctx.signal?.aborted) throw new CancelledError();
        sqlite.exec('COMMIT');
      } catch (e) {
        rollback();
        if (e instanceof CancelledError) return { kind: 'cancelled', wrote: true };
        return { kind: 'write-error', message: (e as Error).message };
      }
      return {
        kind: 'committed',
        counts,
        products: listedProducts.size,
        variants: listedVariants.size,
        rejected: [...msg.rejected, ...lostVariants],
        warnings: msg.warnings,
        extra: msg.extra,
        dataRows: msg.dataRows,
      };
    }
  } finally {
    args.ctx.signal?.removeEventListener('abort', onAbort);
    rollback();
    void worker.terminate();
  }
}
