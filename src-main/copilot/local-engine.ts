/**
 * The local engine: offline, deterministic, fast. Message → constraints (constraints.ts) →
 * candidates from SQLite (category/brand/FTS, then attribute checks in memory) → personal ranking
 * (ranking.ts) → cards with reasons computed from data → a reply from templates. When nothing meets
 * every constraint it relaxes one, says which, and shows the nearest alternatives.
 */
import type Database from 'better-sqlite3';
import type { CopilotConstraints } from '../contract/copilot';
import { formatMoney } from '../contract/money';
import { ftsQuery } from '../catalog/fts';
import type { CustomerProfile, SizeDomain } from '../customers/profile';
import { sizeDomainOf } from '../customers/profile';
import { emptyConstraints } from './constraints';
import { loadVocabulary, catalogVersion, sizeSystemOf, type Vocabulary, type CategoryInfo } from './vocabulary';
import { HistoryPopularityPersonaliser, type Personaliser } from './ranking';
import { CatalogIndex } from './catalog-index';
import { emptyMemory, runTurn, type Memory, type Pick, type StockView, type Broken } from './search';
import { describeAsk } from './sizes';
import { colourMatches, type ColourInfo } from './colours';
import type { IndexedVariant } from './catalog-index';
import { matchingProductIds, variantCards } from '../catalog/queries';
import { stockElsewhere, stockOfStore } from './queries';
import { storeTimeZone } from '../app/queries';
import { availabilityAnswer, inHandIntent, wantsCheaper } from './in-hand';

export type CardKind = 'match' | 'alternative' | 'complement';

export interface LocalCard {
  variantId: number;
  sku: string;
  productId: number;
  title: string;
  brand: string | null;
  category: string | null;
  price: number;
  regularPrice: number;
  currency: string;
  size: string | null;
  color: string | null;
  stockHere: number;
  asOf: string | null;
  imageUrl: string | null;
  reasons: string[];
  kind: CardKind;
  strategy: string;
  score: number;
}

export interface LocalAnswer {
  reply: string;
  cards: LocalCard[];
  questions: string[];
  constraints: CopilotConstraints;
  /** the constraint(s) relaxed to find alternatives, in words ("budget"), or null */
  relaxed: string | null;
  vague: boolean;
}

export interface LocalTurnInput {
  message: string;
  previous: CopilotConstraints | null;
  profile: CustomerProfile | null;
  storeId: string;
  lastShownPrices?: number[];
  /** SKUs not to show again (regenerate, "show me others") */
  excludeSkus?: string[];
  /** products already in play this consultation (context for the personaliser) */
  contextProductIds?: number[];
  /** the product in the customer's hand (scanned or typed), which "this"/"it" refer to */
  inHand?: { productId: number; sku: string } | null;
}

interface Row {
  variantId: number;
  sku: string;
  productId: number;
  title: string;
  brand: string | null;
  category: string | null;
  gender: string | null;
  consumable: number;
  size: string | null;
  color: string | null;
  price: number;
  regular: number;
  currency: string;
  stockHere: number;
  asOf: string | null;
  imageUrl: string | null;
  options: string | null;
}

type Soft = 'size' | 'colour' | 'budget' | 'stock' | 'features' | 'brand';
const RELAX_ORDER: Soft[] = ['colour', 'budget', 'features', 'brand', 'stock', 'size'];
const RELAX_WORDS: Record<Soft, string> = {
  size: 'size',
  colour: 'colour',
  budget: 'budget',
  stock: 'in stock here',
  features: 'features',
  brand: 'brand',
};

export function money(minor: number, currency: string): string {
  return formatMoney(minor, currency).replace(/\.00$/, '');
}

function listWords(items: string[], joiner = 'or'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${joiner} ${items[items.length - 1]}`;
}

/** Size scales that describe the same body part for different wearers. */
const SIBLING_SCALES: Partial<Record<string, string[]>> = {
  shoe: ['kidsShoe'],
  kidsShoe: ['shoe'],
  letter: ['kidsAge'],
  kidsAge: ['letter'],
};

export class LocalEngine {
  private vocab: Vocabulary | null = null;
  private vocabCheckedAt = 0;
  private readonly featureSets = new Map<string, Set<number>>();
  /** product/variant attributes per category (or brand, or id list), without stock: valid for one catalog version */
  private readonly staticRows = new Map<string, Row[]>();
  /** this store's stock per variant, read in one pass per catalog version (imports and syncs change the version) */
  private readonly stockByStore = new Map<string, Map<number, { quantity: number; asOf: string }>>();
  private readonly tz = new Map<string, string>();

  constructor(
    private readonly sqlite: Database.Database,
    readonly personaliser: Personaliser = new HistoryPopularityPersonaliser(sqlite),
  ) {}

  /** The catalog's vocabulary; rebuilt when the catalog changed (checked at most once a second). */
  vocabulary(): Vocabulary {
    const now = Date.now();
    if (this.vocab && now - this.vocabCheckedAt < 1000) return this.vocab;
    this.vocabCheckedAt = now;
    const version = catalogVersion(this.sqlite);
    if (!this.vocab || this.vocab.version !== version) {
      this.vocab = loadVocabulary(this.sqlite);
      this.featureSets.clear();
      this.staticRows.clear();
      this.stockByStore.clear();
    }
    return this.vocab;
  }

  /**
   * Candidate rows with this store's stock, both from per-catalog-version caches: a sync or import
   * changes the version, so the next turn (at most a second later) reads fresh figures.
   */
  private rowsFor(kind: 'byCategory' | 'byBrand' | 'byIds', list: (string | number)[], storeId: string): Row[] {
    this.vocabulary();
    const out: Row[] = [];
    const keys = kind === 'byIds' ? [JSON.stringify(list)] : list.map(String);
    for (const k of keys) {
      const key = `${kind}:${k}`;
      let rows = this.staticRows.get(key);
      if (!rows) {
        rows = this.readStaticRows(kind, kind === 'byIds' ? (JSON.parse(k) as number[]) : [k]);
        if (this.staticRows.size > 500) this.staticRows.clear();
        this.staticRows.set(key, rows);
      }
      out.push(...rows);
    }
    if (!out.length) return out;
    let stock = this.stockByStore.get(storeId);
    if (!stock) {
      stock = new Map(stockOfStore(this.sqlite, storeId).map((s) => [s.id, s]));
      this.stockByStore.set(storeId, stock);
    }
    return out.map((r) => {
      const s = stock.get(r.variantId);
      return s ? { ...r, stockHere: s.quantity, asOf: s.asOf } : r;
    });
  }

  /** Sellable variants of some categories, brands or products, without stock (cached per catalog version). */
  private readStaticRows(kind: 'byCategory' | 'byBrand' | 'byIds', list: (string | number)[]): Row[] {
    const filter =
      kind === 'byIds'
        ? { productIds: list.map(Number) }
        : kind === 'byBrand'
          ? { brands: list.map(String) }
          : { categories: list.map(String) };
    return variantCards(this.sqlite, { store: null, activeOnly: true, ...filter }).map((c) => ({
      variantId: c.variantId,
      sku: c.sku,
      productId: c.productId,
      title: c.title,
      brand: c.brand,
      category: c.category,
      gender: c.gender,
      consumable: c.consumable,
      size: c.size,
      color: c.color,
      price: c.price,
      regular: c.regularPrice,
      currency: c.currency,
      stockHere: c.stockHere,
      asOf: c.asOf,
      imageUrl: c.imageUrl,
      options: c.options,
    }));
  }

  private productsMatching(term: string): Set<number> {
    let s = this.featureSets.get(term);
    if (!s) {
      const q = ftsQuery(term);
      s = new Set(q ? matchingProductIds(this.sqlite, q) : []);
      this.featureSets.set(term, s);
    }
    return s;
  }

  private timeZone(storeId: string): string {
    let tz = this.tz.get(storeId);
    if (!tz) {
      tz = storeTimeZone(this.sqlite, storeId) ?? 'Europe/London';
      this.tz.set(storeId, tz);
    }
    return tz;
  }

  private readonly formatters = new Map<string, { time: Intl.DateTimeFormat; day: Intl.DateTimeFormat }>();
  private asOfText(asOf: string | null, storeId: string): string {
    if (!asOf) return '';
    const d = new Date(asOf);
    if (Number.isNaN(d.getTime())) return '';
    const tz = this.timeZone(storeId);
    let f = this.formatters.get(tz);
    if (!f) {
      // building an Intl formatter costs about a millisecond: once per time zone
      f = {
        time: new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: tz }),
        day: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: tz }),
      };
      this.formatters.set(tz, f);
    }
    const day = f.day.format(d);
    return day === f.day.format(new Date()) ? `as of ${f.time.format(d)}` : `as of ${day} ${f.time.format(d)}`;
  }

  private index: CatalogIndex | null = null;

  /** The catalog as the turn engine reads it; rebuilt with the vocabulary when the catalog changes. */
  catalogIndex(): CatalogIndex {
    const now = Date.now();
    if (this.index && now - this.indexCheckedAt < 1000) return this.index;
    this.indexCheckedAt = now;
    const version = catalogVersion(this.sqlite);
    if (!this.index || this.index.version !== version) {
      this.index = new CatalogIndex(version, this.sqlite);
      // stock figures are cached per catalog version too: an import or sync changes both
      this.stockByStore.clear();
    }
    return this.index;
  }
  private indexCheckedAt = 0;

  private stockView(storeId: string): StockView {
    let stock = this.stockByStore.get(storeId);
    if (!stock) {
      stock = new Map(stockOfStore(this.sqlite, storeId).map((s) => [s.id, s]));
      this.stockByStore.set(storeId, stock);
    }
    const s = stock;
    return {
      here: (id) => s.get(id)?.quantity ?? 0,
      elsewhere: (id) => stockElsewhere(this.sqlite, id, storeId),
    };
  }

  answer(input: LocalTurnInput): LocalAnswer {
    const held = input.inHand ? this.answerAboutInHand(input, input.inHand) : null;
    if (held) return held;
    const index = this.catalogIndex();
    const profile0 = input.profile?.consent ? input.profile : null;
    const memory = (input.previous?.memory as Memory | undefined) ?? null;
    const turn = runTurn(index, this.stockView(input.storeId), {
      message: input.message,
      memory,
      excludeSkus: new Set(input.excludeSkus ?? []),
      usualSize: (p, v) => {
        const prof = input.profile?.consent ? input.profile : null;
        if (!prof || !v.size) return false;
        return prof.sizes[sizeDomainOf(v.size, p.category)]?.value === v.size;
      },
      personal: (ids) => {
        const cands = ids
          .map((id) => index.byId.get(id)!)
          .map((p) => ({ productId: p.id, category: p.category, brand: p.brand, color: p.variants[0]?.color ?? null }));
        return this.personaliser.score({
          storeId: input.storeId,
          profile: profile0,
          candidates: cands,
          contextProductIds: input.contextProductIds ?? [],
        });
      },
    });
    const m = turn.memory;
    const forSomeoneElse = m.person.other || !!input.previous?.forSomeoneElse;
    const profile = profile0 && !forSomeoneElse ? profile0 : null;
    const constraints: CopilotConstraints = {
      categories: turn.categories,
      uses: [],
      sizes: turn.sizeValues,
      // colours as the catalog names them: every catalog colour the wishes take in or rule out
      sizeText: m.sizes.length ? m.sizes.map((s) => s.text.trim()).join(', ') : null,
      colors: catalogColours(index, (c) => m.colours.some((w) => colourMatches(c, w, false))),
      excludeColors: catalogColours(index, (c) => m.excludeColours.some((w) => colourMatches(c, w, true))),
      priceMin: m.budget.min,
      priceMax: m.budget.max,
      priceBand: null,
      budgetText: m.budget.text,
      gender: m.person.kids ? 'kids' : m.person.gender,
      brands: m.brands ?? [],
      excludeBrands: m.excludeBrands ?? [],
      features: [...m.requiredWords, ...(m.materials ?? [])],
      inStockHereOnly: !m.anyStock,
      forSomeoneElse,
      memory: m as unknown as Record<string, unknown>,
    };
    const cards = turn.picks.map((p) => this.cardFromPick(p, m, profile, input.storeId, index));
    return {
      reply: turn.reply,
      cards,
      questions: turn.questions,
      constraints,
      relaxed: turn.relaxed.length ? turn.relaxed.join(' and ') : null,
      vague: turn.mode === 'vague' || turn.mode === 'unreadable',
    };
  }

  /**
   * A message about the product in the customer's hand (in-hand.ts): its sizes and colours here and
   * elsewhere, what goes with it, or similar (cheaper) products. Null when the message is not about it.
   * The answer's memory points at the held product, so a later "what goes with it" still means it.
   */
  private answerAboutInHand(input: LocalTurnInput, inHand: { productId: number; sku: string }): LocalAnswer | null {
    const intent = inHandIntent(input.message);
    const index = this.catalogIndex();
    const product = index.byId.get(inHand.productId);
    if (!intent || !product) return null;
    const prevMemory = (input.previous?.memory as Memory | undefined) ?? emptyMemory();
    const base = input.previous ?? emptyConstraints();
    const profile = input.profile?.consent && !base.forSomeoneElse ? input.profile : null;
    const sameProduct = product.variants.map((v) => v.sku);
    const heldVariant = product.variants.find((v) => v.sku === inHand.sku) ?? product.variants[0];
    const carry = (memory: Memory, extra: Partial<CopilotConstraints> = {}): CopilotConstraints => ({
      ...base,
      categories: product.category ? [product.category] : base.categories,
      ...extra,
      memory: memory as unknown as Record<string, unknown>,
    });
    if (intent === 'availability') {
      const a = availabilityAnswer(index, this.stockView(input.storeId), product, input.message, inHand.sku);
      const m: Memory = {
        ...prevMemory,
        sizes: a.sizes.length ? a.sizes : prevMemory.sizes,
        shown: [product.id],
        shownPrices: a.picks.map((x) => x.variant.price),
      };
      const cards = a.picks.map((p) => this.cardFromPick(p, m, profile, input.storeId, index));
      const sizes = [...new Set(a.picks.map((x) => x.variant.size).filter((x): x is string => !!x))];
      return {
        reply: a.reply,
        cards,
        questions: [],
        constraints: carry(m, {
          sizes,
          sizeText: a.sizes.map((x) => x.text.trim()).join(', ') || null,
          inStockHereOnly: false,
        }),
        relaxed: null,
        vague: false,
      };
    }
    const m: Memory = { ...prevMemory, shown: [product.id] };
    if (intent === 'goes-with') {
      const cards = this.goesWith(product.id, carry(m), {
        profile: input.profile,
        storeId: input.storeId,
        excludeSkus: [...sameProduct, ...(input.excludeSkus ?? [])],
      })
        .filter((x) => x.productId !== product.id)
        .map((x) => ({
          ...x,
          kind: 'complement' as const,
          strategy: 'complement',
          reasons: [
            `Goes with the ${product.title} in their hand`,
            ...x.reasons.filter((r) => !r.startsWith('Goes with')),
          ].slice(0, 4),
        }));
      const kinds = [...new Set(cards.map((x) => (x.category ?? x.title).toLowerCase()))];
      const reply = cards.length
        ? `To go with the ${product.title}: ${kinds.slice(0, 4).join(', ')} — in stock here.`
        : `I have nothing in stock here marked as going with the ${product.title}.`;
      return { reply, cards, questions: [], constraints: carry(m), relaxed: null, vague: false };
    }
    const price = heldVariant?.price ?? 0;
    const cheaper = wantsCheaper(input.message);
    const q: CopilotConstraints = {
      ...emptyConstraints(),
      categories: product.category ? [product.category] : [],
      gender: base.gender,
      excludeColors: base.excludeColors,
      excludeBrands: base.excludeBrands,
      priceMin: cheaper ? null : Math.round(price * 0.6),
      priceMax: cheaper ? price - 1 : Math.round(price * 1.4),
    };
    const r = this.suggest(q, {
      profile: input.profile,
      storeId: input.storeId,
      excludeSkus: [...sameProduct, ...(input.excludeSkus ?? [])],
      k: 5,
    });
    const cards = r.cards
      .filter((x) => x.productId !== product.id && x.stockHere > 0 && (!cheaper || x.price < price))
      .map((x) => ({
        ...x,
        reasons: [
          cheaper
            ? `Like the ${product.title}, ${money(price - x.price, x.currency)} cheaper`
            : `Similar to the ${product.title}`,
          ...x.reasons,
        ].slice(0, 4),
      }));
    const what = cheaper
      ? `cheaper than the ${product.title} (${money(price, heldVariant?.currency ?? index.currency)})`
      : `like the ${product.title}`;
    const reply = cards.length
      ? `${cards.length} ${cards.length === 1 ? 'option' : 'options'} ${what}, in stock here.`
      : `Nothing ${what} is in stock here right now.`;
    return {
      reply,
      cards,
      questions: [],
      constraints: carry(m, { priceMax: q.priceMax, priceMin: q.priceMin }),
      relaxed: null,
      vague: false,
    };
  }

  /**
   * "Goes with" for one product on screen: complements read from the catalog (its type paths and
   * descriptions), for the person and sizes of the conversation, never more of the same kind.
   */
  goesWith(
    productId: number,
    previous: CopilotConstraints | null,
    opts: { profile: CustomerProfile | null; storeId: string; excludeSkus: string[] },
  ): LocalCard[] {
    const memory = { ...((previous?.memory as Memory | undefined) ?? emptyMemory()), shown: [productId] };
    const base = previous ?? { ...emptyConstraints() };
    return this.answer({
      message: 'what goes with it',
      previous: { ...base, memory: memory as unknown as Record<string, unknown> },
      profile: opts.profile,
      storeId: opts.storeId,
      excludeSkus: opts.excludeSkus,
    }).cards;
  }

  /** A card whose every statement (size, price, budget, stock) is computed from the variant it shows. */
  private cardFromPick(
    p: Pick,
    m: Memory,
    profile: CustomerProfile | null,
    storeId: string,
    index: CatalogIndex,
  ): LocalCard {
    const v = p.variant;
    const reasons: string[] = [];
    const asOf = this.asOfText(this.stockByStore.get(storeId)?.get(v.variantId)?.asOf ?? null, storeId);
    const sizeOk = m.sizes.length && !p.broken.includes('size');
    if (p.kind === 'alternative')
      reasons.push(`Nearest alternative: ${p.broken.map((b) => brokenWords(b, m, v, index.currency)).join('; ')}`);
    if (p.stockHere > 0)
      reasons.push(
        `${v.size ? `Size ${v.size} in` : 'In'} stock here (${p.stockHere}${asOf ? `, ${asOf}` : ''})${sizeOk ? ', the size asked for' : ''}`,
      );
    else {
      const elsewhere = stockElsewhere(this.sqlite, v.variantId, storeId);
      reasons.push(
        elsewhere.length
          ? `Not in stock here${v.size ? ` in ${v.size}` : ''} — ${elsewhere.map((e) => `${e.quantity} at ${e.store}`).join(', ')} (can be ordered in)`
          : `Not in stock here${v.size ? ` in ${v.size}` : ''} or at the other stores`,
      );
    }
    const price = money(v.price, v.currency);
    if (m.budget.max !== null && v.price <= m.budget.max && (m.budget.min === null || v.price >= m.budget.min))
      reasons.push(
        `${price}, within the ${money(m.budget.max, v.currency)} budget${v.price < v.regular ? ` (on sale, was ${money(v.regular, v.currency)})` : ''}`,
      );
    else if (v.price < v.regular) reasons.push(`${price}, on sale (was ${money(v.regular, v.currency)})`);
    if (m.colours.length && !p.broken.includes('colour') && v.color) reasons.push(`In ${v.color}, as asked`);
    else if (m.excludeColours.length && v.color && !p.broken.includes('colour'))
      reasons.push(`${v.color} — not ${m.excludeColours.map((c) => c.text.trim()).join(' or ')}`);
    if (profile && v.size && !m.sizes.length) {
      const usual = profile.sizes[sizeDomainOf(v.size, p.product.category)];
      if (usual && usual.value === v.size) reasons.push(`Their usual size (${usual.evidence})`);
    }
    // the goes-with reason leads: it is why the card is there at all
    if (p.kind === 'complement') reasons.unshift(...p.why.slice(0, 1));
    reasons.push(...(p.kind === 'complement' ? p.why.slice(1) : p.why));
    return {
      variantId: v.variantId,
      sku: v.sku,
      productId: p.product.id,
      title: p.product.title,
      brand: p.product.brand,
      category: p.product.category,
      price: v.price,
      regularPrice: v.regular,
      currency: v.currency,
      size: v.size,
      color: v.color,
      stockHere: p.stockHere,
      asOf: this.stockByStore.get(storeId)?.get(v.variantId)?.asOf ?? null,
      imageUrl: v.imageUrl,
      reasons: reasons.slice(0, 4),
      kind: p.kind,
      strategy:
        p.kind === 'alternative'
          ? `relaxed:${p.broken.join('+')}`
          : p.kind === 'complement'
            ? 'complement'
            : 'relevance',
      score: Math.round(p.score * 1000) / 1000,
    };
  }

  /** Cards for constraints that are already known (the LLM's search and recommend tools use this). */
  suggest(
    c: CopilotConstraints,
    opts: { profile: CustomerProfile | null; storeId: string; excludeSkus?: string[]; k: number },
  ): { cards: LocalCard[]; relaxed: string | null } {
    const vocab = this.vocabulary();
    const profile = opts.profile?.consent && !c.forSomeoneElse ? opts.profile : null;
    const input: LocalTurnInput = { message: '', previous: c, profile, storeId: opts.storeId };
    const r = this.retrieve(c, profile, input, new Set(opts.excludeSkus ?? []), vocab, opts.k);
    return { cards: r.cards, relaxed: r.relaxed.length ? r.relaxed.map((x) => RELAX_WORDS[x]).join(' and ') : null };
  }

  private retrieve(
    c: CopilotConstraints,
    profile: CustomerProfile | null,
    input: LocalTurnInput,
    exclude: Set<string>,
    vocab: Vocabulary,
    k: number,
  ) {
    let rows: Row[];
    if (c.categories.length) rows = this.rowsFor('byCategory', c.categories, input.storeId);
    else if (c.brands.length) rows = this.rowsFor('byBrand', c.brands, input.storeId);
    else {
      const ids = new Set<number>();
      for (const f of [...c.features, ...c.uses]) for (const id of this.productsMatching(f)) ids.add(id);
      rows = this.rowsFor('byIds', [...ids].sort((a, b) => a - b).slice(0, 2000), input.storeId);
    }
    const cats = c.categories.map((x) => vocab.categories.get(x)).filter((x): x is CategoryInfo => !!x);
    const ranked = this.rank(rows, c, cats, profile, input, exclude, vocab);
    const strict = ranked.filter((r) => r.fails.length === 0);
    let picks: Ranked[];
    let relaxed: Soft[] = [];
    if (strict.length) picks = strict;
    else ({ picks, relaxed } = this.nearest(ranked, c));
    const kind: CardKind = relaxed.length ? 'alternative' : 'match';
    const complement =
      picks.length && !relaxed.length && k >= 5 ? this.complement(picks[0]!, c, profile, input, exclude, vocab) : null;
    const limit = complement ? k - 1 : k;
    const cards = picks.slice(0, limit).map((p) => this.card(p, kind, c, cats, profile, input.storeId, relaxed));
    if (complement) cards.push(complement);
    return { cards, relaxed, strictCount: strict.length, cats };
  }

  private rank(
    rows: Row[],
    c: CopilotConstraints,
    cats: CategoryInfo[],
    profile: CustomerProfile | null,
    input: LocalTurnInput,
    exclude: Set<string>,
    vocab: Vocabulary,
  ): Ranked[] {
    const needFeatures = c.features.filter((f) => vocab.lexicon.featureNeedsSearch.includes(f));
    const featureSets = needFeatures.map((f) => this.productsMatching(f));
    const softFeatures = c.features.filter((f) => !needFeatures.includes(f)).map((f) => this.productsMatching(f));
    const useSets = c.uses.map((u) => this.productsMatching(u));
    const excludeColors = new Set(c.excludeColors);
    const excludeBrands = new Set(c.excludeBrands);
    const colours = new Set(c.colors);
    const brands = new Set(c.brands);
    const sizeSystems = new Set(c.sizes.map(sizeSystemOf));
    // A size on the scale asked about, or on its sibling scale (adult vs kids' shoe sizes, letters vs
    // kids' ages), must be one of the sizes asked: "size 9 boots" never offers kids' UK 12K.
    const sizeScaleAsked = (size: string) => {
      const sys = sizeSystemOf(size);
      return sizeSystems.has(sys) || [...sizeSystems].some((asked) => SIBLING_SCALES[asked]?.includes(sys));
    };
    const sizes = new Set(c.sizes);
    const kidsCategory = new Set(rows.filter((r) => r.gender === 'kids').map((r) => r.category));
    const lowBand = new Map(cats.map((k) => [k.name, k.p35]));
    const highBand = new Map(cats.map((k) => [k.name, k.p65]));
    const preferredSize = (r: Row): string | null => {
      if (!profile || !r.size) return null;
      const d: SizeDomain = sizeDomainOf(r.size, r.category);
      return profile.sizes[d]?.value ?? null;
    };

    const byProduct = new Map<number, { best: Row; fails: Soft[]; key: number }>();
    for (const r of rows) {
      if (exclude.has(r.sku)) continue;
      if (r.color && excludeColors.has(r.color)) continue;
      if (r.brand && excludeBrands.has(r.brand)) continue;
      if (c.gender) {
        const g = r.gender ?? 'unisex';
        if (c.gender === 'kids') {
          if (g !== 'kids' && !(g === 'unisex' && !kidsCategory.has(r.category))) continue;
        } else if (g !== c.gender && g !== 'unisex') continue;
      }
      const fails: Soft[] = [];
      if (sizes.size && r.size && sizeScaleAsked(r.size) && !sizes.has(r.size)) fails.push('size');
      if (sizes.size && !r.size) {
        /* unsized items fit everyone */
      }
      if (colours.size && !(r.color && colours.has(r.color))) fails.push('colour');
      if ((c.priceMax !== null && r.price > c.priceMax) || (c.priceMin !== null && r.price < c.priceMin))
        fails.push('budget');
      else if (c.priceBand === 'low' && c.priceMax === null && r.price > (lowBand.get(r.category ?? '') ?? Infinity))
        fails.push('budget');
      else if (c.priceBand === 'high' && c.priceMin === null && r.price < (highBand.get(r.category ?? '') ?? 0))
        fails.push('budget');
      if (c.inStockHereOnly && r.stockHere <= 0) fails.push('stock');
      if (featureSets.some((s) => !s.has(r.productId))) fails.push('features');
      if (brands.size && !(r.brand && brands.has(r.brand))) fails.push('brand');
      // the variant to show: fewest misses, then their usual size, then most on the shelf
      const pref = preferredSize(r);
      const key =
        fails.length * 1000 -
        (pref && r.size === pref ? 100 : 0) -
        (profile?.colors.some((x) => x.value === r.color) ? 10 : 0) -
        Math.min(r.stockHere, 9);
      const cur = byProduct.get(r.productId);
      if (!cur || key < cur.key || (key === cur.key && r.price < cur.best.price))
        byProduct.set(r.productId, { best: r, fails, key });
    }
    const entries = [...byProduct.values()];
    const personal = this.personaliser.score({
      storeId: input.storeId,
      profile,
      candidates: entries.map((e) => ({
        productId: e.best.productId,
        category: e.best.category,
        brand: e.best.brand,
        color: e.best.color,
      })),
      contextProductIds: input.contextProductIds ?? [],
    });
    const owned = new Set(profile?.purchases.map((p) => p.productId) ?? []);
    const prices = entries.map((e) => e.best.price);
    const maxPrice = Math.max(1, ...prices);
    const out: Ranked[] = [];
    for (const e of entries) {
      if (owned.has(e.best.productId) && !e.best.consumable) continue;
      const ps = personal.get(e.best.productId) ?? { score: 0, reasons: [], strategy: 'popularity' };
      let score = ps.score;
      score += 0.35 * useSets.filter((s) => s.has(e.best.productId)).length;
      score += 0.35 * softFeatures.filter((s) => s.has(e.best.productId)).length;
      if (c.priceBand === 'low') score -= 0.6 * (e.best.price / maxPrice);
      if (c.priceBand === 'high') score += 0.6 * (e.best.price / maxPrice);
      if (e.best.stockHere > 0) score += 0.2;
      const usual = preferredSize(e.best);
      if (usual && e.best.size === usual && e.best.stockHere > 0 && !c.sizes.length) score += 1;
      out.push({ row: e.best, fails: e.fails, score, personal: ps });
    }
    out.sort((a, b) => b.score - a.score || a.row.productId - b.row.productId);
    return out;
  }

  /** Nothing fits everything: relax the one constraint that leaves the closest alternatives. */
  private nearest(ranked: Ranked[], c: CopilotConstraints): { picks: Ranked[]; relaxed: Soft[] } {
    for (const soft of RELAX_ORDER) {
      const group = ranked.filter((r) => r.fails.length === 1 && r.fails[0] === soft);
      if (!group.length) continue;
      if (soft === 'budget') {
        const target = c.priceMax ?? c.priceMin ?? 0;
        group.sort((a, b) => Math.abs(a.row.price - target) - Math.abs(b.row.price - target) || b.score - a.score);
      }
      return { picks: group, relaxed: [soft] };
    }
    if (!ranked.length) return { picks: [], relaxed: [] };
    const fewest = Math.min(...ranked.map((r) => r.fails.length));
    const group = ranked.filter((r) => r.fails.length === fewest);
    const relaxed = RELAX_ORDER.filter((s) => group.some((g) => g.fails.includes(s)));
    return { picks: group, relaxed };
  }

  private card(
    p: Ranked,
    kind: CardKind,
    c: CopilotConstraints,
    cats: CategoryInfo[],
    profile: CustomerProfile | null,
    storeId: string,
    relaxed: Soft[],
  ): LocalCard {
    const r = p.row;
    const reasons: string[] = [];
    const asOf = this.asOfText(r.asOf, storeId);
    if (r.stockHere > 0)
      reasons.push(`${r.size ? `Size ${r.size} in` : 'In'} stock here (${r.stockHere}${asOf ? `, ${asOf}` : ''})`);
    else {
      const elsewhere = stockElsewhere(this.sqlite, r.variantId, storeId);
      reasons.push(
        elsewhere.length
          ? `Not in stock here${r.size ? ` in ${r.size}` : ''} — ${elsewhere.map((e) => `${e.quantity} at ${e.store}`).join(', ')} (can be ordered in)`
          : `Not in stock here${r.size ? ` in ${r.size}` : ''} or at the other stores`,
      );
    }
    const price = money(r.price, r.currency);
    if (c.priceMax !== null && r.price <= c.priceMax && (c.priceMin === null || r.price >= c.priceMin))
      reasons.push(
        `${price}, within budget${r.price < r.regular ? ` (on sale, was ${money(r.regular, r.currency)})` : ''}`,
      );
    else if (c.priceMax !== null && r.price > c.priceMax)
      reasons.push(
        `${price}: ${money(r.price - c.priceMax, r.currency)} over the ${money(c.priceMax, r.currency)} budget`,
      );
    else if (r.price < r.regular) reasons.push(`${price}, on sale (was ${money(r.regular, r.currency)})`);
    else if (c.priceBand === 'low')
      reasons.push(`${price}, one of the lower-priced ${r.category ? r.category.toLowerCase() : 'options'}`);
    if (profile && r.size) {
      const d = sizeDomainOf(r.size, r.category);
      const usual = profile.sizes[d];
      if (usual && usual.value === r.size && !c.sizes.length) reasons.push(`Their usual size (${usual.evidence})`);
    }
    const said = c.features.filter((f) => this.productsMatching(f).has(r.productId));
    if (said.length) reasons.push(`${said[0]![0]!.toUpperCase()}${said.slice(0).join(', ').slice(1)}, as asked`);
    if (c.colors.length && r.color && c.colors.includes(r.color)) reasons.push(`In ${r.color}, as asked`);
    else if (c.excludeColors.length && r.color)
      reasons.push(
        `${r.color} — no ${listWords([...new Set(c.excludeColors)].slice(0, 3).map((x) => x.toLowerCase()))}`,
      );
    if (relaxed.includes('colour') && r.color) reasons.push(`Only in ${r.color} — not the colour asked for`);
    if (relaxed.includes('size') && r.size) reasons.push(`Nearest size available: ${r.size}`);
    reasons.push(...p.personal.reasons);
    void cats;
    return {
      variantId: r.variantId,
      sku: r.sku,
      productId: r.productId,
      title: r.title,
      brand: r.brand,
      category: r.category,
      price: r.price,
      regularPrice: r.regular,
      currency: r.currency,
      size: r.size,
      color: r.color,
      stockHere: r.stockHere,
      asOf: r.asOf,
      imageUrl: r.imageUrl,
      reasons: reasons.slice(0, 4),
      kind,
      strategy: kind === 'alternative' ? `relaxed:${relaxed.join('+')}` : p.personal.strategy,
      score: Math.round(p.score * 1000) / 1000,
    };
  }

  private complement(
    top: Ranked,
    c: CopilotConstraints,
    profile: CustomerProfile | null,
    input: LocalTurnInput,
    exclude: Set<string>,
    vocab: Vocabulary,
  ): LocalCard | null {
    const targets = (vocab.lexicon.complements[top.row.category ?? ''] ?? []).filter(
      (k) => vocab.categories.has(k) && !c.categories.includes(k),
    );
    if (!targets.length) return null;
    const rows = this.rowsFor('byCategory', targets, input.storeId).filter(
      (r) =>
        r.stockHere > 0 &&
        !exclude.has(r.sku) &&
        !(r.color && c.excludeColors.includes(r.color)) &&
        (!c.gender || r.gender === c.gender || r.gender === 'unisex' || r.gender === null) &&
        (c.priceMax === null || r.price <= c.priceMax),
    );
    if (!rows.length) return null;
    // socks that fit the boots: match the shoe size against the sock's "Fits UK" range
    const shoe = top.row.size && /^UK \d/.test(top.row.size) ? parseFloat(top.row.size.slice(3)) : null;
    const fits = (r: Row): boolean => {
      if (shoe === null || !r.options) return false;
      const range = (JSON.parse(r.options) as Record<string, string>)['Fits UK'];
      const m = range ? /^(\d+(?:\.5)?)-(\d+(?:\.5)?)$/.exec(range) : null;
      return !!m && shoe >= Number(m[1]) && shoe <= Number(m[2]);
    };
    const usual = (r: Row) =>
      !!(profile && r.size && profile.sizes[sizeDomainOf(r.size, r.category)]?.value === r.size);
    const pop = this.personaliser.score({
      storeId: input.storeId,
      profile,
      candidates: rows.map((r) => ({ productId: r.productId, category: r.category, brand: r.brand, color: r.color })),
      contextProductIds: [],
    });
    const sameSize = (r: Row) => !!(r.size && c.sizes.includes(r.size));
    rows.sort(
      (a, b) =>
        Number(fits(b)) - Number(fits(a)) ||
        Number(sameSize(b)) - Number(sameSize(a)) ||
        Number(usual(b)) - Number(usual(a)) ||
        (pop.get(b.productId)?.score ?? 0) - (pop.get(a.productId)?.score ?? 0) ||
        b.stockHere - a.stockHere ||
        a.variantId - b.variantId,
    );
    const r = rows[0]!;
    const asOf = this.asOfText(r.asOf, input.storeId);
    const reasons = [`Goes with the ${top.row.title}`];
    if (fits(r)) reasons.push(`Size ${r.size} fits a ${top.row.size} foot`);
    reasons.push(
      `${r.size ? `Size ${r.size} in` : 'In'} stock here (${r.stockHere}${asOf ? `, ${asOf}` : ''})`,
      money(r.price, r.currency),
    );
    return {
      variantId: r.variantId,
      sku: r.sku,
      productId: r.productId,
      title: r.title,
      brand: r.brand,
      category: r.category,
      price: r.price,
      regularPrice: r.regular,
      currency: r.currency,
      size: r.size,
      color: r.color,
      stockHere: r.stockHere,
      asOf: r.asOf,
      imageUrl: r.imageUrl,
      reasons,
      kind: 'complement',
      strategy: 'complement',
      score: 0,
    };
  }
}

interface Ranked {
  row: Row;
  fails: Soft[];
  score: number;
  personal: { score: number; reasons: string[]; strategy: string };
}

function catalogColours(index: CatalogIndex, keep: (c: ColourInfo) => boolean): string[] {
  return index.colourInfos
    .filter(keep)
    .map((c) => c.name)
    .sort();
}

function brokenWords(b: Broken, m: Memory, v: IndexedVariant, currency: string): string {
  switch (b) {
    case 'size':
      return `${v.size ? `size ${v.size}` : 'no size'} — ${m.sizes.map(describeAsk).join(' or ')} not available here`;
    case 'budget':
      return m.budget.max !== null && v.price > m.budget.max
        ? `${money(v.price - m.budget.max, v.currency)} over the ${money(m.budget.max, currency)} budget`
        : 'outside the price range asked';
    case 'colour':
      return `comes in ${v.color ?? 'another colour'}, not the colour asked`;
    case 'stock':
      return 'not in stock here';
    case 'words':
      return 'not exactly the style asked';
    case 'person':
      return 'made for someone else';
  }
}
