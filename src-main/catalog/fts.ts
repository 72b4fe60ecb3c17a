/**
 * Turning what a person types into an FTS5 query. Every word becomes a quoted prefix term, so
 * punctuation, quotes and FTS operators in the input can never break the query or change its meaning.
 */
export function ftsQuery(text: string, mode: 'all' | 'any' = 'all'): string | null {
  const words = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
  if (!words.length) return null;
  return words.map((w) => `"${w}"*`).join(mode === 'all' ? ' AND ' : ' OR ');
}
