/** Recommender calls: suggestions with reasons for the copilot/workspace, model health, retraining. */
import { z } from 'zod';
import { mutation, query } from './define';

export const recommendInput = z.object({
  customerId: z.number().int().nullable().optional(),
  contextSkus: z.array(z.string()).max(50).default([]),
  constraints: z
    .object({
      size: z.string().optional(),
      priceMin: z.number().int().min(0).optional(),
      priceMax: z.number().int().min(0).optional(),
      category: z.string().optional(),
      colorExclude: z.array(z.string()).optional(),
      includeOutOfStock: z.boolean().optional(),
    })
    .default({}),
  k: z.number().int().min(1).max(100).default(10),
  mode: z.enum(['auto', 'personal', 'goes-with', 'more-like-this', 'best-sellers']).default('auto'),
  /** default: the store this laptop stands in */
  storeId: z.string().optional(),
});

export const recommendation = z.object({
  sku: z.string(),
  productId: z.number().int(),
  title: z.string(),
  size: z.string().nullable(),
  color: z.string().nullable(),
  price: z.number().int(),
  currency: z.string(),
  stockHere: z.number().int(),
  inStockHere: z.boolean(),
  score: z.number(),
  strategy: z.enum(['personal', 'repurchase', 'goes-with', 'more-like-this', 'best-sellers']),
  reasons: z.array(z.string()),
});

export const recommendOutput = z.object({
  customerId: z.number().int().nullable(),
  personalised: z.boolean(),
  mode: z.enum(['auto', 'personal', 'goes-with', 'more-like-this', 'best-sellers']),
  results: z.array(recommendation),
  notes: z.array(z.string()),
});

const interval = z.object({ mean: z.number(), lo: z.number(), hi: z.number() });

/** Which model won self-validation on the store's own data, next to GP-TopFreq (issue #14). */
export const modelCard = z.object({
  chosen: z.string(),
  chosenLabel: z.string(),
  reason: z.string(),
  baseline: z.string(),
  holdout: z.string(),
  holdoutCustomers: z.number().int(),
  candidates: z.array(
    z.object({
      model: z.string(),
      label: z.string(),
      recall10: z.number(),
      ndcg10: z.number(),
      vsBaseline: interval,
      chosen: z.boolean(),
    }),
  ),
  data: z.object({
    from: z.string(),
    to: z.string(),
    spanDays: z.number(),
    customers: z.number().int(),
    baskets: z.number().int(),
    medianVisitGapDays: z.number().nullable(),
  }),
  trainedAt: z.string(),
  selectionSeconds: z.number(),
});
export type ModelCardOut = z.infer<typeof modelCard>;

export const recommenderHealth = z.object({
  status: z.enum(['ok', 'missing', 'stale']),
  trainedAt: z.string().nullable(),
  baskets: z.number().int(),
  customers: z.number().int(),
  items: z.number().int(),
  strategies: z.record(z.string(), z.string()),
  trainSeconds: z.number().nullable(),
  message: z.string(),
  card: modelCard.nullable().default(null),
});

export const recommenderCalls = {
  'recommender.recommend': query({ input: recommendInput, output: recommendOutput }),
  'recommender.status': query({ input: z.object({}).default({}), output: recommenderHealth }),
  'recommender.train': mutation({
    input: z.object({}).default({}),
    output: recommenderHealth,
    invalidates: ['recommender.status', 'recommender.recommend'],
  }),
};
