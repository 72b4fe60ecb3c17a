/** The replay reads as a manager would say it: no JSON, no internal ids, outcome names from the end dialog. */
import { describe, expect, it } from 'vitest';
import { OUTCOME_LABELS } from '../../../src-main/contract';
import {
  describeEvent,
  summariseCustomerContext,
  understoodChips,
  type EventContext,
} from '../../../src-renderer/src/features/review/describe';

const ctx: EventContext = {
  customerName: 'Kate M.',
  currency: 'GBP',
  titleBySuggestion: new Map([[41, 'Alpine Shell Jacket']]),
  titleBySku: new Map([['JKT1-NAVY-M', 'Alpine Shell Jacket']]),
};

describe('customer context summary', () => {
  it("the app's profile: sizes with evidence, tastes, budget, consent", () => {
    const s = summariseCustomerContext(
      {
        ref: 'c-7f3a',
        consent: true,
        sizes: { tops: { value: 'M', evidence: 'M in 5 of 6 tops bought' } },
        preferredColors: ['Navy'],
        avoidColors: ['Orange'],
        preferredBrands: ['Ridgeline'],
        preferredCategories: ['Jackets'],
        priceBand: { low: 4000, high: 15000, currency: 'GBP' },
        orderCount: 6,
        recentCategories: ['Socks'],
      },
      'GBP',
    );
    expect(s.consent).toBe('given');
    expect(s.sizes).toEqual([{ kind: 'Tops', value: 'M', evidence: 'M in 5 of 6 tops bought' }]);
    expect(s.tastes).toEqual([
      { label: 'Likes colours', values: ['Navy'] },
      { label: 'Avoids colours', values: ['Orange'] },
      { label: 'Brands', values: ['Ridgeline'] },
      { label: 'Usually buys', values: ['Jackets'] },
      { label: 'Recently bought', values: ['Socks'] },
    ]);
    expect(s.budget).toBe('£40.00 – £150.00');
    expect(s.history).toBe('6 orders before');
    // the pseudonymous reference is internal: it is not part of the summary
    expect(JSON.stringify(s)).not.toContain('c-7f3a');
  });
  it('withheld consent says so', () => {
    expect(summariseCustomerContext({ personalization: 'withheld' }, null)).toMatchObject({
      consent: 'withheld',
      sizes: [],
      tastes: [],
    });
  });
});

describe('understood chips', () => {
  it('turn the constraints into short words', () => {
    const chips = understoodChips(
      {
        categories: ['jackets'],
        uses: ['hiking'],
        sizes: ['M'],
        sizeText: null,
        colors: ['navy'],
        excludeColors: ['black'],
        priceMin: null,
        priceMax: 15000,
        priceBand: null,
        budgetText: 'under 150',
        gender: 'women',
        brands: [],
        excludeBrands: [],
        features: ['waterproof'],
        inStockHereOnly: true,
        forSomeoneElse: false,
        memory: { turnId: 'x' },
      },
      'GBP',
    );
    expect(chips).toEqual([
      'Jackets',
      'For hiking',
      'Size M',
      'Navy',
      'Not black',
      'Under £150.00',
      'For women',
      'Waterproof',
      'In stock here only',
    ]);
  });
});

describe('understood chips from older records', () => {
  it('read the singular keys the demo store and older versions wrote', () => {
    expect(
      understoodChips(
        {
          category: 'Hiking Boots',
          gender: 'men',
          inStockHere: true,
          size: 'UK 8.5',
          maxPrice: 20000,
          currency: 'GBP',
        },
        null,
      ),
    ).toEqual(['Hiking Boots', 'Size UK 8.5', 'Under £200.00', 'For men', 'In stock here only']);
  });
});

describe('events as sentences', () => {
  it('never show ids; products by name; outcomes in the end dialog words, units pluralised', () => {
    expect(describeEvent('start', { associateId: 's1-priya', customerId: 12, storeId: 'S1' }, ctx)).toBe(
      'Consultation started with Kate M.',
    );
    expect(describeEvent('consultation.started', { walkIn: true, associateId: 's1-priya' }, ctx)).toBe(
      'Consultation started with a walk-in customer',
    );
    expect(describeEvent('suggestion.rejected', { suggestionId: 41, reason: 'too long' }, ctx)).toBe(
      'Rejected: Alpine Shell Jacket — “too long”',
    );
    expect(describeEvent('card.shortlisted', { sku: 'JKT1-NAVY-M' }, ctx)).toBe('Shortlisted: Alpine Shell Jacket');
    expect(
      describeEvent('end', { outcome: 'purchased', basketValue: 14900, basketUnits: 1, satisfaction: 5 }, ctx),
    ).toBe(`Ended: ${OUTCOME_LABELS.purchased} · £149.00 · 1 unit · rated 5/5`);
    expect(describeEvent('consultation.ended', { outcome: 'abandoned', basketUnits: 2 }, ctx)).toBe(
      'Ended: Walked away · 2 units',
    );
  });
});
