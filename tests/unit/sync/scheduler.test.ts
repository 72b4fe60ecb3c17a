/** The app path: sources from config, runs in a worker thread, progress events, no overlap, cancel, contract handlers. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../src-main/app/events';
import { silentLogger } from '../../../src-main/app/logger';
import type { AppEvent } from '../../../src-main/contract/events';
import { configSchema } from '../../../src-main/settings/config-schema';
import { SyncScheduler } from '../../../src-main/sync/scheduler';
import { startHqServer } from '../../support/hq-server';
import { FIXTURES, count, tempDb } from './helpers';

function setup(sources: unknown[]) {
  const db = tempDb();
  const events = new EventBus();
  const seen: AppEvent[] = [];
  events.subscribe((e) => seen.push(e));
  const config = configSchema.parse({ sources });
  const rt = { adb: db.adb, config, events, logger: silentLogger };
  return { db, seen, rt };
}

describe('SyncScheduler', () => {
  it('runs a file source in a worker thread with progress events, and never two runs of one source at once', async () => {
    const { db, seen, rt } = setup([
      {
        type: 'file',
        name: 'feed',
        format: 'gmc',
        location: path.join(FIXTURES, 'feed-traps.tsv'),
        intervalMinutes: 60,
      },
    ]);
    const s = new SyncScheduler(rt, { inWorker: true });
    s.start();
    const a = s.runSource('feed');
    const b = s.runSource('feed');
    expect(b).toBe(a);
    await s.settle();
    s.stop();
    expect(count(db.adb, 'SELECT count(*) FROM variants')).toBe(3);
    expect(db.adb.sqlite.prepare('SELECT status FROM sync_runs WHERE id=?').pluck().get(a)).toBe('succeeded');
    const progress = seen
      .filter((e) => e.name === 'sync.progress')
      .map((e) => e.payload as { phase: string; status: string });
    expect(progress.some((p) => p.phase === 'writing')).toBe(true);
    expect(progress.at(-1)).toMatchObject({ phase: 'finished', status: 'succeeded' });
    expect(seen.some((e) => e.name === 'data.changed')).toBe(true);
  }, 30_000);

  it('a cancel during a worker import rolls it back and records "cancelled"', async () => {
    const { db, rt } = setup([]);
    const file = path.join(db.dir, 'many.tsv');
    fs.writeFileSync(
      file,
      'id\ttitle\tprice\n' + Array.from({ length: 30_000 }, (_, i) => `M-${i}\tThing ${i}\t1 GBP`).join('\n') + '\n',
    );
    const s = new SyncScheduler(rt, { inWorker: true });
    let runId = 0;
    rt.events.subscribe((e) => {
      const p = e.payload as { phase?: string; done?: number };
      if (e.name === 'sync.progress' && p.phase === 'writing' && (p.done ?? 0) > 0) s.cancel(runId);
    });
    runId = s.importFile({ format: 'gmc', path: file });
    await s.settle();
    expect(db.adb.sqlite.prepare('SELECT status FROM sync_runs WHERE id=?').pluck().get(runId)).toBe('cancelled');
    expect(count(db.adb, 'SELECT count(*) FROM variants')).toBe(0);
    expect(db.adb.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  }, 30_000);

  it('pulls an HQ source in a worker thread: the data reaches the app, progress is reported, the outbox is sent', async () => {
    const hq = await startHqServer({
      data: {
        products: [{ externalId: 'P1', title: 'Trail boot' }],
        variants: ['S8', 'S9', 'S10'].map((sku) => ({ sku, productExternalId: 'P1', price: 12000, currency: 'GBP' })),
        inventory: [{ sku: 'S9', storeId: 'leeds', storeName: 'Leeds', quantity: 4 }],
        customers: Array.from({ length: 7 }, (_, i) => ({ externalId: `C${i}`, firstName: `Name${i}` })),
        orders: [],
      },
    });
    try {
      process.env.AISLE_TEST_HQ_WORKER_TOKEN = hq.token;
      const { db, seen, rt } = setup([
        { type: 'hq', name: 'hq', baseUrl: hq.url, tokenEnv: 'AISLE_TEST_HQ_WORKER_TOKEN', pageSize: 2 },
      ]);
      db.adb.sqlite
        .prepare(
          `INSERT INTO outbox (kind, idempotency_key, payload, created_at) VALUES ('customer.note', 'note:1', '{}', '2030-01-01T00:00:00Z')`,
        )
        .run();
      const s = new SyncScheduler(rt, { inWorker: true });
      const id = s.runSource('hq');
      await s.settle();
      expect(db.adb.sqlite.prepare('SELECT status, error FROM sync_runs WHERE id=?').get(id)).toEqual({
        status: 'succeeded',
        error: null,
      });
      expect(count(db.adb, 'SELECT count(*) FROM variants')).toBe(3);
      expect(count(db.adb, 'SELECT count(*) FROM customers')).toBe(7);
      const phases = seen.filter((e) => e.name === 'sync.progress').map((e) => (e.payload as { phase: string }).phase);
      expect(phases).toContain('customers');
      expect(hq.events.has('note:1')).toBe(true);
    } finally {
      delete process.env.AISLE_TEST_HQ_WORKER_TOKEN;
      await hq.close();
    }
  }, 30_000);

  it('an HQ source without a token fails with a message naming the variable', async () => {
    const { db, rt } = setup([
      { type: 'hq', name: 'hq', baseUrl: 'http://127.0.0.1:9', tokenEnv: 'AISLE_TEST_NO_SUCH_TOKEN' },
    ]);
    const s = new SyncScheduler(rt);
    const id = s.runSource('hq');
    await s.settle();
    expect(db.adb.sqlite.prepare('SELECT error FROM sync_runs WHERE id=?').pluck().get(id)).toMatch(
      /AISLE_TEST_NO_SUCH_TOKEN/,
    );
  });
});
