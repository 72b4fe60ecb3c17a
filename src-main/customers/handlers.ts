/** Contract handlers of the customers feature. */
import type { Handlers } from '../contract/handlers';
import type { CustomerService } from './service';

type Names = 'customers.search' | 'customers.recent' | 'customers.profile' | 'customers.confirmPreference' | 'customers.removePreference' | 'customers.addNote';

export function customersHandlers(customers: CustomerService): Pick<Handlers, Names> {
  return {
    'customers.search': (i) => customers.search(i.query, i.limit),
    'customers.recent': (i) => customers.recent(i.limit),
    'customers.profile': (i) => customers.profile(i.customerId),
    'customers.confirmPreference': (i, ctx) => customers.confirmPreference(i, ctx.actor?.associateId ?? null),
    'customers.removePreference': (i) => customers.removePreference(i),
    'customers.addNote': (i, ctx) => customers.addNote(i.customerId, i.body, ctx.actor?.associateId ?? null),
  };
}
