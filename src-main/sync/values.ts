/** Tolerant value parsers for what real exports contain (prices, enums, dates, HTML, identifiers). */

export interface Money {
  /** integer minor units */
  amount: number;
  currency: string | null;
}

/** Currencies whose minor unit is not 1/100. */
const MINOR_DIGITS: Record<string, number> = {
  JPY: 0,
  KRW: 0,
  ISK: 0,
  CLP: 0,
  VND: 0,
  HUF: 2,
  BHD: 3,
  KWD: 3,
  OMR: 3,
  TND: 3,
  JOD: 3,
};
export const minorDigits = (currency: string | null | undefined): number =>
  currency ? (MINOR_DIGITS[currency] ?? 2) : 2;

/**
 * "15.00 USD", "USD 15", "99,99 SEK", "1.144.000 SEK", "10 000.00 SEK", "12490" → minor units.
 * Returns null when no number can be read.
 */
export function parsePrice(raw: string, defaultCurrency: string | null = null): Money | null {
  let s = raw.trim();
  if (!s) return null;
  let currency: string | null = null;
  const code = s.match(/(?:^|\s)([A-Za-z]{3})(?:\s|$)/);
  if (code) {
    currency = code[1]!.toUpperCase();
    s = s.replace(code[0], ' ').trim();
  }
  s = s.replace(/[\s\u00a0']/g, '').replace(/^[$€£¥]|[$€£¥]$/g, '');
  if (!/^-?[\d.,]+$/.test(s)) return null;
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  let normalized: string;
  if (lastDot >= 0 && lastComma >= 0) {
    // the later separator is the decimal one
    normalized = lastDot > lastComma ? s.replace(/,/g, '') : s.replace(/\./g, '').replace(',', '.');
  } else if (lastComma >= 0) {
    const parts = s.split(',');
    normalized = parts.length === 2 && parts[1]!.length !== 3 ? s.replace(',', '.') : s.replace(/,/g, '');
  } else if (lastDot >= 0) {
    const parts = s.split('.');
    // "1.144.000" is thousands grouping; "15.00" and "2.5" are decimals
    normalized = parts.length > 2 ? s.replace(/\./g, '') : s;
  } else normalized = s;
  const n = Number(normalized);
  if (!Number.isFinite(n)) return null;
  const cur = currency ?? defaultCurrency;
  return { amount: Math.round(n * 10 ** minorDigits(cur)), currency: cur };
}

/** Decimal string (no currency) to minor units; null if not a number. */
export function decimalToMinor(raw: string, currency: string | null): number | null {
  const s = raw.trim();
  if (!s) return null;
  const n = Number(s.replace(',', '.'));
  if (!Number.isFinite(n)) return null;
  return Math.round(n * 10 ** minorDigits(currency));
}

const AVAILABILITY: Record<string, string> = {
  in_stock: 'in_stock',
  instock: 'in_stock',
  available: 'in_stock',
  out_of_stock: 'out_of_stock',
  outofstock: 'out_of_stock',
  sold_out: 'out_of_stock',
  preorder: 'preorder',
  pre_order: 'preorder',
  backorder: 'backorder',
  available_for_order: 'backorder',
};

/** in stock / IN_STOCK / https://schema.org/InStock → in_stock; unknown words → null (caller keeps raw). */
export function normalizeAvailability(raw: string): string | null {
  const key = raw
    .trim()
    .replace(/^https?:\/\/schema\.org\//i, '')
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  return AVAILABILITY[key] ?? null;
}

export function parseBool(raw: string): boolean | null {
  const s = raw.trim().toLowerCase();
  if (['true', 'yes', 'y', '1'].includes(s)) return true;
  if (['false', 'no', 'n', '0'].includes(s)) return false;
  return null;
}

export function normalizeGender(raw: string): string | null {
  const s = raw.trim().toLowerCase();
  if (!s) return null;
  if (['female', 'women', 'womens', "women's", 'woman', 'ladies'].includes(s)) return 'women';
  if (['male', 'men', 'mens', "men's", 'man'].includes(s)) return 'men';
  if (s === 'unisex') return 'unisex';
  if (['kids', 'kid', 'children', 'boys', 'girls'].includes(s)) return 'kids';
  return s;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** A plain-text copy of an HTML description, for search and for reading aloud. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|h[1-6]|tr|dd|dt)>/gi, '\n')
    .replace(/<li[^>]*>/gi, '• ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(#x?[0-9a-f]+|[a-z]+);/gi, (m, e: string) => {
      if (e[0] === '#') {
        const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return Number.isFinite(code) ? String.fromCodePoint(code) : m;
      }
      return ENTITIES[e.toLowerCase()] ?? m;
    })
    .replace(/[\u00a0\u2028\u2029]/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .replace(/ *\n[\s]*/g, '\n')
    .trim();
}

export const looksLikeHtml = (s: string): boolean => /<\/?[a-z][^>]*>/i.test(s);

/** "Home > Women > Dresses" → ["Home","Women","Dresses"] */
export function categorySegments(path: string): string[] {
  return path
    .split('>')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Excel's damage to long numbers: 3.65275E+11. The digits are gone; we can only warn. */
export const isScientific = (s: string): boolean => /^\d(\.\d+)?E\+\d+$/i.test(s.trim());

/** Strip the Excel "'" text guard (only call on columns that are numeric identifiers). */
export const stripGuard = (s: string): string => s.trim().replace(/^'/, '');

export function slug(s: string): string {
  const out = s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return out || 'location';
}

/**
 * Timestamps as exports write them → ISO UTC. "2018-01-04 15:51:23 -0800", "2011-12-09 12:50:00"
 * (no zone: taken as UTC), "2021-03-21", ISO with Z or offset, and day-first "04/01/2018 15:51" when
 * dayFirst is set. Returns null when unreadable.
 */
export function parseTimestamp(raw: string, opts: { dayFirst?: boolean } = {}): string | null {
  const s = raw.trim();
  if (!s) return null;
  let m = s.match(
    /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i,
  );
  if (m) {
    const [, y, mo, d, h = '0', mi = '0', sec = '0', frac = '0', zone] = m;
    let ms = Date.UTC(+y!, +mo! - 1, +d!, +h, +mi, +sec, Math.round(Number('0.' + frac) * 1000));
    if (zone && zone.toUpperCase() !== 'Z') {
      const z = zone.replace(':', '');
      const sign = z[0] === '-' ? -1 : 1;
      ms -= sign * (Number(z.slice(1, 3)) * 60 + Number(z.slice(3, 5))) * 60_000;
    }
    const date = new Date(ms);
    return Number.isNaN(date.getTime()) ? null : date.toISOString();
  }
  m = s.match(/^(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/);
  if (m) {
    const [, a, b, y, h = '0', mi = '0', sec = '0'] = m;
    const [day, month] = opts.dayFirst ? [+a!, +b!] : [+b!, +a!];
    if (month < 1 || month > 12 || day < 1 || day > 31) return null;
    return new Date(Date.UTC(+y!, month - 1, day, +h, +mi, +sec)).toISOString();
  }
  return null;
}
