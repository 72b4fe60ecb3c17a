/** Settings and diagnostics: the effective configuration (and where each value came from), doctor, the LLM key. */
import { z } from 'zod';
import { mutation, query } from './define';

export const configEntry = z.object({
  key: z.string(),
  /** JSON-encoded value, for display */
  value: z.string(),
  origin: z.enum(['default', 'machine', 'user', 'AISLE_CONFIG', 'env']),
  file: z.string().nullable(),
  locked: z.boolean(),
});

export const doctorCheck = z.object({ name: z.string(), status: z.enum(['ok', 'warn', 'fail']), message: z.string() });
export const doctorReport = z.object({
  status: z.enum(['healthy', 'warnings', 'broken']),
  version: z.string(),
  schemaVersion: z.number().int(),
  dataDir: z.string(),
  logDir: z.string().nullable(),
  store: z.object({ id: z.string(), name: z.string() }),
  config: z.object({
    files: z.array(z.object({ origin: z.string(), file: z.string() })),
    llmEnabled: z.boolean(),
    sources: z.number().int(),
    warnings: z.array(z.string()),
  }),
  counts: z.object({
    products: z.number(),
    variants: z.number(),
    customers: z.number(),
    orders: z.number(),
    consultations: z.number(),
  }),
  checks: z.array(doctorCheck),
  versions: z.record(z.string(), z.string()).optional(),
});
export type DoctorReportOut = z.infer<typeof doctorReport>;

export const llmKeyStatus = z.object({
  provider: z.string(),
  /** whether a key is available; the key itself never leaves main */
  set: z.boolean(),
  source: z.enum(['env', 'file', 'stored', 'none']),
  problem: z.string().nullable(),
  canStore: z.boolean(),
  canStoreReason: z.string().nullable(),
  loopback: z.boolean(),
});

export const settingsCalls = {
  'settings.config': query({
    input: z.object({}).default({}),
    output: z.object({
      entries: z.array(configEntry),
      files: z.array(z.object({ origin: z.string(), file: z.string() })),
      warnings: z.array(z.string()),
    }),
  }),
  'settings.doctor': query({ input: z.object({}).default({}), output: doctorReport }),
  'settings.llmKeys': query({
    input: z.object({}).default({}),
    output: z.object({ providers: z.array(llmKeyStatus) }),
  }),
  'settings.setLlmKey': mutation({
    input: z.object({ provider: z.string().min(1), key: z.string().min(8).max(500) }),
    output: llmKeyStatus,
    invalidates: ['settings.llmKeys', 'settings.doctor'],
    role: 'manager',
  }),
};
