/**
 * The consultation list and one consultation's replay, plus the manager's coaching marks on it.
 * Reads go through the viewer's scope; each read is recorded in access_log.
 */
import type { Sqlite } from '../db/statements';
import {
  coachingNotes,
  consultationCount,
  consultationIds,
  consultationOfMessage,
  consultationPage,
  consultationRows,
  firstMessageContaining,
  insertCoachingNote,
  isMessageOf,
  replayEvents,
  replayExtras,
  replayMessages,
  replaySuggestions,
  setGoodExample,
  visibleConsultation,
  type NoteView,
  type RawRow,
} from './queries';

export type { RawRow };
import type { z } from 'zod';
import type { AppRuntime } from '../app/runtime';
import type { ViewScope } from '../auth/scope';
import {
  associateLabel,
  type ConsultationRow,
  type ReplayOutput,
  type TimelineItem,
  type reviewListInput,
  type suggestionView,
} from '../contract/review';
import { AppError } from '../contract/errors';
import { searchWords, storeTimeZone, whereFor } from './consultation-filter';
import { recordAccess } from './access-log';

type ListInput = z.output<typeof reviewListInput>;
type SuggestionView = z.infer<typeof suggestionView>;

export function rowFrom(r: RawRow, snippet: string | null = null): ConsultationRow {
  return {
    id: r.id,
    startedAt: r.startedAt,
    endedAt: r.endedAt,
    durationSec: r.endedAt ? Math.max(0, Math.round((Date.parse(r.endedAt) - Date.parse(r.startedAt)) / 1000)) : null,
    associate: { id: r.associateId, name: associateLabel(r.associateId, r.associateName) },
    customer:
      r.customerId === null
        ? null
        : { id: r.customerId, name: r.customerName || r.customerExternalId || `Customer ${r.customerId}` },
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

function parseJson<T>(v: unknown): T | null {
  if (v === null || v === undefined) return null;
  if (typeof v !== 'string') return v as T;
  try {
    return JSON.parse(v) as T;
  } catch {
    return null;
  }
}

function fateOf(s: {
  grounded: boolean;
  shown: boolean;
  bought: boolean;
  shortlisted: boolean;
  rejected: boolean;
  liked: boolean;
}): SuggestionView['fate'] {
  if (!s.grounded) return 'blocked';
  if (s.bought) return 'bought';
  if (s.shortlisted) return 'shortlisted';
  if (s.rejected) return 'rejected';
  if (s.liked) return 'liked';
  return s.shown ? 'shown' : 'hidden';
}

export class ReviewService {
  private readonly sqlite: Sqlite;

  constructor(private readonly rt: AppRuntime) {
    this.sqlite = rt.adb.sqlite;
  }

  list(input: ListInput, scope: ViewScope): { total: number; rows: ConsultationRow[]; tookMs: number } {
    const t0 = performance.now();
    const { sort, limit, offset, ...filter } = input;
    const visible = { filter, scope, timeZone: storeTimeZone(this.rt.adb.sqlite, scope.storeId) };
    // builds (and so validates) the WHERE clause before anything is read
    whereFor(filter, scope, visible.timeZone);
    let total: number;
    let raw: RawRow[];
    if (filter.q) {
      // A message search is the costly part of the filter: evaluate it once, taking the count and
      // the page from the ordered ids, then read the page's rows.
      const ids = consultationIds(this.sqlite, visible, sort);
      total = ids.length;
      const page = ids.slice(offset, offset + limit);
      const byId = new Map(page.length ? consultationRows(this.sqlite, page).map((r) => [r.id, r]) : []);
      raw = page.map((id) => byId.get(id)!).filter(Boolean);
    } else {
      total = consultationCount(this.sqlite, visible);
      raw = consultationPage(this.sqlite, visible, sort, limit, offset);
    }
    let snippets = new Map<string, string>();
    if (filter.q && raw.length)
      snippets = this.snippets(
        raw.map((r) => r.id),
        filter.q,
      );
    const rows = raw.map((r) => rowFrom(r, snippets.get(r.id) ?? null));
    recordAccess(this.sqlite, {
      viewerId: scope.viewerId,
      action: 'list',
      detail: { filter, sort, offset, shown: rows.map((r) => r.id) },
    });
    return { total, rows, tookMs: Math.round((performance.now() - t0) * 10) / 10 };
  }

  private snippets(ids: string[], q: string): Map<string, string> {
    const out = new Map<string, string>();
    // The search matches words, so the text typed may not appear as such ("merino gift" in "merino, gift"):
    // then the snippet is cut around the first word of the search.
    const firstWord = searchWords(q)[0] ?? q;
    for (const id of ids) {
      let needle = q;
      let content = firstMessageContaining(this.sqlite, id, q);
      if (content === undefined && firstWord !== q)
        content = firstMessageContaining(this.sqlite, id, (needle = firstWord));
      if (content === undefined) continue;
      const at = content.toLowerCase().indexOf(needle.toLowerCase());
      const start = Math.max(0, at - 40);
      const end = Math.min(content.length, at + needle.length + 60);
      out.set(id, `${start > 0 ? '…' : ''}${content.slice(start, end)}${end < content.length ? '…' : ''}`);
    }
    return out;
  }

  /** The consultation if the viewer may see it; NOT_FOUND otherwise (no hint that it exists). */
  private visible(consultationId: string, scope: ViewScope): RawRow {
    const row = visibleConsultation(this.sqlite, consultationId, scope);
    if (!row) throw new AppError('NOT_FOUND', `Consultation ${consultationId} is not one you can see.`);
    return row;
  }

  replay(consultationId: string, scope: ViewScope): ReplayOutput {
    const raw = this.visible(consultationId, scope);
    const extra = replayExtras(this.sqlite, consultationId);
    if (!extra) throw new AppError('NOT_FOUND', `Consultation ${consultationId} is not one you can see.`);
    const notes = this.notes(consultationId);
    const suggestions = replaySuggestions(this.sqlite, consultationId).map((s): SuggestionView => {
      const flags = {
        grounded: !!s.grounded,
        shown: !!s.shown,
        liked: !!s.liked,
        rejected: !!s.rejected,
        shortlisted: !!s.shortlisted,
        bought: !!s.bought,
      };
      return {
        id: s.id,
        messageId: s.messageId,
        sku: s.sku,
        title: s.title,
        rank: s.rank,
        reasons: parseJson<string[]>(s.reasons) ?? [],
        strategy: s.strategy,
        engine: s.engine,
        score: s.score,
        ...flags,
        rejectReason: s.rejectReason,
        fate: fateOf(flags),
      };
    });
    const byMessage = new Map<number, SuggestionView[]>();
    const otherSuggestions: SuggestionView[] = [];
    for (const s of suggestions) {
      if (s.messageId === null) otherSuggestions.push(s);
      else byMessage.set(s.messageId, [...(byMessage.get(s.messageId) ?? []), s]);
    }
    const messages = replayMessages(this.sqlite, consultationId);
    const messageIds = new Set(messages.map((m) => m.id));
    const timeline: TimelineItem[] = messages.map((m) => ({
      kind: 'message',
      at: m.createdAt,
      id: m.id,
      turn: m.turn,
      role: m.role,
      content: m.content,
      engine: m.engine,
      model: m.model,
      constraints: parseJson<Record<string, unknown>>(m.constraints),
      questions: parseJson<string[]>(m.questions),
      status: m.status,
      firstSuggestionMs: m.firstSuggestionMs,
      fullReplyMs: m.fullReplyMs,
      fallback: m.fallback,
      goodExample: !!m.goodExample,
      suggestions: byMessage.get(m.id) ?? [],
      notes: notes.filter((n) => n.messageId === m.id),
    }));
    for (const [mid, list] of byMessage) if (!messageIds.has(mid)) otherSuggestions.push(...list);
    const events = replayEvents(this.sqlite, consultationId);
    for (const e of events)
      timeline.push({
        kind: 'event',
        at: e.at,
        id: e.id,
        type: e.type,
        payload: parseJson<Record<string, unknown>>(e.payload),
      });
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
    return coachingNotes(this.sqlite, consultationId);
  }

  addCoachingNote(
    input: { consultationId: string; messageId?: number | null; body: string },
    scope: ViewScope,
  ): NoteView {
    this.visible(input.consultationId, scope);
    const messageId = input.messageId ?? null;
    if (messageId !== null) {
      if (!isMessageOf(this.sqlite, messageId, input.consultationId))
        throw new AppError(
          'VALIDATION',
          `review.addCoachingNote: "messageId" ${messageId} is not a message of ${input.consultationId}.`,
          { field: 'messageId' },
        );
    }
    const noteId = insertCoachingNote(this.sqlite, [
      input.consultationId,
      messageId,
      scope.viewerId,
      input.body,
      new Date().toISOString(),
    ]);
    return this.notes(input.consultationId).find((n) => n.id === noteId)!;
  }

  markGoodExample(messageId: number, good: boolean, scope: ViewScope): { messageId: number; goodExample: boolean } {
    const consultationId = consultationOfMessage(this.sqlite, messageId);
    if (consultationId === undefined) throw new AppError('NOT_FOUND', `There is no message ${messageId}.`);
    this.visible(consultationId, scope);
    setGoodExample(this.sqlite, messageId, good);
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
