/**
 * The outbox: anything that must reach HQ (consultation records, confirmed customer notes) is
 * written here in the same database, then sent with its idempotency key. Offline, items simply
 * wait; a failed send backs off (30 s doubling, at most 1 h) and is retried; HQ deduplicates on
 * the key, so a send that succeeded but whose answer was lost is harmless to repeat.
 */
import type { AisleDatabase } from '../db/open';
import type Database from 'better-sqlite3';
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
  return (
    adb.sqlite
      .prepare('INSERT OR IGNORE INTO outbox (kind, idempotency_key, payload, created_at) VALUES (?, ?, ?, ?)')
      .run(item.kind, item.idempotencyKey, JSON.stringify(item.payload), nowIso()).changes === 1
  );
}

export interface OutboxStatus {
  pending: number;
  sent: number;
  failing: number;
  oldestPendingAt: string | null;
  lastError: string | null;
  nextAttemptAt: string | null;
}

export function outboxStatus(sqlite: Database.Database): OutboxStatus {
  const r = sqlite
    .prepare(
      `SELECT sum(sent_at IS NULL) AS pending, sum(sent_at IS NOT NULL) AS sent, sum(sent_at IS NULL AND attempts > 0) AS failing,
              min(CASE WHEN sent_at IS NULL THEN created_at END) AS oldest, min(CASE WHEN sent_at IS NULL THEN next_attempt_at END) AS next
       FROM outbox`,
    )
    .get() as { pending: number | null; sent: number | null; failing: number | null; oldest: string | null; next: string | null };
  const lastError = sqlite.prepare('SELECT last_error FROM outbox WHERE sent_at IS NULL AND last_error IS NOT NULL ORDER BY id DESC LIMIT 1').pluck().get() as string | undefined;
  return { pending: r.pending ?? 0, sent: r.sent ?? 0, failing: r.failing ?? 0, oldestPendingAt: r.oldest, lastError: lastError ?? null, nextAttemptAt: r.next };
}

export const outboxBackoffMs = (attempts: number): number => Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);

export interface SendResult {
  sent: number;
  failed: number;
  stoppedBy: string | null;
}

/** Sends what is due, oldest first. Stops at the first failure (offline or HQ down: the rest would fail too). */
export async function sendOutbox(sqlite: Database.Database, client: HqClient, opts: { now?: () => Date; limit?: number; signal?: AbortSignal } = {}): Promise<SendResult> {
  const now = opts.now ?? (() => new Date());
  const due = sqlite
    .prepare(
      `SELECT id, kind, idempotency_key AS key, payload, created_at AS createdAt, attempts FROM outbox
       WHERE sent_at IS NULL AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY id LIMIT ?`,
    )
    .all(now().toISOString(), opts.limit ?? 100) as { id: number; kind: string; key: string; payload: string; createdAt: string; attempts: number }[];
  const res: SendResult = { sent: 0, failed: 0, stoppedBy: null };
  for (const item of due) {
    try {
      await client.request(
        'POST',
        '/v1/events',
        { kind: item.kind, idempotencyKey: item.key, createdAt: item.createdAt, payload: JSON.parse(item.payload) as unknown },
        { 'idempotency-key': item.key },
        opts.signal,
      );
      sqlite.prepare('UPDATE outbox SET sent_at=?, attempts=attempts+1, last_error=NULL, next_attempt_at=NULL WHERE id=?').run(nowIso(), item.id);
      res.sent++;
    } catch (e) {
      const attempts = item.attempts + 1;
      const next = new Date(now().getTime() + outboxBackoffMs(attempts)).toISOString();
      sqlite.prepare('UPDATE outbox SET attempts=?, next_attempt_at=?, last_error=? WHERE id=?').run(attempts, next, (e as Error).message.slice(0, 500), item.id);
      res.failed++;
      res.stoppedBy = e instanceof HqError ? e.kind : 'error';
      break;
    }
  }
  return res;
}
