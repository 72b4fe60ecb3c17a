/**
 * The catalog's own words (categories, brands, colours, sizes) read from the database, joined with
 * the data-only lexicon (lexicon.json) into phrase matchers. Built once per catalog version: the
 * version is the product/variant count plus the newest update time, so a sync makes the next turn
 * rebuild it.
 */
import type Database from 'better-sqlite3';
import lexiconJson from './lexicon.json';

export interface Lexicon {
  categories: Record<string, string[]>;
  uses: Record<string, string[]>;
  useCategories: Record<string, string[]>;
  features: Record<string, string[]>;
  featureNeedsSearch: string[];
  colourFamilies: Record<string, string[]>;
  colourNegations: string[];
  gender: Record<'women' | 'men' | 'kids', string[]>;
  genderPronouns: Record<'women' | 'men', string[]>;
  otherPerson: string[];
  cheap: string[];
  premium: string[];
  anyStock: string[];
  complements: Record<string, string[]>;
  vagueWords: string[];
}

export const LEXICON = lexiconJson as unknown as Lexicon;

export type SizeSystem =
  'letter' | 'shoe' | 'kidsShoe' | 'womenUk' | 'waist' | 'kidsAge' | 'litres' | 'persons' | 'length' | 'other';

export interface CategoryInfo {
  name: string;
  path: string | null;
  /** size systems this category's variants use, most common first */
  sizeSystems: SizeSystem[];
  sizes: Set<string>;
  footwear: boolean;
  /** price quantiles of the active variants (minor units), for "cheap" and "premium" */
  p35: number;
  p65: number;
  products: number;
}

/** A phrase that, found in the message, means something: [phrase, meaning]. Longest phrases first. */
export type PhraseTable<T> = { phrase: string; value: T }[];

export interface Vocabulary {
  version: string;
  categories: Map<string, CategoryInfo>;
  categoryPhrases: PhraseTable<string>;
  brands: string[];
  brandPhrases: PhraseTable<string>;
  colours: string[];
  colourPhrases: PhraseTable<string[]>;
  sizes: Set<string>;
  currency: string;
  lexicon: Lexicon;
}

const LETTERS = new Set(['XXS', 'XS', 'S', 'M', 'L', 'XL', 'XXL', '2XL', '3XL']);

export function sizeSystemOf(size: string): SizeSystem {
  const s = size.trim().toUpperCase();
  if (LETTERS.has(s)) return 'letter';
  if (/^UK \d+(\.5)?K$/.test(s)) return 'kidsShoe';
  if (/^UK \d+(\.5)?$/.test(s)) return 'shoe';
  if (/^\d+-\d+Y$/.test(s)) return 'kidsAge';
  if (/^\d+(\.\d+)?L$/.test(s)) return 'litres';
  if (/^\d+ PERSON$/.test(s)) return 'persons';
  if (s === 'REGULAR' || s === 'LONG' || s === 'SHORT') return 'length';
  if (/^\d+$/.test(s)) {
    const n = Number(s);
    if (n >= 24 && n <= 44) return 'waist';
    if (n >= 4 && n <= 22 && n % 2 === 0) return 'womenUk';
  }
  return 'other';
}

function singular(word: string): string {
  if (/ies$/.test(word)) return word.replace(/ies$/, 'y');
  if (/(ches|shes|sses|xes)$/.test(word)) return word.replace(/es$/, '');
  if (/s$/.test(word) && !/ss$/.test(word)) return word.replace(/s$/, '');
  return word;
}

function byLength<T>(t: PhraseTable<T>): PhraseTable<T> {
  return t.sort((a, b) => b.phrase.length - a.phrase.length);
}

function quantile(sorted: number[], q: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

import { catalogVersion } from '../catalog/version';
import { mainCurrency } from '../catalog/queries';
import { activeBrands, activeColours, categoryPrices, categoryProductCounts, categorySizes } from './queries';

export { catalogVersion };

export function loadVocabulary(sqlite: Database.Database, lexicon: Lexicon = LEXICON): Vocabulary {
  const version = catalogVersion(sqlite);
  const rows = categorySizes(sqlite);
  const prices = categoryPrices(sqlite);
  const productCounts = categoryProductCounts(sqlite);

  const categories = new Map<string, CategoryInfo>();
  const systemCounts = new Map<string, Map<SizeSystem, number>>();
  for (const r of rows) {
    let c = categories.get(r.category);
    if (!c) {
      c = {
        name: r.category,
        path: r.path,
        sizeSystems: [],
        sizes: new Set(),
        footwear: false,
        p35: 0,
        p65: 0,
        products: 0,
      };
      categories.set(r.category, c);
      systemCounts.set(r.category, new Map());
    }
    if (r.size) {
      c.sizes.add(r.size);
      const sys = sizeSystemOf(r.size);
      const m = systemCounts.get(r.category)!;
      m.set(sys, (m.get(sys) ?? 0) + r.n);
    }
  }
  for (const [name, c] of categories) {
    c.sizeSystems = [...systemCounts.get(name)!.entries()].sort((a, b) => b[1] - a[1]).map(([s]) => s);
    c.footwear = c.sizeSystems.includes('shoe') || /footwear|shoe|boot/i.test(c.path ?? name);
  }
  const byCat = new Map<string, number[]>();
  for (const p of prices) {
    let l = byCat.get(p.category);
    if (!l) byCat.set(p.category, (l = []));
    l.push(p.price);
  }
  for (const [name, list] of byCat) {
    const c = categories.get(name);
    if (!c) continue;
    c.p35 = quantile(list, 0.35);
    c.p65 = quantile(list, 0.65);
  }
  for (const pc of productCounts) {
    const c = categories.get(pc.category);
    if (c) c.products = pc.n;
  }

  // Category phrases: the catalog's own names (and their singulars) plus the lexicon's synonyms.
  const categoryPhrases: PhraseTable<string> = [];
  const lowerToName = new Map([...categories.keys()].map((n) => [n.toLowerCase(), n]));
  for (const name of categories.keys()) {
    const lower = name.toLowerCase();
    categoryPhrases.push({ phrase: lower, value: name });
    const sing = lower
      .split(' ')
      .map((w, i, a) => (i === a.length - 1 ? singular(w) : w))
      .join(' ');
    if (sing !== lower) categoryPhrases.push({ phrase: sing, value: name });
  }
  for (const [name, phrases] of Object.entries(lexicon.categories)) {
    const real = lowerToName.get(name.toLowerCase());
    if (!real) continue;
    for (const p of phrases) categoryPhrases.push({ phrase: p.toLowerCase(), value: real });
  }

  const brands = activeBrands(sqlite);
  const brandPhrases: PhraseTable<string> = [];
  const commonWords = new Set([
    'the',
    'and',
    'outdoor',
    'outdoors',
    'gear',
    'trail',
    'footwear',
    'packs',
    'hill',
    'ridge',
    'peak',
    'mountain',
    'co',
    'company',
  ]);
  for (const b of brands) {
    const lower = b.toLowerCase();
    brandPhrases.push({ phrase: lower, value: b });
    const first = lower.split(/\s+/)[0]!;
    if (first !== lower && first.length >= 4 && !commonWords.has(first)) brandPhrases.push({ phrase: first, value: b });
  }

  const colours = activeColours(sqlite);
  const colourSet = new Set(colours);
  const colourPhrases: PhraseTable<string[]> = colours.map((c) => ({ phrase: c.toLowerCase(), value: [c] }));
  for (const [word, members] of Object.entries(lexicon.colourFamilies)) {
    const present = members.filter((m) => colourSet.has(m));
    // a family word that is also a catalog colour ("blue") widens to the family ("Blue", "Navy", "Sky Blue")
    const existing = colourPhrases.find((p) => p.phrase === word);
    if (existing) existing.value = [...new Set([...existing.value, ...present])];
    else if (present.length) colourPhrases.push({ phrase: word, value: present });
  }
  const currency = mainCurrency(sqlite);

  const sizes = new Set<string>();
  for (const c of categories.values()) for (const s of c.sizes) sizes.add(s);
  return {
    version,
    categories,
    categoryPhrases: byLength(categoryPhrases),
    brands,
    brandPhrases: byLength(brandPhrases),
    colours,
    colourPhrases: byLength(colourPhrases),
    sizes,
    currency: currency ?? 'GBP',
    lexicon,
  };
}
