import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SecretStore, resolveApiKey, isLoopbackUrl, type SecretBackend } from '../../../src-main/settings/secrets';
import { createDispatcher } from '../../../src-main/app/dispatch';
import { createHandlers, createServices } from '../../../src-main/app/services';
import { EventBus } from '../../../src-main/app/events';
import { openRuntime } from '../../../src-main/app/runtime';
import { loadConfig } from '../../../src-main/settings/config';
import { tempDir } from '../../support/runtime';

/** A stand-in for safeStorage: reversible, but visibly not plain text on disk. */
const fakeKeychain: SecretBackend = {
  availability: () => ({ ok: true }),
  encrypt: (s) => Buffer.from(Buffer.from(s.split('').reverse().join(''), 'utf8').map((b) => b ^ 0x55)),
  decrypt: (b) =>
    Buffer.from(b.map((x) => x ^ 0x55))
      .toString('utf8')
      .split('')
      .reverse()
      .join(''),
};
const basicText: SecretBackend = {
  ...fakeKeychain,
  availability: () => ({
    ok: false,
    reason: 'on this Linux desktop there is no keyring (libsecret/kwallet), so the key would be stored as plain text.',
  }),
};
const KEY = 'sk-test-0123456789abcdefSECRET';

describe('secret storage', () => {
  it('stores a key encrypted and reads it back; the file never holds it in plain text', () => {
    const file = path.join(tempDir(), 'secrets.json');
    const store = new SecretStore(file, fakeKeychain);
    store.set('llm:cloud', KEY);
    expect(store.get('llm:cloud')).toBe(KEY);
    expect(fs.readFileSync(file, 'utf8')).not.toContain(KEY);
    expect(fs.statSync(file).mode & 0o077).toBe(0);
  });

  it('refuses to store where the OS offers no real encryption, and says how to provide the key instead', () => {
    const store = new SecretStore(path.join(tempDir(), 'secrets.json'), basicText);
    expect(() => store.set('llm:cloud', KEY)).toThrow(/plain text.*apiKeyEnv.*apiKeyFile/s);
    expect(new SecretStore(path.join(tempDir(), 's.json'), null).canStore().ok).toBe(false);
  });

  it('resolves a provider key from its environment variable, file or store, naming what is missing', () => {
    const base = { name: 'cloud', baseUrl: 'https://api.example.com/v1', model: 'm', timeoutMs: 1000, maxRetries: 0 };
    expect(resolveApiKey({ ...base, apiKeyEnv: 'K' }, { env: { K: KEY }, store: null })).toEqual({
      key: KEY,
      source: 'env',
    });
    expect(resolveApiKey({ ...base, apiKeyEnv: 'K' }, { env: {}, store: null }).problem).toBe(
      'environment variable K is not set',
    );
    const keyFile = path.join(tempDir(), 'key');
    fs.writeFileSync(keyFile, KEY + '\n');
    expect(resolveApiKey({ ...base, apiKeyFile: keyFile }, { env: {}, store: null })).toEqual({
      key: KEY,
      source: 'file',
    });
    expect(resolveApiKey({ ...base, apiKeyFile: '/nonexistent/key' }, { env: {}, store: null }).problem).toContain(
      'ENOENT',
    );
    const store = new SecretStore(path.join(tempDir(), 's.json'), fakeKeychain);
    store.set('llm:cloud', KEY);
    expect(resolveApiKey({ ...base, apiKeyStored: true }, { env: {}, store })).toEqual({ key: KEY, source: 'stored' });
    expect(resolveApiKey(base, { env: {}, store })).toEqual({ key: null, source: 'none' });
  });

  it('knows a loopback endpoint from a remote one', () => {
    for (const u of [
      'http://127.0.0.1:11434/v1',
      'http://localhost:8000/v1',
      'http://[::1]:8000/v1',
      'http://127.1.2.3/v1',
    ])
      expect(isLoopbackUrl(u), u).toBe(true);
    for (const u of [
      'https://api.openai.com/v1',
      'http://10.0.0.5:8000/v1',
      'http://localhost.evil.example/v1',
      'http://127.0.0.1.nip.io/v1',
    ])
      expect(isLoopbackUrl(u), u).toBe(false);
  });
});

describe('the key never reaches the renderer', () => {
  it('settings calls report whether a key is set, never the key', async () => {
    const dir = tempDir();
    const cfg = path.join(dir, 'config.json');
    fs.writeFileSync(
      cfg,
      JSON.stringify({
        llm: {
          enabled: true,
          providers: [{ name: 'cloud', baseUrl: 'https://api.example.com/v1', model: 'm', apiKeyStored: true }],
        },
      }),
    );
    const rt = openRuntime({
      mode: 'browser',
      dataDir: dir,
      logDir: null,
      loaded: loadConfig({ env: { AISLE_CONFIG: cfg }, machineFile: null, userFile: null }),
      secretBackend: fakeKeychain,
    });
    const dispatch = createDispatcher(createHandlers(createServices(rt)), { validateOutput: true });
    const manager = {
      actor: { associateId: 'm', name: 'M', role: 'manager' as const },
      transport: 'test',
      events: new EventBus(),
    };
    const set = await dispatch('settings.setLlmKey', { provider: 'cloud', key: KEY }, manager);
    expect(set).toMatchObject({ ok: true, data: { provider: 'cloud', set: true, source: 'stored' } });
    const everything = JSON.stringify([
      set,
      await dispatch('settings.llmKeys', {}, manager),
      await dispatch('settings.config', {}, manager),
      await dispatch('settings.doctor', {}, manager),
      await dispatch('app.status', {}, manager),
    ]);
    expect(everything).not.toContain(KEY);
    expect(everything).not.toContain(KEY.slice(0, 12));
    const associate = await dispatch(
      'settings.setLlmKey',
      { provider: 'cloud', key: KEY },
      { ...manager, actor: { ...manager.actor, role: 'associate' } },
    );
    expect(associate).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    rt.close();
  });
});

describe('Settings → Configuration', () => {
  it('shows that a PIN hash is set, never the hash itself', async () => {
    const dir = tempDir();
    const cfg = path.join(dir, 'config.json');
    const pinHash = 'scrypt$16384$8$1$c2FsdHNhbHQ=$aGFzaGhhc2hoYXNoaGFzaA==';
    fs.writeFileSync(
      cfg,
      JSON.stringify({ roles: { people: [{ id: 'morgan', name: 'Morgan Reid', role: 'manager', pinHash }] } }),
    );
    const rt = openRuntime({
      mode: 'browser',
      dataDir: dir,
      logDir: null,
      loaded: loadConfig({ env: { AISLE_CONFIG: cfg }, machineFile: null, userFile: null }),
    });
    const dispatch = createDispatcher(createHandlers(createServices(rt)), { validateOutput: true });
    const r = await dispatch('settings.config', {}, { actor: null, transport: 'test', events: new EventBus() });
    expect(r.ok).toBe(true);
    const text = JSON.stringify(r);
    expect(text).not.toContain('aGFzaGhhc2hoYXNoaGFzaA');
    expect(text).toContain('Morgan Reid');
    expect(text).toContain('(set)');
    rt.close();
  });
});
