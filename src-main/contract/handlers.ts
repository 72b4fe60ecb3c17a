/**
 * What serves the contract: a handler per call, the context a transport passes it, and the dispatcher's shape.
 * These live with the contract (not in app/) so a feature's handlers depend on the contract alone; the
 * renderer never uses them, and nothing here imports Node.
 */
import type { CallName, CallOutput, CallParsedInput } from './calls';
import type { Result } from './errors';
import type { EventName, EventPayload } from './events';

export interface Actor {
  associateId: string;
  name: string;
  role: 'associate' | 'manager';
}

/** Where a handler publishes push events (app/events.ts's EventBus in main). */
export interface EventSink {
  emit<N extends EventName>(name: N, payload: EventPayload<N>): void;
}

export interface CallContext {
  /** who is working at this screen; null until someone signs in */
  actor: Actor | null;
  /** 'electron' | 'browser' | 'cli' | 'test' */
  transport: string;
  events: EventSink;
  /** aborted when the caller goes away (HTTP request closed) */
  signal?: AbortSignal;
  /** the opaque session token the caller sent, so sign-in/out calls can manage it */
  sessionToken?: string | null;
}

export type Handler<N extends CallName> = (
  input: CallParsedInput<N>,
  ctx: CallContext,
) => Promise<CallOutput<N>> | CallOutput<N>;
export type Handlers = { [N in CallName]: Handler<N> };

export type Dispatch = (name: string, rawInput: unknown, ctx: CallContext) => Promise<Result<unknown>>;
