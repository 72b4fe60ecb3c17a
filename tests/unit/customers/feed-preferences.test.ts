/**
 * Confirmed preferences from HQ's customers feed on a laptop: the latest confirmation per kind and
 * scope wins, a tie keeps what the laptop holds, and what cannot be applied (a customer this laptop
 * does not hold, a time that is not a time) changes nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AppRuntime } from '../../../src-main/app/runtime';
import { applyFeedPreferences } from '../../../src-main/customers/queries';
import { testRuntime } from '../../support/runtime';

let rt: AppRuntime;
afterEach(() => rt?.close());

function setup(): number {
  rt = testRuntime({ storeId: 'leeds' });
  return Number(
    rt.adb.sqlite
      .prepare(
        `INSERT INTO customers (external_id, first_name, source, synced_at)
         VALUES ('7', 'Ayumu', 'hq', '2030-01-01T00:00:00Z')`,
      )
      .run().lastInsertRowid,
  );
}
const size = (id: number) =>
  rt.adb.sqlite
    .prepare(
      `SELECT value, updated_at AS at, evidence FROM customer_preferences
       WHERE customer_id = ? AND kind = 'size' AND scope = 'tops' AND origin = 'confirmed'`,
    )
    .get(id) as { value: string; at: string; evidence: string } | undefined;

describe('applyFeedPreferences', () => {
  it('applies a newer confirmation, keeps a held one that is newer or equally new', () => {
    const id = setup();
    const apply = (value: string, at: string) =>
      applyFeedPreferences(
        rt.adb.sqlite,
        new Map([['7', [{ kind: 'size', scope: 'tops', value, at, confirmedBy: 'sam' }]]]),
      );
    expect(apply('M', '2030-02-01T10:00:00.000Z')).toEqual({ applied: 1, kept: 0 });
    expect(size(id)).toEqual({
      value: 'M',
      at: '2030-02-01T10:00:00.000Z',
      evidence: 'confirmed by sam on 2030-02-01 (another till)',
    });
    expect(apply('S', '2030-01-31T10:00:00.000Z')).toEqual({ applied: 0, kept: 1 });
    expect(apply('L', '2030-02-01T10:00:00.000Z')).toEqual({ applied: 0, kept: 1 });
    expect(size(id)?.value).toBe('M');
    expect(apply('L', '2030-02-01T10:00:00.001Z')).toEqual({ applied: 1, kept: 0 });
    expect(size(id)?.value).toBe('L');
  });

  it('skips a customer this laptop does not hold and a time that does not parse, changing nothing', () => {
    const id = setup();
    const r = applyFeedPreferences(
      rt.adb.sqlite,
      new Map([
        ['nobody', [{ kind: 'size', scope: 'tops', value: 'M', at: '2030-02-01T10:00:00Z' }]],
        ['7', [{ kind: 'size', scope: 'tops', value: 'XL', at: 'last Tuesday' }]],
      ]),
    );
    expect(r).toEqual({ applied: 0, kept: 0 });
    expect(size(id)).toBeUndefined();
    expect(rt.adb.sqlite.prepare('SELECT count(*) FROM customer_preferences').pluck().get()).toBe(0);
  });
});
