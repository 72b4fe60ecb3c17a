/** Push events from main to the renderer (IPC: `aisle:event`; HTTP: GET /events as server-sent events). */
import { z } from 'zod';

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
  'copilot.stream': z.object({
    consultationId: z.string(),
    turnId: z.string(),
    kind: z.enum(['suggestions', 'delta', 'done', 'error', 'engine']),
    payload: z.unknown(),
  }),
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
export interface AppEvent<N extends EventName = EventName> {
  name: N;
  payload: EventPayload<N>;
}
