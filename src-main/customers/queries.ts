/**
 * Customer queries shared with sync: confirmed preferences arriving from HQ's customers feed
 * (sizes and tastes another laptop of the chain confirmed).
 */
import type Database from 'better-sqlite3';

export interface FeedPreference {
  kind: string;
  scope: string;
  value: string;
  /** when it was confirmed, ISO; the per-field rule compares these */
  at: string;
  confirmedBy?: string | null;
}

/**
 * Applies confirmed preferences from the feed with HQ's per-field rule: the value whose own
 * confirmation time is latest wins; on a tie (this laptop's own value coming back) the held value
 * stays. Customers this laptop does not hold are skipped. Runs inside the caller's transaction.
 */
export function applyFeedPreferences(
  sqlite: Database.Database,
  byCustomer: Map<string, FeedPreference[]>,
): { applied: number; kept: number } {
  const customerId = sqlite.prepare('SELECT id FROM customers WHERE external_id = ?').pluck();
  const held = sqlite.prepare(
    `SELECT value, updated_at AS at FROM customer_preferences
     WHERE customer_id = ? AND kind = ? AND scope = ? AND origin = 'confirmed'`,
  );
  const upsert = sqlite.prepare(
    `INSERT INTO customer_preferences (customer_id, kind, scope, value, origin, evidence, confirmed_by, updated_at)
     VALUES (?, ?, ?, ?, 'confirmed', ?, ?, ?)
     ON CONFLICT (customer_id, kind, scope, origin) DO UPDATE SET value = excluded.value, evidence = excluded.evidence,
       confirmed_by = excluded.confirmed_by, updated_at = excluded.updated_at`,
  );
  let applied = 0;
  let kept = 0;
  for (const [externalId, prefs] of byCustomer) {
    const id = customerId.get(externalId) as number | undefined;
    if (id === undefined) continue;
    for (const p of prefs) {
      const at = Date.parse(p.at);
      if (Number.isNaN(at)) continue;
      const h = held.get(id, p.kind, p.scope) as { value: string; at: string } | undefined;
      if (h && Date.parse(h.at) >= at) {
        kept++;
        continue;
      }
      const iso = new Date(at).toISOString();
      const evidence = `confirmed${p.confirmedBy ? ` by ${p.confirmedBy}` : ''} on ${iso.slice(0, 10)} (another till)`;
      upsert.run(id, p.kind, p.scope, p.value, evidence, p.confirmedBy ?? null, iso);
      applied++;
    }
  }
  return { applied, kept };
}
