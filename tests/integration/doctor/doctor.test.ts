import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { aisle } from '../../support/cli';
import { tempDir, testRuntime } from '../../support/runtime';
import { loadCatalogFixture } from '../../support/catalog-fixture';

/** A data dir with a small catalog, so the only findings are the ones a test sets up. */
function healthyDataDir(): string {
  const dir = tempDir();
  const rt = testRuntime({ dataDir: dir });
  loadCatalogFixture(rt);
  rt.close();
  return dir;
}

function configFile(content: unknown): string {
  const file = path.join(tempDir('aisle-cfg-'), 'config.json');
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

let llm: http.Server;
let llmUrl = '';
beforeAll(async () => {
  llm = http.createServer((req, res) => {
    if (req.url === '/v1/models') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ object: 'list', data: [{ id: 'llama3.1:8b', object: 'model' }] }));
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((r) => llm.listen(0, '127.0.0.1', r));
  llmUrl = `http://127.0.0.1:${(llm.address() as AddressInfo).port}/v1`;
});
afterAll(() => llm.close());
afterEach(() => vi.unstubAllEnvs());

beforeAll(() => {
  vi.stubEnv('AISLE_LOG_DIR', tempDir('aisle-logs-'));
});

describe('aisle doctor', () => {
  it('healthy: exit 0 with the PRODUCT.md shape', async () => {
    vi.stubEnv('AISLE_LOG_DIR', tempDir('aisle-logs-'));
    const dir = healthyDataDir();
    const r = await aisle('--data-dir', dir, '--store', 'S1', 'doctor', '--json');
    const report = r.json();
    expect(r.code, JSON.stringify(report.checks)).toBe(0);
    expect(report.status).toBe('healthy');
    expect(report).toMatchObject({ dataDir: dir, schemaVersion: expect.any(Number), version: expect.any(String) });
    expect(report.counts).toEqual({ products: 6, variants: 15, customers: 0, orders: 0, consultations: 0 });
    expect(report.checks.map((c: { name: string }) => c.name)).toEqual(
      expect.arrayContaining(['database', 'disk', 'catalog', 'clock', 'llm', 'config']),
    );
    expect(report.versions.node).toBe(process.versions.node);
  });

  it('a configuration file with an invalid value: exit 2, the message names the key and the file', async () => {
    const bad = configFile({ llm: { enabled: 'sometimes' } });
    vi.stubEnv('AISLE_CONFIG', bad);
    const r = await aisle('--data-dir', healthyDataDir(), 'doctor', '--json');
    expect(r.code).toBe(2);
    const report = r.json();
    expect(report.status).toBe('broken');
    expect(report.checks[0]).toMatchObject({ name: 'config', status: 'fail' });
    expect(report.checks[0].message).toContain('"llm.enabled"');
    expect(report.checks[0].message).toContain(bad);
    expect(r.stderr).toContain(bad);
  });

  it('a valid configuration file: exit 0 or 1', async () => {
    vi.stubEnv('AISLE_CONFIG', configFile({ store: { id: 'S1' }, llm: { enabled: false } }));
    const r = await aisle('--data-dir', healthyDataDir(), 'doctor', '--json');
    expect([0, 1]).toContain(r.code);
    expect(r.json().config.files[0].origin).toBe('AISLE_CONFIG');
  });

  it('a corrupt database: exit 2, names the file, leaves it as it was', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'aisle.db');
    fs.writeFileSync(file, Buffer.alloc(8192, 0x5a));
    const r = await aisle('--data-dir', dir, 'doctor', '--json');
    expect(r.code).toBe(2);
    const report = r.json();
    expect(report.checks[0]).toMatchObject({ name: 'database', status: 'fail' });
    expect(report.checks[0].message).toContain(file);
    expect(fs.readFileSync(file).equals(Buffer.alloc(8192, 0x5a))).toBe(true);
  });

  it('unreachable data sources: exit 1 (warnings), each named with why', async () => {
    vi.stubEnv(
      'AISLE_CONFIG',
      configFile({
        sources: [
          { type: 'file', name: 'feed', format: 'gmc', location: '/nonexistent/google.xml' },
          { type: 'hq', name: 'hq', baseUrl: 'http://127.0.0.1:9/api' },
        ],
      }),
    );
    const r = await aisle('--data-dir', healthyDataDir(), 'doctor', '--json');
    expect(r.code).toBe(1);
    const checks = r.json().checks as { name: string; status: string; message: string }[];
    expect(checks.find((c) => c.name === 'source feed')).toMatchObject({
      status: 'warn',
      message: expect.stringContaining('ENOENT'),
    });
    expect(checks.find((c) => c.name === 'source hq')).toMatchObject({
      status: 'warn',
      message: expect.stringContaining('unreachable'),
    });
  });

  it('an unreachable LLM: exit 1, says the offline engine will answer', async () => {
    vi.stubEnv(
      'AISLE_CONFIG',
      configFile({
        llm: { enabled: true, providers: [{ name: 'ollama', baseUrl: 'http://127.0.0.1:9/v1', model: 'llama3.1:8b' }] },
      }),
    );
    const r = await aisle('--data-dir', healthyDataDir(), 'doctor', '--json');
    expect(r.code).toBe(1);
    const llmCheck = r.json().checks.find((c: { name: string }) => c.name === 'llm ollama');
    expect(llmCheck.status).toBe('warn');
    expect(llmCheck.message).toMatch(/unreachable.*offline engine/);
  });

  it('a reachable loopback LLM with the model present is healthy; a missing model is a warning', async () => {
    vi.stubEnv(
      'AISLE_CONFIG',
      configFile({ llm: { enabled: true, providers: [{ name: 'ollama', baseUrl: llmUrl, model: 'llama3.1:8b' }] } }),
    );
    const ok = await aisle('--data-dir', healthyDataDir(), 'doctor', '--json');
    expect(ok.json().checks.find((c: { name: string }) => c.name === 'llm ollama')).toMatchObject({ status: 'ok' });
    vi.stubEnv(
      'AISLE_CONFIG',
      configFile({ llm: { enabled: true, providers: [{ name: 'ollama', baseUrl: llmUrl, model: 'qwen2.5:7b' }] } }),
    );
    const missing = await aisle('--data-dir', healthyDataDir(), 'doctor', '--json');
    expect(missing.code).toBe(1);
    expect(missing.json().checks.find((c: { name: string }) => c.name === 'llm ollama').message).toMatch(
      /qwen2.5:7b is not offered \(offered: llama3.1:8b\)/,
    );
  });

  it('a cloud LLM without its key is a warning naming the variable', async () => {
    vi.stubEnv(
      'AISLE_CONFIG',
      configFile({
        llm: {
          enabled: true,
          providers: [
            { name: 'cloud', baseUrl: 'https://api.example.com/v1', model: 'gpt', apiKeyEnv: 'AISLE_TEST_NO_SUCH_KEY' },
          ],
        },
      }),
    );
    const r = await aisle('--data-dir', healthyDataDir(), 'doctor');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('AISLE_TEST_NO_SUCH_KEY is not set');
  });
});
