/**
 * The one place a feature's query module turns SQL text into a better-sqlite3 statement. Each SQL
 * text is prepared once per connection (compiling is the costly part of a small query) and handed
 * back typed: the query module names the parameters and the row once, so the services that call it
 * never cast rows. Statements live as long as their connection (a WeakMap on the handle).
 *
 * Only the query layer (`src-main/<feature>/queries.ts`, and sync/merge-queries.ts for the import's
 * merge engine) and db/ call this; services call the query functions. SQL still prepared outside it,
 * on purpose: db/open.ts (the migration check, `VACUUM INTO` backups, run before any feature
 * exists); and the SQL a bench measures as its baseline (bench-copilot's bare FTS5 match,
 * bench-import's raw insert, hq/bench.ts's SQLite snapshot), which must not go through the layer it
 * is compared with. `grep -rn "\.prepare(" src-main --include=*.ts | grep -v /queries` lists exactly these.
 */
import type Database from 'better-sqlite3';

export type Sqlite = Database.Database;

/** A prepared statement whose parameters and rows are typed by the query module that owns its SQL. */
export type Statement<Params extends unknown[], Row> = Database.Statement<Params, Row>;

/**
 * rows: each row an object (the default); pluck: each row its first column; raw: each row an array.
 * pluck and raw change a statement's state, so each mode has its own cached statement.
 */
export type RowMode = 'rows' | 'pluck' | 'raw';

const cachesByConnection = new WeakMap<Sqlite, Map<string, Database.Statement<unknown[], unknown>>>();

/**
 * The statement for `sql` on this connection, prepared on first use. Params is the tuple of bind
 * arguments (`[number]`, or `[{ store: string }]` for named ones); Row is what one row reads as in
 * the chosen mode.
 */
export function statement<Params extends unknown[], Row>(
  sqlite: Sqlite,
  sql: string,
  mode: RowMode = 'rows',
): Statement<Params, Row> {
  let cache = cachesByConnection.get(sqlite);
  if (!cache) {
    cache = new Map();
    cachesByConnection.set(sqlite, cache);
  }
  const key = mode === 'rows' ? sql : `${mode}\u0000${sql}`;
  let prepared = cache.get(key);
  if (!prepared) {
    prepared = sqlite.prepare<unknown[], unknown>(sql);
    if (mode === 'pluck') prepared.pluck();
    else if (mode === 'raw') prepared.raw();
    cache.set(key, prepared);
  }
  // The cache holds statements of every shape; the query module that wrote `sql` names its shape.
  return prepared as unknown as Statement<Params, Row>;
}

/** SQLite's 0/1 for a boolean parameter. */
export function sqlFlag(value: boolean): 0 | 1 {
  return value ? 1 : 0;
}
