/** Prices show with their own currency symbol in the store's locale; counts are pluralised. */
import { afterEach, describe, expect, it } from 'vitest';
import { countOf, formatDay, formatMoney, formatNumber, setStoreLocale } from '../../../src-renderer/src/lib/format';

afterEach(() => setStoreLocale('en-GB'));

describe('formatMoney in the store locale', () => {
  it('an en-GB store shows a US$ item as US$, never as £', () => {
    setStoreLocale('en-GB');
    expect(formatMoney(15900, 'USD')).toBe('US$159.00');
    expect(formatMoney(15900, 'GBP')).toBe('£159.00');
    expect(formatMoney(15900, 'EUR')).toBe('€159.00');
  });
  it('an en-US store writes $ for its own dollars and £ for pounds', () => {
    setStoreLocale('en-US');
    expect(formatMoney(15900, 'USD')).toBe('$159.00');
    expect(formatMoney(15900, 'GBP')).toBe('£159.00');
  });
  it('a German store writes the amount its way, with the currency of the price', () => {
    setStoreLocale('de-DE');
    expect(formatMoney(1234550, 'EUR').replace(/\s/g, ' ')).toBe('12.345,50 €');
    expect(formatNumber(1234.5, 1)).toBe('1.234,5');
  });
  it('a currency without minor units (JPY) is not divided by 100', () => {
    expect(formatMoney(1500, 'JPY')).toBe('JP¥1,500');
  });
});

describe('counts and days', () => {
  it('1 unit, 2 units', () => {
    expect(countOf(1, 'unit')).toBe('1 unit');
    expect(countOf(2, 'unit')).toBe('2 units');
    expect(countOf(0, 'rating')).toBe('0 ratings');
  });
  it('a calendar day reads in the store locale without shifting', () => {
    expect(formatDay('2026-11-25')).toBe('25 Nov');
    setStoreLocale('en-US');
    expect(formatDay('2026-11-25')).toBe('Nov 25');
  });
});
