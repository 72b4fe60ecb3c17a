/**
 * What a finished consultation sends to HQ besides its summary: the transcript Replay needs —
 * messages, the cards shown (SKU, title, price), the associate's feedback on them, and the
 * consultation's events — so a manager at head office replays it as the store manager would.
 * Customer contact details never leave the laptop: e-mail addresses and phone numbers typed into
 * messages or reasons are masked the way Review's export masks them, and the customer context
 * (sizes, history) and the copilot's working memory stay on the laptop; the customer is only the label
 * Review shows ("Ana K.").
 */
import type { Sqlite } from '../db/statements';
import { maskContacts } from '../review/export';
import { associateNameOf, transcriptEvents, transcriptMessages, transcriptSuggestions } from './queries';

export interface PushedMessage {
  id: number;
  turn: number;
  role: string;
  content: string;
  engine: string | null;
  model: string | null;
  constraints: Record<string, unknown> | null;
  questions: string[] | null;
  status: string;
  firstSuggestionMs: number | null;
  fullReplyMs: number | null;
  fallback: string | null;
  at: string;
}

export interface PushedSuggestion {
  id: number;
  messageId: number | null;
  sku: string;
  title: string | null;
  /** minor units, what the card showed (sale price when there was one) */
  price: number | null;
  currency: string | null;
  rank: number;
  reasons: string[];
  strategy: string;
  engine: string;
  score: number | null;
  grounded: boolean;
  shown: boolean;
  liked: boolean;
  rejected: boolean;
  rejectReason: string | null;
  shortlisted: boolean;
  bought: boolean;
}

export interface PushedEvent {
  id: number;
  type: string;
  payload: Record<string, unknown> | null;
  at: string;
}

export interface PushedTranscript {
  associateName: string | null;
  messages: PushedMessage[];
  suggestions: PushedSuggestion[];
  events: PushedEvent[];
}

function parseJson<T>(v: unknown): T | null {
  if (typeof v !== 'string') return null;
  try {
    return JSON.parse(v) as T;
  } catch {
    return null;
  }
}

/** Masks contacts in free text inside a payload; ids ("turnId": "c-18c4df50-84a3-…") are not text and stay whole. */
function maskPayload(v: unknown, key = ''): unknown {
  if (typeof v === 'string') return /id$/i.test(key) ? v : maskContacts(v);
  if (Array.isArray(v)) return v.map((x) => maskPayload(x, key));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, maskPayload(x, k)]));
  return v;
}

/**
 * What the copilot understood, without its working memory: the memory keeps every word typed
 * (an e-mail address split into words too), which is the engine's business, not Review's.
 */
function pushedConstraints(c: Record<string, unknown> | null): Record<string, unknown> | null {
  if (!c) return null;
  const { memory: _memory, ...shown } = c;
  return maskPayload(shown) as Record<string, unknown>;
}
/** The transcript of one consultation as it is pushed (queries of the consultation log). */
export function readTranscript(sqlite: Sqlite, consultationId: string): PushedTranscript {
  const messages = transcriptMessages(sqlite, consultationId);
  const suggestions = transcriptSuggestions(sqlite, consultationId);
  const events = transcriptEvents(sqlite, consultationId);
  return {
    associateName: associateNameOf(sqlite, consultationId) ?? null,
    messages: messages.map((m) => ({
      id: m.id,
      turn: m.turn,
      role: m.role,
      content: maskContacts(m.content),
      engine: m.engine,
      model: m.model,
      constraints: pushedConstraints(parseJson<Record<string, unknown>>(m.constraints)),
      questions: parseJson<string[]>(m.questions)?.map((q) => maskContacts(q)) ?? null,
      status: m.status,
      firstSuggestionMs: m.firstSuggestionMs,
      fullReplyMs: m.fullReplyMs,
      fallback: m.fallback,
      at: m.at,
    })),
    suggestions: suggestions.map((s) => ({
      id: s.id,
      messageId: s.messageId,
      sku: s.sku,
      title: s.title,
      price: s.price,
      currency: s.currency,
      rank: s.rank,
      reasons: (parseJson<string[]>(s.reasons) ?? []).map((r) => maskContacts(r)),
      strategy: s.strategy,
      engine: s.engine,
      score: s.score,
      grounded: !!s.grounded,
      shown: !!s.shown,
      liked: !!s.liked,
      rejected: !!s.rejected,
      rejectReason: s.rejectReason === null ? null : maskContacts(s.rejectReason),
      shortlisted: !!s.shortlisted,
      bought: !!s.bought,
    })),
    events: events.map((e) => ({
      id: e.id,
      type: e.type,
      payload: maskPayload(parseJson<Record<string, unknown>>(e.payload)) as Record<string, unknown> | null,
      at: e.at,
    })),
  };
}
