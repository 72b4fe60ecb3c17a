/** Store-local calendar days: what a manager calls "Tuesday" in their store, DST included. */
import { describe, expect, it } from 'vitest';
import { isTimeZone, localDay, zonedDayStart } from '../../../src-main/shared/time';

describe('store-local days', () => {
  it("an evening consultation in New York belongs to that evening's day, not the next UTC day", () => {
    expect(localDay('2026-06-02T02:30:00.000Z', 'America/New_York')).toBe('2026-06-01');
    expect(localDay('2026-06-01T23:30:00.000Z', 'Europe/London')).toBe('2026-06-02'); // BST
    expect(localDay('2026-01-15T23:30:00.000Z', 'Europe/London')).toBe('2026-01-15'); // GMT
    expect(localDay('2026-01-01T20:00:00.000Z', 'Asia/Kolkata')).toBe('2026-01-02');
  });

  it('an unknown zone falls back to the UTC day instead of failing a write', () => {
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(localDay('2026-06-02T02:30:00.000Z', 'Mars/Olympus_Mons')).toBe('2026-06-02');
    expect(localDay('2026-06-02T02:30:00.000Z', null)).toBe('2026-06-02');
    expect(zonedDayStart('2026-06-02', 'Mars/Olympus_Mons')).toBe('2026-06-02T00:00:00.000Z');
  });

  it('a day starts at local midnight, on both sides of the DST changes', () => {
    expect(zonedDayStart('2026-06-01', 'America/New_York')).toBe('2026-06-01T04:00:00.000Z');
    expect(zonedDayStart('2026-01-15', 'America/New_York')).toBe('2026-01-15T05:00:00.000Z');
    expect(zonedDayStart('2026-03-29', 'Europe/London')).toBe('2026-03-29T00:00:00.000Z'); // clocks go forward at 01:00
    expect(zonedDayStart('2026-03-30', 'Europe/London')).toBe('2026-03-29T23:00:00.000Z');
    expect(zonedDayStart('2026-10-25', 'Europe/London')).toBe('2026-10-24T23:00:00.000Z'); // back at 02:00 BST
    expect(zonedDayStart('2026-10-04', 'Australia/Sydney')).toBe('2026-10-03T14:00:00.000Z');
  });

  it('every day of a year: its start maps back to it, and the instant before belongs to the day before', () => {
    for (const zone of [
      'Europe/London',
      'America/New_York',
      'Australia/Sydney',
      'Asia/Kolkata',
      'Pacific/Auckland',
      'America/Santiago',
    ]) {
      for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 86_400_000) {
        const day = new Date(t).toISOString().slice(0, 10);
        const start = Date.parse(zonedDayStart(day, zone));
        expect(localDay(new Date(start).toISOString(), zone), `${zone} ${day}`).toBe(day);
        expect(localDay(new Date(start - 1).toISOString(), zone), `${zone} before ${day}`).not.toBe(day);
      }
    }
  });
});
