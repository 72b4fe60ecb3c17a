/** What the status bar and `aisle doctor` say about this installation: store, counts, freshness, engine. */
import type { AppRuntime } from './runtime';
import type { AppStatus } from '../contract/app';
import { hasHeadOffice } from '../sync/outbox';
import type { AisleConfig } from '../settings/config-schema';
import { DEFAULT_LOCALE, isLocaleTag } from '../contract/money';
import { oldestSourceSync, rowCount, storesById, type CountedTable } from './queries';

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
    catalogSyncedAt: oldestSourceSync(rt.adb.sqlite, 'catalog', here.id),
    stockSyncedAt: oldestSourceSync(rt.adb.sqlite, 'stock', here.id),
    headOffice: hasHeadOffice(rt.config),
    engine: provider
      ? { active: 'llm', provider: provider.name, model: provider.model }
      : { active: 'local', provider: null, model: null },
    mode: rt.mode,
  };
}
