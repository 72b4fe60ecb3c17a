/**
 * The sync feature's bookkeeping SQL: runs (sync_runs), HQ cursors and the outbox. The merge
 * engine's own statements (merge.ts) are in merge-queries.ts.
 */
import type { SyncRun } from '../contract/sync';
import { statement, type Sqlite } from '../db/statements';

// ── runs ─────────────────────────────────────────────────────────────────────

export interface RunRow {
  id: number;
  source_name: string;
  format: string;
  file: string | null;
  started_at: string;
  finished_at: string | null;
  status: SyncRun['status'];
  /** JSON */
  counts: string | null;
  /** JSON */
  rejects: string | null;
  /** JSON */
  warnings: string | null;
  error: string | null;
}

const RUN_COLUMNS = 'id, source_name, format, file, started_at, finished_at, status, counts, rejects, warnings, error';

/** The newest runs, of one source or of all. */
export function recentRuns(sqlite: Sqlite, source: string | null, limit: number): RunRow[] {
  if (source === null) {
    return statement<[number], RunRow>(sqlite, `SELECT ${RUN_COLUMNS} FROM sync_runs ORDER BY id DESC LIMIT ?`).all(
      limit,
    );
  }
  return statement<[string, number], RunRow>(
    sqlite,
    `SELECT ${RUN_COLUMNS} FROM sync_runs WHERE source_name=? ORDER BY id DESC LIMIT ?`,
  ).all(source, limit);
}

export function insertRun(sqlite: Sqlite, sourceName: string, format: string, file: string | null, at: string): number {
  return Number(
    statement<[string, string, string | null, string], never>(
      sqlite,
      "INSERT INTO sync_runs (source_name, format, file, started_at, status) VALUES (?, ?, ?, ?, 'running')",
    ).run(sourceName, format, file, at).lastInsertRowid,
  );
}

export interface RunEnd {
  id: number;
  finishedAt: string;
  status: string;
  counts: string | null;
  rejects: string | null;
  warnings: string | null;
  error: string | null;
}

export function updateRunEnd(sqlite: Sqlite, r: RunEnd): void {
  statement<[RunEnd], never>(
    sqlite,
    `UPDATE sync_runs SET finished_at=@finishedAt, status=@status, counts=@counts, rejects=@rejects, warnings=@warnings,
       error=@error WHERE id=@id`,
  ).run(r);
}

/** Marks runs left 'running' by a process that died as failed; how many there were. */
export function failInterruptedRuns(sqlite: Sqlite, at: string): number {
  return statement<[string], never>(
    sqlite,
    `UPDATE sync_runs SET status='failed', finished_at=?,
       error='interrupted: the app or CLI stopped during this run; nothing from it was kept'
     WHERE status='running'`,
  ).run(at).changes;
}

// ── HQ cursors ───────────────────────────────────────────────────────────────

export function readCursorRow(sqlite: Sqlite, source: string, entity: string): string | null | undefined {
  return statement<[string, string], string | null>(
    sqlite,
    'SELECT cursor FROM sync_cursors WHERE source_name=? AND entity=?',
    'pluck',
  ).get(source, entity);
}

export function upsertCursor(sqlite: Sqlite, source: string, entity: string, cursor: string | null, at: string): void {
  statement<[string, string, string | null, string], never>(
    sqlite,
    `INSERT INTO sync_cursors (source_name, entity, cursor, updated_at) VALUES (?,?,?,?)
     ON CONFLICT(source_name, entity) DO UPDATE SET cursor=excluded.cursor, updated_at=excluded.updated_at`,
  ).run(source, entity, cursor, at);
}

// ── outbox ───────────────────────────────────────────────────────────────────

/** Queues an item; false when its idempotency key is already queued. */
export function insertOutboxItem(sqlite: Sqlite, kind: string, key: string, payload: string, at: string): boolean {
  return (
    statement<[string, string, string, string], never>(
      sqlite,
      'INSERT OR IGNORE INTO outbox (kind, idempotency_key, payload, created_at) VALUES (?, ?, ?, ?)',
    ).run(kind, key, payload, at).changes === 1
  );
}

export interface OutboxTotalsRow {
  pending: number | null;
  sent: number | null;
  failing: number | null;
  oldest: string | null;
  next: string | null;
}

export function outboxTotals(sqlite: Sqlite): OutboxTotalsRow | undefined {
  return statement<[], OutboxTotalsRow>(
    sqlite,
    `SELECT sum(sent_at IS NULL) AS pending, sum(sent_at IS NOT NULL) AS sent, sum(sent_at IS NULL
      AND attempts > 0) AS failing,
            min(CASE WHEN sent_at IS NULL THEN created_at END) AS oldest,
            min(CASE WHEN sent_at IS NULL THEN next_attempt_at END) AS next
     FROM outbox`,
  ).get();
}

export function lastOutboxError(sqlite: Sqlite): string | undefined {
  return statement<[], string>(
    sqlite,
    'SELECT last_error FROM outbox WHERE sent_at IS NULL AND last_error IS NOT NULL ORDER BY id DESC LIMIT 1',
    'pluck',
  ).get();
}

export interface OutboxItemRow {
  id: number;
  kind: string;
  key: string;
  /** JSON */
  payload: string;
  createdAt: string;
  attempts: number;
}

/** Unsent items whose next attempt is due, oldest first. */
export function dueOutboxItems(sqlite: Sqlite, nowIso: string, limit: number): OutboxItemRow[] {
  return statement<[string, number], OutboxItemRow>(
    sqlite,
    `SELECT id, kind, idempotency_key AS key, payload, created_at AS createdAt, attempts FROM outbox
     WHERE sent_at IS NULL AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY id LIMIT ?`,
  ).all(nowIso, limit);
}

export function markOutboxSent(sqlite: Sqlite, id: number, at: string): void {
  statement<[string, number], never>(
    sqlite,
    'UPDATE outbox SET sent_at=?, attempts=attempts+1, last_error=NULL, next_attempt_at=NULL WHERE id=?',
  ).run(at, id);
}

export function markOutboxFailed(
  sqlite: Sqlite,
  id: number,
  attempts: number,
  nextAttemptAt: string,
  error: string,
): void {
  statement<[number, string, string, number], never>(
    sqlite,
    'UPDATE outbox SET attempts=?, next_attempt_at=?, last_error=? WHERE id=?',
  ).run(attempts, nextAttemptAt, error, id);
}

// ── what an import just stored ───────────────────────────────────────────────

/** Active variants of one source priced in another currency than the store's, per currency. */
export function foreignCurrencyCounts(
  sqlite: Sqlite,
  source: string,
  storeCurrency: string,
): { currency: string; n: number }[] {
  return statement<[string, string], { currency: string; n: number }>(
    sqlite,
    `SELECT currency, count(*) AS n FROM variants WHERE source = ? AND status = 'active' AND currency <> ?
     GROUP BY currency ORDER BY n DESC, currency`,
  ).all(source, storeCurrency);
}
