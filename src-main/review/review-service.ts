/**
 * The consultation list and one consultation's replay, plus the manager's coaching marks on it.
 * Reads go through the viewer's scope; each read is recorded in access_log.
 */
import type Database from 'better-sqlite3';
import type { z } from 'zod';
import type { AppRuntime } from '../app/runtime';
import type { ViewScope } from '../auth/scope';
import type { ConsultationRow, ReplayOutput, TimelineItem, reviewListInput, suggestionView, coachingNoteView } from '../contract/review';
import { AppError } from '../contract/errors';
import { searchWords, storeTimeZone, whereFor } from './consultation-filter';
import { recordAccess } from './access-log';

type ListInput = z.output<typeof reviewListInput>;
type SuggestionView = z.infer<typeof suggestionView>;
type NoteView = z.infer<typeof coachingNoteView>;

const ORDER: Record<ListInput['sort'], string> = {
  started_desc: 'c.started_at DESC, c.id DESC',
  started_asc: 'c.started_at ASC, c.id ASC',
  basket_desc: 'c.basket_value IS NULL, c.basket_value DESC, c.started_at DESC',
  satisfaction_desc: 'c.satisfaction IS NULL, c.satisfaction DESC, c.started_at DESC',
  satisfaction_asc: 'c.satisfaction IS NULL, c.satisfaction ASC, c.started_at DESC',
  duration_desc: "c.ended_at IS NULL, julianday(c.ended_at) - julianday(c.started_at) DESC, c.started_at DESC",
};

/**
 * Per-row figures: counts the KPIs use come from the consultation's facts row (kept by triggers,
 * the same numbers the KPIs add up); the rest are correlated subqueries, cheap for one page.
 */
const ROW_SELECT = `
  c.id, c.started_at AS startedAt, c.ended_at AS endedAt, c.associate_id AS associateId,
  COALESCE(a.name, c.associate_id) AS associateName, c.customer_id AS customerId,
  TRIM(COALESCE(cu.first_name, '') || ' ' || COALESCE(cu.last_name, '')) AS customerName, cu.external_id AS customerExternalId,
  c.outcome, c.basket_value AS basketValue, c.basket_units AS basketUnits, c.currency, c.satisfaction,
  c.transcript_purged_at AS transcriptPurgedAt,
  COALESCE(f.turns, 0) AS turns,
  COALESCE(f.shown, 0) AS suggestionsShown,
  COALESCE(f.accepted, 0) AS suggestionsAccepted,
  (SELECT GROUP_CONCAT(DISTINCT engine) FROM consultation_messages m WHERE m.consultation_id = c.id AND m.role = 'assistant' AND m.engine IS NOT NULL) AS engines,
  COALESCE(f.fallbacks, 0) AS fallbacks,
  COALESCE(f.stopped, 0) AS stoppedReplies,
  (SELECT COUNT(*) FROM coaching_notes n WHERE n.consultation_id = c.id) AS coachingNotes,
  (SELECT COUNT(*) FROM consultation_messages m WHERE m.consultation_id = c.id AND m.good_example = 1) AS goodExamples`;

export interface RawRow {
  id: string;
  startedAt: string;
  endedAt: string | null;
  associateId: string;
  associateName: string;
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

export function rowFrom(r: RawRow, snippet: string | null = null): ConsultationRow {
  return {
    id: r.id,
    startedAt: r.startedAt,
    endedAt: r.endedAt,
    durationSec: r.endedAt ? Math.max(0, Math.round((Date.parse(r.endedAt) - Date.parse(r.startedAt)) / 1000)) : null,
    associate: { id: r.associateId, name: r.associateName },
    customer: r.customerId === null ? null : { id: r.customerId, name: r.customerName || r.customerExternalId || `Customer ${r.customerId}` },
    outcome: r.outcome,
    basketValue: r.basketValue,
    basketUnits: r.basketUnits,
    currency: r.currency,
    satisfaction: r.satisfaction,
    turns: r.turns,
    suggestionsShown: r.suggestionsShown,
    suggestionsAccepted: r.suggestionsAccepted,
    engines: r.engines ? r.engines.split(',').sort() : [],
    fallbacks: r.fallbacks,
    stoppedReplies: r.stoppedReplies,
    coachingNotes: r.coachingNotes,
    goodExamples: r.goodExamples,
    transcriptPurged: r.transcriptPurgedAt !== null,
    snippet,
  };
}

export const FROM_CONSULTATIONS = `FROM consultations c
  LEFT JOIN associates a ON a.id = c.associate_id
  LEFT JOIN customers cu ON cu.id = c.customer_id
  LEFT JOIN consultation_facts f ON f.consultation_id = c.id`;

function parseJson<T>(v: unknown): T | null {
  if (v === null || v === undefined) return null;
  if (typeof v !== 'string') return v as T;
  try {
    return JSON.parse(v) as T;
  } catch {
    return null;
  }
}

function fateOf(s: { grounded: boolean; shown: boolean; bought: boolean; shortlisted: boolean; rejected: boolean; liked: boolean }): SuggestionView['fate'] {
  if (!s.grounded) return 'blocked';
  if (s.bought) return 'bought';
  if (s.shortlisted) return 'shortlisted';
  if (s.rejected) return 'rejected';
  if (s.liked) return 'liked';
  return s.shown ? 'shown' : 'hidden';
}

export class ReviewService {
  private readonly sqlite: Database.Database;

  constructor(private readonly rt: AppRuntime) {
    this.sqlite = rt.adb.sqlite;
  }

  list(input: ListInput, scope: ViewScope): { total: number; rows: ConsultationRow[]; tookMs: number } {
    const t0 = performance.now();
    const { sort, limit, offset, ...filter } = input;
    const where = whereFor(filter, scope, storeTimeZone(this.rt.adb.sqlite, scope.storeId));
    let total: number;
    let raw: RawRow[];
    if (filter.q) {
      // A message search is the costly part of the filter: evaluate it once, taking the count and
      // the page from the ordered ids, then read the page's rows.
      const ids = this.sqlite.prepare(`SELECT c.id FROM consultations c WHERE ${where.sql} ORDER BY ${ORDER[sort]}`).pluck().all(...where.params) as string[];
      total = ids.length;
      const page = ids.slice(offset, offset + limit);
      const byId = new Map(
        page.length
          ? (this.sqlite.prepare(`SELECT ${ROW_SELECT} ${FROM_CONSULTATIONS} WHERE c.id IN (${page.map(() => '?').join(',')})`).all(...page) as RawRow[]).map((r) => [r.id, r])
          : [],
      );
      raw = page.map((id) => byId.get(id)!).filter(Boolean);
    } else {
      total = (this.sqlite.prepare(`SELECT COUNT(*) AS n FROM consultations c WHERE ${where.sql}`).get(...where.params) as { n: number }).n;
      raw = this.sqlite
        .prepare(`SELECT ${ROW_SELECT} ${FROM_CONSULTATIONS} WHERE ${where.sql} ORDER BY ${ORDER[sort]} LIMIT ? OFFSET ?`)
        .all(...where.params, limit, offset) as RawRow[];
    }
    let snippets = new Map<string, string>();
    if (filter.q && raw.length) snippets = this.snippets(raw.map((r) => r.id), filter.q);
    const rows = raw.map((r) => rowFrom(r, snippets.get(r.id) ?? null));
    recordAccess(this.sqlite, { viewerId: scope.viewerId, action: 'list', detail: { filter, sort, offset, shown: rows.map((r) => r.id) } });
    return { total, rows, tookMs: Math.round((performance.now() - t0) * 10) / 10 };
  }

  private snippets(ids: string[], q: string): Map<string, string> {
    const out = new Map<string, string>();
    const stmt = this.sqlite.prepare(
      "SELECT content FROM consultation_messages WHERE consultation_id = ? AND instr(lower(content), lower(?)) > 0 ORDER BY turn, id LIMIT 1",
    );
    // The search matches words, so the text typed may not appear as such ("merino gift" in "merino, gift"):
    // then the snippet is cut around the first word of the search.
    const firstWord = searchWords(q)[0] ?? q;
    for (const id of ids) {
      let needle = q;
      let row = stmt.get(id, q) as { content: string } | undefined;
      if (!row && firstWord !== q) row = stmt.get(id, (needle = firstWord)) as { content: string } | undefined;
      if (!row) continue;
      const at = row.content.toLowerCase().indexOf(needle.toLowerCase());
      const start = Math.max(0, at - 40);
      const end = Math.min(row.content.length, at + needle.length + 60);
      out.set(id, `${start > 0 ? '…' : ''}${row.content.slice(start, end)}${end < row.content.length ? '…' : ''}`);
    }
    return out;
  }

  /** The consultation if the viewer may see it; NOT_FOUND otherwise (no hint that it exists). */
  private visible(consultationId: string, scope: ViewScope): RawRow {
    const where = whereFor({}, scope);
    const row = this.sqlite
      .prepare(`SELECT ${ROW_SELECT} ${FROM_CONSULTATIONS} WHERE c.id = ? AND ${where.sql}`)
      .get(consultationId, ...where.params) as RawRow | undefined;
    if (!row) throw new AppError('NOT_FOUND', `Consultation ${consultationId} is not one you can see.`);
    return row;
  }

  replay(consultationId: string, scope: ViewScope): ReplayOutput {
    const raw = this.visible(consultationId, scope);
    const extra = this.sqlite
      .prepare('SELECT store_id AS storeId, notes, customer_context AS customerContext FROM consultations WHERE id = ?')
      .get(consultationId) as { storeId: string; notes: string | null; customerContext: string | null };
    const notes = this.notes(consultationId);
    const suggestions = (
      this.sqlite
        .prepare(
          `SELECT s.id, s.message_id AS messageId, s.sku, p.title, s.rank, s.reasons, s.strategy, s.engine, s.score,
                  s.grounded, s.shown, s.liked, s.rejected, s.reject_reason AS rejectReason, s.shortlisted, s.bought
           FROM consultation_suggestions s
           LEFT JOIN variants v ON v.id = s.variant_id OR (s.variant_id IS NULL AND v.sku = s.sku)
           LEFT JOIN products p ON p.id = v.product_id
           WHERE s.consultation_id = ? ORDER BY s.message_id, s.rank, s.id`,
        )
        .all(consultationId) as Record<string, unknown>[]
    ).map((s): SuggestionView => {
      const b = (k: string) => !!s[k];
      const flags = { grounded: b('grounded'), shown: b('shown'), liked: b('liked'), rejected: b('rejected'), shortlisted: b('shortlisted'), bought: b('bought') };
      return {
        id: s.id as number,
        messageId: (s.messageId as number | null) ?? null,
        sku: s.sku as string,
        title: (s.title as string | null) ?? null,
        rank: s.rank as number,
        reasons: parseJson<string[]>(s.reasons) ?? [],
        strategy: s.strategy as string,
        engine: s.engine as string,
        score: (s.score as number | null) ?? null,
        ...flags,
        rejectReason: (s.rejectReason as string | null) ?? null,
        fate: fateOf(flags),
      };
    });
    const byMessage = new Map<number, SuggestionView[]>();
    const otherSuggestions: SuggestionView[] = [];
    for (const s of suggestions) {
      if (s.messageId === null) otherSuggestions.push(s);
      else byMessage.set(s.messageId, [...(byMessage.get(s.messageId) ?? []), s]);
    }
    const messages = this.sqlite
      .prepare(
        `SELECT id, turn, role, content, engine, model, constraints, questions, status, first_suggestion_ms AS firstSuggestionMs,
                full_reply_ms AS fullReplyMs, fallback, good_example AS goodExample, created_at AS createdAt
         FROM consultation_messages WHERE consultation_id = ? ORDER BY turn, id`,
      )
      .all(consultationId) as Record<string, unknown>[];
    const messageIds = new Set(messages.map((m) => m.id as number));
    const timeline: TimelineItem[] = messages.map((m) => ({
      kind: 'message',
      at: m.createdAt as string,
      id: m.id as number,
      turn: m.turn as number,
      role: m.role as string,
      content: m.content as string,
      engine: (m.engine as string | null) ?? null,
      model: (m.model as string | null) ?? null,
      constraints: parseJson<Record<string, unknown>>(m.constraints),
      questions: parseJson<string[]>(m.questions),
      status: m.status as string,
      firstSuggestionMs: (m.firstSuggestionMs as number | null) ?? null,
      fullReplyMs: (m.fullReplyMs as number | null) ?? null,
      fallback: (m.fallback as string | null) ?? null,
      goodExample: !!m.goodExample,
      suggestions: byMessage.get(m.id as number) ?? [],
      notes: notes.filter((n) => n.messageId === m.id),
    }));
    for (const [mid, list] of byMessage) if (!messageIds.has(mid)) otherSuggestions.push(...list);
    const events = this.sqlite
      .prepare('SELECT id, type, payload, at FROM consultation_events WHERE consultation_id = ? ORDER BY at, id')
      .all(consultationId) as { id: number; type: string; payload: string | null; at: string }[];
    for (const e of events) timeline.push({ kind: 'event', at: e.at, id: e.id, type: e.type, payload: parseJson<Record<string, unknown>>(e.payload) });
    // Messages keep their turn order; events slot in by time, before a message of the same instant
    // (a "consultation.started" event belongs before the first question).
    const ordered = stableMergeByTime(timeline);
    recordAccess(this.sqlite, { viewerId: scope.viewerId, action: 'view', consultationId });
    const { snippet: _snippet, ...row } = rowFrom(raw);
    return {
      consultation: {
        ...row,
        storeId: extra.storeId,
        notes: extra.notes,
        customerContext: parseJson<Record<string, unknown>>(extra.customerContext),
        transcriptPurgedAt: raw.transcriptPurgedAt,
      },
      timeline: ordered,
      otherSuggestions,
      notes: notes.filter((n) => n.messageId === null || !messageIds.has(n.messageId)),
      canCoach: scope.isManager,
    };
  }

  private notes(consultationId: string): NoteView[] {
    return this.sqlite
      .prepare(
        `SELECT n.id, n.message_id AS messageId, n.author_id AS authorId, COALESCE(a.name, n.author_id) AS authorName, n.body, n.created_at AS createdAt
         FROM coaching_notes n LEFT JOIN associates a ON a.id = n.author_id WHERE n.consultation_id = ? ORDER BY n.created_at, n.id`,
      )
      .all(consultationId) as NoteView[];
  }

  addCoachingNote(input: { consultationId: string; messageId?: number | null; body: string }, scope: ViewScope): NoteView {
    this.visible(input.consultationId, scope);
    const messageId = input.messageId ?? null;
    if (messageId !== null) {
      const m = this.sqlite.prepare('SELECT 1 FROM consultation_messages WHERE id = ? AND consultation_id = ?').get(messageId, input.consultationId);
      if (!m) throw new AppError('VALIDATION', `review.addCoachingNote: "messageId" ${messageId} is not a message of ${input.consultationId}.`, { field: 'messageId' });
    }
    const info = this.sqlite
      .prepare('INSERT INTO coaching_notes (consultation_id, message_id, author_id, body, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(input.consultationId, messageId, scope.viewerId, input.body, new Date().toISOString());
    return this.notes(input.consultationId).find((n) => n.id === Number(info.lastInsertRowid))!;
  }

  markGoodExample(messageId: number, good: boolean, scope: ViewScope): { messageId: number; goodExample: boolean } {
    const m = this.sqlite.prepare('SELECT consultation_id AS consultationId FROM consultation_messages WHERE id = ?').get(messageId) as { consultationId: string } | undefined;
    if (!m) throw new AppError('NOT_FOUND', `There is no message ${messageId}.`);
    this.visible(m.consultationId, scope);
    this.sqlite.prepare('UPDATE consultation_messages SET good_example = ? WHERE id = ?').run(good ? 1 : 0, messageId);
    return { messageId, goodExample: good };
  }
}

function stableMergeByTime(items: TimelineItem[]): TimelineItem[] {
  const messages = items.filter((i) => i.kind === 'message');
  const events = items.filter((i) => i.kind === 'event').sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const out: TimelineItem[] = [];
  let e = 0;
  for (const m of messages) {
    while (e < events.length && events[e]!.at <= m.at) out.push(events[e++]!);
    out.push(m);
  }
  while (e < events.length) out.push(events[e++]!);
  return out;
}
