/**
 * The KPI triggers come from one list of facts (src-main/review/kpi-facts.ts): the newest triggers in the
 * migrations folder are exactly what the generator writes, and the migration that installed the generated
 * triggers changed no stored row and no KPI.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findMigrationsFolder, openDatabase } from '../../../src-main/db/open';
import { KPI_FACTS, kpiTriggerStatements, triggerName } from '../../../src-main/review/kpi-facts';
import { KpiService } from '../../../src-main/review/kpis';
import type { AppRuntime } from '../../../src-main/app/runtime';
import type { ViewScope } from '../../../src-main/auth/scope';
import { loadReviewFixture } from '../../support/review-fixture';
import { tempDir, testRuntime } from '../../support/runtime';

const manager: ViewScope = { storeId: 'S1', associateId: null, viewerId: 'mia', isManager: true };
const MARCH = { from: '2025-03-01', to: '2025-03-31', granularity: 'day' as const };

interface Journal {
  entries: { tag: string }[];
}

function journal(dir: string): Journal {
  return JSON.parse(fs.readFileSync(path.join(dir, 'meta', '_journal.json'), 'utf8')) as Journal;
}

/** Each trigger as the migrations leave it: the last CREATE TRIGGER of each name, in migration order. */
function newestTriggersInMigrations(): Map<string, string> {
  const dir = findMigrationsFolder();
  const newest = new Map<string, string>();
  for (const { tag } of journal(dir).entries) {
    for (const statement of fs.readFileSync(path.join(dir, `${tag}.sql`), 'utf8').split('--> statement-breakpoint')) {
      if (statement.includes('CREATE TRIGGER')) newest.set(triggerName(statement), statement.trim());
    }
  }
  return newest;
}

/** The migrations folder as the release before the generated triggers shipped it. */
function migrationsBeforeGenerated(): string {
  const dir = tempDir('aisle-mig-');
  fs.cpSync(findMigrationsFolder(), dir, { recursive: true });
  const j = journal(dir);
  const at = j.entries.findIndex((e) => e.tag.endsWith('kpi_triggers_generated'));
  expect(at).toBeGreaterThan(0);
  j.entries = j.entries.slice(0, at);
  fs.writeFileSync(path.join(dir, 'meta', '_journal.json'), JSON.stringify(j));
  return dir;
}

describe('KPI triggers generated from the list of facts', () => {
  it('the newest triggers in the migrations are exactly the generator’s output', () => {
    const generated = kpiTriggerStatements().map((s) => s.trim());
    const inMigrations = newestTriggersInMigrations();
    for (const statement of generated) expect(inMigrations.get(triggerName(statement))).toBe(statement);
    // and no KPI trigger in the migrations is left out of the generator
    const kpiTables =
      /ON `(consultation_facts|consultations|consultation_messages|consultation_suggestions|orders|stores)`/;
    const names = [...inMigrations]
      .filter(([name, s]) => kpiTables.test(s) && !name.includes('_fts_')) // the search index's triggers are not KPIs
      .map(([name]) => name)
      .sort();
    expect(names).toEqual(generated.map(triggerName).sort());
  });

  it('a new fact reaches every list the daily sums keep', () => {
    const statements = kpiTriggerStatements([...KPI_FACTS, { column: 'try_ons', sql: 'c.try_ons' }]);
    const daily = statements.filter((s) => s.includes('ON `consultation_facts`'));
    expect(daily).toHaveLength(4);
    for (const s of daily) expect(s).toMatch(/try_ons = try_ons [+-] (excluded|old)\.try_ons/);
    const factsRow = statements.find((s) => triggerName(s) === 'consultations_facts_ai');
    expect(factsRow).toMatch(/stopped, try_ons\)/);
    expect(factsRow).toMatch(/,\n {4}c\.try_ons\n {2}FROM consultations c WHERE c\.id = new\.id;/);
  });

  it('upgrading installs the generated triggers without changing a stored row or a KPI', () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'aisle.db');
    const old = openDatabase({ file, migrationsFolder: migrationsBeforeGenerated() });
    loadReviewFixture({ adb: old } as unknown as AppRuntime);
    const tables = (db: typeof old.sqlite) => ({
      facts: db.prepare('SELECT * FROM consultation_facts ORDER BY consultation_id').all(),
      daily: db.prepare('SELECT * FROM kpi_daily ORDER BY store_id, day, associate_id, currency').all(),
      latency: db.prepare('SELECT * FROM kpi_latency ORDER BY store_id, day, associate_id, engine').all(),
      consultations: db.prepare('SELECT * FROM consultations ORDER BY id').all(),
    });
    const before = tables(old.sqlite);
    expect(before.facts.length).toBeGreaterThan(0);
    old.close();
    const kpisBefore = (() => {
      const rt = testRuntime({ dataDir: tempDir(), storeId: 'S1' });
      loadReviewFixture(rt);
      return new KpiService(rt).compute(MARCH, manager);
    })();

    const upgraded = testRuntime({ dataDir, storeId: 'S1' });
    expect(upgraded.adb.backupFile).not.toBeNull();
    expect(tables(upgraded.adb.sqlite)).toEqual(before);
    expect({ ...new KpiService(upgraded).compute(MARCH, manager), tookMs: 0 }).toEqual({ ...kpisBefore, tookMs: 0 });
  });
});
