/** A wedge scanner's keystrokes are a scan; a person typing the same characters is not. */
import { describe, expect, it } from 'vitest';
import { looksLikeGtin, WedgeReader } from '../../../src-renderer/src/features/scan/wedge';

function typeAt(reader: WedgeReader, text: string, gapMs: number, start = 1000): (string | null)[] {
  const out: (string | null)[] = [];
  let t = start;
  for (const ch of [...text, 'Enter']) {
    out.push(reader.push(ch, t));
    t += gapMs;
  }
  return out;
}

describe('WedgeReader', () => {
  it('reads a code typed 5 ms apart and ended by Enter as a scan', () => {
    const r = new WedgeReader();
    expect(typeAt(r, '5034626510716', 5).at(-1)).toBe('5034626510716');
  });

  it('a first character slowed by the page redrawing still starts the scan', () => {
    const r = new WedgeReader();
    r.push('5', 1000);
    let t = 1180;
    for (const ch of '034626510716') r.push(ch, (t += 5));
    expect(r.push('Enter', t + 5)).toBe('5034626510716');
  });

  it('a busy page stretching a few gaps past 50 ms does not break a scan (the mean is what counts)', () => {
    const gaps = [26, 24, 13, 15, 20, 18, 12, 19, 14, 89, 12, 65, 45];
    const r = new WedgeReader();
    let t = 4332;
    [...'5034792748975'].forEach((ch, i) => r.push(ch, i === 0 ? t : (t += gaps[i - 1] ?? 0)));
    expect(r.push('Enter', t + (gaps[12] ?? 0))).toBe('5034792748975');
  });

  it('words typed by a machine (a test, a text expander) are words, not a code: spaces and commas never scan', () => {
    const r = new WedgeReader();
    expect(typeAt(r, 'man, size L', 1).at(-1)).toBeNull();
  });

  it('a fast typist (90 ms a key) is still a person', () => {
    const r = new WedgeReader();
    expect(typeAt(r, '50346265', 90).every((x) => x === null)).toBe(true);
  });

  it('leaves a person typing (120 ms apart) alone, even when they type digits and press Enter', () => {
    const r = new WedgeReader();
    expect(typeAt(r, '5034626510716', 120).every((x) => x === null)).toBe(true);
  });

  it('does not take a slow start plus a fast tail for a scan shorter than a code', () => {
    const r = new WedgeReader();
    expect(typeAt(r, 'abc', 5).at(-1)).toBeNull();
  });

  it('a pause before Enter (the person pressed it) is not a scan', () => {
    const r2 = new WedgeReader();
    let t = 0;
    for (const ch of 'AO-NWD-1144') r2.push(ch, (t += 5));
    expect(r2.push('Enter', t + 400)).toBeNull();
  });

  it('capitals in a SKU (Shift between characters) still scan; Backspace breaks the burst', () => {
    const r = new WedgeReader();
    let t = 0;
    for (const ch of 'AO-NWD') {
      r.push('Shift', (t += 2));
      r.push(ch, (t += 3));
    }
    expect(r.push('Enter', (t += 4))).toBe('AO-NWD');
    for (const ch of '1234') r.push(ch, (t += 4));
    r.push('Backspace', (t += 4));
    for (const ch of '56') r.push(ch, (t += 4));
    expect(r.push('Enter', (t += 4))).toBeNull();
  });
});

describe('looksLikeGtin', () => {
  it('accepts GTIN-8/12/13/14 and nothing else', () => {
    expect(['12345670', '036000291452', '5034626510716', '05034626510716'].every(looksLikeGtin)).toBe(true);
    expect(['1234', '123456789', 'a5034626510716', 'size 10'].some(looksLikeGtin)).toBe(false);
  });
});
