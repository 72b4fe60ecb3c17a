/**
 * The outbox: anything that must reach HQ (consultation records, confirmed customer notes) is
 * written here in the same database, then sent with its idempotency key. Offline, items simply
 * wait; a failed send backs off (30 s doubling, at most 1 h) and is retried; HQ deduplicates on
 * the key, so a send that succeeded but whose answer was lost is harmless to repeat.
 */
import type { AisleDatabase } from '../db/open';
import type { Sqlite } from '../db/statements';
import {
  dueOutboxItems,
  insertOutboxItem,
  lastOutboxError,
  markOutboxFailed,
  markOutboxSent,
  outboxTotals,
} from './queries';
import { nowIso } from '../shared/time';
import type { AisleConfig } from '../settings/config-schema';
import { HqError, type HqClient } from './hq';

/**
 * Outbox items exist only when IT configured an HQ source: without one nothing would ever send them,
 * and the screens would promise "queued for head office" to nobody. Callers check this before queuing.
 */
export function hasHeadOffice(config: Pick<AisleConfig, 'sources'>): boolean {
  return config.sources.some((src) => src.type === 'hq');
}

export interface OutboxItem {
  kind: string;
  idempotencyKey: string;
  payload: Record<string, unknown>;
}

/** Queue one item. The same idempotency key twice is one item (returns false the second time). */
export function enqueueOutbox(adb: Pick<AisleDatabase, 'sqlite'>, item: OutboxItem): boolean {
  if (!item.kind || !item.idempotencyKey) throw new Error('outbox items need a kind and an idempotency key');
  return insertOutboxItem(adb.sqlite, item.kind, item.idempotencyKey, JSON.stringify(item.payload), nowIso());
}

export interface OutboxStatus {
  pending: number;
  sent: number;
  failing: number;
  oldestPendingAt: string | null;
  lastError: string | null;
  nextAttemptAt: string | null;
}

export function outboxStatus(sqlite: Sqlite): OutboxStatus {
  const r = outboxTotals(sqlite);
  const lastError = lastOutboxError(sqlite);
  return {
    pending: r?.pending ?? 0,
    sent: r?.sent ?? 0,
    failing: r?.failing ?? 0,
    oldestPendingAt: r?.oldest ?? null,
    lastError: lastError ?? null,
    nextAttemptAt: r?.next ?? null,
  };
}

export const outboxBackoffMs = (attempts: number): number =>
  Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);

export interface SendResult {
  sent: number;
  failed: number;
  stoppedBy: string | null;
}

/** Sends what is due, oldest first. Stops at the first failure (offline or HQ down: the rest would fail too). */
export async function sendOutbox(
  sqlite: Sqlite,
  client: HqClient,
  opts: { now?: () => Date; limit?: number; signal?: AbortSignal } = {},
): Promise<SendResult> {
  const now = opts.now ?? (() => new Date());
  const due = dueOutboxItems(sqlite, now().toISOString(), opts.limit ?? 100);
  const res: SendResult = { sent: 0, failed: 0, stoppedBy: null };
  for (const item of due) {
    try {
      await client.request(
        'POST',
        '/v1/events',
        {
          kind: item.kind,
          idempotencyKey: item.key,
          createdAt: item.createdAt,
          payload: JSON.parse(item.payload) as unknown,
        },
        { 'idempotency-key': item.key },
        opts.signal,
      );
      markOutboxSent(sqlite, item.id, nowIso());
      res.sent++;
    } catch (e) {
      const attempts = item.attempts + 1;
      const next = new Date(now().getTime() + outboxBackoffMs(attempts)).toISOString();
      markOutboxFailed(sqlite, item.id, attempts, next, (e as Error).message.slice(0, 500));
      res.failed++;
      res.stoppedBy = e instanceof HqError ? e.kind : 'error';
      break;
    }
  }
  return res;
}
