/**
 * Pure display rules of the Settings screen (no React): the plain-text doctor report for "Copy
 * report", where a configuration value came from, run counts and progress, model strategies.
 * Unit-tested in tests/unit/renderer/settings-format.test.ts.
 */
import type { CallOutput, EventPayload } from '../../../../src-main/contract';

export type DoctorReport = CallOutput<'settings.doctor'>;
export type ConfigEntry = CallOutput<'settings.config'>['entries'][number];
export type SyncRun = CallOutput<'sync.runs'>[number];
export type SyncProgress = EventPayload<'sync.progress'>;
export type TrainProgress = EventPayload<'recommender.progress'>;

const n = (x: number) => x.toLocaleString('en-GB');

/** The doctor report as plain text, the way IT wants it pasted into a ticket. */
export function doctorReportText(r: DoctorReport, generatedAt: Date = new Date()): string {
  const mark = { ok: 'OK  ', warn: 'WARN', fail: 'FAIL' } as const;
  const lines = [
    `Aisle diagnostics — ${r.status.toUpperCase()}`,
    `Generated: ${generatedAt.toISOString()}`,
    `Version: ${r.version} (database schema ${r.schemaVersion})`,
    `Store: ${r.store.name} (${r.store.id})`,
    `Data folder: ${r.dataDir}`,
    `Log folder: ${r.logDir ?? 'not set (logging to the console only)'}`,
    '',
    'Checks:',
    ...r.checks.map((c) => `  [${mark[c.status]}] ${c.name}: ${c.message}`),
    '',
    'Configuration:',
    ...(r.config.files.length
      ? r.config.files.map((f) => `  ${f.origin}: ${f.file}`)
      : ['  no configuration files (defaults only)']),
    `  data sources: ${r.config.sources}; language model: ${r.config.llmEnabled ? 'on' : 'off'}`,
    ...r.config.warnings.map((w) => `  warning: ${w}`),
    '',
    `Counts: ${n(r.counts.products)} products, ${n(r.counts.variants)} SKUs, ${n(r.counts.customers)} customers, ${n(r.counts.orders)} orders, ${n(r.counts.consultations)} consultations`,
  ];
  const versions = Object.entries(r.versions ?? {});
  if (versions.length) lines.push('', 'Versions:', ...versions.map(([k, v]) => `  ${k}: ${v}`));
  return lines.join('\n') + '\n';
}

export const ORIGIN_LABEL: Record<ConfigEntry['origin'], string> = {
  default: 'Default',
  machine: 'Machine-wide file',
  user: 'Your user file',
  AISLE_CONFIG: 'AISLE_CONFIG file',
  env: 'Environment variable',
};

/** "Machine-wide file /etc/aisle/config.json", "Default", … */
export function originText(e: Pick<ConfigEntry, 'origin' | 'file'>): string {
  const label = ORIGIN_LABEL[e.origin];
  if (e.origin === 'default') return label;
  return e.file ? `${label} ${e.file}` : label;
}

/** A configuration value for a table cell: strings without quotes, empty lists said in words. */
export function configValueText(json: string): string {
  let v: unknown;
  try {
    v = JSON.parse(json);
  } catch {
    return json;
  }
  if (v === null) return 'not set';
  if (typeof v === 'string') return v === '' ? '(empty)' : v;
  if (Array.isArray(v) && v.length === 0) return 'none';
  if (typeof v === 'object') return JSON.stringify(v, null, 2);
  return String(v);
}

const ENTITY_ORDER = [
  'products',
  'variants',
  'locations',
  'inventoryRows',
  'customers',
  'orders',
  'orderLines',
] as const;
const ENTITY_LABEL: Record<(typeof ENTITY_ORDER)[number], [string, string]> = {
  products: ['product', 'products'],
  variants: ['SKU', 'SKUs'],
  locations: ['location', 'locations'],
  inventoryRows: ['stock row', 'stock rows'],
  customers: ['customer', 'customers'],
  orders: ['order', 'orders'],
  orderLines: ['order line', 'order lines'],
};

/** What a run read: "5 products, 6 SKUs" (only the kinds it had). */
export function runEntitiesText(counts: Record<string, number> | null): string {
  if (!counts) return '';
  return ENTITY_ORDER.filter((k) => (counts[k] ?? 0) > 0)
    .map((k) => `${n(counts[k]!)} ${ENTITY_LABEL[k][counts[k] === 1 ? 0 : 1]}`)
    .join(', ');
}

export const CHANGE_KEYS = ['inserted', 'updated', 'unchanged', 'discontinued', 'rejected'] as const;

/** The change counts of a run, always all five (zero included) so runs compare at a glance. */
export function runChanges(
  counts: Record<string, number> | null,
): { key: (typeof CHANGE_KEYS)[number]; value: number }[] {
  return CHANGE_KEYS.map((key) => ({ key, value: counts?.[key] ?? 0 }));
}

/** The changes of a run in one short line for the history table: "11 new · 1 rejected", "no changes". */
export function runChangesText(counts: Record<string, number> | null): string {
  const words = { inserted: 'new', updated: 'updated', discontinued: 'discontinued', rejected: 'rejected' } as const;
  const parts = (Object.keys(words) as (keyof typeof words)[])
    .filter((k) => (counts?.[k] ?? 0) > 0)
    .map((k) => `${n(counts![k]!)} ${words[k]}`);
  return parts.length ? parts.join(' · ') : 'no changes';
}

export const RUN_STATUS: Record<SyncRun['status'], { label: string; color: string }> = {
  running: { label: 'Running', color: 'blue' },
  succeeded: { label: 'Succeeded', color: 'teal' },
  partial: { label: 'Some rows rejected', color: 'yellow' },
  failed: { label: 'Failed', color: 'red' },
  cancelled: { label: 'Cancelled', color: 'gray' },
};

/** Percentage for a progress bar, or null when the total is unknown (show it striped, moving). */
export function progressPercent(p: { done: number; total: number | null }): number | null {
  if (p.total === null || !(p.total > 0)) return null;
  return Math.max(0, Math.min(100, Math.round((p.done / p.total) * 100)));
}

/** One line under a progress bar: "reading rows · 12,000 of 40,000", "starting…". */
export function progressText(p: { phase: string; done: number; total: number | null }): string {
  const phase = p.phase.replace(/[-_]/g, ' ');
  if (p.total !== null && p.total > 0) return `${phase} · ${n(p.done)} of ${n(p.total)}`;
  if (p.done > 0) return `${phase} · ${n(p.done)}`;
  return `${phase}…`;
}

/**
 * The live runs, by run id, folded from 'sync.progress' events. A finished event removes the run:
 * from then on the stored run (sync.runs) is the truth.
 */
export function foldSyncProgress(live: ReadonlyMap<number, SyncProgress>, e: SyncProgress): Map<number, SyncProgress> {
  const next = new Map(live);
  if (e.status === 'running') next.set(e.runId, e);
  else next.delete(e.runId);
  return next;
}

/** How long a run took: "0.4 s", "2 min 5 s"; null while it runs. */
export function runDuration(startedAt: string, finishedAt: string | null): string | null {
  if (!finishedAt) return null;
  const ms = Date.parse(finishedAt) - Date.parse(startedAt);
  if (!Number.isFinite(ms) || ms < 0) return null;
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  return `${Math.floor(s / 60)} min ${s % 60} s`;
}

/** The source a run belongs to, as people say it: Settings imports are keyed "file:<path>", `aisle import` runs "cli". */
export function runSourceLabel(sourceName: string): string {
  if (sourceName.startsWith('file:')) return 'Imported in Settings';
  if (sourceName === 'cli') return 'Imported by aisle import';
  return sourceName;
}

export interface StrategyHealth {
  name: string;
  active: boolean;
  detail: string | null;
}

const STRATEGY_LABEL: Record<string, string> = {
  repurchase: 'Buys again (repurchase)',
  'item-knn': 'Bought together (item-to-item)',
  ease: 'Bought together (EASE)',
  ials: 'Customers with similar baskets (iALS)',
  ranker: 'Learned ranker',
  content: 'Similar products (content)',
  'store-best-sellers': 'Store best-sellers',
  popularity: 'Popular items',
};

export function strategyLabel(name: string): string {
  return STRATEGY_LABEL[name] ?? name;
}

/** The model's strategies ("active: …" or a reason it is empty), active ones first. */
export function strategyHealth(strategies: Record<string, string>): StrategyHealth[] {
  return Object.entries(strategies)
    .map(([name, v]) => {
      const active = /^active\b/i.test(v);
      const detail = active
        ? v.replace(/^active\s*:?\s*/i, '') || null
        : v.replace(/^(empty|inactive)\s*:?\s*/i, '') || null;
      return { name, active, detail };
    })
    .sort((a, b) => Number(b.active) - Number(a.active));
}

/** Where an LLM key comes from, in words. */
export function keySourceText(source: 'env' | 'file' | 'stored' | 'none'): string {
  return {
    env: 'from an environment variable',
    file: 'from a key file',
    stored: 'stored on this computer (encrypted)',
    none: 'not set',
  }[source];
}
