/**
 * Upgrading a database from before the KPI facts (migrations 0002–0004): the facts, daily sums,
 * latency lists and the message search index are filled from the consultations already stored, so
 * a store's Review shows the same KPIs the day after the update as a store that started fresh.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, findMigrationsFolder } from '../../../src-main/db/open';
import type { AppRuntime } from '../../../src-main/app/runtime';
import { KpiService } from '../../../src-main/review/kpis';
import { ReviewService } from '../../../src-main/review/review-service';
import type { ViewScope } from '../../../src-main/auth/scope';
import { loadReviewFixture } from '../../support/review-fixture';
import { tempDir, testRuntime } from '../../support/runtime';

const manager: ViewScope = { storeId: 'S1', associateId: null, viewerId: 'mia', isManager: true };
const MARCH = { from: '2025-03-01', to: '2025-03-31', granularity: 'day' as const };

/** The migrations folder as an earlier release shipped it: the first `n` migrations. */
function migrationsUpTo(n: number): string {
  const src = findMigrationsFolder();
  const dir = tempDir('aisle-mig-');
  fs.cpSync(src, dir, { recursive: true });
  const journalFile = path.join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
  journal.entries = journal.entries.slice(0, n);
  fs.writeFileSync(journalFile, JSON.stringify(journal));
  return dir;
}

/** Before the KPI facts: 0000_init and 0001_product_fts only. */
const previousMigrations = () => migrationsUpTo(2);

describe('upgrading to the KPI facts', () => {
  it('a database of the previous schema gets facts, sums, latencies and search for its existing consultations', () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'aisle.db');
    const old = openDatabase({ file, migrationsFolder: previousMigrations() });
    expect(
      old.sqlite.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'consultation_facts'").get(),
    ).toEqual({ n: 0 });
    loadReviewFixture({ adb: old } as unknown as AppRuntime);
    old.close();

    const upgraded = testRuntime({ dataDir, storeId: 'S1' });
    expect(upgraded.adb.backupFile).not.toBeNull();
    const db = upgraded.adb.sqlite;
    const fact = (id: string) => db.prepare('SELECT * FROM consultation_facts WHERE consultation_id = ?').get(id);
    expect(db.prepare('SELECT count(*) AS n FROM consultation_facts').get()).toEqual({ n: 7 });
    expect(fact('C1')).toMatchObject({
      store_id: 'S1',
      day: '2025-03-03',
      associate_id: 'ana',
      currency: 'GBP',
      ended: 1,
      purchased: 1,
      follow_up: 1,
      turns: 2,
      shown: 4,
      accepted: 2,
      blocked: 1,
      replies: 2,
      basket_value: 12000,
      units: 2,
      sat5: 1,
    });
    expect(fact('C2')).toMatchObject({ turns: 1, replies: 1, stopped: 1, shown: 0, rated: 1, sat3: 1 });
    expect(fact('C3')).toMatchObject({ engaged: 0, turns: 0, known_ended: 1, follow_up: 0 });
    expect(
      db
        .prepare(
          "SELECT sum(n) AS n, sum(turns) AS turns FROM kpi_daily WHERE store_id = 'S1' AND day BETWEEN '2025-03-01' AND '2025-03-31'",
        )
        .get(),
    ).toEqual({ n: 5, turns: 5 });
    const local = db
      .prepare(
        "SELECT first_ms, full_ms FROM kpi_latency WHERE day = '2025-03-03' AND associate_id = 'ana' AND engine = 'local'",
      )
      .get() as { first_ms: Buffer; full_ms: Buffer };
    expect([local.first_ms.readUIntBE(0, 3), local.full_ms.readUIntBE(0, 3)]).toEqual([300, 1200]);

    // The KPIs equal those of a store that recorded the same history on the new schema.
    const fresh = testRuntime({ storeId: 'S1' });
    loadReviewFixture(fresh);
    const after = new KpiService(upgraded).compute(MARCH, manager);
    expect({ ...after, tookMs: 0 }).toEqual({ ...new KpiService(fresh).compute(MARCH, manager), tookMs: 0 });
    expect(after.totals.acceptance).toMatchObject({ numerator: 3, denominator: 6 });
    expect(after.totals.conversion14d).toMatchObject({ numerator: 1, denominator: 2 });
    expect(after.totals.responseTime.all.fullReply).toEqual({ p50: 1000, p95: 2500, n: 4 });

    // Old messages are searchable, and rows written after the upgrade are kept by the triggers.
    const review = new ReviewService(upgraded);
    expect(
      review.list({ q: 'waterproof jacket', sort: 'started_asc', limit: 10, offset: 0 }, manager).rows.map((r) => r.id),
    ).toEqual(['C1']);
    db.prepare(
      "INSERT INTO consultation_messages (consultation_id, turn, role, content, created_at) VALUES ('C3', 1, 'associate', 'a gift for a climber', '2025-03-04T09:05:00.000Z')",
    ).run();
    expect(new KpiService(upgraded).compute(MARCH, manager).totals.engagement).toMatchObject({
      numerator: 5,
      denominator: 5,
    });
    expect(
      review.list({ q: 'climber', sort: 'started_asc', limit: 10, offset: 0 }, manager).rows.map((r) => r.id),
    ).toEqual(['C3']);
    upgraded.close();
    fresh.close();
  });
});

describe('upgrading to store-local KPI days (0006)', () => {
  it("a New York store's late-evening consultation moves to its local day; totals and data are unchanged", () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'aisle.db');
    const old = openDatabase({ file, migrationsFolder: migrationsUpTo(6) });
    loadReviewFixture({ adb: old } as unknown as AppRuntime);
    old.sqlite.prepare("UPDATE stores SET timezone = 'America/New_York' WHERE id = 'S1'").run();
    // C3 at 02:30 UTC on 5 March is 21:30 on 4 March in New York; the old schema filed it under the UTC day
    old.sqlite.prepare("UPDATE consultations SET started_at = '2025-03-05T02:30:00.000Z' WHERE id = 'C3'").run();
    expect(old.sqlite.prepare("SELECT day FROM consultation_facts WHERE consultation_id = 'C3'").get()).toEqual({
      day: '2025-03-05',
    });
    const consultationsBefore = old.sqlite.prepare('SELECT * FROM consultations ORDER BY id').all();
    old.close();

    const upgraded = testRuntime({ dataDir, storeId: 'S1' });
    const db = upgraded.adb.sqlite;
    expect(upgraded.adb.backupFile).not.toBeNull();
    expect(db.prepare('SELECT * FROM consultations ORDER BY id').all()).toEqual(consultationsBefore);
    expect(db.prepare("SELECT day FROM consultation_facts WHERE consultation_id = 'C3'").get()).toEqual({
      day: '2025-03-04',
    });
    // C1 at 10:00 UTC is 05:00 the same day in New York
    expect(db.prepare("SELECT day FROM consultation_facts WHERE consultation_id = 'C1'").get()).toEqual({
      day: '2025-03-03',
    });
    expect(db.prepare("SELECT sum(n) AS n FROM kpi_daily WHERE store_id = 'S1'").get()).toEqual({ n: 6 });
    const local = db
      .prepare("SELECT full_ms FROM kpi_latency WHERE day = '2025-03-03' AND associate_id = 'ana' AND engine = 'local'")
      .get() as { full_ms: Buffer };
    expect(local.full_ms.readUIntBE(0, 3)).toBe(1200);
    const march = new KpiService(upgraded).compute(
      { from: '2025-03-04', to: '2025-03-04', granularity: 'day' },
      manager,
    );
    expect(march.totals.consultations.value).toBe(1);
    upgraded.close();
  });
});
