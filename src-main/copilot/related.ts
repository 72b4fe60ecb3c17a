/**
 * "More like this" and "goes with" on a suggestion card. The local engine answers from the card's own
 * facts (category, size, price; or the lexicon's complements of its category), so it works offline
 * and before the recommender is trained. The answer is saved as one more assistant reply of the
 * current turn, carrying the turn's constraints forward unchanged, so the next message still refines
 * the original request; its cards are grounded like any other and can be liked, shortlisted, bought.
 */
import { groundedSuggestionProduct, lastLocalConstraints, skusOfProduct } from './queries';
import type { AppRuntime } from '../app/runtime';
import { AppError } from '../contract/errors';
import type { CopilotConstraints, CopilotTurn, SuggestionCard } from '../contract/copilot';
import { loadCustomerProfile } from '../customers/profile';
import { emptyConstraints } from './constraints';
import type { LocalCard } from './local-engine';
import type { CopilotService } from './service';

export type RelatedMode = 'more-like-this' | 'goes-with';

/** Similar means the same kind of product at a comparable price: within this share of the card's price. */
const PRICE_SPREAD = 0.4;
const K = 4;

export function relatedTurn(
  service: CopilotService,
  rt: AppRuntime,
  consultationId: string,
  suggestionId: number,
  mode: RelatedMode,
): CopilotTurn {
  const t0 = performance.now();
  const sqlite = rt.adb.sqlite;
  const c = service.log.requireOpen(consultationId);
  const src = groundedSuggestionProduct(sqlite, suggestionId);
  if (!src || src.consultationId !== consultationId)
    throw new AppError('NOT_FOUND', `Suggestion ${suggestionId} is not part of consultation ${consultationId}.`);

  const turn = Math.max(1, service.log.nextTurn(consultationId) - 1);
  const last = lastLocalConstraints(sqlite, consultationId);
  const carried: CopilotConstraints = last ? (JSON.parse(last) as CopilotConstraints) : emptyConstraints();
  const profile = c.customerId !== null ? loadCustomerProfile(sqlite, c.customerId) : null;
  // never the same product again; for "more like this", preferably nothing already on screen either
  const sameProduct = skusOfProduct(sqlite, src.productId);
  const onScreen = [...service.log.groundedSkus(consultationId)];
  const usable = (xs: LocalCard[]) => xs.filter((x) => x.productId !== src.productId && x.stockHere > 0);
  let cards: LocalCard[] = [];
  let reply: string;
  const storeId = c.storeId;
  if (mode === 'more-like-this') {
    const q: CopilotConstraints = {
      ...emptyConstraints(),
      categories: src.category ? [src.category] : [],
      sizes: src.size ? [src.size] : [],
      gender: carried.gender,
      excludeColors: carried.excludeColors,
      excludeBrands: carried.excludeBrands,
      uses: carried.uses,
      priceMin: Math.round(src.price * (1 - PRICE_SPREAD)),
      priceMax: Math.round(src.price * (1 + PRICE_SPREAD)),
    };
    let r = service.engine.suggest(q, { profile, storeId, excludeSkus: [...sameProduct, ...onScreen], k: K });
    if (!usable(r.cards).length) r = service.engine.suggest(q, { profile, storeId, excludeSkus: sameProduct, k: K });
    cards = r.cards.map((x) => ({ ...x, reasons: [`Similar to the ${src.title}`, ...x.reasons] }));
    reply = cards.length
      ? `More like the ${src.title}: ${cards.length} ${cards.length === 1 ? 'option' : 'options'}${r.relaxed ? ` (nothing matched exactly; I relaxed the ${r.relaxed})` : ''}.`
      : `Nothing else like the ${src.title} is in stock here right now.`;
  } else {
    // complements from the catalog's own relations, for the person and sizes of this conversation
    cards = service.engine
      .goesWith(src.productId, carried, { profile, storeId, excludeSkus: sameProduct })
      .map((x) => ({
        ...x,
        kind: 'complement' as const,
        strategy: 'complement',
        reasons: [`Goes with the ${src.title}`, ...x.reasons.filter((r) => !r.startsWith('Goes with'))],
      }));
    reply = cards.length
      ? `To go with the ${src.title}: ${cards
          .map((x) => x.category ?? x.title)
          .filter((v, i, a) => a.indexOf(v) === i)
          .join(', ')
          .toLowerCase()}.`
      : `I have nothing marked as going with ${src.category ? `${src.category.toLowerCase()}` : 'this'} in stock here.`;
  }

  // one card per product, and only what is on the shelf here (the business rule for every suggestion)
  const seenProducts = new Set<number>();
  cards = usable(cards).filter((x) => !seenProducts.has(x.productId) && (seenProducts.add(x.productId), true));
  if (!cards.length)
    reply =
      mode === 'more-like-this'
        ? `Nothing else like the ${src.title} is in stock here right now.`
        : `I have nothing marked as going with ${src.category ? src.category.toLowerCase() : 'this'} in stock here.`;

  const ms = Math.round(performance.now() - t0);
  let ids: number[] = [];
  sqlite.transaction(() => {
    const messageId = service.log.addAssistantMessage({
      consultationId,
      turn,
      content: reply,
      engine: 'local',
      model: null,
      constraints: carried,
      questions: [],
      toolCalls: null,
      status: 'complete',
      firstSuggestionMs: ms,
      fullReplyMs: ms,
      fallback: null,
    });
    ids = service.log.addSuggestions(
      consultationId,
      messageId,
      cards.map((card, i) => ({
        sku: card.sku,
        variantId: card.variantId,
        rank: i + 1,
        reasons: card.reasons,
        strategy: card.strategy,
        engine: 'local',
        score: card.score,
        grounded: true,
      })),
    );
    service.log.event(consultationId, 'related', { mode, suggestionId, sku: src.sku, suggestions: cards.length });
  })();
  service.markSeen(
    consultationId,
    cards.map((x) => x.sku),
  );

  const suggestions: SuggestionCard[] = cards.map((x, i) => ({
    suggestionId: ids[i]!,
    sku: x.sku,
    productId: x.productId,
    title: x.title,
    brand: x.brand,
    category: x.category,
    price: x.price,
    regularPrice: x.regularPrice,
    currency: x.currency,
    size: x.size,
    color: x.color,
    stockHere: x.stockHere,
    asOf: x.asOf,
    imageUrl: x.imageUrl,
    rank: i + 1,
    reasons: x.reasons,
    kind: x.kind,
    strategy: x.strategy,
    engine: 'local',
  }));
  return {
    consultationId,
    turnId: `${consultationId}:${turn}`,
    turn,
    engine: 'local',
    model: null,
    reply,
    suggestions,
    questions: [],
    constraints: carried,
    relaxed: null,
    llmPending: false,
    fallback: null,
    firstSuggestionMs: ms,
  };
}
