import { describe, expect, it } from 'vitest';
import { ageHours, asOfLabel, timeAgo } from '../../../src-renderer/src/lib/time';
import { isLightSwatch, swatchFor } from '../../../src-renderer/src/lib/colors';
import { shortStoreNames } from '../../../src-renderer/src/lib/stores';

const at = (y: number, mo: number, d: number, h: number, mi: number) => new Date(y, mo - 1, d, h, mi);

describe('freshness and as-of times', () => {
  const now = at(2026, 11, 25, 11, 30);
  it('says how long ago the catalog synced in plain words', () => {
    expect(timeAgo(new Date(now.getTime() - 20_000).toISOString(), now)).toBe('just now');
    expect(timeAgo(new Date(now.getTime() - 5 * 60_000).toISOString(), now)).toBe('5 min ago');
    expect(timeAgo(new Date(now.getTime() - 2 * 3_600_000).toISOString(), now)).toBe('2 h ago');
    expect(timeAgo(new Date(now.getTime() - 3 * 86_400_000).toISOString(), now)).toBe('3 days ago');
    expect(timeAgo(null, now)).toBe('never');
    expect(ageHours(null, now)).toBe(Infinity);
  });
  it('shows a stock count time as a clock time today, "yesterday", a weekday, or a date', () => {
    expect(asOfLabel(at(2026, 11, 25, 9, 14).toISOString(), now)).toBe('09:14');
    expect(asOfLabel(at(2026, 11, 24, 23, 47).toISOString(), now)).toBe('yesterday 23:47');
    expect(asOfLabel(at(2026, 11, 21, 8, 5).toISOString(), now)).toBe('Sat 08:05');
    expect(asOfLabel(at(2026, 10, 2, 8, 5).toISOString(), now)).toBe('2 Oct 08:05');
    expect(asOfLabel('not a date', now)).toBe('time unknown');
  });
});

describe('colour swatches and store names', () => {
  it('maps catalog colour names to a swatch, by the first known word', () => {
    expect(swatchFor('Navy')).toBe(swatchFor('navy/white'));
    expect(swatchFor('Forest Green')).toBe(swatchFor('forest'));
    expect(swatchFor('Unobtainium')).toBeNull();
    expect(isLightSwatch(swatchFor('White')!)).toBe(true);
    expect(isLightSwatch(swatchFor('Black')!)).toBe(false);
  });
  it('drops the words every store shares, but never empties a name', () => {
    expect(shortStoreNames(['Aisle Outdoor Edinburgh', 'Aisle Outdoor Glasgow'])).toEqual(['Edinburgh', 'Glasgow']);
    expect(shortStoreNames(['Leeds', 'Leeds Central'])).toEqual(['Leeds', 'Leeds Central']);
    expect(shortStoreNames(['Only One Store'])).toEqual(['Only One Store']);
  });
});
