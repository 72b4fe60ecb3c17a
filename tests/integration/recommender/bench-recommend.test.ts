/** `aisle bench recommend` prints its figures for a small history and refuses a missing file by name. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { aisle } from '../../support/cli';

describe('aisle bench recommend', () => {
  it('measures training, model memory and recommend() latency on a transactions file and a generated set', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aisle-bench-rec-test-'));
    const file = path.join(dir, 'tx.csv');
    const lines = ['customer_id,item_id,timestamp'];
    for (let c = 0; c < 40; c++)
      for (let d = 0; d < 6; d++)
        // items 0-11 and 20-22: 15 products
        for (const i of [c % 5, (c + d) % 12, 20 + (c % 3)])
          lines.push(`C${c},I${i},2024-0${1 + d}-1${c % 9}T10:00:00Z`);
    fs.writeFileSync(file, lines.join('\n') + '\n');
    const run = await aisle(
      '--data-dir',
      dir,
      'bench',
      'recommend',
      '--transactions',
      file,
      '--rounds',
      '1',
      '--items',
      '300',
      '--lines',
      '3000',
      '--json',
    );
    expect(run.code).toBe(0);
    const doc = run.json();
    expect(doc.results).toHaveLength(2);
    for (const r of doc.results) {
      expect(r.trainSecondsMedian).toBeGreaterThan(0);
      expect(r.recommend.n).toBe(200);
      expect(r.recommend.p95).toBeGreaterThanOrEqual(r.recommend.p50);
      expect(r.typedArrayMb).toBeGreaterThan(0);
    }
    expect(doc.results[0].loaded).toMatchObject({ products: 15, customers: 40 });
  }, 30_000);

  it('names a missing --transactions file', async () => {
    const run = await aisle(
      '--data-dir',
      fs.mkdtempSync(path.join(os.tmpdir(), 'aisle-bench-rec-')),
      'bench',
      'recommend',
      '--transactions',
      '/nope/tx.csv',
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/\/nope\/tx\.csv: no such file/);
  });
});
