/**
 * Building blocks of the contract: a call is a name, a zod input, a zod output, a kind (query or
 * mutation) and, for mutations, the queries it makes stale. Adding a capability starts here.
 */
import { z } from 'zod';

export type CallKind = 'query' | 'mutation';

export interface CallDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  kind: CallKind;
  input: I;
  output: O;
  /** Names of queries a successful mutation makes stale (TanStack Query keys are call names). */
  invalidates: readonly string[];
  /** Who may make this call: anyone at the till, or managers only. */
  role: 'any' | 'manager';
}

export function query<I extends z.ZodType, O extends z.ZodType>(def: {
  input: I;
  output: O;
  role?: 'any' | 'manager';
}): CallDef<I, O> {
  return { kind: 'query', input: def.input, output: def.output, invalidates: [], role: def.role ?? 'any' };
}

export function mutation<I extends z.ZodType, O extends z.ZodType>(def: {
  input: I;
  output: O;
  invalidates?: readonly string[];
  role?: 'any' | 'manager';
}): CallDef<I, O> {
  return {
    kind: 'mutation',
    input: def.input,
    output: def.output,
    invalidates: def.invalidates ?? [],
    role: def.role ?? 'any',
  };
}
