import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, ConfigError } from '../../../src-main/settings/config';
import { defaultDataDir, defaultLogDir, machineConfigFile, userConfigFile } from '../../../src-main/settings/paths';
import { tempDir } from '../../support/runtime';

function write(obj: unknown, name = 'config.json'): string {
  const file = path.join(tempDir('aisle-cfg-'), name);
  fs.writeFileSync(file, typeof obj === 'string' ? obj : JSON.stringify(obj));
  return file;
}

const none = { machineFile: null, userFile: null } as const;

describe('configuration merge', () => {
  it('defaults open the demo store with the local engine and nothing exported', () => {
    const { config, files } = loadConfig({ env: {}, ...none });
    expect(files).toEqual([]);
    expect(config.llm.enabled).toBe(false);
    expect(config.sources).toEqual([]);
    expect(config.privacy.exportContactDetails).toBe(false);
    expect(config.retention.transcriptDays).toBeNull();
    expect(config.bridge.enabled).toBe(false);
  });

  it('merges machine → user → AISLE_CONFIG → environment, later wins, and says where each value came from', () => {
    const machine = write({
      store: { id: 'S1', name: 'Edinburgh' },
      logging: { level: 'warn' },
      retention: { transcriptDays: 90 },
    });
    const user = write({ logging: { level: 'debug' } });
    const named = write({ store: { name: 'Edinburgh Princes St' } });
    const { config, origins, files } = loadConfig({
      machineFile: machine,
      userFile: user,
      env: { AISLE_CONFIG: named, AISLE_STORE: 'S2' },
    });
    expect(config.store).toEqual({ id: 'S2', name: 'Edinburgh Princes St' });
    expect(config.logging.level).toBe('debug');
    expect(config.retention.transcriptDays).toBe(90);
    expect(origins['store.id']).toEqual({ origin: 'env' });
    expect(origins['store.name']).toEqual({ origin: 'AISLE_CONFIG', file: named });
    expect(origins['logging.level']).toEqual({ origin: 'user', file: user });
    expect(origins['retention.transcriptDays']).toEqual({ origin: 'machine', file: machine });
    expect(files.map((f) => f.origin)).toEqual(['machine', 'user', 'AISLE_CONFIG']);
  });

  it('arrays replace rather than merge (a user file cannot half-edit the source list)', () => {
    const machine = write({ sources: [{ type: 'file', name: 'feed', format: 'gmc', location: '/srv/feed.xml' }] });
    const user = write({ sources: [] });
    expect(loadConfig({ machineFile: machine, userFile: user, env: {} }).config.sources).toEqual([]);
  });

  it('keys IT locks in the machine file cannot be overridden, and the attempt is reported', () => {
    const machine = write({ llm: { enabled: false }, locked: ['llm'] });
    const user = write({
      llm: { enabled: true, providers: [{ name: 'x', baseUrl: 'http://127.0.0.1:1/v1', model: 'm' }] },
    });
    const { config, warnings } = loadConfig({ machineFile: machine, userFile: user, env: { AISLE_LLM_ENABLED: '1' } });
    expect(config.llm.enabled).toBe(false);
    expect(config.llm.providers).toEqual([]);
    expect(warnings.join(' ')).toMatch(/"llm" is locked by the machine configuration/);
  });

  it('missing machine and user files are fine; a missing AISLE_CONFIG file is an error naming it', () => {
    expect(() =>
      loadConfig({ machineFile: '/nonexistent/a.json', userFile: '/nonexistent/b.json', env: {} }),
    ).not.toThrow();
    expect(() => loadConfig({ ...none, env: { AISLE_CONFIG: '/nonexistent/aisle.json' } })).toThrow(
      /AISLE_CONFIG names \/nonexistent\/aisle.json/,
    );
  });
});

describe('configuration errors name the key and the file', () => {
  const cases: [string, unknown, RegExp][] = [
    ['bad JSON', '{"store": ', /is not valid JSON/],
    ['not an object', '[1,2]', /must contain a JSON object/],
    ['unknown top-level key', { stor: {} }, /"stor" in .*: unknown key/],
    ['unknown nested key', { llm: { enable: true } }, /"llm.enable" in .*: unknown key/],
    ['wrong type', { llm: { enabled: 'yes' } }, /"llm.enabled" in .*expected boolean/],
    [
      'bad URL',
      { llm: { providers: [{ name: 'p', baseUrl: 'not a url', model: 'm' }] } },
      /"llm.providers.0.baseUrl" in /,
    ],
    [
      'bad source format',
      { sources: [{ type: 'file', name: 'f', format: 'excel', location: '/x' }] },
      /"sources.0.format" in /,
    ],
    ['bad source type', { sources: [{ type: 'ftp', name: 'f' }] }, /"sources.0.type" in /],
    ['negative retention', { retention: { transcriptDays: -5 } }, /"retention.transcriptDays" in /],
    [
      'plain PIN instead of a hash',
      { roles: { people: [{ id: 'amy', name: 'Amy', role: 'manager', pinHash: '1234' }] } },
      /"roles.people.0.pinHash" in /,
    ],
    ['bad role', { roles: { people: [{ id: 'amy', name: 'Amy', role: 'owner' }] } }, /"roles.people.0.role" in /],
    [
      'a person given the id consultations get with nobody signed in',
      { roles: { people: [{ id: 'associate', name: 'Amy', role: 'associate' }] } },
      /"roles.people.0.id" in .*kept for "nobody signed in"/,
    ],
    ['bad log level', { logging: { level: 'verbose' } }, /"logging.level" in /],
    ['port out of range', { bridge: { port: 70000 } }, /"bridge.port" in /],
    [
      'time zone that does not exist',
      { store: { timeZone: 'Europe/Edinburgh' } },
      /"store.timeZone" in .*not an IANA time zone name/,
    ],
  ];
  for (const [name, content, pattern] of cases) {
    it(name, () => {
      const file = write(content);
      let err: unknown;
      try {
        loadConfig({ ...none, env: { AISLE_CONFIG: file } });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as Error).message).toMatch(pattern);
      expect((err as Error).message).toContain(file);
    });
  }

  it('a bad environment variable is named', () => {
    expect(() => loadConfig({ ...none, env: { AISLE_LOG_LEVEL: 'loud' } })).toThrow(
      /AISLE_LOG_LEVEL \(logging.level\)/,
    );
    expect(() => loadConfig({ ...none, env: { AISLE_RETENTION_DAYS: 'ninety' } })).toThrow(/AISLE_RETENTION_DAYS/);
  });
});

describe('per-OS places', () => {
  const linux = { platform: 'linux' as const, env: {}, home: '/home/amy' };
  const win = {
    platform: 'win32' as const,
    env: {
      APPDATA: 'C:\\Users\\amy\\AppData\\Roaming',
      LOCALAPPDATA: 'C:\\Users\\amy\\AppData\\Local',
      ProgramData: 'C:\\ProgramData',
    },
    home: 'C:\\Users\\amy',
  };
  const mac = { platform: 'darwin' as const, env: {}, home: '/Users/amy' };
  it('machine-wide configuration', () => {
    expect(machineConfigFile(linux)).toBe('/etc/aisle/config.json');
    expect(machineConfigFile(win)).toBe('C:\\ProgramData\\Aisle\\config.json');
    expect(machineConfigFile(mac)).toBe('/Library/Application Support/Aisle/config.json');
  });
  it('per-user configuration', () => {
    expect(userConfigFile(linux)).toBe('/home/amy/.config/aisle/config.json');
    expect(userConfigFile({ ...linux, env: { XDG_CONFIG_HOME: '/cfg' } })).toBe('/cfg/aisle/config.json');
    expect(userConfigFile(win)).toBe('C:\\Users\\amy\\AppData\\Roaming\\Aisle\\config.json');
    expect(userConfigFile(mac)).toBe('/Users/amy/Library/Application Support/Aisle/config.json');
  });
  it('data and logs', () => {
    expect(defaultDataDir(linux)).toBe('/home/amy/.local/share/aisle');
    expect(defaultDataDir(win)).toBe('C:\\Users\\amy\\AppData\\Roaming\\Aisle');
    expect(defaultDataDir(mac)).toBe('/Users/amy/Library/Application Support/Aisle');
    expect(defaultLogDir(linux)).toBe('/home/amy/.local/state/aisle/logs');
    expect(defaultLogDir(win)).toBe('C:\\Users\\amy\\AppData\\Local\\Aisle\\logs');
    expect(defaultLogDir(mac)).toBe('/Users/amy/Library/Logs/Aisle');
  });
});

describe('the example configuration in the repository', () => {
  it('is valid, comments and all', () => {
    const file = new URL('../../../docs/config.example.jsonc', import.meta.url).pathname;
    const { config } = loadConfig({ ...none, env: { AISLE_CONFIG: file } });
    expect(config.store.id).toBe('S1');
    expect(config.store.timeZone).toBe('Europe/London');
    expect(config.sources).toHaveLength(3);
    expect(config.locked).toContain('llm');
  });

  it('a comment marker inside a string is kept', () => {
    const file = write('{ "store": { "name": "Shop // Floor /* 2 */" } // trailing\n}');
    expect(loadConfig({ ...none, env: { AISLE_CONFIG: file } }).config.store.name).toBe('Shop // Floor /* 2 */');
  });

  it('trailing commas (as editors and formatters write JSONC) are read; a comma inside a string is kept', () => {
    const file = write('{ "store": { "name": "Shop, ]", "id": "S1", /* id */ },\n "locked": ["llm",],\n}', 'c.jsonc');
    const { config } = loadConfig({ ...none, env: { AISLE_CONFIG: file } });
    expect(config.store.name).toBe('Shop, ]');
    expect(config.locked).toEqual(['llm']);
  });

  it('a real syntax error is still reported with the file name', () => {
    const file = write('{ "store": { "name": "Shop" ,, } }', 'bad.jsonc');
    expect(() => loadConfig({ ...none, env: { AISLE_CONFIG: file } })).toThrow(/bad\.jsonc is not valid JSON/);
  });
});
