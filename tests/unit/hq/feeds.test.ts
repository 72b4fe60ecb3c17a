/** A laptop's page request is bounded and its cursor checked before any query runs. */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PAGE_SIZE,
  FeedRequestError,
  MAX_PAGE_SIZE,
  parseCursor,
  parseLimit,
} from '../../../src-main/hq/feeds';

describe('HQ feed requests', () => {
  it('clamps a page size above the maximum, defaults a missing one, and refuses nonsense naming it', () => {
    expect(parseLimit('100000')).toBe(MAX_PAGE_SIZE);
    expect(parseLimit(null)).toBe(DEFAULT_PAGE_SIZE);
    expect(parseLimit('250')).toBe(250);
    expect(() => parseLimit('0')).toThrow(FeedRequestError);
    expect(() => parseLimit('ten')).toThrow(/limit must be a whole number from 1 to 5000, got "ten"/);
  });

  it('accepts only cursors HQ gave out (change-sequence numbers)', () => {
    expect(parseCursor(null)).toBe(0);
    expect(parseCursor('4711')).toBe(4711);
    expect(() => parseCursor('abc')).toThrow(/cursor "abc" is not one HQ gave out; start again without a cursor/);
    expect(() => parseCursor('1; DROP TABLE products')).toThrow(FeedRequestError);
  });
});
