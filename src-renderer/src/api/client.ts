/**
 * The typed client: `call(name, input)` with input and output types taken from the contract.
 * Failures become a CallError carrying the contract's {code, message}, which the UI shows as is.
 */
import type { CallInput, CallName, CallOutput, ErrorCode, WireError } from '../../../src-main/contract';
import type { SessionHolder } from './session';
import type { Transport } from './transport';

export class CallError extends Error {
  readonly code: ErrorCode;
  readonly call: string;
  constructor(call: string, error: WireError) {
    super(error.message);
    this.name = 'CallError';
    this.code = error.code;
    this.call = call;
  }
}

export function isCallError(e: unknown): e is CallError {
  return e instanceof CallError;
}

export interface ApiClient {
  readonly transport: Transport;
  readonly session: SessionHolder;
  call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>>;
}

export function createApiClient(transport: Transport, session: SessionHolder): ApiClient {
  return {
    transport,
    session,
    async call(name, input) {
      const result = await transport.invoke(name, input, session.get());
      if (!result.ok) throw new CallError(name, result.error);
      return result.data as CallOutput<typeof name>;
    },
  };
}
