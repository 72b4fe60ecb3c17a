/**
 * React hooks generated from the contract. Query keys are [call name, input]; a mutation invalidates
 * exactly the queries its contract entry lists in `invalidates` (habit 9: invalidation is declared in
 * the contract, never improvised in a component).
 */
import { useCallback, useEffect, useRef, useSyncExternalStore } from 'react';
import {
  keepPreviousData,
  useMutation,
  useQuery,
  useQueryClient,
  type UseMutationResult,
  type UseQueryResult,
} from '@tanstack/react-query';
import {
  calls,
  type AppEvent,
  type CallInput,
  type CallName,
  type CallOutput,
  type EventName,
  type EventPayload,
} from '../../../src-main/contract';
import type { CallError } from './client';
import { useApi } from './provider';
import type { BridgeState } from './transport';

export interface UseCallOptions {
  enabled?: boolean;
  /** keep showing the previous answer while a new input loads (search as you type) */
  keepPrevious?: boolean;
  staleTime?: number;
  refetchInterval?: number;
}

export function callKey<N extends CallName>(name: N, input: CallInput<N>): readonly [N, CallInput<N>] {
  return [name, input] as const;
}

export function useCall<N extends CallName>(
  name: N,
  input: CallInput<N>,
  options: UseCallOptions = {},
): UseQueryResult<CallOutput<N>, CallError> {
  const { client } = useApi();
  return useQuery<CallOutput<N>, CallError, CallOutput<N>, readonly [N, CallInput<N>]>({
    queryKey: callKey(name, input),
    queryFn: () => client.call(name, input),
    enabled: options.enabled,
    placeholderData: options.keepPrevious ? keepPreviousData : undefined,
    staleTime: options.staleTime,
    refetchInterval: options.refetchInterval,
  });
}

/** The queries a successful call of `name` makes stale, straight from the contract. */
export function invalidatedBy(name: CallName): readonly string[] {
  return calls[name].invalidates;
}

export function useMutate<N extends CallName>(name: N): UseMutationResult<CallOutput<N>, CallError, CallInput<N>> {
  const { client } = useApi();
  const queryClient = useQueryClient();
  return useMutation<CallOutput<N>, CallError, CallInput<N>>({
    mutationKey: [name],
    mutationFn: (input) => client.call(name, input),
    onSuccess: async () => {
      await Promise.all(invalidatedBy(name).map((q) => queryClient.invalidateQueries({ queryKey: [q] })));
    },
  });
}

/** Listen to one push event from main; the handler may change between renders without resubscribing. */
export function useAppEvent<N extends EventName>(name: N, handler: (payload: EventPayload<N>) => void): void {
  const { events } = useApi();
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(
    () =>
      events.add((e: AppEvent) => {
        if (e.name === name) ref.current(e.payload as EventPayload<N>);
      }),
    [events, name],
  );
}

/** Whether main answers: IPC always; over HTTP, whether the event stream and calls get through. */
export function useBridgeState(): BridgeState {
  const { client } = useApi();
  const t = client.transport;
  // The event stream only runs while someone listens, so watching reachability keeps one open.
  useEffect(() => t.subscribe(() => {}), [t]);
  return useSyncExternalStore(
    useCallback((cb) => t.onBridgeState(cb), [t]),
    () => t.bridgeState(),
  );
}

export function useSessionToken(): string | null {
  const { client } = useApi();
  const s = client.session;
  return useSyncExternalStore(
    useCallback((cb) => s.subscribe(cb), [s]),
    () => s.get(),
  );
}
