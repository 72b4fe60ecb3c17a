/**
 * Every price, number and date on screen is written here, in the store's locale (configuration
 * `store.locale`, handed over by `app.status`; AppFrame sets it before the page renders). Prices keep
 * their own currency: a US$159 item reads "US$159.00" in an en-GB store, never "£159.00".
 */
import { DEFAULT_LOCALE, formatMoney as formatMoneyIn } from '../../../src-main/contract/money';

let storeLocale = DEFAULT_LOCALE;

/** Called by AppFrame with `app.status.locale`; returns the locale now in use. */
export function setStoreLocale(locale: string | undefined): string {
  if (locale) storeLocale = locale;
  return storeLocale;
}

export function currentLocale(): string {
  return storeLocale;
}

export function formatMoney(minor: number, currency: string): string {
  return formatMoneyIn(minor, currency, storeLocale);
}

export function formatNumber(n: number, fractionDigits?: number): string {
  const digits =
    fractionDigits === undefined
      ? undefined
      : { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits };
  return n.toLocaleString(storeLocale, digits);
}

/** "1 unit", "2 units", "1 rating" — a count with its noun, in the store's number format. */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${formatNumber(n)} ${n === 1 ? singular : plural}`;
}

/** A date and time for a record ("Wed 25 Nov 2026, 14:05" in en-GB). */
export function formatDateTime(iso: string | null): string {
  if (!iso) return 'never';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return 'unknown';
  return d.toLocaleString(storeLocale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** A calendar day given as "2026-11-25" (no time zone shift), e.g. "25 Nov" or "Nov 25". */
export function formatDay(isoDay: string, withYear = false): string {
  const d = new Date(`${isoDay}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return isoDay;
  const year = withYear ? { year: 'numeric' as const } : {};
  return d.toLocaleDateString(storeLocale, { day: 'numeric', month: 'short', ...year, timeZone: 'UTC' });
}
