/**
 * The one dispatcher behind every transport: validate the input against the contract, check the
 * caller's role, run the handler, and return a Result. IPC and HTTP adapters only move bytes.
 */
import { calls, isCallName, type CallName, type CallOutput } from '../contract/calls';
import { AppError, isAppError } from '../contract/errors';
import type { CallContext, Dispatch, Handlers } from '../contract/handlers';

export type { Actor, CallContext, Dispatch, Handler, Handlers } from '../contract/handlers';

export interface DispatchOptions {
  /** also validate outputs against the contract (tests turn this on) */
  validateOutput?: boolean;
  onInternalError?: (name: string, error: unknown) => void;
}

export function createDispatcher(handlers: Handlers, opts: DispatchOptions = {}): Dispatch {
  return async (name, rawInput, ctx) => {
    try {
      if (!isCallName(name)) throw new AppError('NOT_FOUND', `There is no call named "${name}".`);
      const def = calls[name];
      const parsed = def.input.safeParse(rawInput ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        const field = issue.path.map(String).join('.') || '(input)';
        throw new AppError('VALIDATION', `${name}: "${field}" ${issue.message}`, {
          field,
          issues: parsed.error.issues.length,
        });
      }
      if (def.role === 'manager' && ctx.actor?.role !== 'manager') {
        throw new AppError(ctx.actor ? 'FORBIDDEN' : 'UNAUTHENTICATED', `${name} needs a manager to sign in.`);
      }
      const handler = handlers[name] as (input: unknown, ctx: CallContext) => unknown;
      const data = await handler(parsed.data, ctx);
      if (opts.validateOutput) {
        const out = def.output.safeParse(data);
        if (!out.success) {
          const issue = out.error.issues[0]!;
          throw new Error(
            `${name} returned a value that breaks the contract at "${issue.path.join('.')}": ${issue.message}`,
          );
        }
      }
      return { ok: true, data };
    } catch (e) {
      if (isAppError(e)) return { ok: false, error: { code: e.code, message: e.message, details: e.details } };
      opts.onInternalError?.(name, e);
      return {
        ok: false,
        error: { code: 'INTERNAL', message: `Something went wrong in ${name}. The details are in the log.` },
      };
    }
  };
}

/** Unwraps a Result for in-process callers (CLI, tests): data or a thrown AppError. */
export async function callOrThrow<N extends CallName>(
  dispatch: Dispatch,
  name: N,
  input: unknown,
  ctx: CallContext,
): Promise<CallOutput<N>> {
  const r = await dispatch(name, input, ctx);
  if (!r.ok) throw new AppError(r.error.code, r.error.message, r.error.details);
  return r.data as CallOutput<N>;
}
