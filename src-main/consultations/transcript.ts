/**
 * What a finished consultation sends to HQ besides its summary: the transcript Replay needs —
 * messages, the cards shown (SKU, title, price), the associate's feedback on them, and the
 * consultation's events — so a manager at head office replays it as the store manager would.
 * Customer contact details never leave the laptop: e-mail addresses and phone numbers typed into
 * messages or reasons are masked the way Review's export masks them, and the customer context
 * (sizes, history) and the copilot's working memory stay on the laptop; the customer is only the label
 * Review shows ("Ana K.").
 */
import type Database from 'better-sqlite3';
import { maskContacts } from '../review/export';

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

type Row = Record<string, unknown>;

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
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

/** The transcript of one consultation as it is pushed (queries of the consultation log). */
export function readTranscript(sqlite: Database.Database, consultationId: string): PushedTranscript {
  const associate = sqlite
    .prepare('SELECT a.name FROM consultations c JOIN associates a ON a.id = c.associate_id WHERE c.id = ?')
    .pluck()
    .get(consultationId);
  const messages = sqlite
    .prepare(
      `SELECT id, turn, role, content, engine, model, constraints, questions, status,
              first_suggestion_ms AS firstSuggestionMs,
              full_reply_ms AS fullReplyMs, fallback, created_at AS at
       FROM consultation_messages WHERE consultation_id = ? ORDER BY turn, id`,
    )
    .all(consultationId) as Row[];
  const suggestions = sqlite
    .prepare(
      `SELECT s.id, s.message_id AS messageId, s.sku, p.title, coalesce(v.sale_price, v.price) AS price, v.currency,
              s.rank,
              s.reasons, s.strategy, s.engine, s.score, s.grounded, s.shown, s.liked, s.rejected,
              s.reject_reason AS rejectReason,
              s.shortlisted, s.bought
       FROM consultation_suggestions s
       LEFT JOIN variants v ON v.id = s.variant_id OR (s.variant_id IS NULL AND v.sku = s.sku)
       LEFT JOIN products p ON p.id = v.product_id
       WHERE s.consultation_id = ? GROUP BY s.id ORDER BY s.message_id, s.rank, s.id`,
    )
    .all(consultationId) as Row[];
  const events = sqlite
    .prepare('SELECT id, type, payload, at FROM consultation_events WHERE consultation_id = ? ORDER BY at, id')
    .all(consultationId) as Row[];
  return {
    associateName: str(associate),
    messages: messages.map((m) => ({
      id: Number(m.id),
      turn: Number(m.turn),
      role: String(m.role),
      content: maskContacts(String(m.content)),
      engine: str(m.engine),
      model: str(m.model),
      constraints: pushedConstraints(parseJson<Record<string, unknown>>(m.constraints)),
      questions: parseJson<string[]>(m.questions)?.map((q) => maskContacts(q)) ?? null,
      status: String(m.status),
      firstSuggestionMs: num(m.firstSuggestionMs),
      fullReplyMs: num(m.fullReplyMs),
      fallback: str(m.fallback),
      at: String(m.at),
    })),
    suggestions: suggestions.map((s) => ({
      id: Number(s.id),
      messageId: num(s.messageId),
      sku: String(s.sku),
      title: str(s.title),
      price: num(s.price),
      currency: str(s.currency),
      rank: Number(s.rank),
      reasons: (parseJson<string[]>(s.reasons) ?? []).map((r) => maskContacts(r)),
      strategy: String(s.strategy),
      engine: String(s.engine),
      score: num(s.score),
      grounded: !!s.grounded,
      shown: !!s.shown,
      liked: !!s.liked,
      rejected: !!s.rejected,
      rejectReason: s.rejectReason === null ? null : maskContacts(String(s.rejectReason)),
      shortlisted: !!s.shortlisted,
      bought: !!s.bought,
    })),
    events: events.map((e) => ({
      id: Number(e.id),
      type: String(e.type),
      payload: maskPayload(parseJson<Record<string, unknown>>(e.payload)) as Record<string, unknown> | null,
      at: String(e.at),
    })),
  };
}
