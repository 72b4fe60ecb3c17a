/**
 * Telling a barcode scanner from a person typing. USB and Bluetooth scanners act as a keyboard (a
 * "wedge"): they type the code's characters a few milliseconds apart and end with Enter. People type
 * 100 ms or more apart. A burst of at least MIN_LENGTH printable keys, each under MAX_GAP_MS after
 * the one before, ended by Enter under MAX_GAP_MS after the last, is a scan; anything else is typing
 * and is left alone.
 */
export const MAX_GAP_MS = 50;
export const MIN_LENGTH = 6;

export class WedgeReader {
  private chars: string[] = [];
  private last = -Infinity;

  /**
   * Feed every keydown (its `key` and time in ms). Returns the scanned code when this key is the Enter
   * ending a scan, otherwise null.
   */
  push(key: string, at: number): string | null {
    const fast = at - this.last < MAX_GAP_MS;
    this.last = at;
    if (key === 'Enter') {
      const code = fast && this.chars.length >= MIN_LENGTH ? this.chars.join('') : null;
      this.chars = [];
      return code;
    }
    if (key.length !== 1) {
      // Shift comes with capitals inside a scan; any other key (arrows, Backspace) is a person
      if (key !== 'Shift') this.chars = [];
      return null;
    }
    if (!fast) this.chars = [];
    this.chars.push(key);
    return null;
  }

  /** how many characters of the current burst were typed (to take them back out of a text box) */
  get pending(): number {
    return this.chars.length;
  }
}

/** A GTIN (8, 12, 13 or 14 digits) typed by hand into the chat or a search box means "look this up". */
export function looksLikeGtin(text: string): boolean {
  return /^\d{8}$|^\d{12,14}$/.test(text.trim());
}
