/**
 * Contact details inside free text: e-mail addresses and phone numbers in the ways people write
 * them (+44 7700 900123, +1 (555) 123-4567, 0049 30 1234567, 07700900123, 555.123.4567) become
 * [email] / [phone]. Used by the log redaction (app/logger.ts) and before text goes to a remote
 * model (copilot/llm/fence.ts).
 *
 * What must survive is what logs and chats are full of and a loose "digits and dashes" pattern
 * ate (issue #16: ISO dates came out as `[phone]T00:00:00`): ISO dates and times with offsets,
 * day/month/year dates, clock times, IPv4 addresses, decimal numbers and plain digit runs such as
 * GTINs, ids and epoch milliseconds. Those are matched first, at the same position, and kept.
 */

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;

// Kept as written: listed in the order they are tried at a position.
const KEEP = [
  // 2024-03-01, 2024-03-01T09:41:00.000Z, 2024-03-01 09:41:00+01:00, 20240301T094100Z
  String.raw`\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?`,
  String.raw`\d{8}T\d{4,6}(?:Z|[+-]\d{4})?`,
  // 01/03/2024, 1.3.2024, 01-03-2024, 2024.03.01, 2024/03/01
  String.raw`\d{1,2}[./-]\d{1,2}[./-]\d{4}`,
  String.raw`\d{4}[./]\d{1,2}[./]\d{1,2}`,
  // 09:41, 09:41:00.123
  String.raw`\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?`,
  // 127.0.0.1, 10.0.12.7:8123
  String.raw`\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?`,
].join('|');

// A phone candidate: an optional + or 00 and an optional opening bracket, then digits in groups
// separated by single spaces, dots, dashes or brackets.
const CANDIDATE = String.raw`(?:\+|\b00)?\(?\d+(?:(?:[ .-]|\) ?|[ .-]?\()\d+)*\)?`;

const SCAN = new RegExp(`(?<![\\p{L}\\p{N}_+])(?:(${KEEP})|(${CANDIDATE}))(?![\\p{L}\\p{N}_])`, 'gu');

function isPhone(m: string): boolean {
  const digits = m.replace(/\D/g, '');
  const international = m.startsWith('+') || m.startsWith('00');
  const n = m.startsWith('00') ? digits.length - 2 : digits.length;
  if (n < 7 || n > 15) return false; // E.164 allows at most 15
  const separated = /[ .()-]/.test(m);
  if (!separated) {
    // a bare run: GTINs, ids and timestamps look the same, so only a written + or 00, or a national
    // trunk 0 with a phone's length (07700900123, 0201234567), counts
    return international || (/^0[1-9]/.test(digits) && n >= 10 && n <= 11);
  }
  // 1234.56 or 1234567.5: a decimal number, not a phone
  if (/^\d+[.]\d{1,2}$/.test(m)) return false;
  return true;
}

/** Replaces e-mail addresses with [email] and phone numbers with [phone]; dates, times and numbers stay. */
export function redactContacts(text: string): string {
  return text
    .replace(EMAIL, '[email]')
    .replace(SCAN, (m: string, keep: string | undefined) => (keep !== undefined || !isPhone(m) ? m : '[phone]'));
}
