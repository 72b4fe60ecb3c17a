/**
 * Manager review: the consultation list, one consultation's replay, coaching notes, KPIs with their
 * definitions, and export. Associates see their own consultations; managers see the store's.
 * Every KPI carries `filter`s in the list's own input format, so a click on a number opens exactly
 * the consultations behind it.
 */
import { z } from 'zod';
import { mutation, query } from './define';

/** A calendar day, UTC, inclusive at both ends of a range. */
export const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2025-03-31');
export const outcomeName = z.enum(['purchased', 'no_purchase', 'abandoned', 'open']);
export type OutcomeName = z.infer<typeof outcomeName>;

/**
 * The one set of outcome names people read: the end-of-consultation dialog's words, used again by the
 * Review filters, the replay, the KPI definitions and the export. Change a word here, it changes everywhere.
 */
export const OUTCOME_LABELS: Record<OutcomeName, string> = {
  purchased: 'They bought',
  no_purchase: 'No purchase',
  abandoned: 'Walked away',
  open: 'Still open',
};

export function outcomeLabel(outcome: string | null): string {
  if (outcome === null) return OUTCOME_LABELS.open;
  return outcome in OUTCOME_LABELS ? OUTCOME_LABELS[outcome as OutcomeName] : outcome;
}

/**
 * The associate id a consultation gets when nobody signed in at the laptop (the copilot's stand-in,
 * copilot/service.ts): not a person, so Review never shows it as one.
 */
export const NOBODY_SIGNED_IN = 'associate';

/** What Review (the laptop's and head office's) calls whoever held a consultation when it has no name for them. */
export const ASSOCIATE_LABELS = {
  nobodySignedIn: 'Not signed in',
  unnamed: 'Unnamed associate',
} as const;

/** The person Review shows for a consultation: their name, else what is known of them — never a bare id. */
export function associateLabel(associateId: string, name: string | null | undefined): string {
  const known = name?.trim();
  if (known) return known;
  return associateId === NOBODY_SIGNED_IN ? ASSOCIATE_LABELS.nobodySignedIn : ASSOCIATE_LABELS.unnamed;
}

/** What each KPI means, in a manager's words; the exact formula is `definitions` in `review.kpis`. */
export const KPI_PLAIN_DEFINITIONS: Record<string, string> = {
  consultations: 'How many consultations were started on these days, walk-ins included.',
  engagement: 'How often the copilot was used at all during a consultation.',
  turnsPerConsultation: 'How many questions the copilot was asked, on average, when it was used.',
  acceptance: 'How many of the products the copilot showed were shortlisted or bought.',
  conversion: `How many finished consultations ended with "${OUTCOME_LABELS.purchased}".`,
  conversion14d: 'How many known customers came back and bought within two weeks.',
  /** the same card at head office, which cannot tell who the customer was (see conversion14d in hq/app-calls.ts) */
  conversion14dAtHeadOffice:
    'How many known customers came back and bought within two weeks. Counted on each store’s laptop, not at ' +
    'head office: a consultation reaches head office without the customer’s id, so it cannot be matched to orders.',
  basket: `The average spend and number of items when the customer bought ("${OUTCOME_LABELS.purchased}").`,
  satisfaction: 'The average of the customers’ 1–5 ratings, and how many gave one.',
  responseTime:
    'How long the customer waited for the first suggestion and for the full answer (middle and slowest 5 %).',
  fallback: 'How often the usual copilot failed and a back-up answered instead.',
  stoppedReplies: 'Answers the associate stopped before they finished.',
  blockedSuggestions: 'Products the copilot named that are not in this store’s data: never shown.',
};
export const engineName = z.enum(['local', 'llm']);

export const consultationFilter = z.object({
  from: isoDay.optional(),
  to: isoDay.optional(),
  associateIds: z.array(z.string()).max(200).optional(),
  /** head office (HQ mode): only these stores; a laptop holds one store and ignores it */
  storeIds: z.array(z.string()).max(200).optional(),
  /** walk_in = no customer picked; known = a customer record */
  customer: z.enum(['any', 'walk_in', 'known']).optional(),
  customerId: z.number().int().optional(),
  outcome: z.array(outcomeName).optional(),
  /** consultations where at least one reply came from this engine */
  engine: z.array(engineName).optional(),
  satisfaction: z.array(z.number().int().min(1).max(5)).optional(),
  rated: z.boolean().optional(),
  usedCopilot: z.boolean().optional(),
  hasShownSuggestions: z.boolean().optional(),
  /** at least one shown suggestion shortlisted or bought */
  acceptedSuggestion: z.boolean().optional(),
  hadFallback: z.boolean().optional(),
  hadStoppedReply: z.boolean().optional(),
  hasLatency: z.boolean().optional(),
  /** the customer placed an order within 14 days after the consultation ended */
  followUpPurchase: z.boolean().optional(),
  goodExample: z.boolean().optional(),
  /** words that must appear in a message (case-insensitive substring) */
  q: z.string().trim().max(200).optional(),
});
export type ConsultationFilter = z.infer<typeof consultationFilter>;

export const listSort = z.enum([
  'started_desc',
  'started_asc',
  'basket_desc',
  'satisfaction_desc',
  'satisfaction_asc',
  'duration_desc',
]);

export const consultationRow = z.object({
  id: z.string(),
  /** the store, set by head office where a list spans stores */
  storeId: z.string().optional(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  durationSec: z.number().int().nullable(),
  associate: z.object({ id: z.string(), name: z.string() }),
  customer: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  outcome: z.string().nullable(),
  basketValue: z.number().int().nullable(),
  basketUnits: z.number().int().nullable(),
  currency: z.string().nullable(),
  satisfaction: z.number().int().nullable(),
  turns: z.number().int(),
  suggestionsShown: z.number().int(),
  suggestionsAccepted: z.number().int(),
  engines: z.array(z.string()),
  fallbacks: z.number().int(),
  stoppedReplies: z.number().int(),
  coachingNotes: z.number().int(),
  goodExamples: z.number().int(),
  transcriptPurged: z.boolean(),
  /** a piece of the first message matching `q` */
  snippet: z.string().nullable(),
});
export type ConsultationRow = z.infer<typeof consultationRow>;

export const reviewListInput = consultationFilter.extend({
  sort: listSort.default('started_desc'),
  limit: z.number().int().min(1).max(500).default(25),
  offset: z.number().int().min(0).default(0),
});

export const suggestionView = z.object({
  id: z.number().int(),
  messageId: z.number().int().nullable(),
  sku: z.string(),
  title: z.string().nullable(),
  rank: z.number().int(),
  reasons: z.array(z.string()),
  strategy: z.string(),
  engine: z.string(),
  score: z.number().nullable(),
  grounded: z.boolean(),
  shown: z.boolean(),
  liked: z.boolean(),
  rejected: z.boolean(),
  rejectReason: z.string().nullable(),
  shortlisted: z.boolean(),
  bought: z.boolean(),
  /** one word for the card: bought > shortlisted > rejected > liked > shown > blocked */
  fate: z.enum(['bought', 'shortlisted', 'rejected', 'liked', 'shown', 'blocked', 'hidden']),
});

export const coachingNoteView = z.object({
  id: z.number().int(),
  messageId: z.number().int().nullable(),
  authorId: z.string(),
  authorName: z.string(),
  body: z.string(),
  createdAt: z.string(),
});

export const timelineItem = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('message'),
    at: z.string(),
    id: z.number().int(),
    turn: z.number().int(),
    role: z.string(),
    content: z.string(),
    engine: z.string().nullable(),
    model: z.string().nullable(),
    constraints: z.record(z.string(), z.unknown()).nullable(),
    questions: z.array(z.string()).nullable(),
    status: z.string(),
    firstSuggestionMs: z.number().int().nullable(),
    fullReplyMs: z.number().int().nullable(),
    fallback: z.string().nullable(),
    goodExample: z.boolean(),
    suggestions: z.array(suggestionView),
    notes: z.array(coachingNoteView),
  }),
  z.object({
    kind: z.literal('event'),
    at: z.string(),
    id: z.number().int(),
    type: z.string(),
    payload: z.record(z.string(), z.unknown()).nullable(),
  }),
]);
export type TimelineItem = z.infer<typeof timelineItem>;

export const replayOutput = z.object({
  consultation: consultationRow.omit({ snippet: true }).extend({
    storeId: z.string(),
    notes: z.string().nullable(),
    customerContext: z.record(z.string(), z.unknown()).nullable(),
    transcriptPurgedAt: z.string().nullable(),
  }),
  timeline: z.array(timelineItem),
  /** suggestions not tied to a message (e.g. added from a card action) */
  otherSuggestions: z.array(suggestionView),
  /** notes about the whole consultation */
  notes: z.array(coachingNoteView),
  canCoach: z.boolean(),
});
export type ReplayOutput = z.infer<typeof replayOutput>;

const ratio = z.object({
  /** numerator ÷ denominator; null when the denominator is 0 */
  value: z.number().nullable(),
  numerator: z.number().int(),
  denominator: z.number().int(),
  numeratorFilter: consultationFilter,
  denominatorFilter: consultationFilter,
});
export type KpiRatio = z.infer<typeof ratio>;

const percentiles = z.object({ p50: z.number().nullable(), p95: z.number().nullable(), n: z.number().int() });
export const latencyByEngine = z.object({ engine: z.string(), firstSuggestion: percentiles, fullReply: percentiles });

export const kpiSet = z.object({
  consultations: z.object({ value: z.number().int(), filter: consultationFilter }),
  engagement: ratio,
  turnsPerConsultation: z.object({
    value: z.number().nullable(),
    turns: z.number().int(),
    consultations: z.number().int(),
    filter: consultationFilter,
  }),
  acceptance: ratio,
  conversion: ratio,
  conversion14d: ratio.extend({ ordersSynced: z.boolean() }),
  basket: z.object({
    purchases: z.number().int(),
    avgUnits: z.number().nullable(),
    byCurrency: z.array(z.object({ currency: z.string(), purchases: z.number().int(), avgValue: z.number().int() })),
    filter: consultationFilter,
  }),
  satisfaction: z.object({
    mean: z.number().nullable(),
    responses: z.number().int(),
    distribution: z.object({
      1: z.number().int(),
      2: z.number().int(),
      3: z.number().int(),
      4: z.number().int(),
      5: z.number().int(),
    }),
    responseRate: ratio,
    filter: consultationFilter,
  }),
  responseTime: z.object({ all: latencyByEngine, byEngine: z.array(latencyByEngine), filter: consultationFilter }),
  /** replies another engine gave because the first one failed ÷ replies */
  fallback: ratio,
  stoppedReplies: z.object({ value: z.number().int(), filter: consultationFilter }),
  blockedSuggestions: z.object({ value: z.number().int(), filter: consultationFilter }),
});
export type KpiSet = z.infer<typeof kpiSet>;

export const kpiPoint = z.object({
  bucket: z.string(),
  from: z.string(),
  to: z.string(),
  consultations: z.number().int(),
  engagementRate: z.number().nullable(),
  acceptanceRate: z.number().nullable(),
  conversionRate: z.number().nullable(),
  satisfactionMean: z.number().nullable(),
  fallbackRate: z.number().nullable(),
  firstSuggestionP50Ms: z.number().nullable(),
  fullReplyP50Ms: z.number().nullable(),
  fullReplyP95Ms: z.number().nullable(),
});
export type KpiPoint = z.infer<typeof kpiPoint>;

export const kpiInput = z.object({
  from: isoDay,
  to: isoDay,
  /** only these associates (managers); associates always get their own */
  associateIds: z.array(z.string()).max(200).optional(),
  granularity: z.enum(['day', 'week']).default('day'),
});

export const kpiOutput = z.object({
  range: z.object({ from: z.string(), to: z.string() }),
  store: z.object({ id: z.string(), name: z.string() }),
  definitions: z.record(z.string(), z.string()),
  totals: kpiSet,
  associates: z.array(kpiSet.extend({ associateId: z.string(), name: z.string() })),
  series: z.object({ granularity: z.enum(['day', 'week']), points: z.array(kpiPoint) }),
  tookMs: z.number(),
});
export type KpiOutput = z.infer<typeof kpiOutput>;

export const exportInput = consultationFilter.extend({ format: z.enum(['csv', 'jsonl']).default('csv') });
export const exportOutput = z.object({
  filename: z.string(),
  mimeType: z.string(),
  content: z.string(),
  rows: z.number().int(),
  contactDetailsIncluded: z.boolean(),
});

export const retentionStatus = z.object({
  transcriptDays: z.number().int().nullable(),
  lastRunAt: z.string().nullable(),
  purgedTotal: z.number().int(),
  /** consultations older than the limit whose transcript is still there */
  due: z.number().int(),
});

export const reviewCalls = {
  'review.list': query({
    input: reviewListInput,
    output: z.object({ total: z.number().int(), rows: z.array(consultationRow), tookMs: z.number() }),
  }),
  'review.replay': query({ input: z.object({ consultationId: z.string().min(1).max(100) }), output: replayOutput }),
  'review.addCoachingNote': mutation({
    input: z.object({
      consultationId: z.string().min(1).max(100),
      /** the timeline point; null/absent = the whole consultation */
      messageId: z.number().int().nullable().optional(),
      body: z.string().trim().min(1, 'must not be empty').max(4000),
    }),
    output: coachingNoteView,
    invalidates: ['review.replay', 'review.list'],
    role: 'manager',
  }),
  'review.markGoodExample': mutation({
    input: z.object({ messageId: z.number().int(), good: z.boolean().default(true) }),
    output: z.object({ messageId: z.number().int(), goodExample: z.boolean() }),
    invalidates: ['review.replay', 'review.list'],
    role: 'manager',
  }),
  'review.kpis': query({ input: kpiInput, output: kpiOutput }),
  'review.export': mutation({ input: exportInput, output: exportOutput, role: 'manager' }),
  'review.retention': query({ input: z.object({}).default({}), output: retentionStatus, role: 'manager' }),
};
