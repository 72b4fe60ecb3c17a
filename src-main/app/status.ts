/** What the status bar and `aisle doctor` say about this installation: store, counts, freshness, engine. */
import type { AppRuntime } from './runtime';
import type { AppStatus } from '../contract/app';
import { catalogSyncedAt, rowCount, storesById, type CountedTable } from './queries';

export function entityCounts(rt: AppRuntime): AppStatus['counts'] {
  const n = (table: CountedTable) => rowCount(rt.adb.sqlite, table);
  return {
    products: n('products'),
    variants: n('variants'),
    customers: n('customers'),
    orders: n('orders'),
    consultations: n('consultations'),
  };
}

export function appStatus(rt: AppRuntime): AppStatus {
  const stores = storesById(rt.adb.sqlite);
  const llm = rt.config.llm;
  const provider = llm.enabled ? (llm.providers[0] ?? null) : null;
  return {
    version: rt.version,
    schemaVersion: rt.adb.schemaVersion,
    store: rt.here(),
    stores,
    counts: entityCounts(rt),
    catalogSyncedAt: catalogSyncedAt(rt.adb.sqlite),
    engine: provider
      ? { active: 'llm', provider: provider.name, model: provider.model }
      : { active: 'local', provider: null, model: null },
    mode: rt.mode,
  };
}
