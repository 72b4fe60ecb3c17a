/**
 * Loading the configuration: machine-wide file → per-user file → the file named by AISLE_CONFIG →
 * AISLE_* environment variables, merged in that order. Each file is validated on its own first so
 * an error can name the file and the key; keys IT locks in the machine file cannot be overridden.
 */
import fs from 'node:fs';
import { z } from 'zod';
import { configSchema, type AisleConfig } from './config-schema';
import { machineConfigFile, userConfigFile, type PlatformEnv } from './paths';
import { AppError } from '../contract/errors';
import { stripJsonComments, stripTrailingCommas } from './jsonc';
import { parseSize } from '../shared/input-limits';

export type ConfigOrigin = 'default' | 'machine' | 'user' | 'AISLE_CONFIG' | 'env';

export interface LoadedConfig {
  config: AisleConfig;
  /** leaf key path ("llm.enabled") → where its value came from; absent = default */
  origins: Record<string, { origin: ConfigOrigin; file?: string }>;
  /** files that were found and read, in merge order */
  files: { origin: ConfigOrigin; file: string }[];
  warnings: string[];
}

export interface LoadConfigOptions {
  env?: NodeJS.ProcessEnv;
  platform?: PlatformEnv;
  /** override file locations (tests) */
  machineFile?: string | null;
  userFile?: string | null;
}

type Json = Record<string, unknown>;

export class ConfigError extends AppError {
  constructor(
    message: string,
    readonly key: string,
    readonly file: string,
  ) {
    super('VALIDATION', message, { key, file });
  }
}

function isPlainObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function formatIssuePath(p: readonly PropertyKey[]): string {
  return p.map((s) => String(s)).join('.') || '(top level)';
}

function validateLayer(raw: unknown, file: string): Json {
  if (!isPlainObject(raw))
    throw new ConfigError(`Configuration file ${file} must contain a JSON object.`, '(top level)', file);
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    let key = formatIssuePath(issue.path);
    let what = issue.message;
    if (issue.code === 'unrecognized_keys') {
      key = [...issue.path.map(String), issue.keys[0]].join('.');
      what = 'unknown key';
    }
    throw new ConfigError(`Invalid configuration: "${key}" in ${file}: ${what}.`, key, file);
  }
  return raw;
}

function readLayer(file: string): Json | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new ConfigError(`Configuration file ${file} cannot be read: ${(e as Error).message}.`, '(file)', file);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(stripTrailingCommas(stripJsonComments(text.replace(/^\uFEFF/, ''))));
  } catch (e) {
    throw new ConfigError(`Configuration file ${file} is not valid JSON: ${(e as Error).message}.`, '(file)', file);
  }
  return validateLayer(raw, file);
}

/** AISLE_* environment variables that map onto configuration keys. */
export const ENV_KEYS: Record<string, { key: string; parse: (v: string) => unknown }> = {
  AISLE_STORE: { key: 'store.id', parse: (v) => v },
  AISLE_STORE_NAME: { key: 'store.name', parse: (v) => v },
  AISLE_DATA_DIR: { key: 'dataDir', parse: (v) => v },
  AISLE_LOG_LEVEL: { key: 'logging.level', parse: (v) => v },
  AISLE_LLM_ENABLED: { key: 'llm.enabled', parse: (v) => /^(1|true|yes|on)$/i.test(v) },
  AISLE_BRIDGE_ENABLED: { key: 'bridge.enabled', parse: (v) => /^(1|true|yes|on)$/i.test(v) },
  AISLE_RETENTION_DAYS: { key: 'retention.transcriptDays', parse: (v) => (v === '' || v === 'off' ? null : Number(v)) },
  // sizes accept 64M / 2G suffixes; an unreadable one stays a string so validation names the variable
  AISLE_IMPORT_MAX_BYTES: { key: 'import.limits.maxBytes', parse: (v) => parseSize(v) ?? v },
  AISLE_IMPORT_MAX_LINE_BYTES: { key: 'import.limits.maxLineBytes', parse: (v) => parseSize(v) ?? v },
  AISLE_IMPORT_MAX_CELL_CHARS: { key: 'import.limits.maxCellChars', parse: (v) => parseSize(v) ?? v },
  AISLE_IMPORT_MAX_COLUMNS: { key: 'import.limits.maxColumns', parse: (v) => parseSize(v) ?? v },
  AISLE_IMPORT_MAX_REJECTED_ROWS: { key: 'import.limits.maxRejectedRows', parse: (v) => parseSize(v) ?? v },
};

function setPath(obj: Json, dotted: string, value: unknown) {
  const parts = dotted.split('.');
  let cur = obj;
  for (const p of parts.slice(0, -1)) {
    if (!isPlainObject(cur[p])) cur[p] = {};
    cur = cur[p] as Json;
  }
  cur[parts[parts.length - 1]!] = value;
}

function getPath(obj: Json, dotted: string): unknown {
  let cur: unknown = obj;
  for (const p of dotted.split('.')) {
    if (!isPlainObject(cur)) return undefined;
    cur = cur[p];
  }
  return cur;
}

/** Deep-merges `layer` into `target`, recording the origin of every leaf; arrays replace whole. */
function mergeLayer(
  target: Json,
  layer: Json,
  origin: { origin: ConfigOrigin; file?: string },
  origins: LoadedConfig['origins'],
  locked: Set<string>,
  warnings: string[],
  prefix = '',
) {
  for (const [k, v] of Object.entries(layer)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (origin.origin !== 'machine' && [...locked].some((l) => key === l || key.startsWith(l + '.'))) {
      warnings.push(
        `"${key}" is locked by the machine configuration; the value from ${origin.file ?? origin.origin} was ignored.`,
      );
      continue;
    }
    if (isPlainObject(v)) {
      if (!isPlainObject(target[k])) target[k] = {};
      mergeLayer(target[k] as Json, v, origin, origins, locked, warnings, key);
    } else {
      target[k] = v;
      origins[key] = origin;
    }
  }
}

export function loadConfig(opts: LoadConfigOptions = {}): LoadedConfig {
  const env = opts.env ?? process.env;
  const machineFile = opts.machineFile === undefined ? machineConfigFile(opts.platform) : opts.machineFile;
  const userFile = opts.userFile === undefined ? userConfigFile(opts.platform) : opts.userFile;
  const layers: { origin: ConfigOrigin; file: string }[] = [];
  if (machineFile) layers.push({ origin: 'machine', file: machineFile });
  if (userFile) layers.push({ origin: 'user', file: userFile });
  if (env.AISLE_CONFIG) layers.push({ origin: 'AISLE_CONFIG', file: env.AISLE_CONFIG });

  const merged: Json = {};
  const origins: LoadedConfig['origins'] = {};
  const files: LoadedConfig['files'] = [];
  const warnings: string[] = [];
  let locked = new Set<string>();
  for (const layer of layers) {
    const raw = readLayer(layer.file);
    if (raw === null) {
      if (layer.origin === 'AISLE_CONFIG')
        throw new ConfigError(`AISLE_CONFIG names ${layer.file}, which does not exist.`, 'AISLE_CONFIG', layer.file);
      continue;
    }
    files.push(layer);
    if (layer.origin === 'machine' && Array.isArray(raw.locked)) locked = new Set(raw.locked as string[]);
    mergeLayer(merged, raw, layer, origins, locked, warnings);
  }

  const envLayer: Json = {};
  for (const [name, { key, parse }] of Object.entries(ENV_KEYS)) {
    const v = env[name];
    if (v !== undefined && v !== '') setPath(envLayer, key, parse(v));
  }
  if (Object.keys(envLayer).length) {
    try {
      validateLayer(envLayer, 'environment');
    } catch (e) {
      const key = (e as ConfigError).key;
      const envName = Object.entries(ENV_KEYS).find(([, d]) => d.key === key)?.[0] ?? key;
      throw new ConfigError(
        `Invalid configuration: environment variable ${envName} (${key}): ${(e as Error).message.split(': ').pop()}`,
        key,
        'environment',
      );
    }
    mergeLayer(merged, envLayer, { origin: 'env' }, origins, locked, warnings);
  }

  const parsed = configSchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = formatIssuePath(issue.path);
    const from = origins[key]?.file ?? 'the merged configuration';
    throw new ConfigError(`Invalid configuration: "${key}" in ${from}: ${issue.message}.`, key, from);
  }
  return { config: parsed.data, origins, files, warnings };
}

export { getPath as getConfigValue };
export type { z };
