/**
 * Telling a barcode scanner from a person typing. USB and Bluetooth scanners act as a keyboard (a
 * "wedge"): they type the code's characters a few milliseconds apart and end with Enter. People type
 * 100 ms or more apart. A burst of at least MIN_LENGTH printable keys ended by Enter is a scan when its
 * keys came MEAN_GAP_MS apart or faster on average — no person keeps that up over a whole code. One
 * slower gap (a busy page drawing the first characters) does not break the burst; a pause of
 * MAX_GAP_MS does, and so does any other key (arrows, Backspace).
 */
export const MEAN_GAP_MS = 50;
/** the longest hiccup inside a scan; the first gap may be longer still (MAX_FIRST_GAP_MS) */
export const MAX_GAP_MS = 150;
/** the first character lands in a text box and the page redraws before the second arrives */
export const MAX_FIRST_GAP_MS = 300;
export const MIN_LENGTH = 6;
/** what GTINs and SKUs are made of: a space or a comma means words, however fast they came */
const CODE = /^[A-Za-z0-9._/-]+$/;

export class WedgeReader {
  private chars: string[] = [];
  private last = -Infinity;
  /** when the burst's second character came: the mean gap is measured from there */
  private secondAt = 0;

  /**
   * Feed every keydown (its `key` and time in ms). Returns the scanned code when this key is the Enter
   * ending a scan, otherwise null.
   */
  push(key: string, at: number): string | null {
    const gap = at - this.last;
    if (key === 'Shift') return null; // capitals inside a scan
    this.last = at;
    if (key === 'Enter') {
      const n = this.chars.length;
      const mean = n >= 2 ? (at - this.secondAt) / (n - 1) : Infinity;
      const text = this.chars.join('');
      const code = n >= MIN_LENGTH && gap < MAX_GAP_MS && mean <= MEAN_GAP_MS && CODE.test(text) ? text : null;
      this.chars = [];
      return code;
    }
    if (key.length !== 1) {
      this.chars = [];
      return null;
    }
    const limit = this.chars.length === 1 ? MAX_FIRST_GAP_MS : MAX_GAP_MS;
    if (gap >= limit) this.chars = [];
    this.chars.push(key);
    if (this.chars.length === 2) this.secondAt = at;
    return null;
  }
}

/** A GTIN (8, 12, 13 or 14 digits) typed by hand into the chat or a search box means "look this up". */
export function looksLikeGtin(text: string): boolean {
  return /^\d{8}$|^\d{12,14}$/.test(text.trim());
}
