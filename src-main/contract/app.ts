/** App-wide calls: what store this is, how fresh the data is, which engine answers. */
import { z } from 'zod';
import { query } from './define';

export const appStatus = z.object({
  version: z.string(),
  schemaVersion: z.number().int(),
  store: z.object({ id: z.string(), name: z.string() }),
  /** the store's locale for dates, numbers and prices (configuration `store.locale`, else the OS's) */
  locale: z.string(),
  stores: z.array(z.object({ id: z.string(), name: z.string() })),
  counts: z.object({
    products: z.number().int(),
    variants: z.number().int(),
    customers: z.number().int(),
    orders: z.number().int(),
    consultations: z.number().int(),
  }),
  /**
   * How old the catalog is: each source of the active catalog (a feed, a CSV, HQ) counts with its own
   * last sync, and the OLDEST of them is reported — a 6-item file synced now does not make a day-old
   * feed fresh. ISO; null = never.
   */
  catalogSyncedAt: z.string().nullable(),
  /** the same for the stock of the store here (inventory rows, per source); null = no stock loaded */
  stockSyncedAt: z.string().nullable(),
  /** whether a head-office (HQ) source is configured; without one nothing is queued for upstream */
  headOffice: z.boolean(),
  /** the copilot engine that will answer first: "local" or the configured LLM provider's name */
  engine: z.object({ active: z.enum(['local', 'llm']), provider: z.string().nullable(), model: z.string().nullable() }),
  /**
   * "electron" inside the desktop app, "browser" over the loopback bridge, "hq" when head office
   * (`aisle hq serve`) serves the app to managers: then only manager sign-in, Review and the store
   * comparison are shown.
   */
  mode: z.enum(['electron', 'browser', 'cli', 'hq']),
});
export type AppStatus = z.infer<typeof appStatus>;

export const appCalls = {
  'app.status': query({ input: z.object({}).default({}), output: appStatus }),
};
