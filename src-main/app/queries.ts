/** The installation-wide SQL: stores, row counts and how fresh the catalog is. */
import type { stores } from '../db/schema';
import { statement, type Sqlite } from '../db/statements';

export type StoreRow = Pick<typeof stores.$inferSelect, 'id' | 'name'>;

export function storeById(sqlite: Sqlite, id: string): StoreRow | undefined {
  return statement<[string], StoreRow>(sqlite, 'SELECT id, name FROM stores WHERE id = ?').get(id);
}

/** A store's time zone (stores.timezone); undefined for a store not known here. */
export function storeTimeZone(sqlite: Sqlite, id: string): string | undefined {
  return statement<[string], string>(sqlite, 'SELECT timezone FROM stores WHERE id = ?', 'pluck').get(id);
}

/** The store with the lowest id: "here" when nothing names one. */
export function firstStore(sqlite: Sqlite): StoreRow | undefined {
  return statement<[], StoreRow>(sqlite, 'SELECT id, name FROM stores ORDER BY id LIMIT 1').get();
}

export function storesByName(sqlite: Sqlite): StoreRow[] {
  return statement<[], StoreRow>(sqlite, 'SELECT id, name FROM stores ORDER BY name').all();
}

export function storesById(sqlite: Sqlite): StoreRow[] {
  return statement<[], StoreRow>(sqlite, 'SELECT id, name FROM stores ORDER BY id').all();
}

/**
 * Sets a store's time zone (creating the store when the first import has not yet); a change re-cuts
 * the store's KPI days (trigger stores_timezone_au), so an unchanged zone is not written.
 */
export function upsertStoreTimeZone(sqlite: Sqlite, id: string, name: string, timeZone: string): void {
  statement<[string, string, string], never>(
    sqlite,
    `INSERT INTO stores (id, name, timezone) VALUES (?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET timezone = excluded.timezone WHERE stores.timezone IS NOT excluded.timezone`,
  ).run(id, name, timeZone);
}

export type CountedTable = 'products' | 'variants' | 'customers' | 'orders' | 'consultations';

export function rowCount(sqlite: Sqlite, table: CountedTable): number {
  // table is one of five fixed names, never caller text
  return statement<[], number>(sqlite, `SELECT count(*) FROM ${table}`, 'pluck').get() ?? 0;
}

/**
 * The oldest of the per-source last syncs of what the store relies on: active variants (catalog) or
 * this store's inventory (stock). A source's last sync is its newest row, or its last successful run
 * when that run found nothing new (unchanged rows keep their time). Hidden placeholders (price 0,
 * created by stock rows for unknown SKUs) are not catalog.
 */
export function oldestSourceSync(sqlite: Sqlite, what: 'catalog' | 'stock', storeId: string): string | null {
  const rows =
    what === 'catalog'
      ? `SELECT source, max(synced_at) AS t FROM variants WHERE status = 'active' GROUP BY source`
      : `SELECT source, max(synced_at) AS t FROM inventory WHERE store_id = @store GROUP BY source`;
  return (
    statement<[{ store: string }], string | null>(
      sqlite,
      `SELECT min(coalesce(max(r.t, runs.t), r.t)) AS t FROM (${rows}) r
       LEFT JOIN (SELECT source_name, max(finished_at) AS t FROM sync_runs
                  WHERE status IN ('succeeded','partial') GROUP BY source_name) runs
         ON runs.source_name = r.source`,
      'pluck',
    ).get({ store: storeId }) ?? null
  );
}
