/**
 * Look-up mode: what a screen with nobody signed in may receive about a customer. A shared store
 * laptop is often left on "Not now"; whoever stands at it can still find a customer and see their
 * sizes, tastes and what they bought, but not how to reach them, what they spend, or associates'
 * notes. The fields are removed here, in main, so they never reach the screen's DOM at all.
 */
import type { CustomerProfileView, CustomerSummary } from '../contract/customers';

/** A name that is really the email (no first/last name on file) must not leak it. */
function safeName(name: string, email: string | null, externalId: string): string {
  return email && name === email ? `Customer ${externalId}` : name;
}

export function lookupOnlySummary(s: CustomerSummary): CustomerSummary {
  return { ...s, name: safeName(s.name, s.email, s.externalId), email: null, phone: null };
}

export function lookupOnlyProfile(p: CustomerProfileView): CustomerProfileView {
  const name = safeName(p.customer.name, p.customer.email, p.customer.externalId);
  return {
    ...p,
    customer: { ...p.customer, name, email: null, phone: null },
    stats: { ...p.stats, lifetimeSpend: null, averageOrder: null },
    orders: p.orders.map((o) => ({ ...o, total: null, lines: o.lines.map((l) => ({ ...l, unitPrice: null })) })),
    priceBand: null,
    notes: [],
    personalization: p.personalization.allowed
      ? p.personalization
      : { ...p.personalization, message: p.personalization.message.replace(p.customer.name, name) },
    lookupOnly: true,
  };
}
