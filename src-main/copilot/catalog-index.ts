/**
 * The catalog as the copilot reads it, built once per catalog version from SQLite: every sellable
 * product with its own words (title, product_type path, Google category path, description,
 * material), a BM25F index over them, and its variants with typed size facets and colour families.
 * Nothing here is tuned to one retailer: categories, size scales, colours and words all come from
 * the imported data.
 */
import { catalogIndexRows } from './queries';
import type Database from 'better-sqlite3';
import { sizeFacets, type SizeFacets } from './sizes';
import { colourInfo, colourVocabulary, type ColourInfo } from './colours';
import { stem, stems, words, fold, STOPWORDS } from './text';
import { relatedWords } from './wordnet';

export interface IndexedVariant {
  variantId: number;
  sku: string;
  productId: number;
  size: string | null;
  color: string | null;
  material: string | null;
  price: number;
  regular: number;
  currency: string;
  imageUrl: string | null;
  options: string | null;
  facets: SizeFacets;
  colour: ColourInfo | null;
}

export interface IndexedProduct {
  id: number;
  title: string;
  brand: string | null;
  /** the leaf of the product_type path */
  category: string | null;
  path: string[];
  department: string | null;
  googlePath: string[];
  sex: 'women' | 'men' | 'unisex' | null;
  kids: boolean;
  consumable: boolean;
  material: string;
  variants: IndexedVariant[];
  /** weighted term frequencies over all fields */
  tf: Map<string, number>;
  len: number;
  /** stems of the title and type paths: the words that say what the product is */
  kindTerms: Set<string>;
  /** the size scales its variants are sold in ("collar", "letters", "named:king"): a quick "could this size apply" */
  dims: Set<string>;
  /** lower-case title, path, material and description, for "must contain" words */
  plain: string;
  titlePlain: string;
}

const FIELD_WEIGHTS = { title: 3, leaf: 3, path: 1.5, google: 1, description: 1, material: 1.5, brand: 1, tags: 1 };
const K1 = 1.2;
const B = 0.6;

export interface WeightedTerm {
  term: string;
  weight: number;
  /** the word as the customer said it */
  from: string;
}

export class CatalogIndex {
  readonly products: IndexedProduct[] = [];
  readonly byId = new Map<number, IndexedProduct>();
  readonly bySku = new Map<string, { product: IndexedProduct; variant: IndexedVariant }>();
  readonly df = new Map<string, number>();
  /** a stem → the surface words the catalog uses for it */
  readonly surface = new Map<string, Set<string>>();
  readonly avgLen: number;
  /** term → the products that have it and its weighted frequency there (so a query touches only those) */
  readonly postings = new Map<string, { products: IndexedProduct[]; tf: number[] }>();
  /** every colour the catalog sells, once */
  readonly colourInfos: ColourInfo[] = [];
  readonly colourWords: Set<string>;
  readonly namedSizes: string[];
  readonly currency: string;
  readonly known: Set<string>;
  /** words of the catalog's material values ("leather", "wool"): said, they must hold */
  readonly materialWords = new Set<string>();
  /** brand names as the catalog writes them, folded */
  readonly brands = new Map<string, string>();

  constructor(
    readonly version: string,
    sqlite: Database.Database,
  ) {
    const rows = catalogIndexRows(sqlite);

    const currencies = new Map<string, number>();
    const named = new Map<string, number>();
    const colourNames = new Set<string>();
    let current: IndexedProduct | null = null;
    for (const r of rows) {
      if (!current || current.id !== r.id) {
        const attrs = r.attributes ? (JSON.parse(r.attributes) as Record<string, unknown>) : {};
        const path = (r.path ?? r.category ?? '')
          .split('>')
          .map((s) => s.trim())
          .filter(Boolean);
        const googlePath = String(attrs.google_product_category ?? '')
          .split('>')
          .map((s) => s.trim())
          .filter((s) => s && !/^\d+$/.test(s));
        const ageGroup = String(attrs.age_group ?? '').toLowerCase();
        const pathText = fold([...path, r.title].join(' '));
        const kids =
          r.gender === 'kids' ||
          /^(kids|infant|toddler|newborn|child)/.test(ageGroup) ||
          /\b(kids?|kidswear|children|childrens|child|girls|boys|baby|babies|toddler|junior|school uniform|infant)\b/.test(
            fold(path.join(' ')),
          );
        const g = (r.gender ?? '').toLowerCase();
        const sex =
          g === 'women' || g === 'female'
            ? 'women'
            : g === 'men' || g === 'male'
              ? 'men'
              : g === 'unisex'
                ? 'unisex'
                : kids && /\bgirls?\b/.test(pathText)
                  ? 'women'
                  : kids && /\bboys?\b/.test(pathText)
                    ? 'men'
                    : null;
        current = {
          id: r.id,
          title: r.title,
          brand: r.brand,
          category: r.category ?? path[path.length - 1] ?? null,
          path,
          department: path[0] ?? null,
          googlePath,
          sex,
          kids,
          consumable: !!r.consumable,
          material: '',
          variants: [],
          dims: new Set(),
          tf: new Map(),
          len: 0,
          kindTerms: new Set(),
          plain: '',
          titlePlain: fold(r.title),
        };
        const p = current;
        const add = (text: string | null | undefined, w: number, kind = false) => {
          if (!text) return;
          for (const word of words(text)) {
            if (STOPWORDS.has(word) && !kind) continue;
            const s = stem(word);
            p.tf.set(s, (p.tf.get(s) ?? 0) + w);
            p.len += w;
            if (kind) p.kindTerms.add(s);
            let sf = this.surface.get(s);
            if (!sf) this.surface.set(s, (sf = new Set()));
            if (sf.size < 6) sf.add(word);
          }
        };
        // the leaf and title name the product; a shared title colour ("Boots - Tan") is not a kind
        add(r.title.replace(/\s-\s[^-]+$/, ''), FIELD_WEIGHTS.title, true);
        add(path[path.length - 1], FIELD_WEIGHTS.leaf, true);
        add(path.slice(0, -1).join(' '), FIELD_WEIGHTS.path, true);
        add(googlePath.join(' '), FIELD_WEIGHTS.google, true);
        add(r.description, FIELD_WEIGHTS.description);
        add(r.brand, FIELD_WEIGHTS.brand);
        add(r.tags, FIELD_WEIGHTS.tags);
        p.plain = fold([r.title, path.join(' '), googlePath.join(' '), r.description ?? ''].join(' \n '));
        this.products.push(p);
        this.byId.set(p.id, p);
        if (r.brand) this.brands.set(fold(r.brand), r.brand);
      }
      const p = current;
      const facets = sizeFacets(r.size, {
        text: fold([...p.path, p.title].join(' ')),
        title: p.title,
        sizeSystem: null,
        gender: p.sex,
        kids: p.kids,
      });
      if (facets.named) named.set(facets.named, (named.get(facets.named) ?? 0) + 1);
      for (const k of Object.keys(facets)) p.dims.add(k === 'named' ? `named:${facets.named}` : k);
      if (r.color) colourNames.add(r.color);
      if (r.material) for (const w of words(r.material)) if (w.length > 2) this.materialWords.add(w);
      if (r.material && !p.material.toLowerCase().includes(r.material.toLowerCase())) {
        p.material = `${p.material} ${r.material}`.trim();
        for (const w of words(r.material)) {
          const s = stem(w);
          p.tf.set(s, (p.tf.get(s) ?? 0) + FIELD_WEIGHTS.material);
          p.len += FIELD_WEIGHTS.material;
        }
        p.plain += ` ${fold(r.material)}`;
      }
      const v: IndexedVariant = {
        variantId: r.variantId,
        sku: r.sku,
        productId: p.id,
        size: r.size,
        color: r.color,
        material: r.material,
        price: r.price,
        regular: r.regular,
        currency: r.currency,
        imageUrl: r.imageUrl,
        options: r.options,
        facets,
        colour: r.color ? this.colourOf(r.color) : null,
      };
      p.variants.push(v);
      this.bySku.set(v.sku, { product: p, variant: v });
      currencies.set(r.currency, (currencies.get(r.currency) ?? 0) + 1);
    }
    let total = 0;
    for (const p of this.products) {
      total += p.len;
      for (const [t, tf] of p.tf) {
        this.df.set(t, (this.df.get(t) ?? 0) + 1);
        let post = this.postings.get(t);
        if (!post) this.postings.set(t, (post = { products: [], tf: [] }));
        post.products.push(p);
        post.tf.push(tf);
      }
    }
    const seenColours = new Map<string, ColourInfo>();
    for (const p of this.products)
      for (const v of p.variants)
        if (v.colour && !seenColours.has(v.colour.name)) seenColours.set(v.colour.name, v.colour);
    this.colourInfos.push(...seenColours.values());
    this.avgLen = this.products.length ? total / this.products.length : 1;
    this.colourWords = colourVocabulary([...colourNames]);
    // named sizes said as words: bed sizes, towel sizes, "one size"; not bare fit words that are ordinary English
    this.namedSizes = [...named.keys()]
      .filter(
        (n) =>
          /[a-z]{3,}/.test(n) &&
          !/^(regular|long|short|tall|petite|plus|standard|one size|os|default|default title|each|pair|set)$/.test(n) &&
          !/\d/.test(n),
      )
      .sort((a, b) => b.length - a.length);
    this.currency = [...currencies.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'GBP';
    this.known = new Set(this.df.keys());
  }

  private surfaceWords: string[] | null = null;
  /** Catalog words a typo may stand for: "cvr" → cover (same consonants), "collr" → collar (one edit). */
  typo(w: string): string[] {
    // a real English word ("hates") is what it says, not a misspelt catalog word ("hats")
    if (STOPWORDS.has(w) || relatedWords(w).length || relatedWords(w.replace(/e?s$/, '')).length) return [];
    this.surfaceWords ??= [...new Set([...this.surface.values()].flatMap((x) => [...x]))].filter(
      (x) => x.length >= 3 && !/\d/.test(x),
    );
    const skeleton = (x: string) => x[0] + x.slice(1).replace(/[aeiouy]/g, '');
    const sk = skeleton(w);
    const out: string[] = [];
    for (const c of this.surfaceWords) {
      if (c[0] !== w[0] || Math.abs(c.length - w.length) > 3) continue;
      if ((sk.length >= 3 && skeleton(c) === sk) || (w.length >= 5 && editDistance(w, c) <= 1)) out.push(stem(c));
    }
    return [...new Set(out)].slice(0, 3);
  }

  private readonly colourCache = new Map<string, ColourInfo>();
  private colourOf(name: string): ColourInfo {
    let c = this.colourCache.get(name);
    if (!c) this.colourCache.set(name, (c = colourInfo(name)));
    return c;
  }

  get size(): number {
    return this.products.length;
  }

  idf(term: string): number {
    const n = this.df.get(term) ?? 0;
    return Math.log(1 + (this.products.length - n + 0.5) / (n + 0.5));
  }

  /**
   * The customer's words as weighted catalog terms: each word's own stem, and its WordNet synonyms,
   * broader words and similar adjectives when the catalog uses them.
   */
  expand(wordsSaid: string[]): WeightedTerm[] {
    const out = new Map<string, WeightedTerm>();
    const put = (term: string, weight: number, from: string) => {
      if (!this.df.has(term)) return;
      const cur = out.get(term);
      if (!cur || cur.weight < weight) out.set(term, { term, weight, from });
    };
    // "head torch" for "Headtorch": two words the catalog writes as one
    for (let i = 0; i + 1 < wordsSaid.length; i++) {
      const joined = stem(wordsSaid[i]! + wordsSaid[i + 1]!);
      if (this.df.has(joined)) put(joined, 1, `${wordsSaid[i]} ${wordsSaid[i + 1]}`);
    }
    for (const w of wordsSaid) {
      const s = stem(w);
      put(s, 1, w);
      if (!this.df.has(s) && w.length >= 3 && !STOPWORDS.has(w)) for (const t of this.typo(w)) put(t, 0.8, w);
      // "headtorch" for "Head Torch", "raincoat" for "Rain Coat": a compound the catalog writes as two words
      if (!this.df.has(s) && w.length >= 7)
        for (let i = 3; i <= w.length - 3; i++) {
          const a = stem(w.slice(0, i));
          const b = stem(w.slice(i));
          if (this.df.has(a) && this.df.has(b)) {
            put(a, 0.7, w);
            put(b, 0.7, w);
            break;
          }
        }
      const lemmas = new Set([
        w,
        w.replace(/ies$/, 'y'),
        w.replace(/es$/, ''),
        w.replace(/s$/, ''),
        w.replace(/ing$/, ''),
        w.replace(/er$/, ''),
      ]);
      for (const l of lemmas) {
        if (l.length < 3) continue;
        for (const r of relatedWords(l)) {
          const parts = words(r.word);
          // a multi-word lemma counts only when the catalog has all of it ("frying pan")
          // multi-word lemmas ("wear out") split into common words: only single words carry over
          if (parts.length === 1 && parts[0]) put(stem(parts[0]), r.weight * 0.6, w);
        }
      }
    }
    return [...out.values()];
  }

  /** BM25F score of every product with any of the terms (only over `only` when given). */
  score(terms: WeightedTerm[], only?: Iterable<IndexedProduct>): Map<number, number> {
    const scores = new Map<number, number>();
    const allowed = only ? new Set([...only].map((p) => p.id)) : null;
    for (const t of terms) {
      const post = this.postings.get(t.term);
      if (!post) continue;
      const w = t.weight * this.idf(t.term) * (K1 + 1);
      for (let i = 0; i < post.products.length; i++) {
        const p = post.products[i]!;
        if (allowed && !allowed.has(p.id)) continue;
        const tf = post.tf[i]!;
        const norm = tf / (tf + K1 * (1 - B + (B * p.len) / this.avgLen));
        scores.set(p.id, (scores.get(p.id) ?? 0) + w * norm);
      }
    }
    return scores;
  }

  /** Same, over the words that name the product (title and type paths) only. */
  kindScore(terms: WeightedTerm[], p: IndexedProduct): number {
    let s = 0;
    for (const t of terms) if (p.kindTerms.has(t.term)) s += t.weight * this.idf(t.term);
    return s;
  }

  isKnownWord(w: string): boolean {
    return this.known.has(stem(w));
  }
}

export { stems };

function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length]![b.length]!;
}
