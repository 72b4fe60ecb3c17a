/** `aisle bench import` measures the importer against a raw insert of the same rows, in paired rounds. */
import { describe, expect, it } from 'vitest';
import { aisle } from '../../support/cli';

describe('aisle bench import', () => {
  it("imports the generated feed in every round and reports the median ratio with each round's", async () => {
    const run = await aisle('bench', 'import', '--variants', '2000', '--rounds', '3', '--json');
    expect(run.code).toBe(0);
    const r = JSON.parse(run.stdout) as {
      rounds: number;
      ratios: number[];
      ratio: number;
      importStatus: string;
      variants: number;
      products: number;
      importSeconds: number;
      rawSeconds: number;
    };
    expect(r).toMatchObject({ rounds: 3, variants: 2000, products: 500, importStatus: 'succeeded' });
    expect(r.ratios).toHaveLength(3);
    expect([...r.ratios].sort((a, b) => a - b)[1]).toBe(r.ratio);
    expect(r.importSeconds).toBeGreaterThan(0);
    expect(r.rawSeconds).toBeGreaterThan(0);
  });
});
