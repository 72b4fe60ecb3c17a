/**
 * The KPI figures kept by triggers (consultation_facts → kpi_daily, kpi_latency) must always equal
 * what recomputing them from the consultations, messages, suggestions and orders gives — whoever
 * wrote the rows, and whatever they changed afterwards.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { testRuntime } from '../../support/runtime';
import { insertConsultation, loadReviewFixture } from '../../support/review-fixture';
import { KpiService } from '../../../src-main/review/kpis';
import { ReviewService } from '../../../src-main/review/review-service';
import { findMigrationsFolder } from '../../../src-main/db/open';
import type { ViewScope } from '../../../src-main/auth/scope';

const manager: ViewScope = { storeId: 'S1', associateId: null, viewerId: 'mia', isManager: true };
const MARCH = { from: '2025-03-01', to: '2025-03-31', granularity: 'day' as const };

/** The migration's own backfill statements: what the figures are when computed from scratch. */
function backfillStatements(): { facts: string; latency: string } {
  const dir = findMigrationsFolder();
  const file = fs.readdirSync(dir).find((f) => f.includes('kpi_facts_triggers'))!;
  const parts = fs.readFileSync(path.join(dir, file), 'utf8').split('--> statement-breakpoint');
  return {
    facts: parts.find((p) => p.includes('INSERT INTO consultation_facts'))!,
    latency: parts.find((p) => p.includes('INSERT INTO kpi_latency') && p.includes('GROUP BY c.store_id'))!,
  };
}

/** A latency list as numbers in order: packed 3-byte whole milliseconds plus the comma-separated others. */
function latencies(packed: Buffer, other: string): number[] {
  const out: number[] = [];
  for (let i = 0; i + 2 < packed.length; i += 3) out.push(packed.readUIntBE(i, 3));
  for (const v of other.split(',')) if (v) out.push(Number(v));
  return out.sort((a, b) => a - b);
}

/** Kept figures vs the same figures computed from scratch (kpi_daily follows the facts through its triggers). */
function keptAndRecomputed(db: Database.Database): { kept: unknown[]; recomputed: unknown[] } {
  const read = () => [
    db.prepare('SELECT * FROM consultation_facts ORDER BY consultation_id').all(),
    db.prepare('SELECT * FROM kpi_daily ORDER BY store_id, day, associate_id, currency').all(),
    (
      db
        .prepare(
          'SELECT store_id, day, associate_id, engine, first_ms, first_other, full_ms, full_other FROM kpi_latency ORDER BY store_id, day, associate_id, engine',
        )
        .all() as Record<string, string | Buffer>[]
    )
      .map((r) => ({
        key: [r.store_id, r.day, r.associate_id, r.engine],
        first: latencies(r.first_ms as Buffer, r.first_other as string),
        full: latencies(r.full_ms as Buffer, r.full_other as string),
      }))
      .filter((r) => r.first.length || r.full.length),
  ];
  const kept = read();
  const { facts, latency } = backfillStatements();
  db.transaction(() => {
    db.exec('DELETE FROM consultation_facts; DELETE FROM kpi_latency;');
    db.exec(facts);
    db.exec(latency);
  })();
  return { kept, recomputed: read() };
}

describe('KPI figures kept by triggers', () => {
  it('match a full recomputation after every kind of write: new rows, edits, moves, deletions, orders, retention', () => {
    const rt = testRuntime({ storeId: 'S1' });
    loadReviewFixture(rt);
    const db = rt.adb.sqlite;
    // A suggestion's fate changed after the consultation ended, without touching the consultation.
    db.prepare("UPDATE consultation_suggestions SET shortlisted = 1 WHERE sku = 'JKT-E'").run();
    // A reply's latency and fallback recorded after the fact (as the copilot does when a fallback answers).
    db.prepare(
      "UPDATE consultation_messages SET fallback = 'llm timeout → local', full_reply_ms = 3100 WHERE content = 'Merino socks, two colours.'",
    ).run();
    // A consultation moved to another associate and day; another ends later with a rating.
    db.prepare(
      "UPDATE consultations SET associate_id = 'ana', started_at = '2025-03-06T11:00:00.000Z' WHERE id = 'C4'",
    ).run();
    db.prepare(
      "UPDATE consultations SET ended_at = '2025-03-10T10:30:00.000Z', outcome = 'purchased', basket_value = 2500, basket_units = 1, satisfaction = 2 WHERE id = 'C5'",
    ).run();
    // Messages deleted and renumbered; a suggestion deleted.
    db.prepare("DELETE FROM consultation_messages WHERE content = 'Something cheaper? Call her on 07700 900123'").run();
    db.prepare("UPDATE consultation_messages SET turn = 3 WHERE content = 'Two cheaper ones under £80.'").run();
    db.prepare("DELETE FROM consultation_suggestions WHERE sku = 'JKT-B'").run();
    // Orders: one makes C5 a follow-up purchase, one is removed, one is moved to another customer.
    db.prepare(
      "INSERT INTO orders (external_id, customer_id, store_id, placed_at, currency, total, source, synced_at) VALUES ('O-7', 1, 'S1', '2025-03-12T10:00:00.000Z', 'GBP', 100, 'test', '2025-04-02T00:00:00.000Z')",
    ).run();
    db.prepare(
      "UPDATE orders SET customer_id = 2, placed_at = '2025-03-05T09:00:00.000Z' WHERE external_id = 'O-3'",
    ).run();
    db.prepare("DELETE FROM orders WHERE external_id = 'O-1'").run();
    // A whole consultation deleted (its messages and suggestions go with it), a customer forgotten.
    db.prepare("DELETE FROM consultations WHERE id = 'C2'").run();
    insertConsultation(db, {
      id: 'C9',
      associate: 'ben',
      customer: 2,
      startedAt: '2025-03-06T15:00:00.000Z',
      endedAt: '2025-03-06T15:20:00.000Z',
      outcome: 'no_purchase',
      messages: [
        {
          turn: 1,
          role: 'assistant',
          content: 'Here you go',
          engine: 'llm',
          fsm: 700,
          frm: 1700,
          at: '2025-03-06T15:01:00.000Z',
          suggestions: [{ sku: 'X', bought: true }],
        },
      ],
    });
    db.prepare('DELETE FROM customers WHERE id = 2').run();
    db.prepare("UPDATE consultation_messages SET content = '' WHERE consultation_id = 'C1'").run();

    const { kept, recomputed } = keptAndRecomputed(db);
    expect(kept).toEqual(recomputed);
    const facts = (kept[0] as { consultation_id: string }[]).map((f) => f.consultation_id);
    expect(facts).toEqual(['C1', 'C3', 'C4', 'C5', 'C6', 'C7', 'C9']);
  });

  it('show a change on the very next KPI call: a late shortlist counts at once, and the list agrees', () => {
    const rt = testRuntime({ storeId: 'S1' });
    loadReviewFixture(rt);
    const kpis = new KpiService(rt);
    expect(kpis.compute(MARCH, manager).totals.acceptance).toMatchObject({ numerator: 3, denominator: 6 });
    rt.adb.sqlite.prepare("UPDATE consultation_suggestions SET shortlisted = 1 WHERE sku = 'SOCK-G'").run();
    const t = kpis.compute(MARCH, manager).totals;
    expect(t.acceptance).toMatchObject({ numerator: 4, denominator: 6 });
    const ids = new ReviewService(rt)
      .list({ ...t.acceptance.numeratorFilter, sort: 'started_asc', limit: 50, offset: 0 }, manager)
      .rows.map((r) => r.id);
    expect(ids).toEqual(['C1', 'C4', 'C5']);
  });

  it('keep latencies exact, including values a writer stored outside whole milliseconds', () => {
    const rt = testRuntime({ storeId: 'S1' });
    loadReviewFixture(rt);
    rt.adb.sqlite
      .prepare(
        "INSERT INTO consultation_messages (consultation_id, turn, role, content, engine, status, first_suggestion_ms, full_reply_ms, created_at) VALUES ('C3', 1, 'assistant', 'late', 'llm', 'complete', 250000, 12.5, '2025-03-04T09:01:00.000Z')",
      )
      .run();
    const llm = new KpiService(rt)
      .compute(MARCH, manager)
      .totals.responseTime.byEngine.find((e) => e.engine === 'llm')!;
    expect(llm.firstSuggestion).toEqual({ p50: 900, p95: 250000, n: 2 });
    expect(llm.fullReply).toEqual({ p50: 12.5, p95: 2500, n: 2 });
  });
});

describe('message search', () => {
  const rt = testRuntime({ storeId: 'S1' });
  loadReviewFixture(rt);
  const review = new ReviewService(rt);
  const ids = (q: string) =>
    review.list({ q, sort: 'started_asc', limit: 50, offset: 0 }, manager).rows.map((r) => r.id);

  it('finds words in any case and accent, the last one also as the start of a word, in order', () => {
    expect(ids('waterproof JACKETS')).toEqual(['C1']);
    expect(ids('wáterproof jack')).toEqual(['C1']);
    expect(ids('trail shoes')).toEqual(['C4']);
    expect(ids('shoes trail')).toEqual([]);
    expect(ids('merino')).toEqual(['C5']);
  });

  it('a transcript removed by retention is no longer found', () => {
    expect(ids('runner')).toEqual(['C2']);
    rt.adb.sqlite.prepare("UPDATE consultation_messages SET content = '' WHERE consultation_id = 'C2'").run();
    expect(ids('runner')).toEqual([]);
  });

  it('text without words still searches as plain text', () => {
    expect(ids('£')).toEqual(['C1']);
  });
});
