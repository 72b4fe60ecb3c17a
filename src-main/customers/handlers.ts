/**
 * Contract handlers of the customers feature. With nobody signed in at the calling screen the answers
 * are in look-up mode (lookup-only.ts): no contact details, spend or notes leave main.
 */
import type { Handlers } from '../contract/handlers';
import { lookupOnlyProfile, lookupOnlySummary } from './lookup-only';
import type { CustomerService } from './service';

type Names =
  | 'customers.search'
  | 'customers.recent'
  | 'customers.profile'
  | 'customers.confirmPreference'
  | 'customers.removePreference'
  | 'customers.addNote';

export function customersHandlers(customers: CustomerService): Pick<Handlers, Names> {
  return {
    'customers.search': (i, ctx) => {
      const r = customers.search(i.query, i.limit);
      return ctx.actor ? r : { ...r, results: r.results.map(lookupOnlySummary) };
    },
    'customers.recent': (i, ctx) => {
      const r = customers.recent(i.limit);
      return ctx.actor ? r : { results: r.results.map(lookupOnlySummary) };
    },
    'customers.profile': (i, ctx) => {
      const p = customers.profile(i.customerId);
      return ctx.actor ? p : lookupOnlyProfile(p);
    },
    'customers.confirmPreference': (i, ctx) => customers.confirmPreference(i, ctx.actor?.associateId ?? null),
    'customers.removePreference': (i) => customers.removePreference(i),
    'customers.addNote': (i, ctx) => customers.addNote(i.customerId, i.body, ctx.actor?.associateId ?? null),
  };
}
