/** The default two-stage model: fits on a synthetic store, reloads from its saved state without re-fitting, and serves both lists. */
import v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import { buildBaskets, buildTrainData, dayNumber } from '../../../src-main/recommender/protocol/baskets';
import { loadTwoStage, twoStage, type TwoStageState } from '../../../src-main/recommender/strategies/two-stage';
import { mulberry32 } from '../../../src-main/shared/random';

/** 150 customers over 300 days: each re-buys a few staples of their group and tries group items. */
function store() {
  const r = mulberry32(4);
  const rows: { customerId: string; itemId: string; day: string }[] = [];
  const day = (n: number) => new Date(Date.UTC(2024, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
  for (let c = 0; c < 150; c++) {
    const group = c % 3;
    const staples = [0, 1, 2].map(() => group * 20 + Math.floor(r() * 20));
    for (let t = Math.floor(r() * 20); t < 300; t += 10 + Math.floor(r() * 30)) {
      for (const s of staples)
        if (r() < 0.7) rows.push({ customerId: `c${c}`, itemId: `i${String(s).padStart(3, '0')}`, day: day(t) });
      rows.push({
        customerId: `c${c}`,
        itemId: `i${String(group * 20 + Math.floor(r() * 20)).padStart(3, '0')}`,
        day: day(t),
      });
    }
  }
  return buildTrainData(buildBaskets(rows), dayNumber(day(300)));
}

describe('two-stage ranker', () => {
  const d = store();
  const m = twoStage({ ialsFactors: 8, windowDays: 40 });
  m.fit(d);

  it("learns a ranker from earlier windows and puts a customer's staples first", () => {
    expect(m.model()).not.toBeNull();
    expect(m.trainingRows()).toBeGreaterThan(1000);
    const out = new Float64Array(d.items.length);
    let staplesFirst = 0;
    for (let u = 0; u < d.users.length; u++) {
      m.scoreUser(u, out);
      const best = out.indexOf(Math.max(...out));
      // the top item is one the customer bought on at least two visits
      for (let p = d.xPtr[u]!; p < d.xPtr[u + 1]!; p++) if (d.xIdx[p] === best && d.xVal[p]! >= 2) staplesFirst++;
    }
    expect(staplesFirst / d.users.length).toBeGreaterThan(0.9);
  });

  it('the explore list holds only items the customer never bought, from their own group', () => {
    const out = new Float64Array(d.items.length);
    m.scoreUserExplore(0, out);
    const bought = new Set(d.xIdx.subarray(d.xPtr[0], d.xPtr[1]));
    const ranked = [...out.keys()].filter((i) => out[i]! > -Infinity).sort((a, b) => out[b]! - out[a]!);
    expect(ranked.length).toBeGreaterThan(0);
    for (const i of ranked) expect(bought.has(i)).toBe(false);
    const group = Number(d.users[0]!.slice(1)) % 3;
    const top5 = ranked.slice(0, 5).map((i) => Math.floor(Number(d.items[i]!.slice(1)) / 20));
    expect(top5.filter((g) => g === group).length).toBeGreaterThanOrEqual(4);
  });

  it('reloads from its saved state (through v8 serialisation) with identical scores and no re-fit', () => {
    const st = v8.deserialize(v8.serialize(m.state())) as TwoStageState;
    const t0 = performance.now();
    const again = loadTwoStage(d, st);
    const loadMs = performance.now() - t0;
    const a = new Float64Array(d.items.length),
      b = new Float64Array(d.items.length);
    for (const u of [0, 7, 42]) {
      m.scoreUser(u, a);
      again.scoreUser(u, b);
      expect(Array.from(b)).toEqual(Array.from(a));
    }
    // fitting took training windows and iALS; loading only rebuilds item statistics
    expect(again.trainingRows()).toBe(m.trainingRows());
    expect(loadMs).toBeLessThan(1000);
  });
});
