/**
 * Review's SQL: the consultation list (one page, or every id for a message search), one
 * consultation's replay (messages, suggestions, events, coaching notes), the coaching writes, the
 * export's rows and the access log. Which consultations a viewer sees is the typed filter and scope;
 * the WHERE clause they become (consultation-filter.ts) stays inside this layer.
 */
import type { z } from 'zod';
import type { ConsultationFilter, coachingNoteView, reviewListInput } from '../contract/review';
import type { ViewScope } from '../auth/scope';
import { statement, type Sqlite } from '../db/statements';
import type { TranscriptMessageRow } from '../consultations/queries';
import { whereFor } from './consultation-filter';

type ListSort = z.output<typeof reviewListInput>['sort'];
export type NoteView = z.infer<typeof coachingNoteView>;

const ORDER: Record<ListSort, string> = {
  started_desc: 'c.started_at DESC, c.id DESC',
  started_asc: 'c.started_at ASC, c.id ASC',
  basket_desc: 'c.basket_value IS NULL, c.basket_value DESC, c.started_at DESC',
  satisfaction_desc: 'c.satisfaction IS NULL, c.satisfaction DESC, c.started_at DESC',
  satisfaction_asc: 'c.satisfaction IS NULL, c.satisfaction ASC, c.started_at DESC',
  duration_desc: 'c.ended_at IS NULL, julianday(c.ended_at) - julianday(c.started_at) DESC, c.started_at DESC',
};

/**
 * Per-row figures: counts the KPIs use come from the consultation's facts row (kept by triggers,
 * the same numbers the KPIs add up); the rest are correlated subqueries, cheap for one page.
 */
const ROW_SELECT = `
  c.id, c.started_at AS startedAt, c.ended_at AS endedAt, c.associate_id AS associateId,
  a.name AS associateName, c.customer_id AS customerId,
  TRIM(COALESCE(cu.first_name, '') || ' ' || COALESCE(cu.last_name, '')) AS customerName,
    cu.external_id AS customerExternalId,
  c.outcome, c.basket_value AS basketValue, c.basket_units AS basketUnits, c.currency, c.satisfaction,
  c.transcript_purged_at AS transcriptPurgedAt,
  COALESCE(f.turns, 0) AS turns,
  COALESCE(f.shown, 0) AS suggestionsShown,
  COALESCE(f.accepted, 0) AS suggestionsAccepted,
  (SELECT GROUP_CONCAT(DISTINCT engine) FROM consultation_messages m
    WHERE m.consultation_id = c.id AND m.role = 'assistant' AND m.engine IS NOT NULL) AS engines,
  COALESCE(f.fallbacks, 0) AS fallbacks,
  COALESCE(f.stopped, 0) AS stoppedReplies,
  (SELECT COUNT(*) FROM coaching_notes n WHERE n.consultation_id = c.id) AS coachingNotes,
  (SELECT COUNT(*) FROM consultation_messages m WHERE m.consultation_id = c.id AND m.good_example = 1) AS goodExamples`;

const FROM_CONSULTATIONS = `FROM consultations c
  LEFT JOIN associates a ON a.id = c.associate_id
  LEFT JOIN customers cu ON cu.id = c.customer_id
  LEFT JOIN consultation_facts f ON f.consultation_id = c.id`;

/** One consultation as a list row reads it. */
export interface RawRow {
  id: string;
  startedAt: string;
  endedAt: string | null;
  associateId: string;
  /** null when the laptop has no such person (nobody signed in): Review words it with associateLabel */
  associateName: string | null;
  customerId: number | null;
  customerName: string;
  customerExternalId: string | null;
  outcome: string | null;
  basketValue: number | null;
  basketUnits: number | null;
  currency: string | null;
  satisfaction: number | null;
  transcriptPurgedAt: string | null;
  turns: number;
  suggestionsShown: number;
  suggestionsAccepted: number;
  engines: string | null;
  fallbacks: number;
  stoppedReplies: number;
  coachingNotes: number;
  goodExamples: number;
}

/** Which consultations: the filter, within what the viewer may see, days cut in the store's zone. */
export interface Visible {
  filter: ConsultationFilter;
  scope: ViewScope;
  timeZone: string | null;
}

/** Every matching consultation's id, in the list's order. */
export function consultationIds(sqlite: Sqlite, v: Visible, sort: ListSort): string[] {
  const where = whereFor(v.filter, v.scope, v.timeZone);
  return statement<unknown[], string>(
    sqlite,
    `SELECT c.id FROM consultations c WHERE ${where.sql} ORDER BY ${ORDER[sort]}`,
    'pluck',
  ).all(...where.params);
}

export function consultationCount(sqlite: Sqlite, v: Visible): number {
  const where = whereFor(v.filter, v.scope, v.timeZone);
  return (
    statement<unknown[], number>(sqlite, `SELECT COUNT(*) FROM consultations c WHERE ${where.sql}`, 'pluck').get(
      ...where.params,
    ) ?? 0
  );
}

/** One page of the list. */
export function consultationPage(sqlite: Sqlite, v: Visible, sort: ListSort, limit: number, offset: number): RawRow[] {
  const where = whereFor(v.filter, v.scope, v.timeZone);
  return statement<unknown[], RawRow>(
    sqlite,
    `SELECT ${ROW_SELECT} ${FROM_CONSULTATIONS} WHERE ${where.sql} ORDER BY ${ORDER[sort]} LIMIT ? OFFSET ?`,
  ).all(...where.params, limit, offset);
}

/** List rows of these consultations, in no particular order. */
export function consultationRows(sqlite: Sqlite, ids: readonly string[]): RawRow[] {
  if (!ids.length) return [];
  return statement<[string], RawRow>(
    sqlite,
    `SELECT ${ROW_SELECT} ${FROM_CONSULTATIONS} WHERE c.id IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify(ids));
}

/** One consultation's list row, when the viewer may see it. */
export function visibleConsultation(sqlite: Sqlite, consultationId: string, scope: ViewScope): RawRow | undefined {
  const where = whereFor({}, scope);
  return statement<unknown[], RawRow>(
    sqlite,
    `SELECT ${ROW_SELECT} ${FROM_CONSULTATIONS} WHERE c.id = ? AND ${where.sql}`,
  ).get(consultationId, ...where.params);
}

/** The first message of a consultation containing a text (case-insensitive). */
export function firstMessageContaining(sqlite: Sqlite, consultationId: string, text: string): string | undefined {
  return statement<[string, string], string>(
    sqlite,
    `SELECT content FROM consultation_messages WHERE consultation_id = ? AND instr(lower(content), lower(?)) > 0
     ORDER BY turn, id LIMIT 1`,
    'pluck',
  ).get(consultationId, text);
}

// ── replay ───────────────────────────────────────────────────────────────────

export interface ReplayExtrasRow {
  storeId: string;
  notes: string | null;
  customerContext: string | null;
}

export function replayExtras(sqlite: Sqlite, consultationId: string): ReplayExtrasRow | undefined {
  return statement<[string], ReplayExtrasRow>(
    sqlite,
    'SELECT store_id AS storeId, notes, customer_context AS customerContext FROM consultations WHERE id = ?',
  ).get(consultationId);
}

export interface ReplaySuggestionRow {
  id: number;
  messageId: number | null;
  sku: string;
  /** the product's title when the catalog still has the SKU */
  title: string | null;
  rank: number;
  /** JSON */
  reasons: string;
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

export function replaySuggestions(sqlite: Sqlite, consultationId: string): ReplaySuggestionRow[] {
  return statement<[string], ReplaySuggestionRow>(
    sqlite,
    `SELECT s.id, s.message_id AS messageId, s.sku, p.title, s.rank, s.reasons, s.strategy, s.engine, s.score,
            s.grounded, s.shown, s.liked, s.rejected, s.reject_reason AS rejectReason, s.shortlisted, s.bought
     FROM consultation_suggestions s
     LEFT JOIN variants v ON v.id = s.variant_id OR (s.variant_id IS NULL AND v.sku = s.sku)
     LEFT JOIN products p ON p.id = v.product_id
     WHERE s.consultation_id = ? ORDER BY s.message_id, s.rank, s.id`,
  ).all(consultationId);
}

/** A message as the replay reads it: the transcript's row, with the coaching flag and its time by name. */
export interface ReplayMessageRow extends Omit<TranscriptMessageRow, 'at'> {
  goodExample: number;
  createdAt: string;
}

export function replayMessages(sqlite: Sqlite, consultationId: string): ReplayMessageRow[] {
  return statement<[string], ReplayMessageRow>(
    sqlite,
    `SELECT id, turn, role, content, engine, model, constraints, questions, status,
      first_suggestion_ms AS firstSuggestionMs,
            full_reply_ms AS fullReplyMs, fallback, good_example AS goodExample, created_at AS createdAt
     FROM consultation_messages WHERE consultation_id = ? ORDER BY turn, id`,
  ).all(consultationId);
}

export interface EventRow {
  id: number;
  type: string;
  payload: string | null;
  at: string;
}

export function replayEvents(sqlite: Sqlite, consultationId: string): EventRow[] {
  return statement<[string], EventRow>(
    sqlite,
    'SELECT id, type, payload, at FROM consultation_events WHERE consultation_id = ? ORDER BY at, id',
  ).all(consultationId);
}

export function coachingNotes(sqlite: Sqlite, consultationId: string): NoteView[] {
  return statement<[string], NoteView>(
    sqlite,
    `SELECT n.id, n.message_id AS messageId, n.author_id AS authorId, COALESCE(a.name,
      n.author_id) AS authorName, n.body,
            n.created_at AS createdAt
     FROM coaching_notes n LEFT JOIN associates a ON a.id = n.author_id WHERE n.consultation_id = ?
       ORDER BY n.created_at, n.id`,
  ).all(consultationId);
}

export function coachingNoteCount(sqlite: Sqlite, consultationId: string): number {
  return (
    statement<[string], number>(sqlite, 'SELECT COUNT(*) FROM coaching_notes WHERE consultation_id = ?', 'pluck').get(
      consultationId,
    ) ?? 0
  );
}

// ── coaching ─────────────────────────────────────────────────────────────────

export function isMessageOf(sqlite: Sqlite, messageId: number, consultationId: string): boolean {
  return (
    statement<[number, string], number>(
      sqlite,
      'SELECT 1 FROM consultation_messages WHERE id = ? AND consultation_id = ?',
      'pluck',
    ).get(messageId, consultationId) !== undefined
  );
}

export function insertCoachingNote(
  sqlite: Sqlite,
  row: [consultationId: string, messageId: number | null, authorId: string, body: string, createdAt: string],
): number {
  return Number(
    statement<typeof row, never>(
      sqlite,
      'INSERT INTO coaching_notes (consultation_id, message_id, author_id, body, created_at) VALUES (?, ?, ?, ?, ?)',
    ).run(...row).lastInsertRowid,
  );
}

export function consultationOfMessage(sqlite: Sqlite, messageId: number): string | undefined {
  return statement<[number], string>(
    sqlite,
    'SELECT consultation_id FROM consultation_messages WHERE id = ?',
    'pluck',
  ).get(messageId);
}

export function setGoodExample(sqlite: Sqlite, messageId: number, good: boolean): void {
  statement<[0 | 1, number], never>(sqlite, 'UPDATE consultation_messages SET good_example = ? WHERE id = ?').run(
    good ? 1 : 0,
    messageId,
  );
}

// ── export ───────────────────────────────────────────────────────────────────

export interface ExportRow {
  id: string;
  storeId: string;
  startedAt: string;
  endedAt: string | null;
  associateId: string;
  /** null when the laptop has no such person (nobody signed in): Review words it with associateLabel */
  associateName: string | null;
  customerId: number | null;
  customerName: string;
  customerExternalId: string | null;
  customerEmail: string | null;
  customerPhone: string | null;
  outcome: string | null;
  basketValue: number | null;
  basketUnits: number | null;
  currency: string | null;
  satisfaction: number | null;
  transcriptPurgedAt: string | null;
  customerContext: string | null;
  notes: string | null;
}

/** Every matching consultation, oldest first, with the customer's contact details. */
export function exportRows(sqlite: Sqlite, v: Visible): ExportRow[] {
  const where = whereFor(v.filter, v.scope, v.timeZone);
  return statement<unknown[], ExportRow>(
    sqlite,
    `SELECT c.id, c.store_id AS storeId, c.started_at AS startedAt, c.ended_at AS endedAt,
      c.associate_id AS associateId,
            a.name AS associateName, c.customer_id AS customerId,
            TRIM(COALESCE(cu.first_name, '') || ' ' || COALESCE(cu.last_name, '')) AS customerName,
            cu.external_id AS customerExternalId, cu.email AS customerEmail, cu.phone AS customerPhone,
            c.outcome, c.basket_value AS basketValue, c.basket_units AS basketUnits, c.currency, c.satisfaction,
            c.transcript_purged_at AS transcriptPurgedAt, c.customer_context AS customerContext, c.notes
     ${FROM_CONSULTATIONS} WHERE ${where.sql} ORDER BY c.started_at, c.id`,
  ).all(...where.params);
}

export interface ExportMessageRow {
  id: number;
  turn: number;
  role: string;
  content: string;
  engine: string | null;
  model: string | null;
  constraints: string | null;
  status: string;
  firstSuggestionMs: number | null;
  fullReplyMs: number | null;
  fallback: string | null;
  goodExample: number;
  createdAt: string;
}

export function exportMessages(sqlite: Sqlite, consultationId: string): ExportMessageRow[] {
  return statement<[string], ExportMessageRow>(
    sqlite,
    `SELECT id, turn, role, content, engine, model, constraints, status, first_suggestion_ms AS firstSuggestionMs,
            full_reply_ms AS fullReplyMs, fallback, good_example AS goodExample, created_at AS createdAt
     FROM consultation_messages WHERE consultation_id = ? ORDER BY turn, id`,
  ).all(consultationId);
}

export interface ExportSuggestionRow {
  messageId: number | null;
  sku: string;
  rank: number;
  reasons: string;
  strategy: string;
  engine: string;
  grounded: number;
  shown: number;
  liked: number;
  rejected: number;
  rejectReason: string | null;
  shortlisted: number;
  bought: number;
}

export function exportSuggestions(sqlite: Sqlite, consultationId: string): ExportSuggestionRow[] {
  return statement<[string], ExportSuggestionRow>(
    sqlite,
    `SELECT message_id AS messageId, sku, rank, reasons, strategy, engine, grounded, shown, liked, rejected,
            reject_reason AS rejectReason, shortlisted, bought
     FROM consultation_suggestions WHERE consultation_id = ? ORDER BY message_id, rank, id`,
  ).all(consultationId);
}

// ── access log ───────────────────────────────────────────────────────────────

export function insertAccess(
  sqlite: Sqlite,
  row: [associateId: string, action: string, consultationId: string | null, detail: string | null, at: string],
): void {
  statement<typeof row, never>(
    sqlite,
    'INSERT INTO access_log (associate_id, action, consultation_id, detail, at) VALUES (?, ?, ?, ?, ?)',
  ).run(...row);
}

// ── KPIs (kpi_daily and kpi_latency, kept by triggers) ───────────────────────

/** Which KPI rows: a store's days (inclusive), all associates (null) or these ones. */
export interface KpiRange {
  storeId: string;
  from: string;
  to: string;
  associateIds: readonly string[] | null;
}

function kpiWhere(r: KpiRange): { sql: string; params: string[] } {
  const who = r.associateIds;
  const sql = `store_id = ? AND day >= ? AND day <= ?${
    who === null ? '' : ` AND associate_id IN (${who.map(() => '?').join(',') || 'NULL'})`
  }`;
  return { sql, params: [r.storeId, r.from, r.to, ...(who ?? [])] };
}

const KPI_SUMS = `SUM(n) AS n, SUM(engaged) AS engaged, SUM(turns) AS turns, SUM(ended) AS ended,
  SUM(purchased) AS purchased,
  SUM(known_ended) AS knownEnded, SUM(follow_up) AS followUp, SUM(purchases_with_basket) AS purchasesWithBasket,
  SUM(units) AS units, SUM(basket_value) AS basketValue, SUM(rated) AS rated, SUM(rated_ended) AS ratedEnded,
  SUM(sat_sum) AS satSum, SUM(sat1) AS sat1, SUM(sat2) AS sat2, SUM(sat3) AS sat3, SUM(sat4) AS sat4, SUM(sat5) AS sat5,
  SUM(shown) AS shown, SUM(accepted) AS accepted, SUM(blocked) AS blocked, SUM(replies) AS replies,
  SUM(fallbacks) AS fallbacks, SUM(stopped) AS stopped`;

/** The day counters summed over the range, per associate and currency. */
export interface KpiSumRow {
  /** the associate */
  a: string;
  cur: string;
  n: number;
  engaged: number;
  turns: number;
  ended: number;
  purchased: number;
  knownEnded: number;
  followUp: number;
  purchasesWithBasket: number;
  units: number;
  basketValue: number;
  rated: number;
  ratedEnded: number;
  satSum: number;
  sat1: number;
  sat2: number;
  sat3: number;
  sat4: number;
  sat5: number;
  shown: number;
  accepted: number;
  blocked: number;
  replies: number;
  fallbacks: number;
  stopped: number;
}

export function kpiSumsPerAssociate(sqlite: Sqlite, range: KpiRange): KpiSumRow[] {
  const w = kpiWhere(range);
  return statement<string[], KpiSumRow>(
    sqlite,
    `SELECT associate_id AS a, currency AS cur, ${KPI_SUMS} FROM kpi_daily WHERE ${w.sql}
     GROUP BY associate_id, currency HAVING SUM(n) > 0`,
  ).all(...w.params);
}

/** day, n, engaged, shown, accepted, ended, purchased, rated, satSum, replies, fallbacks */
export type KpiDayRow = [string, number, number, number, number, number, number, number, number, number, number];

/** The parts of the rates the series shows, per day. */
export function kpiSeriesPerDay(sqlite: Sqlite, range: KpiRange): KpiDayRow[] {
  const w = kpiWhere(range);
  return statement<string[], KpiDayRow>(
    sqlite,
    `SELECT day, SUM(n), SUM(engaged), SUM(shown), SUM(accepted), SUM(ended), SUM(purchased), SUM(rated), SUM(sat_sum),
            SUM(replies), SUM(fallbacks)
     FROM kpi_daily WHERE ${w.sql} GROUP BY day`,
    'raw',
  ).all(...w.params);
}

/** Latencies as kept: first and full reply milliseconds packed as bytes, the rare others as text. */
export type LatencyLists = [Uint8Array | null, string | null, Uint8Array | null, string | null];
const LISTS = `CAST(group_concat(first_ms, '') AS BLOB), group_concat(NULLIF(first_other, ''), ','),
               CAST(group_concat(full_ms, '') AS BLOB), group_concat(NULLIF(full_other, ''), ',')`;

export function latenciesPerAssociateEngine(sqlite: Sqlite, range: KpiRange): [string, string, ...LatencyLists][] {
  const w = kpiWhere(range);
  return statement<string[], [string, string, ...LatencyLists]>(
    sqlite,
    `SELECT associate_id, engine, ${LISTS} FROM kpi_latency WHERE ${w.sql} GROUP BY associate_id, engine`,
    'raw',
  ).all(...w.params);
}

export function latenciesPerDay(sqlite: Sqlite, range: KpiRange): [string, ...LatencyLists][] {
  const w = kpiWhere(range);
  return statement<string[], [string, ...LatencyLists]>(
    sqlite,
    `SELECT day, ${LISTS} FROM kpi_latency WHERE ${w.sql} GROUP BY day ORDER BY day`,
    'raw',
  ).all(...w.params);
}

/** Whether any order of a known customer was synced (follow-up purchases can be counted). */
export function customerOrdersSynced(sqlite: Sqlite): boolean {
  return !!statement<[], number>(
    sqlite,
    'SELECT EXISTS (SELECT 1 FROM orders WHERE customer_id IS NOT NULL)',
    'pluck',
  ).get();
}

export function associateNames(sqlite: Sqlite): Map<string, string> {
  const rows = statement<[], { id: string; name: string }>(sqlite, 'SELECT id, name FROM associates').all();
  return new Map(rows.map((r) => [r.id, r.name]));
}

// ── transcript retention ─────────────────────────────────────────────────────

const DUE_WHERE = 'transcript_purged_at IS NULL AND COALESCE(ended_at, started_at) < ?';

/** Consultations not yet purged that ended (or, if never ended, started) before the cutoff. */
export function consultationsDueForPurge(sqlite: Sqlite, cutoff: string): string[] {
  return statement<[string], string>(sqlite, `SELECT id FROM consultations WHERE ${DUE_WHERE}`, 'pluck').all(cutoff);
}

export function countDueForPurge(sqlite: Sqlite, cutoff: string): number {
  return (
    statement<[string], number>(sqlite, `SELECT COUNT(*) FROM consultations WHERE ${DUE_WHERE}`, 'pluck').get(cutoff) ??
    0
  );
}

/** Empties a consultation's transcript (messages, reasons, notes); the counts the KPIs use stay. */
export function purgeTranscript(sqlite: Sqlite, consultationId: string, at: string): void {
  statement<[string], never>(
    sqlite,
    `UPDATE consultation_messages SET content = '', constraints = NULL, questions = NULL, tool_calls = NULL
      WHERE consultation_id = ?`,
  ).run(consultationId);
  statement<[string], never>(
    sqlite,
    "UPDATE consultation_suggestions SET reasons = '[]', reject_reason = NULL WHERE consultation_id = ?",
  ).run(consultationId);
  statement<[string, string, string], never>(
    sqlite,
    `UPDATE consultations SET customer_context = NULL, notes = NULL, transcript_purged_at = ?, updated_at = ?
      WHERE id = ?`,
  ).run(at, at, consultationId);
}

export function settingValue(sqlite: Sqlite, key: string): string | undefined {
  return statement<[string], string>(sqlite, 'SELECT value FROM settings WHERE key = ?', 'pluck').get(key);
}

export function putSetting(sqlite: Sqlite, key: string, value: string, at: string): void {
  statement<[string, string, string], never>(
    sqlite,
    `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  ).run(key, value, at);
}
