/** Push events from main to the renderer (IPC: `aisle:event`; HTTP: GET /events as server-sent events). */
import { z } from 'zod';
import { copilotConstraints, suggestionCard } from './copilot';

const turnOf = { consultationId: z.string(), turnId: z.string() };

/**
 * One streamed piece of a copilot turn, by kind: the cards of an engine, a piece of LLM text, an LLM provider
 * starting or failing, and the end of the turn (which engine's answer stands, and why).
 */
export const copilotStreamEvent = z.discriminatedUnion('kind', [
  z.object({
    ...turnOf,
    kind: z.literal('suggestions'),
    payload: z.object({
      engine: z.enum(['local', 'llm']),
      suggestions: z.array(suggestionCard),
      /** the local engine's own answer comes with its reply, questions and understanding */
      reply: z.string().optional(),
      questions: z.array(z.string()).optional(),
      constraints: copilotConstraints.optional(),
    }),
  }),
  z.object({ ...turnOf, kind: z.literal('delta'), payload: z.object({ text: z.string() }) }),
  z.object({
    ...turnOf,
    kind: z.literal('engine'),
    payload: z.object({
      engine: z.literal('llm'),
      provider: z.string(),
      model: z.string(),
      status: z.literal('started'),
    }),
  }),
  z.object({ ...turnOf, kind: z.literal('error'), payload: z.object({ provider: z.string(), message: z.string() }) }),
  z.object({
    ...turnOf,
    kind: z.literal('done'),
    payload: z.object({
      /** llm: the LLM's reply was saved (and may have changed the cards); local: the offline answer stands */
      engine: z.enum(['local', 'llm']),
      status: z.enum(['complete', 'stopped', 'error']),
      fallback: z.string().nullable(),
      fullReplyMs: z.number().optional(),
      provider: z.string().optional(),
      model: z.string().optional(),
      reply: z.string().optional(),
      blocked: z.array(z.string()).optional(),
    }),
  }),
]);
export type CopilotStreamEvent = z.infer<typeof copilotStreamEvent>;

/**
 * The queries a stream event makes stale (habit 9: invalidation is declared in the contract). Only the end of a
 * turn changes stored data the `copilot.send` answer did not already carry: an LLM reply saved with its cards, or
 * the fallback note on the local reply. Deltas, cards in flight and a local-only end change nothing stored.
 */
export function invalidatedByStream(e: CopilotStreamEvent): readonly ['consultation.get'] | readonly [] {
  if (e.kind !== 'done') return [];
  return e.payload.engine === 'llm' || e.payload.fallback !== null ? (['consultation.get'] as const) : [];
}

export const eventSchemas = {
  /** progress of a running import or sync */
  'sync.progress': z.object({
    runId: z.number().int(),
    sourceName: z.string(),
    phase: z.string(),
    done: z.number(),
    total: z.number().nullable(),
    status: z.enum(['running', 'succeeded', 'partial', 'failed', 'cancelled']),
    message: z.string().optional(),
  }),
  /** a streamed piece of a copilot turn */
  'copilot.stream': copilotStreamEvent,
  /** recommender training progress */
  'recommender.progress': z.object({
    phase: z.string(),
    done: z.number(),
    total: z.number().nullable(),
    status: z.enum(['running', 'succeeded', 'failed']),
  }),
  /** data changed under the renderer (after a sync): invalidate these queries */
  'data.changed': z.object({ calls: z.array(z.string()) }),
} as const;

export type EventName = keyof typeof eventSchemas;
export type EventPayload<N extends EventName> = z.infer<(typeof eventSchemas)[N]>;
/** One event; for a union of names, a union of events, so checking `name` narrows `payload`. */
export type AppEvent<N extends EventName = EventName> = N extends EventName
  ? { name: N; payload: EventPayload<N> }
  : never;
