/** What the status bar and `aisle doctor` say about this installation: store, counts, freshness, engine. */
import type { AppRuntime } from './runtime';
import type { AppStatus } from '../contract/app';
import type Database from 'better-sqlite3';
import { hasHeadOffice } from '../sync/outbox';
import type { AisleConfig } from '../settings/config-schema';
import { DEFAULT_LOCALE, isLocaleTag } from '../contract/money';

/** configuration `store.locale` (validated BCP 47), else the operating system's locale */
export function storeLocale(
  config: Pick<AisleConfig, 'store'>,
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform,
): string {
  return config.store.locale ?? osLocale(env, platform);
}

/**
 * The OS's locale: on Linux the usual variables (LC_ALL, LC_MESSAGES, LANG: "de_DE.UTF-8" → "de-DE");
 * elsewhere the one the runtime reports. A POSIX "C" locale is nobody's choice, so it gives the app's
 * default (en-GB) rather than the runtime's built-in en-US.
 */
export function osLocale(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string {
  const raw = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  if (raw && !/^(C|POSIX)([.@]|$)/.test(raw)) {
    const tag = raw.split(/[.@]/)[0]?.replace(/_/g, '-') ?? '';
    if (isLocaleTag(tag)) return tag;
  }
  if (platform === 'linux' || raw) return DEFAULT_LOCALE;
  return Intl.DateTimeFormat().resolvedOptions().locale;
}

/**
 * The oldest of the per-source last syncs of what the store relies on: active variants (catalog) or
 * this store's inventory (stock). A source's last sync is its newest row, or its last successful run
 * when that run found nothing new (unchanged rows keep their time). Hidden placeholders (price 0,
 * created by stock rows for unknown SKUs) are not catalog.
 */
export function oldestSourceSync(sqlite: Database.Database, what: 'catalog' | 'stock', storeId: string): string | null {
  const rows =
    what === 'catalog'
      ? `SELECT source, max(synced_at) AS t FROM variants WHERE status = 'active' GROUP BY source`
      : `SELECT source, max(synced_at) AS t FROM inventory WHERE store_id = @store GROUP BY source`;
  const r = sqlite
    .prepare(
      `SELECT min(coalesce(max(r.t, runs.t), r.t)) AS t FROM (${rows}) r
       LEFT JOIN (SELECT source_name, max(finished_at) AS t FROM sync_runs
                  WHERE status IN ('succeeded','partial') GROUP BY source_name) runs
         ON runs.source_name = r.source`,
    )
    .get({ store: storeId }) as { t: string | null };
  return r.t;
}

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
  const here = rt.here();
  const llm = rt.config.llm;
  const provider = llm.enabled ? (llm.providers[0] ?? null) : null;
  return {
    version: rt.version,
    schemaVersion: rt.adb.schemaVersion,
    store: here,
    locale: storeLocale(rt.config),
    stores,
    counts: entityCounts(rt),
    catalogSyncedAt: oldestSourceSync(s, 'catalog', here.id),
    stockSyncedAt: oldestSourceSync(s, 'stock', here.id),
    headOffice: hasHeadOffice(rt.config),
    engine: provider
      ? { active: 'llm', provider: provider.name, model: provider.model }
      : { active: 'local', provider: null, model: null },
    mode: rt.mode,
  };
}
