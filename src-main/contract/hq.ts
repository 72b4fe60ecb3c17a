/**
 * Calls only head office answers (`aisle hq serve`, the app in HQ mode): a manager's sign-in with
 * their HQ account (id + password, not a till PIN) and the per-store comparison. A laptop answers
 * them with NOT_FOUND. Review itself uses the same review.* calls as on a laptop.
 */
import { z } from 'zod';
import { actorSchema } from './auth';
import { mutation, query } from './define';
import { isoDay } from './review';

export const hqManagerSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(['store_manager', 'regional_manager']),
  /** the store a store manager manages; null for a regional manager (every store) */
  storeId: z.string().nullable(),
});

export const storeComparisonRow = z.object({
  storeId: z.string(),
  storeName: z.string(),
  consultations: z.number().int(),
  purchased: z.number().int(),
  /** purchased ÷ consultations, 0 when none */
  conversion: z.number(),
  /** minor units, summed over purchased consultations; null when none */
  basketValue: z.number().nullable(),
  currency: z.string().nullable(),
});
export type StoreComparisonRow = z.infer<typeof storeComparisonRow>;

const AFTER_SIGN_IN = [
  'auth.whoami',
  'app.status',
  'review.list',
  'review.kpis',
  'review.replay',
  'hq.compare',
] as const;

export const hqCalls = {
  'hq.signIn': mutation({
    input: z.object({ managerId: z.string().trim().min(1).max(100), password: z.string().min(1).max(200) }),
    output: z.object({ sessionToken: z.string(), actor: actorSchema, manager: hqManagerSchema }),
    invalidates: AFTER_SIGN_IN,
  }),
  /** KPIs of every store the manager may see, side by side (whole UTC days, both ends included) */
  'hq.compare': query({
    input: z.object({ from: isoDay, to: isoDay }),
    output: z.object({ range: z.object({ from: z.string(), to: z.string() }), stores: z.array(storeComparisonRow) }),
    role: 'manager',
  }),
};
