/** Sync calls for Settings → Data sources: sources with their last run, run history, run/cancel, file import, outbox. */
import { z } from 'zod';
import { mutation, query } from './define';

export const syncRunStatus = z.enum(['running', 'succeeded', 'partial', 'failed', 'cancelled']);

export const syncRun = z.object({
  id: z.number().int(),
  sourceName: z.string(),
  format: z.string(),
  file: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  status: syncRunStatus,
  /** products, variants, customers, orders, orderLines, inventoryRows, locations, inserted, updated, unchanged, discontinued, rejected (HQ: pages + per entity) */
  counts: z.record(z.string(), z.number()).nullable(),
  rejects: z.array(z.object({ line: z.number(), field: z.string(), message: z.string() })),
  warnings: z.array(z.string()),
  error: z.string().nullable(),
});
export type SyncRun = z.infer<typeof syncRun>;

export const syncSource = z.object({
  name: z.string(),
  type: z.enum(['file', 'hq']),
  /** import format for file sources, "hq" for the HQ API */
  format: z.string(),
  /** file path / feed URL, or the HQ base URL */
  location: z.string(),
  intervalMinutes: z.number().int().nullable(),
  /** run id while a run is in progress */
  runningRunId: z.number().int().nullable(),
  lastRun: syncRun.nullable(),
});

export const importFormat = z.enum([
  'gmc',
  'shopify-products',
  'shopify-inventory',
  'shopify-customers',
  'shopify-orders',
  'transactions',
]);

export const outboxStatusSchema = z.object({
  pending: z.number().int(),
  sent: z.number().int(),
  failing: z.number().int(),
  oldestPendingAt: z.string().nullable(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
});

const SYNC_QUERIES = ['sync.sources', 'sync.runs'] as const;

export const syncCalls = {
  'sync.sources': query({ input: z.object({}).default({}), output: z.array(syncSource) }),
  'sync.runs': query({
    input: z
      .object({ source: z.string().optional(), limit: z.number().int().min(1).max(200).default(20) })
      .default({ limit: 20 }),
    output: z.array(syncRun),
  }),
  'sync.run': mutation({
    input: z.object({ source: z.string().optional() }).default({}),
    output: z.object({ runIds: z.array(z.number().int()) }),
    invalidates: SYNC_QUERIES,
    role: 'manager',
  }),
  'sync.cancel': mutation({
    input: z.object({ runId: z.number().int() }),
    output: z.object({ cancelled: z.boolean() }),
    invalidates: SYNC_QUERIES,
    role: 'manager',
  }),
  'sync.importFile': mutation({
    input: z.object({ format: importFormat, path: z.string().min(1), encoding: z.string().optional() }),
    output: z.object({ runId: z.number().int() }),
    invalidates: SYNC_QUERIES,
    role: 'manager',
  }),
  'outbox.status': query({ input: z.object({}).default({}), output: outboxStatusSchema }),
};
