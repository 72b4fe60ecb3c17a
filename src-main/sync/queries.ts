/** Read-only questions an import asks of what it just stored. */
import type Database from 'better-sqlite3';

/** Active variants of one source priced in another currency than the store's, per currency. */
export function foreignCurrencyCounts(
  sqlite: Database.Database,
  source: string,
  storeCurrency: string,
): { currency: string; n: number }[] {
  return sqlite
    .prepare(
      `SELECT currency, count(*) AS n FROM variants WHERE source = ? AND status = 'active' AND currency <> ?
       GROUP BY currency ORDER BY n DESC, currency`,
    )
    .all(source, storeCurrency) as { currency: string; n: number }[];
}
