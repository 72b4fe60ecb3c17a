/**
 * The `aisle` binary as a newcomer runs it after `npm run build`: the Must-show commands of the
 * spine, through bin/aisle.mjs and the built out/main/cli.js, in child processes.
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../support/runtime';
import { BIN, BUILT, BUILT_ENV, ROOT, builtAisle } from '../../support/built-cli';
import { builtWorkerScript } from '../../../src-main/shared/find-up';

const root = ROOT;
const bin = BIN;
const built = BUILT;
const env = BUILT_ENV;
const aisle = builtAisle;

describe.skipIf(!built)('the built aisle command', () => {
  const data = tempDir('aisle-cli-');
  beforeAll(async () => {
    const r = await aisle('--data-dir', data, 'demo', '--json');
    expect(r.code, r.stderr).toBe(0);
  }, 120_000);

  it('demo --json loads the demo store and reports its counts', async () => {
    const r = await aisle('--data-dir', data, 'doctor', '--json');
    const report = JSON.parse(r.stdout);
    expect(report.counts.products).toBeGreaterThanOrEqual(300);
    expect(report.counts.variants).toBeGreaterThanOrEqual(2000);
    expect(report.counts.customers).toBeGreaterThanOrEqual(500);
    expect(report).toMatchObject({
      status: expect.any(String),
      version: expect.any(String),
      schemaVersion: expect.any(Number),
      dataDir: data,
    });
    expect(report.checks.find((c: { name: string }) => c.name === 'database').status).toBe('ok');
  });

  it('products search "jacket" --json returns SKUs with price, size, colour, stock here and as-of', async () => {
    const r = await aisle('--data-dir', data, 'products', 'search', 'jacket', '--json');
    expect(r.code).toBe(0);
    const { results } = JSON.parse(r.stdout);
    expect(results.length).toBeGreaterThan(0);
    for (const x of results) {
      expect(Object.keys(x)).toEqual(
        expect.arrayContaining([
          'sku',
          'productId',
          'title',
          'brand',
          'price',
          'currency',
          'size',
          'color',
          'stockHere',
          'asOf',
        ]),
      );
      expect(x.title.toLowerCase()).toContain('jacket');
      expect(Number.isInteger(x.price)).toBe(true);
    }
    expect(results.some((x: { stockHere: number; asOf: string | null }) => x.stockHere > 0 && x.asOf)).toBe(true);
  });

  it('a usage error exits 2 with the usage; an unknown command too', async () => {
    expect((await aisle('--data-dir', data, 'products', 'search')).code).toBe(2);
    const unknown = await aisle('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command');
  });

  it('serve answers the app page with 200 and refuses /rpc and /events without the token', async () => {
    const child = spawn(process.execPath, [bin, '--data-dir', data, 'serve', '--port', '0'], { env });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        const onData = (c: Buffer) => {
          out += c.toString('utf8');
          const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
          if (m) resolve(m[0]);
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
      });
      const get = (p: string, method = 'GET') =>
        new Promise<number>((resolve, reject) => {
          const req = http.request(url + p.replace(/^\//, ''), { method }, (res) => {
            res.resume();
            resolve(res.statusCode!);
          });
          req.on('error', reject);
          req.end();
        });
      expect(await get('/')).toBe(200);
      expect(await get('/rpc/catalog.search', 'POST')).toBe(401);
      expect(await get('/rpc/app.status', 'POST')).toBe(401);
      expect(await get('/events')).toBe(401);
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('ships its worker threads where bundled code can find them', () => {
    const fromChunk = pathToFileURL(path.join(root, 'out', 'main', 'chunks', 'any.js')).href;
    expect(builtWorkerScript('sync-worker', fromChunk)).toBe(path.join(root, 'out', 'main', 'sync-worker.js'));
    expect(builtWorkerScript('train-worker', fromChunk)).toBe(path.join(root, 'out', 'main', 'train-worker.js'));
    expect(builtWorkerScript('gmc-parse-worker', fromChunk)).toBe(
      path.join(root, 'out', 'main', 'gmc-parse-worker.js'),
    );
  });
});
