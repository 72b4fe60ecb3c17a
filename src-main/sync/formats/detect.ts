/** Recognising which export a header belongs to, so "wrong format for the command" can say which one it is. */
import { UnusableFileError } from '../input';

export type ImportFormat =
  'gmc' | 'shopify-products' | 'shopify-inventory' | 'shopify-customers' | 'shopify-orders' | 'transactions';
export const IMPORT_FORMATS: ImportFormat[] = [
  'gmc',
  'shopify-products',
  'shopify-inventory',
  'shopify-customers',
  'shopify-orders',
  'transactions',
];

/** Normalized header names → the format they most likely belong to, or null. */
export function guessFormatFromHeader(names: string[]): ImportFormat | null {
  const has = (n: string) => names.includes(n);
  if (has('invoiceno') && has('stockcode')) return 'transactions';
  if (has('customer_id') && has('item_id')) return 'transactions';
  if (has('lineitem name') || has('lineitem quantity')) return 'shopify-orders';
  if ((has('accepts email marketing') || has('accepts marketing')) && has('first name')) return 'shopify-customers';
  if (
    (has('handle') || has('url handle')) &&
    (has('variant price') || has('price') || has('body (html)') || has('description'))
  )
    return 'shopify-products';
  if (has('handle') && has('sku') && (has('location') || has('coo') || has('hs code'))) return 'shopify-inventory';
  if (has('id') && has('title') && (has('price') || has('availability') || has('g:price'))) return 'gmc';
  return null;
}

export function wrongFormat(
  expected: ImportFormat,
  why: string,
  rawHeader: string[],
  guess: ImportFormat | null,
): UnusableFileError {
  const shown = rawHeader
    .slice(0, 6)
    .map((h) => h.trim())
    .join(', ');
  const hint =
    guess && guess !== expected ? ` It looks like a ${guess} file: try \`aisle import ${guess} <file>\`.` : '';
  return new UnusableFileError(
    `is not a ${expected} file: ${why} (header starts: ${shown}${rawHeader.length > 6 ? ', …' : ''}).${hint}`,
  );
}
