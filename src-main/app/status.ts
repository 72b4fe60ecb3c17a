/** What the status bar and `aisle doctor` say about this installation: store, counts, freshness, engine. */
import type { AppRuntime } from './runtime';
import type { AppStatus } from '../contract/app';

export function entityCounts(rt: AppRuntime): AppStatus['counts'] {
  const s = rt.adb.sqlite;
  const n = (table: string) => (s.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return {
    products: n('products'),
    variants: n('variants'),
    customers: n('customers'),
    orders: n('orders'),
    consultations: n('consultations'),
  };
}

export function appStatus(rt: AppRuntime): AppStatus {
  const s = rt.adb.sqlite;
  const stores = s.prepare('SELECT id, name FROM stores ORDER BY id').all() as { id: string; name: string }[];
  // Freshness is the newest catalog or stock row we hold: a sync that changed nothing still counts
  // through sync_runs, a demo load through its rows' synced_at.
  const synced = s
    .prepare(
      `SELECT max(t) AS t FROM (
         SELECT max(finished_at) AS t FROM sync_runs WHERE status IN ('succeeded','partial')
         UNION ALL SELECT max(synced_at) FROM inventory
         UNION ALL SELECT max(synced_at) FROM variants)`,
    )
    .get() as { t: string | null };
  const llm = rt.config.llm;
  const provider = llm.enabled ? (llm.providers[0] ?? null) : null;
  return {
    version: rt.version,
    schemaVersion: rt.adb.schemaVersion,
    store: rt.here(),
    stores,
    counts: entityCounts(rt),
    catalogSyncedAt: synced.t,
    engine: provider
      ? { active: 'llm', provider: provider.name, model: provider.model }
      : { active: 'local', provider: null, model: null },
    mode: rt.mode,
  };
}
