/**
 * Pure logic of the consultation screen, free of React so tests/unit/renderer can check it:
 * - the live overlay of streaming LLM replies, built from 'copilot.stream' events;
 * - a sent turn merged into the cached consultation (no re-read of the whole consultation);
 * - the conversation as turns (associate message, then the replies it got, each with its cards);
 * - the shortlist and basket arithmetic (money in minor units, never floats);
 * - what a clarifying-question chip puts in the reply box.
 */
import type { CallOutput, ConsultationDetail, EventPayload, StoredSuggestion } from '../../../../src-main/contract';
import { OUTCOME_LABELS as CONTRACT_OUTCOME_LABELS } from '../../../../src-main/contract';

export type StreamEvent = EventPayload<'copilot.stream'>;
export type ConsultationMessage = ConsultationDetail['messages'][number];

/** An LLM reply being written right now (or just finished, until the saved copy is re-read). */
export interface LiveReply {
  turnId: string;
  turn: number;
  text: string;
  provider: string | null;
  model: string | null;
  status: 'waiting' | 'streaming' | 'complete' | 'stopped' | 'error' | 'fallback';
  /** the last provider error, shown while a fallback is tried */
  error: string | null;
}

export type LiveReplies = Record<string, LiveReply>;

/** "c-123:4" and "c-123:4.1" (a regenerated attempt) are both turn 4. */
export function turnOfTurnId(turnId: string): number {
  const m = /:(\d+)(?:\.\d+)?$/.exec(turnId);
  return m ? Number(m[1]) : 0;
}

function obj(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
}

function blank(turnId: string): LiveReply {
  return { turnId, turn: turnOfTurnId(turnId), text: '', provider: null, model: null, status: 'waiting', error: null };
}

/** A turn whose answer says an LLM reply will follow: show "waiting" until its first event arrives. */
export function expectReply(live: LiveReplies, turnId: string): LiveReplies {
  if (live[turnId]) return live;
  return { ...live, [turnId]: blank(turnId) };
}

/**
 * Folds one stream event into the overlay. Events can arrive before the call that caused them has
 * answered (main emits while handling it), so an unknown turnId starts a new entry.
 */
export function applyStreamEvent(live: LiveReplies, e: StreamEvent): LiveReplies {
  const p = obj(e.payload);
  const cur = live[e.turnId];
  switch (e.kind) {
    case 'engine': {
      if (p.engine !== 'llm') return live;
      const next = cur ?? blank(e.turnId);
      return {
        ...live,
        [e.turnId]: {
          ...next,
          status: 'streaming',
          provider: (p.provider as string) ?? null,
          model: (p.model as string) ?? null,
        },
      };
    }
    case 'delta': {
      const next = cur ?? { ...blank(e.turnId), status: 'streaming' as const };
      return { ...live, [e.turnId]: { ...next, status: 'streaming', text: next.text + String(p.text ?? '') } };
    }
    case 'error': {
      if (!cur) return live;
      return {
        ...live,
        [e.turnId]: { ...cur, error: `${String(p.provider ?? 'LLM')}: ${String(p.message ?? 'failed')}` },
      };
    }
    case 'done': {
      // the local engine's own "done" (no LLM configured) needs no overlay
      if (!cur) return live;
      const status: LiveReply['status'] =
        p.engine === 'llm' ? ((p.status as LiveReply['status']) ?? 'complete') : 'fallback';
      return { ...live, [e.turnId]: { ...cur, status, text: typeof p.reply === 'string' ? p.reply : cur.text } };
    }
    default:
      return live;
  }
}

export function isStreaming(r: LiveReply): boolean {
  return r.status === 'waiting' || r.status === 'streaming';
}

export interface ReplyView {
  message: ConsultationMessage;
  suggestions: StoredSuggestion[];
}

export interface TurnView {
  turn: number;
  associate: ConsultationMessage | null;
  replies: ReplyView[];
}

/** The saved conversation as turns, in order; each reply carries the cards it showed, best first. */
export function groupTurns(detail: Pick<ConsultationDetail, 'messages' | 'suggestions'>): TurnView[] {
  const byMessage = new Map<number, StoredSuggestion[]>();
  for (const s of detail.suggestions) {
    if (s.messageId === null) continue;
    let list = byMessage.get(s.messageId);
    if (!list) byMessage.set(s.messageId, (list = []));
    list.push(s);
  }
  for (const list of byMessage.values()) list.sort((a, b) => a.rank - b.rank);
  const turns = new Map<number, TurnView>();
  for (const m of detail.messages) {
    let t = turns.get(m.turn);
    if (!t) turns.set(m.turn, (t = { turn: m.turn, associate: null, replies: [] }));
    if (m.role === 'associate') t.associate = m;
    else t.replies.push({ message: m, suggestions: byMessage.get(m.id) ?? [] });
  }
  return [...turns.values()].sort((a, b) => a.turn - b.turn);
}

/** The reply whose cards fill the board: the chosen one, else the newest reply that has cards. */
export function focusedReply(turns: TurnView[], chosenMessageId: number | null): ReplyView | null {
  const all = turns.flatMap((t) => t.replies);
  if (chosenMessageId !== null) {
    const chosen = all.find((r) => r.message.id === chosenMessageId);
    if (chosen) return chosen;
  }
  for (let i = all.length - 1; i >= 0; i--) if (all[i]!.suggestions.length) return all[i]!;
  return null;
}

/**
 * The cards on the board for the reply in focus. An LLM reply names only its picks, so they lead and
 * the local engine's other cards for the same request follow (each SKU once); any other reply shows
 * exactly its own cards.
 */
export function boardCards(turns: TurnView[], focus: ReplyView | null): StoredSuggestion[] {
  if (!focus) return [];
  if (focus.message.engine !== 'llm') return focus.suggestions;
  const turn = turns.find((t) => t.replies.includes(focus));
  const main = turn?.replies.find((r) => r.message.engine !== 'llm' && r.suggestions.length > 0);
  const seen = new Set(focus.suggestions.map((s) => s.sku));
  return [...focus.suggestions, ...(main?.suggestions ?? []).filter((s) => !seen.has(s.sku))];
}

export interface Shortlist {
  items: StoredSuggestion[];
  total: number;
  currency: string;
}

/** Shortlisted cards, one per SKU (the same product can be suggested twice), with their total. */
export function shortlistOf(suggestions: StoredSuggestion[]): Shortlist {
  const bySku = new Map<string, StoredSuggestion>();
  for (const s of suggestions) if (s.shortlisted && !bySku.has(s.sku)) bySku.set(s.sku, s);
  const items = [...bySku.values()];
  return { items, total: items.reduce((n, s) => n + s.price, 0), currency: items[0]?.currency ?? 'GBP' };
}

/**
 * What the customer did with each product, one row per SKU: the same product can be suggested by the
 * local engine and again by the LLM or "more like this", and a reaction to any of them counts.
 */
export function reactionsBySku(suggestions: StoredSuggestion[]): StoredSuggestion[] {
  const bySku = new Map<string, StoredSuggestion>();
  for (const s of suggestions) {
    const cur = bySku.get(s.sku);
    if (!cur) {
      bySku.set(s.sku, { ...s });
      continue;
    }
    cur.liked ||= s.liked;
    cur.shortlisted ||= s.shortlisted;
    cur.bought ||= s.bought;
    if (s.rejected) {
      cur.rejected = true;
      cur.rejectReason = cur.rejectReason ?? s.rejectReason;
    }
  }
  return [...bySku.values()].filter((s) => s.liked || s.rejected || s.shortlisted || s.bought);
}

export interface BasketLine {
  sku: string;
  title: string;
  /** what the till charges now, minor units */
  unitPrice: number;
  currency: string;
  quantity: number;
}

/** The basket value an associate sees before saving; main prices it again from the database. */
export function basketTotals(lines: BasketLine[]): {
  value: number;
  units: number;
  currency: string | null;
  mixedCurrencies: boolean;
} {
  let value = 0;
  let units = 0;
  const currencies = new Set<string>();
  for (const l of lines) {
    if (l.quantity <= 0) continue;
    value += l.unitPrice * l.quantity;
    units += l.quantity;
    currencies.add(l.currency);
  }
  return { value, units, currency: currencies.size ? [...currencies][0]! : null, mixedCurrencies: currencies.size > 1 };
}

/** Adds a SKU to the basket, or one more of it when it is already there. */
export function addToBasket(lines: BasketLine[], line: Omit<BasketLine, 'quantity'>, quantity = 1): BasketLine[] {
  const i = lines.findIndex((l) => l.sku === line.sku);
  if (i < 0) return [...lines, { ...line, quantity }];
  return lines.map((l, j) => (j === i ? { ...l, quantity: Math.min(99, l.quantity + quantity) } : l));
}

/**
 * What a clarifying-question chip puts in the reply box: the start of the answer, so the associate
 * only types the missing words ("Budget up to £" + "150"). Unknown questions start a plain answer.
 */
export function replyStarter(question: string, currency: string | null = null): string {
  const q = question.toLowerCase();
  if (/budget|spend|price/.test(q)) return `Budget up to ${currency ? currencySymbol(currency) : ''}`;
  if (/shoe size/.test(q)) return /\(uk\)/.test(q) ? 'Shoe size UK ' : 'Shoe size ';
  if (/\bsize\b/.test(q)) return 'Usually a size ';
  if (/woman, a man or a child|for a woman|for a man|who is it for/.test(q)) return "It's for a ";
  if (/colou?r/.test(q)) return 'Colour: ';
  if (/what (is it|will it be) for|what for|activity|use it/.test(q)) return "It's for ";
  return '';
}

export const REJECT_REASONS = ['Price', 'Style', 'Fit', 'Colour'] as const;

/** The names a consultation's outcome goes by on screen. */
/** the contract's one set of outcome names (the end dialog's words), indexable by any stored string */
export const OUTCOME_LABELS: Record<string, string> = CONTRACT_OUTCOME_LABELS;

/** "€" for EUR, "US$" for USD in an en-GB screen: the symbol the store's money is written with. */
export function currencySymbol(currency: string): string {
  try {
    return (
      new Intl.NumberFormat('en-GB', { style: 'currency', currency })
        .formatToParts(0)
        .find((p) => p.type === 'currency')?.value ?? `${currency} `
    );
  } catch {
    return `${currency} `;
  }
}

/**
 * The cached consultation with a sent turn in it: the turn's stored messages and cards are added, the turn counts,
 * and a reply still streaming is pending. A copy already in the cache wins: it was read after the turn was stored
 * (a re-read after the LLM reply ended can overtake the send's answer), so it is never older.
 */
export function withTurn(detail: ConsultationDetail, turn: CallOutput<'copilot.send'>): ConsultationDetail {
  const haveMessages = new Set(detail.messages.map((m) => m.id));
  const haveSuggestions = new Set(detail.suggestions.map((s) => s.suggestionId));
  const messages = [...detail.messages, ...turn.stored.messages.filter((m) => !haveMessages.has(m.id))].sort(
    (a, b) => a.id - b.id,
  );
  const suggestions = [
    ...detail.suggestions,
    ...turn.stored.suggestions.filter((s) => !haveSuggestions.has(s.suggestionId)),
  ].sort((a, b) => a.suggestionId - b.suggestionId);
  const added = messages.length > detail.messages.length;
  // still streaming only if no re-read has already seen this turn's end (which would have added its messages)
  const pendingTurns =
    turn.llmPending && added && !detail.pendingTurns.includes(turn.turnId)
      ? [...detail.pendingTurns, turn.turnId]
      : detail.pendingTurns;
  const turns = messages.filter((m) => m.role === 'associate').length;
  return { ...detail, consultation: { ...detail.consultation, turns }, messages, suggestions, pendingTurns };
}
