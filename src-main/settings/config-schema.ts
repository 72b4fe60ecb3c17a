/**
 * The configuration IT can set, as one zod schema. Every key is optional in a file; defaults make an
 * unconfigured laptop open the demo store. Validation errors name the key and the file it came from.
 */
import { isTimeZone } from '../shared/time';
import { isLocaleTag } from '../contract/money';
import { NOBODY_SIGNED_IN } from '../contract/review';
import { z } from 'zod';

export const sourceSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('file'),
      name: z.string().min(1),
      /** one of the `aisle import` formats */
      format: z.enum([
        'gmc',
        'shopify-products',
        'shopify-inventory',
        'shopify-customers',
        'shopify-orders',
        'transactions',
      ]),
      /** a local path or an http(s) URL */
      location: z.string().min(1),
      intervalMinutes: z.number().int().positive().optional(),
      encoding: z.string().optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('hq'),
      name: z.string().min(1),
      baseUrl: z.url(),
      /** name of the environment variable holding the bearer token */
      tokenEnv: z.string().optional(),
      /** path of a file holding the bearer token */
      tokenFile: z.string().optional(),
      intervalMinutes: z.number().int().positive().optional(),
      pageSize: z.number().int().min(1).max(5000).optional(),
      timeoutMs: z.number().int().positive().optional(),
    })
    .strict(),
]);
export type SourceConfig = z.infer<typeof sourceSchema>;

export const llmProviderSchema = z
  .object({
    name: z.string().min(1),
    baseUrl: z.url(),
    model: z.string().min(1),
    /** environment variable holding the API key; none for loopback servers */
    apiKeyEnv: z.string().optional(),
    /** file holding the API key */
    apiKeyFile: z.string().optional(),
    /** use the key stored with the OS keychain (Electron safeStorage) */
    apiKeyStored: z.boolean().optional(),
    timeoutMs: z.number().int().positive().default(15000),
    maxRetries: z.number().int().min(0).max(5).default(1),
  })
  .strict();
export type LlmProviderConfig = z.infer<typeof llmProviderSchema>;

export const roleEntrySchema = z
  .object({
    id: z
      .string()
      .min(1)
      .regex(/^[a-z0-9._-]+$/i, 'letters, digits, dot, dash or underscore')
      // consultations made with nobody signed in carry this id: a person holding it would be credited with them
      .refine(
        (id) => id !== NOBODY_SIGNED_IN,
        `"${NOBODY_SIGNED_IN}" is kept for "nobody signed in": choose another id`,
      ),
    name: z.string().min(1),
    role: z.enum(['associate', 'manager']),
    /** an scrypt hash made by `aisle associates hash-pin`; a plain PIN is never accepted in a file */
    pinHash: z.string().startsWith('scrypt$').optional(),
  })
  .strict();

export const configSchema = z
  .object({
    store: z
      .object({
        id: z.string().min(1).optional(),
        name: z.string().min(1).optional(),
        /** IANA zone of the store ("America/New_York"): KPI days and date filters are the store's calendar days */
        timeZone: z
          .string()
          .refine(isTimeZone, { message: 'not an IANA time zone name such as "Europe/London" or "America/New_York"' })
          .optional(),
        /** ISO 4217 currency of the store's till: prices without one get it; a feed in another is reported */
        currency: z
          .string()
          .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as "GBP", "EUR" or "USD"')
          .optional(),
        /** BCP 47 locale for dates, numbers and prices on screen ("en-GB", "de-DE"); default: the OS's */
        locale: z
          .string()
          .refine(isLocaleTag, { message: 'not a BCP 47 locale such as "en-GB", "en-US" or "de-DE"' })
          .optional(),
      })
      .strict()
      .default({}),
    dataDir: z.string().min(1).optional(),
    sources: z.array(sourceSchema).default([]),
    llm: z
      .object({
        /** off | on: with "on" the copilot uses the first reachable provider, then the local engine */
        enabled: z.boolean().default(false),
        providers: z.array(llmProviderSchema).default([]),
      })
      .strict()
      .default({ enabled: false, providers: [] }),
    privacy: z
      .object({
        /** put customer email/phone into session exports */
        exportContactDetails: z.boolean().default(false),
        /** let a loopback (same machine) LLM see names and notes; a remote one never does */
        allowPiiToLoopbackLlm: z.boolean().default(false),
      })
      .strict()
      .default({ exportContactDetails: false, allowPiiToLoopbackLlm: false }),
    retention: z
      .object({
        /** days after which consultation transcripts are removed (outcome and KPIs kept); null = keep */
        transcriptDays: z.number().int().positive().nullable().default(null),
      })
      .strict()
      .default({ transcriptDays: null }),
    roles: z
      .object({ people: z.array(roleEntrySchema).default([]) })
      .strict()
      .default({ people: [] }),
    bridge: z
      .object({
        /** serve the app over loopback HTTP from the packaged app (browser mode) */
        enabled: z.boolean().default(false),
        port: z.number().int().min(0).max(65535).default(0),
      })
      .strict()
      .default({ enabled: false, port: 0 }),
    import: z
      .object({
        /** bounds on import files (shared/input-limits.ts); unset = the defaults there */
        limits: z
          .object({
            maxBytes: z.number().int().positive().optional(),
            maxLineBytes: z.number().int().positive().optional(),
            maxCellChars: z.number().int().positive().optional(),
            maxColumns: z.number().int().positive().optional(),
            maxRejectedRows: z.number().int().positive().optional(),
          })
          .strict()
          .default({}),
      })
      .strict()
      .default({ limits: {} }),
    logging: z
      .object({ level: z.enum(['debug', 'info', 'warn', 'error']).default('info') })
      .strict()
      .default({ level: 'info' }),
    /** keys IT fixes: shown read-only in Settings ("llm", "sources", "privacy.exportContactDetails", …) */
    locked: z.array(z.string()).default([]),
  })
  .strict();

export type AisleConfig = z.infer<typeof configSchema>;
