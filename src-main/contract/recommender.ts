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

export const recommenderHealth = z.object({
  status: z.enum(['ok', 'missing', 'stale']),
  trainedAt: z.string().nullable(),
  baskets: z.number().int(),
  customers: z.number().int(),
  items: z.number().int(),
  strategies: z.record(z.string(), z.string()),
  trainSeconds: z.number().nullable(),
  message: z.string(),
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
