/**
 * Money is integer minor units beside its own ISO 4217 currency; this turns it into text for people,
 * always with the price's own currency (a US$159 item never reads £159.00). `locale` is the store's
 * (configuration `store.locale`); the renderer passes it through `src-renderer/src/lib/format.ts`.
 */
const formatters = new Map<string, Intl.NumberFormat>();

export const DEFAULT_LOCALE = 'en-GB';

export function formatMoney(minor: number, currency: string, locale: string = DEFAULT_LOCALE): string {
  const key = `${locale}|${currency}`;
  let f = formatters.get(key);
  if (!f) {
    try {
      f = new Intl.NumberFormat(locale, { style: 'currency', currency });
    } catch {
      f = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    }
    formatters.set(key, f);
  }
  const digits = f.resolvedOptions().maximumFractionDigits ?? 2;
  return f.format(minor / 10 ** digits);
}

/** Whether a string is a well-formed BCP 47 language tag ("en-GB", "de-CH", "fr"). */
export function isLocaleTag(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}
