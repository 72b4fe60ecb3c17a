/**
 * Typed SQL of the catalog feature that is not part of the search pipeline in service.ts.
 * A scanned or typed code is matched against the variants' GTINs and SKUs.
 */
import type Database from 'better-sqlite3';

export interface CodeMatch {
  productId: number;
  sku: string;
  gtin: string | null;
  title: string;
  size: string | null;
  color: string | null;
}

/**
 * The variant a barcode or SKU names. GTINs compare without leading zeros, so a 12-digit UPC-A read
 * by a scanner finds the 13-digit EAN the feed stored (and a GTIN-14 padded with zeros finds either).
 */
export function findVariantByCode(sqlite: Database.Database, code: string): (CodeMatch & { matchedBy: 'gtin' | 'sku' }) | null {
  const cols = `p.id AS productId, v.sku, v.gtin, p.title, v.size, v.color`;
  const from = `FROM variants v JOIN products p ON p.id = v.product_id`;
  if (/^\d{8,14}$/.test(code)) {
    const bare = code.replace(/^0+/, '');
    const byGtin = sqlite
      .prepare(`SELECT ${cols} ${from} WHERE ltrim(v.gtin, '0') = ? ORDER BY v.status = 'active' DESC, v.id LIMIT 1`)
      .get(bare) as CodeMatch | undefined;
    if (byGtin) return { ...byGtin, matchedBy: 'gtin' };
  }
  const bySku = sqlite.prepare(`SELECT ${cols} ${from} WHERE v.sku = ? COLLATE NOCASE LIMIT 1`).get(code) as CodeMatch | undefined;
  return bySku ? { ...bySku, matchedBy: 'sku' } : null;
}
