/** The ranker's learners and its iALS / EASE candidate sources, on small data where the right answer is known. */
import { describe, expect, it } from 'vitest';
import { fitGbdt, gbdtScore } from '../../../src-main/recommender/strategies/gbdt';
import { mulberry32 } from '../../../src-main/shared/random';
import { fitLogistic, logit } from '../../../src-main/recommender/strategies/logistic';
import { fitIals, ialsScores } from '../../../src-main/recommender/strategies/ials';
import {
  fitPooledEase,
  easeWeights,
  pooledEaseScores,
  poolPositions,
} from '../../../src-main/recommender/strategies/ease';
import { buildBaskets, buildTrainData, dayNumber } from '../../../src-main/recommender/protocol/baskets';

function xorData(n: number, seed: number) {
  const r = mulberry32(seed);
  const nF = 4;
  const X = new Float32Array(n * nF);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    for (let f = 0; f < nF; f++) X[i * nF + f] = r() * 2 - 1;
    // the label depends on the sign agreement of two features: no linear model can see it
    const z = X[i * nF]! * X[i * nF + 1]! > 0 ? 2.5 : -2.5;
    y[i] = r() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  return { X, y, nF };
}

const logloss = (score: (off: number) => number, y: Uint8Array, nF: number) => {
  let s = 0;
  for (let i = 0; i < y.length; i++) {
    const p = 1 / (1 + Math.exp(-score(i * nF)));
    s -= y[i] ? Math.log(p) : Math.log(1 - p);
  }
  return s / y.length;
};

describe('gradient-boosted trees', () => {
  it('learn an interaction a logistic regression cannot, on held-out rows', () => {
    const tr = xorData(8000, 1),
      te = xorData(4000, 2);
    const g = fitGbdt(tr.X, tr.y, tr.nF, { trees: 40, leaves: 8, minLeaf: 50 });
    const l = fitLogistic(tr.X, tr.y, tr.nF, 1);
    const gl = logloss((o) => gbdtScore(g, te.X, o), te.y, te.nF);
    const ll = logloss((o) => logit(l, te.X, o), te.y, te.nF);
    expect(ll).toBeGreaterThan(0.66); // ~ the prior: the linear model sees nothing
    expect(gl).toBeLessThan(0.45);
  });

  it("LambdaRank puts each group's relevant rows first", () => {
    const r = mulberry32(3);
    const nF = 2,
      groups = 200,
      per = 20;
    const X = new Float32Array(groups * per * nF);
    const y = new Uint8Array(groups * per);
    const ptr = new Int32Array(groups + 1);
    for (let g = 0; g < groups; g++) {
      const shift = r() * 10; // group-level offset that carries no ranking information
      for (let k = 0; k < per; k++) {
        const row = g * per + k;
        const rel = k < 3 ? 1 : 0;
        X[row * nF] = shift + (rel ? 1 : 0) + r() * 0.8;
        X[row * nF + 1] = shift;
        y[row] = rel;
      }
      ptr[g + 1] = (g + 1) * per;
    }
    const m = fitGbdt(
      X,
      y,
      nF,
      { trees: 30, leaves: 8, minLeaf: 20, objective: 'lambdarank', subsample: 1 },
      undefined,
      ptr,
    );
    let hits = 0;
    for (let g = 0; g < groups; g++) {
      const rows = Array.from({ length: per }, (_, k) => g * per + k).sort(
        (a, b) => gbdtScore(m, X, b * nF) - gbdtScore(m, X, a * nF),
      );
      hits += rows.slice(0, 3).filter((row) => y[row]).length;
    }
    expect(hits / (groups * 3)).toBeGreaterThan(0.8);
  });
});

/** Two taste groups of customers over two halves of a 20-item catalogue. */
function tasteGroups() {
  const rows: { customerId: string; itemId: string; day: string }[] = [];
  const r = mulberry32(9);
  for (let c = 0; c < 60; c++)
    for (let b = 0; b < 4; b++)
      for (let k = 0; k < 4; k++) {
        const item = (c % 2) * 10 + Math.floor(r() * 10);
        rows.push({
          customerId: `c${String(c).padStart(2, '0')}`,
          itemId: `i${String(item).padStart(2, '0')}`,
          day: `2024-0${b + 1}-10`,
        });
      }
  return buildTrainData(buildBaskets(rows), dayNumber('2024-06-01'));
}

describe('EASE over the most popular items', () => {
  const d = tasteGroups();

  it('equals full EASE when the pool is the whole catalogue', () => {
    const pooled = fitPooledEase(d, d.items.length, 30)!;
    const full = easeWeights(d, 30);
    const n = d.items.length;
    const at = poolPositions(pooled.pool, n);
    for (let a = 0; a < n; a++)
      for (let b = 0; b < n; b++) expect(pooled.W[at[a]! * n + at[b]!]).toBeCloseTo(full[a * n + b]!, 5);
  });

  it("scores only pool items, and favours the customer's own group", () => {
    const e = fitPooledEase(d, 12, 30)!;
    const at = poolPositions(e.pool, d.items.length);
    const out = new Float64Array(d.items.length);
    pooledEaseScores(e, at, d.xIdx.subarray(d.xPtr[0], d.xPtr[1]), out);
    const scored = [...out.keys()].filter((i) => out[i]! > -Infinity);
    expect(scored.sort()).toEqual([...e.pool].sort());
    // customer c00 is in group 0 (items i00-i09): the best-scored pool item is one of theirs
    const best = scored.reduce((a, b) => (out[b]! > out[a]! ? b : a));
    expect(Number(d.items[best]!.slice(1))).toBeLessThan(10);
  });
});

describe('iALS', () => {
  it("scores items of the customer's taste group above the other group's", () => {
    const d = tasteGroups();
    const f = fitIals(d, { factors: 8, iterations: 8, reg: 1 });
    const out = new Float64Array(d.items.length);
    let right = 0;
    for (let u = 0; u < d.users.length; u++) {
      ialsScores(f, u, out);
      const group = Number(d.users[u]!.slice(1)) % 2;
      let own = 0,
        other = 0;
      d.items.forEach((code, i) =>
        Number(code.slice(1)) >= 10 === (group === 1) ? (own += out[i]!) : (other += out[i]!),
      );
      if (own > other) right++;
    }
    expect(right).toBe(d.users.length);
  });
});
