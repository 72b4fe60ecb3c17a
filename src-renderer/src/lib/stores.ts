/**
 * Short store names for narrow columns: drop the leading words every store name shares
 * ("Aisle Outdoor Edinburgh", "Aisle Outdoor Glasgow" → "Edinburgh", "Glasgow"). Pure.
 */
export function shortStoreNames(names: string[]): string[] {
  if (names.length < 2) return names;
  const split = names.map((n) => n.trim().split(/\s+/));
  let shared = 0;
  for (;;) {
    const w = split[0]![shared];
    if (w === undefined || !split.every((s) => s.length > shared + 1 && s[shared] === w)) break;
    shared++;
  }
  return split.map((s) => s.slice(shared).join(' '));
}
