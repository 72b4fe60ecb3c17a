/**
 * Pure helpers for the customer screens: how preferences group and read, what a search hit shows.
 * Kept free of React so tests/unit/renderer can check them directly.
 */
import type { CustomerProfileView, CustomerSummary } from '../../../../src-main/contract';

export type PreferenceView = CustomerProfileView['preferences'][number];

const SCOPE_LABELS: Record<string, string> = {
  tops: 'Tops',
  womenUk: "Women's clothing (UK)",
  waist: 'Trousers (waist)',
  shoes: 'Shoes',
  kids: "Kids' clothing",
  kidsShoes: "Kids' shoes",
  socks: 'Socks',
  gloves: 'Gloves',
  other: 'Other',
};

const KIND_LABELS: Record<PreferenceView['kind'], string> = {
  size: 'Size',
  color: 'Likes colour',
  avoid_color: 'Avoids colour',
  brand: 'Brand',
  category: 'Buys',
};

/** "Tops", "Shoes", "Women's clothing (UK)"; unknown scopes are shown as written. */
export function scopeLabel(scope: string): string {
  return SCOPE_LABELS[scope] ?? (scope ? scope.charAt(0).toUpperCase() + scope.slice(1) : '');
}

/** What a preference is about, in words: "Size · Tops", "Brand", "Avoids colour". */
export function preferenceLabel(p: Pick<PreferenceView, 'kind' | 'scope'>): string {
  const kind = KIND_LABELS[p.kind];
  return p.kind === 'size' && p.scope ? `${kind} · ${scopeLabel(p.scope)}` : kind;
}

/** Sizes first (what an associate checks first), then likes, avoids, brands, categories. */
export function groupPreferences(prefs: PreferenceView[]): { sizes: PreferenceView[]; tastes: PreferenceView[] } {
  const order: PreferenceView['kind'][] = ['color', 'avoid_color', 'brand', 'category'];
  return {
    sizes: prefs.filter((p) => p.kind === 'size'),
    tastes: prefs.filter((p) => p.kind !== 'size').sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind)),
  };
}

/** A stable key for one preference slot (a confirmed value replaces the derived one in the same slot). */
export function preferenceKey(p: Pick<PreferenceView, 'kind' | 'scope' | 'value'>): string {
  // sizes are one per scope; tastes can have several values of the same kind
  return p.kind === 'size' ? `size:${p.scope}` : `${p.kind}:${p.scope}:${p.value}`;
}

/** The one line under a search hit: the field that matched first, then the rest that helps tell people apart. */
export function customerSubtitle(c: CustomerSummary, opts: { hideContacts: boolean }): string {
  const parts: string[] = [];
  if (!opts.hideContacts) {
    const byMatch: Record<string, string | null> = {
      email: c.email,
      phone: c.phone,
      loyalty: c.loyaltyId ? `Loyalty ${c.loyaltyId}` : null,
    };
    const first = byMatch[c.matched];
    if (first) parts.push(first);
    for (const v of [c.email, c.phone, c.loyaltyId ? `Loyalty ${c.loyaltyId}` : null])
      if (v && !parts.includes(v)) parts.push(v);
  }
  if (c.city) parts.push(c.city);
  return parts.slice(0, 3).join(' · ');
}

/** Initials for an avatar: "Louise Kowalski" → "LK". */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (!words.length) return '?';
  const first = words[0]![0] ?? '';
  const last = words.length > 1 ? (words[words.length - 1]![0] ?? '') : '';
  return (first + last).toUpperCase();
}
