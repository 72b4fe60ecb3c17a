/**
 * The product in the customer's hand: scanned (a barcode scanner, the camera) or typed as a GTIN/SKU
 * during a consultation. While it is in hand, "this", "it" and "that" in the associate's messages mean
 * it: "do you have this in a 10?" is asked of its own sizes here and in the other stores, "what goes
 * with this" asks for its complements, "something like this but cheaper" for similar cheaper things.
 * This file reads which of those a message asks and answers the availability question from the index;
 * the local engine (local-engine.ts) routes the other two to its complement and similar searches.
 */
import type { CatalogIndex, IndexedProduct, IndexedVariant } from './catalog-index';
import { colourMatches } from './colours';
import { describeAsk, sizeMatches, type SizeAsk } from './sizes';
import { readMessage } from './understand';
import { stem } from './text';
import type { Pick, StockView } from './search';

export type InHandIntent = 'goes-with' | 'similar' | 'availability';

/** the words that point at the thing being held */
const POINTS_AT_IT = /\b(this|it|that|these|those|them|the same)\b/;
const GOES_WITH =
  /\b(goes?|going|go) with\b|\bmatch(es|ing)?\b|\bpairs? with\b|\bwear with\b|\bcomplete the (look|outfit)\b/;
const SIMILAR =
  /\b(like|similar to)\s+(this|it|that)\b|\bsimilar\b|\bcheaper\b|\bless expensive\b|\balternatives?\b|\binstead\b|\bother options\b/;
const CHEAPER = /\b(cheaper|less expensive|lower price|more affordable|less money)\b/;

/** What a message asks about the product in hand, or null when it is not about it. */
export function inHandIntent(message: string): InHandIntent | null {
  const t = message.toLowerCase();
  if (!POINTS_AT_IT.test(t)) return null;
  if (GOES_WITH.test(t)) return 'goes-with';
  if (SIMILAR.test(t)) return 'similar';
  return 'availability';
}

export function wantsCheaper(message: string): boolean {
  return CHEAPER.test(message.toLowerCase());
}

export interface AvailabilityAnswer {
  picks: Pick[];
  reply: string;
  sizes: SizeAsk[];
}

function sizeList(vs: IndexedVariant[]): string {
  return [...new Set(vs.map((v) => v.size).filter((s): s is string => !!s))].join(', ');
}

/**
 * "Do you have this in a 10 / in black?": the held product's variants in the size and colour asked,
 * with the count here and in the other stores. Never another product: the question is about this one.
 */
export function availabilityAnswer(
  index: CatalogIndex,
  stock: StockView,
  product: IndexedProduct,
  message: string,
  heldSku: string,
): AvailabilityAnswer {
  const r = readMessage(message, {
    colourWords: index.colourWords,
    namedSizes: index.namedSizes,
    known: (w) => index.isKnownWord(w) || product.kindTerms.has(stem(w)),
  });
  const who = { women: product.sex === 'women', kids: product.kids };
  let variants = product.variants;
  if (r.sizes.length) variants = variants.filter((v) => sizeMatches(v.facets, r.sizes, who) === 'fits');
  if (r.colours.length)
    variants = variants.filter(
      (v) => v.colour && r.colours.some((w) => colourMatches(v.colour as NonNullable<typeof v.colour>, w, false)),
    );
  const asked = [
    r.sizes.length ? `${r.sizes.map(describeAsk).join(' or ')}` : '',
    r.colours.map((c) => c.text.trim()).join(' or '),
  ]
    .filter(Boolean)
    .join(', ');
  const title = product.title;
  if (!variants.length) {
    const all = sizeList(product.variants);
    return {
      picks: [],
      sizes: r.sizes,
      reply: `The ${title} does not come in ${asked || 'that'}${all ? ` — it comes in ${all}` : ''}.`,
    };
  }
  // without a size or colour asked, the variant in hand comes first; then what is on the shelf here
  const held = asked ? null : (variants.find((v) => v.sku === heldSku) ?? null);
  const withStock = variants.map((v) => ({ v, here: stock.here(v.variantId) }));
  withStock.sort((a, b) => Number(b.v === held) - Number(a.v === held) || b.here - a.here);
  const here = withStock.filter((x) => x.here > 0);
  const colourWord = (v: IndexedVariant) =>
    [v.size && !r.sizes.length ? `size ${v.size}` : '', v.color ?? ''].filter(Boolean).join(' ') || 'it';
  let reply: string;
  if (here.length) {
    const parts = here.slice(0, 4).map((x) => `${x.here} in ${colourWord(x.v)}`);
    reply = `Yes — the ${title}${asked ? ` in ${asked}` : ''}: ${parts.join(', ')} here.`;
  } else {
    const elsewhere = withStock.flatMap((x) =>
      stock
        .elsewhere(x.v.variantId)
        .map((e) => `${e.quantity} at ${e.store}${withStock.length > 1 ? ` (${colourWord(x.v)})` : ''}`),
    );
    reply = `Not here${asked ? ` in ${asked}` : ''}: the ${title} ${elsewhere.length ? `is at other stores — ${elsewhere.slice(0, 3).join(', ')} — and can be ordered in` : 'is not in stock at the other stores either'}.`;
  }
  const picks: Pick[] = withStock.slice(0, 5).map((x, i) => ({
    product,
    variant: x.v,
    stockHere: x.here,
    kind: x.here > 0 ? 'match' : 'alternative',
    broken: x.here > 0 ? [] : ['stock'],
    score: 1 - i / 10,
    why: ['The product in the customer’s hand'],
  }));
  return { picks, reply, sizes: r.sizes };
}
