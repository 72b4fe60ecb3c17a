/** Reading associate messages into constraints, on the small hand-made catalog. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRuntime } from '../../support/runtime';
import { loadCatalogFixture } from '../../support/catalog-fixture';
import { extractBudget, extractConstraints } from '../../../src-main/copilot/constraints';
import { loadVocabulary, type Vocabulary } from '../../../src-main/copilot/vocabulary';
import type { AppRuntime } from '../../../src-main/app/runtime';

let rt: AppRuntime;
let vocab: Vocabulary;
beforeAll(() => {
  rt = testRuntime();
  loadCatalogFixture(rt);
  vocab = loadVocabulary(rt.adb.sqlite);
});
afterAll(() => rt.close());

describe('budgets', () => {
  it.each([
    ['under 120', null, 12000],
    ['below £120 please', null, 12000],
    ['£100-£150', 10000, 15000],
    ['between 100 and 150', 10000, 15000],
    ['no more than 80 quid', null, 8000],
    ['around £150', 11250, 17250],
    ['over £200', 20000, null],
  ])('%s', (text, min, max) => {
    expect(extractBudget(text)).toMatchObject({ min, max });
  });

  it('does not read sizes, litres or ages as money', () => {
    for (const t of ['a 40 litre pack', 'under 2 kg', 'for a 7 year old', 'between 30-40 litres'])
      expect(extractBudget(t).max).toBeNull();
  });
});

describe('constraints from one message', () => {
  it('uses the catalog vocabulary: category, size, budget, colour exclusions, gender', () => {
    const { constraints: c } = extractConstraints(
      'She wants a waterproof jacket, size M, under £150 — hates yellow',
      vocab,
      null,
    );
    expect(c).toMatchObject({
      categories: ['Jackets'],
      sizes: ['M'],
      priceMax: 15000,
      excludeColors: ['Yellow'],
      gender: 'women',
    });
    expect(c.features).toContain('waterproof');
  });

  it('knows which colours count as bright and reads lists after a negation', () => {
    expect(extractConstraints('jacket, nothing bright', vocab, null).constraints.excludeColors).toEqual(
      expect.arrayContaining(['Yellow', 'Red']),
    );
    expect(extractConstraints('jacket, no yellow or red', vocab, null).constraints.excludeColors).toEqual([
      'Yellow',
      'Red',
    ]);
    expect(extractConstraints('she likes navy but not red', vocab, null).constraints).toMatchObject({
      colors: ['Navy'],
      excludeColors: ['Red'],
    });
  });

  it('reads shoe sizes in UK and EU, and a bare size for footwear', () => {
    expect(extractConstraints('boots in a UK 7', vocab, null).constraints.sizes).toEqual(['UK 7']);
    expect(extractConstraints('boots, EU 38', vocab, null).constraints.sizes).toEqual(['UK 5']);
    expect(extractConstraints('boots size 5', vocab, null).constraints.sizes).toEqual(['UK 5']);
  });

  it('a vague message is flagged so the engine asks', () => {
    expect(extractConstraints('something warm', vocab, null).vague).toBe(true);
    expect(extractConstraints('a jacket', vocab, null).vague).toBe(false);
  });
});

describe('carry-over between turns', () => {
  it('keeps what was said, changes what is said now, and resets the person', () => {
    const t1 = extractConstraints('waterproof jacket for her in M under £150, hates yellow', vocab, null).constraints;
    const t2 = extractConstraints('in navy?', vocab, t1).constraints;
    expect(t2).toMatchObject({
      categories: ['Jackets'],
      sizes: ['M'],
      priceMax: 15000,
      colors: ['Navy'],
      excludeColors: ['Yellow'],
      gender: 'women',
    });
    const t3 = extractConstraints('anything cheaper?', vocab, t2, { lastShownPrices: [14900, 11900] }).constraints;
    expect(t3.priceMax).toBe(11899);
    const t4 = extractConstraints('what about for her husband?', vocab, t3).constraints;
    expect(t4).toMatchObject({
      gender: 'men',
      sizes: [],
      colors: [],
      excludeColors: [],
      forSomeoneElse: true,
      categories: ['Jackets'],
    });
  });
});
