/**
 * `aisle doctor` and Settings → Diagnostics: one report of everything IT asks first. Each check is a
 * small function returning ok / warn / fail with a message a person can act on.
 */
import { quickCheck } from './queries';
import fs from 'node:fs';
import type { AppRuntime } from '../app/runtime';
import { entityCounts } from '../app/status';
import { clockCheck, llmChecks, sourceChecks, versions } from './checks';
import { retentionCheck } from '../review/retention';
import { recommenderCheck } from '../recommender/health-check';
import { modelHealth } from '../recommender/model-store';
import type { ModelCard } from '../recommender/selection/model-card';

export type CheckStatus = 'ok' | 'warn' | 'fail';
export interface DoctorCheck {
  name: string;
  status: CheckStatus;
  message: string;
}

export interface DoctorReport {
  status: 'healthy' | 'warnings' | 'broken';
  version: string;
  schemaVersion: number;
  dataDir: string;
  logDir: string | null;
  store: { id: string; name: string };
  config: { files: { origin: string; file: string }[]; llmEnabled: boolean; sources: number; warnings: string[] };
  counts: { products: number; variants: number; customers: number; orders: number; consultations: number };
  checks: DoctorCheck[];
  versions: Record<string, string>;
  /** the recommender's model card (which model won self-validation, holdout scores vs GP-TopFreq); null before the first training */
  recommender?: { status: string; trainedAt: string | null; card: ModelCard | null };
}

export type DoctorCheckFn = (rt: AppRuntime) => DoctorCheck | DoctorCheck[] | Promise<DoctorCheck | DoctorCheck[]>;

function databaseCheck(rt: AppRuntime): DoctorCheck {
  const lines = quickCheck(rt.adb.sqlite);
  const ok = lines.length === 1 && lines[0] === 'ok';
  return ok
    ? { name: 'database', status: 'ok', message: `${rt.adb.file} opens, schema ${rt.adb.schemaVersion}, integrity ok` }
    : {
        name: 'database',
        status: 'fail',
        message: `${rt.adb.file} integrity check failed: ${lines.slice(0, 3).join('; ')}`,
      };
}

function diskCheck(rt: AppRuntime): DoctorCheck {
  try {
    const s = fs.statfsSync(rt.dataDir);
    const freeMb = Math.round((s.bavail * s.bsize) / 1024 / 1024);
    if (freeMb < 200) return { name: 'disk', status: 'fail', message: `only ${freeMb} MB free in ${rt.dataDir}` };
    if (freeMb < 1024) return { name: 'disk', status: 'warn', message: `${freeMb} MB free in ${rt.dataDir}` };
    return { name: 'disk', status: 'ok', message: `${(freeMb / 1024).toFixed(1)} GB free in ${rt.dataDir}` };
  } catch (e) {
    return { name: 'disk', status: 'warn', message: `free space in ${rt.dataDir} unknown: ${(e as Error).message}` };
  }
}

function catalogCheck(rt: AppRuntime): DoctorCheck {
  const c = entityCounts(rt);
  return c.variants > 0
    ? { name: 'catalog', status: 'ok', message: `${c.products} products, ${c.variants} SKUs` }
    : { name: 'catalog', status: 'warn', message: 'the catalog is empty: import a feed or run `aisle demo`' };
}

/** Checks other features add (data sources, LLM endpoint, recommender model, retention…). */
export const extraChecks: DoctorCheckFn[] = [retentionCheck, recommenderCheck];

function recommenderSummary(rt: AppRuntime): DoctorReport['recommender'] {
  try {
    const h = modelHealth(rt.adb.sqlite, rt.dataDir);
    return { status: h.status, trainedAt: h.trainedAt, card: h.card };
  } catch {
    return undefined;
  }
}

export async function runDoctor(rt: AppRuntime): Promise<DoctorReport> {
  const checks: DoctorCheck[] = [];
  for (const fn of [databaseCheck, diskCheck, catalogCheck, clockCheck, sourceChecks, llmChecks, ...extraChecks]) {
    try {
      const r = await fn(rt);
      checks.push(...(Array.isArray(r) ? r : [r]));
    } catch (e) {
      checks.push({ name: fn.name || 'check', status: 'fail', message: (e as Error).message });
    }
  }
  if (rt.loaded.warnings.length) checks.push({ name: 'config', status: 'warn', message: rt.loaded.warnings.join(' ') });
  else
    checks.push({
      name: 'config',
      status: 'ok',
      message: rt.loaded.files.length
        ? `read ${rt.loaded.files.map((f) => f.file).join(', ')}`
        : 'no configuration file; defaults in use',
    });
  const status = checks.some((c) => c.status === 'fail')
    ? 'broken'
    : checks.some((c) => c.status === 'warn')
      ? 'warnings'
      : 'healthy';
  return {
    status,
    version: rt.version,
    schemaVersion: rt.adb.schemaVersion,
    dataDir: rt.dataDir,
    logDir: rt.logDir,
    store: rt.here(),
    config: {
      files: rt.loaded.files,
      llmEnabled: rt.config.llm.enabled,
      sources: rt.config.sources.length,
      warnings: rt.loaded.warnings,
    },
    counts: entityCounts(rt),
    checks,
    versions: versions(rt),
    recommender: recommenderSummary(rt),
  };
}

/**
 * The report when Aisle cannot even open: a bad configuration or an unusable database. Same shape,
 * status "broken", one failing check that says what and where.
 */
export function unopenableReport(
  error: Error & { code?: string },
  facts: { version: string; dataDir: string; configProblem: boolean; file?: string },
): DoctorReport {
  return {
    status: 'broken',
    version: facts.version,
    schemaVersion: 0,
    dataDir: facts.dataDir,
    logDir: null,
    store: { id: 'unknown', name: 'unknown' },
    config: {
      files: facts.file ? [{ origin: 'unknown', file: facts.file }] : [],
      llmEnabled: false,
      sources: 0,
      warnings: [],
    },
    counts: { products: 0, variants: 0, customers: 0, orders: 0, consultations: 0 },
    checks: [{ name: facts.configProblem ? 'config' : 'database', status: 'fail', message: error.message }],
    versions: { aisle: facts.version, node: process.versions.node },
  };
}
