/** Contract handlers of Settings: effective configuration with origins, diagnostics, LLM key status. */
import type { AppRuntime } from '../app/runtime';
import type { Handlers } from '../contract/handlers';
import { AppError } from '../contract/errors';
import { configSchema } from './config-schema';
import { resolveApiKey, isLoopbackUrl } from './secrets';
import { runDoctor } from '../doctor/doctor';
import type { LlmProviderConfig } from './config-schema';

/** PIN hashes are secrets too: Settings shows that one is set, never the hash. */
function redactSecrets(item: unknown): unknown {
  if (!item || typeof item !== 'object' || Array.isArray(item)) return item;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) out[k] = k === 'pinHash' && v ? '(set)' : v;
  return out;
}

/** Flattens the effective configuration into leaf entries, each with its origin and lock state. */
export function configEntries(rt: AppRuntime) {
  const defaults = configSchema.parse({});
  const entries: {
    key: string;
    value: string;
    origin: 'default' | 'machine' | 'user' | 'AISLE_CONFIG' | 'env';
    file: string | null;
    locked: boolean;
  }[] = [];
  const locked = rt.config.locked;
  const walk = (obj: unknown, prefix: string) => {
    if (obj && typeof obj === 'object' && !Array.isArray(obj)) {
      for (const [k, v] of Object.entries(obj)) walk(v, prefix ? `${prefix}.${k}` : k);
      return;
    }
    const o = rt.loaded.origins[prefix];
    if (Array.isArray(obj)) obj = obj.map(redactSecrets);
    entries.push({
      key: prefix,
      value: JSON.stringify(obj ?? null),
      origin: o?.origin ?? 'default',
      file: o?.file ?? null,
      locked: locked.some((l) => prefix === l || prefix.startsWith(l + '.')),
    });
  };
  walk({ ...defaults, ...rt.config }, '');
  return entries;
}

function keyStatus(rt: AppRuntime, p: LlmProviderConfig) {
  const r = resolveApiKey(p, { env: process.env, store: rt.secrets });
  const can = rt.secrets.canStore();
  return {
    provider: p.name,
    set: r.key !== null,
    source: r.source,
    problem: r.problem ?? null,
    canStore: can.ok,
    canStoreReason: can.reason ?? null,
    loopback: isLoopbackUrl(p.baseUrl),
  };
}

export function settingsHandlers(
  rt: AppRuntime,
): Pick<Handlers, 'settings.config' | 'settings.doctor' | 'settings.llmKeys' | 'settings.setLlmKey'> {
  return {
    'settings.config': () => ({ entries: configEntries(rt), files: rt.loaded.files, warnings: rt.loaded.warnings }),
    'settings.doctor': () => runDoctor(rt),
    'settings.llmKeys': () => ({ providers: rt.config.llm.providers.map((p) => keyStatus(rt, p)) }),
    'settings.setLlmKey': (input) => {
      const p = rt.config.llm.providers.find((x) => x.name === input.provider);
      if (!p) throw new AppError('NOT_FOUND', `No LLM provider named "${input.provider}" is configured.`);
      if (rt.config.locked.some((l) => l === 'llm' || l.startsWith('llm.')))
        throw new AppError('FORBIDDEN', 'The LLM settings are locked by IT.');
      if (!p.apiKeyStored)
        throw new AppError(
          'VALIDATION',
          `Provider "${p.name}" takes its key from ${p.apiKeyEnv ? `the environment variable ${p.apiKeyEnv}` : p.apiKeyFile ? `the file ${p.apiKeyFile}` : 'nowhere (no key needed)'}; set "apiKeyStored": true in the configuration to store one here.`,
        );
      rt.secrets.set(`llm:${p.name}`, input.key);
      rt.logger.info('llm key stored', { provider: p.name });
      return keyStatus(rt, p);
    },
  };
}
