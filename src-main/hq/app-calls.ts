/**
 * The app's contract calls as head office answers them, so `aisle hq serve` serves the same built
 * renderer to managers ("HQ mode"): manager sign-in (hq.signIn), Review (review.list, .replay,
 * .kpis, .export) over the consultation records laptops pushed, and the per-store comparison
 * (hq.compare). Every read is limited to the stores the signed-in manager may see; any other call
 * is NOT_FOUND here — HQ has no till, catalog screen or copilot.
 *
 * Review figures are computed from the pushed records (summary + transcript, see
 * consultations/transcript.ts) with the laptop's KPI definitions, and people are worded as the
 * laptop's Review words them (`associateLabel`: a name, "Not signed in", never an id). What HQ cannot
 * know is said plainly: follow-up purchases are not counted here (a record does not identify its
 * customer, so HQ's orders cannot be matched to it) but on the store's laptop; coaching happens there too.
 */
import { osLocale } from '../app/status';
import { APP_VERSION } from '../app/runtime';
import type { Handlers } from '../app/dispatch';
import { calls, type CallName, type CallOutput } from '../contract/calls';
import { AppError } from '../contract/errors';
import {
  associateLabel,
  NOBODY_SIGNED_IN,
  type ConsultationFilter,
  type ConsultationRow,
  type KpiPoint,
  type KpiSet,
  type TimelineItem,
} from '../contract/review';
import type { PushedTranscript } from '../consultations/transcript';
import { addDays } from '../review/consultation-filter';
import { csvCell } from '../review/export';
import { buckets, KPI_DEFINITIONS, percentilesOf, ratio } from '../review/kpis';
import { hqMigrationTags, type HqDatabase } from './db';
import { signInManager, signOutManager, type Manager } from './managers';
import {
  associateKey,
  consultationRecords,
  MAX_REVIEW_RECORDS,
  pushedAssociateNames,
  pushedAssociates,
  storeKpis,
  visibleStoreList,
  type ConsultationRecord,
} from './review';

/** One pushed consultation, read once into what Review lists, counts and replays. */
interface Consultation {
  row: ConsultationRow & { storeId: string };
  transcript: PushedTranscript | null;
  day: string;
  notes: string | null;
}

const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const strOr = (v: unknown, d: string | null): string | null => (typeof v === 'string' ? v : d);
const intOr = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? Math.round(v) : null);
const nonBlank = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

function readTranscript(v: unknown): PushedTranscript | null {
  const t = obj(v);
  if (!Array.isArray(t.messages) || !Array.isArray(t.suggestions)) return null;
  return {
    associateName: strOr(t.associateName, null),
    messages: t.messages as PushedTranscript['messages'],
    suggestions: t.suggestions as PushedTranscript['suggestions'],
    events: Array.isArray(t.events) ? (t.events as PushedTranscript['events']) : [],
  };
}

const associateIdOf = (r: ConsultationRecord): string =>
  strOr(obj(r.payload.consultation).associateId, null) ?? 'unknown';

/**
 * Reads a record defensively: records come from laptops of any version (older ones carry no
 * transcript, so no associate name: `names` has the name that associate's newer records pushed).
 */
function consultationOf(r: ConsultationRecord, names: ReadonlyMap<string, string> = new Map()): Consultation {
  const s = obj(r.payload.consultation);
  const transcript = readTranscript(r.payload.transcript);
  const startedAt = strOr(s.startedAt, r.createdAt) ?? r.createdAt;
  const endedAt = strOr(s.endedAt, null);
  const associateId = associateIdOf(r);
  const associateName =
    nonBlank(transcript?.associateName) ??
    (associateId === NOBODY_SIGNED_IN ? null : (names.get(associateKey(r.storeId, associateId)) ?? null));
  const customerId = intOr(s.customerId);
  const replies = transcript?.messages.filter((m) => m.role === 'assistant') ?? [];
  const pushedSuggestions =
    transcript?.suggestions ??
    (Array.isArray(r.payload.suggestions) ? (r.payload.suggestions as Record<string, unknown>[]) : []);
  const shown = pushedSuggestions.filter((x) => x.grounded !== false && x.shown !== false);
  const parsedStart = Date.parse(startedAt);
  return {
    row: {
      id: strOr(s.id, r.key) ?? r.key,
      storeId: r.storeId,
      startedAt,
      endedAt,
      durationSec:
        endedAt && !Number.isNaN(parsedStart)
          ? Math.max(0, Math.round((Date.parse(endedAt) - parsedStart) / 1000))
          : null,
      associate: { id: associateId, name: associateLabel(associateId, associateName) },
      customer:
        customerId === null ? null : { id: customerId, name: strOr(s.customerLabel, null) ?? `Customer ${customerId}` },
      outcome: strOr(s.outcome, null),
      basketValue: intOr(s.basketValue),
      basketUnits: intOr(s.basketUnits),
      currency: strOr(s.currency, null),
      satisfaction: intOr(s.satisfaction),
      turns: intOr(s.turns) ?? 0,
      suggestionsShown: shown.length,
      suggestionsAccepted: shown.filter((x) => x.shortlisted === true || x.bought === true).length,
      engines: [...new Set(replies.map((m) => m.engine).filter((e): e is string => typeof e === 'string'))].sort(),
      fallbacks: replies.filter((m) => m.fallback !== null && m.fallback !== undefined).length,
      stoppedReplies: replies.filter((m) => m.status === 'stopped').length,
      coachingNotes: 0,
      goodExamples: 0,
      transcriptPurged: transcript === null,
      snippet: null,
    },
    transcript,
    day: Number.isNaN(parsedStart) ? r.createdAt.slice(0, 10) : new Date(parsedStart).toISOString().slice(0, 10),
    notes: strOr(s.notes, null),
  };
}

const ENDED = ['purchased', 'no_purchase', 'abandoned'];
const usedCopilot = (c: Consultation) =>
  (c.transcript?.messages.some((m) => m.role === 'assistant') ?? false) || c.row.engines.length > 0;
const hasLatency = (c: Consultation) =>
  c.transcript?.messages.some(
    (m) => m.role === 'assistant' && (m.firstSuggestionMs !== null || m.fullReplyMs !== null),
  ) ?? false;

/** The list filter, applied to records already read for the range (HQ has no per-message index). */
function matches(c: Consultation, f: ConsultationFilter): boolean {
  const r = c.row;
  if (f.from && c.day < f.from) return false;
  if (f.to && c.day > f.to) return false;
  if (f.storeIds?.length && !f.storeIds.includes(r.storeId)) return false;
  if (f.associateIds?.length && !f.associateIds.includes(r.associate.id)) return false;
  if (f.customer === 'walk_in' && r.customer !== null) return false;
  if (f.customer === 'known' && r.customer === null) return false;
  if (f.customerId !== undefined && r.customer?.id !== f.customerId) return false;
  if (f.outcome?.length && !f.outcome.includes((r.outcome ?? 'open') as (typeof f.outcome)[number])) return false;
  if (f.engine?.length && !f.engine.some((e) => r.engines.includes(e))) return false;
  if (f.satisfaction?.length && (r.satisfaction === null || !f.satisfaction.includes(r.satisfaction))) return false;
  if (f.rated !== undefined && (r.satisfaction !== null) !== f.rated) return false;
  if (f.usedCopilot !== undefined && usedCopilot(c) !== f.usedCopilot) return false;
  if (f.hasShownSuggestions !== undefined && r.suggestionsShown > 0 !== f.hasShownSuggestions) return false;
  if (f.acceptedSuggestion !== undefined && r.suggestionsAccepted > 0 !== f.acceptedSuggestion) return false;
  if (f.hadFallback !== undefined && r.fallbacks > 0 !== f.hadFallback) return false;
  if (f.hadStoppedReply !== undefined && r.stoppedReplies > 0 !== f.hadStoppedReply) return false;
  if (f.hasLatency !== undefined && hasLatency(c) !== f.hasLatency) return false;
  // orders are per store and stay on the laptops: HQ knows of no follow-up purchase
  if (f.followUpPurchase === true) return false;
  if (f.goodExample === true) return false;
  if (f.q && !snippetOf(c, f.q)) return false;
  return true;
}

function snippetOf(c: Consultation, q: string): string | null {
  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  for (const m of c.transcript?.messages ?? []) {
    const text = m.content.toLowerCase();
    if (!words.every((w) => text.includes(w))) continue;
    const at = text.indexOf(words[0] ?? '');
    const start = Math.max(0, at - 40);
    const end = Math.min(m.content.length, at + (words[0]?.length ?? 0) + 60);
    return `${start > 0 ? '…' : ''}${m.content.slice(start, end)}${end < m.content.length ? '…' : ''}`;
  }
  return null;
}

const byNewest = (a: Consultation, b: Consultation) => cmp(b.row.startedAt, a.row.startedAt);
const SORTS: Record<string, (a: Consultation, b: Consultation) => number> = {
  started_desc: (a, b) => cmp(b.row.startedAt, a.row.startedAt),
  started_asc: (a, b) => cmp(a.row.startedAt, b.row.startedAt),
  basket_desc: (a, b) => (b.row.basketValue ?? -1) - (a.row.basketValue ?? -1) || cmp(b.row.startedAt, a.row.startedAt),
  satisfaction_desc: (a, b) =>
    (b.row.satisfaction ?? -1) - (a.row.satisfaction ?? -1) || cmp(b.row.startedAt, a.row.startedAt),
  satisfaction_asc: (a, b) =>
    (a.row.satisfaction ?? 9) - (b.row.satisfaction ?? 9) || cmp(b.row.startedAt, a.row.startedAt),
  duration_desc: (a, b) =>
    (b.row.durationSec ?? -1) - (a.row.durationSec ?? -1) || cmp(b.row.startedAt, a.row.startedAt),
};
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The records (newest first) read as consultations. A record without a name (an older laptop's) takes
 * the newest name that associate has among these records, else among the records pushed after them —
 * looked up once, only for the people none of these records names (older laptops came first).
 */
async function consultationsOfRecords(
  hdb: HqDatabase,
  m: Manager,
  records: ConsultationRecord[],
): Promise<Consultation[]> {
  const names = new Map<string, string>();
  const unnamed = new Map<string, { storeId: string; associateId: string }>();
  for (const r of records) {
    const associateId = associateIdOf(r);
    if (associateId === NOBODY_SIGNED_IN) continue;
    const key = associateKey(r.storeId, associateId);
    const name = nonBlank(obj(r.payload.transcript).associateName);
    if (name && !names.has(key)) names.set(key, name);
    if (!name) unnamed.set(key, { storeId: r.storeId, associateId });
  }
  const missing = [...unnamed].filter(([key]) => !names.has(key)).map(([, person]) => person);
  // these records were all read: only the ones pushed after the newest of them can add a name
  const since = records[0]?.createdAt;
  if (missing.length && since)
    for (const [key, name] of await pushedAssociateNames(hdb, m, missing, since)) names.set(key, name);
  return records.map((r) => consultationOf(r, names));
}

/** Records whose consultation started in [from, to] (days): read by their push time with a day's margin. */
async function consultationsIn(
  hdb: HqDatabase,
  m: Manager,
  f: { from?: string; to?: string; storeIds?: string[] },
): Promise<Consultation[]> {
  const records = await consultationRecords(hdb, m, {
    from: f.from ? `${addDays(f.from, -1)}T00:00:00Z` : undefined,
    // a consultation is pushed when it ends, which may be after the day it started
    to: f.to ? `${addDays(f.to, 2)}T00:00:00Z` : undefined,
    storeIds: f.storeIds,
  });
  if (records.length > MAX_REVIEW_RECORDS) {
    throw new AppError(
      'VALIDATION',
      `More than ${MAX_REVIEW_RECORDS} consultations in this range: choose a shorter range or fewer stores.`,
      {
        field: 'from',
      },
    );
  }
  return consultationsOfRecords(hdb, m, records);
}

/** The laptop's KPI set, over pushed consultations. */
function kpiSetOf(list: Consultation[], base: ConsultationFilter): KpiSet {
  const f = (extra: ConsultationFilter = {}): ConsultationFilter => ({ ...base, ...extra });
  let engaged = 0,
    turns = 0,
    ended = 0,
    purchased = 0,
    knownEnded = 0,
    withBasket = 0,
    units = 0;
  let rated = 0,
    ratedEnded = 0,
    satSum = 0,
    shown = 0,
    accepted = 0,
    blocked = 0,
    replies = 0,
    fallbacks = 0,
    stopped = 0;
  const sat = [0, 0, 0, 0, 0];
  const byCur = new Map<string, { purchases: number; value: number }>();
  const lat = new Map<string, { first: number[]; full: number[] }>();
  for (const c of list) {
    const r = c.row;
    const msgs = c.transcript?.messages ?? [];
    if (usedCopilot(c)) {
      engaged++;
      turns += new Set(msgs.map((m) => m.turn)).size || r.turns;
    }
    const isEnded = ENDED.includes(r.outcome ?? '');
    if (isEnded) ended++;
    if (r.outcome === 'purchased') purchased++;
    if (isEnded && r.customer) knownEnded++;
    if (r.outcome === 'purchased' && r.basketValue !== null && r.currency) {
      withBasket++;
      units += r.basketUnits ?? 0;
      const b = byCur.get(r.currency) ?? { purchases: 0, value: 0 };
      b.purchases++;
      b.value += r.basketValue;
      byCur.set(r.currency, b);
    }
    if (r.satisfaction !== null && r.satisfaction >= 1 && r.satisfaction <= 5) {
      rated++;
      if (isEnded) ratedEnded++;
      satSum += r.satisfaction;
      sat[r.satisfaction - 1]! += 1;
    }
    shown += r.suggestionsShown;
    accepted += r.suggestionsAccepted;
    blocked += c.transcript?.suggestions.filter((s) => !s.grounded).length ?? 0;
    for (const m of msgs) {
      if (m.role !== 'assistant') continue;
      replies++;
      if (m.fallback !== null) fallbacks++;
      if (m.status === 'stopped') stopped++;
      const e = m.engine ?? 'local';
      const l = lat.get(e) ?? { first: [], full: [] };
      if (m.firstSuggestionMs !== null) l.first.push(m.firstSuggestionMs);
      if (m.fullReplyMs !== null && m.status === 'complete') l.full.push(m.fullReplyMs);
      lat.set(e, l);
    }
  }
  const engines = [...lat.keys()].sort();
  const latency = (pick: string[], engine: string) => {
    const pct = (kind: 'first' | 'full') => {
      const { values, n } = percentilesOf(
        pick.map((e) => lat.get(e)?.[kind] ?? []),
        [0.5, 0.95],
      );
      return { p50: values[0] ?? null, p95: values[1] ?? null, n };
    };
    return { engine, firstSuggestion: pct('first'), fullReply: pct('full') };
  };
  return {
    consultations: { value: list.length, filter: f() },
    engagement: ratio(engaged, list.length, f({ usedCopilot: true }), f()),
    turnsPerConsultation: {
      value: engaged ? turns / engaged : null,
      turns,
      consultations: engaged,
      filter: f({ usedCopilot: true }),
    },
    acceptance: ratio(accepted, shown, f({ acceptedSuggestion: true }), f({ hasShownSuggestions: true })),
    conversion: ratio(
      purchased,
      ended,
      f({ outcome: ['purchased'] }),
      f({ outcome: ['purchased', 'no_purchase', 'abandoned'] }),
    ),
    // not known here (a record does not identify its customer to HQ): no rate rather than a false 0 %
    conversion14d: {
      ...ratio(
        0,
        knownEnded,
        f({ customer: 'known', followUpPurchase: true }),
        f({ customer: 'known', outcome: ['purchased', 'no_purchase', 'abandoned'] }),
      ),
      value: null,
      ordersSynced: false,
    },
    basket: {
      purchases: withBasket,
      avgUnits: withBasket ? units / withBasket : null,
      byCurrency: [...byCur]
        .map(([currency, v]) => ({ currency, purchases: v.purchases, avgValue: Math.round(v.value / v.purchases) }))
        .sort((a, b) => b.purchases - a.purchases || a.currency.localeCompare(b.currency)),
      filter: f({ outcome: ['purchased'] }),
    },
    satisfaction: {
      mean: rated ? satSum / rated : null,
      responses: rated,
      distribution: { 1: sat[0] ?? 0, 2: sat[1] ?? 0, 3: sat[2] ?? 0, 4: sat[3] ?? 0, 5: sat[4] ?? 0 },
      responseRate: ratio(
        ratedEnded,
        ended,
        f({ outcome: ['purchased', 'no_purchase', 'abandoned'], rated: true }),
        f({ outcome: ['purchased', 'no_purchase', 'abandoned'] }),
      ),
      filter: f({ rated: true }),
    },
    responseTime: {
      all: latency(engines, 'all'),
      byEngine: engines.map((e) => latency([e], e)),
      filter: f({ hasLatency: true }),
    },
    fallback: ratio(fallbacks, replies, f({ hadFallback: true }), f({ usedCopilot: true })),
    stoppedReplies: { value: stopped, filter: f({ hadStoppedReply: true }) },
    blockedSuggestions: { value: blocked, filter: f() },
  };
}

function replayOf(c: Consultation): CallOutput<'review.replay'> {
  const t = c.transcript;
  const suggestions = (t?.suggestions ?? []).map((s) => ({
    id: s.id,
    messageId: s.messageId,
    sku: s.sku,
    title: s.title,
    rank: s.rank,
    reasons: s.reasons,
    strategy: s.strategy,
    engine: s.engine,
    score: s.score,
    grounded: s.grounded,
    shown: s.shown,
    liked: s.liked,
    rejected: s.rejected,
    rejectReason: s.rejectReason,
    shortlisted: s.shortlisted,
    bought: s.bought,
    fate: !s.grounded
      ? ('blocked' as const)
      : s.bought
        ? ('bought' as const)
        : s.shortlisted
          ? ('shortlisted' as const)
          : s.rejected
            ? ('rejected' as const)
            : s.liked
              ? ('liked' as const)
              : s.shown
                ? ('shown' as const)
                : ('hidden' as const),
  }));
  const messageIds = new Set((t?.messages ?? []).map((m) => m.id));
  const messages: TimelineItem[] = (t?.messages ?? []).map((m) => ({
    kind: 'message',
    at: m.at,
    id: m.id,
    turn: m.turn,
    role: m.role,
    content: m.content,
    engine: m.engine,
    model: m.model,
    constraints: m.constraints,
    questions: m.questions,
    status: m.status,
    firstSuggestionMs: m.firstSuggestionMs,
    fullReplyMs: m.fullReplyMs,
    fallback: m.fallback,
    goodExample: false,
    suggestions: suggestions.filter((s) => s.messageId === m.id),
    notes: [],
  }));
  // events slot in by time, before a message of the same instant (as on the laptop)
  const events = (t?.events ?? [])
    .map((e): TimelineItem => ({ kind: 'event', at: e.at, id: e.id, type: e.type, payload: e.payload }))
    .sort((a, b) => cmp(a.at, b.at));
  const timeline: TimelineItem[] = [];
  let i = 0;
  for (const m of messages) {
    while (i < events.length && (events[i]?.at ?? '') <= m.at) timeline.push(events[i++] as TimelineItem);
    timeline.push(m);
  }
  timeline.push(...events.slice(i));
  const { snippet: _snippet, ...row } = c.row;
  return {
    consultation: { ...row, notes: c.notes, customerContext: null, transcriptPurgedAt: null },
    timeline,
    otherSuggestions: suggestions.filter((s) => s.messageId === null || !messageIds.has(s.messageId)),
    notes: [],
    canCoach: false,
  };
}

const EXPORT_COLUMNS = [
  'consultation_id',
  'store_id',
  'associate_id',
  'associate_name',
  'walk_in',
  'started_at',
  'ended_at',
  'duration_sec',
  'outcome',
  'basket_value_minor',
  'basket_units',
  'currency',
  'satisfaction',
  'turns',
  'suggestions_shown',
  'suggestions_accepted',
  'engines',
  'fallbacks',
  'stopped_replies',
] as const;

function exportOf(list: Consultation[], format: 'csv' | 'jsonl', now: Date): CallOutput<'review.export'> {
  const stamp = now.toISOString().slice(0, 10);
  if (format === 'jsonl') {
    const content = list
      .map((c) => JSON.stringify({ ...c.row, snippet: undefined, transcript: c.transcript }))
      .join('\n');
    return {
      filename: `aisle-hq-consultations-${stamp}.jsonl`,
      mimeType: 'application/x-ndjson',
      content: content ? `${content}\n` : '',
      rows: list.length,
      contactDetailsIncluded: false,
    };
  }
  const lines = [EXPORT_COLUMNS.join(',')];
  for (const { row: r } of list) {
    lines.push(
      [
        r.id,
        r.storeId,
        r.associate.id,
        r.associate.name,
        r.customer === null,
        r.startedAt,
        r.endedAt,
        r.durationSec,
        r.outcome,
        r.basketValue,
        r.basketUnits,
        r.currency,
        r.satisfaction,
        r.turns,
        r.suggestionsShown,
        r.suggestionsAccepted,
        r.engines.join(' '),
        r.fallbacks,
        r.stoppedReplies,
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return {
    filename: `aisle-hq-consultations-${stamp}.csv`,
    mimeType: 'text/csv',
    content: `${lines.join('\n')}\n`,
    rows: list.length,
    contactDetailsIncluded: false,
  };
}

const notAtHq = (name: string) => () => {
  throw new AppError(
    'NOT_FOUND',
    `${name} is not available at head office: HQ serves manager sign-in, Review and the store comparison.`,
  );
};

/**
 * The handlers for one request, for the manager its session names (null before sign-in).
 * Built per request: the manager travels in the closure, so no handler can read another's scope.
 */
export function hqAppHandlers(hdb: HqDatabase, m: Manager | null): Handlers {
  const manager = (): Manager => {
    if (!m) throw new AppError('UNAUTHENTICATED', 'Sign in with your head-office manager account first.');
    return m;
  };
  const hq: Partial<Handlers> = {
    'app.status': async () => {
      const stores = m ? await visibleStoreList(hdb, m) : [];
      const own = m?.storeId ? stores.find((s) => s.id === m.storeId) : undefined;
      return {
        version: APP_VERSION,
        schemaVersion: hqMigrationTags().length,
        store: own ?? { id: 'hq', name: m ? 'Head office · all stores' : 'Head office' },
        stores,
        counts: { products: 0, variants: 0, customers: 0, orders: 0, consultations: 0 },
        catalogSyncedAt: null,
        stockSyncedAt: null,
        // head office is not a laptop with an outbox to it; dates and numbers follow the server's locale
        headOffice: false,
        locale: osLocale(process.env, process.platform),
        engine: { active: 'local', provider: null, model: null },
        mode: 'hq',
      };
    },
    'auth.whoami': () => ({ actor: m ? { associateId: m.id, name: m.name, role: 'manager' as const } : null }),
    'auth.people': async () => ({
      people: m
        ? (await pushedAssociates(hdb, m)).map((a) => ({
            ...a,
            role: 'associate' as const,
            hasPin: false,
            source: 'app' as const,
          }))
        : [],
    }),
    'auth.signOut': async (_input, ctx) => ({
      signedOut: ctx.sessionToken ? await signOutManager(hdb, ctx.sessionToken) : false,
    }),
    'hq.signIn': async (input) => {
      const s = await signInManager(hdb, input.managerId, input.password);
      if (!s) throw new AppError('UNAUTHENTICATED', 'Wrong manager id or password.');
      return {
        sessionToken: s.token,
        actor: { associateId: s.manager.id, name: s.manager.name, role: 'manager' },
        manager: s.manager,
      };
    },
    'hq.compare': async (input) => {
      if (input.from > input.to)
        throw new AppError('VALIDATION', 'hq.compare: "from" must not be after "to".', { field: 'from' });
      const stores = await storeKpis(hdb, manager(), {
        from: `${input.from}T00:00:00Z`,
        to: `${addDays(input.to, 1)}T00:00:00Z`,
      });
      return { range: { from: input.from, to: input.to }, stores };
    },
    'review.list': async (input) => {
      const t0 = performance.now();
      const { sort, limit, offset, ...filter } = input;
      const all = (await consultationsIn(hdb, manager(), filter)).filter((c) => matches(c, filter));
      all.sort(SORTS[sort] ?? byNewest);
      const rows = all
        .slice(offset, offset + limit)
        .map((c) => ({ ...c.row, snippet: filter.q ? snippetOf(c, filter.q) : null }));
      return { total: all.length, rows, tookMs: Math.round((performance.now() - t0) * 10) / 10 };
    },
    'review.replay': async (input) => {
      const records = await consultationRecords(hdb, manager(), { ids: [input.consultationId], limit: 1 });
      const [first] = await consultationsOfRecords(hdb, manager(), records);
      if (!first) throw new AppError('NOT_FOUND', `Consultation ${input.consultationId} is not one you can see.`);
      return replayOf(first);
    },
    'review.kpis': async (input) => {
      const t0 = performance.now();
      if (input.from > input.to)
        throw new AppError('VALIDATION', 'review.kpis: "from" must not be after "to".', { field: 'from' });
      const who = manager();
      const base: ConsultationFilter = {
        from: input.from,
        to: input.to,
        ...(input.associateIds?.length ? { associateIds: input.associateIds } : {}),
      };
      const list = (await consultationsIn(hdb, who, base)).filter((c) => matches(c, base));
      const byAssociate = new Map<string, Consultation[]>();
      for (const c of list) byAssociate.set(c.row.associate.id, [...(byAssociate.get(c.row.associate.id) ?? []), c]);
      const weekOf = (d: string) => addDays(d, -((new Date(`${d}T00:00:00Z`).getUTCDay() + 6) % 7));
      const points: KpiPoint[] = buckets(input.from, input.to, input.granularity).map((b) => {
        const inBucket = list.filter((c) => (input.granularity === 'day' ? c.day : weekOf(c.day)) === b.bucket);
        const k = kpiSetOf(inBucket, {});
        const all = k.responseTime.all;
        return {
          ...b,
          consultations: inBucket.length,
          engagementRate: k.engagement.value,
          acceptanceRate: k.acceptance.value,
          conversionRate: k.conversion.value,
          satisfactionMean: k.satisfaction.mean,
          fallbackRate: k.fallback.value,
          firstSuggestionP50Ms: all.firstSuggestion.p50,
          fullReplyP50Ms: all.fullReply.p50,
          fullReplyP95Ms: all.fullReply.p95,
        };
      });
      const stores = await visibleStoreList(hdb, who);
      const own = who.storeId ? stores.find((s) => s.id === who.storeId) : undefined;
      return {
        range: { from: input.from, to: input.to },
        store: own ?? { id: 'hq', name: `All stores (${stores.length})` },
        definitions: {
          ...KPI_DEFINITIONS,
          consultations:
            'Consultations started in the range (UTC days, both ends included) in the stores you can see, ' +
            'as laptops pushed them.',
          conversion14d:
            'Not counted at head office: a consultation is pushed with the customer’s label ("Ana K."), never their ' +
            'customer id, so head office cannot match it to orders. Each store’s laptop counts it from the orders it ' +
            'syncs.',
        },
        totals: kpiSetOf(list, base),
        associates: [...byAssociate]
          .map(([id, cs]) => ({
            associateId: id,
            // one id in two stores may be two people (ids are made per laptop)
            name: [...new Set(cs.map((c) => c.row.associate.name))].join(' / '),
            ...kpiSetOf(cs, { ...base, associateIds: [id] }),
          }))
          .sort((x, y) => x.name.localeCompare(y.name)),
        series: { granularity: input.granularity, points },
        tookMs: Math.round((performance.now() - t0) * 10) / 10,
      };
    },
    'review.export': async (input) => {
      const { format, ...filter } = input;
      const list = (await consultationsIn(hdb, manager(), filter)).filter((c) => matches(c, filter));
      list.sort((a, b) => cmp(a.row.startedAt, b.row.startedAt));
      return exportOf(list, format, new Date());
    },
    'review.retention': () => ({ transcriptDays: null, lastRunAt: null, purgedTotal: 0, due: 0 }),
  };
  const all: Record<string, unknown> = {};
  for (const name of Object.keys(calls) as CallName[]) all[name] = hq[name] ?? notAtHq(name);
  return all as Handlers;
}
