/**
 * Puts the API client in React context and wires main's push events into the query cache:
 * 'data.changed' invalidates exactly the calls it names. Components listen with useAppEvent().
 */
import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { eventSchemas, type AppEvent, type EventName } from '../../../src-main/contract';
import type { ApiClient } from './client';
import { Listeners } from './transport';

export interface ApiContextValue {
  client: ApiClient;
  events: Listeners<AppEvent>;
}

const ApiContext = createContext<ApiContextValue | null>(null);

export function useApi(): ApiContextValue {
  const v = useContext(ApiContext);
  if (!v) throw new Error('useApi() outside <ApiProvider>');
  return v;
}

function isEventName(name: string): name is EventName {
  return Object.prototype.hasOwnProperty.call(eventSchemas, name);
}

export function ApiProvider({
  client,
  queryClient,
  children,
}: {
  client: ApiClient;
  queryClient: QueryClient;
  children: ReactNode;
}) {
  const events = useMemo(() => new Listeners<AppEvent>(), []);

  useEffect(() => {
    return client.transport.subscribe((raw) => {
      if (!isEventName(raw.name)) return;
      // Events are checked against the contract like calls are: a malformed one is dropped, not guessed at.
      const parsed = eventSchemas[raw.name].safeParse(raw.payload);
      if (!parsed.success) {
        console.warn(`Ignored a malformed "${raw.name}" event from Aisle.`);
        return;
      }
      const event = { name: raw.name, payload: parsed.data } as AppEvent;
      if (event.name === 'data.changed') {
        for (const call of event.payload.calls) {
          void queryClient.invalidateQueries({ queryKey: [call] });
        }
      }
      events.emit(event);
    });
  }, [client, queryClient, events]);

  // Another person at this screen: every cached answer was someone else's, so start over with the
  // new session. One place for it, so sign-in and sign-out components never manage the cache.
  useEffect(() => client.session.subscribe(() => void queryClient.resetQueries()), [client, queryClient]);

  const value = useMemo(() => ({ client, events }), [client, events]);
  return (
    <ApiContext.Provider value={value}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </ApiContext.Provider>
  );
}
