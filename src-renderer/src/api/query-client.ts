/** The one QueryClient: data is local and pushed fresh by 'data.changed', so little refetching. */
import { QueryClient } from '@tanstack/react-query';
import { isCallError } from './client';

const NO_RETRY = new Set(['VALIDATION', 'NOT_FOUND', 'UNAUTHENTICATED', 'FORBIDDEN', 'CONFLICT']);

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (count, error) => !(isCallError(error) && NO_RETRY.has(error.code)) && count < 1,
        retryDelay: 400,
      },
      mutations: { retry: false },
    },
  });
}
