/**
 * One copilot turn over the catalog index: the conversation so far (`Memory`) plus the new message
 * (`Reading`) → hard constraints that every shown card must meet (person, size, budget, colours,
 * words ruled out, in stock here) and relevance over the catalog's own text that orders what is
 * left. When nothing meets every constraint the nearest products are shown as alternatives with the
 * broken constraint named; the reply states only what the cards themselves show.
 */
import type { CatalogIndex, IndexedProduct, IndexedVariant, WeightedTerm } from './catalog-index';
import { colourMatches, type ColourWish } from './colours';
import { describeAsk, sizeMatches, type SizeAsk } from './sizes';
import { negated, readMessage, type Budget, type Person, type Reading } from './understand';
import lexiconJson from './lexicon.json';
import { stem, words as wordsOf, fold, STOPWORDS } from './text';
import { relatedWords } from './wordnet';
import { formatMoney } from '../contract/money';

/** What the conversation has established, carried from turn to turn (stored with the turn). */
export interface Memory {
  terms: string[];
  kindStems: string[];
  sizes: SizeAsk[];
  budget: Budget;
  colours: ColourWish[];
  excludeColours: ColourWish[];
  excludeWords: string[];
  requiredWords: string[];
  /** materials said ("leather boots", "wool"): the variant's material or title must name them */
  materials: string[];
  brands: string[];
  excludeBrands: string[];
  /** sizes of an earlier topic, kept when the new kind is sold on the same scale ("trousers to go with it" after a jacket in L) */
  carried: SizeAsk[];
  person: Person;
  /** products shown last turn, best first */
  shown: number[];
  shownPrices: number[];
  anyStock: boolean;
}

export function emptyMemory(): Memory {
  return {
    terms: [],
    kindStems: [],
    sizes: [],
    budget: { min: null, max: null, text: null },
    colours: [],
    excludeColours: [],
    excludeWords: [],
    requiredWords: [],
    materials: [],
    brands: [],
    excludeBrands: [],
    carried: [],
    person: { gender: null, kids: null, ageYears: null, text: null, other: false },
    shown: [],
    shownPrices: [],
    anyStock: false,
  };
}

export type Broken = 'size' | 'budget' | 'colour' | 'stock' | 'words' | 'person';

export interface Pick {
  product: IndexedProduct;
  variant: IndexedVariant;
  stockHere: number;
  kind: 'match' | 'alternative' | 'complement';
  broken: Broken[];
  score: number;
  why: string[];
}

export interface TurnResult {
  picks: Pick[];
  reply: string;
  questions: string[];
  memory: Memory;
  mode: 'search' | 'complement' | 'vague' | 'unreadable';
  relaxed: Broken[];
  topicChanged: boolean;
  kept: string[];
  categories: string[];
  /** the catalog's size values that are the sizes asked, among the products in question */
  sizeValues: string[];
}

export interface StockView {
  here(variantId: number): number;
  elsewhere(variantId: number): { store: string; quantity: number }[];
}

const K = 5;

function money(minor: number, currency: string): string {
  return formatMoney(minor, currency).replace(/\.00$/, '');
}

function list(items: string[], joiner = 'or'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${joiner} ${items[items.length - 1]}`;
}

/** The kind words of a message: stems that name products in this catalog (their type paths and title heads). */
function kindStemsOf(index: CatalogIndex, kindVocab: Set<string>, terms: string[]): string[] {
  // a typo of a kind word ("duvet cvr") names that kind too
  const stems = terms.flatMap((t) => (index.df.has(stem(t)) || t.length < 3 ? [stem(t)] : [stem(t), ...index.typo(t)]));
  return [...new Set(stems.filter((s) => kindVocab.has(s)))];
}

const kindVocabCache = new WeakMap<CatalogIndex, Set<string>>();
/** Stems that name a kind of product: every type-path word and the head noun of every title. */
export function kindVocabulary(index: CatalogIndex): Set<string> {
  let v = kindVocabCache.get(index);
  if (v) return v;
  v = new Set<string>();
  // the head noun of each type segment ("Coats & Jackets" → coats, jackets) and of each title: "wool" in
  // "Wool Coats" describes, "coats" names
  const heads = (text: string) =>
    text
      .split(/&|,|\band\b|\//)
      .map((part) =>
        wordsOf(part)
          .filter((w) => !/^\d/.test(w))
          .pop(),
      )
      .filter((w): w is string => !!w && w.length > 2);
  for (const p of index.products) {
    // below the department ("Menswear", "Home") and at the leaf of Google's path ("Apparel > Clothing" names no kind)
    for (const seg of [...p.path.slice(1), ...p.path.slice(-1), ...p.googlePath.slice(-1)])
      for (const w of heads(seg)) v.add(stem(w));
    const head = p.title
      .replace(/\s-\s[^-]+$/, '')
      .split(',')[0]!
      .trim();
    for (const w of heads(head)) v.add(stem(w));
  }
  for (const s of [
    'pair',
    'pairs',
    'set',
    'pack',
    'box',
    'piece',
    'collection',
    'range',
    'and',
    'the',
    'for',
    'with',
    'other',
    'accessories',
    'apparel',
    'home',
    'garden',
    'new',
    'all',
    'women',
    'men',
    'kid',
    'girl',
    'boy',
    'unisex',
    'adult',
    'gift',
  ])
    v.delete(stem(s));
  kindVocabCache.set(index, v);
  return v;
}

function leafStems(p: IndexedProduct): string[] {
  return wordsOf(p.category ?? '')
    .filter((w) => w.length > 2 && w !== 'and')
    .map(stem);
}

/** The head noun of a product's own type ("Slim Jeans" → jean): the same head is the same kind of thing. */
function leafHead(p: IndexedProduct): string | null {
  const w = wordsOf((p.category ?? '').split(/&|,|\band\b/).pop() ?? '')
    .filter((x) => !/^\d/.test(x))
    .pop();
  return w ? stem(w) : null;
}

const brandCache = new WeakMap<CatalogIndex, { re: RegExp; brand: string }[]>();
/** A brand said by its full name, or by a first word no dictionary or catalog text uses ("Northwynd"). */
function brandMatchers(index: CatalogIndex): { re: RegExp; brand: string }[] {
  let list = brandCache.get(index);
  if (list) return list;
  list = [...index.brands].map(([folded, brand]) => {
    const first = folded.split(/\s+/)[0]!;
    const own = first.length >= 5 && !index.isKnownWord(first) && !STOPWORDS.has(first) && !relatedWords(first).length;
    return { re: new RegExp(`(?<![a-z])(?:${escapeRe(folded)}${own ? `|${escapeRe(first)}` : ''})(?![a-z])`), brand };
  });
  brandCache.set(index, list);
  return list;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function productHeads(p: IndexedProduct): string[] {
  // every conjunct's head: "Wallets & Purses" is both a wallet and a purse category
  const heads = (text: string) =>
    text
      .split(/&|,|\band\b|\//)
      .map((part) =>
        wordsOf(part)
          .filter((x) => !/^\d/.test(x))
          .pop(),
      )
      .filter((w): w is string => !!w)
      .map(stem);
  return [
    ...heads(p.category ?? ''),
    ...heads(
      p.title
        .replace(/\s-\s[^-]+$/, '')
        .split(',')[0]!
        .replace(/\([^)]*\)/g, ''),
    ).slice(-1),
    ...(p.googlePath.length ? heads(p.googlePath[p.googlePath.length - 1]!) : []),
  ];
}

function personFits(p: IndexedProduct, person: Person): boolean {
  if (person.kids === true && !p.kids) return false;
  if (person.kids === false && p.kids) return false;
  if (person.gender && p.sex && p.sex !== 'unisex' && p.sex !== person.gender) return false;
  return true;
}

const wordRes = new Map<string, RegExp>();
/** "non-stick" in "Non-Stick Frying Pan", "nonstick" or "non stick": a word a product must (or must not) say. */
function wordIn(plain: string, w: string): boolean {
  let re = wordRes.get(w);
  if (!re) {
    const f = fold(w);
    re = new RegExp(
      `(?<![a-z])(?:${[...new Set([f, f.replace(/-/g, ' '), f.replace(/-/g, '')])].map(escapeRe).join('|')})(?:e?s)?(?![a-z])`,
    );
    if (wordRes.size > 5000) wordRes.clear();
    wordRes.set(w, re);
  }
  return re.test(plain);
}

interface Checked {
  variant: IndexedVariant;
  stock: number;
  broken: Broken[];
}

function checkVariant(
  p: IndexedProduct,
  v: IndexedVariant,
  m: Memory,
  stockHere: number,
  sizeRelevant: boolean,
  sizedOnly: boolean,
): Checked {
  const broken: Broken[] = [];
  if (m.sizes.length) {
    const r = sizeMatches(v.facets, m.sizes, {
      women: m.person.gender === 'women' || p.sex === 'women',
      kids: m.person.kids === true || p.kids,
    });
    if (r === 'other' || (r === 'unsized' && sizeRelevant && !sizedOnly)) broken.push('size');
  }
  if ((m.budget.max !== null && v.price > m.budget.max) || (m.budget.min !== null && v.price < m.budget.min))
    broken.push('budget');
  if (m.colours.length && !(v.colour && m.colours.some((w) => colourMatches(v.colour!, w, false))))
    broken.push('colour');
  if (m.excludeColours.length && v.colour && m.excludeColours.some((w) => colourMatches(v.colour!, w, true)))
    broken.push('colour');
  if (m.excludeWords.some((w) => wordIn(p.titlePlain, w))) broken.push('words');
  if (
    m.requiredWords.length &&
    !m.requiredWords.every((w) => wordIn(p.plain, w) || (v.material && wordIn(fold(v.material), w)))
  )
    broken.push('words');
  if (m.brands?.length && !(p.brand && m.brands.includes(p.brand))) broken.push('words');
  if (m.excludeBrands?.length && p.brand && m.excludeBrands.includes(p.brand)) broken.push('words');
  if (
    m.materials?.length &&
    !m.materials.every((w) => (v.material && wordIn(fold(v.material), w)) || wordIn(p.titlePlain, w))
  )
    broken.push('words');
  if (!m.anyStock && stockHere <= 0) broken.push('stock');
  return { variant: v, stock: stockHere, broken };
}

/** Is the asked size on a scale this product is sold in? */
const scaleMemo = new WeakMap<SizeAsk[], Map<IndexedProduct, boolean>>();
function carriesScale(p: IndexedProduct, m: Memory): boolean {
  if (!m.sizes.length) return false;
  // asked several times per turn for the same product and the same sizes: remembered per sizes list
  let memo = scaleMemo.get(m.sizes);
  if (!memo) scaleMemo.set(m.sizes, (memo = new Map<IndexedProduct, boolean>()));
  let value = memo.get(p);
  if (value === undefined) memo.set(p, (value = carriesScaleNow(p, m)));
  return value;
}

/** The scales on which a size said could be read (a letter also rules out dress, collar and chest sizes). */
function askDims(a: SizeAsk): string[] {
  if (a.named) return [`named:${a.named}`];
  if (a.letter) return ['letters', 'dress', 'collar', 'chest', 'age'];
  switch (a.unit) {
    case 'waist':
      return ['waist'];
    case 'leg':
      return ['leg'];
    case 'cm':
      return ['cm'];
    case 'litres':
      return ['litres'];
    case 'collar':
      return ['collar', 'letters', 'dress'];
    case 'chest':
      return ['chest', 'letters'];
    case 'age':
      return ['age', 'letters', 'dress', 'shoeEu'];
    case 'eu':
      return ['shoeEu'];
    case 'uk':
      return ['shoeUk', 'kidsShoeUk', 'shoeEu', 'dress'];
    case 'us':
      return ['shoeEu', 'shoeUk'];
    default:
      return ['shoeEu', 'shoeUk', 'kidsShoeUk', 'collar', 'chest', 'waist', 'dress', 'age', 'number', 'letters'];
  }
}

function carriesScaleNow(p: IndexedProduct, m: Memory): boolean {
  if (!m.sizes.some((a) => askDims(a).some((d) => p.dims.has(d)))) return false;
  return p.variants.some(
    (v) =>
      sizeMatches(v.facets, m.sizes, {
        women: m.person.gender === 'women' || p.sex === 'women',
        kids: m.person.kids === true || p.kids,
      }) !== 'unsized',
  );
}

/** Merge this message into the conversation: refinements carry over, a new kind of product starts a new topic. */
function remember(
  prev: Memory,
  r: Reading,
  index: CatalogIndex,
  kindVocab: Set<string>,
): { memory: Memory; topicChanged: boolean; kept: string[] } {
  const kinds = kindStemsOf(index, kindVocab, r.terms);
  const fresh = prev.kindStems.length === 0 && prev.terms.length === 0;
  const topicChanged = !fresh && kinds.length > 0 && !kinds.some((k) => prev.kindStems.includes(k)) && !r.owned;
  const m: Memory =
    fresh || topicChanged
      ? { ...emptyMemory(), shown: prev.shown, shownPrices: prev.shownPrices }
      : structuredClone(prev);
  const kept: string[] = [];
  if (topicChanged) {
    // the same customer: who it is for stays unless this message says otherwise; sizes, colours and budget were for the old thing
    if (!r.person.gender && !r.person.text && prev.person.gender && prev.person.kids !== true) {
      m.person = { ...prev.person, ageYears: null, kids: prev.person.kids === false ? false : null };
      kept.push(prev.person.gender === 'women' ? 'for her' : 'for him');
    }
    if (!r.person.other)
      m.carried = prev.sizes.filter((x) => x.letter || x.unit === 'dress' || (x.value !== undefined && !x.unit));
  }
  if (kinds.length || fresh || topicChanged) {
    m.terms = r.terms;
    m.kindStems = kinds.length ? kinds : m.kindStems;
  } else if (r.terms.length) {
    // a refinement: its words must hold ("non-stick", "wool"), the earlier words still set the topic
    const kindless = r.terms.filter(
      (t) =>
        !/^(anything|something|one|ones|have|got|any|please|warm|warmer|cheaper|bigger|smaller|else|instead|actually)$/.test(
          t,
        ),
    );
    for (const t of kindless) if (index.isKnownWord(t) && !m.requiredWords.includes(t)) m.requiredWords.push(t);
    m.terms = [...m.terms, ...r.terms.filter((t) => !m.terms.includes(t))];
  }
  for (const { re, brand } of brandMatchers(index)) {
    const hit = re.exec(r.text);
    if (!hit) continue;
    const neg = negated(r.text, hit.index);
    if (neg) m.excludeBrands = [...new Set([...(m.excludeBrands ?? []), brand])];
    else m.brands = [...new Set([...(topicChanged ? [] : (m.brands ?? [])), brand])];
  }
  const materials = r.terms.filter((t) => index.materialWords.has(t));
  if (materials.length) {
    m.materials = [...new Set([...(m.materials ?? []), ...materials])];
    m.requiredWords = m.requiredWords.filter((w) => !materials.includes(w));
  }
  if (r.person.gender || r.person.kids !== null || r.person.ageYears !== null) {
    const other = r.person.other;
    m.person = {
      gender: r.person.gender ?? (other ? null : m.person.gender),
      kids: r.person.kids ?? (other ? null : m.person.kids),
      ageYears: r.person.ageYears ?? (other ? null : m.person.ageYears),
      text: r.person.text ?? m.person.text,
      other,
    };
    if (other && !r.sizes.length) m.sizes = m.sizes.filter((s) => s.named || s.unit === 'cm' || s.unit === 'litres');
  }
  if (r.sizes.length) {
    // a new size of the same scale replaces the old one; another scale (leg after waist) adds to it
    const dim = (s: SizeAsk) =>
      s.named
        ? 'named'
        : s.unit === 'waist' || s.unit === 'leg' || s.unit === 'cm' || s.unit === 'litres'
          ? s.unit
          : 'body';
    const newDims = new Set(r.sizes.map(dim));
    m.sizes = [...m.sizes.filter((s) => !newDims.has(dim(s))), ...r.sizes];
  }
  if (r.budget.min !== null || r.budget.max !== null) m.budget = r.budget;
  else if (r.cheaper) {
    const shown = [...prev.shownPrices].sort((a, b) => a - b);
    if (shown.length)
      m.budget = {
        min: null,
        max: shown[Math.floor((shown.length - 1) / 2)]! - 1,
        text: 'cheaper than what was shown',
      };
  }
  if (r.colours.length) {
    m.colours = r.colours;
    m.excludeColours = m.excludeColours.filter((x) => !r.colours.some((c) => JSON.stringify(c) === JSON.stringify(x)));
  }
  if (r.excludeColours.length) m.excludeColours = [...m.excludeColours, ...r.excludeColours];
  if (r.comparatives.length && !kinds.length) {
    // a warmer/lighter one may be another kind of the same thing: the earlier "waterproof" is not a must any more
    m.requiredWords = [];
    m.materials = [];
  }
  if (r.excludeWords.length) m.excludeWords = [...new Set([...m.excludeWords, ...r.excludeWords])];
  if (r.anyStock) m.anyStock = true;
  return { memory: m, topicChanged, kept };
}

export interface TurnInput {
  message: string;
  memory: Memory | null;
  excludeSkus: Set<string>;
  /** the customer's usual size for this product, from their history (null when unknown or not consented) */
  usualSize?: (p: IndexedProduct, v: IndexedVariant) => boolean;
  /** per product, from the personaliser (0–1): history, popularity */
  personal: (productIds: number[]) => Map<number, { score: number; reasons: string[] }>;
}

export function runTurn(index: CatalogIndex, stock: StockView, input: TurnInput): TurnResult {
  const kindVocab = kindVocabulary(index);
  const prev = input.memory ?? emptyMemory();
  const r = readMessage(input.message, {
    colourWords: index.colourWords,
    namedSizes: index.namedSizes,
    known: (w) => index.isKnownWord(w) || kindVocab.has(stem(w)),
  });
  if (r.unreadable) {
    return {
      picks: [],
      memory: prev,
      mode: 'unreadable',
      relaxed: [],
      topicChanged: false,
      kept: [],
      categories: [],
      reply: "Sorry, I didn't catch that. Could you put it another way — what are they looking for, and for whom?",
      questions: ['What are they looking for, and who is it for?'],
      sizeValues: [],
    };
  }
  if (!index.products.length) {
    return {
      picks: [],
      memory: prev,
      mode: 'vague',
      relaxed: [],
      topicChanged: false,
      kept: [],
      categories: [],
      sizeValues: [],
      reply:
        'There is no catalog on this laptop yet, so I have nothing to suggest. Import the product feed (Settings → Data sources, or `aisle import`) and ask again.',
      questions: [],
    };
  }
  const complement =
    !!r.owned || (r.goesWith && !kindStemsOf(index, kindVocab, r.terms).length && prev.shown.length > 0);
  if (complement) return complementTurn(index, stock, input, prev, r, kindVocab);

  const { memory: m, topicChanged, kept } = remember(prev, r, index, kindVocab);
  const eligible = index.products.filter((p) => personFits(p, m.person));
  const termList = index.expand(m.terms);
  // a retail thesaurus ("puffer" → insulated jackets, "raincoat" → waterproof jackets): the named kind's words, when the catalog uses them
  // conditions people describe ("a wet ride", "won't slip", "frozen hands") → the qualities catalogs name
  for (const w of r.terms)
    for (const t of index.expand(SITUATIONS[w] ?? [])) termList.push({ ...t, weight: t.weight * 0.8, from: w });
  const nativeKind = m.kindStems.length > 0;
  for (const kindWords of thesaurusKinds(r.text)) {
    const ws = wordsOf(kindWords).filter((w) => index.isKnownWord(w));
    if (ws.length !== wordsOf(kindWords).length) continue;
    for (const w of ws) {
      termList.push({ term: stem(w), weight: 0.9, from: kindWords });
      // the catalog's own product words, when said, decide the kind; the thesaurus only ranks within it
      const h = stem(w);
      if (!nativeKind && kindVocab.has(h) && !m.kindStems.includes(h)) m.kindStems.push(h);
    }
  }
  // "something warmer": the quality asked for ranks first, and what was just shown makes way for the rest
  const comparativeTerms = r.comparatives.flatMap((c) =>
    index.expand(COMPARATIVES[c] ?? [c.replace(/er$/, '').replace(/i$/, 'y')]),
  );
  for (const t of comparativeTerms) termList.push({ ...t, weight: t.weight * 2.5 });
  const rel = index.score(termList, eligible);
  // a size on a scale only some products use (a collar, a chest, an age band) says what kind of thing it is
  const typedSizes = m.sizes.some(
    (s) => s.named || (s.unit && s.unit !== 'uk' && s.unit !== 'us' && s.unit !== 'dress'),
  );
  const kindSaid = m.kindStems.length > 0;
  if (m.carried?.length && !r.sizes.length) {
    // sizes kept from the previous topic hold only if this kind of thing is sold on that scale
    const probe = { ...m, sizes: m.carried };
    const maxRel = Math.max(0, ...rel.values());
    const carriers = eligible.filter(
      (p) => (rel.get(p.id) ?? 0) >= maxRel * 0.5 && m.kindStems.some((k) => p.kindTerms.has(k)),
    );
    if (carriers.some((p) => carriesScale(p, probe))) {
      m.sizes = m.carried;
      kept.push(`size ${list(m.carried.map(describeAsk), 'and')}`);
    }
    m.carried = [];
  }
  const scored: { p: IndexedProduct; rel: number }[] = [];
  const kindTerms = termList.filter((t) => m.kindStems.includes(t.term));
  const said = new Set(m.terms.map(stem));
  // only products the words found, unless a typed size can find them by itself
  for (const p of typedSizes ? eligible : eligible.filter((x) => rel.has(x.id))) {
    let s = rel.get(p.id) ?? 0;
    // a typed size (collar, chest, age, named) says what kind of thing; a bare number only ranks what the words found
    if (m.sizes.length && (typedSizes || s > 0) && carriesScale(p, m)) s += typedSizes ? 1.5 : 0.3;
    if (kindSaid && s > 0) {
      const ks = index.kindScore(kindTerms, p);
      if (ks > 0) s += ks;
      // a qualified type said in full ("walking shoes", "duvet covers", "frying pan") is that type
      const leaf = leafStems(p);
      if (leaf.length >= 2 && leaf.every((st) => said.has(st))) s += 1.5;
    }
    if (s > 0) scored.push({ p, rel: s });
  }
  scored.sort((a, b) => b.rel - a.rel);
  if (m.sizes.length && (!kindSaid || m.sizes.some((x) => x.named))) {
    // a size only some things are sold in ("bath sheet", "king") says what they are, before any word does
    // "she's a 14", "wears a large": only things sold in that size are candidates for a need without a product word
    const carriers = scored.filter((x) => carriesScale(x.p, m));
    if (carriers.length) scored.splice(0, scored.length, ...carriers);
  }
  const top = scored[0]?.rel ?? 0;
  if (top <= 0 || (!kindSaid && !typedSizes && top < 1.2))
    return vagueTurn(index, stock, m, r, scored, topicChanged, kept);

  // the relevant set: close to the best match; when a kind was named, only products of that kind — those
  // naming most of the kind words said ("duvet cover" is not a duvet), then those whose own type is
  // nothing but what was said ("duvet" is a duvet, not a duvet cover)
  let relevant = scored.filter((x) => x.rel >= top * (kindSaid ? 0.5 : 0.6));
  if (kindSaid) {
    const count = (p: IndexedProduct) => m.kindStems.filter((k) => p.kindTerms.has(k)).length;
    const best = Math.max(0, ...relevant.map((x) => count(x.p)));
    if (best > 0) {
      relevant = relevant.filter((x) => count(x.p) === best);
      // what the product itself is (the head noun of its type, its title, its Google category) must be a
      // word said: a "Mat Carry Strap" is not a yoga mat, though both say "yoga" and "mat"
      const headed = relevant.filter((x) => productHeads(x.p).some((h) => m.kindStems.includes(h)));
      if (headed.length) relevant = headed;
      // a product whose own type is the word said ("duvet" → Duvets, not Duvet Covers) comes first, but a
      // kind named in the title ("Kids' Dash Running Trainer" under Running Shoes) still counts
      relevant = relevant
        .map((x) => (m.kindStems.includes(leafHead(x.p) ?? '') ? { p: x.p, rel: x.rel + 2 } : x))
        .sort((a, b) => b.rel - a.rel);
    }
  }
  // a refinement word that no product of this kind has ("she can't stand pink" → "stand") is not a requirement
  m.requiredWords = m.requiredWords.filter((w) => relevant.some((x) => wordIn(x.p.plain, w)));
  if (m.sizes.length) {
    const sized = relevant.filter((x) => carriesScale(x.p, m));
    if (sized.length) relevant = sized;
  }
  if (r.comparatives.length && prev.shown.length) {
    const fresh = relevant.filter((x) => !prev.shown.includes(x.p.id));
    if (fresh.length) relevant = fresh;
    if (comparativeTerms.length) {
      const better = index.score(
        comparativeTerms,
        relevant.map((x) => x.p),
      );
      const withQuality = relevant.filter((x) => better.has(x.p.id));
      if (withQuality.length)
        relevant = withQuality.sort((a, b) => (better.get(b.p.id) ?? 0) - (better.get(a.p.id) ?? 0));
    }
  }
  // the best few hundred are plenty to find five that fit; a chain's catalogue can hold thousands per kind
  const picks = choose(relevant.slice(0, 400), m, stock, input, false);
  const matches = picks.filter((x) => !x.broken.length);
  let shown: Pick[];
  let relaxed: Broken[] = [];
  let onlyElsewhere: Pick[] = [];
  if (matches.length) {
    // several kinds still fit: keep the kinds whose best fitting product is close to the best one ("rain
    // jacket" is a waterproof jacket before it is an insulated one; a need without a product word gets
    // the kinds that answer it best)
    const catBest = new Map<string | null, number>();
    for (const x of matches) catBest.set(x.product.category, Math.max(catBest.get(x.product.category) ?? 0, x.score));
    const bestRel = Math.max(0, ...catBest.values());
    const keep = matches.filter((x) => (catBest.get(x.product.category) ?? 0) >= bestRel * 0.8);
    let pool = keep;
    if (r.modest && pool.length > 1) {
      // "nothing fancy": the lower half of what this kind of thing costs here
      const prices = relevant.map((x) => Math.min(...x.p.variants.map((v) => v.price))).sort((a, b) => a - b);
      const median = prices[Math.floor((prices.length - 1) / 2)] ?? Infinity;
      const cheap = pool.filter((x) => x.variant.price <= median);
      pool = cheap.length ? cheap : [...pool].sort((a, b) => a.variant.price - b.variant.price).slice(0, 3);
    }
    shown = preferExactPerson(pool, m.person).slice(0, K);
  } else if (!kindSaid && !typedSizes) {
    // no product named and nothing fits: guesses at other things would only mislead
    shown = [];
  } else {
    // nothing meets everything: the nearest on the shelf here, each labelled with what it breaks (what is
    // only elsewhere is named in the reply, never handed over as if it were here)
    const near = picks
      .filter((x) => x.broken.length && (m.anyStock || !x.broken.includes('stock')))
      .sort((a, b) => a.broken.length - b.broken.length || b.score - a.score);
    onlyElsewhere = picks.filter((x) => x.broken.length === 1 && x.broken[0] === 'stock').slice(0, 2);
    shown = near.slice(0, 3).map((x) => ({ ...x, kind: 'alternative' as const }));
    relaxed = [
      ...new Set([...shown.flatMap((x) => x.broken), ...(onlyElsewhere.length ? (['stock'] as Broken[]) : [])]),
    ];
  }
  // what the copilot understood as the kind of thing: the categories of the cards that fit, else the best match's
  const fromCards = [
    ...new Set(matches.length ? shown.map((x) => x.product.category).filter((x): x is string => !!x) : []),
  ];
  const categories = fromCards.length ? fromCards : relevant[0]?.p.category ? [relevant[0].p.category] : [];
  const questions = askWhatsMissing(
    m,
    relevant.map((x) => x.p),
    r,
    kindSaid,
  );
  const memory = { ...m, shown: shown.map((x) => x.product.id), shownPrices: shown.map((x) => x.variant.price) };
  const reply = searchReply(
    index,
    m,
    shown,
    relaxed,
    questions,
    matches.length,
    stock,
    topicChanged,
    kept,
    relevant.map((x) => x.p),
    onlyElsewhere,
  );
  const sizeValues = fittingSizes(
    relevant.map((x) => x.p),
    m,
  );
  return {
    picks: shown,
    reply,
    questions,
    memory,
    mode: 'search',
    relaxed,
    topicChanged,
    kept,
    categories,
    sizeValues,
  };
}

function fittingSizes(products: IndexedProduct[], m: Memory): string[] {
  if (!m.sizes.length) return [];
  const out = new Set<string>();
  for (const p of products)
    for (const v of p.variants)
      if (
        v.size &&
        sizeMatches(v.facets, m.sizes, {
          women: m.person.gender === 'women' || p.sex === 'women',
          kids: m.person.kids === true || p.kids,
        }) === 'fits'
      )
        out.add(v.size);
  return [...out];
}

function preferExactPerson(picks: Pick[], person: Person): Pick[] {
  if (!person.gender) return picks;
  const exact = picks.filter((x) => x.product.sex === person.gender);
  // a woman's jumper for her before a unisex one; unisex things stay when nothing is cut for her
  if (exact.length)
    return [...exact, ...picks.filter((x) => x.product.sex !== person.gender && x.product.sex === null)];
  return picks;
}

/** The best variant of each relevant product against the constraints, ranked. */
function choose(
  relevant: { p: IndexedProduct; rel: number }[],
  m: Memory,
  stock: StockView,
  input: TurnInput,
  sizedOnly: boolean,
): Pick[] {
  const personal = input.personal(relevant.map((x) => x.p.id));
  const top = relevant[0]?.rel ?? 1;
  const out: Pick[] = [];
  for (const { p, rel } of relevant) {
    const sizeRelevant = carriesScale(p, m);
    let best: Checked | null = null;
    for (const v of p.variants) {
      if (input.excludeSkus.has(v.sku)) continue;
      const c = checkVariant(p, v, m, stock.here(v.variantId), sizeRelevant, sizedOnly);
      // no size said: their usual size first, when their history knows it
      const usual = !m.sizes.length && !!input.usualSize?.(p, v) && c.stock > 0;
      const bestUsual = !!best && !m.sizes.length && !!input.usualSize?.(p, best.variant) && best.stock > 0;
      if (
        !best ||
        c.broken.length < best.broken.length ||
        (c.broken.length === best.broken.length && (usual !== bestUsual ? usual : c.stock > best.stock))
      )
        best = c;
    }
    if (!best) continue;
    const ps = personal.get(p.id);
    const score =
      rel / top +
      0.15 * (ps?.score ?? 0) +
      (best.stock > 0 ? 0.05 : 0) +
      (!m.sizes.length && input.usualSize?.(p, best.variant) ? 0.2 : 0);
    out.push({
      product: p,
      variant: best.variant,
      stockHere: best.stock,
      kind: 'match',
      broken: best.broken,
      score,
      why: ps?.reasons ?? [],
    });
  }
  return out.sort((a, b) => a.broken.length - b.broken.length || b.score - a.score);
}

function askWhatsMissing(m: Memory, relevant: IndexedProduct[], r: Reading, kindSaid: boolean): string[] {
  const qs: string[] = [];
  const cats = new Set(relevant.slice(0, 12).map((p) => p.category));
  if (!kindSaid && cats.size >= 1)
    return [
      `What kind of thing are they after — ${list(
        [...cats]
          .slice(0, 3)
          .filter((c): c is string => !!c)
          .map((c) => c.toLowerCase()),
      )}?`,
    ];
  const apparel = relevant.slice(0, 12).filter((p) => p.sex === 'women' || p.sex === 'men');
  if (apparel.length > relevant.slice(0, 12).length / 2 && !m.person.gender && m.person.kids === null)
    qs.push('Who is it for — a woman, a man or a child?');
  const sized = relevant
    .slice(0, 12)
    .filter((p) => new Set(p.variants.map((v) => v.size).filter((x) => x && !/^one ?size$|^os$/i.test(x))).size > 1);
  if (!m.sizes.length && sized.length > relevant.slice(0, 12).length / 2 && qs.length < 2) {
    const v = sized[0]!.variants[0]!.facets;
    qs.push(
      v.shoeEu
        ? 'What shoe size do they take?'
        : v.named
          ? `What size do they need (${list([...new Set(sized.flatMap((p) => p.variants.map((x) => x.size!)))].slice(0, 4))})?`
          : v.age
            ? 'How old are they?'
            : 'What size do they take?',
    );
  }
  if (!qs.length && m.budget.max === null && m.budget.min === null && relevant.length > 8 && !r.cheaper)
    qs.push('Is there a budget to keep under?');
  return qs.slice(0, 2);
}

function describe(index: CatalogIndex, m: Memory, products: IndexedProduct[]): string {
  const cats = [
    ...new Set(
      products
        .slice(0, 4)
        .map((p) => p.category)
        .filter((c): c is string => !!c),
    ),
  ];
  const what = cats.length ? list(cats.slice(0, 2).map((c) => c.toLowerCase())) : 'products';
  const who =
    m.person.kids === true
      ? m.person.ageYears !== null
        ? ` for a ${m.person.ageYears}-year-old`
        : ' for a child'
      : m.person.gender === 'women'
        ? ' for her'
        : m.person.gender === 'men'
          ? ' for him'
          : '';
  const parts = [`${what}${who}`];
  if (m.sizes.length)
    parts.push(`in ${list(m.sizes.filter((s) => s.unit !== 'age').map(describeAsk))}`.replace(/^in $/, ''));
  if (m.colours.length) parts.push(`in ${list(m.colours.map((c) => c.text.trim()))}`);
  if (m.budget.max !== null && m.budget.min !== null)
    parts.push(`between ${money(m.budget.min, index.currency)} and ${money(m.budget.max, index.currency)}`);
  else if (m.budget.max !== null) parts.push(`up to ${money(m.budget.max, index.currency)}`);
  else if (m.budget.min !== null) parts.push(`from ${money(m.budget.min, index.currency)}`);
  if (m.excludeColours.length)
    parts.push(
      `not ${list(
        m.excludeColours.map((c) => c.text.trim()),
        'or',
      )}`,
    );
  if (m.excludeWords.length) parts.push(`not ${list(m.excludeWords, 'or')}`);
  return parts.filter(Boolean).join(' ');
}

function brokenText(b: Broken, m: Memory, pick: Pick, index: CatalogIndex): string {
  const v = pick.variant;
  switch (b) {
    case 'size':
      return `${v.size ? `size ${v.size}` : 'unsized'}, not ${list(m.sizes.map(describeAsk))}`;
    case 'budget':
      return m.budget.max !== null && v.price > m.budget.max
        ? `${money(v.price - m.budget.max, v.currency)} over the ${money(m.budget.max, index.currency)} budget`
        : `outside the price range`;
    case 'colour':
      return `${v.color ?? 'this colour'}, not the colour asked for`;
    case 'stock':
      return 'not in stock here';
    case 'words':
      return `not quite what was asked (${list([...m.excludeWords, ...m.requiredWords])})`;
    case 'person':
      return 'for someone else';
  }
}

function searchReply(
  index: CatalogIndex,
  m: Memory,
  shown: Pick[],
  relaxed: Broken[],
  questions: string[],
  fits: number,
  stock: StockView,
  topicChanged: boolean,
  kept: string[],
  relevant: IndexedProduct[],
  onlyElsewhere: Pick[],
): string {
  const parts: string[] = [];
  if (topicChanged) parts.push(kept.length ? `New search (kept: ${list(kept, 'and')}).` : 'New search.');
  const what = describe(index, m, shown.length ? shown.map((x) => x.product) : relevant);
  const elsewhereText = onlyElsewhere
    .map((x) => ({ x, e: stock.elsewhere(x.variant.variantId)[0] }))
    .filter((y) => y.e)
    .map(
      ({ x, e }) =>
        `${e!.store} has the ${x.product.title}${x.variant.size ? ` in ${x.variant.size}` : ''}${x.variant.color ? `, ${x.variant.color}` : ''} (${e!.quantity}), not in stock here`,
    );
  if (!shown.length && relaxed.length) {
    parts.push(`Sorry — nothing fits everything here (${what}).`);
    if (elsewhereText.length) parts.push(`${elsewhereText.join('; ')}.`);
  } else if (!shown.length) parts.push(`I couldn't find any ${what} in the catalog.`);
  else if (relaxed.length) {
    parts.push(`Sorry — nothing fits everything here (${what}).`);
    if (elsewhereText.length) parts.push(`${elsewhereText.join('; ')}.`);
    parts.push(
      `The nearest on the shelf here: ${shown
        .map(
          (x) =>
            `the ${x.product.title}${x.variant.size ? ` (${x.variant.size})` : ''} — ${list(
              x.broken.map((b) => brokenText(b, m, x, index)),
              'and',
            )}`,
        )
        .join('; ')}.`,
    );
  } else {
    const n = shown.length;
    parts.push(
      `${n === 1 ? 'One option' : `${n} options`}: ${what}, in stock here${fits > n ? ` (${fits} fit in all)` : ''}.`,
    );
    const t = shown[0]!;
    parts.push(
      `The ${t.product.title}${t.variant.size ? ` in ${t.variant.size}` : ''}${t.variant.color ? `, ${t.variant.color}` : ''} at ${money(t.variant.price, t.variant.currency)} — ${t.stockHere} here.`,
    );
  }
  if (questions.length) parts.push(questions.join(' '));
  return parts.join(' ');
}

function vagueTurn(
  index: CatalogIndex,
  stock: StockView,
  m: Memory,
  r: Reading,
  scored: { p: IndexedProduct; rel: number }[],
  topicChanged: boolean,
  kept: string[],
): TurnResult {
  const cats = new Map<string, number>();
  for (const x of scored.slice(0, 30)) if (x.p.category) cats.set(x.p.category, (cats.get(x.p.category) ?? 0) + x.rel);
  let options = [...cats.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([c]) => c.toLowerCase())
    .slice(0, 3);
  if (!options.length) {
    const depts = new Map<string, number>();
    for (const p of index.products) if (p.department) depts.set(p.department, (depts.get(p.department) ?? 0) + 1);
    options = [...depts.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([d]) => d.toLowerCase())
      .slice(0, 4);
  }
  const question = options.length
    ? `What kind of thing are they after — ${list(options)}?`
    : 'What kind of thing are they after?';
  const questions = [question];
  // a few in-stock things the words point to, so the associate has something to show while asking
  const picks: Pick[] = [];
  const top = scored[0]?.rel ?? 0;
  for (const x of scored) {
    if (top <= 0 || x.rel < top * 0.6 || picks.length >= 3) break;
    const v = x.p.variants
      .map((vv) => ({ vv, c: checkVariant(x.p, vv, m, stock.here(vv.variantId), false, true) }))
      .find((y) => !y.c.broken.length);
    if (v && !picks.some((p) => p.product.category === x.p.category))
      picks.push({
        product: x.p,
        variant: v.vv,
        stockHere: v.c.stock,
        kind: 'match',
        broken: [],
        score: x.rel,
        why: [],
      });
  }
  const about = r.terms.length ? ` with ${list(r.terms.slice(0, 4), 'and')}` : '';
  const reply = `Happy to help${about}. ${questions.join(' ')}${picks.length ? ' Meanwhile, a few ideas in stock here:' : ''}`;
  return {
    picks,
    reply,
    questions,
    memory: { ...m, shown: picks.map((p) => p.product.id), shownPrices: picks.map((p) => p.variant.price) },
    mode: 'vague',
    relaxed: [],
    topicChanged,
    kept,
    categories: [],
    sizeValues: [],
  };
}

/** "She bought the king duvet cover, what else for the bed?": things that go with it, never more of it. */
function complementTurn(
  index: CatalogIndex,
  stock: StockView,
  input: TurnInput,
  prev: Memory,
  r: Reading,
  kindVocab: Set<string>,
): TurnResult {
  const m: Memory = structuredClone(prev);
  // the person and sizes of the conversation, updated by what this message says
  if (r.person.gender || r.person.kids !== null)
    m.person = {
      ...m.person,
      ...Object.fromEntries(Object.entries(r.person).filter(([, v]) => v !== null && v !== false)),
    };
  if (r.sizes.length) m.sizes = r.sizes;
  if (r.budget.max !== null || r.budget.min !== null) m.budget = r.budget;
  else if (!prev.terms.length) m.budget = { min: null, max: null, text: null };
  // "the navy suit" describes what they have; only colours said about what they want now count
  m.colours = r.owned ? r.colours.filter((c) => !r.owned!.includes(c.text.trim())) : r.colours;
  m.excludeColours = [...prev.excludeColours, ...r.excludeColours];
  m.requiredWords = [];
  m.excludeWords = r.excludeWords;

  let ownedProducts: IndexedProduct[];
  let ownedWords: string[];
  if (r.owned) {
    ownedWords = wordsOf(r.owned).filter((w) => !index.colourWords.has(w) || kindVocab.has(stem(w)));
    const terms = index.expand(ownedWords);
    // one BM25 pass over the catalog, then the type words of the products it found
    const bm25 = index.score(terms);
    const ks = [...bm25]
      .map(([id, b]) => ({ p: index.byId.get(id)!, b }))
      .map(({ p, b }) => ({ p, s: index.kindScore(terms, p) + 0.1 * b }))
      .filter((x) => x.s > 0)
      .sort((a, b) => b.s - a.s);
    const best = ks[0]?.s ?? 0;
    ownedProducts = ks
      .filter((x) => x.s >= best * 0.8)
      .map((x) => x.p)
      .slice(0, 6);
    // "the sage kettle … in that colour": the colour of what they bought is wanted now
    if (r.matchOwnedColour) {
      const said = wordsOf(r.owned).filter((w) => index.colourWords.has(w));
      if (said.length) m.colours = said.map((w) => ({ kind: 'word' as const, word: w, text: w }));
    }
  } else {
    ownedProducts = prev.shown
      .slice(0, 1)
      .map((id) => index.byId.get(id))
      .filter((p): p is IndexedProduct => !!p);
    ownedWords = ownedProducts.flatMap((p) => wordsOf(p.category ?? p.title));
  }
  // whose it is, when the conversation has not said: a kids' jacket goes with kids' things, a women's with women's
  const first = ownedProducts[0];
  if (first && m.person.kids === null) m.person = { ...m.person, kids: first.kids };
  if (first && !m.person.gender && (first.sex === 'women' || first.sex === 'men'))
    m.person = { ...m.person, gender: first.sex };
  const ownedCats = new Set(ownedProducts.map((p) => p.category));
  const ownedHeads = new Set(ownedProducts.map(leafHead).filter((h): h is string => !!h));
  const ownedDepts = new Set(ownedProducts.map((p) => p.department));
  const ownedKindStems = new Set(ownedWords.map(stem).filter((s) => kindVocab.has(s)));
  const needWords = r.terms.filter(
    (t) =>
      !ownedWords.includes(t) && !/^(else|need|needs|rest|outfit|go|goes|going|match|would|could|will|what)$/.test(t),
  );
  const needTerms = index.expand(needWords);
  const relationTerms: WeightedTerm[] = index.expand(ownedWords.filter((w) => !index.colourWords.has(w)));
  const eligible = index.products.filter(
    (p) =>
      !ownedCats.has(p.category) &&
      !ownedHeads.has(leafHead(p) ?? '') &&
      personFits(p, m.person) &&
      !(
        m.person.gender === null &&
        ownedProducts[0]?.sex &&
        p.sex &&
        p.sex !== 'unisex' &&
        p.sex !== ownedProducts[0].sex
      ),
  );
  const need = index.score(needTerms, eligible);
  const relation = index.score(relationTerms, eligible);
  const scored: { p: IndexedProduct; rel: number }[] = [];
  for (const p of eligible) {
    // another of what they bought under another name ("duvet set" after "duvet cover") is not a complement
    if (
      [...ownedKindStems].some((s) => p.kindTerms.has(s)) &&
      ownedKindStems.size &&
      [...p.kindTerms].filter((s) => ownedKindStems.has(s)).length >= Math.min(2, ownedKindStems.size)
    )
      continue;
    let s = (need.get(p.id) ?? 0) + 0.6 * (relation.get(p.id) ?? 0);
    if (ownedDepts.has(p.department)) s += 2;
    if (m.sizes.length && carriesScale(p, m)) s += 0.5;
    if (s > 0) scored.push({ p, rel: s });
  }
  scored.sort((a, b) => b.rel - a.rel);
  const top = scored[0]?.rel ?? 0;
  const relevant = scored.filter((x) => x.rel >= top * 0.45);
  const picks = choose(relevant.slice(0, 400), m, stock, input, true).filter((x) => !x.broken.length);
  const perCat = new Map<string | null, number>();
  const shown: Pick[] = [];
  for (const x of picks) {
    const n = perCat.get(x.product.category) ?? 0;
    if (n >= 2) continue;
    perCat.set(x.product.category, n + 1);
    const owned = ownedProducts[0];
    shown.push({
      ...x,
      kind: 'complement',
      why: [
        r.owned
          ? `Goes with ${/^(the|a|an|her|his|their) /.test(r.owned) ? r.owned : `the ${r.owned}`}`
          : owned
            ? `Goes with the ${owned.title}`
            : 'Goes with what they have',
        ...x.why,
      ],
    });
    if (shown.length >= K) break;
  }
  const ownedName = r.owned ?? (ownedProducts[0]?.title ? `the ${ownedProducts[0].title}` : 'it');
  const reply = shown.length
    ? `To go with ${/^(the|a|an|her|his|their) /.test(ownedName) ? ownedName : `the ${ownedName}`}: ${shown
        .slice(0, 3)
        .map(
          (x) =>
            `the ${x.product.title}${x.variant.size ? ` (${x.variant.size})` : ''} at ${money(x.variant.price, x.variant.currency)}`,
        )
        .join(', ')}${shown.length > 3 ? ', and more below' : ''} — all in stock here.`
    : `I couldn't find anything in stock here to go with ${ownedName}${m.budget.max !== null ? ` up to ${money(m.budget.max, index.currency)}` : ''}. What else do they have in mind?`;
  const questions = shown.length ? [] : ['What else do they have in mind?'];
  const memory: Memory = {
    ...prev,
    person: m.person,
    sizes: m.sizes.length ? m.sizes : prev.sizes,
    shown: shown
      .map((x) => x.product.id)
      .concat(prev.shown)
      .slice(0, 5),
    shownPrices: shown.map((x) => x.variant.price),
  };
  return {
    picks: shown,
    reply,
    questions,
    memory,
    mode: 'complement',
    relaxed: [],
    topicChanged: false,
    kept: [],
    categories: [...new Set(shown.map((x) => x.product.category).filter((c): c is string => !!c))],
    sizeValues: fittingSizes(
      shown.map((x) => x.product),
      m,
    ),
  };
}

const THESAURUS: [RegExp, string][] = Object.entries(
  (lexiconJson as unknown as { categories: Record<string, string[]> }).categories,
)
  .flatMap(([kind, phrases]) => phrases.map((p): [string, string] => [p.toLowerCase(), kind]))
  .sort((a, b) => b[0].length - a[0].length)
  .map(([phrase, kind]) => [new RegExp(`(?<![a-z])${phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![a-z])`), kind]);

/** Kinds of product a message names in everyday retail words, from the lexicon's thesaurus. */
function thesaurusKinds(text: string): string[] {
  const out = new Set<string>();
  let rest = ` ${text} `;
  for (const [re, kind] of THESAURUS) {
    if (re.test(rest)) {
      out.add(kind);
      rest = rest.replace(re, ' ');
    }
  }
  return [...out];
}

/** What a comparative asks for, in the words catalogs describe it with (general English, not one store's). */
const COMPARATIVES: Record<string, string[]> = {
  warmer: [
    'warm',
    'warmest',
    'insulated',
    'insulation',
    'thermal',
    'fleece',
    'padded',
    'lined',
    'down',
    'wool',
    'cosy',
    'winter',
  ],
  cooler: ['cool', 'breathable', 'lightweight', 'linen', 'summer', 'airy'],
  lighter: ['lightweight', 'light', 'packable', 'ultralight'],
  heavier: ['heavyweight', 'heavy', 'thick', 'sturdy'],
  thicker: ['thick', 'chunky', 'heavyweight', 'cushioned'],
  thinner: ['thin', 'fine', 'lightweight', 'slim'],
  softer: ['soft', 'brushed', 'plush', 'cosy'],
  smarter: ['smart', 'formal', 'tailored', 'dress'],
  dressier: ['smart', 'formal', 'occasion', 'evening'],
  'more formal': ['formal', 'smart', 'tailored'],
  'more casual': ['casual', 'relaxed', 'everyday', 'weekend'],
  comfier: ['comfortable', 'comfort', 'cushioned', 'soft', 'relaxed'],
  comfortable: ['comfortable', 'comfort', 'cushioned', 'soft'],
  waterproof: ['waterproof', 'water-resistant', 'showerproof'],
};

/** Conditions a customer describes, and the product qualities that answer them (general English). */
const SITUATIONS: Record<string, string[]> = {
  wet: ['waterproof', 'rain', 'showerproof'],
  rain: ['waterproof', 'rain'],
  rainy: ['waterproof', 'rain'],
  drenched: ['waterproof', 'rain'],
  soaked: ['waterproof', 'rain'],
  downpour: ['waterproof', 'rain'],
  puddles: ['waterproof', 'wellington'],
  soggy: ['waterproof'],
  cold: ['warm', 'insulated', 'thermal', 'lined', 'fleece'],
  freezing: ['warm', 'insulated', 'thermal', 'lined', 'cold'],
  frozen: ['warm', 'lined', 'insulated', 'cold'],
  chilly: ['warm', 'lined'],
  winter: ['warm', 'winter', 'insulated'],
  hot: ['breathable', 'cool', 'lightweight'],
  sweaty: ['breathable', 'wicking', 'grip'],
  sweats: ['grip', 'wicking', 'breathable'],
  sweat: ['grip', 'wicking'],
  slip: ['grip', 'non-slip'],
  slipping: ['grip', 'non-slip'],
  slippy: ['grip', 'non-slip'],
  blisters: ['blister', 'cushioned'],
  holds: ['support', 'high'],
  support: ['support'],
  bouncing: ['support', 'high'],
  dark: ['light', 'reflective', 'visibility'],
  interview: ['interview', 'smart', 'formal'],
  wedding: ['wedding', 'occasion'],
  office: ['office', 'work', 'smart'],
};
