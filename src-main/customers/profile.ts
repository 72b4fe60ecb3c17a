/**
 * A customer's tastes as the copilot may use them: sizes per size domain, colours, brands,
 * categories and price band — derived from order history with evidence ("M in 7 of 9 tops") and
 * merged with customer_preferences rows (a confirmed row beats a derived one). The pseudonymous
 * form has no name, email, phone, address or free-text note: it is what an LLM may see.
 */
import type { Sqlite } from '../db/statements';
import { customerConsent, orderCountOfCustomer, preferencesOfCustomer, purchasesOfCustomer } from './queries';

export type SizeDomain = 'tops' | 'womenUk' | 'waist' | 'shoes' | 'kids' | 'kidsShoes' | 'socks' | 'gloves' | 'other';

export interface Preference {
  value: string;
  evidence: string;
  origin: 'derived' | 'confirmed';
}

export interface PurchasedItem {
  sku: string;
  productId: number;
  title: string;
  brand: string | null;
  category: string | null;
  color: string | null;
  size: string | null;
  placedAt: string;
  price: number;
}

export interface CustomerProfile {
  customerId: number;
  /** false = personalisation withheld: nothing below is filled and nothing may be used */
  consent: boolean;
  sizes: Partial<Record<SizeDomain, Preference>>;
  colors: Preference[];
  avoidColors: Preference[];
  brands: Preference[];
  categories: Preference[];
  priceBand: { low: number; high: number; currency: string } | null;
  /** whose clothes they buy, from the gendered items in their history ("women in 7 of 9 gendered items") */
  gender: Preference | null;
  orderCount: number;
  /** most recent first; for "similar to the boots bought in March" (local engine only) */
  purchases: PurchasedItem[];
}

/** What a remote model may see: no identity, no contact details, no notes, no exact order history. */
export interface PseudonymousProfile {
  ref: string;
  consent: boolean;
  sizes: Record<string, { value: string; evidence: string }>;
  preferredColors: string[];
  avoidColors: string[];
  preferredBrands: string[];
  preferredCategories: string[];
  priceBand: { low: number; high: number; currency: string } | null;
  orderCount: number;
  recentCategories: string[];
}

export function sizeDomainOf(size: string, category: string | null): SizeDomain {
  const s = size.trim().toUpperCase();
  const cat = (category ?? '').toLowerCase();
  if (/sock/.test(cat)) return 'socks';
  if (/glove|mitt/.test(cat)) return 'gloves';
  if (/^UK \d+(\.5)?K$/.test(s)) return 'kidsShoes';
  if (/^UK \d+(\.5)?$/.test(s)) return 'shoes';
  if (/^\d+-\d+Y$/.test(s)) return 'kids';
  if (['XXS', 'XS', 'S', 'M', 'L', 'XL', 'XXL', '2XL'].includes(s)) return 'tops';
  if (/^\d+$/.test(s)) return Number(s) >= 24 ? 'waist' : 'womenUk';
  return 'other';
}

const DOMAIN_WORDS: Record<SizeDomain, string> = {
  tops: 'tops',
  womenUk: "women's clothing",
  waist: 'trousers',
  shoes: 'shoes',
  kids: "kids' clothing",
  kidsShoes: "kids' shoes",
  socks: 'socks',
  gloves: 'gloves',
  other: 'items',
};

/** One purchased order line as read for the profile (the price paid is unitPrice, per unit). */
interface Line extends Omit<PurchasedItem, 'price'> {
  gender: string | null;
  unitPrice: number;
  quantity: number;
  currency: string;
}

function topCounts(values: (string | null)[], min: number, noun: string, limit = 3): Preference[] {
  const counts = new Map<string, number>();
  for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  const total = values.filter(Boolean).length;
  return [...counts.entries()]
    .filter(([, n]) => n >= min)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([value, n]) => ({ value, evidence: `${value} in ${n} of ${total} ${noun}`, origin: 'derived' as const }));
}

export function loadCustomerProfile(sqlite: Sqlite, customerId: number): CustomerProfile | null {
  const c = customerConsent(sqlite, customerId);
  if (!c) return null;
  const empty: CustomerProfile = {
    customerId,
    consent: !!c.consent,
    sizes: {},
    colors: [],
    avoidColors: [],
    brands: [],
    categories: [],
    priceBand: null,
    gender: null,
    orderCount: 0,
    purchases: [],
  };
  if (!c.consent) return empty;

  const lines: Line[] = purchasesOfCustomer(sqlite, customerId);
  const orderCount = orderCountOfCustomer(sqlite, customerId);

  const byDomain = new Map<SizeDomain, string[]>();
  for (const l of lines) {
    if (!l.size) continue;
    const d = sizeDomainOf(l.size, l.category);
    if (d === 'other') continue;
    let list = byDomain.get(d);
    if (!list) byDomain.set(d, (list = []));
    list.push(l.size);
  }
  const sizes: CustomerProfile['sizes'] = {};
  for (const [d, list] of byDomain) {
    const top = topCounts(list, 1, DOMAIN_WORDS[d], 1)[0];
    // one purchase is a hint, not a size: ask rather than assume
    if (top && (list.length >= 2 ? Number(top.evidence.split(' in ')[1]!.split(' of ')[0]) / list.length >= 0.5 : true))
      sizes[d] = top;
  }
  const prices = lines.map((l) => l.unitPrice).sort((a, b) => a - b);
  const profile: CustomerProfile = {
    ...empty,
    sizes,
    colors: topCounts(
      lines.map((l) => l.color),
      2,
      'items',
    ),
    brands: topCounts(
      lines.map((l) => l.brand),
      2,
      'items',
    ),
    categories: topCounts(
      lines.map((l) => l.category),
      1,
      'items',
      5,
    ),
    priceBand: prices.length
      ? {
          low: prices[Math.floor(prices.length * 0.2)]!,
          high: prices[Math.min(prices.length - 1, Math.floor(prices.length * 0.8))]!,
          currency: lines[0]!.currency,
        }
      : null,
    gender: (() => {
      const gendered = lines.map((l) => l.gender).filter((g): g is string => g === 'women' || g === 'men');
      const top = topCounts(gendered, 2, 'gendered items', 1)[0];
      // a clear majority only: couples buy for each other
      return top && Number(top.evidence.split(' in ')[1]!.split(' of ')[0]) / gendered.length >= 0.7 ? top : null;
    })(),
    orderCount,
    purchases: lines.slice(0, 50).map((l) => ({
      sku: l.sku,
      productId: l.productId,
      title: l.title,
      brand: l.brand,
      category: l.category,
      color: l.color,
      size: l.size,
      placedAt: l.placedAt,
      price: l.unitPrice,
    })),
  };

  // Associate-confirmed preferences win over what history suggests.
  const prefs = preferencesOfCustomer(sqlite, customerId);
  for (const p of prefs) {
    const pref: Preference = {
      value: p.value,
      evidence: p.evidence ?? (p.origin === 'confirmed' ? 'confirmed by an associate' : 'from history'),
      origin: p.origin === 'confirmed' ? 'confirmed' : 'derived',
    };
    const put = (list: Preference[]) => {
      const i = list.findIndex((x) => x.value.toLowerCase() === p.value.toLowerCase());
      if (i >= 0) list.splice(i, 1);
      if (pref.origin === 'confirmed') list.unshift(pref);
      else list.push(pref);
    };
    switch (p.kind) {
      case 'size': {
        const d = (p.scope || sizeDomainOf(p.value, null)) as SizeDomain;
        if (!profile.sizes[d] || pref.origin === 'confirmed' || profile.sizes[d].origin !== 'confirmed')
          profile.sizes[d] = pref;
        break;
      }
      case 'color':
        put(profile.colors);
        profile.avoidColors = profile.avoidColors.filter((x) => x.value.toLowerCase() !== p.value.toLowerCase());
        break;
      case 'avoid_color':
        put(profile.avoidColors);
        profile.colors = profile.colors.filter((x) => x.value.toLowerCase() !== p.value.toLowerCase());
        break;
      case 'brand':
        put(profile.brands);
        break;
      case 'category':
        put(profile.categories);
        break;
      default:
        break;
    }
  }
  return profile;
}

/** A stable reference that is not the customer's id or any of their details. */
export function pseudonymFor(customerId: number, salt: string): string {
  let h = 2166136261;
  const s = `${salt}:${customerId}`;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return `cust-${(h >>> 0).toString(36)}`;
}

export function pseudonymousProfile(profile: CustomerProfile, ref: string): PseudonymousProfile {
  const sizes: PseudonymousProfile['sizes'] = {};
  for (const [d, p] of Object.entries(profile.sizes)) if (p) sizes[d] = { value: p.value, evidence: p.evidence };
  return {
    ref,
    consent: profile.consent,
    sizes,
    preferredColors: profile.colors.map((c) => c.value),
    avoidColors: profile.avoidColors.map((c) => c.value),
    preferredBrands: profile.brands.map((b) => b.value),
    preferredCategories: profile.categories.map((c) => c.value),
    priceBand: profile.priceBand,
    orderCount: profile.orderCount,
    recentCategories: [
      ...new Set(
        profile.purchases
          .slice(0, 10)
          .map((p) => p.category)
          .filter((x): x is string => !!x),
      ),
    ],
  };
}
