/**
 * The consultation log: start, turns (associate + assistant messages with constraints, tool calls,
 * engine, timings, fallback, status), suggestions (rank, reasons, strategy, engine, grounded), card
 * actions and the end with its outcome. Everything that happens is also a consultation_events row,
 * in order, so the manager replay can show it. Ending enqueues the record for upstream sync.
 */
import crypto from 'node:crypto';
import type { Sqlite } from '../db/statements';
import { skuExists, variantCards } from '../catalog/queries';
import {
  applySuggestionAction,
  consultationSummary,
  consultationsOf,
  customerExists,
  endConsultation,
  groundedSkusOf,
  insertAssistantMessage,
  insertAssociateMessage,
  insertConsultation,
  insertEvent,
  insertSuggestion,
  isSuggestionAction,
  lastEndPayload,
  lastEventOfType,
  lastTurn,
  markSkuBought,
  messagesByIds,
  messagesOf,
  setMessageFallback,
  storedSuggestions,
  suggestionInConsultation,
  type MessageRow,
  type SuggestionFilter,
  type SummaryRow,
} from './queries';
import { AppError } from '../contract/errors';
import type {
  ConsultationDetail,
  ConsultationSummary,
  CopilotConstraints,
  InHandProduct,
  StoredSuggestion,
  StoredTurn,
} from '../contract/copilot';
import { enqueueConsultationOutbox } from './outbox';
import { readTranscript } from './transcript';

export interface StartInput {
  storeId: string;
  associateId: string;
  customerId: number | null;
  customerContext: Record<string, unknown> | null;
}

export interface AssistantMessageInput {
  consultationId: string;
  turn: number;
  content: string;
  engine: 'local' | 'llm';
  model: string | null;
  constraints: CopilotConstraints | null;
  questions: string[];
  toolCalls: unknown[] | null;
  status: 'complete' | 'stopped' | 'error';
  firstSuggestionMs: number | null;
  fullReplyMs: number | null;
  fallback: string | null;
}

export interface SuggestionInput {
  sku: string;
  variantId: number | null;
  rank: number;
  reasons: string[];
  strategy: string;
  engine: 'local' | 'llm';
  score: number | null;
  grounded: boolean;
}

const nowIso = () => new Date().toISOString();

function label(r: SummaryRow): string {
  if (r.customerId === null) return 'Walk-in';
  const name = [r.firstName, r.lastName ? `${r.lastName[0]}.` : null].filter(Boolean).join(' ');
  return name || `Customer ${r.customerId}`;
}

function toMessage(consultationId: string, m: MessageRow): ConsultationDetail['messages'][number] {
  return {
    id: m.id,
    turn: m.turn,
    turnId: turnIdOf(consultationId, m.turn),
    role: m.role,
    content: m.content,
    engine: m.engine,
    model: m.model,
    status: m.status,
    questions: m.questions ? (JSON.parse(m.questions) as string[]) : [],
    constraints: m.constraints ? (JSON.parse(m.constraints) as CopilotConstraints) : null,
    fallback: m.fallback,
    firstSuggestionMs: m.firstSuggestionMs,
    fullReplyMs: m.fullReplyMs,
    createdAt: m.createdAt,
  };
}

function toSummary(r: SummaryRow): ConsultationSummary {
  return {
    id: r.id,
    storeId: r.storeId,
    associateId: r.associateId,
    customerId: r.customerId,
    customerLabel: label(r),
    startedAt: r.startedAt,
    endedAt: r.endedAt,
    outcome: r.outcome,
    basketValue: r.basketValue,
    basketUnits: r.basketUnits,
    currency: r.currency,
    satisfaction: r.satisfaction,
    turns: r.turns,
  };
}

export function turnIdOf(consultationId: string, turn: number, attempt = 0): string {
  return attempt ? `${consultationId}:${turn}.${attempt}` : `${consultationId}:${turn}`;
}

export class ConsultationLog {
  /** upstream: queue each ended consultation for HQ — only when an HQ source is configured */
  constructor(
    private readonly sqlite: Sqlite,
    private readonly opts: { upstream: boolean } = { upstream: false },
  ) {}

  start(input: StartInput): ConsultationSummary {
    if (input.customerId !== null) {
      if (!customerExists(this.sqlite, input.customerId))
        throw new AppError('NOT_FOUND', `Customer ${input.customerId} is not in the database.`);
    }
    const id = `c-${crypto.randomUUID()}`;
    const at = nowIso();
    this.sqlite.transaction(() => {
      insertConsultation(this.sqlite, {
        id,
        storeId: input.storeId,
        associateId: input.associateId,
        customerId: input.customerId,
        startedAt: at,
        customerContext: input.customerContext ? JSON.stringify(input.customerContext) : null,
      });
      this.event(id, 'start', { associateId: input.associateId, customerId: input.customerId, storeId: input.storeId });
    })();
    return this.summary(id);
  }

  summary(id: string): ConsultationSummary {
    return toSummary(this.row(id));
  }

  private row(id: string): SummaryRow {
    const r = consultationSummary(this.sqlite, id);
    if (!r) throw new AppError('NOT_FOUND', `Consultation ${id} does not exist.`);
    return r;
  }

  requireOpen(id: string): SummaryRow {
    const r = this.row(id);
    if (r.endedAt) throw new AppError('CONFLICT', `Consultation ${id} has ended; start a new one.`);
    return r;
  }

  list(associateId: string, limit: number, openOnly: boolean): ConsultationSummary[] {
    return consultationsOf(this.sqlite, associateId, limit, openOnly).map(toSummary);
  }

  nextTurn(consultationId: string): number {
    return (lastTurn(this.sqlite, consultationId) ?? 0) + 1;
  }

  addAssociateMessage(consultationId: string, turn: number, content: string): number {
    return insertAssociateMessage(this.sqlite, consultationId, turn, content);
  }

  addAssistantMessage(m: AssistantMessageInput): number {
    return insertAssistantMessage(this.sqlite, {
      ...m,
      constraints: m.constraints ? JSON.stringify(m.constraints) : null,
      questions: JSON.stringify(m.questions),
      toolCalls: m.toolCalls ? JSON.stringify(m.toolCalls) : null,
    });
  }

  setFallback(messageId: number, fallback: string, fullReplyMs: number | null): void {
    setMessageFallback(this.sqlite, messageId, fallback, fullReplyMs);
  }

  addSuggestions(consultationId: string, messageId: number, items: SuggestionInput[]): number[] {
    return items.map((s) =>
      insertSuggestion(this.sqlite, {
        consultationId,
        messageId,
        sku: s.sku,
        variantId: s.variantId,
        rank: s.rank,
        reasons: JSON.stringify(s.reasons),
        strategy: s.strategy,
        engine: s.engine,
        score: s.score,
        grounded: s.grounded ? 1 : 0,
      }),
    );
  }

  event(consultationId: string, type: string, payload: Record<string, unknown>): void {
    insertEvent(this.sqlite, consultationId, type, JSON.stringify(payload), nowIso());
  }

  /** SKUs the copilot showed (grounded) in this consultation: the set a model may cite. */
  groundedSkus(consultationId: string): Set<string> {
    return new Set(groundedSkusOf(this.sqlite, consultationId));
  }

  suggestionAction(consultationId: string, suggestionId: number, action: string, reason: string | undefined): void {
    const row = suggestionInConsultation(this.sqlite, suggestionId, consultationId);
    if (!row)
      throw new AppError('NOT_FOUND', `Suggestion ${suggestionId} is not part of consultation ${consultationId}.`);
    if (!row.grounded)
      throw new AppError(
        'CONFLICT',
        `Suggestion ${suggestionId} was blocked by the grounding check and was never shown.`,
      );
    if (!isSuggestionAction(action)) throw new AppError('VALIDATION', `Unknown suggestion action "${action}".`);
    this.sqlite.transaction(() => {
      applySuggestionAction(this.sqlite, suggestionId, action, reason ?? null, nowIso());
      this.event(consultationId, `suggestion.${action}`, { suggestionId, ...(reason ? { reason } : {}) });
    })();
  }

  storedSuggestion(suggestionId: number): StoredSuggestion {
    const s = this.suggestions({ suggestionId }, true)[0];
    if (!s) throw new AppError('NOT_FOUND', `Suggestion ${suggestionId} does not exist.`);
    return s;
  }

  /** Stored suggestions as cards: the product facts and this store's stock as the catalog has them now. */
  suggestions(filter: SuggestionFilter, includeBlocked: boolean): StoredSuggestion[] {
    const rows = storedSuggestions(this.sqlite, filter, includeBlocked);
    const first = rows[0];
    if (!first) return [];
    // one consultation, one store: its stock is "here" on every card
    const cards = variantCards(this.sqlite, { store: first.storeId, skus: [...new Set(rows.map((r) => r.sku))] });
    const bySku = new Map(cards.map((c) => [c.sku, c]));
    return rows.map((r) => {
      const reasons = JSON.parse(r.reasons) as string[];
      const strategy = r.strategy;
      // a SKU the catalog no longer has still shows, named by its SKU
      const card = bySku.get(r.sku);
      return {
        suggestionId: r.id,
        messageId: r.messageId,
        sku: r.sku,
        productId: card?.productId ?? 0,
        title: card?.title ?? r.sku,
        brand: card?.brand ?? null,
        category: card?.category ?? null,
        price: card?.price ?? 0,
        regularPrice: card?.regularPrice ?? 0,
        currency: card?.currency ?? 'GBP',
        size: card?.size ?? null,
        color: card?.color ?? null,
        stockHere: card?.stockHere ?? 0,
        asOf: card?.asOf ?? null,
        imageUrl: card?.imageUrl ?? null,
        rank: r.rank,
        reasons,
        kind: strategy === 'complement' ? 'complement' : strategy.startsWith('relaxed') ? 'alternative' : 'match',
        strategy,
        engine: r.engine,
        grounded: !!r.grounded,
        shown: !!r.shown,
        liked: !!r.liked,
        rejected: !!r.rejected,
        rejectReason: r.rejectReason,
        shortlisted: !!r.shortlisted,
        bought: !!r.bought,
      };
    });
  }

  /** What one turn stored (the named messages and the grounded cards of its reply), as `detail` shows them. */
  storedTurn(consultationId: string, messageIds: readonly number[], replyId: number): StoredTurn {
    return {
      messages: messagesByIds(this.sqlite, consultationId, messageIds).map((m) => toMessage(consultationId, m)),
      suggestions: this.suggestions({ messageId: replyId }, false),
    };
  }

  detail(id: string, pendingTurns: string[]): ConsultationDetail {
    const r = this.row(id);
    const msgs = messagesOf(this.sqlite, id);
    return {
      consultation: {
        ...toSummary(r),
        notes: r.notes,
        customerContext: r.customerContext ? (JSON.parse(r.customerContext) as Record<string, unknown>) : null,
      },
      messages: msgs.map((m) => toMessage(id, m)),
      suggestions: this.suggestions({ consultationId: id }, false),
      pendingTurns,
      basket: this.basket(id),
      inHand: this.inHand(id),
    };
  }

  /** The product in the customer's hand: the latest 'in-hand' event (a null sku puts it down). */
  inHand(consultationId: string): InHandProduct | null {
    const e = lastEventOfType(this.sqlite, consultationId, 'in-hand');
    const sku = e?.payload ? (JSON.parse(e.payload) as { sku: string | null }).sku : null;
    if (!e || !sku) return null;
    const [card] = variantCards(this.sqlite, { store: null, skus: [sku] });
    if (!card) return null;
    const { productId, title, brand, size, color, price, currency, imageUrl } = card;
    return { sku, productId, title, brand, size, color, price, currency, imageUrl, since: e.at };
  }

  /** Puts a product in the customer's hand for this consultation (or, with null, puts it down). */
  setInHand(consultationId: string, sku: string | null): InHandProduct | null {
    if (sku !== null && !skuExists(this.sqlite, sku)) {
      throw new AppError('NOT_FOUND', `There is no product with the SKU ${sku} in this store's catalog.`);
    }
    this.event(consultationId, 'in-hand', { sku });
    return this.inHand(consultationId);
  }

  /** The basket recorded by the last `end` event, with names from the catalog (the SKU when it has gone since). */
  private basket(id: string): ConsultationDetail['basket'] {
    const payload = lastEndPayload(this.sqlite, id);
    const bought = payload
      ? ((JSON.parse(payload) as { bought?: { sku: string; quantity: number; unitPrice: number }[] }).bought ?? [])
      : [];
    const cards = new Map(
      variantCards(this.sqlite, { store: null, skus: bought.map((b) => b.sku) }).map((c) => [c.sku, c]),
    );
    return bought.map((b) => {
      const v = cards.get(b.sku);
      return {
        sku: b.sku,
        title: v?.title ?? b.sku,
        size: v?.size ?? null,
        color: v?.color ?? null,
        quantity: b.quantity,
        unitPrice: b.unitPrice,
      };
    });
  }

  /** Ends the consultation; the basket is priced from the database, never from what a caller says. */
  end(
    id: string,
    input: {
      outcome: string;
      bought: { sku: string; quantity: number }[];
      satisfaction: number | null;
      notes: string | null;
    },
  ): ConsultationSummary {
    const r = this.requireOpen(id);
    let value = 0;
    let units = 0;
    let currency: string | null = null;
    const priced: { sku: string; quantity: number; unitPrice: number }[] = [];
    for (const b of input.bought) {
      const [v] = variantCards(this.sqlite, { store: null, skus: [b.sku] });
      if (!v)
        throw new AppError('VALIDATION', `consultation.end: bought SKU "${b.sku}" is not in the catalog.`, {
          field: 'bought.sku',
        });
      if (currency && v.currency !== currency)
        throw new AppError(
          'VALIDATION',
          `consultation.end: bought items mix currencies (${currency}, ${v.currency}).`,
          { field: 'bought' },
        );
      currency = v.currency;
      value += v.price * b.quantity;
      units += b.quantity;
      priced.push({ sku: b.sku, quantity: b.quantity, unitPrice: v.price });
    }
    if (input.outcome === 'purchased' && !priced.length)
      throw new AppError('VALIDATION', 'consultation.end: outcome "purchased" needs the bought items.', {
        field: 'bought',
      });
    const at = nowIso();
    this.sqlite.transaction(() => {
      endConsultation(this.sqlite, {
        id,
        endedAt: at,
        outcome: input.outcome,
        basketValue: priced.length ? value : null,
        basketUnits: priced.length ? units : null,
        currency,
        satisfaction: input.satisfaction,
        notes: input.notes,
      });
      for (const p of priced) markSkuBought(this.sqlite, id, p.sku, at);
      this.event(id, 'end', {
        outcome: input.outcome,
        bought: priced,
        basketValue: priced.length ? value : null,
        basketUnits: priced.length ? units : null,
        satisfaction: input.satisfaction,
      });
      const summary = this.summary(id);
      if (this.opts.upstream)
        enqueueConsultationOutbox(this.sqlite, id, {
          consultation: summary,
          storeId: r.storeId,
          bought: priced,
          suggestions: this.suggestions({ consultationId: id }, true).map((s) => ({
            sku: s.sku,
            rank: s.rank,
            engine: s.engine,
            strategy: s.strategy,
            grounded: s.grounded,
            liked: s.liked,
            rejected: s.rejected,
            shortlisted: s.shortlisted,
            bought: s.bought,
          })),
          // what HQ's Replay shows: messages, cards, feedback and events, contact details masked
          transcript: readTranscript(this.sqlite, id),
        });
    })();
    return this.summary(id);
  }
}
