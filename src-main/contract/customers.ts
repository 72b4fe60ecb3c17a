/** Customer calls: find a customer as the associate types, the profile panel, confirmed preferences, notes. */
import { z } from 'zod';
import { mutation, query } from './define';

export const customerSummary = z.object({
  customerId: z.number().int(),
  externalId: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  loyaltyId: z.string().nullable(),
  city: z.string().nullable(),
  orderCount: z.number().int(),
  lastOrderAt: z.string().nullable(),
  /** which field matched the query, for highlighting */
  matched: z.enum(['name', 'email', 'phone', 'loyalty', 'id', 'recent']),
});
export type CustomerSummary = z.infer<typeof customerSummary>;

export const preferenceView = z.object({
  kind: z.enum(['size', 'color', 'avoid_color', 'brand', 'category']),
  /** for sizes: the size domain ("tops", "shoes", "waist"…) */
  scope: z.string(),
  value: z.string(),
  evidence: z.string(),
  origin: z.enum(['derived', 'confirmed']),
});

export const orderView = z.object({
  orderId: z.number().int(),
  externalId: z.string(),
  placedAt: z.string(),
  storeName: z.string().nullable(),
  /** null in look-up mode (nobody signed in): order totals add up to the lifetime spend */
  total: z.number().int().nullable(),
  currency: z.string(),
  lines: z.array(
    z.object({
      sku: z.string().nullable(),
      productId: z.number().int().nullable(),
      title: z.string(),
      size: z.string().nullable(),
      color: z.string().nullable(),
      quantity: z.number().int(),
      unitPrice: z.number().int().nullable(),
      imageUrl: z.string().nullable(),
    }),
  ),
});

export const customerProfileView = z.object({
  customer: z.object({
    customerId: z.number().int(),
    externalId: z.string(),
    firstName: z.string().nullable(),
    lastName: z.string().nullable(),
    name: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    loyaltyId: z.string().nullable(),
    city: z.string().nullable(),
    tags: z.array(z.string()),
    acceptsEmail: z.boolean(),
    acceptsSms: z.boolean(),
    consentPersonalization: z.boolean(),
    syncedAt: z.string(),
  }),
  stats: z.object({
    orderCount: z.number().int(),
    /** null in look-up mode */
    lifetimeSpend: z.number().int().nullable(),
    currency: z.string(),
    averageOrder: z.number().int().nullable(),
    firstOrderAt: z.string().nullable(),
    lastOrderAt: z.string().nullable(),
  }),
  orders: z.array(orderView),
  preferences: z.array(preferenceView),
  priceBand: z.object({ low: z.number().int(), high: z.number().int(), currency: z.string() }).nullable(),
  /** the imported note and associates' notes, newest first */
  notes: z.array(
    z.object({
      id: z.number().int().nullable(),
      body: z.string(),
      author: z.string().nullable(),
      createdAt: z.string().nullable(),
    }),
  ),
  personalization: z.object({ allowed: z.boolean(), message: z.string() }),
  /**
   * true when nobody is signed in at the screen that asked: email, phone, spend, order totals and notes
   * were left out by main (they never reach the screen), sizes, tastes and purchases stay for advice
   */
  lookupOnly: z.boolean(),
});
export type CustomerProfileView = z.infer<typeof customerProfileView>;

/** Summaries and profiles as a screen with nobody signed in receives them. */
export const LOOKUP_ONLY_NOTE = 'Sign in to see contact details, spend and notes.';

export const customersCalls = {
  'customers.search': query({
    input: z.object({ query: z.string().max(200).default(''), limit: z.number().int().min(1).max(50).default(10) }),
    output: z.object({ results: z.array(customerSummary), tookMs: z.number() }),
  }),
  'customers.recent': query({
    input: z.object({ limit: z.number().int().min(1).max(50).default(8) }).default({ limit: 8 }),
    output: z.object({ results: z.array(customerSummary) }),
  }),
  'customers.profile': query({
    input: z.object({ customerId: z.number().int() }),
    output: customerProfileView,
  }),
  'customers.confirmPreference': mutation({
    input: z.object({
      customerId: z.number().int(),
      kind: z.enum(['size', 'color', 'avoid_color', 'brand', 'category']),
      scope: z.string().max(40).default(''),
      value: z.string().min(1).max(80),
    }),
    output: z.object({ ok: z.literal(true), queuedUpstream: z.boolean() }),
    invalidates: ['customers.profile'],
  }),
  'customers.removePreference': mutation({
    input: z.object({
      customerId: z.number().int(),
      kind: z.enum(['size', 'color', 'avoid_color', 'brand', 'category']),
      scope: z.string().max(40).default(''),
    }),
    output: z.object({ ok: z.literal(true) }),
    invalidates: ['customers.profile'],
  }),
  'customers.addNote': mutation({
    input: z.object({ customerId: z.number().int(), body: z.string().trim().min(1).max(2000) }),
    output: z.object({ noteId: z.number().int(), queuedUpstream: z.boolean() }),
    invalidates: ['customers.profile'],
  }),
};
