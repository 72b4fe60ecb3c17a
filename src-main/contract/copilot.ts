/**
 * Copilot and consultation calls. A consultation is one conversation with one customer (or a
 * walk-in); each `copilot.send` is a turn. The local engine answers inside the call; when an LLM is
 * configured its reply streams afterwards as 'copilot.stream' events (see events.ts) for the same
 * turnId: engine → delta* → suggestions? → done (or error → done).
 */
import { z } from 'zod';
import { mutation, query } from './define';

export const copilotEngineName = z.enum(['local', 'llm']);

/** What the copilot understood from the conversation so far (carried over between turns). */
export const copilotConstraints = z.object({
  categories: z.array(z.string()),
  /** use words from the lexicon: camping, hiking, winter… */
  uses: z.array(z.string()),
  /** catalog size values the customer needs, e.g. ["M"], ["UK 7"], ["32"], ["40L"] */
  sizes: z.array(z.string()),
  /** the size as said, e.g. "EU 42", "32 waist", when it was said */
  sizeText: z.string().nullable(),
  colors: z.array(z.string()),
  excludeColors: z.array(z.string()),
  /** minor units, inclusive */
  priceMin: z.number().int().nullable(),
  priceMax: z.number().int().nullable(),
  /** "cheap" / "premium" words without a number */
  priceBand: z.enum(['low', 'high']).nullable(),
  budgetText: z.string().nullable(),
  gender: z.enum(['women', 'men', 'kids']).nullable(),
  brands: z.array(z.string()),
  excludeBrands: z.array(z.string()),
  features: z.array(z.string()),
  /** false when the associate asked for things that are not on the shelf here too */
  inStockHereOnly: z.boolean(),
  /** the request is about someone other than the customer in the consultation (no personal history) */
  forSomeoneElse: z.boolean(),
  /** the local engine's reading of the conversation so far (sizes as said, person, words), carried to the next turn */
  memory: z.record(z.string(), z.unknown()).optional(),
});
export type CopilotConstraints = z.infer<typeof copilotConstraints>;

export const suggestionCard = z.object({
  /** consultation_suggestions.id: what card actions name */
  suggestionId: z.number().int(),
  sku: z.string(),
  productId: z.number().int(),
  title: z.string(),
  brand: z.string().nullable(),
  category: z.string().nullable(),
  /** what the customer pays now (sale price when on sale), minor units, read from the database */
  price: z.number().int(),
  regularPrice: z.number().int(),
  currency: z.string(),
  size: z.string().nullable(),
  color: z.string().nullable(),
  stockHere: z.number().int(),
  /** when the stock figure was last synced (ISO), null when no inventory row exists */
  asOf: z.string().nullable(),
  imageUrl: z.string().nullable(),
  rank: z.number().int(),
  reasons: z.array(z.string()),
  /** match = fits the request; alternative = nearest when nothing fits; complement = goes with it */
  kind: z.enum(['match', 'alternative', 'complement']),
  strategy: z.string(),
  engine: copilotEngineName,
});
export type SuggestionCard = z.infer<typeof suggestionCard>;

export const copilotTurn = z.object({
  consultationId: z.string(),
  turnId: z.string(),
  turn: z.number().int(),
  /** which engine produced `reply` and `suggestions` */
  engine: copilotEngineName,
  model: z.string().nullable(),
  reply: z.string(),
  suggestions: z.array(suggestionCard),
  questions: z.array(z.string()).max(2),
  constraints: copilotConstraints,
  /** names the constraint that was relaxed when nothing fitted all of them, e.g. "budget" */
  relaxed: z.string().nullable(),
  /** true when an LLM reply will stream in as copilot.stream events for this turnId */
  llmPending: z.boolean(),
  /** why a configured LLM did not answer, e.g. "llm disabled", "ollama: timeout after 8000 ms" */
  fallback: z.string().nullable(),
  firstSuggestionMs: z.number().int(),
});
export type CopilotTurn = z.infer<typeof copilotTurn>;

export const consultationSummary = z.object({
  id: z.string(),
  storeId: z.string(),
  associateId: z.string(),
  customerId: z.number().int().nullable(),
  /** display label: customer's first name + initial for the associate's own screen, or "Walk-in" */
  customerLabel: z.string(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  outcome: z.string().nullable(),
  basketValue: z.number().int().nullable(),
  basketUnits: z.number().int().nullable(),
  currency: z.string().nullable(),
  satisfaction: z.number().int().nullable(),
  turns: z.number().int(),
});
export type ConsultationSummary = z.infer<typeof consultationSummary>;

export const consultationMessage = z.object({
  id: z.number().int(),
  turn: z.number().int(),
  turnId: z.string(),
  role: z.enum(['associate', 'assistant']),
  content: z.string(),
  engine: copilotEngineName.nullable(),
  model: z.string().nullable(),
  status: z.enum(['complete', 'stopped', 'error']),
  questions: z.array(z.string()),
  constraints: copilotConstraints.nullable(),
  fallback: z.string().nullable(),
  firstSuggestionMs: z.number().int().nullable(),
  fullReplyMs: z.number().int().nullable(),
  createdAt: z.string(),
});

export const storedSuggestion = suggestionCard.extend({
  messageId: z.number().int().nullable(),
  grounded: z.boolean(),
  shown: z.boolean(),
  liked: z.boolean(),
  rejected: z.boolean(),
  rejectReason: z.string().nullable(),
  shortlisted: z.boolean(),
  bought: z.boolean(),
});
export type StoredSuggestion = z.infer<typeof storedSuggestion>;

/**
 * What one turn stored, in exactly the shapes of ConsultationDetail's messages and suggestions, so the screen
 * can put the turn into its cached consultation instead of reading the whole consultation again.
 */
export const storedTurn = z.object({
  /** the associate's message (absent for a regenerated reply) and the copilot's reply, in stored order */
  messages: z.array(consultationMessage),
  /** the grounded suggestions saved with the reply */
  suggestions: z.array(storedSuggestion),
});
export type StoredTurn = z.infer<typeof storedTurn>;

/** `copilot.send`'s answer: the turn plus what it stored. */
export const copilotSentTurn = copilotTurn.extend({ stored: storedTurn });
export type CopilotSentTurn = z.infer<typeof copilotSentTurn>;

/** The product in the customer's hand (scanned or typed): what "this" and "it" mean in the next turns. */
export const inHandProduct = z.object({
  sku: z.string(),
  productId: z.number().int(),
  title: z.string(),
  brand: z.string().nullable(),
  size: z.string().nullable(),
  color: z.string().nullable(),
  price: z.number().int(),
  currency: z.string(),
  imageUrl: z.string().nullable(),
  since: z.string(),
});
export type InHandProduct = z.infer<typeof inHandProduct>;

export const consultationDetail = z.object({
  consultation: consultationSummary.extend({
    notes: z.string().nullable(),
    customerContext: z.record(z.string(), z.unknown()).nullable(),
  }),
  messages: z.array(consultationMessage),
  /** grounded suggestions only (blocked ones are for the manager replay) */
  suggestions: z.array(storedSuggestion),
  /** turnIds whose LLM reply is still streaming */
  pendingTurns: z.array(z.string()),
  /** what was bought, as priced when the consultation ended (suggested or found by SKU); empty otherwise */
  basket: z.array(
    z.object({
      sku: z.string(),
      title: z.string(),
      size: z.string().nullable(),
      color: z.string().nullable(),
      quantity: z.number().int(),
      unitPrice: z.number().int(),
    }),
  ),
  inHand: inHandProduct.nullable(),
});
export type ConsultationDetail = z.infer<typeof consultationDetail>;

export const suggestionAction = z.enum([
  'shown',
  'liked',
  'unliked',
  'rejected',
  'unrejected',
  'shortlisted',
  'unshortlisted',
  'bought',
]);

export const engineInfo = z.object({
  name: z.string(),
  kind: copilotEngineName,
  baseUrl: z.string().nullable(),
  model: z.string().nullable(),
  /** true for 127.0.0.1 / localhost / ::1: may see more, never leaves the machine */
  loopback: z.boolean(),
  hasApiKey: z.boolean(),
  /** ids from GET /v1/models; null when not asked or unreachable */
  models: z.array(z.string()).nullable(),
  reachable: z.boolean().nullable(),
  error: z.string().nullable(),
});
export type CopilotEngineInfo = z.infer<typeof engineInfo>;

export const copilotCalls = {
  'consultation.start': mutation({
    input: z.object({
      /** customers.id; null or absent = walk-in */
      customerId: z.number().int().nullable().default(null),
    }),
    output: consultationSummary,
    invalidates: ['consultation.list', 'app.status'],
  }),
  'consultation.get': query({ input: z.object({ consultationId: z.string().min(1) }), output: consultationDetail }),
  'consultation.list': query({
    input: z
      .object({ limit: z.number().int().min(1).max(200).default(20), openOnly: z.boolean().default(false) })
      .default({ limit: 20, openOnly: false }),
    output: z.object({ consultations: z.array(consultationSummary) }),
  }),
  'copilot.send': mutation({
    input: z.object({ consultationId: z.string().min(1), message: z.string().trim().min(1).max(2000) }),
    output: copilotSentTurn,
    // no 'consultation.get': the screen merges `stored` into its cached consultation (an LLM reply that ends
    // later re-reads it through invalidatedByStream)
    invalidates: ['consultation.list'],
  }),
  /** a scan (or a typed code) during the consultation puts that product in hand; null puts it down */
  'copilot.setInHand': mutation({
    input: z.object({ consultationId: z.string().min(1), sku: z.string().trim().min(1).max(64).nullable() }),
    output: z.object({ inHand: inHandProduct.nullable() }),
    invalidates: ['consultation.get'],
  }),
  'copilot.stop': mutation({
    input: z.object({ consultationId: z.string().min(1), turnId: z.string().min(1) }),
    output: z.object({ stopped: z.boolean(), partial: z.string().nullable() }),
    invalidates: ['consultation.get'],
  }),
  'copilot.regenerate': mutation({
    input: z.object({ consultationId: z.string().min(1), turnId: z.string().min(1).optional() }),
    output: copilotTurn,
    invalidates: ['consultation.get'],
  }),
  /** "More like this" / "goes with" on a card: related products from the local engine, saved as a reply of the current turn. */
  'copilot.related': mutation({
    input: z.object({
      consultationId: z.string().min(1),
      suggestionId: z.number().int(),
      mode: z.enum(['more-like-this', 'goes-with']),
    }),
    output: copilotTurn,
    invalidates: ['consultation.get'],
  }),
  'consultation.suggestionAction': mutation({
    input: z.object({
      consultationId: z.string().min(1),
      suggestionId: z.number().int(),
      action: suggestionAction,
      reason: z.string().max(200).optional(),
    }),
    output: storedSuggestion,
    invalidates: ['consultation.get'],
  }),
  'consultation.end': mutation({
    input: z.object({
      consultationId: z.string().min(1),
      outcome: z.enum(['purchased', 'no_purchase', 'abandoned']),
      /** what was bought; prices come from the database */
      bought: z
        .array(z.object({ sku: z.string().min(1), quantity: z.number().int().min(1).max(99).default(1) }))
        .default([]),
      satisfaction: z.number().int().min(1).max(5).nullable().default(null),
      notes: z.string().max(2000).nullable().default(null),
    }),
    output: consultationSummary,
    invalidates: ['consultation.get', 'consultation.list', 'app.status'],
  }),
  'copilot.engines': query({
    input: z.object({ probe: z.boolean().default(false) }).default({ probe: false }),
    output: z.object({ engines: z.array(engineInfo), llmEnabled: z.boolean() }),
  }),
};
