/**
 * The judge of the sports scenario set (tests/fixtures/copilot-sports/sports-lib.ts and
 * tests/support/scenario-score.ts) on hand-made rows and answers, so a wrong score can be blamed on
 * the copilot and not on the judge — the counterpart of the dev set's selftest.py.
 */
import { describe, expect, it } from 'vitest';
import * as L from '../../fixtures/copilot-sports/sports-lib';
import { aggregate, judge, summaryLine, type Scenario } from '../../support/scenario-score';

const base: L.Row = {
  id: '',
  item_group_id: '',
  title: '',
  description: '',
  price: '50.00 GBP',
  sale_price: '',
  brand: 'B',
  product_type: '',
  color: 'Black',
  size: '',
  size_system: '',
  gender: 'unisex',
  age_group: 'adult',
  material: '',
};
const row = (o: L.Row): L.Row => ({ ...base, ...o });

const boot = (size: string, age = 'adult') =>
  row({
    id: `B-${size}`,
    product_type: 'Football > Football Boots > Firm Ground Boots',
    size,
    size_system: 'UK',
    age_group: age,
  });

describe('the expectation predicate', () => {
  it('keeps the kids K scale apart from adult sizes and matches halves exactly', () => {
    expect(L.failedChecks(boot('13K', 'kids'), { shoe_uk: '13K' }, 1)).toEqual([]);
    expect(L.failedChecks(boot('13'), { shoe_uk: '13K' }, 1)).toEqual(['shoe_uk']);
    expect(L.failedChecks(boot('1', 'kids'), { shoe_uk: 1 }, 1)).toEqual([]);
    expect(L.failedChecks(boot('5.5'), { shoe_uk: 5.5 }, 1)).toEqual([]);
    expect(L.failedChecks(boot('5'), { shoe_uk: 5.5 }, 1)).toEqual(['shoe_uk']);
  });

  it('puts a shoe size inside a sock band, and lets unsized items through only with sized_only', () => {
    const socks = row({
      product_type: 'Running > Running Accessories > Running Socks',
      size: 'UK 7-11',
      size_system: 'UK',
    });
    expect(L.failedChecks(socks, { shoe_uk: 10 }, 1)).toEqual([]);
    expect(L.failedChecks(socks, { shoe_uk: 12 }, 1)).toEqual(['shoe_uk']);
    const light = row({ product_type: 'Cycling > Cycling Accessories > Bike Lights' });
    expect(L.failedChecks(light, { shoe_uk: 9 }, 1)).toEqual(['shoe_uk']);
    expect(L.failedChecks(light, { shoe_uk: 9, sized_only: true }, 1)).toEqual([]);
    expect(L.failedChecks(light, { size_any: ['S'], sized_only: true }, 1)).toEqual([]);
    expect(L.failedChecks(row({ size: 'M' }), { size_any: ['S'], sized_only: true }, 1)).toEqual(['size']);
  });

  it('reads helmet bands, grips, capacities and thickness from the catalog’s own strings', () => {
    const helmet = row({ product_type: 'Cycling > Helmets > Road Helmets', size: 'M 55-59cm' });
    expect(L.failedChecks(helmet, { head_cm: 57 }, 1)).toEqual([]);
    expect(L.failedChecks(helmet, { head_cm: 54 }, 1)).toEqual(['head_cm']);
    expect(L.failedChecks(row({ size: 'G3' }), { grip: 3 }, 1)).toEqual([]);
    expect(L.failedChecks(row({ size: '1L' }), { ml_min: 1000, ml_max: 1000 }, 1)).toEqual([]);
    expect(L.failedChecks(row({ title: "Kids' Bottle 400ml" }), { ml_min: 750 }, 1)).toEqual(['ml']);
    expect(L.failedChecks(row({ title: 'Travel Yoga Mat 1.5mm' }), { mm_min: 5 }, 1)).toEqual(['mm']);
  });

  it('prices with the sale price, and "in stock here" is the available count', () => {
    const onSale = row({ price: '25.00 GBP', sale_price: '17.50 GBP' });
    expect(L.failedChecks(onSale, { max_price: 20 }, 1)).toEqual([]);
    expect(L.failedChecks(onSale, { max_price: 20, in_stock_here: true }, 0)).toEqual(['in_stock_here']);
  });
});

describe('judging answers like score.py', () => {
  const cat: L.Catalog = new Map([
    [
      'A-1',
      row({
        id: 'A-1',
        product_type: 'Swimming > Swimwear > Swimsuits',
        gender: 'female',
        size: '14',
        price: '42.00 GBP',
        sale_price: '35.50 GBP',
        color: 'Midnight Navy',
      }),
    ],
    [
      'A-2',
      row({
        id: 'A-2',
        product_type: 'Swimming > Swimwear > Swimsuits',
        gender: 'female',
        size: '14',
        price: '34.00 GBP',
      }),
    ],
  ]);
  const inv: L.Inventory = new Map([
    [L.invKey('A-1', 'Mill Street'), { available: 2, onHand: 3, committed: 1, unavailable: 0, incoming: 0 }],
    [L.invKey('A-2', 'Mill Street'), { available: 0, onHand: 0, committed: 0, unavailable: 0, incoming: 0 }],
  ]);
  const sc = (expect: L.Expect, feasible: string[]): Scenario => ({
    id: 'x',
    tag: 'size+budget',
    store: 'Mill Street',
    message: 'm',
    expect,
    feasible_skus: feasible,
  });

  it('accepts prices in pence or pounds and stock as available or on hand; rejects another currency or a made-up SKU', () => {
    const s = sc({ max_price: 40, in_stock_here: true }, ['A-1']);
    const ok = judge(
      s,
      { reply: '', questions: [], suggestions: [{ sku: 'A-1', price: 3550, currency: 'GBP', stockHere: 3 }] },
      cat,
      inv,
    );
    expect(ok).toMatchObject({ grounded: true, hit: true, precision: 1 });
    const bad = judge(
      s,
      {
        reply: '',
        questions: [],
        suggestions: [
          { sku: 'A-1', price: 35.5, currency: 'EUR' },
          { sku: 'NOPE', price: 1 },
        ],
      },
      cat,
      inv,
    );
    expect(bad.grounded).toBe(false);
    expect(bad.groundProblems.join(' ')).toMatch(/currency "EUR".*unknown sku "NOPE"/);
    expect(bad.precision).toBe(0.5);
  });

  it('passes an infeasible answer only when nothing claims to fit and the reply says so', () => {
    const s = sc({ size: '12', infeasible: true }, []);
    const honest = judge(
      s,
      {
        reply: 'Nothing in a 12; the closest is this 14.',
        questions: [],
        suggestions: [{ sku: 'A-2', price: 3400, size: '14', stockHere: 0 }],
      },
      cat,
      inv,
    );
    expect(honest).toMatchObject({ infeasiblePass: true, falseClaims: [] });
    const claims = judge(
      s,
      { reply: 'Here you go.', questions: [], suggestions: [{ sku: 'A-2', price: 3400, size: '12' }] },
      cat,
      inv,
    );
    expect(claims).toMatchObject({ infeasiblePass: false, told: false, grounded: true, falseClaims: ['A-2'] });
  });

  it('scores the mean of the five rates and prints the summary line', () => {
    const s1 = sc({ max_price: 40 }, ['A-1']);
    const s2 = { ...sc({ question: true }, []), id: 'q' };
    const byId = new Map([
      ['x', s1],
      ['q', s2],
    ]);
    const v1 = judge(s1, { reply: '', questions: [], suggestions: [{ sku: 'A-2', price: 3400 }] }, cat, inv); // precision 1, no hit
    const v2 = { ...judge(s2, { reply: '', questions: ['Who is it for?'], suggestions: [] }, cat, inv), id: 'q' };
    const m = aggregate([v1, v2], byId);
    expect(m.score).toBeCloseTo((1 + 1 + 0 + 1 + 1) / 5);
    expect(summaryLine('copilot sports', m)).toBe(
      'copilot sports: grounded 100.0% precision 100.0% hit 0.0% infeasible 0/0 questions 1/1 score 0.80',
    );
  });
});
