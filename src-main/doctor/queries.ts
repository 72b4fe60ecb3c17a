/** What `aisle doctor` reads from the database: integrity, versions, the last sync runs, stock times. */
import { statement, type Sqlite } from '../db/statements';

/** SQLite's quick integrity check: one "ok" line when the file is sound, else what is wrong. */
export function quickCheck(sqlite: Sqlite): string[] {
  return statement<[], string>(sqlite, 'PRAGMA quick_check', 'pluck').all();
}

export function sqliteVersion(sqlite: Sqlite): string {
  return statement<[], string>(sqlite, 'SELECT sqlite_version()', 'pluck').get() ?? '';
}

export interface LastRunRow {
  status: string;
  at: string | null;
}

/** A data source's newest sync run. */
export function lastSyncRun(sqlite: Sqlite, source: string): LastRunRow | undefined {
  return statement<[string], LastRunRow>(
    sqlite,
    'SELECT status, finished_at AS at FROM sync_runs WHERE source_name = ? ORDER BY id DESC LIMIT 1',
  ).get(source);
}

/** When the newest stock figure was synced; null before any. */
export function newestStockSync(sqlite: Sqlite): string | null {
  return statement<[], string | null>(sqlite, 'SELECT max(synced_at) FROM inventory', 'pluck').get() ?? null;
}
