/**
 * The LLM API key (and any other secret): stored encrypted by the OS keychain through a backend the
 * Electron shell provides (safeStorage), or read from an environment variable / file that the
 * configuration names. Secrets stay in main: callers outside get only whether one is set and where
 * from. Where the OS offers no real encryption (Linux "basic_text"), storing is refused and the
 * message says how to provide the key instead.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../contract/errors';
import type { LlmProviderConfig } from './config-schema';

export interface SecretBackend {
  /** ok=false with a reason when the OS cannot encrypt for real */
  availability(): { ok: boolean; reason?: string };
  encrypt(plain: string): Buffer;
  decrypt(cipher: Buffer): string;
}

export const HOW_TO_PROVIDE_KEY =
  'Provide the key instead through an environment variable named in the configuration ("apiKeyEnv") or a file readable only by this user ("apiKeyFile").';

export class SecretStore {
  constructor(
    private readonly file: string,
    private readonly backend: SecretBackend | null,
  ) {}

  canStore(): { ok: boolean; reason?: string } {
    if (!this.backend) return { ok: false, reason: 'Secrets can be stored only by the desktop app (OS keychain).' };
    return this.backend.availability();
  }

  private readAll(): Record<string, string> {
    try {
      return JSON.parse(fs.readFileSync(this.file, 'utf8')) as Record<string, string>;
    } catch {
      return {};
    }
  }

  set(name: string, value: string): void {
    const can = this.canStore();
    if (!can.ok || !this.backend)
      throw new AppError('UNAVAILABLE', `The key was not stored: ${can.reason} ${HOW_TO_PROVIDE_KEY}`);
    const all = this.readAll();
    all[name] = this.backend.encrypt(value).toString('base64');
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    fs.writeFileSync(this.file, JSON.stringify(all), { mode: 0o600 });
  }

  get(name: string): string | null {
    const enc = this.readAll()[name];
    if (!enc || !this.backend || !this.backend.availability().ok) return null;
    try {
      return this.backend.decrypt(Buffer.from(enc, 'base64'));
    } catch {
      return null;
    }
  }

  has(name: string): boolean {
    return !!this.readAll()[name];
  }

  delete(name: string): void {
    const all = this.readAll();
    if (!(name in all)) return;
    delete all[name];
    fs.writeFileSync(this.file, JSON.stringify(all), { mode: 0o600 });
  }
}

export type KeySource = 'env' | 'file' | 'stored' | 'none';

/** The API key for a provider and where it came from: environment, file, or the OS keychain store. */
export function resolveApiKey(
  provider: LlmProviderConfig,
  deps: { env: NodeJS.ProcessEnv; store: SecretStore | null },
): { key: string | null; source: KeySource; problem?: string } {
  if (provider.apiKeyEnv) {
    const v = deps.env[provider.apiKeyEnv];
    if (v) return { key: v.trim(), source: 'env' };
    return { key: null, source: 'none', problem: `environment variable ${provider.apiKeyEnv} is not set` };
  }
  if (provider.apiKeyFile) {
    try {
      const v = fs.readFileSync(provider.apiKeyFile, 'utf8').trim();
      if (v) return { key: v, source: 'file' };
      return { key: null, source: 'none', problem: `${provider.apiKeyFile} is empty` };
    } catch (e) {
      return {
        key: null,
        source: 'none',
        problem: `${provider.apiKeyFile} cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      };
    }
  }
  if (provider.apiKeyStored) {
    const v = deps.store?.get(`llm:${provider.name}`) ?? null;
    return v
      ? { key: v, source: 'stored' }
      : { key: null, source: 'none', problem: 'no key stored for this provider yet (Settings → Copilot & LLM)' };
  }
  return { key: null, source: 'none' };
}

/** A loopback endpoint (same machine) needs no key and may see what a remote one never does. */
export function isLoopbackUrl(raw: string): boolean {
  try {
    const host = new URL(raw).hostname.replace(/^\[|\]$/g, '');
    return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
  } catch {
    return false;
  }
}
