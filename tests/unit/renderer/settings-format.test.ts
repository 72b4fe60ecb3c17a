/** What Settings says: the copied doctor report, where values came from, run counts, progress, strategies. */
import { describe, expect, it } from 'vitest';
import {
  configValueText,
  doctorReportText,
  foldSyncProgress,
  originText,
  progressPercent,
  progressText,
  runChanges,
  runChangesText,
  runDuration,
  runEntitiesText,
  runSourceLabel,
  strategyHealth,
  type DoctorReport,
  type SyncProgress,
} from '../../../src-renderer/src/features/settings/settings-format';

const report: DoctorReport = {
  status: 'warnings',
  version: '0.1.0',
  schemaVersion: 2,
  dataDir: '/var/lib/aisle',
  logDir: '/var/log/aisle',
  store: { id: 'S1', name: 'Aisle Outdoor Edinburgh' },
  config: {
    files: [{ origin: 'machine', file: '/etc/aisle/config.json' }],
    llmEnabled: false,
    sources: 1,
    warnings: ['"foo" is not a known key'],
  },
  counts: { products: 1234, variants: 5678, customers: 540, orders: 3465, consultations: 190 },
  checks: [
    { name: 'database', status: 'ok', message: 'opens, integrity ok' },
    { name: 'source Google feed', status: 'warn', message: 'never run' },
    { name: 'llm', status: 'fail', message: 'https://llm.example/v1 unreachable' },
  ],
  versions: { node: '20.11.0', sqlite: '3.46.0' },
};

describe('the copied diagnostics report', () => {
  const text = doctorReportText(report, new Date('2026-11-25T10:00:00Z'));
  it('starts with the overall status and when it was made', () => {
    expect(text.split('\n').slice(0, 2)).toEqual([
      'Aisle diagnostics — WARNINGS',
      'Generated: 2026-11-25T10:00:00.000Z',
    ]);
  });
  it('lists every check with a fixed-width result so a pasted report lines up', () => {
    expect(text).toContain('  [OK  ] database: opens, integrity ok\n');
    expect(text).toContain('  [WARN] source Google feed: never run\n');
    expect(text).toContain('  [FAIL] llm: https://llm.example/v1 unreachable\n');
  });
  it('names the folders, files, warnings, counts and versions IT asks for', () => {
    expect(text).toContain('Data folder: /var/lib/aisle');
    expect(text).toContain('Log folder: /var/log/aisle');
    expect(text).toContain('  machine: /etc/aisle/config.json');
    expect(text).toContain('  warning: "foo" is not a known key');
    expect(text).toContain('Counts: 1,234 products, 5,678 SKUs, 540 customers, 3,465 orders, 190 consultations');
    expect(text).toContain('  sqlite: 3.46.0');
  });
  it('says so when there is no log folder or configuration file', () => {
    const bare = doctorReportText({
      ...report,
      logDir: null,
      config: { ...report.config, files: [], warnings: [] },
      versions: undefined,
    });
    expect(bare).toContain('Log folder: not set');
    expect(bare).toContain('no configuration files (defaults only)');
    expect(bare).not.toContain('Versions:');
  });
});

describe('configuration origins and values', () => {
  it('names the file a value came from, and plain "Default" otherwise', () => {
    expect(originText({ origin: 'machine', file: '/etc/aisle/config.json' })).toBe(
      'Machine-wide file /etc/aisle/config.json',
    );
    expect(originText({ origin: 'AISLE_CONFIG', file: '/tmp/it.json' })).toBe('AISLE_CONFIG file /tmp/it.json');
    expect(originText({ origin: 'env', file: null })).toBe('Environment variable');
    expect(originText({ origin: 'default', file: null })).toBe('Default');
  });
  it('shows strings without quotes, null and empty lists in words, objects indented', () => {
    expect(configValueText('"S1"')).toBe('S1');
    expect(configValueText('null')).toBe('not set');
    expect(configValueText('[]')).toBe('none');
    expect(configValueText('false')).toBe('false');
    expect(configValueText('[{"name":"a"}]')).toBe('[\n  {\n    "name": "a"\n  }\n]');
  });
});

describe('runs and progress', () => {
  it('says what a run read, only the kinds it had, singular or plural', () => {
    expect(runEntitiesText({ products: 5, variants: 6, customers: 0, orders: 0, inserted: 11 })).toBe(
      '5 products, 6 SKUs',
    );
    expect(runEntitiesText({ customers: 1, orders: 18402, orderLines: 396337 })).toBe(
      '1 customer, 18,402 orders, 396,337 order lines',
    );
    expect(runEntitiesText(null)).toBe('');
  });
  it('always gives all five change counts, zeros included', () => {
    expect(runChanges({ inserted: 11, rejected: 1 })).toEqual([
      { key: 'inserted', value: 11 },
      { key: 'updated', value: 0 },
      { key: 'unchanged', value: 0 },
      { key: 'discontinued', value: 0 },
      { key: 'rejected', value: 1 },
    ]);
  });
  it('sums up the changes of a run in one line for the history, or says there were none', () => {
    expect(runChangesText({ inserted: 11, updated: 0, unchanged: 3, rejected: 1 })).toBe('11 new · 1 rejected');
    expect(runChangesText({ inserted: 0, updated: 2500, discontinued: 4 })).toBe('2,500 updated · 4 discontinued');
    expect(runChangesText({ unchanged: 11 })).toBe('no changes');
    expect(runChangesText(null)).toBe('no changes');
  });
  it('gives a percentage only when the total is known', () => {
    expect(progressPercent({ done: 250, total: 1000 })).toBe(25);
    expect(progressPercent({ done: 1200, total: 1000 })).toBe(100);
    expect(progressPercent({ done: 5, total: null })).toBeNull();
    expect(progressPercent({ done: 0, total: 0 })).toBeNull();
    expect(progressText({ phase: 'writing', done: 12000, total: 40000 })).toBe('writing · 12,000 of 40,000');
    expect(progressText({ phase: 'reading', done: 3000, total: null })).toBe('reading · 3,000');
    expect(progressText({ phase: 'starting', done: 0, total: null })).toBe('starting…');
  });
  it('keeps a run live while it reports "running" and drops it when it finishes', () => {
    const ev = (runId: number, status: SyncProgress['status'], done = 0): SyncProgress => ({
      runId,
      sourceName: 'feed',
      phase: 'reading',
      done,
      total: null,
      status,
    });
    let live = foldSyncProgress(new Map(), ev(1, 'running'));
    live = foldSyncProgress(live, ev(2, 'running'));
    live = foldSyncProgress(live, ev(1, 'running', 500));
    expect(live.get(1)?.done).toBe(500);
    live = foldSyncProgress(live, ev(1, 'cancelled'));
    expect([...live.keys()]).toEqual([2]);
  });
  it('says how long a run took, and nothing while it runs', () => {
    expect(runDuration('2026-11-25T10:00:00.000Z', '2026-11-25T10:00:00.400Z')).toBe('0.4 s');
    expect(runDuration('2026-11-25T10:00:00Z', '2026-11-25T10:02:05Z')).toBe('2 min 5 s');
    expect(runDuration('2026-11-25T10:00:00Z', null)).toBeNull();
  });
  it('names one-off imports by where they were started', () => {
    expect(runSourceLabel('file:/srv/exports/products.csv')).toBe('Imported in Settings');
    expect(runSourceLabel('cli')).toBe('Imported by aisle import');
    expect(runSourceLabel('Google feed')).toBe('Google feed');
  });
});

describe('model strategies', () => {
  it('lists active strategies first, with the detail after "active:" and the reason an empty one gives', () => {
    const s = strategyHealth({
      repurchase: 'empty: no customer bought anything twice',
      ranker: 'active: logistic regression on 35173 candidate rows',
      content: 'active',
    });
    expect(s).toEqual([
      { name: 'ranker', active: true, detail: 'logistic regression on 35173 candidate rows' },
      { name: 'content', active: true, detail: null },
      { name: 'repurchase', active: false, detail: 'no customer bought anything twice' },
    ]);
  });
});
