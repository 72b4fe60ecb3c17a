/**
 * The consultation log's SQL: consultations, their messages, suggestions and events. Which
 * consultations and suggestions to read is a typed filter here, never SQL text from a caller;
 * suggestion cards take their product facts from the catalog's variant-card query.
 */
import { statement, type Sqlite } from '../db/statements';

// ── consultations ────────────────────────────────────────────────────────────

export interface SummaryRow {
  id: string;
  storeId: string;
  associateId: string;
  customerId: number | null;
  firstName: string | null;
  lastName: string | null;
  startedAt: string;
  endedAt: string | null;
  outcome: string | null;
  basketValue: number | null;
  basketUnits: number | null;
  currency: string | null;
  satisfaction: number | null;
  notes: string | null;
  customerContext: string | null;
  turns: number;
}

const SUMMARY_SQL = `SELECT c.id, c.store_id AS storeId, c.associate_id AS associateId, c.customer_id AS customerId,
       cu.first_name AS firstName, cu.last_name AS lastName, c.started_at AS startedAt, c.ended_at AS endedAt,
         c.outcome,
       c.basket_value AS basketValue, c.basket_units AS basketUnits, c.currency, c.satisfaction, c.notes,
       c.customer_context AS customerContext,
       (SELECT count(*) FROM consultation_messages m WHERE m.consultation_id = c.id AND m.role = 'associate') AS turns
  FROM consultations c LEFT JOIN customers cu ON cu.id = c.customer_id`;

export function consultationSummary(sqlite: Sqlite, id: string): SummaryRow | undefined {
  return statement<[string], SummaryRow>(sqlite, `${SUMMARY_SQL} WHERE c.id = ?`).get(id);
}

/** An associate's consultations, newest first; only the ones not ended when `openOnly`. */
export function consultationsOf(sqlite: Sqlite, associateId: string, limit: number, openOnly: boolean): SummaryRow[] {
  const sql = `${SUMMARY_SQL} WHERE c.associate_id = ? ${openOnly ? 'AND c.ended_at IS NULL' : ''}
               ORDER BY c.started_at DESC LIMIT ?`;
  return statement<[string, number], SummaryRow>(sqlite, sql).all(associateId, limit);
}

export function customerExists(sqlite: Sqlite, customerId: number): boolean {
  return (
    statement<[number], number>(sqlite, 'SELECT 1 FROM customers WHERE id = ?', 'pluck').get(customerId) !== undefined
  );
}

export function insertConsultation(
  sqlite: Sqlite,
  row: {
    id: string;
    storeId: string;
    associateId: string;
    customerId: number | null;
    startedAt: string;
    customerContext: string | null;
  },
): void {
  statement<[typeof row], never>(
    sqlite,
    `INSERT INTO consultations (id, store_id, associate_id, customer_id, started_at, customer_context, updated_at)
     VALUES (@id, @storeId, @associateId, @customerId, @startedAt, @customerContext, @startedAt)`,
  ).run(row);
}

export function endConsultation(
  sqlite: Sqlite,
  row: {
    id: string;
    endedAt: string;
    outcome: string;
    basketValue: number | null;
    basketUnits: number | null;
    currency: string | null;
    satisfaction: number | null;
    notes: string | null;
  },
): void {
  statement<[typeof row], never>(
    sqlite,
    `UPDATE consultations SET ended_at = @endedAt, outcome = @outcome, basket_value = @basketValue,
       basket_units = @basketUnits, currency = @currency, satisfaction = @satisfaction, notes = @notes,
         updated_at = @endedAt
     WHERE id = @id`,
  ).run(row);
}

// ── messages ─────────────────────────────────────────────────────────────────

export function lastTurn(sqlite: Sqlite, consultationId: string): number | null {
  return (
    statement<[string], number | null>(
      sqlite,
      'SELECT max(turn) FROM consultation_messages WHERE consultation_id = ?',
      'pluck',
    ).get(consultationId) ?? null
  );
}

export function insertAssociateMessage(sqlite: Sqlite, consultationId: string, turn: number, content: string): number {
  return Number(
    statement<[string, number, string], never>(
      sqlite,
      `INSERT INTO consultation_messages (consultation_id, turn, role, content, status)
       VALUES (?, ?, 'associate', ?, 'complete')`,
    ).run(consultationId, turn, content).lastInsertRowid,
  );
}

export interface AssistantMessageRow {
  consultationId: string;
  turn: number;
  content: string;
  engine: 'local' | 'llm';
  model: string | null;
  /** JSON */
  constraints: string | null;
  /** JSON */
  questions: string;
  /** JSON */
  toolCalls: string | null;
  status: 'complete' | 'stopped' | 'error';
  firstSuggestionMs: number | null;
  fullReplyMs: number | null;
  fallback: string | null;
}

export function insertAssistantMessage(sqlite: Sqlite, m: AssistantMessageRow): number {
  return Number(
    statement<[AssistantMessageRow], never>(
      sqlite,
      `INSERT INTO consultation_messages (consultation_id, turn, role, content, engine, model, constraints, questions,
         tool_calls, status, first_suggestion_ms, full_reply_ms, fallback)
       VALUES (@consultationId, @turn, 'assistant', @content, @engine, @model, @constraints, @questions, @toolCalls,
         @status, @firstSuggestionMs, @fullReplyMs, @fallback)`,
    ).run(m).lastInsertRowid,
  );
}

/** Records why a reply fell back (and when the full reply finished, when known). */
export function setMessageFallback(
  sqlite: Sqlite,
  messageId: number,
  fallback: string,
  fullReplyMs: number | null,
): void {
  statement<[string, number | null, number], never>(
    sqlite,
    'UPDATE consultation_messages SET fallback = ?, full_reply_ms = coalesce(?, full_reply_ms) WHERE id = ?',
  ).run(fallback, fullReplyMs, messageId);
}

export interface MessageRow {
  id: number;
  turn: number;
  role: 'associate' | 'assistant';
  content: string;
  engine: 'local' | 'llm' | null;
  model: string | null;
  status: 'complete' | 'stopped' | 'error';
  /** JSON */
  questions: string | null;
  /** JSON */
  constraints: string | null;
  fallback: string | null;
  firstSuggestionMs: number | null;
  fullReplyMs: number | null;
  createdAt: string;
}

export function messagesOf(sqlite: Sqlite, consultationId: string): MessageRow[] {
  return statement<[string], MessageRow>(
    sqlite,
    `SELECT id, turn, role, content, engine, model, status, questions, constraints, fallback,
            first_suggestion_ms AS firstSuggestionMs, full_reply_ms AS fullReplyMs, created_at AS createdAt
     FROM consultation_messages WHERE consultation_id = ? ORDER BY id`,
  ).all(consultationId);
}

/** The named messages of one consultation, in stored order (ids of another consultation are ignored). */
export function messagesByIds(sqlite: Sqlite, consultationId: string, ids: readonly number[]): MessageRow[] {
  return statement<[string, string], MessageRow>(
    sqlite,
    `SELECT id, turn, role, content, engine, model, status, questions, constraints, fallback,
            first_suggestion_ms AS firstSuggestionMs, full_reply_ms AS fullReplyMs, created_at AS createdAt
     FROM consultation_messages
     WHERE consultation_id = ? AND id IN (SELECT value FROM json_each(?)) ORDER BY id`,
  ).all(consultationId, JSON.stringify(ids));
}

// ── suggestions ──────────────────────────────────────────────────────────────

export interface SuggestionInsertRow {
  consultationId: string;
  messageId: number;
  sku: string;
  variantId: number | null;
  rank: number;
  /** JSON */
  reasons: string;
  strategy: string;
  engine: 'local' | 'llm';
  score: number | null;
  grounded: 0 | 1;
}

/** A new suggestion; a grounded one counts as shown. */
export function insertSuggestion(sqlite: Sqlite, row: SuggestionInsertRow): number {
  return Number(
    statement<[SuggestionInsertRow], never>(
      sqlite,
      `INSERT INTO consultation_suggestions (consultation_id, message_id, sku, variant_id, rank, reasons,
        strategy, engine,
         score, grounded, shown)
       VALUES (@consultationId, @messageId, @sku, @variantId, @rank, @reasons, @strategy, @engine, @score, @grounded,
         @grounded)`,
    ).run(row).lastInsertRowid,
  );
}

export function groundedSkusOf(sqlite: Sqlite, consultationId: string): string[] {
  return statement<[string], string>(
    sqlite,
    'SELECT DISTINCT sku FROM consultation_suggestions WHERE consultation_id = ? AND grounded = 1',
    'pluck',
  ).all(consultationId);
}

export interface SuggestionGroundingRow {
  id: number;
  grounded: number;
}

export function suggestionInConsultation(
  sqlite: Sqlite,
  suggestionId: number,
  consultationId: string,
): SuggestionGroundingRow | undefined {
  return statement<[number, string], SuggestionGroundingRow>(
    sqlite,
    'SELECT id, grounded FROM consultation_suggestions WHERE id = ? AND consultation_id = ?',
  ).get(suggestionId, consultationId);
}

/** What an associate can do to a card, and the columns each action sets. */
const ACTION_SETS = {
  shown: 'shown = 1',
  liked: 'liked = 1, rejected = 0',
  unliked: 'liked = 0',
  rejected: 'rejected = 1, liked = 0, reject_reason = @reason',
  unrejected: 'rejected = 0, reject_reason = NULL',
  shortlisted: 'shortlisted = 1',
  unshortlisted: 'shortlisted = 0',
  bought: 'bought = 1',
} as const;

export type SuggestionAction = keyof typeof ACTION_SETS;

export function isSuggestionAction(action: string): action is SuggestionAction {
  return Object.prototype.hasOwnProperty.call(ACTION_SETS, action);
}

export function applySuggestionAction(
  sqlite: Sqlite,
  suggestionId: number,
  action: SuggestionAction,
  reason: string | null,
  at: string,
): void {
  statement<[{ id: number; reason: string | null; at: string }], never>(
    sqlite,
    `UPDATE consultation_suggestions SET ${ACTION_SETS[action]}, updated_at = @at WHERE id = @id`,
  ).run({ id: suggestionId, reason, at });
}

export function markSkuBought(sqlite: Sqlite, consultationId: string, sku: string, at: string): void {
  statement<[string, string, string], never>(
    sqlite,
    `UPDATE consultation_suggestions SET bought = 1, updated_at = ?
     WHERE consultation_id = ? AND sku = ? AND grounded = 1`,
  ).run(at, consultationId, sku);
}

/** Which stored suggestions to read: one by id, or a whole consultation's. */
export type SuggestionFilter = { suggestionId: number } | { consultationId: string } | { messageId: number };

export interface StoredSuggestionRow {
  id: number;
  consultationId: string;
  /** the consultation's store: whose stock the card shows as "here" */
  storeId: string;
  messageId: number | null;
  sku: string;
  rank: number;
  /** JSON */
  reasons: string;
  strategy: string;
  engine: 'local' | 'llm';
  grounded: number;
  shown: number;
  liked: number;
  rejected: number;
  rejectReason: string | null;
  shortlisted: number;
  bought: number;
}

/** Stored suggestions in the order they were made; blocked (ungrounded) ones only with `includeBlocked`. */
export function storedSuggestions(
  sqlite: Sqlite,
  filter: SuggestionFilter,
  includeBlocked: boolean,
): StoredSuggestionRow[] {
  const [where, key] =
    'suggestionId' in filter
      ? ['s.id = ?', filter.suggestionId]
      : 'messageId' in filter
        ? ['s.message_id = ?', filter.messageId]
        : ['s.consultation_id = ?', filter.consultationId];
  const sql = `SELECT s.id, s.consultation_id AS consultationId, c.store_id AS storeId,
    s.message_id AS messageId, s.sku,
                      s.rank, s.reasons, s.strategy, s.engine, s.grounded, s.shown, s.liked, s.rejected,
                      s.reject_reason AS rejectReason, s.shortlisted, s.bought
               FROM consultation_suggestions s JOIN consultations c ON c.id = s.consultation_id
               WHERE ${where} ${includeBlocked ? '' : 'AND s.grounded = 1'}
               ORDER BY s.id`;
  return statement<[number | string], StoredSuggestionRow>(sqlite, sql).all(key);
}

// ── events ───────────────────────────────────────────────────────────────────

export function insertEvent(sqlite: Sqlite, consultationId: string, type: string, payload: string, at: string): void {
  statement<[string, string, string, string], never>(
    sqlite,
    'INSERT INTO consultation_events (consultation_id, type, payload, at) VALUES (?, ?, ?, ?)',
  ).run(consultationId, type, payload, at);
}

/** The payload (JSON) of the consultation's last `end` event. */
export function lastEndPayload(sqlite: Sqlite, consultationId: string): string | null | undefined {
  return statement<[string], string | null>(
    sqlite,
    `SELECT payload FROM consultation_events WHERE consultation_id = ? AND type = 'end' ORDER BY id DESC LIMIT 1`,
    'pluck',
  ).get(consultationId);
}

/** The payload (JSON) and time of the consultation's last event of one type. */
export function lastEventOfType(
  sqlite: Sqlite,
  consultationId: string,
  type: string,
): { payload: string | null; at: string } | undefined {
  return statement<[string, string], { payload: string | null; at: string }>(
    sqlite,
    'SELECT payload, at FROM consultation_events WHERE consultation_id = ? AND type = ? ORDER BY id DESC LIMIT 1',
  ).get(consultationId, type);
}

// ── the transcript pushed to HQ ──────────────────────────────────────────────

/** The name of the associate who held the consultation; undefined for an unknown consultation. */
export function associateNameOf(sqlite: Sqlite, consultationId: string): string | undefined {
  return statement<[string], string>(
    sqlite,
    'SELECT a.name FROM consultations c JOIN associates a ON a.id = c.associate_id WHERE c.id = ?',
    'pluck',
  ).get(consultationId);
}

export interface TranscriptMessageRow {
  id: number;
  turn: number;
  role: string;
  content: string;
  engine: string | null;
  model: string | null;
  /** JSON */
  constraints: string | null;
  /** JSON */
  questions: string | null;
  status: string;
  firstSuggestionMs: number | null;
  fullReplyMs: number | null;
  fallback: string | null;
  at: string;
}

export function transcriptMessages(sqlite: Sqlite, consultationId: string): TranscriptMessageRow[] {
  return statement<[string], TranscriptMessageRow>(
    sqlite,
    `SELECT id, turn, role, content, engine, model, constraints, questions, status,
            first_suggestion_ms AS firstSuggestionMs, full_reply_ms AS fullReplyMs, fallback, created_at AS at
     FROM consultation_messages WHERE consultation_id = ? ORDER BY turn, id`,
  ).all(consultationId);
}

export interface TranscriptSuggestionRow {
  id: number;
  messageId: number | null;
  sku: string;
  /** null when the SKU has left the catalog since */
  title: string | null;
  price: number | null;
  currency: string | null;
  rank: number;
  /** JSON */
  reasons: string | null;
  strategy: string;
  engine: string;
  score: number | null;
  grounded: number;
  shown: number;
  liked: number;
  rejected: number;
  rejectReason: string | null;
  shortlisted: number;
  bought: number;
}

/**
 * Every card of the consultation with the catalog's title and price. Not the variant-card query: a
 * card whose variant row was replaced is still found by its SKU, and one that has gone stays with nulls.
 */
export function transcriptSuggestions(sqlite: Sqlite, consultationId: string): TranscriptSuggestionRow[] {
  return statement<[string], TranscriptSuggestionRow>(
    sqlite,
    `SELECT s.id, s.message_id AS messageId, s.sku, p.title, coalesce(v.sale_price, v.price) AS price, v.currency,
            s.rank, s.reasons, s.strategy, s.engine, s.score, s.grounded, s.shown, s.liked, s.rejected,
            s.reject_reason AS rejectReason, s.shortlisted, s.bought
     FROM consultation_suggestions s
     LEFT JOIN variants v ON v.id = s.variant_id OR (s.variant_id IS NULL AND v.sku = s.sku)
     LEFT JOIN products p ON p.id = v.product_id
     WHERE s.consultation_id = ? GROUP BY s.id ORDER BY s.message_id, s.rank, s.id`,
  ).all(consultationId);
}

export interface TranscriptEventRow {
  id: number;
  type: string;
  /** JSON */
  payload: string | null;
  at: string;
}

export function transcriptEvents(sqlite: Sqlite, consultationId: string): TranscriptEventRow[] {
  return statement<[string], TranscriptEventRow>(
    sqlite,
    'SELECT id, type, payload, at FROM consultation_events WHERE consultation_id = ? ORDER BY at, id',
  ).all(consultationId);
}
