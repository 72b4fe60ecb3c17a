import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { ExportService, csvCell } from '../../../src-main/review/export';
import {
  purgeTranscripts,
  retentionCheck,
  retentionStatus,
  startRetentionScheduler,
} from '../../../src-main/review/retention';
import { KpiService } from '../../../src-main/review/kpis';
import { ReviewService } from '../../../src-main/review/review-service';
import type { ViewScope } from '../../../src-main/auth/scope';
import { testRuntime } from '../../support/runtime';
import { loadReviewFixture } from '../../support/review-fixture';

const manager: ViewScope = { storeId: 'S1', associateId: null, viewerId: 'mia', isManager: true };

describe('export', () => {
  it('CSV: one row per consultation with the KPI fields, no contact details by default', () => {
    const rt = testRuntime({ storeId: 'S1' });
    loadReviewFixture(rt);
    const r = new ExportService(rt).export(
      { format: 'csv', from: '2025-03-01', to: '2025-03-31' },
      manager,
      new Date('2025-04-01T00:00:00Z'),
    );
    expect(r).toMatchObject({
      rows: 5,
      contactDetailsIncluded: false,
      filename: 'aisle-consultations-S1-2025-03-01_to_2025-03-31.csv',
    });
    const rows = parse<Record<string, string>>(r.content, { columns: true });
    const c1 = rows.find((x) => x.consultation_id === 'C1')!;
    expect(c1).toMatchObject({
      associate_id: 'ana',
      customer_external_id: 'CUST-1',
      walk_in: 'false',
      outcome: 'purchased',
      basket_value_minor: '12000',
      basket_units: '2',
      satisfaction: '5',
      turns: '2',
      replies: '2',
      suggestions_shown: '4',
      suggestions_accepted: '2',
      suggestions_bought: '1',
      suggestions_blocked: '1',
      engine_local_replies: '1',
      engine_llm_replies: '1',
      fallbacks: '0',
      first_suggestion_ms_median: '300',
      full_reply_ms_median: '1200',
      duration_sec: '1200',
    });
    expect(rows.find((x) => x.consultation_id === 'C2')).toMatchObject({
      walk_in: 'true',
      stopped_replies: '1',
      full_reply_ms_median: '',
    });
    expect(r.content).not.toMatch(/example\.com|7700|Bloggs/);
  });

  it('JSONL: full transcript; contact details masked in messages and the customer context', () => {
    const rt = testRuntime({ storeId: 'S1' });
    loadReviewFixture(rt);
    const r = new ExportService(rt).export({ format: 'jsonl', from: '2025-03-03', to: '2025-03-03' }, manager);
    const docs = r.content
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(docs.map((d) => d.id)).toEqual(['C1', 'C2']);
    expect(docs[0].messages).toHaveLength(4);
    expect(docs[0].messages[2].content).toBe('Something cheaper? Call her on [phone removed]');
    expect(docs[0].customerContext).toEqual({ sizes: { tops: 'M' }, email: '[contact removed]' });
    expect(docs[0].customer).toEqual({ externalId: 'CUST-1' });
    expect(docs[0].suggestions.find((s: any) => s.sku === 'JKT-B')).toMatchObject({
      rejected: true,
      rejectReason: 'too expensive',
    });
  });

  it('adds contact details when the configuration allows it, and records each export', () => {
    const rt = testRuntime({ storeId: 'S1', config: { privacy: { exportContactDetails: true } } });
    loadReviewFixture(rt);
    const r = new ExportService(rt).export(
      { format: 'csv', customer: 'known', from: '2025-03-01', to: '2025-03-31' },
      manager,
    );
    const rows = parse<Record<string, string>>(r.content, { columns: true });
    expect(r.contactDetailsIncluded).toBe(true);
    expect(rows.find((x) => x.consultation_id === 'C1')).toMatchObject({
      customer_name: 'Jo Bloggs',
      customer_email: 'jo.bloggs@example.com',
      customer_phone: '+44 7700 900123',
    });
    const log = rt.adb.sqlite
      .prepare("SELECT associate_id AS who, detail FROM access_log WHERE action = 'export'")
      .all() as { who: string; detail: string }[];
    expect(log.map((l) => [l.who, JSON.parse(l.detail).rows, JSON.parse(l.detail).contactDetails])).toEqual([
      ['mia', 3, true],
    ]);
  });

  it('keeps spreadsheet formulas inert and quotes commas', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('-12')).toBe('-12');
    expect(csvCell('a,b')).toBe('"a,b"');
  });
});

describe('retention', () => {
  it('is off by default and says so in doctor', () => {
    const rt = testRuntime({ storeId: 'S1' });
    loadReviewFixture(rt);
    expect(purgeTranscripts(rt.adb.sqlite, rt.config.retention.transcriptDays).purged).toBe(0);
    expect(retentionCheck(rt)).toMatchObject({
      name: 'retention',
      status: 'ok',
      message: expect.stringContaining('off'),
    });
    expect(startRetentionScheduler(rt)).toBeTypeOf('function');
  });

  it('removes transcripts older than N days and keeps every KPI the same', () => {
    const rt = testRuntime({ storeId: 'S1', config: { retention: { transcriptDays: 30 } } });
    loadReviewFixture(rt);
    const kpis = new KpiService(rt);
    const range = { from: '2025-02-01', to: '2025-03-31', granularity: 'day' as const };
    const before = kpis.compute(range, manager);
    // On 2025-04-04, 30 days back is 2025-03-05T00:00Z: C1, C2, C3, C6 and the other store's C7 go (retention
    // covers the whole database); C4 (ended 03-05 11:30) and open C5 stay.
    const now = new Date('2025-04-04T00:00:00.000Z');
    expect(retentionStatus(rt, now).due).toBe(5);
    expect(retentionCheck(rt)).toMatchObject({ status: 'warn' });
    const run = purgeTranscripts(rt.adb.sqlite, 30, now);
    expect(run).toMatchObject({ purged: 5, cutoff: '2025-03-05T00:00:00.000Z' });
    const after = kpis.compute(range, manager);
    expect({ ...after, tookMs: 0 }).toEqual({ ...before, tookMs: 0 });
    const replay = new ReviewService(rt).replay('C1', manager);
    expect(replay.consultation.transcriptPurgedAt).toBe(now.toISOString());
    expect(replay.consultation.customerContext).toBeNull();
    expect(
      replay.timeline
        .filter((i) => i.kind === 'message')
        .every((m) => m.kind === 'message' && m.content === '' && m.constraints === null),
    ).toBe(true);
    const sug = replay.timeline.flatMap((i) => (i.kind === 'message' ? i.suggestions : []));
    expect(sug.map((s) => s.fate)).toEqual(['shortlisted', 'rejected', 'blocked', 'bought', 'liked']);
    expect(sug.every((s) => s.reasons.length === 0 && s.rejectReason === null)).toBe(true);
    expect(new ReviewService(rt).replay('C4', manager).consultation.transcriptPurgedAt).toBeNull();
    // A second run finds nothing more; the doctor check is satisfied.
    expect(purgeTranscripts(rt.adb.sqlite, 30, now).purged).toBe(0);
    expect(retentionStatus(rt, now)).toMatchObject({ due: 0, purgedTotal: 5, lastRunAt: now.toISOString() });
  });
});
